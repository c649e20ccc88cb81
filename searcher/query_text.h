#pragma once
// A query as typed, cut into pieces (words, field:value words, quoted phrases, brackets, spaces),
// so that it can be rewritten before Xapian's QueryParser reads it: multi-word field values without
// quotes, English names in free text, and a field's filters taken out for its own facet.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace marsad::searcher {

/** One piece of a query. Joining the pieces' `text` gives the query back. */
struct QueryPiece {
  enum class Kind { Space, Word, Open, Close };
  Kind kind = Kind::Word;
  std::string text;   // as typed (a quoted phrase with its quotes and spaces)
  int depth = 0;      // brackets around it
  std::string field;  // for field:value, the field name (lower-case ASCII letters), else empty
};

/** The pieces of `query`; `fields` are the names that make `name:value` a field (others stay words). */
std::vector<QueryPiece> split_query(std::string_view query, const std::vector<std::string>& fields);
std::string join_pieces(const std::vector<QueryPiece>& pieces);

/** AND, OR, NOT, XOR, NEAR, ADJ (with /N too): QueryParser's operator words. */
bool is_operator_word(std::string_view word);

/** Whether `query` is words, phrases and field filters only: no brackets and no operator words. */
bool is_plain_query(std::string_view query, const std::vector<std::string>& fields);

/** The value of a field:value piece, without its quotes. */
std::string field_value(const QueryPiece& piece);

/**
 * Quotes a field value typed over several words: `source:صحيفة الأفق` becomes
 * `source:"صحيفة الأفق"` when `known(field, "صحيفة الأفق")`. The longest known run of up to five
 * plain words after the value is taken; an unknown run is left as typed.
 */
std::string quote_field_values(std::string_view query, const std::vector<std::string>& fields,
                               const std::function<bool(const std::string& field, const std::string& value)>& known);

/**
 * The aliases of a name without those that hold another of them as a run of whole words ("الرئيس
 * عبد ربه منصور هادي" holds "منصور هادي"): such a phrase finds only reports the shorter one finds,
 * and each phrase left out of an alternative is positions the match need not read. Order kept.
 */
std::vector<std::string> shortest_aliases(const std::vector<std::string>& aliases);

/**
 * Replaces runs of Latin words in free text (up to four, longest first) for which `expand` gives a
 * replacement, such as the Arabic aliases of an English place name. Operators, fields, quoted
 * phrases and words with a sign (+, -) are left alone.
 */
std::string expand_latin_words(std::string_view query, const std::vector<std::string>& fields,
                               const std::function<std::optional<std::string>(const std::string& words)>& expand);

/**
 * `query` without its `field` filters, for the facet of that field; nullopt when one of them is not
 * a plain top-level condition (inside brackets, signed, or next to an operator), since taking it out
 * would change what the rest means. An empty string means nothing else is left.
 */
std::optional<std::string> without_field(std::string_view query, const std::vector<std::string>& fields,
                                         std::string_view field);

}  // namespace marsad::searcher

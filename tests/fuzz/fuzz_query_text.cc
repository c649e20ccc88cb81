// Fuzz target: a query as typed, through the searcher's rewriting (pieces, multi-word field values,
// Latin names, a facet's query without its field) and the date field and range processors. Xapian's
// QueryParser is left out: it leaks its parse state when a processor throws (date:2020-13).
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/errors.h"
#include "common/schema.h"
#include "common/text/normalizer.h"
#include "searcher/date_range.h"
#include "searcher/query_text.h"

using namespace marsad;
using namespace marsad::searcher;

namespace {

// The searcher's query fields.
const std::vector<std::string> kFields = {"actor", "place", "claim", "claimant", "source", "title", "id", "date", "exact"};

/** Which values and Latin names count as known: a fixed few, so that the rewrites happen. */
bool known(const std::string& field, const std::string& value) {
  return (field == "source" && value == "صحيفة الافق") || (field == "place" && (value == "دير البلح" || value == "Gaza"));
}
std::optional<std::string> expand(const std::string& words) {
  if (words == "Gaza" || words == "gaza") return std::string("(غزة OR \"قطاع غزة\")");
  if (words == "Deir al Balah") return std::string("\"دير البلح\"");
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const text::Normalizer query_normalizer(text::NormalizerOptions{.lowercase = false});
  static DateRangeProcessor date_range(schema::kDateSlot, "date:");
  static DateFieldProcessor date_field(schema::kDateSlot);

  const std::string query(reinterpret_cast<const char*>(data), size);
  const auto pieces = split_query(query, kFields);
  if (join_pieces(pieces) != query) std::abort();  // the pieces give the query back
  for (const QueryPiece& piece : pieces)
    if (!piece.field.empty()) field_value(piece);
  is_plain_query(query, kFields);
  for (const std::string& field : kFields) without_field(query, kFields, field);
  date_span(query);

  const std::string rewritten = expand_latin_words(quote_field_values(query, kFields, known), kFields, expand);
  try {
    query_normalizer.normalize(rewritten);
  } catch (const InvalidUtf8Error&) {
  }
  // The processors get what follows date: in the query, split at ".." for a range.
  try {
    date_field(query);
  } catch (const QueryError&) {
  }
  const std::size_t dots = query.find("..");
  try {
    if (dots != std::string::npos) date_range(query.substr(0, dots), query.substr(dots + 2));
  } catch (const QueryError&) {
  }
  return 0;
}

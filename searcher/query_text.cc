#include "searcher/query_text.h"

#include <algorithm>

#include "common/text/strings.h"

namespace marsad::searcher {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_latin_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/** A word of Latin letters, with hyphens, dots or apostrophes inside (Nagorno-Karabakh, Sana'a). */
bool is_latin_word(std::string_view w) {
  if (w.empty() || !is_latin_letter(w.front())) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return is_latin_letter(c) || c == '-' || c == '\'' || c == '.'; });
}

/** A word that is free text and nothing else: no field, operator, quote, sign or wildcard. */
bool is_plain_word(const QueryPiece& p) {
  if (p.kind != QueryPiece::Kind::Word || !p.field.empty() || is_operator_word(p.text)) return false;
  const char first = p.text.front();
  return first != '"' && first != '+' && first != '-' && p.text.find_first_of("\"*:") == std::string::npos;
}

/** The word pieces at and after `i` (skipping spaces), at most `n`, stopping at anything else. */
std::vector<std::size_t> following_words(const std::vector<QueryPiece>& pieces, std::size_t i, std::size_t n,
                                         const std::function<bool(const QueryPiece&)>& accept) {
  std::vector<std::size_t> out;
  for (std::size_t j = i; j < pieces.size() && out.size() < n; ++j) {
    if (pieces[j].kind == QueryPiece::Kind::Space) continue;
    if (!accept(pieces[j])) break;
    out.push_back(j);
  }
  return out;
}

std::string words_text(const std::vector<QueryPiece>& pieces, const std::vector<std::size_t>& at, std::size_t count) {
  std::string out;
  for (std::size_t k = 0; k < count; ++k) out += (k ? " " : "") + pieces[at[k]].text;
  return out;
}

/** Replaces pieces from..to (inclusive) with one word. */
void replace_run(std::vector<QueryPiece>& pieces, std::size_t from, std::size_t to, std::string text) {
  QueryPiece merged = pieces[from];
  merged.text = std::move(text);
  pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(from), pieces.begin() + static_cast<std::ptrdiff_t>(to) + 1);
  pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(from), std::move(merged));
}

}  // namespace

bool is_operator_word(std::string_view word) {
  for (std::string_view op : {"AND", "OR", "NOT", "XOR"})
    if (word == op) return true;
  for (std::string_view op : {"NEAR", "ADJ"})
    if (word.starts_with(op) && (word.size() == op.size() || word[op.size()] == '/')) return true;
  return false;
}

std::vector<QueryPiece> split_query(std::string_view query, const std::vector<std::string>& fields) {
  std::vector<QueryPiece> pieces;
  int depth = 0;
  for (std::size_t i = 0; i < query.size();) {
    const char c = query[i];
    if (is_space(c)) {
      std::size_t j = i;
      while (j < query.size() && is_space(query[j])) ++j;
      pieces.push_back({QueryPiece::Kind::Space, std::string(query.substr(i, j - i)), depth, ""});
      i = j;
    } else if (c == '(') {
      pieces.push_back({QueryPiece::Kind::Open, "(", depth++, ""});
      ++i;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
      pieces.push_back({QueryPiece::Kind::Close, ")", depth, ""});
      ++i;
    } else {
      // A word runs to a space or bracket; a quote inside it runs to the closing quote.
      std::size_t j = i;
      bool quoted = false;
      while (j < query.size() && (quoted || (!is_space(query[j]) && query[j] != '(' && query[j] != ')'))) {
        if (query[j] == '"') quoted = !quoted;
        ++j;
      }
      QueryPiece word{QueryPiece::Kind::Word, std::string(query.substr(i, j - i)), depth, ""};
      const std::size_t colon = word.text.find(':');
      if (colon != std::string::npos && colon > 0) {
        const std::string name = word.text.substr(0, colon);
        if (std::find(fields.begin(), fields.end(), name) != fields.end()) word.field = name;
      }
      pieces.push_back(std::move(word));
      i = j;
    }
  }
  return pieces;
}

std::string join_pieces(const std::vector<QueryPiece>& pieces) {
  std::string out;
  for (const QueryPiece& p : pieces) out += p.text;
  return out;
}

bool is_plain_query(std::string_view query, const std::vector<std::string>& fields) {
  for (const QueryPiece& p : split_query(query, fields)) {
    if (p.kind == QueryPiece::Kind::Open || p.kind == QueryPiece::Kind::Close) return false;
    if (p.kind == QueryPiece::Kind::Word && is_operator_word(p.text)) return false;
  }
  return true;
}

std::string field_value(const QueryPiece& piece) {
  std::string value = piece.text.substr(piece.field.size() + 1);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  return value;
}

std::string quote_field_values(std::string_view query, const std::vector<std::string>& fields,
                               const std::function<bool(const std::string&, const std::string&)>& known) {
  constexpr std::size_t kMaxExtraWords = 5;
  std::vector<QueryPiece> pieces = split_query(query, fields);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const QueryPiece& p = pieces[i];
    if (p.field.empty() || p.text.size() == p.field.size() + 1 || p.text[p.field.size() + 1] == '"') continue;
    const std::vector<std::size_t> extra = following_words(pieces, i + 1, kMaxExtraWords, is_plain_word);
    const std::string value = p.text.substr(p.field.size() + 1);
    for (std::size_t n = extra.size(); n > 0; --n) {
      const std::string candidate = value + " " + words_text(pieces, extra, n);
      if (known(p.field, candidate)) {
        replace_run(pieces, i, extra[n - 1], p.field + ":\"" + candidate + "\"");
        break;
      }
    }
  }
  return join_pieces(pieces);
}

std::vector<std::string> shortest_aliases(const std::vector<std::string>& aliases) {
  std::vector<std::vector<std::string>> split;
  for (const std::string& alias : aliases) split.push_back(text::split(alias, ' '));
  auto holds = [](const std::vector<std::string>& longer, const std::vector<std::string>& shorter) {
    return !shorter.empty() && shorter.size() < longer.size() &&
           std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) != longer.end();
  };
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < aliases.size(); ++i) {
    const bool redundant = std::any_of(split.begin(), split.end(), [&](const auto& other) { return holds(split[i], other); });
    if (!redundant) kept.push_back(aliases[i]);
  }
  return kept;
}

std::string expand_latin_words(std::string_view query, const std::vector<std::string>& fields,
                               const std::function<std::optional<std::string>(const std::string&)>& expand) {
  constexpr std::size_t kMaxWords = 4;
  std::vector<QueryPiece> pieces = split_query(query, fields);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::vector<std::size_t> run = following_words(
        pieces, i, kMaxWords, [](const QueryPiece& p) { return is_plain_word(p) && is_latin_word(p.text); });
    if (run.empty() || run.front() != i) continue;
    for (std::size_t n = run.size(); n > 0; --n) {
      if (std::optional<std::string> replacement = expand(words_text(pieces, run, n))) {
        replace_run(pieces, i, run[n - 1], *replacement);
        break;
      }
    }
  }
  return join_pieces(pieces);
}

std::optional<std::string> without_field(std::string_view query, const std::vector<std::string>& fields,
                                         std::string_view field) {
  std::vector<QueryPiece> pieces = split_query(query, fields);
  auto neighbour_is_operator = [&](std::size_t i, int step) {
    for (auto j = static_cast<std::ptrdiff_t>(i) + step; j >= 0 && j < static_cast<std::ptrdiff_t>(pieces.size()); j += step) {
      const QueryPiece& p = pieces[static_cast<std::size_t>(j)];
      if (p.kind == QueryPiece::Kind::Space) continue;
      return p.kind == QueryPiece::Kind::Word && is_operator_word(p.text);
    }
    return false;
  };
  std::vector<QueryPiece> kept;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].field != field) {
      kept.push_back(pieces[i]);
      continue;
    }
    if (pieces[i].depth > 0 || neighbour_is_operator(i, -1) || neighbour_is_operator(i, +1)) return std::nullopt;
  }
  std::string rest = join_pieces(kept);
  const bool blank = std::all_of(rest.begin(), rest.end(), is_space);
  return blank ? std::string() : rest;
}

}  // namespace marsad::searcher

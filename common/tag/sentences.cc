#include "common/tag/sentences.h"

#include <string_view>

namespace marsad::tag {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/** White space a sentence mark must be followed by: ASCII blanks, no-break spaces (U+00A0, U+202F),
 *  and the direction marks (U+200E, U+200F, U+061C) that editors leave around punctuation. */
std::size_t space_at(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v') return 1;
  for (std::string_view space : {"\u00A0", "\u202F", "\u200E", "\u200F", "\u061C"})
    if (starts_with(s, space)) return space.size();
  return 0;
}

/** A mark that ends a sentence: . ! ? and the Arabic question mark and semicolon (U+061F, U+061B). */
std::size_t end_mark_at(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == '.' || s[0] == '!' || s[0] == '?') return 1;
  for (std::string_view mark : {"\u061F", "\u061B", "\u2026"})  // ؟ ؛ …
    if (starts_with(s, mark)) return mark.size();
  return 0;
}

/** Closing quotes and brackets that may stand between the mark and the space: «…» "…" (…). */
std::size_t closer_at(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']') return 1;
  for (std::string_view closer : {"\u00BB", "\u201D", "\u2019", "\uFD3E", "\uFD3F"})  // » ” ’ ﴾ ﴿
    if (starts_with(s, closer)) return closer.size();
  return 0;
}

/** A one-letter word before a full stop is an initial or an abbreviation (د. for doctor, أ. for
 *  professor, م. for engineer) unless a number precedes it (2015 م. is the era mark ending a sentence). */
bool abbreviation_before(std::string_view text, const std::vector<text::AnalyzedToken>& tokens, std::size_t i) {
  const text::Token& token = tokens[i].token;
  if (token.kind != text::TokenKind::Word) return false;
  std::string_view word = text.substr(token.begin, token.end - token.begin);
  // One ASCII letter, or one two-byte Arabic letter (an optional ـ U+0640 after it, as in هـ).
  bool one_letter = word.size() == 1 || (word.size() == 2 && static_cast<unsigned char>(word[0]) >= 0xC0) ||
                    (word.size() == 4 && starts_with(word.substr(2), "\u0640"));
  if (!one_letter) return false;
  return i == 0 || tokens[i - 1].token.kind != text::TokenKind::Number;
}

/** Where the gap after tokens[i] ends a sentence: the byte after the mark and its closers, or npos. */
std::size_t boundary_in_gap(std::string_view text, const std::vector<text::AnalyzedToken>& tokens, std::size_t i,
                            std::string_view gap, std::size_t gap_begin) {
  for (std::size_t k = 0; k < gap.size(); ++k) {
    if (gap[k] == '\n' || gap[k] == '\r') return gap_begin + k;
    std::size_t mark = end_mark_at(gap.substr(k));
    if (mark == 0) continue;
    std::size_t after = k + mark;
    // Runs of marks (?! ...) and closing quotes stay with the sentence.
    for (std::size_t more; (more = end_mark_at(gap.substr(after))) || (more = closer_at(gap.substr(after)));)
      after += more;
    bool followed_by_space = after == gap.size() ? i + 1 == tokens.size() : space_at(gap.substr(after)) > 0;
    if (!followed_by_space) {
      k = after - 1;
      continue;
    }
    if (gap[k] == '.' && k == 0 && abbreviation_before(text, tokens, i)) {
      k = after - 1;
      continue;
    }
    return gap_begin + after;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view text, const std::vector<text::AnalyzedToken>& tokens) {
  std::vector<SentenceSpan> spans;
  if (tokens.empty()) return spans;
  std::size_t first = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool last = i + 1 == tokens.size();
    std::size_t gap_begin = tokens[i].token.end;
    std::size_t gap_end = last ? text.size() : tokens[i + 1].token.begin;
    std::string_view gap = text.substr(gap_begin, gap_end - gap_begin);
    std::size_t end = boundary_in_gap(text, tokens, i, gap, gap_begin);
    if (end == std::string_view::npos && !last) continue;
    if (end == std::string_view::npos) {
      // The text ends: the sentence keeps the punctuation after its last word, not the trailing space.
      end = gap_begin;
      while (end < text.size() && !space_at(text.substr(end))) ++end;
    } else {
      // A break at a line end: keep whatever precedes it on the line, trimmed of spaces.
      while (end > gap_begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
    }
    SentenceSpan span;
    span.first_token = first;
    span.last_token = i;
    span.begin = tokens[first].token.begin;
    // An opening quote or bracket directly before the first word belongs to the sentence.
    std::size_t before = span.begin;
    std::size_t floor = spans.empty() ? 0 : spans.back().end;
    while (before > floor) {
      unsigned char c = static_cast<unsigned char>(text[before - 1]);
      if (c == '"' || c == '(' || c == '[' || c == '\'') {
        --before;
      } else if (before >= floor + 2 && text.substr(before - 2, 2) == "\u00AB") {  // «
        before -= 2;
      } else if (before >= floor + 3 && text.substr(before - 3, 3) == "\u201C") {  // “
        before -= 3;
      } else {
        break;
      }
    }
    span.begin = before;
    span.end = end;
    spans.push_back(span);
    first = i + 1;
  }
  return spans;
}

}  // namespace marsad::tag

#pragma once
// Sentence boundaries in analysed text.
#include <cstddef>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"

namespace marsad::tag {

struct SentenceSpan {
  std::size_t begin = 0, end = 0;               // bytes
  std::size_t first_token = 0, last_token = 0;  // inclusive; spans without tokens are not returned
};

/** Splits at . ! ? ؟ ؛ and line breaks between tokens, not inside numbers (1.500, 2.5) or
 *  abbreviations (أ.ف.ب، د.). Stateless and thread-safe. */
std::vector<SentenceSpan> split_sentences(std::string_view text, const std::vector<text::AnalyzedToken>& tokens);

}  // namespace marsad::tag

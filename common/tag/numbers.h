#pragma once
// Numbers in analysed text, in digits or in words: a tagging pass over the tokens of Analyzer.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"

namespace marsad::tag {

/** A number written in a text: digits (Western or Arabic-Indic, with , ٬ or . as thousands separator
 *  and . or ٫ as decimal point), digits with a scale word (30 ألف، 2.5 مليون، ١٢ ألفا), number words
 *  (ثلاثة، ثلاثين، ثلاثون، مئة/مائة، مئتين، ثلاثمئة، ألف، ألفين، آلاف، خمسة وعشرون/خمسة وعشرين، عشرة آلاف،
 *  مليون، مليونين), and vague counts (عشرات، مئات، آلاف، عشرات الآلاف، مئات الآلاف، بضعة، عدة). */
struct NumberMention {
  std::size_t begin = 0, end = 0;               // byte offsets in the text
  std::size_t first_token = 0, last_token = 0;  // indices into the token vector, inclusive
  std::optional<std::int64_t> value;            // empty for vague counts; fractions like 2.5 مليون give 2500000
  std::string vague;  // "" or "dozens", "hundreds", "thousands", "tens_of_thousands",
                      // "hundreds_of_thousands", "millions", "billions", "few", "several"
};

/**
 * Finds numbers with a table of normalized number words (masculine and feminine, nominative and
 * oblique, tanwin ألفا) and the rules that join them: teens, و between parts (ثلاثمئة وخمسة وعشرون),
 * a count before a scale (عشرة آلاف، 30 ألف), descending scales (3 ملايين و500 ألف، مليون ونصف).
 * ICU's spell-out parser is not used: it misses oblique forms (ثلاثين) and مئة, and a table is faster.
 * Words with the article are counts only as vague plurals (العشرات، الآلاف), so في المئة is no number.
 * A lone "." before exactly three digits separates thousands unless a scale word follows (1.500 قتيل is
 * 1500, 1.500 مليون is 1500000). Digits of a clock time (10:30) and decimals that stay fractional (12.5)
 * are skipped.
 * Stateless and thread-safe.
 */
class NumberRecognizer {
 public:
  /** Every number in the text, in order and without overlap; tokens come from Analyzer::analyze(text). */
  std::vector<NumberMention> find(std::string_view text, const std::vector<text::AnalyzedToken>& tokens) const;

  /** The longest number that starts at tokens[index], if one does. */
  std::optional<NumberMention> match_at(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                        std::size_t index) const;
};

// Helpers shared by the tagging passes.

/** The text between tokens[i] and tokens[i + 1] with spaces trimmed: "" when only spaces separate them,
 *  "/" in 30/9/2020, "\n" when a line break does; "\n" too when tokens[i] is the last token. */
std::string_view separator_after(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                 std::size_t i);

/** A token's normalized core as the tag word tables are keyed, and which clitics came off it. When
 *  the segmenter left a leading و or ف on the word (وغدا), `bare` is the core without it. */
struct TableKey {
  std::string_view core;
  std::string_view bare;     // core without a leading و/ف the segmenter kept, else equal to core
  bool article = false;      // ال came off
  bool conjunction = false;  // و or ف came off
};
TableKey table_key(const text::AnalyzedToken& token);

/** The forms the analysis chain can give a word as usually written: its normalized form, and the
 *  form with the other hamza seat (مئات → ميات, موات), for building tables keyed like TableKey. */
std::vector<std::string> normalized_spellings(std::string_view word);

}  // namespace marsad::tag

#pragma once
// Stage 3 of the analysis chain: proclitics and enclitic pronouns off a normalized word.
#include <functional>
#include <string>
#include <string_view>

#include "common/text/lexicon.h"

namespace marsad::text {

/** A word split as proclitic + core + enclitic. The core of "للمفاوضات" is "مفاوضات" (ل + ال). */
struct Segmentation {
  std::string proclitic;  // e.g. "وبال", "" when none
  std::string core;
  std::string enclitic;   // e.g. "ها", "" when none
  Attestation attestation = Attestation::Unknown;  // how well the core is attested
};

/**
 * Splits conjunctions (و ف), prepositions (ب ك ل), the future marker س, the article ال and
 * enclitic pronouns (ه ها هم هما هن ك كم كن نا ي) off a normalized word. Among all splits whose
 * core the attest function recognizes, the one that strips least for the best-attested core wins
 * (so وزير, بغداد, لبنان stay whole, and لغزة is ل + غزة, not لغز + ه); when none is recognized,
 * only unambiguous clitics come off, keeping three letters.
 * Thread-safe.
 */
class CliticSegmenter {
 public:
  using AttestFunction = std::function<Attestation(std::string_view core)>;
  using WordPredicate = std::function<bool(std::string_view word)>;
  /** is_function_word names particles and pronouns (the stop words): after و or ف they are
   *  taken as a core even when the whole word is listed (وفي is و + في, not "loyal"). */
  explicit CliticSegmenter(AttestFunction attest, WordPredicate is_function_word = {})
      : attest_(std::move(attest)), is_function_word_(std::move(is_function_word)) {}

  /** initial_hamza: the word as written starts with أ إ آ, so a leading ا ل is not the article
   *  (آلام "pains" is not ال + ام). */
  Segmentation segment(std::string_view normalized_word, bool initial_hamza = false) const;

 private:
  Segmentation fallback(std::string_view word) const;
  AttestFunction attest_;
  WordPredicate is_function_word_;
};

}  // namespace marsad::text

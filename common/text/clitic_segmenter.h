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
  explicit CliticSegmenter(AttestFunction attest) : attest_(std::move(attest)) {}

  Segmentation segment(std::string_view normalized_word) const;

 private:
  Segmentation fallback(std::string_view word) const;
  AttestFunction attest_;
};

}  // namespace marsad::text

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
   *  taken as a core even when the whole word is listed (وفي is و + في, not "loyal"). lexicon, when
   *  given, tells the forms of a form VIII verb whose ال are its own letters (التقى، التقت) and the
   *  words whose final ه is no ة (see Ending). It must outlive the segmenter. */
  explicit CliticSegmenter(AttestFunction attest, WordPredicate is_function_word = {}, const Lexicon* lexicon = nullptr)
      : attest_(std::move(attest)), is_function_word_(std::move(is_function_word)), lexicon_(lexicon) {}

  /** The last letter of the word as written, which normalization folds (ة and ه are both ه). */
  enum class Ending {
    Unknown,
    TaMarbuta,   // ة
    HamzaAlef,   // أ: the ا of the normalized word is no tanween (وبدأ is و + بدأ, not وبد + ا)
    Ha,         // ه: the pronoun, or a letter of the word, but no ة (بلاده is بلاد + ه, not بلادة)
  };
  /** The Ending of a word as written (marks and tatweel after the last letter ignored). */
  static Ending ending_of(std::string_view written_word);

  Segmentation segment(std::string_view normalized_word, bool initial_hamza = false, Ending ending = Ending::Unknown) const;

 private:
  Segmentation fallback(std::string_view word) const;
  /** A form of a form VIII verb whose initial ال is no article (التقى of لقي). */
  bool article_is_radical(std::string_view word) const;
  AttestFunction attest_;
  WordPredicate is_function_word_;
  const Lexicon* lexicon_;
};

}  // namespace marsad::text

#pragma once
// The analysis chain, composed: tokenize the text as written → normalize each word → segment clitics →
// stem. Tokenizing first keeps byte offsets into the original text. Indexing, querying (through
// ArabicStemImplementation) and marsad-tag all go through Analyzer.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/text/clitic_segmenter.h"
#include "common/text/lexicon.h"
#include "common/text/normalizer.h"
#include "common/text/stemmer.h"
#include "common/text/stopwords.h"
#include "common/text/tokenizer.h"

namespace marsad::text {

/** Bumped whenever the rules of the chain change the terms a word gets, so that an index built
 *  with older rules is refused instead of silently missing matches. */
inline constexpr int kAnalysisRulesVersion = 4;

/** A normalized word or stem longer than this (a URL, base64, a run of letters) is cut to it with
 *  a hash of the whole (text::fit_with_hash), so that its terms stay within Xapian's term limit. */
inline constexpr std::size_t kMaxWordBytes = 120;

/** The settings that decide index terms; an index records them and refuses others. */
struct AnalyzerSettings {
  StemmerKind stemmer = StemmerKind::Light;

  /** One line naming every setting, the rules version and the lexicon data, stored in index metadata. */
  std::string describe(const Lexicon& lexicon) const;
};

/** A hash of a word for the bit filters in front of look-up tables (FNV-1a); the same everywhere. */
inline std::uint64_t lookup_hash(std::string_view word) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

/** One reading that word-by-word look-ups try for a word: the word itself, without one leading
 *  و/ف, without its proclitics, or the segmenter's core; with the letters it drops and its hash. */
struct LookupReading {
  bool core = false;       // the segmenter's core; else `normalized` from byte `begin`
  std::uint8_t begin = 0;
  std::uint8_t removals = 0;
  std::uint64_t hash = 0;  // lookup_hash of the reading
};

/** What the chain makes of one word as written. */
struct WordAnalysis {
  std::string normalized;  // after Normalizer
  Segmentation segments;   // clitics and core of `normalized`
  std::string stem;        // the index term (without the schema's stem prefix)
  bool number = false;
  bool stopword = false;   // in the built-in stop-word list (still indexed)
  /** Where `normalized` begins without one leading و/ف, and without all its proclitics (و/ف, then
   *  ب/ك/ل, then ال; three letters kept), as byte offsets (0: nothing comes off), with the letters each
   *  reading removes: the readings word-by-word lookups try besides the segmenter's core. */
  std::uint8_t without_conjunction = 0, without_proclitics = 0, proclitic_letters = 0, core_letters_removed = 0;
  /** The distinct readings, whole word first, fewest letters dropped first (a number: itself only). */
  LookupReading readings[4];
  std::uint8_t reading_count = 0;

  std::string_view reading(std::size_t k) const {
    const LookupReading& r = readings[k];
    return r.core ? std::string_view(segments.core) : std::string_view(normalized).substr(r.begin);
  }
};

/** A token of a text with its analysis; `analysis` stays valid until the next analyze() call. */
struct AnalyzedToken {
  Token token;
  std::size_t position = 0;  // 1-based word position
  const WordAnalysis* analysis = nullptr;
};

/**
 * Runs the chain over texts and single words. Keeps a cache of word analyses, so it is cheap on
 * running text but not thread-safe: use one Analyzer per thread (they share the Lexicon).
 */
class Analyzer {
 public:
  explicit Analyzer(AnalyzerSettings settings = {}, const Lexicon& lexicon = Lexicon::builtin());

  /** Analyses every word and number of text (valid UTF-8, else InvalidUtf8Error). */
  void analyze(std::string_view text, std::vector<AnalyzedToken>& out);
  std::vector<AnalyzedToken> analyze(std::string_view text);

  /** Analysis of one word exactly as written (diacritics and all). */
  const WordAnalysis& analyze_word(std::string_view word);

  const AnalyzerSettings& settings() const { return settings_; }
  const Lexicon& lexicon() const { return lexicon_; }
  const Normalizer& normalizer() const { return normalizer_; }

 private:
  WordAnalysis compute(std::string_view word, TokenKind kind);
  const WordAnalysis& cached(std::string_view word, TokenKind kind);

  AnalyzerSettings settings_;
  const Lexicon& lexicon_;
  const StopWordList& stopwords_;
  Normalizer normalizer_;
  Tokenizer tokenizer_;
  std::unique_ptr<Stemmer> stemmer_;
  CliticSegmenter segmenter_;
  std::vector<Token> tokens_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, WordAnalysis, Hash, std::equal_to<>> cache_;
};

}  // namespace marsad::text

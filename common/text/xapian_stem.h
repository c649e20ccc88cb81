#pragma once
// The analysis chain as a Xapian stemmer, so that QueryParser and MSet::snippet find the same
// terms that the indexer wrote.
#include <xapian.h>

#include "common/text/analyzer.h"

namespace marsad::text {

/**
 * Normalize + segment clitics + stem of one word, behind Xapian's StemImplementation interface.
 * Not thread-safe (it owns an Analyzer): give each thread its own Xapian::Stem from make_xapian_stem.
 */
class ArabicStemImplementation : public Xapian::StemImplementation {
 public:
  explicit ArabicStemImplementation(AnalyzerSettings settings) : analyzer_(settings) {}
  std::string operator()(const std::string& word) override { return analyzer_.analyze_word(word).stem; }
  std::string get_description() const override {
    return "marsad-arabic(" + analyzer_.settings().describe(analyzer_.lexicon()) + ")";
  }

 private:
  Analyzer analyzer_;
};

inline Xapian::Stem make_xapian_stem(AnalyzerSettings settings = {}) {
  return Xapian::Stem(new ArabicStemImplementation(settings));
}

}  // namespace marsad::text

// Fuzz target: clitic segmentation of the words of a text, directly and through the analyzer's
// word analysis, with both stemmers as the judge of attested cores.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "common/text/analyzer.h"
#include "common/text/clitic_segmenter.h"
#include "common/text/lexicon.h"
#include "common/text/normalizer.h"
#include "common/text/stemmer.h"
#include "common/text/stopwords.h"
#include "common/text/utf8.h"

using namespace marsad::text;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Normalizer normalizer;
  static const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemmerKind::Light, Lexicon::builtin());
  static const CliticSegmenter segmenter([](std::string_view core) { return stemmer->attest(core); },
                                         [](std::string_view word) { return StopWordList::builtin().contains(word); });
  static Analyzer light(AnalyzerSettings{.stemmer = StemmerKind::Light});
  static Analyzer snowball(AnalyzerSettings{.stemmer = StemmerKind::Snowball});

  // The indexer repairs invalid UTF-8 before any analysis.
  const std::string text = repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find(' ', begin);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + begin, end - begin);
    begin = end + 1;
    if (word.empty()) continue;
    const std::string normalized = normalizer.normalize(word);
    for (bool hamza : {false, true}) {
      Segmentation s = segmenter.segment(normalized, hamza);
      if (find_invalid_utf8(s.proclitic + s.core + s.enclitic) != std::string::npos) std::abort();
    }
    light.analyze_word(word);
    snowball.analyze_word(word);
  }
  return 0;
}

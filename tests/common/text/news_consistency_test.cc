// On real news text (the external SaudiNewsNet corpus): a word and the same word with a clitic in
// front, both frequent in the corpus, should mostly share an index term. Not every pair should
// (وقت is not و + قت), so the check is a rate per clitic, a guard against regressions.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/io/line_reader.h"
#include "common/text/analyzer.h"

namespace marsad::text {
namespace {

const std::string kCorpus = std::string(MARSAD_SOURCE_DIR) + "/../shared/data/saudinewsnet/saudinewsnet.jsonl.gz";

std::unordered_map<std::string, int> word_counts(Analyzer& analyzer) {
  std::unordered_map<std::string, int> counts;
  io::LineReader lines(kCorpus);
  std::string line;
  std::vector<AnalyzedToken> tokens;
  while (lines.next(line)) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) continue;
    std::string text = record.value("title", "") + "\n" + record.value("body", "");
    analyzer.analyze(text, tokens);
    // Counted as written: the analysis reads the letters normalization folds (ة beside ه).
    for (const auto& t : tokens)
      if (!t.analysis->number) ++counts[text.substr(t.token.begin, t.token.end - t.token.begin)];
  }
  return counts;
}

/** The corpus's word counts, read once for the tests of this file (an empty map without the corpus). */
class NewsConsistency : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::filesystem::exists(kCorpus)) counts_ = word_counts(analyzer());
  }
  void SetUp() override {
    if (!std::filesystem::exists(kCorpus)) GTEST_SKIP() << kCorpus << " not found (the external news corpus is not beside this checkout)";
  }
  static Analyzer& analyzer() {
    static Analyzer a;
    return a;
  }
  /** Pairs of a frequent word (20 times or more) and `other(word)` (5 times or more; skipped when
   *  empty), and how many of them share an index term. */
  template <class Other>
  static std::pair<int, int> agreement(Other&& other) {
    int pairs = 0, agree = 0;
    for (const auto& [word, n] : counts_) {
      if (n < 20) continue;
      const std::string form = other(word);
      if (form.empty()) continue;
      auto it = counts_.find(form);
      if (it == counts_.end() || it->second < 5) continue;
      ++pairs;
      agree += analyzer().analyze_word(form).stem == analyzer().analyze_word(word).stem;
    }
    return {pairs, agree};
  }
  static inline std::unordered_map<std::string, int> counts_;
};

TEST_F(NewsConsistency, CliticVariantsOfFrequentWordsShareTheirTerm) {
  struct Rate {
    const char* proclitic;
    double minimum;  // share of pairs that must agree
  };
  for (Rate rate : {Rate{"و", 0.93}, Rate{"ب", 0.92}, Rate{"ل", 0.92}, Rate{"ال", 0.98}, Rate{"وال", 0.98},
                    Rate{"بال", 0.98}}) {
    const bool article = std::string_view(rate.proclitic).find("ال") != std::string_view::npos;
    const auto [pairs, agree] = agreement([&](const std::string& word) {
      return article && (word.rfind("ال", 0) == 0 || word.rfind("إل", 0) == 0 || word.rfind("أل", 0) == 0)
                 ? std::string()
                 : rate.proclitic + word;
    });
    double share = pairs ? static_cast<double>(agree) / pairs : 0;
    std::cout << rate.proclitic << "+word: " << agree << "/" << pairs << " share a term\n";
    EXPECT_GT(pairs, 1000);
    EXPECT_GE(share, rate.minimum) << rate.proclitic;
  }
}

/** The same word with a pronoun ending (ه "his", ها "her/its", هم "their"), written as Arabic joins
 *  it: ة becomes ت (حكومة → حكومته), a sound masculine plural drops its ن (مقاتلين → مقاتليه). */
std::string with_pronoun(const std::string& word, const std::string& pronoun) {
  auto ends = [&](std::string_view suffix) { return word.size() >= suffix.size() && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0; };
  if (ends("ة")) return word.substr(0, word.size() - 2) + "ت" + pronoun;
  if (ends("ين") || ends("ون")) return word.substr(0, word.size() - 2) + pronoun;  // the ن falls
  return word + pronoun;
}

TEST_F(NewsConsistency, PronounVariantsOfFrequentWordsShareTheirTerm) {
  struct Rate {
    const char* pronoun;
    double minimum;  // share of pairs that must agree
  };
  for (Rate rate : {Rate{"ه", 0.86}, Rate{"ها", 0.89}, Rate{"هم", 0.87}}) {
    const auto [pairs, agree] = agreement([&](const std::string& word) { return with_pronoun(word, rate.pronoun); });
    double share = pairs ? static_cast<double>(agree) / pairs : 0;
    std::cout << "word+" << rate.pronoun << ": " << agree << "/" << pairs << " share a term\n";
    EXPECT_GT(pairs, 300);
    EXPECT_GE(share, rate.minimum) << rate.pronoun;
  }
}

}  // namespace
}  // namespace marsad::text

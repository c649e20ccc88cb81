#include "common/text/analyzer.h"

#include <gtest/gtest.h>

namespace marsad::text {
namespace {

std::vector<std::string> stems(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : analyzer.analyze(text)) out.push_back(t.analysis->stem);
  return out;
}

TEST(Analyzer, RunsTheWholeChainWithPositionsAndOffsets) {
  Analyzer analyzer;
  std::string text = "وقصفت القواتُ بغزةَ، ٣٠ منزلاً";
  auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].analysis->stem, "قصف");
  EXPECT_EQ(tokens[1].analysis->stem, "قوات");
  EXPECT_EQ(tokens[2].analysis->stem, "غزه");
  EXPECT_EQ(tokens[2].analysis->segments.proclitic, "ب");
  EXPECT_EQ(tokens[3].analysis->stem, "30");
  EXPECT_TRUE(tokens[3].analysis->number);
  EXPECT_EQ(tokens[4].position, 5u);
  EXPECT_EQ(text.substr(tokens[2].token.begin, tokens[2].token.end - tokens[2].token.begin), "بغزةَ");
}

TEST(Analyzer, SameTermForTextAndForASingleWord) {
  Analyzer analyzer;
  auto in_text = analyzer.analyze("أعلنت الحكومة وقف إطلاق النار");
  for (const auto& t : in_text) {
    Analyzer fresh;
    std::string word(std::string_view("أعلنت الحكومة وقف إطلاق النار").substr(t.token.begin, t.token.end - t.token.begin));
    EXPECT_EQ(fresh.analyze_word(word).stem, t.analysis->stem) << word;
  }
}

TEST(Analyzer, StopWordsAreFlaggedButKeepTheirPositions) {
  Analyzer analyzer;
  auto tokens = analyzer.analyze("وقف إطلاق النار في غزة");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[3].analysis->stopword);
  EXPECT_FALSE(tokens[0].analysis->stopword);
  EXPECT_EQ(tokens[4].position, 5u);
}

TEST(Analyzer, NumbersDropGroupSeparators) {
  Analyzer analyzer;
  EXPECT_EQ(stems(analyzer, "1,200 ١٬٢٠٠ 12.5"), (std::vector<std::string>{"1200", "1200", "12.5"}));
}

TEST(Analyzer, ConjunctionOnANumberIsSplitOff) {
  Analyzer analyzer;
  const WordAnalysis& a = analyzer.analyze_word("و١٥");
  EXPECT_TRUE(a.number);
  EXPECT_EQ(a.segments.proclitic, "و");
  EXPECT_EQ(a.stem, "15");
  EXPECT_EQ(stems(analyzer, "و1,200"), (std::vector<std::string>{"1200"}));
}

TEST(Analyzer, EitherHamzaSeatFindsTheKnownWord) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.analyze_word("مسئول").stem, analyzer.analyze_word("مسؤول").stem);
  EXPECT_EQ(analyzer.analyze_word("المسئولين").stem, analyzer.analyze_word("المسؤولين").stem);
  EXPECT_EQ(analyzer.analyze_word("لاجئون").stem, analyzer.analyze_word("لاجئ").stem);
  EXPECT_EQ(analyzer.analyze_word("رئيس").stem, "رييس");  // a known word keeps its own reading
}

TEST(Analyzer, FoldingTheHamzaSeatMakesNoFunctionWord) {
  Analyzer analyzer;
  const WordAnalysis& group = analyzer.analyze_word("فئة");  // "group", folded it would be فيه "in it"
  EXPECT_FALSE(group.stopword);
  EXPECT_TRUE(analyzer.analyze_word("فيه").stopword);
  EXPECT_NE(group.stem, analyzer.analyze_word("فيه").stem);
  EXPECT_EQ(analyzer.analyze_word("الفئة").stem, group.stem);
  EXPECT_EQ(analyzer.analyze_word("وفئة").stem, group.stem);
}

TEST(Analyzer, DescribesItsSettings) {
  Analyzer light;
  Analyzer snowball(AnalyzerSettings{StemmerKind::Snowball});
  EXPECT_NE(light.settings().describe(light.lexicon()), snowball.settings().describe(snowball.lexicon()));
  EXPECT_NE(light.settings().describe(light.lexicon()).find("stemmer=light"), std::string::npos);
}

TEST(Analyzer, TatweelOnlyTokensProduceNothing) {
  Analyzer analyzer;
  EXPECT_EQ(stems(analyzer, "ـــ غزة"), (std::vector<std::string>{"غزه"}));
}

struct ReadingsCase {
  std::string word;
  std::vector<std::string> readings;  // in order: whole word, without و/ف, without proclitics, core
  std::vector<int> removals;
};

class AnalyzerReadings : public ::testing::TestWithParam<ReadingsCase> {};

TEST_P(AnalyzerReadings, ListsEachDistinctReadingOnceWithItsHash) {
  const ReadingsCase& c = GetParam();
  Analyzer analyzer;
  const WordAnalysis& a = analyzer.analyze_word(c.word);
  std::vector<std::string> readings;
  std::vector<int> removals;
  for (std::size_t k = 0; k < a.reading_count; ++k) {
    readings.emplace_back(a.reading(k));
    removals.push_back(a.readings[k].removals);
    EXPECT_EQ(a.readings[k].hash, lookup_hash(a.reading(k))) << a.reading(k);
  }
  EXPECT_EQ(readings, c.readings);
  EXPECT_EQ(removals, c.removals);
}

INSTANTIATE_TEST_SUITE_P(
    Words, AnalyzerReadings,
    ::testing::Values(ReadingsCase{"وبالحوثيين", {"وبالحوثيين", "بالحوثيين", "حوثيين"}, {0, 1, 4}},
                      ReadingsCase{"الحوثيين", {"الحوثيين", "حوثيين"}, {0, 2}},
                      ReadingsCase{"قوات", {"قوات"}, {0}},
                      ReadingsCase{"وقواته", {"وقواته", "قواته", "قوات"}, {0, 1, 2}},  // his forces: the core is قوات
                      ReadingsCase{"و2300", {"و2300"}, {0}},  // a number is read as written
                      ReadingsCase{"٢٣٠٠", {"2300"}, {0}}),
    [](const auto& info) { return "Case" + std::to_string(info.index); });

}  // namespace
}  // namespace marsad::text

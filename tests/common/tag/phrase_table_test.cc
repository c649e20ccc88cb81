#include "common/tag/phrase_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace marsad::tag {
namespace {

struct PhraseCase {
  std::string text;
  std::size_t at;         // token index to look up at
  std::size_t tokens;     // length of the longest phrase there, 0 for none
  std::uint32_t payload;  // its first payload
};

class PhraseTableTest : public ::testing::TestWithParam<PhraseCase> {
 protected:
  static PhraseTable& table() {
    static PhraseTable t = [] {
      text::Analyzer analyzer;
      PhraseTable table;
      table.add("إطلاق النار", 1, analyzer);
      table.add("وقف إطلاق النار", 2, analyzer);
      table.add("مجلس الأمن الدولي", 3, analyzer);
      table.add("الحوثيين", 4, analyzer);
      table.add("قوات", 5, analyzer);
      table.add("وزير الخارجية", 6, analyzer);
      table.add("بحسب", 7, analyzer);
      return table;
    }();
    return t;
  }
};

TEST_P(PhraseTableTest, FindsTheLongestPhraseAtAToken) {
  const PhraseCase& c = GetParam();
  text::Analyzer analyzer;
  std::vector<text::AnalyzedToken> tokens = analyzer.analyze(c.text);
  PhraseMatch match = table().longest_at(c.text, tokens, c.at);
  EXPECT_EQ(match.tokens, c.tokens) << c.text;
  if (c.tokens > 0 && match.payloads != nullptr) {
    ASSERT_FALSE(match.payloads->empty());
    EXPECT_EQ(match.payloads->front(), c.payload) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Lookup, PhraseTableTest, ::testing::Values(
    // The longest entry wins over a shorter one at the same token.
    PhraseCase{"دعا إلى وقف إطلاق النار فورا", 2, 3, 2},
    PhraseCase{"تبادل إطلاق النار", 1, 2, 1},
    // Proclitics come off the first word (ل، و، ب) and the article of inner words does not matter.
    PhraseCase{"دعا لوقف إطلاق النار", 1, 3, 2},
    PhraseCase{"وقف لإطلاق النار", 0, 3, 2},
    PhraseCase{"وزير خارجية روسيا", 0, 2, 6},
    PhraseCase{"بيان لمجلس الأمن الدولي", 1, 3, 3},
    PhraseCase{"وللحوثيين مواقع", 0, 1, 4},
    // Enclitic pronouns come off through the segmenter's core.
    PhraseCase{"قواتها تتقدم", 0, 1, 5},
    // A cue that is itself a particle matches whole; a longer word is no match.
    PhraseCase{"بحسب مصادر", 0, 1, 7},
    PhraseCase{"الحوثي قال", 0, 0, 0},
    // Punctuation between words ends a phrase.
    PhraseCase{"وقف. إطلاق النار", 0, 0, 0},
    PhraseCase{"مجلس الأمن، الدولي", 0, 0, 0}));

TEST(PhraseTable, ListsEveryPhraseAtATokenShortestFirst) {
  text::Analyzer analyzer;
  PhraseTable table;
  table.add("قوات", 1, analyzer);
  table.add("قوات التحالف", 2, analyzer);
  std::string text = "قوات التحالف";
  auto tokens = analyzer.analyze(text);
  std::vector<PhraseMatch> all = table.all_at(text, tokens, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].tokens, 1u);
  EXPECT_EQ(all[1].tokens, 2u);
}

TEST(PhraseTable, PrefersTheReadingWithFewerRemovals) {
  text::Analyzer analyzer;
  std::string text = "لخضر";
  auto tokens = analyzer.analyze(text);
  std::vector<WordForm> forms;
  text_word_forms(tokens[0], forms);
  ASSERT_FALSE(forms.empty());
  EXPECT_EQ(forms[0].form, "لخضر");
  EXPECT_EQ(forms[0].removals, 0u);
  for (std::size_t i = 1; i < forms.size(); ++i) EXPECT_GT(forms[i].removals, 0u);
}

}  // namespace
}  // namespace marsad::tag

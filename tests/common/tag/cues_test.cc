#include "common/tag/cues.h"

#include <gtest/gtest.h>

#include <string>

#include "common/errors.h"

namespace marsad::tag {
namespace {

TEST(Cues, BuiltinListsLoadWithTheirColumns) {
  const Cues& cues = Cues::builtin();
  for (const CueList* list : {&cues.given_names, &cues.titles, &cues.org_heads, &cues.reporting_verbs,
                              &cues.attribution, &cues.claim_triggers, &cues.counted_nouns, &cues.negation}) {
    EXPECT_GT(list->rows.size(), 20u) << list->name;
    EXPECT_FALSE(list->table.empty()) << list->name;
  }
  EXPECT_EQ(cues.claim_triggers.header.front(), "type");
}

struct CueLookup {
  std::string text;
  const CueList Cues::*list;
  std::string column, value;  // the column of the cue found at token 0
};

class CueLookupTest : public ::testing::TestWithParam<CueLookup> {};

TEST_P(CueLookupTest, FindsTheCueAtTheFirstToken) {
  const CueLookup& c = GetParam();
  const CueList& list = Cues::builtin().*c.list;
  text::Analyzer analyzer;
  auto tokens = analyzer.analyze(c.text);
  PhraseMatch match = list.at(c.text, tokens, 0);
  ASSERT_GT(match.tokens, 0u) << c.text;
  bool found = false;
  for (std::uint32_t row : *match.payloads) found = found || list.column(row, c.column) == c.value;
  EXPECT_TRUE(found) << c.text << ": no row with " << c.column << " = " << c.value;
}

INSTANTIATE_TEST_SUITE_P(Builtin, CueLookupTest, ::testing::Values(
    CueLookup{"وقالت الوزارة", &Cues::reporting_verbs, "stance", "say"},
    CueLookup{"ونفى المتحدث", &Cues::reporting_verbs, "stance", "deny"},
    CueLookup{"مقتل 30 شخصا", &Cues::claim_triggers, "type", "casualties"},
    CueLookup{"لوقف إطلاق النار", &Cues::claim_triggers, "type", "ceasefire_call"},
    CueLookup{"قتيلا في", &Cues::counted_nouns, "what", "killed"},
    CueLookup{"ولم يتسن التحقق", &Cues::negation, "scope", "unverified"},
    CueLookup{"الرئيس الروسي", &Cues::titles, "kind", "title"},
    CueLookup{"محمد بن سلمان", &Cues::given_names, "gender", "m"}));

TEST(Cues, RejectsRowsThatBreakTheFormat) {
  text::Analyzer analyzer;
  struct Bad {
    std::string name, tsv, message;
  };
  for (const Bad& bad : {
           Bad{"titles", "cue\tkind\tnote\nرئيس\ttitle\n", "titles.tsv:2: expected 3 TAB-separated fields, found 2"},
           Bad{"titles", "# c\ncue\tkind\tnote\nرئيس\tking\tx\n", "titles.tsv:3: unknown kind \"king\""},
           Bad{"claim_triggers", "type\tcue\tfigure_what\tnote\nwar\tحرب\t-\t\n", "claim_triggers.tsv:2: unknown type \"war\""},
           Bad{"negation", "", "negation.tsv: no header line"},
       }) {
    try {
      Cues::parse(bad.name, bad.tsv, analyzer);
      ADD_FAILURE() << "accepted: " << bad.tsv;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), bad.message);
    }
  }
}

}  // namespace
}  // namespace marsad::tag

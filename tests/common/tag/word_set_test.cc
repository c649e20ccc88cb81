#include "common/tag/word_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace marsad::tag {
namespace {

/** Words that differ like real ones do: a shared stem with letters before and after. */
std::vector<std::string> words(std::size_t n, std::string_view stem) {
  const std::vector<std::string> before = {"", "و", "ال", "بال", "ف", "ل"};
  const std::vector<std::string> after = {"", "ه", "ها", "هم", "ات", "ين", "ون", "ي"};
  std::vector<std::string> out;
  for (std::size_t i = 0; out.size() < n; ++i)
    out.push_back(before[i % before.size()] + std::string(stem) + std::to_string(i) + after[(i / 6) % after.size()]);
  return out;
}

struct FilterCase {
  std::string name;
  std::size_t added;
  double max_false_positives;  // share of words never added that the filter lets through
};

class WordFilterTest : public ::testing::TestWithParam<FilterCase> {};

TEST_P(WordFilterTest, KeepsEveryAddedWordAndRejectsMostOthers) {
  const FilterCase& c = GetParam();
  WordFilter filter;
  std::vector<std::string> in = words(c.added, "قوات");
  for (const std::string& w : in) filter.add(w);
  for (const std::string& w : in) ASSERT_TRUE(filter.may_contain(w)) << w;
  std::vector<std::string> out = words(20'000, "مجلس");
  std::size_t passed = 0;
  for (const std::string& w : out) passed += filter.may_contain(w);
  EXPECT_LE(static_cast<double>(passed) / out.size(), c.max_false_positives) << passed << " of " << out.size();
}

INSTANTIATE_TEST_SUITE_P(Sizes, WordFilterTest,
                         ::testing::Values(FilterCase{"Empty", 0, 0.0}, FilterCase{"One", 1, 0.01},
                                           FilterCase{"Tens", 40, 0.03}, FilterCase{"Thousands", 5'000, 0.03},
                                           FilterCase{"Grown", 60'000, 0.03}),
                         [](const auto& info) { return info.param.name; });

TEST(WordFilterTest, ReserveKeepsWhatWasAdded) {
  WordFilter filter;
  filter.add("الحوثيين");
  filter.reserve(100'000);
  EXPECT_TRUE(filter.may_contain("الحوثيين"));
  EXPECT_FALSE(filter.may_contain(""));
}

TEST(WordSetTest, AnswersExactlyLikeASet) {
  WordSet set;
  for (const std::string& w : words(300, "جيش")) set.insert(w);
  set.insert("");
  EXPECT_EQ(set.size(), 301u);
  for (const std::string& w : words(300, "جيش")) EXPECT_TRUE(set.contains(w)) << w;
  EXPECT_TRUE(set.contains(""));
  for (const std::string& w : words(3'000, "جيوش")) EXPECT_FALSE(set.contains(w)) << w;
  EXPECT_EQ(set.count("جيش0"), 1u);
  EXPECT_EQ(set.count("جيش"), 0u);
}

}  // namespace
}  // namespace marsad::tag

#include "common/text/strings.h"

#include <gtest/gtest.h>

#include <set>

namespace marsad::text {
namespace {

TEST(Join, PutsTheSeparatorBetweenParts) {
  EXPECT_EQ(join(std::vector<std::string>{}, ", "), "");
  EXPECT_EQ(join(std::vector<std::string>{"baku"}, ", "), "baku");
  EXPECT_EQ(join(std::vector<std::string>{"baku", "ganja", "barda"}, "; "), "baku; ganja; barda");
  EXPECT_EQ(join(std::set<std::string>{"b", "a"}, "\n"), "a\nb");
}

TEST(Split, KeepsTheNonEmptyPieces) {
  EXPECT_EQ(split("", '\n'), std::vector<std::string>{});
  EXPECT_EQ(split("aden", '\n'), std::vector<std::string>{"aden"});
  EXPECT_EQ(split("aden\nsanaa\n\ntaiz\n", '\n'), (std::vector<std::string>{"aden", "sanaa", "taiz"}));
}

TEST(Listed, FindsOnlyWholeEntries) {
  constexpr std::string_view table[] = {"رد", "شن"};
  EXPECT_TRUE(listed(table, "شن"));
  EXPECT_FALSE(listed(table, "ش"));
  EXPECT_FALSE(listed(table, "شنت"));
  EXPECT_FALSE(listed(std::vector<std::string>{}, "شن"));
}

}  // namespace
}  // namespace marsad::text

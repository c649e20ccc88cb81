#include "common/io/json_members.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace marsad::io {
namespace {

using Values = std::vector<std::optional<std::string>>;

struct Case {
  const char* rule;
  std::string json;
  Values expected;  // of the members "title" and "body", in that order
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule; }

class JsonStringMembers : public testing::TestWithParam<Case> {};

TEST_P(JsonStringMembers, ReadsTheNamedStrings) {
  EXPECT_EQ(json_string_members(GetParam().json, {"title", "body"}), GetParam().expected) << GetParam().rule;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, JsonStringMembers,
    testing::Values(
        Case{"members in any order", R"({"body":"b","title":"t"})", {"t", "b"}},
        Case{"Arabic as written", R"({"title":"قصف صنعاء"})", {"قصف صنعاء", std::nullopt}},
        Case{"escapes unescaped", R"({"title":"a\"b\\c\/d\n\t\r\b\f"})", {"a\"b\\c/d\n\t\r\b\f", std::nullopt}},
        Case{"\\u escapes as UTF-8", R"({"title":"\u00e9\u0642"})", {"\u00e9\u0642", std::nullopt}},
        Case{"a surrogate pair is one code point", R"({"title":"\ud83d\ude00"})", {"\U0001F600", std::nullopt}},
        Case{"a null is no string", R"({"title":null,"body":"b"})", {std::nullopt, "b"}},
        Case{"a number is no string", R"({"title":12,"body":"b"})", {std::nullopt, "b"}},
        Case{"nested members are not top-level ones",
             R"({"extra":{"title":"inner","list":["]\"}",{"body":"x"}]},"body":"outer"})", {std::nullopt, "outer"}},
        Case{"space between tokens", "{ \"title\" : \"t\" ,\n \"n\" : [ 1 , 2 ] }", {"t", std::nullopt}},
        Case{"an empty object", "{}", {std::nullopt, std::nullopt}}));

TEST(JsonStringMembersErrors, MalformedJsonIsAnErrorNamingTheOffset) {
  for (const std::string bad : {"", "[]", R"({"title":"open)", R"({"title":"x" "body":"y"})", R"({"a":[1,2})",
                                R"({"title":"\q"})", R"({"title":"\u12"})", R"({"title":"\ud83d"})"}) {
    try {
      json_string_members(bad, {"title"});
      ADD_FAILURE() << "no error for " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("at byte"), std::string::npos) << e.what();
    }
  }
}

TEST(JsonStringMembersAgree, WithAFullParseOfWhatNlohmannWrites) {
  // Records as the indexer stores them: a dump of an object with strings, nulls, arrays and objects.
  nlohmann::json record = {{"id", "a-1"},
                           {"title", "عنوان \"مقتبس\" \\ مع\tعلامات"},
                           {"body", std::string("سطر\nسطر آخر \x01 ونهاية")},
                           {"date", nullptr},
                           {"claims", {{{"sentence", {1, 2}}, {"text", "[\"}"}}}},
                           {"entities", nlohmann::json::array()},
                           {"url", "https://example.org/a?b=\"c\""}};
  for (const std::string& json : {record.dump(), record.dump(2)}) {
    const Values v = json_string_members(json, {"id", "title", "body", "date", "url"});
    EXPECT_EQ(v[0], record["id"].get<std::string>());
    EXPECT_EQ(v[1], record["title"].get<std::string>());
    EXPECT_EQ(v[2], record["body"].get<std::string>());
    EXPECT_EQ(v[3], std::nullopt);
    EXPECT_EQ(v[4], record["url"].get<std::string>());
  }
}

}  // namespace
}  // namespace marsad::io

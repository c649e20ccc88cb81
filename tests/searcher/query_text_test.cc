#include "searcher/query_text.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "searcher/query_mode.h"

namespace marsad::searcher {
namespace {

const std::vector<std::string> kFields = {"actor", "place", "claim", "source", "date", "title"};

TEST(SplitQuery, KeepsQuotedPhrasesFieldsAndBracketsWhole) {
  const auto pieces = split_query(R"(قصف (place:"قره باغ" OR x:y) -"وقف النار")", kFields);
  std::vector<std::string> texts, fields;
  for (const QueryPiece& p : pieces) {
    if (p.kind == QueryPiece::Kind::Space) continue;
    texts.push_back(p.text);
    fields.push_back(p.field);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"قصف", "(", "place:\"قره باغ\"", "OR", "x:y", ")", "-\"وقف النار\""}));
  EXPECT_EQ(fields, (std::vector<std::string>{"", "", "place", "", "", "", ""}));
  EXPECT_EQ(join_pieces(pieces), R"(قصف (place:"قره باغ" OR x:y) -"وقف النار")");
  EXPECT_EQ(pieces[3].depth, 1);
  EXPECT_EQ(field_value(pieces[3]), "قره باغ");
}

struct RewriteCase {
  std::string query, expected;
};

class QuoteFieldValues : public testing::TestWithParam<RewriteCase> {};

TEST_P(QuoteFieldValues, QuotesTheLongestKnownName) {
  const std::set<std::pair<std::string, std::string>> known = {
      {"source", "صحيفة الأفق"}, {"place", "قره باغ"}, {"place", "ناغورنو كاراباخ"}, {"place", "كاراباخ"}};
  auto is_known = [&](const std::string& field, const std::string& value) { return known.contains({field, value}); };
  EXPECT_EQ(quote_field_values(GetParam().query, kFields, is_known), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuoteFieldValues,
    testing::Values(RewriteCase{"قصف source:صحيفة الأفق", "قصف source:\"صحيفة الأفق\""},
                    RewriteCase{"place:قره باغ قتلى", "place:\"قره باغ\" قتلى"},            // the name, then a word
                    RewriteCase{"place:ناغورنو كاراباخ", "place:\"ناغورنو كاراباخ\""},
                    RewriteCase{"place:\"قره باغ\" قتلى", "place:\"قره باغ\" قتلى"},        // already quoted
                    RewriteCase{"place:عدن صنعاء", "place:عدن صنعاء"},                      // no such name
                    RewriteCase{"source:صحيفة OR الأفق", "source:صحيفة OR الأفق"},          // operators end a run
                    RewriteCase{"claim:casualties قره باغ", "claim:casualties قره باغ"}));  // not known for claim

class ExpandLatinWords : public testing::TestWithParam<RewriteCase> {};

TEST_P(ExpandLatinWords, ReplacesKnownNamesInFreeTextOnly) {
  const std::map<std::string, std::string> names = {{"Aden", "(عدن)"}, {"Nikol Pashinyan", "(باشينيان)"}, {"Pashinyan", "(باشينيان)"}};
  auto expand = [&](const std::string& words) -> std::optional<std::string> {
    auto it = names.find(words);
    return it == names.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  EXPECT_EQ(expand_latin_words(GetParam().query, kFields, expand), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ExpandLatinWords,
    testing::Values(RewriteCase{"قصف Aden", "قصف (عدن)"},
                    RewriteCase{"Nikol Pashinyan قال", "(باشينيان) قال"},  // the longest run first
                    RewriteCase{"Pashinyan OR Aden", "(باشينيان) OR (عدن)"},
                    RewriteCase{"place:Aden -Aden \"Aden\"", "place:Aden -Aden \"Aden\""},  // fields, signs, phrases stay
                    RewriteCase{"Aden NEAR قصف", "(عدن) NEAR قصف"},
                    RewriteCase{"Unknown words", "Unknown words"}));

struct AliasesCase {
  std::vector<std::string> aliases, expected;
};

class ShortestAliases : public testing::TestWithParam<AliasesCase> {};

TEST_P(ShortestAliases, DropAnAliasThatHoldsAnotherAsARunOfWords) {
  EXPECT_EQ(shortest_aliases(GetParam().aliases), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ShortestAliases,
    testing::Values(AliasesCase{{"عبد ربه منصور هادي", "منصور هادي", "عبدربه منصور هادي", "الرئيس هادي",
                                 "الرئيس اليمني عبد ربه منصور هادي"},
                                {"منصور هادي", "الرئيس هادي"}},
                    AliasesCase{{"عدن", "مدينة عدن"}, {"عدن"}},
                    AliasesCase{{"مدينة عدن", "عدن"}, {"عدن"}},                          // whichever comes first
                    AliasesCase{{"هادي", "الهادي"}, {"هادي", "الهادي"}},                  // whole words only
                    AliasesCase{{"عبد ربه هادي", "ربه عبد"}, {"عبد ربه هادي", "ربه عبد"}},  // a run, in order
                    AliasesCase{{"صنعاء"}, {"صنعاء"}}));

struct WithoutFieldCase {
  std::string query, field;
  std::optional<std::string> expected;
};

class WithoutField : public testing::TestWithParam<WithoutFieldCase> {};

TEST_P(WithoutField, TakesOutPlainTopLevelFiltersOnly) {
  EXPECT_EQ(without_field(GetParam().query, kFields, GetParam().field), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, WithoutField,
    testing::Values(WithoutFieldCase{"قتلى place:عدن date:2015", "place", "قتلى  date:2015"},
                    WithoutFieldCase{"قتلى place:عدن place:\"قره باغ\"", "place", "قتلى  "},
                    WithoutFieldCase{"place:عدن", "place", ""},                        // nothing left: every report
                    WithoutFieldCase{"قتلى date:2015..", "place", "قتلى date:2015.."},  // no such filter: as it was
                    WithoutFieldCase{"قتلى (place:عدن OR place:تعز)", "place", std::nullopt},
                    WithoutFieldCase{"قتلى OR place:عدن", "place", std::nullopt},
                    WithoutFieldCase{"place:عدن AND قتلى", "place", std::nullopt},
                    WithoutFieldCase{"قتلى -place:عدن", "place", "قتلى -place:عدن"}));  // a NOT is kept

TEST(IsPlainQuery, WordsPhrasesAndFiltersOnly) {
  EXPECT_TRUE(is_plain_query("قصف صنعاء place:عدن \"وقف النار\" -هدنة", kFields));
  EXPECT_FALSE(is_plain_query("قصف (place:عدن OR place:تعز)", kFields));
  EXPECT_FALSE(is_plain_query("قصف OR غارة", kFields));
  EXPECT_FALSE(is_plain_query("قصف NEAR/3 غارة", kFields));
  EXPECT_TRUE(is_plain_query("\"OR (x)\"", kFields));  // inside a phrase nothing is an operator
}

TEST(QueryMode, NamesRoundTrip) {
  for (const std::string& name : query_mode_names()) EXPECT_EQ(query_mode_name(parse_query_mode(name)), name);
  EXPECT_THROW(parse_query_mode("fuzzy"), std::exception);
}

TEST(QueryMode, PositiveTermsLeaveOutWhatIsExcluded) {
  using Q = Xapian::Query;
  const Q query(Q::OP_AND_NOT, Q(Q::OP_OR, Q("Za"), Q(Q::OP_AND, Q("Zb"), Q("XPLCaden"))), Q("Zc"));
  EXPECT_EQ(positive_terms(query, "Z"), (std::vector<std::string>{"Za", "Zb"}));
  EXPECT_EQ(positive_terms(query, "XPLC"), (std::vector<std::string>{"XPLCaden"}));
  EXPECT_FALSE(has_positional(query));
  const std::vector<std::string> words = {"Za", "Zb", "Zc"};
  const Q near = proximity_query(words, 4);
  EXPECT_TRUE(has_positional(near));
  EXPECT_EQ(near.get_num_subqueries(), 2u);  // a-b and b-c
  EXPECT_TRUE(proximity_query({"Za"}, 4).empty());
  EXPECT_EQ(boosted(query, Q()).get_description(), query.get_description());
}

}  // namespace
}  // namespace marsad::searcher

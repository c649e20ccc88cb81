#include "common/tag/conll.h"

#include <gtest/gtest.h>

#include <sstream>

#include "common/errors.h"

namespace marsad::tag {
namespace {

std::vector<ConllSentence> read(const std::string& content) {
  std::istringstream in(content);
  return read_conll(in, "test.conll");
}

TEST(ConllRead, SentencesEndAtBlankLinesAndTokensJoinBySpaces) {
  std::vector<ConllSentence> s = read("قال\tO\nبوتين\tB-PERS\n\n\nفي B-LOC\r\nموسكو I-LOC extra\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].text, "قال بوتين");
  ASSERT_EQ(s[0].tokens.size(), 2u);
  EXPECT_EQ(s[0].text.substr(s[0].tokens[1].first, s[0].tokens[1].second - s[0].tokens[1].first), "بوتين");
  EXPECT_EQ(s[0].first_line, 1u);
  EXPECT_EQ(s[1].text, "في موسكو");
  EXPECT_EQ(s[1].first_line, 5u);
}

TEST(ConllRead, OnlyTheFirstColumnIsTheTokenAndDocstartIsAToken) {
  std::vector<ConllSentence> s = read("-DOCSTART- O\nكلمة\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].text, "-DOCSTART- كلمة");
  EXPECT_EQ(s[0].tokens.size(), 2u);
}

TEST(ConllRead, EmptyInputHasNoSentences) {
  EXPECT_TRUE(read("").empty());
  EXPECT_TRUE(read("\n\n  \n").empty());
}

TEST(ConllRead, InvalidUtf8NamesTheLine) {
  try {
    read("قال O\n\xff\xfe O\n");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("test.conll:2:"), std::string::npos) << e.what();
  }
}

/** One sentence in CoNLL form: its words one per line, each with an O tag. */
ConllSentence sentence(const std::string& words) {
  std::string content;
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t space = words.find(' ', start);
    if (space == std::string::npos) space = words.size();
    content += words.substr(start, space - start) + "\tO\n";
    start = space + 1;
  }
  return read(content).at(0);
}

EntityMention mention(const ConllSentence& s, std::size_t first, std::size_t last, EntityKind kind) {
  EntityMention m;
  m.begin = s.tokens[first].first;
  m.end = s.tokens[last].second;
  m.kind = kind;
  return m;
}

TEST(ConllTags, PersonsPlacesAndOtherActorsGetTheirClass) {
  ConllSentence s = sentence("قال الرئيس فلاديمير بوتين في موسكو إن حلف شمال الأطلسي يتوسع");
  std::vector<std::string> tags = bio_tags(s, {mention(s, 2, 3, EntityKind::Person), mention(s, 5, 5, EntityKind::City),
                                               mention(s, 7, 9, EntityKind::InternationalOrg)});
  EXPECT_EQ(tags, (std::vector<std::string>{"O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "I-ORG",
                                            "O"}));
}

TEST(ConllTags, CompaniesAndClubsAreOrganisations) {
  ConllSentence s = sentence("اشترت شركة نوكيا حصة في ريال مدريد");
  std::vector<std::string> tags =
      bio_tags(s, {mention(s, 1, 2, EntityKind::Company), mention(s, 5, 6, EntityKind::Club)});
  EXPECT_EQ(tags, (std::vector<std::string>{"O", "O", "B-ORG", "O", "O", "B-ORG", "I-ORG"}));
}

TEST(ConllTags, AnEntityCoversEveryTokenItsBytesOverlap) {
  ConllSentence s = sentence("وصل إلى دمشق.");  // one input token: "دمشق."
  EntityMention m;
  m.begin = s.text.find("دمشق");
  m.end = m.begin + std::string("دمشق").size();
  m.kind = EntityKind::City;
  EXPECT_EQ(bio_tags(s, {m}), (std::vector<std::string>{"O", "O", "B-LOC"}));
}

TEST(ConllTags, DescriptorsAndNationalityDescriptionsAreNoNames) {
  ConllSentence s = sentence("قصف الجيش الإسرائيلي مدينة غزة وجنوب لبنان");
  std::vector<std::string> tags =
      bio_tags(s, {mention(s, 1, 2, EntityKind::StateForce), mention(s, 3, 4, EntityKind::City),
                   mention(s, 5, 6, EntityKind::Region)});
  EXPECT_EQ(tags, (std::vector<std::string>{"O", "O", "O", "O", "B-LOC", "O", "B-LOC"}));
}

TEST(ConllTags, NoEntitiesGiveAllO) {
  ConllSentence s = sentence("لا شيء هنا");
  EXPECT_EQ(bio_tags(s, {}), (std::vector<std::string>(3, "O")));
}

}  // namespace
}  // namespace marsad::tag

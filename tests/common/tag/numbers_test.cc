#include "common/tag/numbers.h"

#include <gtest/gtest.h>

#include <ostream>

namespace marsad::tag {
namespace {

struct Expected {
  std::string mention;  // the exact substring of the text
  std::optional<std::int64_t> value;
  std::string vague = "";
};

bool operator==(const Expected& a, const Expected& b) {
  return a.mention == b.mention && a.value == b.value && a.vague == b.vague;
}

std::ostream& operator<<(std::ostream& os, const Expected& e) {
  os << '"' << e.mention << "\" = ";
  if (e.value) os << *e.value;
  return os << (e.vague.empty() ? "" : " " + e.vague);
}

struct Case {
  const char* rule;
  std::string text;
  std::vector<Expected> expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule; }

text::Analyzer& analyzer() {
  static text::Analyzer instance;
  return instance;
}

std::vector<Expected> found(const std::string& text, const std::vector<text::AnalyzedToken>& tokens) {
  std::vector<Expected> out;
  for (const NumberMention& m : NumberRecognizer().find(text, tokens))
    out.push_back({text.substr(m.begin, m.end - m.begin), m.value, m.vague});
  return out;
}

class NumberCase : public testing::TestWithParam<Case> {};

TEST_P(NumberCase, FindsTheNumbers) {
  const Case& c = GetParam();
  auto tokens = analyzer().analyze(c.text);
  EXPECT_EQ(found(c.text, tokens), c.expected) << c.rule << ": " << c.text;
}

TEST_P(NumberCase, MentionsLieOnTokenBoundariesInOrderWithoutOverlap) {
  const Case& c = GetParam();
  auto tokens = analyzer().analyze(c.text);
  std::size_t previous_end = 0;
  for (const NumberMention& m : NumberRecognizer().find(c.text, tokens)) {
    ASSERT_LE(m.first_token, m.last_token);
    ASSERT_LT(m.last_token, tokens.size());
    EXPECT_EQ(m.begin, tokens[m.first_token].token.begin);
    EXPECT_EQ(m.end, tokens[m.last_token].token.end);
    EXPECT_LE(m.end, c.text.size());
    EXPECT_LE(previous_end, m.begin) << "overlap in " << c.text;
    EXPECT_TRUE(m.value.has_value() != !m.vague.empty()) << "a value or a vague count, never both";
    previous_end = m.end;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Digits, NumberCase,
    testing::Values(
        Case{"Western digits", "قتل 30 شخصا", {{"30", 30}}},
        Case{"Arabic-Indic digits", "أصيب ٣٠ مدنيا", {{"٣٠", 30}}},
        Case{"comma as thousands separator", "نزح 2,300 شخص", {{"2,300", 2300}}},
        Case{"several comma groups", "بلغ العدد 1,234,567 نسمة", {{"1,234,567", 1234567}}},
        Case{"Arabic thousands separator U+066C", "نزح ١٬٥٠٠ شخص", {{"١٬٥٠٠", 1500}}},
        Case{"dots as thousands separators", "تضرر 1.500.000 شخص", {{"1.500.000", 1500000}}},
        Case{"one dot before three digits is thousands without a scale", "قتل 1.500 مسلح", {{"1.500", 1500}}},
        Case{"decimal point before a scale", "2.5 مليون لاجئ", {{"2.5 مليون", 2500000}}},
        Case{"Arabic decimal point U+066B before a scale", "نحو ٢٫٥ مليون نازح", {{"٢٫٥ مليون", 2500000}}},
        Case{"decimal comma before a scale", "2,5 مليون دولار", {{"2,5 مليون", 2500000}}},
        Case{"digits and ألف", "30 ألف نازح", {{"30 ألف", 30000}}},
        Case{"clitics and tanwin alef: وبـ٣٠ ألفا", "وقدرت الخسائر وبـ٣٠ ألفا", {{"وبـ٣٠ ألفا", 30000}}},
        Case{"tanwin written: ألفاً", "١٢ ألفاً من السكان", {{"١٢ ألفاً", 12000}}},
        Case{"digits and a plural scale", "3 ملايين شخص", {{"3 ملايين", 3000000}}},
        Case{"a year is a number", "في عام 2020 قتل 5", {{"2020", 2020}, {"5", 5}}},
        Case{"a fraction without a scale is no count", "ارتفع بنسبة 12.5 في المئة", {}},
        Case{"في المئة is no hundred", "قتل 30 في المئة منهم", {{"30", 30}}},
        Case{"clock time is not a number", "الساعة 10:30 صباحا", {}},
        Case{"a line break ends a number", "ثلاثة\nآلاف", {{"ثلاثة", 3}, {"آلاف", std::nullopt, "thousands"}}}));

INSTANTIATE_TEST_SUITE_P(
    Words, NumberCase,
    testing::Values(
        Case{"masculine unit", "قتل ثلاثة جنود", {{"ثلاثة", 3}}},
        Case{"feminine unit", "أصيبت ثلاث نساء", {{"ثلاث", 3}}},
        Case{"two, nominative", "قتل اثنان من الجنود", {{"اثنان", 2}}},
        Case{"two, oblique feminine", "أصيبت اثنتين منهن", {{"اثنتين", 2}}},
        Case{"ten", "عشرة جرحى", {{"عشرة", 10}}},
        Case{"eleven, masculine", "قتل أحد عشر جنديا", {{"أحد عشر", 11}}},
        Case{"eleven, feminine", "إحدى عشرة امرأة", {{"إحدى عشرة", 11}}},
        Case{"twelve, oblique", "اعتقل اثني عشر شخصا", {{"اثني عشر", 12}}},
        Case{"thirteen", "ثلاثة عشر قتيلا", {{"ثلاثة عشر", 13}}},
        Case{"fifteen, feminine", "خمس عشرة سيارة", {{"خمس عشرة", 15}}},
        Case{"tens, nominative", "ثلاثون قتيلا", {{"ثلاثون", 30}}},
        Case{"tens, oblique (not read by ICU's spell-out)", "سقط ثلاثين قتيلا", {{"ثلاثين", 30}}},
        Case{"tens with a conjunction", "وثلاثين جريحا", {{"وثلاثين", 30}}},
        Case{"unit and tens, nominative", "خمسة وعشرون قتيلا", {{"خمسة وعشرون", 25}}},
        Case{"unit and tens, oblique", "سقوط خمسة وعشرين قتيلا", {{"خمسة وعشرين", 25}}},
        Case{"hundred spelled مئة", "مئة شخص", {{"مئة", 100}}},
        Case{"hundred spelled مائة", "مائة شخص", {{"مائة", 100}}},
        Case{"two hundred, oblique", "نحو مئتين", {{"مئتين", 200}}},
        Case{"two hundred, construct", "مائتي عائلة", {{"مائتي", 200}}},
        Case{"three hundred in one word", "ثلاثمئة منزل", {{"ثلاثمئة", 300}}},
        Case{"three hundred, مائة spelling", "ثلاثمائة منزل", {{"ثلاثمائة", 300}}},
        Case{"three hundred in two words", "ثلاث مئة منزل", {{"ثلاث مئة", 300}}},
        Case{"compound with و on each part", "ثلاثمئة وخمسة وعشرون شخصا", {{"ثلاثمئة وخمسة وعشرون", 325}}},
        Case{"a free-standing و", "ثلاثمئة و خمسة", {{"ثلاثمئة و خمسة", 305}}},
        Case{"thousand", "ألف لاجئ", {{"ألف", 1000}}},
        Case{"two thousand, oblique", "نحو ألفين", {{"ألفين", 2000}}},
        Case{"two thousand, nominative", "ألفان", {{"ألفان", 2000}}},
        Case{"unit and plural thousands", "ثلاثة آلاف", {{"ثلاثة آلاف", 3000}}},
        Case{"ten thousand", "عشرة آلاف نازح", {{"عشرة آلاف", 10000}}},
        Case{"teen and tanwin thousand", "خمسة عشر ألفا", {{"خمسة عشر ألفا", 15000}}},
        Case{"tens and tanwin thousand", "عشرين ألفا", {{"عشرين ألفا", 20000}}},
        Case{"hundred thousand", "مئة ألف", {{"مئة ألف", 100000}}},
        Case{"two hundred thousand", "مئتي ألف لاجئ", {{"مئتي ألف", 200000}}},
        Case{"thousand and hundreds", "ألف وخمسمئة", {{"ألف وخمسمئة", 1500}}},
        Case{"compound thousands", "ثلاثة وعشرين ألفا وخمسمئة", {{"ثلاثة وعشرين ألفا وخمسمئة", 23500}}},
        Case{"million", "مليون نازح", {{"مليون", 1000000}}},
        Case{"two million", "مليونين", {{"مليونين", 2000000}}},
        Case{"million and a half", "مليون ونصف لاجئ", {{"مليون ونصف", 1500000}}},
        Case{"digits after words: 3 ملايين و500 ألف", "3 ملايين و500 ألف", {{"3 ملايين و500 ألف", 3500000}}},
        Case{"two numbers joined by و stay apart when they cannot combine", "خمسة وعشرة", {{"خمسة", 5}, {"وعشرة", 10}}},
        Case{"scales must descend", "مليون وخمسة ملايين", {{"مليون", 1000000}, {"وخمسة ملايين", 5000000}}},
        Case{"separate numbers in a sentence", "قتل خمسة وجرح عشرون", {{"خمسة", 5}, {"عشرون", 20}}},
        Case{"أحد alone is not one", "قال أحد المسلحين", {}},
        Case{"a weekday with the article is no number", "يوم الاثنين", {}},
        Case{"وأحد is و + أحد, not واحد", "قالت الشرطة وأحد السكان", {}},
        Case{"عشر after an ordinal makes an ordinal", "القرن الخامس عشر", {}},
        Case{"عشرة after a feminine ordinal", "الدورة الخامسة عشرة", {}}));

INSTANTIATE_TEST_SUITE_P(
    Vague, NumberCase,
    testing::Values(
        Case{"dozens", "قتل عشرات المدنيين", {{"عشرات", std::nullopt, "dozens"}}},
        Case{"dozens with the article and a conjunction", "والعشرات منهم", {{"والعشرات", std::nullopt, "dozens"}}},
        Case{"hundreds", "مئات الجرحى", {{"مئات", std::nullopt, "hundreds"}}},
        Case{"thousands", "آلاف النازحين", {{"آلاف", std::nullopt, "thousands"}}},
        Case{"thousands with the article", "نزوح الآلاف", {{"الآلاف", std::nullopt, "thousands"}}},
        Case{"tens of thousands", "عشرات الآلاف من اللاجئين", {{"عشرات الآلاف", std::nullopt, "tens_of_thousands"}}},
        Case{"hundreds of thousands", "ومئات الآلاف", {{"ومئات الآلاف", std::nullopt, "hundreds_of_thousands"}}},
        Case{"a few", "بضعة أيام", {{"بضعة", std::nullopt, "few"}}},
        Case{"a few thousand", "بضعة آلاف", {{"بضعة آلاف", std::nullopt, "thousands"}}},
        Case{"several", "في عدة مناطق", {{"عدة", std::nullopt, "several"}}},
        Case{"several with ب", "بعدة طرق", {{"بعدة", std::nullopt, "several"}}},
        Case{"بعده (after him) is not بعدة", "ومن بعده ابنه", {}},
        Case{"millions", "ملايين السوريين", {{"ملايين", std::nullopt, "millions"}}}));

TEST(NumberRecognizer, MatchAtReadsTheNumberStartingAtAToken) {
  std::string text = "منذ ثلاثة أيام";
  auto tokens = analyzer().analyze(text);
  auto m = NumberRecognizer().match_at(text, tokens, 1);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->value, 3);
  EXPECT_EQ(m->first_token, 1u);
  EXPECT_EQ(m->last_token, 1u);
  EXPECT_FALSE(NumberRecognizer().match_at(text, tokens, 0).has_value());
  EXPECT_FALSE(NumberRecognizer().match_at(text, tokens, 3).has_value());
}

TEST(NumberRecognizer, EveryUnitAndTensFormHasItsValue) {
  struct Form {
    std::string_view word;
    std::int64_t value;
  };
  const Form forms[] = {{"واحد", 1},     {"واحدة", 1},    {"اثنين", 2},    {"اثنتان", 2},   {"ثلاثة", 3},
                        {"أربع", 4},     {"أربعة", 4},    {"خمس", 5},      {"ستة", 6},      {"سبع", 7},
                        {"سبعة", 7},     {"ثماني", 8},    {"ثمانية", 8},   {"تسع", 9},      {"تسعة", 9},
                        {"عشر", 10},     {"عشرون", 20},   {"أربعين", 40},  {"خمسون", 50},   {"ستين", 60},
                        {"سبعون", 70},   {"ثمانين", 80},  {"تسعون", 90},   {"أربعمئة", 400}, {"خمسمائة", 500},
                        {"ستمئة", 600},  {"سبعمائة", 700}, {"ثمانمئة", 800}, {"تسعمائة", 900}, {"مليار", 1000000000}};
  for (const Form& form : forms) {
    std::string text(form.word);
    auto mentions = NumberRecognizer().find(text, analyzer().analyze(text));
    ASSERT_EQ(mentions.size(), 1u) << form.word;
    EXPECT_EQ(mentions[0].value, form.value) << form.word;
    std::string with_conjunction = "و" + text;
    mentions = NumberRecognizer().find(with_conjunction, analyzer().analyze(with_conjunction));
    ASSERT_EQ(mentions.size(), 1u) << with_conjunction;
    EXPECT_EQ(mentions[0].value, form.value) << with_conjunction;
  }
}

TEST(NumberRecognizer, SeparatorAfterTrimsSpacesAndSeesLineBreaks) {
  std::string text = "30/9/2020 سبتمبر (أيلول)\nثم";
  auto tokens = analyzer().analyze(text);
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(separator_after(text, tokens, 0), "/");
  EXPECT_EQ(separator_after(text, tokens, 2), "");
  EXPECT_EQ(separator_after(text, tokens, 3), "(");
  EXPECT_EQ(separator_after(text, tokens, 4), "\n");
  EXPECT_EQ(separator_after(text, tokens, 5), "\n");
}

}  // namespace
}  // namespace marsad::tag

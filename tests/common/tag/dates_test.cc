#include "common/tag/dates.h"

#include <gtest/gtest.h>

#include <ostream>

namespace marsad::tag {
namespace {

using date::CivilDate;

CivilDate day(std::string_view iso) {
  auto d = date::parse_record_date(iso);
  if (!d) throw std::invalid_argument(std::string(iso));
  return *d;
}

struct Expected {
  std::string mention;  // the exact substring of the text
  std::string from, to;  // ISO days
  bool relative = false;
};

bool operator==(const Expected& a, const Expected& b) {
  return a.mention == b.mention && a.from == b.from && a.to == b.to && a.relative == b.relative;
}

std::ostream& operator<<(std::ostream& os, const Expected& e) {
  return os << '"' << e.mention << "\" " << e.from << ".." << e.to << (e.relative ? " relative" : "");
}

/** One day named in the text. */
Expected on(std::string mention, std::string iso, bool relative = false) { return {mention, iso, iso, relative}; }
/** A span named in the text. */
Expected span(std::string mention, std::string from, std::string to, bool relative = false) {
  return {mention, from, to, relative};
}

struct Case {
  const char* rule;
  std::string text;
  std::optional<std::string> publication;  // ISO day
  std::vector<Expected> expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule; }

// Wednesday 30 September 2020 (14 Safar 1442).
const std::optional<std::string> kWednesday = "2020-09-30";
const std::optional<std::string> kNone = std::nullopt;

text::Analyzer& analyzer() {
  static text::Analyzer instance;
  return instance;
}

DateRecognizer& recognizer() {
  static DateRecognizer instance;
  return instance;
}

std::vector<DateMention> find(const Case& c, const std::vector<text::AnalyzedToken>& tokens) {
  std::optional<CivilDate> publication;
  if (c.publication) publication = day(*c.publication);
  return recognizer().find(c.text, tokens, publication);
}

class DateCase : public testing::TestWithParam<Case> {};

TEST_P(DateCase, FindsTheDates) {
  const Case& c = GetParam();
  auto tokens = analyzer().analyze(c.text);
  std::vector<Expected> found;
  for (const DateMention& m : find(c, tokens))
    found.push_back({c.text.substr(m.begin, m.end - m.begin), m.from.iso(), m.to.iso(), m.relative});
  EXPECT_EQ(found, c.expected) << c.rule << ": " << c.text;
}

TEST_P(DateCase, MentionsLieOnTokenBoundariesInOrderWithoutOverlap) {
  const Case& c = GetParam();
  auto tokens = analyzer().analyze(c.text);
  std::size_t previous_end = 0;
  for (const DateMention& m : find(c, tokens)) {
    ASSERT_LE(m.first_token, m.last_token);
    ASSERT_LT(m.last_token, tokens.size());
    EXPECT_EQ(m.begin, tokens[m.first_token].token.begin);
    EXPECT_EQ(m.end, tokens[m.last_token].token.end);
    EXPECT_LE(m.end, c.text.size());
    EXPECT_LE(previous_end, m.begin) << "overlap in " << c.text;
    EXPECT_LE(m.from, m.to);
    previous_end = m.end;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Gregorian, DateCase,
    testing::Values(
        Case{"day month year", "قتل في 27 سبتمبر 2020 ثلاثة", kNone, {on("27 سبتمبر 2020", "2020-09-27")}},
        Case{"day name and يوم belong to the mention", "قصف يوم الأحد 27 سبتمبر 2020", kNone,
             {on("يوم الأحد 27 سبتمبر 2020", "2020-09-27")}},
        Case{"day name, comma and الموافق", "الأحد، الموافق 27 سبتمبر 2020", kNone,
             {on("الأحد، الموافق 27 سبتمبر 2020", "2020-09-27")}},
        Case{"Levantine month", "في 27 أيلول 2020", kNone, {on("27 أيلول 2020", "2020-09-27")}},
        Case{"two-word month كانون الثاني", "15 كانون الثاني 2021", kNone, {on("15 كانون الثاني 2021", "2021-01-15")}},
        Case{"two-word month تشرين الأول", "3 تشرين الأول 2019", kNone, {on("3 تشرين الأول 2019", "2019-10-03")}},
        Case{"two-word month كانون الأول", "1 كانون الأول 2019", kNone, {on("1 كانون الأول 2019", "2019-12-01")}},
        Case{"both traditions with a slash", "27 سبتمبر/أيلول 2020", kNone, {on("27 سبتمبر/أيلول 2020", "2020-09-27")}},
        Case{"both traditions in parentheses", "27 أيلول (سبتمبر) 2020", kNone,
             {on("27 أيلول (سبتمبر) 2020", "2020-09-27")}},
        Case{"Egyptian spelling يونيه", "5 يونيه 2014", kNone, {on("5 يونيه 2014", "2014-06-05")}},
        Case{"إبريل with hamza below", "9 إبريل 2003", kNone, {on("9 إبريل 2003", "2003-04-09")}},
        Case{"Arabic-Indic digits", "٢٧ سبتمبر ٢٠٢٠", kNone, {on("٢٧ سبتمبر ٢٠٢٠", "2020-09-27")}},
        Case{"conjunction on the day", "بين 27 سبتمبر 2020 و3 أكتوبر 2020", kNone,
             {on("27 سبتمبر 2020", "2020-09-27"), on("و3 أكتوبر 2020", "2020-10-03")}},
        Case{"year with م", "27 سبتمبر 2020م", kNone, {on("27 سبتمبر 2020م", "2020-09-27")}},
        Case{"من عام between month and year", "في 27 سبتمبر من عام 2020", kNone,
             {on("27 سبتمبر من عام 2020", "2020-09-27")}},
        Case{"ordinal day", "في الأول من سبتمبر 2020", kNone, {on("الأول من سبتمبر 2020", "2020-09-01")}},
        Case{"compound ordinal day", "الحادي والعشرين من أيلول 2020", kNone,
             {on("الحادي والعشرين من أيلول 2020", "2020-09-21")}},
        Case{"day range", "بين 27-30 سبتمبر 2020", kNone, {span("27-30 سبتمبر 2020", "2020-09-27", "2020-09-30")}},
        Case{"day range with و", "بين 5 و7 أكتوبر 2020", kNone, {span("5 و7 أكتوبر 2020", "2020-10-05", "2020-10-07")}},
        Case{"day range with إلى", "من 5 إلى 7 أكتوبر 2020", kNone,
             {span("5 إلى 7 أكتوبر 2020", "2020-10-05", "2020-10-07")}},
        Case{"month and year", "في سبتمبر 2020", kNone, {span("سبتمبر 2020", "2020-09-01", "2020-09-30")}},
        Case{"leap February", "فبراير 2020", kNone, {span("فبراير 2020", "2020-02-01", "2020-02-29")}},
        Case{"عام and year", "منذ بداية عام 2015", kNone, {span("عام 2015", "2015-01-01", "2015-12-31")}},
        Case{"سنة and year", "سنة 2015", kNone, {span("سنة 2015", "2015-01-01", "2015-12-31")}},
        Case{"العام and year", "خلال العام 2015", kNone, {span("العام 2015", "2015-01-01", "2015-12-31")}},
        Case{"29 February of a leap year", "29 فبراير 2020", kNone, {on("29 فبراير 2020", "2020-02-29")}}));

INSTANTIATE_TEST_SUITE_P(
    Numeric, DateCase,
    testing::Values(
        Case{"day/month/year", "بتاريخ 30/9/2020", kNone, {on("30/9/2020", "2020-09-30")}},
        Case{"ISO", "بتاريخ 2020-09-30", kNone, {on("2020-09-30", "2020-09-30")}},
        Case{"day-month-year", "30-09-2020", kNone, {on("30-09-2020", "2020-09-30")}},
        Case{"dots make one token", "30.9.2020", kNone, {on("30.9.2020", "2020-09-30")}},
        Case{"Arabic-Indic", "٣٠/٩/٢٠٢٠", kNone, {on("٣٠/٩/٢٠٢٠", "2020-09-30")}},
        Case{"Hijri year with هـ", "1/9/1436هـ", kNone, {on("1/9/1436هـ", "2015-06-18")}},
        Case{"impossible numeric date", "31/2/2020", kNone, {}},
        Case{"a number with dot groups is no date", "1.500.000 نازح", kNone, {}}));

INSTANTIATE_TEST_SUITE_P(
    Hijri, DateCase,
    testing::Values(
        Case{"day, Hijri month, year", "1 رمضان 1436", kNone, {on("1 رمضان 1436", "2015-06-18")}},
        Case{"year with attached هـ", "1 رمضان 1436هـ", kNone, {on("1 رمضان 1436هـ", "2015-06-18")}},
        Case{"year with separate هـ", "1 رمضان 1436 هـ", kNone, {on("1 رمضان 1436 هـ", "2015-06-18")}},
        Case{"غرة and year", "غرة شوال 1436", kNone, {on("غرة شوال 1436", "2015-07-17")}},
        Case{"two-word Hijri month ذو القعدة", "1 ذو القعدة 1436هـ", kNone, {on("1 ذو القعدة 1436هـ", "2015-08-16")}},
        Case{"oblique ذي القعدة", "في 1 ذي القعدة 1436", kNone, {on("1 ذي القعدة 1436", "2015-08-16")}},
        Case{"ordinal day of a Hijri month", "العاشر من رمضان 1436", kNone, {on("العاشر من رمضان 1436", "2015-06-27")}},
        Case{"Hijri month and year", "رمضان 1436", kNone, {span("رمضان 1436", "2015-06-18", "2015-07-16")}},
        Case{"غرة without a year", "صلاة العيد غرة شوال", std::optional<std::string>("2015-07-20"),
             {on("غرة شوال", "2015-07-17", true)}},
        Case{"Hijri day 30 of a 29-day month", "30 رمضان 1436", kNone, {}},
        Case{"شهر before a Hijri month", "في شهر رمضان", std::optional<std::string>("2015-07-01"),
             {span("شهر رمضان", "2015-06-18", "2015-07-16", true)}}));

INSTANTIATE_TEST_SUITE_P(
    Inferred, DateCase,
    testing::Values(
        Case{"day and month, earlier this year", "في 5 يونيو", kWednesday, {on("5 يونيو", "2020-06-05", true)}},
        Case{"day and month a few days ahead", "في 3 أكتوبر", kWednesday, {on("3 أكتوبر", "2020-10-03", true)}},
        Case{"day and month far ahead is last year", "في 20 ديسمبر", kWednesday, {on("20 ديسمبر", "2019-12-20", true)}},
        Case{"early January at the end of December", "في 2 يناير", std::optional<std::string>("2020-12-30"),
             {on("2 يناير", "2021-01-02", true)}},
        Case{"a day name picks the year", "يوم الأربعاء 12 أغسطس", std::optional<std::string>("2015-07-21"),
             {on("يوم الأربعاء 12 أغسطس", "2015-08-12", true)}},
        Case{"day and month الماضي", "27 سبتمبر الماضي", std::optional<std::string>("2020-09-27"),
             {on("27 سبتمبر الماضي", "2019-09-27", true)}},
        Case{"month الماضي", "في أغسطس الماضي", kWednesday, {span("أغسطس الماضي", "2020-08-01", "2020-08-31", true)}},
        Case{"same month الماضي is last year's", "سبتمبر الماضي", kWednesday,
             {span("سبتمبر الماضي", "2019-09-01", "2019-09-30", true)}},
        Case{"month المقبل", "نوفمبر المقبل", kWednesday, {span("نوفمبر المقبل", "2020-11-01", "2020-11-30", true)}},
        Case{"month after في, publication year", "في ديسمبر", kWednesday,
             {span("ديسمبر", "2020-12-01", "2020-12-31", true)}},
        Case{"a month alone is no date", "وصل سبتمبر", kWednesday, {}},
        Case{"day of the current month", "في 5 الجاري", kWednesday, {on("5 الجاري", "2020-09-05", true)}},
        Case{"day, month, relative year", "27 سبتمبر من العام الماضي", kWednesday,
             {on("27 سبتمبر من العام الماضي", "2019-09-27", true)}},
        Case{"no publication date, no year", "في 27 سبتمبر", kNone, {}},
        Case{"31 February in no year", "في 31 فبراير", kWednesday, {}},
        Case{"impossible day with a year", "31 فبراير 2020", kWednesday, {}}));

INSTANTIATE_TEST_SUITE_P(
    Relative, DateCase,
    testing::Values(
        Case{"today", "أعلن اليوم الجيش", kWednesday, {on("اليوم", "2020-09-30", true)}},
        Case{"this morning", "صباح اليوم", kWednesday, {on("صباح اليوم", "2020-09-30", true)}},
        Case{"today and its day name", "اليوم الأربعاء", kWednesday, {on("اليوم الأربعاء", "2020-09-30", true)}},
        Case{"today and its day name in parentheses", "اليوم (الأربعاء)", kWednesday,
             {on("اليوم (الأربعاء", "2020-09-30", true)}},
        Case{"اليوم الذي is not today", "حتى اليوم الذي يلي الانتخابات", kWednesday, {}},
        Case{"yesterday", "قصفت أمس", kWednesday, {on("أمس", "2020-09-29", true)}},
        Case{"yesterday with the article and ب", "بالأمس", kWednesday, {on("بالأمس", "2020-09-29", true)}},
        Case{"yesterday evening", "مساء أمس", kWednesday, {on("مساء أمس", "2020-09-29", true)}},
        Case{"يوم أمس", "يوم أمس", kWednesday, {on("يوم أمس", "2020-09-29", true)}},
        Case{"the day before yesterday", "أول أمس", kWednesday, {on("أول أمس", "2020-09-28", true)}},
        Case{"the day before yesterday, other order", "أمس الأول", kWednesday, {on("أمس الأول", "2020-09-28", true)}},
        Case{"tomorrow", "غدا", kWednesday, {on("غدا", "2020-10-01", true)}},
        Case{"tomorrow with a conjunction the segmenter leaves on", "وغداً", kWednesday, {on("وغداً", "2020-10-01", true)}},
        Case{"the day after tomorrow", "بعد غد", kWednesday, {on("بعد غد", "2020-10-02", true)}},
        Case{"day name alone is the latest such day", "قصف الأحد", kWednesday, {on("الأحد", "2020-09-27", true)}},
        Case{"day name of the publication day", "الأربعاء", kWednesday, {on("الأربعاء", "2020-09-30", true)}},
        Case{"day name with a conjunction", "والخميس", kWednesday, {on("والخميس", "2020-09-24", true)}},
        Case{"day name الماضي is strictly before", "الأربعاء الماضي", kWednesday,
             {on("الأربعاء الماضي", "2020-09-23", true)}},
        Case{"day name المقبل", "الأحد المقبل", kWednesday, {on("الأحد المقبل", "2020-10-04", true)}},
        Case{"ليلة and a day name", "ليلة السبت", kWednesday, {on("ليلة السبت", "2020-09-26", true)}},
        Case{"the night between two days", "ليل الاثنين الثلاثاء", kWednesday,
             {span("ليل الاثنين الثلاثاء", "2020-09-28", "2020-09-29", true)}},
        Case{"two day names that do not follow each other are two days", "الاثنين الأربعاء", kWednesday,
             {on("الاثنين", "2020-09-28", true), on("الأربعاء", "2020-09-30", true)}},
        Case{"since the night of a day", "منذ ليل الأحد", kWednesday, {span("منذ ليل الأحد", "2020-09-27", "2020-09-30", true)}},
        Case{"since the start of this month", "منذ مطلع أيلول", kWednesday,
             {span("منذ مطلع أيلول", "2020-09-01", "2020-09-30", true)}},
        Case{"since the start of a month of last year", "منذ مطلع كانون الأول", kWednesday,
             {span("منذ مطلع كانون الأول", "2019-12-01", "2020-09-30", true)}},
        Case{"since a day name", "منذ الأحد", kWednesday, {span("منذ الأحد", "2020-09-27", "2020-09-30", true)}},
        Case{"since three days", "منذ ثلاثة أيام", kWednesday,
             {span("منذ ثلاثة أيام", "2020-09-27", "2020-09-30", true)}},
        Case{"since two days (dual)", "منذ يومين", kWednesday, {span("منذ يومين", "2020-09-28", "2020-09-30", true)}},
        Case{"since 15 days in digits", "منذ 15 يوما", kWednesday, {span("منذ 15 يوما", "2020-09-15", "2020-09-30", true)}},
        Case{"since a week", "منذ أسبوع", kWednesday, {span("منذ أسبوع", "2020-09-23", "2020-09-30", true)}},
        Case{"since a year", "منذ عام 2015", kWednesday, {span("منذ عام 2015", "2015-01-01", "2020-09-30", true)}},
        Case{"two days ago", "قبل يومين", kWednesday, {on("قبل يومين", "2020-09-28", true)}},
        Case{"a year ago", "قبل عام", kWednesday, {span("قبل عام", "2019-01-01", "2019-12-31", true)}},
        Case{"before a year is not a year ago", "قبل عام 2015", kWednesday, {span("عام 2015", "2015-01-01", "2015-12-31")}},
        Case{"last week, Saturday to Friday", "الأسبوع الماضي", kWednesday,
             {span("الأسبوع الماضي", "2020-09-19", "2020-09-25", true)}},
        Case{"this week", "هذا الأسبوع", kWednesday, {span("هذا الأسبوع", "2020-09-26", "2020-10-02", true)}},
        Case{"last month", "الشهر الماضي", kWednesday, {span("الشهر الماضي", "2020-08-01", "2020-08-31", true)}},
        Case{"last year", "خلال العام الماضي", kWednesday, {span("العام الماضي", "2019-01-01", "2019-12-31", true)}},
        Case{"last year, سنة", "السنة الماضية", kWednesday, {span("السنة الماضية", "2019-01-01", "2019-12-31", true)}},
        Case{"this year", "هذا العام", kWednesday, {span("هذا العام", "2020-01-01", "2020-12-31", true)}},
        Case{"the Secretary-General is no year", "الأمين العام الحالي", kWednesday, {}},
        Case{"the next day is not today", "في اليوم التالي", kWednesday, {}},
        Case{"relative forms need a publication date", "الأحد أمس اليوم الأسبوع الماضي", kNone, {}},
        Case{"a bare number is never a date", "قتل 30 شخصا في 2020", kWednesday, {}}));

TEST(DateRecognizer, HijriMonthsMatchUmmAlQura) {
  const std::pair<std::string, std::string> cases[] = {
      {"1 رمضان 1436", "2015-06-18"}, {"1 شوال 1436", "2015-07-17"}, {"1 ذو القعدة 1436", "2015-08-16"},
      {"1 محرم 1437", "2015-10-14"},  {"1 ربيع الأول 1436", "2014-12-23"}, {"1 جمادى الآخرة 1436", "2015-03-21"}};
  for (const auto& [text, iso] : cases) {
    auto mentions = recognizer().find(text, analyzer().analyze(text), std::nullopt);
    ASSERT_EQ(mentions.size(), 1u) << text;
    EXPECT_EQ(mentions[0].from.iso(), iso) << text;
  }
}

TEST(DateRecognizer, EveryGregorianMonthName) {
  const std::pair<std::string_view, int> months[] = {
      {"يناير", 1}, {"فبراير", 2}, {"مارس", 3},   {"أبريل", 4},  {"مايو", 5},   {"يونيو", 6},
      {"يوليو", 7}, {"يوليه", 7},  {"أغسطس", 8},  {"أكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12},
      {"شباط", 2},  {"آذار", 3},   {"نيسان", 4},  {"أيار", 5},   {"حزيران", 6}, {"تموز", 7},
      {"آب", 8},    {"تشرين الثاني", 11}};
  for (const auto& [name, month] : months) {
    std::string text = "10 " + std::string(name) + " 2019";
    auto mentions = recognizer().find(text, analyzer().analyze(text), std::nullopt);
    ASSERT_EQ(mentions.size(), 1u) << text;
    EXPECT_EQ(mentions[0].from, *CivilDate::from_ymd(2019, month, 10)) << text;
  }
}

}  // namespace
}  // namespace marsad::tag

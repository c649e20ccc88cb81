#include "common/date/civil_date.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace marsad::date {
namespace {

std::optional<std::string> iso_of(const std::optional<CivilDate>& date) {
  if (!date) return std::nullopt;
  return date->iso();
}

CivilDate ymd(int y, int m, int d) {
  std::optional<CivilDate> date = CivilDate::from_ymd(y, m, d);
  if (!date) throw std::invalid_argument("test date is not valid");
  return *date;
}

// ---- parse_record_date: table of inputs ----

struct Case {
  std::string input;
  std::optional<std::string> expected_iso;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << '"' << c.input << "\" -> " << (c.expected_iso ? *c.expected_iso : std::string("nullopt"));
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name = "c" + std::to_string(info.index) + "_";
  for (unsigned char ch : info.param.input) {
    if (ch < 0x80 && std::isalnum(ch)) {
      name.push_back(static_cast<char>(ch));
    } else if (name.back() != '_') {
      name.push_back('_');
    }
  }
  while (name.back() == '_') name.pop_back();
  return name;
}

class ParseRecordDate : public testing::TestWithParam<Case> {};

TEST_P(ParseRecordDate, GivesTheUtcDayOrNothing) {
  const Case& c = GetParam();
  EXPECT_EQ(iso_of(parse_record_date(c.input)), c.expected_iso);
}

const std::vector<Case> kAccepted = {
    // ISO 8601 dates and date-times.
    {"2020-09-30", "2020-09-30"},
    {"2020-09-30T14:20:00Z", "2020-09-30"},
    {"2020-09-30T14:20:00.123Z", "2020-09-30"},
    {"2020-09-30 14:20", "2020-09-30"},
    {"2020-09-30t14:20:59,5z", "2020-09-30"},
    {"2020-09-30T14:20:00+03:00", "2020-09-30"},
    {"2020-09-30T23:59:60Z", "2020-09-30"},
    {"2020-09-30T01:00:00+0300", "2020-09-29"},
    {"2020-09-30T22:00:00-03", "2020-10-01"},
    {"2020-09-30 14:20:00 +03:00", "2020-09-30"},
    {"2020-12-31T23:30:00-01:00", "2021-01-01"},
    {"0001-01-01", "0001-01-01"},
    {"9999-12-31T23:59:59Z", "9999-12-31"},
    // Slashed and dotted numeric dates; day first unless the year leads.
    {"2020/09/30", "2020-09-30"},
    {"2020/9/3", "2020-09-03"},
    {"30/09/2020", "2020-09-30"},
    {"30-09-2020", "2020-09-30"},
    {"30.09.2020", "2020-09-30"},
    {"1/9/2020", "2020-09-01"},
    {"09/10/2020", "2020-10-09"},
    // RFC 2822.
    {"Wed, 30 Sep 2020 14:20:00 +0000", "2020-09-30"},
    {"30 Sep 2020 14:20:00 GMT", "2020-09-30"},
    {"Wed, 30 Sep 2020 14:20 UT", "2020-09-30"},
    {"Wed, 30 Sep 2020 14:20:00 Z", "2020-09-30"},
    {"Wed, 30 Sep 2020 22:00:00 EST", "2020-10-01"},
    {"Wed, 30 Sep 2020 21:00:00 PDT", "2020-10-01"},
    {"Thu, 1 Oct 2020 00:30:00 +0100", "2020-09-30"},
    {"Wed, 30 Sep 2020 23:30:00 -0200", "2020-10-01"},
    {"wed,30 sep 2020 14:20:00 gmt", "2020-09-30"},
    {"Wednesday, 30 September 2020 14:20:00 +0000", "2020-09-30"},
    {"Wed, 30 Sep 2020", "2020-09-30"},
    {"Wed, 30 Sep 2020 14:20:00", "2020-09-30"},
    // Unix seconds.
    {"1601475600", "2020-09-30"},
    {"1601475600.5", "2020-09-30"},
    {"100000000", "1973-03-03"},
    {"99999999999", "5138-11-16"},
    // Whitespace and non-ASCII digits.
    {"  2020-09-30\n", "2020-09-30"},
    {"\t30/09/2020 \r\n", "2020-09-30"},
    {"\xC2\xA0\xE2\x80\x8F" "30/09/2020\xE2\x80\x8F", "2020-09-30"},
    {"٢٠٢٠-٠٩-٣٠", "2020-09-30"},
    {"۳۰/۰۹/۲۰۲۰", "2020-09-30"},
    {"٣٠ Sep ٢٠٢٠ ١٤:٢٠:٠٠ +٠٣٠٠", "2020-09-30"},
    {"١٦٠١٤٧٥٦٠٠", "2020-09-30"},
    // Leap days.
    {"2000-02-29", "2000-02-29"},
    {"2024-02-29", "2024-02-29"},
    {"29/02/2024", "2024-02-29"},
};

const std::vector<Case> kRejected = {
    {"", std::nullopt},
    {"   ", std::nullopt},
    {"hello", std::nullopt},
    {"12345", std::nullopt},
    {"20200930", std::nullopt},
    {"123456789012", std::nullopt},
    {"-1601475600", std::nullopt},
    {"1601475600.", std::nullopt},
    {"1601475600.5s", std::nullopt},
    // Not real days.
    {"2020-13-01", std::nullopt},
    {"2020-00-10", std::nullopt},
    {"2020-02-30", std::nullopt},
    {"2020-04-31", std::nullopt},
    {"31/02/2020", std::nullopt},
    {"1900-02-29", std::nullopt},
    {"2023-02-29", std::nullopt},
    {"0000-01-01", std::nullopt},
    {"00/09/2020", std::nullopt},
    {"31 Sep 2020", std::nullopt},
    // Malformed ISO.
    {"2020-9-30", std::nullopt},
    {"2020-09-30T", std::nullopt},
    {"2020-09-30T14", std::nullopt},
    {"2020-09-30T24:00:00Z", std::nullopt},
    {"2020-09-30T14:60", std::nullopt},
    {"2020-09-30T14:20:61", std::nullopt},
    {"2020-09-30T14:20:00+24:00", std::nullopt},
    {"2020-09-30T14:20:00Q", std::nullopt},
    {"2020-09-30 extra", std::nullopt},
    {"2020-09-30+03:00", std::nullopt},
    // Malformed numeric dates.
    {"30/09-2020", std::nullopt},
    {"2020.09.30", std::nullopt},
    {"30/09/20", std::nullopt},
    {"030/09/2020", std::nullopt},
    {"30/09/2020 14:20", std::nullopt},
    // Malformed RFC 2822.
    {"Wed 30 Sep 2020", std::nullopt},
    {"Foo, 30 Sep 2020", std::nullopt},
    {"30 Sept 2020", std::nullopt},
    {"30 Sep 20", std::nullopt},
    {"30 Sep 2020 14:20:00 XYZ", std::nullopt},
    {"30 Sep 2020 14:20:00 A", std::nullopt},
    {"30 Sep 2020 14:20:00 +03:00", std::nullopt},
    {"30 Sep 2020 +0000", std::nullopt},
    {"30 Sep 2020 14:20:00 +0000 extra", std::nullopt},
    // The UTC day falls outside years 1..9999.
    {"0001-01-01T00:30:00+01:00", std::nullopt},
    {"9999-12-31T23:00:00-02:00", std::nullopt},
};

INSTANTIATE_TEST_SUITE_P(Accepted, ParseRecordDate, testing::ValuesIn(kAccepted), case_name);
INSTANTIATE_TEST_SUITE_P(Rejected, ParseRecordDate, testing::ValuesIn(kRejected), case_name);

// ---- CivilDate ----

TEST(CivilDate, FromYmdAcceptsOnlyRealDays) {
  EXPECT_EQ(iso_of(CivilDate::from_ymd(2020, 9, 30)), "2020-09-30");
  EXPECT_EQ(iso_of(CivilDate::from_ymd(2020, 1, 31)), "2020-01-31");
  EXPECT_EQ(iso_of(CivilDate::from_ymd(2020, 12, 31)), "2020-12-31");
  EXPECT_EQ(iso_of(CivilDate::from_ymd(1, 1, 1)), "0001-01-01");
  EXPECT_EQ(iso_of(CivilDate::from_ymd(9999, 12, 31)), "9999-12-31");
  EXPECT_FALSE(CivilDate::from_ymd(2020, 13, 1));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 0, 1));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 2, 30));
  EXPECT_FALSE(CivilDate::from_ymd(2021, 2, 29));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 4, 31));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 6, 31));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 9, 31));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 11, 31));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 1, 32));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 1, 0));
  EXPECT_FALSE(CivilDate::from_ymd(2020, 1, -1));
  EXPECT_FALSE(CivilDate::from_ymd(0, 1, 1));
  EXPECT_FALSE(CivilDate::from_ymd(10000, 1, 1));
  EXPECT_FALSE(CivilDate::from_ymd(-2020, 1, 1));
}

TEST(CivilDate, LeapYears) {
  EXPECT_TRUE(CivilDate::from_ymd(2000, 2, 29));   // divisible by 400
  EXPECT_FALSE(CivilDate::from_ymd(1900, 2, 29));  // divisible by 100 only
  EXPECT_TRUE(CivilDate::from_ymd(2024, 2, 29));   // divisible by 4
  EXPECT_FALSE(CivilDate::from_ymd(2023, 2, 29));
  EXPECT_FALSE(CivilDate::from_ymd(2100, 2, 29));
  EXPECT_TRUE(CivilDate::from_ymd(2400, 2, 29));
  EXPECT_EQ(ymd(2024, 3, 1).days_since_epoch() - ymd(2024, 2, 28).days_since_epoch(), 2);
  EXPECT_EQ(ymd(2023, 3, 1).days_since_epoch() - ymd(2023, 2, 28).days_since_epoch(), 1);
  EXPECT_EQ(ymd(1900, 3, 1).days_since_epoch() - ymd(1900, 2, 28).days_since_epoch(), 1);
  EXPECT_EQ(ymd(2000, 3, 1).days_since_epoch() - ymd(2000, 2, 28).days_since_epoch(), 2);
}

TEST(CivilDate, FormatsWithZeroPadding) {
  EXPECT_EQ(ymd(2020, 9, 30).yyyymmdd(), "20200930");
  EXPECT_EQ(ymd(2020, 9, 30).iso(), "2020-09-30");
  EXPECT_EQ(ymd(1, 2, 3).yyyymmdd(), "00010203");
  EXPECT_EQ(ymd(1, 2, 3).iso(), "0001-02-03");
  EXPECT_EQ(ymd(9999, 12, 31).yyyymmdd(), "99991231");
  EXPECT_EQ(CivilDate{}.iso(), "1970-01-01");
}

TEST(CivilDate, DaysSinceEpochAtKnownDays) {
  EXPECT_EQ(CivilDate{}.days_since_epoch(), 0);
  EXPECT_EQ(ymd(1969, 12, 31).days_since_epoch(), -1);
  EXPECT_EQ(ymd(1900, 1, 1).days_since_epoch(), -25567);
  EXPECT_EQ(ymd(2000, 1, 1).days_since_epoch(), 10957);
  EXPECT_EQ(ymd(2000, 3, 1).days_since_epoch(), 11017);
  EXPECT_EQ(ymd(2020, 9, 30).days_since_epoch(), 18535);
  EXPECT_EQ(ymd(1, 1, 1).days_since_epoch(), -719162);
  EXPECT_EQ(ymd(9999, 12, 31).days_since_epoch(), 2932896);
}

TEST(CivilDate, DaysSinceEpochRoundTripsEveryDayFrom1900To2100) {
  std::int64_t expected = -25567;  // 1900-01-01
  int checked = 0;
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= 31; ++d) {
        const std::optional<CivilDate> date = CivilDate::from_ymd(y, m, d);
        if (!date) continue;
        ASSERT_EQ(date->days_since_epoch(), expected) << date->iso();
        ASSERT_EQ(CivilDate::from_days_since_epoch(expected), *date) << date->iso();
        ++expected;
        ++checked;
      }
    }
  }
  EXPECT_EQ(expected, 47847);  // 2101-01-01
  EXPECT_EQ(checked, 73414);   // 201 years, 49 of them leap (1900 is not)
}

TEST(CivilDate, FromDaysSinceEpochCoversYears1To9999) {
  CivilDate previous = CivilDate::from_days_since_epoch(-719162);
  EXPECT_EQ(previous.iso(), "0001-01-01");
  for (std::int64_t days = -719161; days <= 2932896; ++days) {
    const CivilDate date = CivilDate::from_days_since_epoch(days);
    if (!(previous < date) || date.days_since_epoch() != days || !CivilDate::from_ymd(date.year, date.month, date.day)) {
      FAIL() << "day " << days << " gave " << date.iso() << " after " << previous.iso();
    }
    previous = date;
  }
  EXPECT_EQ(previous.iso(), "9999-12-31");
  EXPECT_THROW(CivilDate::from_days_since_epoch(-719163), std::out_of_range);
  EXPECT_THROW(CivilDate::from_days_since_epoch(2932897), std::out_of_range);
}

TEST(CivilDate, OrdersChronologically) {
  EXPECT_LT(ymd(2020, 9, 30), ymd(2020, 10, 1));
  EXPECT_LT(ymd(2020, 12, 31), ymd(2021, 1, 1));
  EXPECT_LT(ymd(2020, 1, 2), ymd(2020, 1, 10));
  EXPECT_GT(ymd(2021, 1, 1), ymd(2020, 12, 31));
  EXPECT_EQ(ymd(2020, 9, 30), ymd(2020, 9, 30));
  EXPECT_NE(ymd(2020, 9, 30), ymd(2020, 9, 29));
}

// ---- from_unix_seconds ----

TEST(FromUnixSeconds, TakesTheUtcDayRoundingDown) {
  EXPECT_EQ(from_unix_seconds(0).iso(), "1970-01-01");
  EXPECT_EQ(from_unix_seconds(86399).iso(), "1970-01-01");
  EXPECT_EQ(from_unix_seconds(86400).iso(), "1970-01-02");
  EXPECT_EQ(from_unix_seconds(-1).iso(), "1969-12-31");
  EXPECT_EQ(from_unix_seconds(-86400).iso(), "1969-12-31");
  EXPECT_EQ(from_unix_seconds(-86401).iso(), "1969-12-30");
  EXPECT_EQ(from_unix_seconds(1601475600).iso(), "2020-09-30");
  EXPECT_EQ(from_unix_seconds(951782400).iso(), "2000-02-29");
  EXPECT_THROW(from_unix_seconds(std::numeric_limits<std::int64_t>::max()), std::out_of_range);
  EXPECT_THROW(from_unix_seconds(std::numeric_limits<std::int64_t>::min()), std::out_of_range);
}

// ---- Focused parse_record_date checks ----

TEST(ParseRecordDateZones, OffsetsMoveTheUtcDay) {
  EXPECT_EQ(iso_of(parse_record_date("2020-09-30T01:00:00+03:00")), "2020-09-29");
  EXPECT_EQ(iso_of(parse_record_date("2020-09-30T03:00:00+03:00")), "2020-09-30");
  EXPECT_EQ(iso_of(parse_record_date("2020-09-30T02:59:59+03:00")), "2020-09-29");
  EXPECT_EQ(iso_of(parse_record_date("Wed, 30 Sep 2020 23:30:00 -0200")), "2020-10-01");
  EXPECT_EQ(iso_of(parse_record_date("Wed, 30 Sep 2020 21:59:00 -0200")), "2020-09-30");
  EXPECT_EQ(iso_of(parse_record_date("Wed, 30 Sep 2020 19:00:00 EDT")), "2020-09-30");
  EXPECT_EQ(iso_of(parse_record_date("Wed, 30 Sep 2020 20:00:00 EDT")), "2020-10-01");
  EXPECT_EQ(iso_of(parse_record_date("Sat, 01 Mar 2020 01:00:00 +0200")), "2020-02-29");
  EXPECT_EQ(iso_of(parse_record_date("2019-03-01T01:00:00+02:00")), "2019-02-28");
}

TEST(ParseRecordDateDigits, ArabicIndicAndEasternDigits) {
  EXPECT_EQ(iso_of(parse_record_date("٢٠٢٠-٠٩-٣٠")), "2020-09-30");
  EXPECT_EQ(iso_of(parse_record_date("۲۰۲۰-۰۹-۳۰")), "2020-09-30");
  EXPECT_EQ(iso_of(parse_record_date("٣٠/٠٩/٢٠٢٠")), "2020-09-30");
  EXPECT_EQ(iso_of(parse_record_date("٢٠٢٠-٠٩-٣٠T٠١:٠٠:٠٠+٠٣:٠٠")), "2020-09-29");
  EXPECT_FALSE(parse_record_date("٢٠٢٠-٠٢-٣٠"));
  EXPECT_FALSE(parse_record_date("٣٠ سبتمبر ٢٠٢٠"));
}

// ---- date_in_file_name ----

TEST(DateInFileName, FindsTheFirstRealDate) {
  EXPECT_EQ(iso_of(date_in_file_name("reports/2023-04-15-khartoum.txt")), "2023-04-15");
  EXPECT_EQ(iso_of(date_in_file_name("notes_20231007.md")), "2023-10-07");
  EXPECT_EQ(iso_of(date_in_file_name("2023_04_15_report.json")), "2023-04-15");
  EXPECT_EQ(iso_of(date_in_file_name("a20231007b")), "2023-10-07");
  EXPECT_EQ(iso_of(date_in_file_name("2023-04-15")), "2023-04-15");
  EXPECT_EQ(iso_of(date_in_file_name("x-2023-02-30_then_2023-03-01.txt")), "2023-03-01");
  EXPECT_EQ(iso_of(date_in_file_name("v2_20231399_20231007.csv")), "2023-10-07");
  EXPECT_EQ(iso_of(date_in_file_name("2022-01-01/report-2023-04-15.txt")), "2022-01-01");
}

TEST(DateInFileName, RejectsNonDatesAndUnboundedDigits) {
  EXPECT_FALSE(date_in_file_name("x-2023-02-30.txt"));
  EXPECT_FALSE(date_in_file_name("v1.2.txt"));
  EXPECT_FALSE(date_in_file_name(""));
  EXPECT_FALSE(date_in_file_name("report.txt"));
  EXPECT_FALSE(date_in_file_name("120231007.md"));
  EXPECT_FALSE(date_in_file_name("202310071.md"));
  EXPECT_FALSE(date_in_file_name("12023-04-15.txt"));
  EXPECT_FALSE(date_in_file_name("2023-04-150.txt"));
  EXPECT_FALSE(date_in_file_name("2023-04_15.txt"));
  EXPECT_FALSE(date_in_file_name("2023.04.15.txt"));
  EXPECT_FALSE(date_in_file_name("reports/2023/04/15.txt"));
  EXPECT_FALSE(date_in_file_name("2023-4-15.txt"));
}

}  // namespace
}  // namespace marsad::date

namespace marsad::date {
namespace {

TEST(CivilDate, ReadsBackTheEightDigitsItWrites) {
  const auto day = CivilDate::from_yyyymmdd("20240305");
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->iso(), "2024-03-05");
  EXPECT_EQ(day->yyyymmdd(), "20240305");
  for (const char* bad : {"", "2024035", "202403051", "2024-3-5", "20240230", "2024O305"})
    EXPECT_FALSE(CivilDate::from_yyyymmdd(bad).has_value()) << bad;
}

}  // namespace
}  // namespace marsad::date

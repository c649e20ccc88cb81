#pragma once
// Calendar dates of records and file names: the formats in which news exports carry them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace marsad::date {

/** A proleptic Gregorian calendar day (UTC). Invariant: a valid date, year 1..9999. */
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  /** The date as eight digits, e.g. "20200930". */
  std::string yyyymmdd() const;
  /** The date as ISO 8601, e.g. "2020-09-30". */
  std::string iso() const;
  /** Days since 1970-01-01 (negative before it). */
  std::int64_t days_since_epoch() const;
  /** The date with these fields, or nullopt when they do not name a real day in years 1..9999. */
  static std::optional<CivilDate> from_ymd(int year, int month, int day);
  /** The day of eight digits "YYYYMMDD" (as yyyymmdd() writes it), or nullopt for anything else. */
  static std::optional<CivilDate> from_yyyymmdd(std::string_view digits);
  /** Inverse of days_since_epoch(); throws std::out_of_range outside 0001-01-01..9999-12-31. */
  static CivilDate from_days_since_epoch(std::int64_t days);
  auto operator<=>(const CivilDate&) const = default;
};

/** Parses a record's date field; nullopt when it is none of the accepted forms or not a real day:
 *  ISO 8601 date or date-time ("2020-09-30", "2020-09-30T14:20:00Z", "2020-09-30 14:20", with offsets
 *  like +03:00 — the UTC day is returned), "YYYY/MM/DD", "DD/MM/YYYY" (also with '-' or '.': "30-09-2020",
 *  "30.09.2020"), RFC 2822 ("Wed, 30 Sep 2020 14:20:00 +0000", weekday optional, zone optional, also
 *  "GMT"/"UT"/"Z"/"EST" etc.; the UTC day is returned), and Unix seconds (an all-digit string of 9–11
 *  digits, or with a fractional part like "1601475600.5"; negative values are rejected). A time without
 *  a zone is taken as UTC; outside ISO, day and month may have one or two digits; an RFC 2822 weekday is
 *  not checked against the date. Leading/trailing whitespace (and no-break spaces, bidi marks) is ignored.
 *  Arabic-Indic digits (٠-٩, U+0660–0669) and Eastern digits (۰-۹, U+06F0–06F9) are accepted wherever
 *  ASCII digits are. */
std::optional<CivilDate> parse_record_date(std::string_view text);

/** Date from Unix seconds (UTC day); throws std::out_of_range outside years 1..9999. */
CivilDate from_unix_seconds(std::int64_t seconds);

/** The first YYYY-MM-DD (or YYYY_MM_DD or YYYYMMDD bounded by non-digits) in a file name that is a real date. */
std::optional<CivilDate> date_in_file_name(std::string_view file_name);

}  // namespace marsad::date

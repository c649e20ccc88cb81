#include "common/date/civil_date.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>

namespace marsad::date {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr std::int64_t kMinutesPerDay = 24 * 60;
constexpr std::int64_t kSecondsPerDay = 24 * 60 * 60;

// ---- Calendar arithmetic (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms") ----
// The year is taken to start on 1 March so that the leap day falls at its end; years are grouped
// into 400-year eras of 146097 days each.

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  if (m <= 2) --y;                                    // January and February belong to the previous March-year.
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;      // [0, 399]
  const int march_month = m > 2 ? m - 3 : m + 9;       // March = 0 … February = 11
  const std::int64_t day_of_year = (153 * march_month + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;           // 719468 = days from 0000-03-01 to 1970-01-01
}

struct Ymd {
  std::int64_t year;
  int month;
  int day;
};

constexpr Ymd civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t day_of_era = z - era * 146097;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t march_month = (5 * day_of_year + 2) / 153;  // March = 0 … February = 11
  const int day = static_cast<int>(day_of_year - (153 * march_month + 2) / 5 + 1);
  const int month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

constexpr std::int64_t kMinDays = days_from_civil(kMinYear, 1, 1);
constexpr std::int64_t kMaxDays = days_from_civil(kMaxYear, 12, 31);

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(kMinDays == -719162 && kMaxDays == 2932896);
static_assert(civil_from_days(11017).year == 2000 && civil_from_days(11017).month == 3);

constexpr bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

std::optional<CivilDate> date_from_days(std::int64_t days) {
  if (days < kMinDays || days > kMaxDays) return std::nullopt;
  const Ymd ymd = civil_from_days(days);
  return CivilDate{static_cast<int>(ymd.year), ymd.month, ymd.day};
}

/** The UTC day of a local wall-clock time at offset_minutes east of UTC; nullopt past the year range. */
std::optional<CivilDate> utc_day(const CivilDate& local, int hour, int minute, int offset_minutes) {
  const std::int64_t local_minutes = local.days_since_epoch() * kMinutesPerDay + hour * 60 + minute;
  return date_from_days(floor_div(local_minutes - offset_minutes, kMinutesPerDay));
}

void append_padded(std::string& out, int value, int width) {
  std::array<char, 8> buf{};
  for (int i = width - 1; i >= 0; --i) {
    buf[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf.data(), static_cast<std::size_t>(width));
}

// ---- Text preparation ----

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_alpha(char c) { return to_lower(c) >= 'a' && to_lower(c) <= 'z'; }

/** Copies text with Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9) digits made ASCII. */
std::string ascii_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (i + 1 < text.size() && (lead == 0xD9 || lead == 0xDB)) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const unsigned char first = lead == 0xD9 ? 0xA0 : 0xB0;  // U+0660 = D9 A0, U+06F0 = DB B0
      if (next >= first && next <= first + 9) {
        out.push_back(static_cast<char>('0' + (next - first)));
        ++i;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

/** Length of the whitespace or invisible bidi mark (LRM, RLM, ALM) or no-break space starting at s[i], or 0. */
std::size_t blank_at(std::string_view s, std::size_t i) {
  if (is_ascii_space(s[i])) return 1;
  const std::string_view rest = s.substr(i);
  for (std::string_view mark : {std::string_view("\xC2\xA0"), std::string_view("\xD8\x9C"),
                                std::string_view("\xE2\x80\x8E"), std::string_view("\xE2\x80\x8F")}) {
    if (rest.substr(0, mark.size()) == mark) return mark.size();
  }
  return 0;
}

std::size_t blank_ending_at(std::string_view s, std::size_t end) {
  for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
    if (blank_at(s, end - len) == len) return len;
  }
  return 0;
}

std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    const std::size_t n = blank_at(s, begin);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = s.size();
  while (end > begin) {
    const std::size_t n = blank_ending_at(s, end);
    if (n == 0) break;
    end -= n;
  }
  return s.substr(begin, end - begin);
}

// ---- A cursor over ASCII text ----

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool done() const { return pos_ == s_.size(); }
  char peek() const { return done() ? '\0' : s_[pos_]; }

  bool eat(char c) {
    if (peek() != c || done()) return false;
    ++pos_;
    return true;
  }

  /** Reads a whole run of digits; fails (consuming nothing) unless its length is in [min_len, max_len]. */
  bool number(int min_len, int max_len, int& value) {
    std::size_t end = pos_;
    while (end < s_.size() && is_digit(s_[end])) ++end;
    const auto len = static_cast<int>(end - pos_);
    if (len < min_len || len > max_len) return false;
    value = 0;
    for (; pos_ < end; ++pos_) value = value * 10 + (s_[pos_] - '0');
    return true;
  }

  /** Skips spaces and tabs; returns how many. */
  int spaces() {
    int n = 0;
    while (peek() == ' ' || peek() == '\t') {
      ++pos_;
      ++n;
    }
    return n;
  }

  /** Reads a run of ASCII letters, lower-cased. */
  std::string word() {
    std::string out;
    while (!done() && is_alpha(peek())) out.push_back(to_lower(s_[pos_++]));
    return out;
  }

  std::size_t position() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// ---- Record date forms ----

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
};

/** HH:MM[:SS[(.|,)fraction]]; seconds may be 60 (a leap second). */
std::optional<TimeOfDay> parse_time(Cursor& c, bool allow_fraction) {
  TimeOfDay t;
  if (!c.number(2, 2, t.hour) || t.hour > 23) return std::nullopt;
  if (!c.eat(':') || !c.number(2, 2, t.minute) || t.minute > 59) return std::nullopt;
  if (c.eat(':')) {
    int second = 0;
    if (!c.number(2, 2, second) || second > 60) return std::nullopt;
    if (allow_fraction && (c.eat('.') || c.eat(','))) {
      int ignored = 0;
      if (!c.number(1, 9, ignored)) return std::nullopt;
    }
  }
  return t;
}

/** An offset east of UTC in minutes: ±HH, ±HHMM or ±HH:MM when iso, else ±HHMM (RFC 2822). */
std::optional<int> parse_numeric_offset(Cursor& c, bool iso) {
  int sign = 0;
  if (c.eat('+')) {
    sign = 1;
  } else if (c.eat('-')) {
    sign = -1;
  } else {
    return std::nullopt;
  }
  int hours = 0;
  int minutes = 0;
  if (iso) {
    const std::size_t start = c.position();
    if (c.number(4, 4, hours)) {
      minutes = hours % 100;
      hours /= 100;
    } else {
      c.reset(start);
      if (!c.number(2, 2, hours)) return std::nullopt;
      if (c.eat(':') && !c.number(2, 2, minutes)) return std::nullopt;
    }
  } else {
    if (!c.number(4, 4, hours)) return std::nullopt;
    minutes = hours % 100;
    hours /= 100;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  return sign * (hours * 60 + minutes);
}

/** YYYY-MM-DD, optionally followed by ('T' | ' ') time and an optional zone (Z or a numeric offset). */
std::optional<CivilDate> parse_iso(std::string_view s) {
  Cursor c(s);
  int y = 0, m = 0, d = 0;
  if (!c.number(4, 4, y) || !c.eat('-') || !c.number(2, 2, m) || !c.eat('-') || !c.number(2, 2, d)) {
    return std::nullopt;
  }
  const std::optional<CivilDate> date = CivilDate::from_ymd(y, m, d);
  if (!date || c.done()) return date;
  if (!(c.eat('T') || c.eat('t') || c.eat(' '))) return std::nullopt;
  const std::optional<TimeOfDay> time = parse_time(c, /*allow_fraction=*/true);
  if (!time) return std::nullopt;
  c.spaces();
  int offset = 0;
  if (c.eat('Z') || c.eat('z')) {
    offset = 0;
  } else if (!c.done()) {
    const std::optional<int> parsed = parse_numeric_offset(c, /*iso=*/true);
    if (!parsed) return std::nullopt;
    offset = *parsed;
  }
  if (!c.done()) return std::nullopt;
  return utc_day(*date, time->hour, time->minute, offset);
}

/** YYYY/MM/DD, or DD/MM/YYYY with '/', '-' or '.'; day and month may have one or two digits. */
std::optional<CivilDate> parse_numeric_date(std::string_view s) {
  Cursor c(s);
  int first = 0, second = 0, third = 0;
  const std::size_t start = c.position();
  if (c.number(4, 4, first)) {
    if (!c.eat('/') || !c.number(1, 2, second) || !c.eat('/') || !c.number(1, 2, third) || !c.done()) {
      return std::nullopt;
    }
    return CivilDate::from_ymd(first, second, third);
  }
  c.reset(start);
  if (!c.number(1, 2, first)) return std::nullopt;
  const char sep = c.peek();
  if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
  c.eat(sep);
  if (!c.number(1, 2, second) || !c.eat(sep) || !c.number(4, 4, third) || !c.done()) return std::nullopt;
  return CivilDate::from_ymd(third, second, first);
}

int month_from_name(std::string_view name) {
  constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",
                                                        "may",     "june",     "july",      "august",
                                                        "september", "october", "november", "december"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i] || name == kMonths[i].substr(0, 3)) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool is_weekday_name(std::string_view name) {
  constexpr std::array<std::string_view, 7> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                                     "friday", "saturday", "sunday"};
  for (std::string_view day : kDays) {
    if (name == day || name == day.substr(0, 3)) return true;
  }
  return false;
}

/** Named zones of RFC 2822 (military zones other than Z are ambiguous there and are refused). */
std::optional<int> named_zone_offset(std::string_view zone) {
  struct Named {
    std::string_view name;
    int hours;
  };
  constexpr std::array<Named, 12> kZones = {{{"ut", 0},
                                             {"utc", 0},
                                             {"gmt", 0},
                                             {"z", 0},
                                             {"est", -5},
                                             {"edt", -4},
                                             {"cst", -6},
                                             {"cdt", -5},
                                             {"mst", -7},
                                             {"mdt", -6},
                                             {"pst", -8},
                                             {"pdt", -7}}};
  for (const Named& z : kZones) {
    if (zone == z.name) return z.hours * 60;
  }
  return std::nullopt;
}

/** [Wday ","] D Mon YYYY [HH:MM[:SS] [zone]]; the weekday is not checked against the date. */
std::optional<CivilDate> parse_rfc2822(std::string_view s) {
  Cursor c(s);
  if (is_alpha(c.peek())) {
    if (!is_weekday_name(c.word())) return std::nullopt;
    c.spaces();
    if (!c.eat(',')) return std::nullopt;
    c.spaces();
  }
  int d = 0, y = 0;
  if (!c.number(1, 2, d) || c.spaces() == 0) return std::nullopt;
  const int m = month_from_name(c.word());
  if (m == 0 || c.spaces() == 0 || !c.number(4, 4, y)) return std::nullopt;
  const std::optional<CivilDate> date = CivilDate::from_ymd(y, m, d);
  if (!date) return std::nullopt;
  const bool gap_after_year = c.spaces() > 0;
  if (c.done()) return date;
  if (!gap_after_year) return std::nullopt;
  const std::optional<TimeOfDay> time = parse_time(c, /*allow_fraction=*/false);
  if (!time) return std::nullopt;
  const bool gap_after_time = c.spaces() > 0;
  int offset = 0;
  if (!c.done()) {
    if (!gap_after_time) return std::nullopt;
    std::optional<int> parsed;
    if (c.peek() == '+' || c.peek() == '-') {
      parsed = parse_numeric_offset(c, /*iso=*/false);
    } else {
      parsed = named_zone_offset(c.word());
    }
    if (!parsed) return std::nullopt;
    offset = *parsed;
    c.spaces();
    if (!c.done()) return std::nullopt;
  }
  return utc_day(*date, time->hour, time->minute, offset);
}

/** 9–11 digits, optionally followed by '.' and a fraction. */
std::optional<CivilDate> parse_unix_seconds(std::string_view s) {
  Cursor c(s);
  std::size_t digits = 0;
  std::int64_t seconds = 0;
  while (is_digit(c.peek())) {
    seconds = seconds * 10 + (c.peek() - '0');
    c.eat(c.peek());
    ++digits;
    if (digits > 11) return std::nullopt;
  }
  if (digits < 9) return std::nullopt;
  if (c.eat('.')) {
    int ignored_digits = 0;
    while (is_digit(c.peek())) {
      c.eat(c.peek());
      ++ignored_digits;
    }
    if (ignored_digits == 0) return std::nullopt;
  }
  if (!c.done()) return std::nullopt;
  return date_from_days(floor_div(seconds, kSecondsPerDay));
}

// ---- File names ----

/** A date of exactly `len` characters starting at s[i] in one of the file-name forms, else nullopt. */
std::optional<CivilDate> file_name_date_at(std::string_view s, std::size_t i, std::size_t len) {
  if (i + len > s.size()) return std::nullopt;
  const std::string_view t = s.substr(i, len);
  auto value = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t k = from; k < from + n; ++k) {
      if (!is_digit(t[k])) return -1;
      v = v * 10 + (t[k] - '0');
    }
    return v;
  };
  int y = 0, m = 0, d = 0;
  if (len == 8) {
    y = value(0, 4);
    m = value(4, 2);
    d = value(6, 2);
  } else {
    const char sep = t[4];
    if ((sep != '-' && sep != '_') || t[7] != sep) return std::nullopt;
    y = value(0, 4);
    m = value(5, 2);
    d = value(8, 2);
  }
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const bool bounded_after = i + len == s.size() || !is_digit(s[i + len]);
  if (!bounded_after) return std::nullopt;
  return CivilDate::from_ymd(y, m, d);
}

}  // namespace

std::string CivilDate::yyyymmdd() const {
  std::string out;
  out.reserve(8);
  append_padded(out, year, 4);
  append_padded(out, month, 2);
  append_padded(out, day, 2);
  return out;
}

std::string CivilDate::iso() const {
  std::string out;
  out.reserve(10);
  append_padded(out, year, 4);
  out.push_back('-');
  append_padded(out, month, 2);
  out.push_back('-');
  append_padded(out, day, 2);
  return out;
}

std::int64_t CivilDate::days_since_epoch() const { return days_from_civil(year, month, day); }

std::optional<CivilDate> CivilDate::from_ymd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return CivilDate{year, month, day};
}

CivilDate CivilDate::from_days_since_epoch(std::int64_t days) {
  const std::optional<CivilDate> date = date_from_days(days);
  if (!date) throw std::out_of_range("day " + std::to_string(days) + " is outside years 1..9999");
  return *date;
}

CivilDate from_unix_seconds(std::int64_t seconds) {
  return CivilDate::from_days_since_epoch(floor_div(seconds, kSecondsPerDay));
}

std::optional<CivilDate> parse_record_date(std::string_view text) {
  const std::string ascii = ascii_digits(text);
  const std::string_view s = trim(ascii);
  if (s.empty()) return std::nullopt;
  if (is_digit(s[0])) {
    if (auto iso = parse_iso(s)) return iso;
    if (auto numeric = parse_numeric_date(s)) return numeric;
    if (auto unix_seconds = parse_unix_seconds(s)) return unix_seconds;
  }
  return parse_rfc2822(s);
}

std::optional<CivilDate> date_in_file_name(std::string_view file_name) {
  for (std::size_t i = 0; i < file_name.size(); ++i) {
    if (!is_digit(file_name[i]) || (i > 0 && is_digit(file_name[i - 1]))) continue;
    if (auto date = file_name_date_at(file_name, i, 10)) return date;
    if (auto date = file_name_date_at(file_name, i, 8)) return date;
  }
  return std::nullopt;
}

std::optional<CivilDate> CivilDate::from_yyyymmdd(std::string_view v) {
  if (v.size() != 8 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  auto number = [&v](std::size_t from, std::size_t length) {
    int n = 0;
    for (char c : v.substr(from, length)) n = n * 10 + (c - '0');
    return n;
  };
  return from_ymd(number(0, 4), number(4, 2), number(6, 2));
}

}  // namespace marsad::date

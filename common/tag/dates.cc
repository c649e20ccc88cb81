#include "common/tag/dates.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include "common/errors.h"

namespace marsad::tag {
namespace {

using date::CivilDate;
using Tokens = std::vector<text::AnalyzedToken>;

constexpr double kMillisecondsPerDay = 86'400'000.0;

enum class CalendarKind : std::uint8_t { Gregorian, Hijri };

/** A month name; two-word names (كانون الثاني، ربيع الأول، ذو الحجة) are keyed by the first word. */
struct MonthName {
  CalendarKind calendar;
  int month;
  std::string second;      // normalized second word with its article, "" for one-word names
  bool ambiguous = false;  // also an everyday word or a personal name (آب، صفر، رجب): not read alone
};

/** Words that shape a date phrase. */
enum class Cue : std::uint8_t {
  Day,            // يوم; اليوم with the article
  Yesterday,      // أمس
  Tomorrow,       // غدا
  TomorrowNoun,   // غد (بعد غد، يوم غد)
  After,          // بعد
  First,          // أول (أول أمس)
  Of,             // من
  Since,          // منذ
  Ago,            // قبل
  In,             // في، خلال
  MonthPart,      // مطلع، أواخر، منتصف, حتى … (a month named after them is a date)
  Month,          // شهر
  Year,           // عام، سنة
  Week,           // أسبوع
  TimeOfDay,      // صباح، مساء، ليلة …
  Corresponding,  // الموافق
  FirstOfMonth,   // غرة
  Past,           // الماضي، المنصرم، الفائت، السابق
  Next,           // المقبل، القادم
  Current,        // الجاري، الحالي
  This,           // هذا، هذه
  HijriMark,      // هـ، هجري، للهجرة
  GregorianMark,  // م، ميلادي، للميلاد
  NotToday,       // words after or before اليوم that make it another day: التالي، ذاته، العالمي …
};

/** A span of time words: منذ ثلاثة أيام. */
enum class TimeUnit : std::uint8_t { Day, Week, Month, Year };
struct UnitWord {
  TimeUnit unit;
  int count;  // 1 for يوم, 2 for يومين, 0 when a number must come before (أيام، يوما)
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class T>
using Table = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

template <class T>
Table<T> build_table(std::initializer_list<std::pair<std::string_view, T>> entries) {
  Table<T> table;
  for (const auto& [word, value] : entries)
    for (std::string& key : normalized_spellings(word)) table.emplace(std::move(key), value);
  return table;
}

struct Vocabulary {
  Table<std::vector<MonthName>> months;
  Table<int> weekdays;  // 0 = Sunday
  Table<Cue> cues;
  Table<UnitWord> units;
  Table<int> ordinals;  // day of the month as an ordinal: الأول، العاشر، العشرين; الحادي is 1
  Table<bool> any_word;  // every word above: a token outside it and not in digits starts no date
};

Vocabulary build_vocabulary() {
  Vocabulary v;
  auto normalized = [](std::string_view word) { return normalized_spellings(word).front(); };
  using C = CalendarKind;
  struct Month {
    std::string_view first, second;
    C calendar;
    int month;
    bool ambiguous;
  };
  static constexpr Month kMonths[] = {
      {"يناير", "", C::Gregorian, 1, false},   {"فبراير", "", C::Gregorian, 2, false},
      {"مارس", "", C::Gregorian, 3, false},    {"أبريل", "", C::Gregorian, 4, false},
      {"إبريل", "", C::Gregorian, 4, false},   {"مايو", "", C::Gregorian, 5, false},
      {"يونيو", "", C::Gregorian, 6, false},   {"يونيه", "", C::Gregorian, 6, false},
      {"يوليو", "", C::Gregorian, 7, false},   {"يوليه", "", C::Gregorian, 7, false},
      {"أغسطس", "", C::Gregorian, 8, false},   {"أغسطس", "", C::Gregorian, 8, false},
      {"سبتمبر", "", C::Gregorian, 9, false},  {"أكتوبر", "", C::Gregorian, 10, false},
      {"نوفمبر", "", C::Gregorian, 11, false}, {"ديسمبر", "", C::Gregorian, 12, false},
      // Levant and Iraq
      {"كانون", "الثاني", C::Gregorian, 1, false}, {"شباط", "", C::Gregorian, 2, false},
      {"آذار", "", C::Gregorian, 3, false},         {"نيسان", "", C::Gregorian, 4, false},
      {"أيار", "", C::Gregorian, 5, false},         {"حزيران", "", C::Gregorian, 6, false},
      {"تموز", "", C::Gregorian, 7, false},         {"آب", "", C::Gregorian, 8, true},
      {"أيلول", "", C::Gregorian, 9, false},        {"تشرين", "الأول", C::Gregorian, 10, false},
      {"تشرين", "الثاني", C::Gregorian, 11, false}, {"كانون", "الأول", C::Gregorian, 12, false},
      // Maghreb
      {"جانفي", "", C::Gregorian, 1, false},   {"فيفري", "", C::Gregorian, 2, false},
      {"أفريل", "", C::Gregorian, 4, false},   {"ماي", "", C::Gregorian, 5, false},
      {"جوان", "", C::Gregorian, 6, false},    {"جويلية", "", C::Gregorian, 7, false},
      {"يوليوز", "", C::Gregorian, 7, false},  {"أوت", "", C::Gregorian, 8, false},
      {"غشت", "", C::Gregorian, 8, false},     {"شتنبر", "", C::Gregorian, 9, false},
      {"نونبر", "", C::Gregorian, 11, false},  {"دجنبر", "", C::Gregorian, 12, false},
      // Hijri
      {"محرم", "", C::Hijri, 1, true},          {"صفر", "", C::Hijri, 2, true},
      {"ربيع", "الأول", C::Hijri, 3, false},    {"ربيع", "الآخر", C::Hijri, 4, false},
      {"ربيع", "الثاني", C::Hijri, 4, false},   {"جمادى", "الأولى", C::Hijri, 5, false},
      {"جمادى", "الأول", C::Hijri, 5, false},   {"جمادى", "الآخرة", C::Hijri, 6, false},
      {"جمادى", "الآخر", C::Hijri, 6, false},   {"جمادى", "الثانية", C::Hijri, 6, false},
      {"جمادى", "الثاني", C::Hijri, 6, false},  {"رجب", "", C::Hijri, 7, true},
      {"شعبان", "", C::Hijri, 8, true},         {"رمضان", "", C::Hijri, 9, false},
      {"شوال", "", C::Hijri, 10, false},        {"ذو", "القعدة", C::Hijri, 11, false},
      {"ذي", "القعدة", C::Hijri, 11, false},    {"ذا", "القعدة", C::Hijri, 11, false},
      {"ذو", "الحجة", C::Hijri, 12, false},     {"ذي", "الحجة", C::Hijri, 12, false},
      {"ذا", "الحجة", C::Hijri, 12, false},
  };
  for (const Month& m : kMonths) {
    MonthName name{m.calendar, m.month, m.second.empty() ? std::string() : normalized(m.second), m.ambiguous};
    for (std::string& key : normalized_spellings(m.first)) {
      auto& names = v.months[std::move(key)];
      // Two-word names first, so that ربيع الأول is tried before any one-word reading.
      names.insert(name.second.empty() ? names.end() : names.begin(), name);
    }
  }
  v.weekdays = build_table<int>({{"أحد", 0}, {"اثنين", 1}, {"إثنين", 1}, {"ثلاثاء", 2}, {"ثلاثا", 2},
                                 {"أربعاء", 3}, {"أربعا", 3}, {"خميس", 4}, {"جمعة", 5}, {"سبت", 6}});
  v.cues = build_table<Cue>({
      {"يوم", Cue::Day},           {"أمس", Cue::Yesterday},        {"غدا", Cue::Tomorrow},
      {"غد", Cue::TomorrowNoun},   {"بعد", Cue::After},            {"أول", Cue::First},
      {"من", Cue::Of},             {"منذ", Cue::Since},            {"قبل", Cue::Ago},
      {"في", Cue::In},             {"خلال", Cue::In},              {"طوال", Cue::In},
      {"مطلع", Cue::MonthPart},    {"أوائل", Cue::MonthPart},      {"أواخر", Cue::MonthPart},
      {"أواسط", Cue::MonthPart},   {"منتصف", Cue::MonthPart},      {"بداية", Cue::MonthPart},
      {"نهاية", Cue::MonthPart},   {"حتى", Cue::MonthPart},        {"شهر", Cue::Month},
      {"عام", Cue::Year},          {"سنة", Cue::Year},             {"أسبوع", Cue::Week},
      {"صباح", Cue::TimeOfDay},    {"مساء", Cue::TimeOfDay},       {"ليلة", Cue::TimeOfDay},
      {"ليل", Cue::TimeOfDay},
      {"فجر", Cue::TimeOfDay},     {"ظهر", Cue::TimeOfDay},        {"ظهيرة", Cue::TimeOfDay},
      {"عصر", Cue::TimeOfDay},     {"صبيحة", Cue::TimeOfDay},      {"موافق", Cue::Corresponding},
      {"غرة", Cue::FirstOfMonth},  {"ماضي", Cue::Past},            {"ماضية", Cue::Past},
      {"منصرم", Cue::Past},        {"منصرمة", Cue::Past},          {"فائت", Cue::Past},
      {"فائتة", Cue::Past},        {"سابق", Cue::Past},            {"سابقة", Cue::Past},
      {"مقبل", Cue::Next},         {"مقبلة", Cue::Next},           {"قادم", Cue::Next},
      {"قادمة", Cue::Next},        {"جاري", Cue::Current},         {"جارية", Cue::Current},
      {"حالي", Cue::Current},      {"حالية", Cue::Current},        {"هذا", Cue::This},
      {"هذه", Cue::This},          {"هـ", Cue::HijriMark},         {"هجري", Cue::HijriMark},
      {"هجرية", Cue::HijriMark},   {"هجرة", Cue::HijriMark},       {"م", Cue::GregorianMark},
      {"ميلادي", Cue::GregorianMark}, {"ميلادية", Cue::GregorianMark}, {"ميلاد", Cue::GregorianMark},
      {"تالي", Cue::NotToday},     {"موالي", Cue::NotToday},       {"أخير", Cue::NotToday},
      {"عالمي", Cue::NotToday},    {"وطني", Cue::NotToday},        {"دولي", Cue::NotToday},
      {"مقرر", Cue::NotToday},     {"محدد", Cue::NotToday},        {"موعود", Cue::NotToday},
      {"مشهود", Cue::NotToday},    {"ذات", Cue::NotToday},         {"نفس", Cue::NotToday},
      {"ذلك", Cue::NotToday},      {"نفسه", Cue::NotToday},        {"ذاته", Cue::NotToday},
      {"الذي", Cue::NotToday},
  });
  v.units = build_table<UnitWord>({
      {"يوم", {TimeUnit::Day, 1}},      {"يوما", {TimeUnit::Day, 0}},      {"يومين", {TimeUnit::Day, 2}},
      {"يومان", {TimeUnit::Day, 2}},    {"أيام", {TimeUnit::Day, 0}},      {"أسبوع", {TimeUnit::Week, 1}},
      {"أسبوعا", {TimeUnit::Week, 0}},  {"أسبوعين", {TimeUnit::Week, 2}},  {"أسبوعان", {TimeUnit::Week, 2}},
      {"أسابيع", {TimeUnit::Week, 0}},  {"شهر", {TimeUnit::Month, 1}},     {"شهرا", {TimeUnit::Month, 0}},
      {"شهرين", {TimeUnit::Month, 2}},  {"شهران", {TimeUnit::Month, 2}},   {"أشهر", {TimeUnit::Month, 0}},
      {"شهور", {TimeUnit::Month, 0}},   {"عام", {TimeUnit::Year, 1}},      {"عاما", {TimeUnit::Year, 0}},
      {"عامين", {TimeUnit::Year, 2}},   {"عامان", {TimeUnit::Year, 2}},    {"أعوام", {TimeUnit::Year, 0}},
      {"سنة", {TimeUnit::Year, 1}},     {"سنتين", {TimeUnit::Year, 2}},    {"سنتان", {TimeUnit::Year, 2}},
      {"سنوات", {TimeUnit::Year, 0}},   {"سنين", {TimeUnit::Year, 0}},
  });
  v.ordinals = build_table<int>({{"أول", 1}, {"ثاني", 2}, {"ثالث", 3}, {"رابع", 4}, {"خامس", 5},
                                 {"سادس", 6}, {"سابع", 7}, {"ثامن", 8}, {"تاسع", 9}, {"عاشر", 10},
                                 {"حادي", 1}, {"عشرين", 20}, {"ثلاثين", 30}});
  auto add_keys = [&v](const auto& table) {
    for (const auto& entry : table) v.any_word.emplace(entry.first, true);
  };
  add_keys(v.months);
  add_keys(v.weekdays);
  add_keys(v.cues);
  add_keys(v.units);
  add_keys(v.ordinals);
  return v;
}

const Vocabulary& vocabulary() {
  static const Vocabulary v = build_vocabulary();
  return v;
}

/** A table entry found for a token, with the clitics that came off it. */
template <class T>
struct Found {
  const T* value = nullptr;
  bool article = false;
  bool conjunction = false;
  explicit operator bool() const { return value != nullptr; }
  const T& operator*() const { return *value; }
  const T* operator->() const { return value; }
};

template <class T>
Found<T> look_up(const Table<T>& table, const text::AnalyzedToken& token) {
  TableKey key = table_key(token);
  auto it = table.find(key.core);
  if (it == table.end() && key.bare != key.core) {
    it = table.find(key.bare);
    key.conjunction = true;
  }
  if (it == table.end()) return {};
  return {&it->second, key.article, key.conjunction};
}

struct Span {
  CivilDate from, to;
};

/** What a phrase at some tokens names; `span` is empty when it names no real day (31 فبراير) or needs a
 *  publication date that is missing: the tokens are claimed all the same. */
struct Match {
  std::size_t first = 0, last = 0;
  std::optional<Span> span;
  bool relative = false;
};

/** Which of several years a day or month without one is read in. */
enum class YearChoice { Nearest, Past, Next, Current };

int weekday_of(std::int64_t days) { return static_cast<int>(((days + 4) % 7 + 7) % 7); }  // 1970-01-01 was a Thursday

CivilDate from_days(std::int64_t days) { return CivilDate::from_days_since_epoch(days); }

std::optional<Span> gregorian_days(int year, int month, int first_day, int last_day) {
  auto from = CivilDate::from_ymd(year, month, first_day);
  auto to = CivilDate::from_ymd(year, month, last_day);
  if (!from || !to) return std::nullopt;
  return Span{*from, *to};
}

std::optional<Span> gregorian_month(int year, int month) {
  auto from = CivilDate::from_ymd(year, month, 1);
  auto next = month == 12 ? CivilDate::from_ymd(year + 1, 1, 1) : CivilDate::from_ymd(year, month + 1, 1);
  if (!from || !next) return std::nullopt;
  return Span{*from, from_days(next->days_since_epoch() - 1)};
}

std::optional<Span> gregorian_year(int year) {
  auto from = CivilDate::from_ymd(year, 1, 1);
  auto to = CivilDate::from_ymd(year, 12, 31);
  if (!from || !to) return std::nullopt;
  return Span{*from, *to};
}

/** The date `months` calendar months from `date`, the day kept where the month has it, else its last day. */
CivilDate add_months(CivilDate date, int months) {
  int index = date.year * 12 + (date.month - 1) + months;
  int year = index / 12, month = index % 12 + 1;
  for (int day = date.day; day >= 28; --day)
    if (auto d = CivilDate::from_ymd(year, month, day)) return *d;
  return *CivilDate::from_ymd(year, month, date.day);
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

/** One find() call: the text, its tokens, the publication date, and the phrase readers. */
class DateRecognizer::Scan {
 public:
  Scan(const DateRecognizer& recognizer, std::string_view text, const Tokens& tokens,
       std::optional<CivilDate> publication)
      : recognizer_(recognizer), v_(vocabulary()), text_(text), tokens_(tokens), publication_(publication) {}

  std::vector<DateMention> run() {
    std::vector<DateMention> out;
    for (std::size_t i = 0; i < tokens_.size();) {
      if (!may_start_date(i)) {
        ++i;
        continue;
      }
      std::optional<Match> m = since(i);
      if (!m) m = ago(i);
      if (!m) m = phrase(i);
      if (!m) {
        ++i;
        continue;
      }
      if (m->span) {
        DateMention mention;
        mention.first_token = m->first;
        mention.last_token = m->last;
        mention.begin = tokens_[m->first].token.begin;
        mention.end = tokens_[m->last].token.end;
        mention.from = m->span->from;
        mention.to = m->span->to;
        mention.relative = m->relative;
        out.push_back(mention);
      }
      i = m->last + 1;
    }
    return out;
  }

 private:
  // ---- tokens ----

  /** A cheap test that rules out most tokens: a date starts with digits or a word of the vocabulary. */
  bool may_start_date(std::size_t i) const {
    if (word(i).number) return true;
    TableKey key = table_key(tokens_[i]);
    return v_.any_word.contains(key.core) || (key.bare != key.core && v_.any_word.contains(key.bare));
  }

  bool exists(std::size_t i) const { return i < tokens_.size(); }
  /** tokens[i] and tokens[i + 1] are separated by spaces only. */
  bool spaced(std::size_t i) const { return i + 1 < tokens_.size() && separator_after(text_, tokens_, i).empty(); }
  /** Spaces, or a comma, or the closing parenthesis of "أيلول (سبتمبر)". */
  bool joined(std::size_t i, bool comma, bool close_paren) const {
    if (i + 1 >= tokens_.size()) return false;
    std::string_view gap = separator_after(text_, tokens_, i);
    return gap.empty() || (comma && (gap == "،" || gap == ",")) || (close_paren && gap == ")");
  }
  Found<Cue> cue(std::size_t i) const { return exists(i) ? look_up(v_.cues, tokens_[i]) : Found<Cue>{}; }
  bool is_cue(std::size_t i, Cue c) const {
    auto found = cue(i);
    return found && *found == c;
  }
  const text::WordAnalysis& word(std::size_t i) const { return *tokens_[i].analysis; }

  /** A day of the month in digits (1–31, one or two digits) at tokens[i]. */
  std::optional<int> day_number(std::size_t i) const {
    if (!exists(i) || !word(i).number) return std::nullopt;
    std::string_view core = word(i).segments.core;
    if (core.size() > 2 || !is_digits(core)) return std::nullopt;
    int day = to_int(core);
    if (day < 1 || day > 31) return std::nullopt;
    return day;
  }

  struct Year {
    int year;
    std::optional<CalendarKind> mark;  // هـ or م written with it
    std::size_t last;
  };

  /** A year at tokens[i]: four digits, perhaps with هـ or م attached or in the next word. */
  std::optional<Year> year_at(std::size_t i) const {
    if (!exists(i) || !word(i).segments.proclitic.empty()) return std::nullopt;
    std::string_view core = word(i).segments.core;
    Year y{0, attached_mark(core), i};
    if (y.mark) core.remove_suffix(2);  // هـ and م are two bytes
    if (core.size() != 4 || !is_digits(core)) return std::nullopt;
    y.year = to_int(core);
    if (!y.mark) {
      y.mark = mark_after(i);
      if (y.mark) y.last = i + 1;
    }
    return y;
  }

  /** The calendar named by هـ or م written onto digits (1436هـ, 2020م). */
  static std::optional<CalendarKind> attached_mark(std::string_view core) {
    if (core.size() < 3 || !is_digits(core.substr(0, core.size() - 2))) return std::nullopt;
    std::string_view suffix = core.substr(core.size() - 2);
    if (suffix == "ه") return CalendarKind::Hijri;
    if (suffix == "م") return CalendarKind::Gregorian;
    return std::nullopt;
  }

  /** The calendar named by a word after tokens[i]: هـ، هجري، للهجرة or م، ميلادي، للميلاد. */
  std::optional<CalendarKind> mark_after(std::size_t i) const {
    if (!spaced(i)) return std::nullopt;
    if (is_cue(i + 1, Cue::HijriMark)) return CalendarKind::Hijri;
    if (is_cue(i + 1, Cue::GregorianMark)) return CalendarKind::Gregorian;
    return std::nullopt;
  }

  /** The calendar a year belongs to: its mark, else 1300–1500 is Hijri and 1600 on Gregorian. */
  static std::optional<CalendarKind> calendar_of(const Year& y) {
    if (y.mark == CalendarKind::Hijri) return y.year >= 1000 && y.year <= 1999 ? y.mark : std::nullopt;
    if (y.mark == CalendarKind::Gregorian) return y.year >= 1000 && y.year <= 2999 ? y.mark : std::nullopt;
    if (y.year >= 1300 && y.year <= 1500) return CalendarKind::Hijri;
    if (y.year >= 1600 && y.year <= 2999) return CalendarKind::Gregorian;
    return std::nullopt;
  }

  struct MonthAt {
    CalendarKind calendar;
    int month;
    bool ambiguous;
    std::size_t last;
    bool open_paren;  // "أيلول (سبتمبر)": a ")" follows the last token
  };

  /** A month name at tokens[i] alone, one or two words. */
  std::optional<MonthAt> single_month(std::size_t i) const {
    if (!exists(i)) return std::nullopt;
    auto names = look_up(v_.months, tokens_[i]);
    if (!names) return std::nullopt;
    for (const MonthName& name : *names) {
      if (name.second.empty()) return MonthAt{name.calendar, name.month, name.ambiguous, i, false};
      if (spaced(i) && word(i + 1).normalized == name.second)
        return MonthAt{name.calendar, name.month, name.ambiguous, i + 1, false};
    }
    return std::nullopt;
  }

  /** A month name at tokens[i], with the other tradition's name for it: "سبتمبر/أيلول", "أيلول (سبتمبر)". */
  std::optional<MonthAt> month_at(std::size_t i) const {
    auto m = single_month(i);
    if (!m || m->calendar != CalendarKind::Gregorian || m->last + 1 >= tokens_.size()) return m;
    std::string_view gap = separator_after(text_, tokens_, m->last);
    if (gap != "/" && gap != "(" && gap != "-") return m;
    auto other = single_month(m->last + 1);
    if (!other || other->calendar != CalendarKind::Gregorian || other->month != m->month) return m;
    return MonthAt{m->calendar, m->month, false, other->last, gap == "("};
  }

  // ---- resolution ----

  std::int64_t publication_days() const { return publication_->days_since_epoch(); }

  std::optional<std::int64_t> hijri_days(int year, int month, int day) const {
    icu::Calendar& calendar = *recognizer_.hijri_;
    UErrorCode status = U_ZERO_ERROR;
    calendar.clear();
    calendar.set(year, month - 1, day);
    UDate time = calendar.getTime(status);
    if (U_FAILURE(status)) return std::nullopt;
    return static_cast<std::int64_t>(std::floor(time / kMillisecondsPerDay));
  }

  /** The Hijri year and month of a Gregorian day. */
  std::pair<int, int> hijri_year_month(std::int64_t days) const {
    icu::Calendar& calendar = *recognizer_.hijri_;
    UErrorCode status = U_ZERO_ERROR;
    calendar.setTime(static_cast<double>(days) * kMillisecondsPerDay, status);
    int year = calendar.get(UCAL_EXTENDED_YEAR, status);
    int month = calendar.get(UCAL_MONTH, status) + 1;
    if (U_FAILURE(status)) throw Error(std::string("Hijri calendar: ") + u_errorName(status));
    return {year, month};
  }

  std::optional<Span> days_span(CalendarKind calendar, int year, int month, int first_day, int last_day) const {
    if (calendar == CalendarKind::Gregorian) return gregorian_days(year, month, first_day, last_day);
    auto from = hijri_days(year, month, first_day);
    auto to = hijri_days(year, month, last_day);
    if (!from || !to) return std::nullopt;
    return Span{from_days(*from), from_days(*to)};
  }

  std::optional<Span> month_span(CalendarKind calendar, int year, int month) const {
    if (calendar == CalendarKind::Gregorian) return gregorian_month(year, month);
    auto from = hijri_days(year, month, 1);
    auto next = month == 12 ? hijri_days(year + 1, 1, 1) : hijri_days(year, month + 1, 1);
    if (!from || !next) return std::nullopt;
    return Span{from_days(*from), from_days(*next - 1)};
  }

  std::optional<Span> year_span(CalendarKind calendar, int year) const {
    if (calendar == CalendarKind::Gregorian) return gregorian_year(year);
    auto from = hijri_days(year, 1, 1);
    auto next = hijri_days(year + 1, 1, 1);
    if (!from || !next) return std::nullopt;
    return Span{from_days(*from), from_days(*next - 1)};
  }

  /** The publication's year (and month) in a calendar. */
  std::pair<int, int> publication_year_month(CalendarKind calendar) const {
    if (calendar == CalendarKind::Gregorian) return {publication_->year, publication_->month};
    return hijri_year_month(publication_days());
  }

  /** Days of a month without a year: the year is chosen against the publication date (see the header). */
  std::optional<Span> days_in_inferred_year(CalendarKind calendar, int month, int first_day, int last_day,
                                            YearChoice choice) const {
    const int year = publication_year_month(calendar).first;
    const std::int64_t today = publication_days();
    if (choice == YearChoice::Current) return days_span(calendar, year, month, first_day, last_day);
    std::optional<Span> best;
    for (int y = year - 1; y <= year + 1; ++y) {
      auto span = days_span(calendar, y, month, first_day, last_day);
      if (!span) continue;
      std::int64_t start = span->from.days_since_epoch();
      bool fits = choice == YearChoice::Nearest ? start <= today + 7
                  : choice == YearChoice::Past  ? start < today
                                                : start > today;
      if (!fits) continue;
      if (choice == YearChoice::Next) return span;  // the earliest that fits
      best = span;                                  // the latest that fits
    }
    return best;
  }

  /** A day and month written with their day name (الأربعاء 12 أغسطس): of the years around the publication,
   *  the one where that day has that name, the nearest to publication when several do. */
  std::optional<Span> day_with_weekday(CalendarKind calendar, int month, int day, int weekday) const {
    const int year = publication_year_month(calendar).first;
    const std::int64_t today = publication_days();
    std::optional<Span> best;
    for (int y = year - 1; y <= year + 1; ++y) {
      auto span = days_span(calendar, y, month, day, day);
      if (!span || weekday_of(span->from.days_since_epoch()) != weekday) continue;
      if (!best || std::abs(span->from.days_since_epoch() - today) < std::abs(best->from.days_since_epoch() - today))
        best = span;
    }
    return best;
  }

  /** A month without a year: the publication year, or the latest before / earliest after the publication month. */
  std::optional<Span> month_in_inferred_year(CalendarKind calendar, int month, YearChoice choice) const {
    auto [year, publication_month] = publication_year_month(calendar);
    if (choice == YearChoice::Past) return month_span(calendar, month < publication_month ? year : year - 1, month);
    if (choice == YearChoice::Next) return month_span(calendar, month > publication_month ? year : year + 1, month);
    return month_span(calendar, year, month);
  }

  std::optional<YearChoice> choice_at(std::size_t i) const {
    auto c = cue(i);
    if (!c || !c.article) return std::nullopt;
    if (*c == Cue::Past) return YearChoice::Past;
    if (*c == Cue::Next) return YearChoice::Next;
    if (*c == Cue::Current) return YearChoice::Current;
    return std::nullopt;
  }

  /** A relative period at tokens[i]: "الماضي", "الجاري" … as -1, 0, +1. */
  std::optional<int> offset_at(std::size_t i) const {
    auto choice = choice_at(i);
    if (!choice) return std::nullopt;
    return *choice == YearChoice::Past ? -1 : *choice == YearChoice::Next ? 1 : 0;
  }

  // ---- phrases ----

  /** A date phrase starting at tokens[i], with what may lead it: صباح، يوم، a day name, الموافق. */
  std::optional<Match> phrase(std::size_t i) const {
    std::size_t j = i;
    if (is_cue(j, Cue::TimeOfDay) && spaced(j)) ++j;
    if (auto day = cue(j); day && *day == Cue::Day && !day.article && spaced(j)) ++j;
    if (auto weekday = exists(j) ? look_up(v_.weekdays, tokens_[j]) : Found<int>{}; weekday && weekday.article)
      return after_weekday(i, j, *weekday);
    if (j > i) {
      if (auto m = explicit_date(j)) return Match{i, m->last, m->span, m->relative};
      if (auto m = relative_day(j, true)) return Match{i, m->last, m->span, m->relative};
      return std::nullopt;
    }
    if (auto m = relative_day(i, false)) return m;
    if (auto m = explicit_date(i)) return m;
    return period(i);
  }

  /** A day name at tokens[w] (led from tokens[first]): before a date, or the day itself. */
  std::optional<Match> after_weekday(std::size_t first, std::size_t w, int weekday, bool night_too = true) const {
    // The night between two days: ليل الاثنين الثلاثاء.
    if (night_too && first < w && spaced(w) && exists(w + 1)) {
      auto next = look_up(v_.weekdays, tokens_[w + 1]);
      if (next && next.article && *next == (weekday + 1) % 7) {
        auto night = after_weekday(first, w, weekday, false);  // the first day, read as a day alone
        if (!night || !night->span || night->last != w) return night;
        const std::int64_t day = night->span->from.days_since_epoch();
        return Match{first, w + 1, Span{from_days(day), from_days(day + 1)}, true};
      }
    }
    if (joined(w, true, false)) {
      std::size_t d = w + 1;
      if (is_cue(d, Cue::Corresponding) && joined(d, true, false)) ++d;
      if (auto m = explicit_date(d, weekday)) return Match{first, m->last, m->span, m->relative};
    }
    YearChoice choice = YearChoice::Nearest;
    std::size_t last = w;
    if (spaced(w)) {
      auto c = choice_at(w + 1);
      if (c == YearChoice::Past || c == YearChoice::Next) {
        choice = *c;
        last = w + 1;
      }
    }
    if (!publication_) return Match{first, last, std::nullopt, true};
    std::int64_t today = publication_days();
    int today_weekday = weekday_of(today);
    std::int64_t day;
    if (choice == YearChoice::Next) {
      int ahead = (weekday - today_weekday + 7) % 7;
      day = today + (ahead == 0 ? 7 : ahead);
    } else {
      int back = (today_weekday - weekday + 7) % 7;
      if (choice == YearChoice::Past && back == 0) back = 7;
      day = today - back;
    }
    return Match{first, last, Span{from_days(day), from_days(day)}, true};
  }

  /** اليوم، أمس، أول أمس، أمس الأول، غدا، بعد غد, perhaps followed by the day's name (أمس الأحد). */
  std::optional<Match> relative_day(std::size_t i, bool after_day_word) const {
    auto c = cue(i);
    if (!c) return std::nullopt;
    int offset;
    std::size_t last = i;
    switch (*c) {
      case Cue::Day:
        if (!c.article || !today_reading(i)) return std::nullopt;
        offset = 0;
        break;
      case Cue::Yesterday:
        offset = -1;
        if (spaced(i) && word(i + 1).normalized == "الاول") {  // أمس الأول
          offset = -2;
          last = i + 1;
        }
        break;
      case Cue::First:
        if (c.article) return std::nullopt;
        if (spaced(i) && is_cue(i + 1, Cue::Yesterday)) {
          last = i + 1;
        } else if (spaced(i) && is_cue(i + 1, Cue::Of) && spaced(i + 1) && is_cue(i + 2, Cue::Yesterday)) {
          last = i + 2;  // أول من أمس
        } else {
          return std::nullopt;
        }
        offset = -2;
        break;
      case Cue::Tomorrow: offset = 1; break;
      case Cue::TomorrowNoun:
        if (!after_day_word) return std::nullopt;  // يوم غد
        offset = 1;
        break;
      case Cue::After:
        if (!(spaced(i) && is_cue(i + 1, Cue::TomorrowNoun))) return std::nullopt;
        offset = 2;
        last = i + 1;
        break;
      default: return std::nullopt;
    }
    if (last + 1 < tokens_.size()) {  // اليوم الأحد، اليوم (الأحد)
      std::string_view gap = separator_after(text_, tokens_, last);
      auto weekday = look_up(v_.weekdays, tokens_[last + 1]);
      if ((gap.empty() || gap == "(") && weekday && weekday.article) ++last;
    }
    if (!publication_) return Match{i, last, std::nullopt, true};
    CivilDate day = from_days(publication_days() + offset);
    return Match{i, last, Span{day, day}, true};
  }

  /** Whether اليوم at tokens[i] means today, not "the day" (اليوم التالي، في اليوم الأول، ذلك اليوم). */
  bool today_reading(std::size_t i) const {
    if (i > 0 && spaced(i - 1)) {
      auto before = cue(i - 1);
      if (before && (*before == Cue::In || *before == Cue::NotToday || *before == Cue::This)) return false;
    }
    if (spaced(i)) {
      auto after = cue(i + 1);
      if (after && (*after == Cue::NotToday || *after == Cue::Past || *after == Cue::Next)) return false;
      auto ordinal = look_up(v_.ordinals, tokens_[i + 1]);
      if (ordinal && ordinal.article) return false;
    }
    return true;
  }

  /** الأسبوع الماضي، الشهر الجاري، العام المقبل، هذا العام … */
  std::optional<Match> period(std::size_t i) const {
    std::size_t p = i;
    bool this_one = is_cue(p, Cue::This) && spaced(p);
    if (this_one) ++p;
    auto unit = cue(p);
    if (!unit || !unit.article || (*unit != Cue::Week && *unit != Cue::Month && *unit != Cue::Year)) return std::nullopt;
    std::size_t last = p;
    int offset = 0;
    if (spaced(p) && offset_at(p + 1)) {
      offset = *offset_at(p + 1);
      last = p + 1;
    } else if (!this_one) {
      return std::nullopt;
    }
    if (this_one && offset != 0) return std::nullopt;
    // "الأمين العام الحالي": after a noun with the article, العام is "general".
    if (*unit == Cue::Year && !this_one && i > 0 && spaced(i - 1) && table_key(tokens_[i - 1]).article &&
        !cue(i - 1))
      return std::nullopt;
    if (!publication_) return Match{i, last, std::nullopt, true};
    const CivilDate& today = *publication_;
    std::optional<Span> span;
    if (*unit == Cue::Week) {
      // Weeks run Saturday to Friday.
      std::int64_t start = publication_days() - (weekday_of(publication_days()) + 1) % 7 + 7 * offset;
      span = Span{from_days(start), from_days(start + 6)};
    } else if (*unit == Cue::Month) {
      CivilDate first = add_months(*CivilDate::from_ymd(today.year, today.month, 1), offset);
      span = gregorian_month(first.year, first.month);
    } else {
      span = gregorian_year(today.year + offset);
    }
    return Match{i, last, span, true};
  }

  /** منذ before a date or a number of days: from then to the publication day. */
  std::optional<Match> since(std::size_t i) const {
    if (!is_cue(i, Cue::Since) || !spaced(i)) return std::nullopt;
    // منذ مطلع أيلول: from the start of the latest such month up to publication.
    if (is_cue(i + 1, Cue::MonthPart) && spaced(i + 1) && publication_) {
      if (auto inner = phrase(i + 2); inner && inner->span) {
        std::optional<Span> span = inner->span;
        auto month = month_at(i + 2);
        if (span->from > *publication_ && month && month->last == inner->last)
          span = month_in_inferred_year(month->calendar, month->month, YearChoice::Past);
        if (!span || span->from > *publication_) return std::nullopt;
        return Match{i, inner->last, Span{span->from, *publication_}, true};
      }
    }
    if (auto inner = phrase(i + 1)) {
      if (!inner->span || !publication_ || inner->span->from > *publication_) return std::nullopt;
      return Match{i, inner->last, Span{inner->span->from, *publication_}, true};
    }
    if (auto amount = amount_at(i + 1)) {
      if (!publication_) return Match{i, amount->last, std::nullopt, true};
      return Match{i, amount->last, Span{back_from_publication(*amount), *publication_}, true};
    }
    return std::nullopt;
  }

  /** قبل before a number of days or weeks (that day), months (that month) or years (that year). */
  std::optional<Match> ago(std::size_t i) const {
    if (!is_cue(i, Cue::Ago) || !spaced(i) || explicit_date(i + 1)) return std::nullopt;  // قبل عام 2015
    auto amount = amount_at(i + 1);
    if (!amount) return std::nullopt;
    if (!publication_) return Match{i, amount->last, std::nullopt, true};
    CivilDate then = back_from_publication(*amount);
    std::optional<Span> span = Span{then, then};
    if (amount->unit == TimeUnit::Month) span = gregorian_month(then.year, then.month);
    if (amount->unit == TimeUnit::Year) span = gregorian_year(then.year);
    return Match{i, amount->last, span, true};
  }

  struct Amount {
    TimeUnit unit;
    std::int64_t count;
    std::size_t last;
  };

  /** "ثلاثة أيام", "15 يوما", "يومين", "أسبوع" at tokens[i]. */
  std::optional<Amount> amount_at(std::size_t i) const {
    if (!exists(i)) return std::nullopt;
    if (auto unit = look_up(v_.units, tokens_[i]); unit && !unit.article && unit->count > 0)
      return Amount{unit->unit, unit->count, i};
    auto number = recognizer_.numbers_.match_at(text_, tokens_, i);
    if (!number || !number->value || !spaced(number->last_token)) return std::nullopt;
    auto unit = look_up(v_.units, tokens_[number->last_token + 1]);
    if (!unit || unit.article || unit->count == 2) return std::nullopt;
    std::int64_t limit = unit->unit == TimeUnit::Day ? 36'500 : unit->unit == TimeUnit::Week ? 5'200 : unit->unit == TimeUnit::Month ? 1'200 : 100;
    if (*number->value < 1 || *number->value > limit) return std::nullopt;
    return Amount{unit->unit, *number->value, number->last_token + 1};
  }

  CivilDate back_from_publication(const Amount& amount) const {
    const int count = static_cast<int>(amount.count);
    switch (amount.unit) {
      case TimeUnit::Day: return from_days(publication_days() - count);
      case TimeUnit::Week: return from_days(publication_days() - 7 * count);
      case TimeUnit::Month: return add_months(*publication_, -count);
      case TimeUnit::Year: return add_months(*publication_, -12 * count);
    }
    return *publication_;
  }

  /** A date written out: numeric, day + month (+ year), month + year, a named month, عام 2015.
   *  `weekday` is the day name written before it, if any. */
  std::optional<Match> explicit_date(std::size_t i, std::optional<int> weekday = std::nullopt) const {
    if (!exists(i)) return std::nullopt;
    if (auto m = numeric_date(i)) return m;
    if (auto m = day_and_month(i, weekday)) return m;
    if (auto m = month_phrase(i)) return m;
    return year_phrase(i);
  }

  /** 30/9/2020, 30-09-2020, 30.9.2020, 2020-09-30, 1/9/1436هـ. */
  std::optional<Match> numeric_date(std::size_t i) const {
    std::string_view parts[3];
    std::size_t last = i;
    std::string_view core = word(i).segments.core;
    if (word(i).number && std::count(core.begin(), core.end(), '.') == 2) {  // one token: 30.9.2020
      std::size_t a = core.find('.'), b = core.find('.', a + 1);
      parts[0] = core.substr(0, a);
      parts[1] = core.substr(a + 1, b - a - 1);
      parts[2] = core.substr(b + 1);
    } else {
      if (!word(i).number || i + 2 >= tokens_.size()) return std::nullopt;
      std::string_view separator = separator_after(text_, tokens_, i);
      if ((separator != "/" && separator != "-" && separator != ".") || separator_after(text_, tokens_, i + 1) != separator)
        return std::nullopt;
      parts[0] = core;
      parts[1] = word(i + 1).segments.core;
      parts[2] = word(i + 2).segments.core;
      if (!word(i + 1).segments.proclitic.empty()) return std::nullopt;
      last = i + 2;
    }
    bool year_first = parts[0].size() == 4;
    std::string_view year_text = year_first ? parts[0] : parts[2];
    std::optional<CalendarKind> mark = year_first ? std::nullopt : attached_mark(year_text);
    if (mark) year_text.remove_suffix(2);
    std::string_view day_text = year_first ? parts[2] : parts[0];
    std::string_view month_text = parts[1];
    if (year_text.size() != 4 || !is_digits(year_text) || !is_digits(day_text) || !is_digits(month_text) ||
        day_text.size() > 2 || month_text.size() > 2)
      return std::nullopt;
    if (!mark) {
      mark = mark_after(last);
      if (mark) ++last;
    }
    Year year{to_int(year_text), mark, last};
    auto calendar = calendar_of(year);
    int month = to_int(month_text), day = to_int(day_text);
    std::optional<Span> span;
    if (calendar && month >= 1 && month <= 12) span = days_span(*calendar, year.year, month, day, day);
    return Match{i, last, span, false};
  }

  /** The day that starts a day-and-month phrase: "27", "27-30", "الأول من", "الحادي والعشرين من", "غرة". */
  struct DayPart {
    int first_day, last_day;
    std::size_t month_at;  // token where the month (or شهر) should be
  };

  std::optional<DayPart> day_part(std::size_t i) const {
    if (auto day = day_number(i)) {
      if (i + 1 < tokens_.size() && separator_after(text_, tokens_, i) == "-") {
        auto to = day_number(i + 1);
        if (to && *to > *day && spaced(i + 1)) return DayPart{*day, *to, i + 2};
        return std::nullopt;
      }
      if (!spaced(i)) return std::nullopt;
      if (auto range = day_range_in_words(i, *day)) return range;
      std::size_t m = i + 1;
      if (is_cue(m, Cue::Of) && spaced(m)) ++m;
      return DayPart{*day, *day, m};
    }
    if (is_cue(i, Cue::FirstOfMonth) && spaced(i)) return DayPart{1, 1, i + 1};
    auto ordinal = exists(i) ? look_up(v_.ordinals, tokens_[i]) : Found<int>{};
    if (!ordinal || !ordinal.article || ordinal.conjunction || !spaced(i)) return std::nullopt;
    int day = *ordinal;
    std::size_t p = i;
    std::string_view next = word(i + 1).normalized;
    if (next == "عشر" && *ordinal <= 9) {  // الحادي عشر … التاسع عشر
      day += 10;
      ++p;
    } else if (*ordinal < 10 && (next == "والعشرين" || next == "والثلاثين")) {
      day += next == "والعشرين" ? 20 : 30;
      ++p;
    }
    if (word(i).segments.core == "حادي" && day == 1) return std::nullopt;
    if (!spaced(p) || !is_cue(p + 1, Cue::Of) || !spaced(p + 1)) return std::nullopt;
    return DayPart{day, day, p + 2};
  }

  /** "5 و7 أكتوبر", "5 إلى 7 أكتوبر", "5 حتى 7 أكتوبر": the days from the first to the second. */
  std::optional<DayPart> day_range_in_words(std::size_t i, int first_day) const {
    std::size_t p = i + 1;
    std::string_view between = word(p).normalized;
    if (between == "الي" || between == "حتي") {
      if (!spaced(p)) return std::nullopt;
      ++p;
    } else if (!table_key(tokens_[p]).conjunction) {
      return std::nullopt;
    }
    auto last_day = day_number(p);
    if (!last_day || *last_day <= first_day || !spaced(p) || !month_at(p + 1)) return std::nullopt;
    return DayPart{first_day, *last_day, p + 1};
  }

  /** "27 سبتمبر 2020", "الأحد 27 أيلول/سبتمبر", "غرة شوال", "27-30 سبتمبر", "27 سبتمبر الماضي", "5 الجاري". */
  std::optional<Match> day_and_month(std::size_t i, std::optional<int> weekday) const {
    auto day = day_part(i);
    if (!day) return std::nullopt;
    std::size_t m = day->month_at;
    if (is_cue(m, Cue::Month) && !cue(m).article && spaced(m)) ++m;  // 27 من شهر سبتمبر
    auto month = month_at(m);
    if (!month) return days_of_relative_month(i, *day);
    std::optional<Span> span;
    bool relative = false;
    std::size_t last = month->last;
    if (auto year = year_after(*month)) {
      last = year->last;
      relative = !year->year;
      if (year->year) {
        span = days_span(month->calendar, *year->year, month->month, day->first_day, day->last_day);
      } else if (publication_) {
        int base = publication_year_month(month->calendar).first;
        span = days_span(month->calendar, base + year->offset, month->month, day->first_day, day->last_day);
      }
    } else {
      relative = true;
      YearChoice choice = YearChoice::Nearest;
      if (joined(month->last, false, month->open_paren)) {
        if (auto c = choice_at(month->last + 1)) {
          choice = *c;
          last = month->last + 1;
        }
      }
      if (!valid_somewhere(month->calendar, month->month, day->last_day)) return Match{i, last, std::nullopt, false};
      if (publication_ && weekday && choice == YearChoice::Nearest && day->first_day == day->last_day)
        span = day_with_weekday(month->calendar, month->month, day->first_day, *weekday);
      if (publication_ && !span)
        span = days_in_inferred_year(month->calendar, month->month, day->first_day, day->last_day, choice);
    }
    return Match{i, last, span, relative};
  }

  /** Whether some year has this day in this month (not 31 فبراير, not 30 of a Hijri month in no year). */
  static bool valid_somewhere(CalendarKind calendar, int month, int day) {
    if (calendar == CalendarKind::Hijri) return day <= 30;
    static constexpr int kLongest[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= kLongest[month - 1];
  }

  /** "5 الجاري", "27 من الشهر الماضي": a day in the publication month or the one before or after. */
  std::optional<Match> days_of_relative_month(std::size_t i, const DayPart& day) const {
    std::size_t p = day.month_at;
    int offset;
    if (auto c = cue(p); c && c.article && *c == Cue::Current) {
      offset = 0;
    } else if (c && c.article && *c == Cue::Month && spaced(p) && offset_at(p + 1)) {
      offset = *offset_at(p + 1);
      ++p;
    } else {
      return std::nullopt;
    }
    if (!publication_) return Match{i, p, std::nullopt, true};
    CivilDate month = add_months(*CivilDate::from_ymd(publication_->year, publication_->month, 1), offset);
    return Match{i, p, gregorian_days(month.year, month.month, day.first_day, day.last_day), true};
  }

  struct YearAfter {
    std::optional<int> year;  // written out, or
    int offset = 0;           // relative to the publication year (من العام الماضي)
    std::size_t last;
  };

  /** The year after a month: "2020", "2020م", "من عام 2020", "1436هـ", "من العام الماضي". */
  std::optional<YearAfter> year_after(const MonthAt& month) const {
    if (!joined(month.last, true, month.open_paren)) return std::nullopt;
    std::size_t p = month.last + 1;
    if (is_cue(p, Cue::Of) && spaced(p)) ++p;
    bool this_one = false, year_word = false, year_word_article = false;
    if (is_cue(p, Cue::This) && spaced(p)) {
      this_one = true;
      ++p;
    }
    if (auto c = cue(p); c && *c == Cue::Year && spaced(p)) {
      year_word = true;
      year_word_article = c.article;
      ++p;
    }
    if (!this_one) {
      if (auto year = year_at(p)) {
        auto calendar = calendar_of(*year);
        if (calendar != month.calendar) return std::nullopt;
        return YearAfter{year->year, 0, year->last};
      }
    }
    if (year_word && year_word_article) {
      if (this_one) return YearAfter{std::nullopt, 0, p - 1};
      if (auto offset = offset_at(p)) return YearAfter{std::nullopt, *offset, p};
    }
    return std::nullopt;
  }

  /** "سبتمبر 2020", "شهر رمضان 1436", "سبتمبر الماضي", "في سبتمبر", "شهر رمضان". */
  std::optional<Match> month_phrase(std::size_t i) const {
    std::size_t m = i;
    bool month_word = false;
    if (auto c = cue(m); c && *c == Cue::Month && !c.article && spaced(m)) {
      month_word = true;
      ++m;
    }
    auto month = month_at(m);
    if (!month) return std::nullopt;
    if (auto year = year_after(*month)) {
      std::optional<Span> span;
      if (year->year) span = month_span(month->calendar, *year->year, month->month);
      else if (publication_) span = month_span(month->calendar, publication_year_month(month->calendar).first + year->offset, month->month);
      return Match{i, year->last, span, !year->year};
    }
    if (joined(month->last, false, month->open_paren)) {
      if (auto c = choice_at(month->last + 1)) {
        std::optional<Span> span;
        if (publication_) span = month_in_inferred_year(month->calendar, month->month, *c);
        return Match{i, month->last + 1, span, true};
      }
    }
    // A month named alone is a date after شهر, or after في, خلال, مطلع … unless the name is also a common word.
    bool cued = false;
    if (i > 0 && spaced(i - 1)) {
      auto before = cue(i - 1);
      cued = before && !before.article &&
             (*before == Cue::In || *before == Cue::MonthPart || *before == Cue::Since);
    }
    if (!month_word && !(cued && !month->ambiguous)) return std::nullopt;
    std::optional<Span> span;
    if (publication_) span = month_in_inferred_year(month->calendar, month->month, YearChoice::Current);
    return Match{i, month->last, span, true};
  }

  /** "عام 2015", "العام 2015", "سنة 2015م", "عام 1436هـ". */
  std::optional<Match> year_phrase(std::size_t i) const {
    auto c = cue(i);
    if (!c || *c != Cue::Year || !spaced(i)) return std::nullopt;
    auto year = year_at(i + 1);
    if (!year) return std::nullopt;
    auto calendar = calendar_of(*year);
    if (!calendar) return std::nullopt;
    return Match{i, year->last, year_span(*calendar, year->year), false};
  }

  const DateRecognizer& recognizer_;
  const Vocabulary& v_;
  std::string_view text_;
  const Tokens& tokens_;
  std::optional<CivilDate> publication_;
};

DateRecognizer::DateRecognizer() {
  UErrorCode status = U_ZERO_ERROR;
  hijri_.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                             icu::Locale("ar@calendar=islamic-umalqura"), status));
  if (U_FAILURE(status) || !hijri_) throw Error(std::string("ICU Umm al-Qura calendar unavailable: ") + u_errorName(status));
  hijri_->setLenient(false);
  vocabulary();
}

DateRecognizer::~DateRecognizer() = default;

std::vector<DateMention> DateRecognizer::find(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                              std::optional<date::CivilDate> publication) const {
  return Scan(*this, text, tokens, publication).run();
}

}  // namespace marsad::tag

#pragma once
// Dates and periods in analysed text, resolved to Gregorian days: a tagging pass over the tokens of Analyzer.
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

#include "common/date/civil_date.h"
#include "common/tag/numbers.h"
#include "common/text/analyzer.h"

U_NAMESPACE_BEGIN
class Calendar;
U_NAMESPACE_END

namespace marsad::tag {

/** A date or period named in a text, resolved to Gregorian days. */
struct DateMention {
  std::size_t begin = 0, end = 0, first_token = 0, last_token = 0;
  date::CivilDate from, to;  // equal for one day; a month or week or range gives the span
  bool relative = false;     // resolved against the publication date
};

/**
 * Finds dates written the ways Arabic news writes them, all resolved to Gregorian days:
 *  - day + month + year: "27 سبتمبر 2020", "الأول من أيلول/سبتمبر", "يوم الأحد 27 سبتمبر" (the day name
 *    and يوم belong to the mention), both Gregorian traditions (يناير… and كانون الثاني…, also Maghreb names),
 *    the pair "سبتمبر/أيلول" or "أيلول (سبتمبر)", a day range "27-30 سبتمبر";
 *  - Hijri day + month + optional year + optional هـ ("1 رمضان 1436هـ", "غرة شوال"), converted with the
 *    Umm al-Qura calendar, and Hijri month + year;
 *  - numeric dates, day first: 30/9/2020, 30-09-2020, 30.9.2020, ٣٠/٩/٢٠٢٠; year first: 2020-09-30;
 *    a year of 1300–1500 is Hijri (1/9/1436);
 *  - "سبتمبر 2020" (the month), "عام 2015"/"سنة 2015"/"العام 2015" (the year);
 *  - against the publication date: اليوم, أمس/الأمس, أول أمس/أمس الأول, غدا, بعد غد (with صباح, مساء, ليلة…
 *    before them in the mention); a day name alone (the latest such day on or before publication),
 *    with الماضي (strictly before) or المقبل/القادم (strictly after); الأسبوع/الشهر/العام/السنة with
 *    الماضي, الجاري/الحالي/هذا or المقبل; "منذ ثلاثة أيام" (those days up to publication), "قبل يومين"
 *    (that day); منذ before any date (from it to publication).
 * Conventions: a week runs Saturday to Friday. A day and month without a year take the year that puts
 * the date latest but not more than 7 days after publication (with الماضي: latest strictly before; with
 * المقبل: earliest strictly after; with a day name: the nearby year in which the day has that name); a
 * month alone is read only after شهر, or after في, خلال, منذ, مطلع … when its name is not also a common
 * word (آب، صفر، رجب), in the publication year; "سبتمبر الماضي" is the latest September before the
 * publication month.
 * Relative forms without a publication date produce nothing; nor do impossible dates (31 فبراير), and a
 * number alone is never a date. Holds one ICU Umm al-Qura calendar: not thread-safe, use one per thread.
 */
class DateRecognizer {
 public:
  DateRecognizer();
  ~DateRecognizer();
  DateRecognizer(const DateRecognizer&) = delete;
  DateRecognizer& operator=(const DateRecognizer&) = delete;

  /** Every date in the text, in order and without overlap; tokens come from Analyzer::analyze(text). */
  std::vector<DateMention> find(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                std::optional<date::CivilDate> publication) const;

 private:
  class Scan;
  NumberRecognizer numbers_;
  std::unique_ptr<icu::Calendar> hijri_;  // changed by find(), which is const for callers only
};

}  // namespace marsad::tag

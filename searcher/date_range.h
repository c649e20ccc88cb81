#pragma once
// date:FROM..TO in the query language: whole days, months or years, either end open.
#include <optional>
#include <string>

#include <xapian.h>

namespace marsad::searcher {

/** The first and last day ("YYYYMMDD") a date the user wrote covers: 2020 → 20200101..20201231,
 *  2020-10 → 20201001..20201031, 2020-10-05 → itself; nullopt when it is no such date. */
std::optional<std::pair<std::string, std::string>> date_span(const std::string& text);

/**
 * A RangeProcessor over the date slot for `date:FROM..TO`, `date:FROM..` and `date:..TO`, each end a
 * year, a month or a day; a range that cannot be read, or runs backwards, is a QueryError.
 */
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor(Xapian::valueno slot, const std::string& prefix) : Xapian::RangeProcessor(slot, prefix) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override;
};

/** date:2020, date:2020-10, date:2020-10-05 without a range: the days that date covers. */
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateFieldProcessor(Xapian::valueno slot) : slot_(slot) {}
  Xapian::Query operator()(const std::string& value) override;

 private:
  Xapian::valueno slot_;
};

}  // namespace marsad::searcher

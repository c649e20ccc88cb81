#include "searcher/date_range.h"

#include <algorithm>

#include "common/date/civil_date.h"
#include "common/errors.h"

namespace marsad::searcher {
namespace {

bool digits(const std::string& s, std::size_t from, std::size_t count) {
  return s.size() >= from + count &&
         std::all_of(s.begin() + from, s.begin() + from + count, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::pair<std::string, std::string>> date_span(const std::string& text) {
  if (text.size() == 4 && digits(text, 0, 4)) return std::make_pair(text + "0101", text + "1231");
  if (text.size() == 7 && digits(text, 0, 4) && text[4] == '-' && digits(text, 5, 2)) {
    const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2));
    auto first = date::CivilDate::from_ymd(year, month, 1);
    if (!first) return std::nullopt;
    auto next = month == 12 ? date::CivilDate::from_ymd(year + 1, 1, 1) : date::CivilDate::from_ymd(year, month + 1, 1);
    if (!next) return std::make_pair(first->yyyymmdd(), text.substr(0, 4) + "1231");
    return std::make_pair(first->yyyymmdd(),
                          date::CivilDate::from_days_since_epoch(next->days_since_epoch() - 1).yyyymmdd());
  }
  if (text.size() == 10 && digits(text, 0, 4) && text[4] == '-' && digits(text, 5, 2) && text[7] == '-' &&
      digits(text, 8, 2)) {
    auto day = date::CivilDate::from_ymd(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                                         std::stoi(text.substr(8, 2)));
    if (!day) return std::nullopt;
    return std::make_pair(day->yyyymmdd(), day->yyyymmdd());
  }
  return std::nullopt;
}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
  const std::string written = "date:" + begin + ".." + end;
  if (begin.empty() && end.empty()) throw QueryError(written + ": give at least one end (date:2020-10.. or date:..2020)");
  std::optional<std::pair<std::string, std::string>> from, to;
  if (!begin.empty() && !(from = date_span(begin)))
    throw QueryError(written + ": '" + begin + "' is no date (YYYY, YYYY-MM or YYYY-MM-DD)");
  if (!end.empty() && !(to = date_span(end)))
    throw QueryError(written + ": '" + end + "' is no date (YYYY, YYYY-MM or YYYY-MM-DD)");
  if (from && to && to->second < from->first) throw QueryError(written + ": the range ends before it begins");
  if (!from) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, to->second);
  if (!to) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, from->first);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from->first, to->second);
}

Xapian::Query DateFieldProcessor::operator()(const std::string& value) {
  auto span = date_span(value);
  if (!span) throw QueryError("date:" + value + ": no date (YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)");
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_, span->first, span->second);
}

}  // namespace marsad::searcher

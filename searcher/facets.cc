#include "searcher/facets.h"

#include <algorithm>
#include <map>

#include "common/date/civil_date.h"
#include "common/errors.h"
#include "common/schema.h"

namespace marsad::searcher {

DateInterval parse_date_interval(std::string_view name) {
  if (name == "auto") return DateInterval::Auto;
  if (name == "day") return DateInterval::Day;
  if (name == "week") return DateInterval::Week;
  if (name == "month") return DateInterval::Month;
  if (name == "year") return DateInterval::Year;
  throw ConfigError("unknown date interval '" + std::string(name) + "' (day, week, month, year or auto)");
}

const char* date_interval_name(DateInterval interval) {
  switch (interval) {
    case DateInterval::Auto: return "auto";
    case DateInterval::Day: return "day";
    case DateInterval::Week: return "week";
    case DateInterval::Month: return "month";
    case DateInterval::Year: return "year";
  }
  return "auto";
}

const char* facet_field(FacetDimension dimension) {
  switch (dimension) {
    case FacetDimension::Actor: return "actor";
    case FacetDimension::Place: return "place";
    case FacetDimension::Claim: return "claim";
    case FacetDimension::Claimant: return "claimant";
    case FacetDimension::Source: return "source";
    case FacetDimension::Date: return "date";
  }
  return "?";
}

namespace {

Xapian::valueno slot_of(FacetDimension dimension) {
  switch (dimension) {
    case FacetDimension::Actor: return schema::kActorsSlot;
    case FacetDimension::Place: return schema::kPlacesSlot;
    case FacetDimension::Claim: return schema::kClaimsSlot;
    case FacetDimension::Claimant: return schema::kClaimantsSlot;
    case FacetDimension::Source: return schema::kSourceSlot;
    case FacetDimension::Date: return schema::kDateSlot;
  }
  return Xapian::BAD_VALUENO;
}

}  // namespace

FacetCounter::FacetCounter(Xapian::Enquire& enquire, const std::vector<FacetDimension>& dimensions) {
  const std::vector<FacetDimension> all(std::begin(kFacetDimensions), std::end(kFacetDimensions));
  for (FacetDimension d : dimensions.empty() ? all : dimensions) {
    spies_.emplace_back(d, std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(d)));
    enquire.add_matchspy(spies_.back().second.get());
  }
}

namespace {

/** The ids of a multi-valued slot's value ('\n'-separated). */
std::vector<std::string> ids_of(const std::string& value) {
  std::vector<std::string> ids;
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t end = value.find(schema::kListSeparator, start);
    if (end == std::string::npos) end = value.size();
    if (end > start) ids.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  return ids;
}

/** Counts per id from a spy over a slot of '\n'-separated ids, each id once per report. */
std::map<std::string, Xapian::doccount> split_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    for (const std::string& id : ids_of(*it)) counts[id] += it.get_termfreq();
  return counts;
}

/** Adds each id's count to its ancestors', once per report: a report tagged with Aden and Yemen
 *  counts once toward Yemen. Exact only per combination, so it works on whole slot values. */
std::map<std::string, Xapian::doccount> rolled_up_counts(const Xapian::ValueCountMatchSpy& spy,
                                                         const tag::Gazetteer& gazetteer) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    std::vector<std::string> ids;
    for (std::string& id : ids_of(*it)) {
      for (const tag::Entity* e : gazetteer.lineage(id)) ids.push_back(e->id);
      ids.push_back(std::move(id));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (const std::string& id : ids) counts[id] += it.get_termfreq();
  }
  return counts;
}

Facet top(const std::map<std::string, Xapian::doccount>& counts, const tag::Gazetteer* gazetteer, std::size_t size) {
  std::vector<FacetValue> all;
  all.reserve(counts.size());
  for (const auto& [id, count] : counts) {
    FacetValue v{id, "", "", count};
    if (gazetteer) {
      if (const tag::Entity* e = gazetteer->find(id)) {
        if (!e->arabic.empty()) v.label_ar = e->arabic.front();
        v.label_en = e->english;
      }
    }
    all.push_back(std::move(v));
  }
  std::stable_sort(all.begin(), all.end(), [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  Facet facet;
  facet.more = all.size() > size ? all.size() - size : 0;
  if (all.size() > size) all.resize(size);
  facet.values = std::move(all);
  return facet;
}

/** The interval that gives a readable histogram for days `first`..`last`. */
DateInterval interval_for(std::int64_t first, std::int64_t last) {
  const std::int64_t span = last - first;
  if (span <= 62) return DateInterval::Day;
  if (span <= 366) return DateInterval::Week;
  if (span <= 5 * 366) return DateInterval::Month;
  return DateInterval::Year;
}

std::string bucket_of(const date::CivilDate& day, DateInterval interval) {
  const std::string iso = day.iso();
  switch (interval) {
    case DateInterval::Year: return iso.substr(0, 4);
    case DateInterval::Month: return iso.substr(0, 7);
    case DateInterval::Week: {
      // 1970-01-01 was a Thursday: days since the epoch + 3, modulo 7, counts from Monday.
      const std::int64_t days = day.days_since_epoch();
      const std::int64_t from_monday = ((days + 3) % 7 + 7) % 7;
      return date::CivilDate::from_days_since_epoch(days - from_monday).iso();
    }
    default: return iso;
  }
}

std::optional<date::CivilDate> parse_yyyymmdd(const std::string& v) {
  if (v.size() != 8 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return date::CivilDate::from_ymd(std::stoi(v.substr(0, 4)), std::stoi(v.substr(4, 2)), std::stoi(v.substr(6, 2)));
}

std::optional<date::CivilDate> parse_iso_day(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  std::string digits = std::string(v.substr(0, 4)) + std::string(v.substr(5, 2)) + std::string(v.substr(8, 2));
  return parse_yyyymmdd(digits);
}

}  // namespace

std::string date_bucket(std::string_view iso_day, DateInterval interval) {
  const std::optional<date::CivilDate> day = parse_iso_day(iso_day);
  return day ? bucket_of(*day, interval) : std::string();
}

DateInterval date_interval_for(std::string_view first, std::string_view last) {
  const std::optional<date::CivilDate> a = parse_iso_day(first), b = parse_iso_day(last);
  return a && b ? interval_for(a->days_since_epoch(), b->days_since_epoch()) : DateInterval::Day;
}

Facets FacetCounter::collect(Xapian::doccount total, const tag::Gazetteer& gazetteer, const FacetOptions& options) const {
  Facets f;
  collect_into(f, total, gazetteer, options);
  return f;
}

namespace {

/** The date histogram from a spy over the date slot; `total` less the dated reports are undated. */
void date_histogram(Facets& f, const Xapian::ValueCountMatchSpy& dates, Xapian::doccount total, DateInterval interval) {
  std::vector<std::pair<date::CivilDate, Xapian::doccount>> days;
  Xapian::doccount dated = 0;
  for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
    if (auto day = parse_yyyymmdd(*it)) {
      days.emplace_back(*day, it.get_termfreq());
      dated += it.get_termfreq();
    }
  }
  std::sort(days.begin(), days.end());
  f.interval = interval;
  if (f.interval == DateInterval::Auto)
    f.interval = days.empty() ? DateInterval::Day
                              : interval_for(days.front().first.days_since_epoch(), days.back().first.days_since_epoch());
  f.date.clear();
  for (const auto& [day, count] : days) {
    std::string bucket = bucket_of(day, f.interval);
    if (!f.date.empty() && f.date.back().bucket == bucket) f.date.back().count += count;
    else f.date.push_back({std::move(bucket), count});
  }
  if (total > dated) f.date.push_back({std::nullopt, total - dated});
}

}  // namespace

void FacetCounter::collect_into(Facets& f, Xapian::doccount total, const tag::Gazetteer& gazetteer,
                                const FacetOptions& options) const {
  auto entity_counts = [&](const Xapian::ValueCountMatchSpy& spy) {
    return options.rollup ? rolled_up_counts(spy, gazetteer) : split_counts(spy);
  };
  for (const auto& [dimension, spy] : spies_) {
    switch (dimension) {
      case FacetDimension::Actor: f.actor = top(entity_counts(*spy), &gazetteer, options.size); break;
      case FacetDimension::Place: f.place = top(entity_counts(*spy), &gazetteer, options.size); break;
      case FacetDimension::Claimant: f.claimant = top(entity_counts(*spy), &gazetteer, options.size); break;
      case FacetDimension::Claim: f.claim = top(split_counts(*spy), nullptr, options.size); break;
      case FacetDimension::Source: {
        std::map<std::string, Xapian::doccount> sources;
        for (auto it = spy->values_begin(); it != spy->values_end(); ++it) sources[*it] += it.get_termfreq();
        f.source = top(sources, nullptr, options.size);
        break;
      }
      case FacetDimension::Date: date_histogram(f, *spy, total, options.interval); break;
    }
  }
}

}  // namespace marsad::searcher

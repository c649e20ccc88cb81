#include "searcher/facets.h"

#include <array>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/date/civil_date.h"
#include "common/errors.h"
#include "common/schema.h"
#include "common/text/strings.h"

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

CountUnit parse_count_unit(std::string_view name) {
  if (name == "reports") return CountUnit::Reports;
  if (name == "stories") return CountUnit::Stories;
  throw ConfigError("unknown count '" + std::string(name) + "' (reports or stories)");
}

const char* count_unit_name(CountUnit unit) { return unit == CountUnit::Stories ? "stories" : "reports"; }

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

FacetCounter::FacetCounter(Xapian::Enquire& enquire, const std::vector<FacetDimension>& dimensions,
                           const FacetCounting& how)
    : how_(how), dimensions_(dimensions) {
  if (dimensions_.empty()) dimensions_.assign(std::begin(kFacetDimensions), std::end(kFacetDimensions));
  if (how_.count == CountUnit::Stories) {
    keys_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kFacetKeysSlot);
    enquire.add_matchspy(keys_spy_.get());
    return;
  }
  for (FacetDimension d : dimensions_) {
    slot_spies_.emplace_back(d, std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(d)));
    enquire.add_matchspy(slot_spies_.back().second.get());
  }
}

FacetCounter::~FacetCounter() = default;

namespace {

/** The ids of a multi-valued slot's value ('\n'-separated). */
std::vector<std::string> ids_of(const std::string& value) { return text::split(value, schema::kListSeparator); }

/** Counts per id from a spy over a slot of '\n'-separated ids, each id once per report. */
DimensionCounts split_counts(const Xapian::ValueCountMatchSpy& spy) {
  DimensionCounts counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    for (const std::string& id : ids_of(*it)) counts[id] += it.get_termfreq();
  return counts;
}

/** Adds each id's count to its ancestors', once per report: a report tagged with Aden and Yemen
 *  counts once toward Yemen. Exact only per combination, so it works on whole slot values. */
DimensionCounts rolled_up_counts(const Xapian::ValueCountMatchSpy& spy, const tag::Gazetteer& gazetteer) {
  DimensionCounts counts;
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

/** The `size` values with most reports (ties by id), labelled from the gazetteer when given. */
Facet top(const ValueCounts& counts, const tag::Gazetteer* gazetteer, std::size_t size) {
  ValueCounts all = counts;
  const std::size_t shown = std::min(size, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  Facet facet;
  facet.more = all.size() - shown;
  for (std::size_t i = 0; i < shown; ++i) {
    FacetValue v{std::string(all[i].first), "", "", all[i].second};
    if (gazetteer) {
      if (const tag::Entity* e = gazetteer->find(v.id)) {
        if (!e->arabic.empty()) v.label_ar = e->arabic.front();
        v.label_en = e->english;
      }
    }
    facet.values.push_back(std::move(v));
  }
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

std::optional<date::CivilDate> parse_iso_day(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  std::string digits = std::string(v.substr(0, 4)) + std::string(v.substr(5, 2)) + std::string(v.substr(8, 2));
  return date::CivilDate::from_yyyymmdd(digits);
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
  tallies(total).fill(f, gazetteer, options);
  return f;
}

namespace {

/** The date histogram from a spy over the date slot; `total` less the dated reports are undated. */
void date_histogram(Facets& f, const ValueCounts& dates, Xapian::doccount total, DateInterval interval) {
  std::vector<std::pair<date::CivilDate, Xapian::doccount>> days;
  Xapian::doccount dated = 0;
  for (const auto& [value, count] : dates) {
    if (auto day = date::CivilDate::from_yyyymmdd(value)) {
      days.emplace_back(*day, count);
      dated += count;
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

void copy_dimension(const Facets& from, FacetDimension dimension, Facets& to) {
  switch (dimension) {
    case FacetDimension::Actor: to.actor = from.actor; break;
    case FacetDimension::Place: to.place = from.place; break;
    case FacetDimension::Claim: to.claim = from.claim; break;
    case FacetDimension::Claimant: to.claimant = from.claimant; break;
    case FacetDimension::Source: to.source = from.source; break;
    case FacetDimension::Date:
      to.date = from.date;
      to.interval = from.interval;
      break;
  }
}

DimensionCounts FacetCounter::counts(FacetDimension dimension) const {
  for (const auto& [d, spy] : slot_spies_) {
    if (d != dimension) continue;
    const bool entity = d == FacetDimension::Actor || d == FacetDimension::Place || d == FacetDimension::Claimant;
    if (entity && how_.rollup && how_.gazetteer) return rolled_up_counts(*spy, *how_.gazetteer);
    if (d == FacetDimension::Source || d == FacetDimension::Date) {
      DimensionCounts whole;
      for (auto it = spy->values_begin(); it != spy->values_end(); ++it) whole[*it] += it.get_termfreq();
      return whole;
    }
    return split_counts(*spy);
  }
  return {};
}

std::optional<FacetDimension> facet_dimension_of(char letter) {
  switch (letter) {
    case schema::kFacetActor: return FacetDimension::Actor;
    case schema::kFacetPlace: return FacetDimension::Place;
    case schema::kFacetClaim: return FacetDimension::Claim;
    case schema::kFacetClaimant: return FacetDimension::Claimant;
    case schema::kFacetSource: return FacetDimension::Source;
    case schema::kFacetDate: return FacetDimension::Date;
    default: return std::nullopt;
  }
}

char facet_letter(FacetDimension d) {
  switch (d) {
    case FacetDimension::Actor: return schema::kFacetActor;
    case FacetDimension::Place: return schema::kFacetPlace;
    case FacetDimension::Claim: return schema::kFacetClaim;
    case FacetDimension::Claimant: return schema::kFacetClaimant;
    case FacetDimension::Source: return schema::kFacetSource;
    case FacetDimension::Date: return schema::kFacetDate;
  }
  return '?';
}

FacetTallies FacetCounter::story_tallies(Xapian::doccount total) const {
  // The values of a story's reports, gathered from each distinct facet-keys value it has: the
  // spy saw every combination of values with its number of reports, and the story is one line of it.
  struct Story {
    std::set<std::pair<FacetDimension, std::string>> values;  // dates apart
    std::string first_day;                                     // YYYYMMDD of the earliest report
  };
  std::unordered_map<std::string, Story> stories;
  auto maps = std::make_shared<std::array<DimensionCounts, 6>>();
  const auto wanted = [&](FacetDimension d) { return std::find(dimensions_.begin(), dimensions_.end(), d) != dimensions_.end(); };
  Xapian::doccount alone = 0, seen = 0;  // reports without a story (each then counts as one), reports seen
  for (auto it = keys_spy_->values_begin(); it != keys_spy_->values_end(); ++it) {
    std::string story;
    std::vector<std::pair<FacetDimension, std::string>> values;
    for (std::string& line : ids_of(*it)) {
      if (line.size() < 2) continue;
      if (line.front() == schema::kFacetStory) {
        story = line.substr(1);
        continue;
      }
      const std::optional<FacetDimension> d = facet_dimension_of(line.front());
      if (!d || !wanted(*d)) continue;
      const bool entity = *d == FacetDimension::Actor || *d == FacetDimension::Place || *d == FacetDimension::Claimant;
      if (entity && how_.rollup && how_.gazetteer)
        for (const tag::Entity* e : how_.gazetteer->lineage(line.substr(1))) values.emplace_back(*d, e->id);
      values.emplace_back(*d, line.substr(1));
    }
    seen += it.get_termfreq();
    if (story.empty()) {
      alone += it.get_termfreq();
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      for (const auto& [d, value] : values) (*maps)[static_cast<std::size_t>(d)][value] += it.get_termfreq();
      continue;
    }
    Story& s = stories[story];
    for (auto& v : values) {
      if (v.first != FacetDimension::Date) s.values.insert(std::move(v));
      else if (s.first_day.empty() || v.second < s.first_day) s.first_day = v.second;
    }
  }
  for (const auto& [id, s] : stories) {
    for (const auto& [d, value] : s.values) ++(*maps)[static_cast<std::size_t>(d)][value];
    if (!s.first_day.empty()) ++(*maps)[static_cast<std::size_t>(FacetDimension::Date)][s.first_day];
  }
  FacetTallies t;
  // Reports without facet keys (none in a current index) each count as a story of their own.
  t.total = static_cast<Xapian::doccount>(stories.size()) + alone + (total > seen ? total - seen : 0);
  for (FacetDimension d : dimensions_) {
    const auto i = static_cast<std::size_t>(d);
    t.counts[i].emplace((*maps)[i].begin(), (*maps)[i].end());
  }
  t.owner = std::move(maps);
  return t;
}

FacetTallies FacetCounter::tallies(Xapian::doccount total) const {
  if (keys_spy_) return story_tallies(total);
  FacetTallies t;
  t.total = total;
  auto maps = std::make_shared<std::array<DimensionCounts, 6>>();
  for (FacetDimension d : dimensions_) {
    const auto i = static_cast<std::size_t>(d);
    (*maps)[i] = counts(d);
    t.counts[i].emplace((*maps)[i].begin(), (*maps)[i].end());
  }
  t.owner = std::move(maps);
  return t;
}

void FacetTallies::fill(Facets& f, const tag::Gazetteer& gazetteer, const FacetOptions& options,
                        const std::vector<FacetDimension>& dimensions) const {
  for (FacetDimension d : kFacetDimensions) {
    const std::optional<ValueCounts>& c = of(d);
    if (!c || (!dimensions.empty() && std::find(dimensions.begin(), dimensions.end(), d) == dimensions.end())) continue;
    switch (d) {
      case FacetDimension::Actor: f.actor = top(*c, &gazetteer, options.size); break;
      case FacetDimension::Place: f.place = top(*c, &gazetteer, options.size); break;
      case FacetDimension::Claimant: f.claimant = top(*c, &gazetteer, options.size); break;
      case FacetDimension::Claim: f.claim = top(*c, nullptr, options.size); break;
      case FacetDimension::Source: f.source = top(*c, nullptr, options.size); break;
      case FacetDimension::Date: date_histogram(f, *c, total, options.interval); break;
    }
  }
}

}  // namespace marsad::searcher

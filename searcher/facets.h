#pragma once
// Exact facet counts over a whole match set: actors, places, claim types, claimants, sources and a
// date histogram; how they are shown. Counted by a FacetTable over local shards, or by Xapian's own
// ValueCountMatchSpy (which remote shards can run too) in a FacetCounter.
#include <array>
#include <map>
#include <unordered_map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/tag/gazetteer.h"

namespace marsad::searcher {

/** One value of a facet with the number of matching reports that carry it. */
struct FacetValue {
  std::string id;
  std::string label_ar, label_en;  // from the gazetteer; empty for unlinked entities and sources
  Xapian::doccount count = 0;
};

/** A facet's top values, most reports first (ties by id), and how many other values there are. */
struct Facet {
  std::vector<FacetValue> values;
  std::size_t more = 0;  // distinct values beyond `values`
};

enum class DateInterval { Auto, Day, Week, Month, Year };
DateInterval parse_date_interval(std::string_view name);  // day|week|month|year|auto, else ConfigError
const char* date_interval_name(DateInterval interval);
/** The histogram bucket of a day "YYYY-MM-DD" at `interval` (a day for Auto), empty when it is no day;
 *  and the interval Auto picks for days `first`..`last` (ISO days, as for the histogram). */
std::string date_bucket(std::string_view iso_day, DateInterval interval);
DateInterval date_interval_for(std::string_view first, std::string_view last);

/** A bar of the date histogram: "2015-07-21" (a day, or the Monday that starts a week), "2015-07",
 *  "2015"; no bucket for the undated reports. */
struct DateBucket {
  std::optional<std::string> bucket;
  Xapian::doccount count = 0;
};

struct Facets {
  Facet actor, place, claim, claimant, source;
  DateInterval interval = DateInterval::Day;  // the one used (chosen from the span for Auto)
  std::vector<DateBucket> date;               // in date order, the undated last
};

/** What totals and facet counts count: the matching reports, or their stories (a story once however
 *  many of its copies match; in the date histogram, on the day of its earliest matching report). */
enum class CountUnit { Reports, Stories };
CountUnit parse_count_unit(std::string_view name);  // reports|stories, else ConfigError
const char* count_unit_name(CountUnit unit);

struct FacetOptions {
  std::size_t size = 10;     // values per facet
  bool rollup = false;       // a report counts toward its entities' ancestors too (Baku → Azerbaijan)
  DateInterval interval = DateInterval::Auto;
  CountUnit count = CountUnit::Reports;  // of the facets and of the total
};

/** The dimensions a report is counted in; each has a query field of the same name. */
enum class FacetDimension { Actor, Place, Claim, Claimant, Source, Date };
inline constexpr FacetDimension kFacetDimensions[] = {FacetDimension::Actor,    FacetDimension::Place,
                                                      FacetDimension::Claim,    FacetDimension::Claimant,
                                                      FacetDimension::Source,   FacetDimension::Date};
/** actor, place, claim, claimant, source, date: the query field that filters the dimension. */
const char* facet_field(FacetDimension dimension);
/** The dimension of a line of schema::kFacetKeysSlot by its letter (none for the story's line), and
 *  the letter of a dimension. */
std::optional<FacetDimension> facet_dimension_of(char letter);
char facet_letter(FacetDimension dimension);

/** Copies the facet of `dimension` from `from` into `to` (for the date, its interval too). */
void copy_dimension(const Facets& from, FacetDimension dimension, Facets& to);

/** How a FacetCounter counts. */
struct FacetCounting {
  bool rollup = false;                        // a report counts toward its entities' ancestors too
  const tag::Gazetteer* gazetteer = nullptr;  // for the roll-up (required with it)
  CountUnit count = CountUnit::Reports;
};

/** A string hash that also takes string_views, so that counts are looked up without a copy. */
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
/** Reports (or stories) per value of one dimension, each once per value: what Xapian's spies saw. */
using DimensionCounts = std::unordered_map<std::string, Xapian::doccount, TransparentHash, std::equal_to<>>;
/** The values of one dimension that some report carries, each with the number of reports, in no order. */
using ValueCounts = std::vector<std::pair<std::string_view, Xapian::doccount>>;

/**
 * Reports (or stories) per value of some dimensions over a set of reports, each once per value. The
 * values are views into what `owner` keeps alive (the counter's maps, or the FacetTable that counted).
 */
struct FacetTallies {
  std::array<std::optional<ValueCounts>, 6> counts;  // by FacetDimension; empty when not counted
  Xapian::doccount total = 0;                         // reports (or stories) in the set
  std::shared_ptr<const void> owner;

  const std::optional<ValueCounts>& of(FacetDimension d) const { return counts[static_cast<std::size_t>(d)]; }
  /** The facets of the dimensions counted (of those among `dimensions`, when given), into `out`
   *  (the others left as they are). */
  void fill(Facets& out, const tag::Gazetteer& gazetteer, const FacetOptions& options,
            const std::vector<FacetDimension>& dimensions = {}) const;
};

/**
 * Counts facets during one Enquire::get_mset with one Xapian ValueCountMatchSpy per slot, which
 * any database can run, remote shards too (xapian-tcpsrv runs no spy of ours). Attach before the
 * search; collect() after it. The counts are exact when the MSet was asked to check every document.
 * Each spy counts a slot's whole value (a report's combination of ids); the combinations are split
 * here, so a report counts once per value. Stories are counted from one spy over the facet keys slot,
 * whose values name the story with the ids.
 */
class FacetCounter {
 public:
  /** Counts `dimensions` (all when empty) of the reports `enquire` matches. */
  FacetCounter(Xapian::Enquire& enquire, const std::vector<FacetDimension>& dimensions, const FacetCounting& how);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;
  /** What the spies counted; `total` is the number of matching reports (the tallies' total is in
   *  the counting's unit). */
  FacetTallies tallies(Xapian::doccount total) const;
  /** The facets of the dimensions counted; `total` is the number of matching reports (for the
   *  undated bar). The roll-up is the FacetCounting's, not `options.rollup`. */
  Facets collect(Xapian::doccount total, const tag::Gazetteer& gazetteer, const FacetOptions& options) const;

 private:
  DimensionCounts counts(FacetDimension dimension) const;
  FacetTallies story_tallies(Xapian::doccount total) const;

  FacetCounting how_;
  std::vector<FacetDimension> dimensions_;
  std::vector<std::pair<FacetDimension, std::unique_ptr<Xapian::ValueCountMatchSpy>>> slot_spies_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> keys_spy_;  // counting stories
};

}  // namespace marsad::searcher

#pragma once
// The claims view: the claims behind a search, one per row, and the claims of one type about one
// place in one period side by side, so that the figures each claimant gives can be compared.
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/tag/gazetteer.h"
#include "searcher/facets.h"

namespace marsad::searcher {

/**
 * What a claim must carry to be shown, each list empty for "any". The values of one list are
 * alternatives: a claim passes with any one of them, however the query combined them. Two values of a
 * field ANDed in the query (`claimant:armenian-mod claimant:azerbaijani-mod`) ask for reports where
 * both hold, and the claims view of those reports then shows the claims of either; a claim has one
 * type, and it would rarely name both places. Places and claimants match by roll-up: a claim about
 * Martuni passes a filter on Nagorno-Karabakh, one by the Armenian Ministry of Defence a filter on
 * Armenia.
 */
struct ClaimFilter {
  std::vector<std::string> types{};      // claim types (casualties, denial…)
  std::vector<std::string> places{};     // place ids
  std::vector<std::string> claimants{};  // claimant ids (gazetteer ids or unlinked:…)
  /** Claims about earlier wars (historical: true) are kept only when asked: they are no current claim. */
  bool include_historical = false;
};

/**
 * The claim filter a parsed query asks for: the values of its claim:, place: and claimant: terms
 * (schema::kClaimPrefix, kPlacePrefix, kClaimantPrefix), wherever they stand in the query except under
 * a negation (the right-hand side of AND_NOT, which a pure NOT also is) or as an optional part (the
 * right-hand side of AND_MAYBE). Ids are collected once each, in the order of the query.
 */
ClaimFilter claim_filter_of(const Xapian::Query& query);

/** A figure of a claim: "16 killed fighters, about" is {killed, fighters, about, "16", 16}. */
struct ClaimFigure {
  std::string what{};       // killed, wounded, missing, destroyed_tanks…
  std::string group{};      // civilians, fighters… or empty
  std::string qualifier{};  // about, at_least… or empty
  std::string text{};       // the number as written
  long long count = 0;      // 0 for a vague figure
  std::string vague{};      // dozens, hundreds… for a figure without a count, else empty
};

/** One claim of one report, with what the view shows of it. */
struct ClaimRow {
  std::string report_id{};
  std::string date{};  // the day the claim names, else the report's date, else empty ("YYYY-MM-DD")
  std::string type{};
  std::string claimant_id{};     // gazetteer id, unlinked:…, or empty for the writer's own narration
  std::string claimant_label{};  // the claimant as written in the text
  std::string field{};           // "title" or "body"
  std::vector<std::string> places{};  // place ids, as tagged
  std::vector<ClaimFigure> figures{};
  bool unverified = false, hedged = false, negated = false, historical = false;
  std::string sentence{};  // the sentence the claim is in, cut from its field
  std::string source{}, title{};  // of the report
  std::string story{};            // of the report (its story id), when known
  /** Where the claim was carried: this report first, then the copies of its story that repeat it
   *  (merge_copies); and their outlets, each once, in that order. */
  std::vector<std::string> reports{}, outlets{};
};

/**
 * The claims of one stored record (schema::record keys) that pass `filter`, in the record's order.
 * A claim whose claimant has no id (an unnamed source such as مصادر محلية) takes "unlinked:" + its
 * surface as id. A claim's own date counts when it names a single day; a period does not date it, and
 * it takes the report's date. A claim with a missing or ill-typed key it needs, or a record that is no
 * object, is skipped, never an error.
 */
std::vector<ClaimRow> claims_of_report(const nlohmann::json& record, const ClaimFilter& filter,
                                       const tag::Gazetteer& gazetteer);

/**
 * One row per claim of a story: a claim repeated by copies of one story (same story, type, claimant,
 * field, figures and flags, from another report) joins the row of its first report, which lists their
 * reports and outlets. Rows keep their order (the first report's); rows without a story stay as they are.
 */
std::vector<ClaimRow> merge_copies(std::vector<ClaimRow> rows);

/** The range of one kind of figure (`what`) in a group: lowest, highest and how many claimants gave one. */
struct FigureSpread {
  std::string what{};
  long long low = 0, high = 0;
  std::size_t claimants = 0;  // distinct claimants with a figure of this kind (the writer's narration is none)
  double ratio = 0;           // high / low, 0 when low is 0
};

/** Claims of one type about one place in one period. */
struct ClaimGroup {
  std::string type{};
  std::string place{};   // the place id, empty for claims without a place
  std::string period{};  // the date bucket ("2020-09-28" for a week by its Monday, "2020-10", "2020"), empty when undated
  DateInterval interval = DateInterval::Day;  // the interval of `period`
  std::vector<ClaimRow> rows{};         // by claimant, then date
  std::vector<FigureSpread> spreads{};  // one per kind of figure, by kind
  /** Whether two or more claimants gave figures of one kind: the contradictions an analyst looks for. */
  bool contested() const;
};

/**
 * Gathers claims of the same type about the same place in the same period. The place is the filter's
 * place that the claim matched when the filter names places (the first of them in the filter's
 * order; none when it matches none), so that claims tagged Martuni and Stepanakert come together under
 * Nagorno-Karabakh; else the claim's first place. The period is the bucket of the claim's date at `interval`; Auto picks the
 * interval from the span of the rows' dates as the date facet does, but never finer than a week
 * (each side gives its toll on its own day). Spreads count the exact figures of
 * claims that are neither negated nor historical. Contested groups come first, then by period (the
 * undated last), type and place.
 */
std::vector<ClaimGroup> group_claims(std::vector<ClaimRow> rows, const ClaimFilter& filter, DateInterval interval,
                                     const tag::Gazetteer& gazetteer);

// JSON of the claims view (the keys are documented in the README; scripts depend on them):
//   claims_json: a list of claims, each
//     {"report_id", "reports" (the report and the copies of its story that repeat the claim),
//      "outlets" (their sources, each once), "date" (null when unknown), "type",
//      "claimant": {"id", "surface"} or null for the writer's own narration,
//      "field", "places": [ids],
//      "figures": [{"what", "count" (null when vague), "text", "group", "qualifier", "vague"}],
//      "unverified", "hedged", "negated", "historical", "sentence", "source", "title"}
//   claim_groups_json: a list of groups, each
//     {"type", "place": {"id", "label_ar", "label_en"} or null, "period" (null when undated),
//      "interval" (day, week, month, year), "contested",
//      "claimants": [{"id" (null for narration), "surface", "label_ar", "label_en",
//                     "figures": [figure…], "reports": [report ids]}],
//      "spreads": [{"what", "low", "high", "claimants", "ratio"}],
//      "claims": [claim as in claims_json…]}
//   Labels come from the gazetteer and are empty for unlinked entities.

nlohmann::json claims_json(const std::vector<ClaimRow>& rows);
nlohmann::json claim_groups_json(const std::vector<ClaimGroup>& groups, const tag::Gazetteer& gazetteer);

/** One claim per line (date | type | claimant | figures | places | flags | report id), then its
 *  sentence indented. Text from the records is made printable. */
void print_claims(std::ostream& out, const std::vector<ClaimRow>& rows, const tag::Gazetteer& gazetteer);
/** Each group: a header "casualties · Nagorno-Karabakh · week of 2020-09-28", a line per claimant
 *  with their figures and reports, then a line per kind of figure ("killed: 790–2300 (2.9×, 2 claimants)"). */
void print_claim_groups(std::ostream& out, const std::vector<ClaimGroup>& groups, const tag::Gazetteer& gazetteer);

}  // namespace marsad::searcher

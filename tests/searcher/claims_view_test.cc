#include "searcher/claims_view.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "common/schema.h"
#include "common/text/analyzer.h"
#include "searcher/entity_fields.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace marsad::searcher {
namespace {

const tag::Gazetteer& gazetteer() { return tag::Gazetteer::builtin(); }

/** A claim of a test record: its sentence is written into the body, the stored claim points at it. */
struct TestClaim {
  std::string sentence;
  std::string type = "casualties";
  json claimant = nullptr;  // {"id", "surface"} or null
  std::vector<std::string> places{};
  json figures = json::array();
  json date = nullptr;
  bool negated = false, historical = false, unverified = false;
};

json claimant(const std::string& id, const std::string& surface) { return {{"id", id}, {"surface", surface}}; }
json figure(const std::string& what, long long count, const std::string& group = "") {
  json f = {{"count", count}, {"what", what}, {"text", std::to_string(count)}, {"begin", 0}, {"end", 0}};
  if (!group.empty()) f["group"] = group;
  return f;
}

/** A stored record as marsad-index writes it, with each claim's sentence in the body. */
json record(const std::string& id, const std::string& date, const std::vector<TestClaim>& claims) {
  std::string body;
  json stored = json::array();
  for (const TestClaim& c : claims) {
    if (!body.empty()) body += ' ';
    const std::size_t begin = body.size();
    body += c.sentence;
    stored.push_back({{"type", c.type},
                      {"claimant", c.claimant},
                      {"figures", c.figures},
                      {"unverified", c.unverified},
                      {"negated", c.negated},
                      {"historical", c.historical},
                      {"hedged", false},
                      {"places", c.places},
                      {"date", c.date},
                      {"cue", "قتل"},
                      {"field", "body"},
                      {"sentence", {begin, body.size()}}});
  }
  return {{"id", id},
          {"date", date.empty() ? json() : json(date)},
          {"title", "عنوان التقرير " + id},
          {"body", body},
          {"source", "صحيفة الأفق"},
          {"claims", stored}};
}

// The claims of one report about the 2020 war, each identified by its sentence.
const std::string kMartuni = "قالت وزارة الدفاع الأرمينية إن 16 مقاتلا قتلوا في مارتوني.";
const std::string kBaku = "قالت وزارة الدفاع الأذربيجانية إن 12 مدنيا قتلوا في باكو.";
const std::string kDenial = "نفت وزارة الدفاع الأذربيجانية قصف ستيباناكيرت.";
const std::string kNineties = "أودت حرب التسعينيات بحياة نحو 30 ألف شخص في قره باغ.";
const std::string kLocal = "دعت مصادر محلية إلى وقف إطلاق النار.";

json war_report() {
  return record("k-1", "2020-09-28",
                {{.sentence = kMartuni,
                  .claimant = claimant("armenian-mod", "وزارة الدفاع الأرمينية"),
                  .places = {"martuni"},
                  .figures = json::array({figure("killed", 16, "fighters")}),
                  .unverified = true},
                 {.sentence = kBaku,
                  .claimant = claimant("azerbaijani-mod", "وزارة الدفاع الأذربيجانية"),
                  .places = {"baku"},
                  .figures = json::array({figure("killed", 12, "civilians")}),
                  .date = {{"text", "الأحد"}, {"begin", 0}, {"end", 0}, {"date", "2020-09-27"}}},
                 {.sentence = kDenial,
                  .type = "denial",
                  .claimant = claimant("azerbaijani-mod", "وزارة الدفاع الأذربيجانية"),
                  .places = {"stepanakert"},
                  .date = {{"text", "منذ الأحد"}, {"begin", 0}, {"end", 0}, {"from", "2020-09-27"}, {"to", "2020-09-28"}},
                  .negated = true},
                 {.sentence = kNineties, .places = {"nagorno-karabakh"}, .figures = json::array({figure("killed", 30000)}), .historical = true},
                 {.sentence = kLocal, .type = "ceasefire_call", .claimant = {{"id", nullptr}, {"surface", "مصادر محلية"}}}});
}

std::vector<std::string> sentences(const std::vector<ClaimRow>& rows) {
  std::vector<std::string> out;
  for (const ClaimRow& row : rows) out.push_back(row.sentence);
  return out;
}

struct FilterCase {
  std::string name;
  ClaimFilter filter;
  std::vector<std::string> expected;  // the sentences of the claims kept, in the record's order
};

void PrintTo(const FilterCase& c, std::ostream* os) { *os << c.name; }

class ClaimsOfReport : public testing::TestWithParam<FilterCase> {};

TEST_P(ClaimsOfReport, KeepsTheClaimsTheFilterAsksFor) {
  const FilterCase& c = GetParam();
  EXPECT_EQ(sentences(claims_of_report(war_report(), c.filter, gazetteer())), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Filters, ClaimsOfReport,
    testing::Values(
        FilterCase{"Any", {}, {kMartuni, kBaku, kDenial, kLocal}},
        FilterCase{"HistoricalWhenAsked", {.include_historical = true}, {kMartuni, kBaku, kDenial, kNineties, kLocal}},
        FilterCase{"Type", {.types = {"casualties"}}, {kMartuni, kBaku}},
        FilterCase{"TwoTypes", {.types = {"casualties", "denial"}}, {kMartuni, kBaku, kDenial}},
        FilterCase{"ChildPlacesMatchTheirRegion", {.places = {"nagorno-karabakh"}}, {kMartuni, kDenial}},
        FilterCase{"RegionAndHistorical", {.places = {"nagorno-karabakh"}, .include_historical = true},
                   {kMartuni, kDenial, kNineties}},
        FilterCase{"Country", {.places = {"azerbaijan"}}, {kMartuni, kBaku, kDenial}},
        FilterCase{"PlaceNotNamed", {.places = {"armenia"}}, {}},
        FilterCase{"EitherPlace", {.places = {"baku", "stepanakert"}}, {kBaku, kDenial}},
        FilterCase{"ClaimantByItsCountry", {.claimants = {"armenia"}}, {kMartuni}},
        FilterCase{"Claimant", {.claimants = {"azerbaijani-mod"}}, {kBaku, kDenial}},
        FilterCase{"UnnamedSource", {.claimants = {"unlinked:مصادر محلية"}}, {kLocal}},
        FilterCase{"TypeAndClaimant", {.types = {"casualties"}, .claimants = {"azerbaijan"}}, {kBaku}},
        FilterCase{"UnknownType", {.types = {"mediation"}}, {}}),
    [](const auto& info) { return info.param.name; });

TEST(ClaimsOfReport, RowsCarryTheClaimAndItsReport) {
  const std::vector<ClaimRow> rows = claims_of_report(war_report(), {}, gazetteer());
  ASSERT_EQ(rows.size(), 4u);
  const ClaimRow& martuni = rows[0];
  EXPECT_EQ(martuni.report_id, "k-1");
  EXPECT_EQ(martuni.date, "2020-09-28");  // no date of its own: the report's
  EXPECT_EQ(martuni.type, "casualties");
  EXPECT_EQ(martuni.claimant_id, "armenian-mod");
  EXPECT_EQ(martuni.claimant_label, "وزارة الدفاع الأرمينية");
  EXPECT_EQ(martuni.field, "body");
  EXPECT_EQ(martuni.places, std::vector<std::string>{"martuni"});
  ASSERT_EQ(martuni.figures.size(), 1u);
  EXPECT_EQ(martuni.figures[0].what, "killed");
  EXPECT_EQ(martuni.figures[0].count, 16);
  EXPECT_EQ(martuni.figures[0].group, "fighters");
  EXPECT_EQ(martuni.figures[0].text, "16");
  EXPECT_TRUE(martuni.unverified);
  EXPECT_FALSE(martuni.negated);
  EXPECT_EQ(martuni.sentence, kMartuni);
  EXPECT_EQ(martuni.source, "صحيفة الأفق");
  EXPECT_EQ(martuni.title, "عنوان التقرير k-1");
  EXPECT_EQ(rows[1].date, "2020-09-27");  // the day the claim names
  EXPECT_EQ(rows[2].date, "2020-09-28");  // a period does not date a claim
  EXPECT_TRUE(rows[2].negated);
  EXPECT_EQ(rows[3].claimant_id, "unlinked:مصادر محلية");
  EXPECT_EQ(rows[3].claimant_label, "مصادر محلية");
}

TEST(ClaimsOfReport, AVagueFigureHasNoCount) {
  json r = record("v-1", "2020-10-20", {{.sentence = "قتل العشرات.", .figures = json::array()}});
  r["claims"][0]["figures"] =
      json::array({json{{"count", nullptr}, {"vague", "dozens"}, {"what", "killed"}, {"text", "العشرات"}}});
  const std::vector<ClaimRow> rows = claims_of_report(r, {}, gazetteer());
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].figures.size(), 1u);
  EXPECT_EQ(rows[0].figures[0].vague, "dozens");
  EXPECT_EQ(rows[0].figures[0].count, 0);
  EXPECT_TRUE(claims_json(rows)[0]["figures"][0]["count"].is_null());
}

struct MalformedCase {
  std::string name;
  json claim;  // replaces the middle claim of a record of three
};

void PrintTo(const MalformedCase& c, std::ostream* os) { *os << c.name; }

class MalformedClaim : public testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedClaim, IsSkippedAndTheOthersKept) {
  json r = record("m-1", "2020-10-01",
                  {{.sentence = "الأولى.", .figures = json::array({figure("killed", 1)})},
                   {.sentence = "الثانية."},
                   {.sentence = "الثالثة.", .figures = json::array({figure("killed", 3)})}});
  r["claims"][1] = GetParam().claim;
  EXPECT_EQ(sentences(claims_of_report(r, {}, gazetteer())), (std::vector<std::string>{"الأولى.", "الثالثة."}))
      << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Claims, MalformedClaim,
    testing::Values(MalformedCase{"NotAnObject", 42}, MalformedCase{"NoType", {{"places", json::array()}}},
                    MalformedCase{"TypeNotText", {{"type", 5}}},
                    MalformedCase{"FiguresNotAList", {{"type", "casualties"}, {"figures", "16"}}},
                    MalformedCase{"CountAsText", {{"type", "casualties"}, {"figures", json::array({json{{"what", "killed"}, {"count", "16"}}})}}},
                    MalformedCase{"CountFractional", {{"type", "casualties"}, {"figures", json::array({json{{"what", "killed"}, {"count", 1.5}}})}}},
                    MalformedCase{"CountTooLarge",
                                  {{"type", "casualties"},
                                   {"figures", json::array({json{{"what", "killed"}, {"count", 18446744073709551615ull}}})}}},
                    MalformedCase{"FigureWithoutNumber", {{"type", "casualties"}, {"figures", json::array({json{{"what", "killed"}}})}}},
                    MalformedCase{"PlaceNotText", {{"type", "casualties"}, {"places", {1}}}},
                    MalformedCase{"ClaimantNotAnObject", {{"type", "casualties"}, {"claimant", "وزارة"}}},
                    MalformedCase{"ClaimantWithoutName", {{"type", "casualties"}, {"claimant", json::object()}}},
                    MalformedCase{"FlagNotBoolean", {{"type", "casualties"}, {"unverified", "yes"}}},
                    MalformedCase{"DateNotAnObject", {{"type", "casualties"}, {"date", "2020-10-01"}}},
                    MalformedCase{"SentenceOutsideTheField",
                                  {{"type", "casualties"}, {"field", "body"}, {"sentence", {5, 100000}}}},
                    MalformedCase{"SentenceBackwards", {{"type", "casualties"}, {"field", "body"}, {"sentence", {5, 2}}}},
                    MalformedCase{"SentenceOfNoField", {{"type", "casualties"}, {"field", "url"}, {"sentence", {0, 2}}}},
                    MalformedCase{"SentenceNegative", {{"type", "casualties"}, {"field", "body"}, {"sentence", {-1, 2}}}}),
    [](const auto& info) { return info.param.name; });

TEST(ClaimsOfReport, RecordsWithoutClaimsOrOfAnotherShapeGiveNone) {
  for (const json& r : {json(), json(5), json("نص"), json::array(), json::object(), json{{"claims", 5}},
                        json{{"claims", json::object()}}})
    EXPECT_TRUE(claims_of_report(r, {}, gazetteer()).empty()) << r.dump();
}

TEST(ClaimsOfReport, BadReportFieldsLeaveTheClaimsReadable) {
  json r = war_report();
  r["id"] = 7;
  r["date"] = "27/09/2020";
  r["title"] = json::array();
  const std::vector<ClaimRow> rows = claims_of_report(r, {.types = {"casualties"}}, gazetteer());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].report_id, "");
  EXPECT_EQ(rows[0].date, "");
  EXPECT_EQ(rows[1].date, "2020-09-27");
  EXPECT_EQ(rows[0].sentence, kMartuni);
}

TEST(ClaimsOfReport, ASentenceCutInsideACharacterIsRepaired) {
  json r = record("u-1", "2020-10-01", {{.sentence = "قتل"}});
  r["claims"][0]["sentence"] = {0, 3};  // ق is two bytes: the cut ends inside ت
  const std::vector<ClaimRow> rows = claims_of_report(r, {}, gazetteer());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sentence, "ق\uFFFD");
  EXPECT_NO_THROW(claims_json(rows).dump());
}

// ---- The filter of a query ----

Xapian::Query term(std::string_view prefix, const std::string& value) { return Xapian::Query(schema::term(prefix, value)); }
Xapian::Query op(Xapian::Query::op o, std::vector<Xapian::Query> subqueries) {
  return Xapian::Query(o, subqueries.begin(), subqueries.end());
}

struct QueryCase {
  std::string name;
  Xapian::Query query;
  ClaimFilter expected;
};

void PrintTo(const QueryCase& c, std::ostream* os) { *os << c.name; }

class ClaimFilterOf : public testing::TestWithParam<QueryCase> {};

TEST_P(ClaimFilterOf, CollectsTheIdsAReportMustCarry) {
  const QueryCase& c = GetParam();
  const ClaimFilter got = claim_filter_of(c.query);
  EXPECT_EQ(got.types, c.expected.types) << c.query.get_description();
  EXPECT_EQ(got.places, c.expected.places) << c.query.get_description();
  EXPECT_EQ(got.claimants, c.expected.claimants) << c.query.get_description();
  EXPECT_FALSE(got.include_historical);
}

using Q = Xapian::Query;
const Q kWord("Zقتل");
const Q kCasualties = term(schema::kClaimPrefix, "casualties");
const Q kKarabakh = term(schema::kPlacePrefix, "nagorno-karabakh");

INSTANTIATE_TEST_SUITE_P(
    Queries, ClaimFilterOf,
    testing::Values(
        QueryCase{"Nothing", Q(), {}},
        QueryCase{"WordsOnly", op(Q::OP_AND, {kWord, Q("Zقصف")}), {}},
        QueryCase{"AndOfTerms", op(Q::OP_AND, {kWord, kCasualties, kKarabakh}), {{"casualties"}, {"nagorno-karabakh"}, {}}},
        QueryCase{"OneNameTwoIds",
                  Q(Q::OP_FILTER, kWord,
                    op(Q::OP_OR, {term(schema::kClaimantPrefix, "armenian-mod"), term(schema::kClaimantPrefix, "armenian-army")})),
                  {{}, {}, {"armenian-mod", "armenian-army"}}},
        QueryCase{"TwoPlacesAnded", op(Q::OP_AND, {term(schema::kPlacePrefix, "baku"), term(schema::kPlacePrefix, "stepanakert")}),
                  {{}, {"baku", "stepanakert"}, {}}},
        QueryCase{"AndNotBranchIgnored",
                  Q(Q::OP_AND_NOT, op(Q::OP_AND, {kWord, kCasualties}), term(schema::kPlacePrefix, "baku")),
                  {{"casualties"}, {}, {}}},
        QueryCase{"PureNotIgnored", Q(Q::OP_AND_NOT, Q::MatchAll, term(schema::kClaimPrefix, "denial")), {}},
        QueryCase{"NegationDeepInside",
                  op(Q::OP_AND, {kKarabakh, op(Q::OP_OR, {kCasualties, Q(Q::OP_AND_NOT, term(schema::kClaimPrefix, "denial"),
                                                                          term(schema::kClaimantPrefix, "armenia"))})}),
                  {{"casualties", "denial"}, {"nagorno-karabakh"}, {}}},
        QueryCase{"MaybeBranchIgnored", Q(Q::OP_AND_MAYBE, kCasualties, term(schema::kClaimPrefix, "denial")),
                  {{"casualties"}, {}, {}}},
        QueryCase{"BooleanOnlyQueryScaledToZero", Q(Q::OP_SCALE_WEIGHT, op(Q::OP_AND, {kCasualties, kKarabakh}), 0.0),
                  {{"casualties"}, {"nagorno-karabakh"}, {}}},
        QueryCase{"RepeatedOnce", op(Q::OP_OR, {kCasualties, op(Q::OP_AND, {kWord, kCasualties})}), {{"casualties"}, {}, {}}},
        QueryCase{"OtherFiltersIgnored",
                  op(Q::OP_AND, {term(schema::kActorPrefix, "azerbaijan"), term(schema::kSourcePrefix, "صحيفة الأفق"),
                                 Q(std::string(schema::kNoDateTerm))}),
                  {}}),
    [](const auto& info) { return info.param.name; });

// ---- Groups ----

ClaimRow row(const std::string& report, const std::string& date, const std::string& claimant_id,
             const std::vector<std::string>& places, std::vector<ClaimFigure> figures, const std::string& type = "casualties") {
  ClaimRow r;
  r.report_id = report;
  r.date = date;
  r.type = type;
  r.claimant_id = claimant_id;
  r.claimant_label = claimant_id.empty() ? "" : "سلطات " + claimant_id;
  r.field = "body";
  r.places = places;
  r.figures = std::move(figures);
  r.sentence = "جملة التقرير " + report + ".";
  return r;
}
ClaimFigure killed(long long count) { return {.what = "killed", .text = std::to_string(count), .count = count}; }
ClaimFigure wounded(long long count) { return {.what = "wounded", .text = std::to_string(count), .count = count}; }

/** A week of contradictory tolls about Nagorno-Karabakh (Monday 2020-09-28), a quieter week before
 *  and after, and an undated claim. */
std::vector<ClaimRow> war_rows() {
  return {
      row("r-5", "2020-10-06", "armenian-mod", {"stepanakert"}, {killed(1000)}),
      row("r-2", "2020-09-30", "azerbaijani-mod", {"stepanakert"}, {killed(2300), wounded(40)}),
      row("r-3", "2020-09-29", "armenian-mod", {"martuni"}, {killed(790)}),
      row("r-1", "2020-09-27", "armenian-mod", {"martuni"}, {killed(16)}),  // a Sunday: the week before
      row("r-4", "2020-10-01", "armenian-mod", {"martuni"}, {killed(900)}),
      row("r-6", "", "azerbaijani-mod", {"stepanakert"}, {killed(5)}),
      row("r-7", "2020-09-28", "azerbaijani-mod", {"baku"}, {killed(7)}),  // not in Nagorno-Karabakh
  };
}

std::vector<std::string> report_ids(const ClaimGroup& group) {
  std::vector<std::string> out;
  for (const ClaimRow& r : group.rows) out.push_back(r.report_id);
  return out;
}

TEST(GroupClaims, TwoClaimantsTollsOfOnePlaceAndWeekComeTogetherFirst) {
  const ClaimFilter filter{.places = {"nagorno-karabakh", "azerbaijan"}};
  const std::vector<ClaimGroup> groups = group_claims(war_rows(), filter, DateInterval::Week, gazetteer());
  std::vector<std::string> keys;
  for (const ClaimGroup& g : groups) keys.push_back(g.type + " " + g.place + " " + g.period);
  // Contested first; then by period (the undated last), type and place. Baku is in Azerbaijan, not the
  // region; Martuni and Stepanakert are both the region, the filter's first place.
  EXPECT_EQ(keys, (std::vector<std::string>{"casualties nagorno-karabakh 2020-09-28", "casualties nagorno-karabakh 2020-09-21",
                                            "casualties azerbaijan 2020-09-28", "casualties nagorno-karabakh 2020-10-05",
                                            "casualties nagorno-karabakh "}));
  const ClaimGroup& week = groups[0];
  EXPECT_TRUE(week.contested());
  EXPECT_EQ(week.interval, DateInterval::Week);
  // By claimant, then date.
  EXPECT_EQ(report_ids(week), (std::vector<std::string>{"r-3", "r-4", "r-2"}));
  ASSERT_EQ(week.spreads.size(), 2u);
  EXPECT_EQ(week.spreads[0].what, "killed");
  EXPECT_EQ(week.spreads[0].low, 790);
  EXPECT_EQ(week.spreads[0].high, 2300);
  EXPECT_EQ(week.spreads[0].claimants, 2u);
  EXPECT_DOUBLE_EQ(week.spreads[0].ratio, 2300.0 / 790.0);
  EXPECT_EQ(week.spreads[1].what, "wounded");
  EXPECT_EQ(week.spreads[1].low, 40);
  EXPECT_EQ(week.spreads[1].claimants, 1u);
  for (std::size_t i = 1; i < groups.size(); ++i) EXPECT_FALSE(groups[i].contested()) << keys[i];
}

TEST(GroupClaims, WithoutPlacesInTheFilterTheClaimsOwnPlaceIsTheKey) {
  const std::vector<ClaimGroup> groups = group_claims(war_rows(), {}, DateInterval::Month, gazetteer());
  std::map<std::string, std::vector<std::string>> by_key;
  for (const ClaimGroup& g : groups) by_key[g.place + " " + g.period] = report_ids(g);
  EXPECT_EQ(by_key, (std::map<std::string, std::vector<std::string>>{{"martuni 2020-09", {"r-1", "r-3"}},
                                                                     {"martuni 2020-10", {"r-4"}},
                                                                     {"stepanakert 2020-09", {"r-2"}},
                                                                     {"stepanakert 2020-10", {"r-5"}},
                                                                     {"stepanakert ", {"r-6"}},
                                                                     {"baku 2020-09", {"r-7"}}}));
  for (const ClaimGroup& g : groups) EXPECT_FALSE(g.contested()) << g.place << " " << g.period;
}

TEST(GroupClaims, DifferentTypesAndWeeksAreDifferentGroups) {
  std::vector<ClaimRow> rows = {row("a", "2020-09-28", "armenian-mod", {"martuni"}, {killed(10)}),
                                row("b", "2020-10-05", "azerbaijani-mod", {"martuni"}, {killed(20)}),
                                row("c", "2020-09-29", "azerbaijani-mod", {"martuni"}, {}, "denial")};
  const std::vector<ClaimGroup> groups = group_claims(rows, {}, DateInterval::Week, gazetteer());
  ASSERT_EQ(groups.size(), 3u);
  for (const ClaimGroup& g : groups) EXPECT_EQ(g.rows.size(), 1u);
  EXPECT_EQ(groups[0].type, "casualties");
  EXPECT_EQ(groups[1].type, "denial");  // the same week as the first, then by type
  EXPECT_EQ(groups[2].period, "2020-10-05");
}

TEST(GroupClaims, NegatedHistoricalAndVagueFiguresAreNoSpread) {
  std::vector<ClaimRow> rows = {row("a", "2020-09-28", "armenian-mod", {"martuni"}, {killed(10)}),
                                row("b", "2020-09-29", "azerbaijani-mod", {"martuni"}, {killed(20000)}),
                                row("c", "2020-09-29", "azerbaijan", {"martuni"}, {killed(30000)}),
                                row("d", "2020-09-30", "armenia", {"martuni"}, {{.what = "killed", .count = 0, .vague = "dozens"}}),
                                row("e", "2020-09-30", "", {"martuni"}, {killed(12)})};
  rows[1].negated = true;
  rows[2].historical = true;
  const std::vector<ClaimGroup> groups = group_claims(rows, {}, DateInterval::Week, gazetteer());
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].rows.size(), 5u);
  EXPECT_EQ(report_ids(groups[0]), (std::vector<std::string>{"d", "a", "c", "b", "e"}));  // the narration last
  ASSERT_EQ(groups[0].spreads.size(), 1u);
  const FigureSpread& s = groups[0].spreads[0];
  EXPECT_EQ(s.low, 10);
  EXPECT_EQ(s.high, 12);
  EXPECT_EQ(s.claimants, 1u);  // the writer's own figure is nobody's claim
  EXPECT_FALSE(groups[0].contested());
}

TEST(GroupClaims, AZeroLowHasNoRatio) {
  std::vector<ClaimRow> rows = {row("a", "2020-09-28", "armenian-mod", {}, {killed(0)}),
                                row("b", "2020-09-29", "azerbaijani-mod", {}, {killed(20)})};
  const std::vector<ClaimGroup> groups = group_claims(rows, {}, DateInterval::Year, gazetteer());
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].place, "");
  EXPECT_EQ(groups[0].period, "2020");
  ASSERT_EQ(groups[0].spreads.size(), 1u);
  EXPECT_EQ(groups[0].spreads[0].ratio, 0.0);
  EXPECT_TRUE(groups[0].contested());
}

TEST(GroupClaims, AutoChoosesTheIntervalFromTheSpanAsTheHistogramDoesButNoFinerThanAWeek) {
  // The sides' tolls of one week come together even when the histogram would show days.
  EXPECT_EQ(group_claims(war_rows(), {}, DateInterval::Auto, gazetteer()).front().interval, DateInterval::Week);
  std::vector<ClaimRow> rows = war_rows();
  rows.push_back(row("r-8", "2022-06-01", "armenian-mod", {"martuni"}, {killed(3)}));
  EXPECT_EQ(group_claims(rows, {}, DateInterval::Auto, gazetteer()).front().interval, DateInterval::Month);
  EXPECT_EQ(group_claims({row("x", "", "", {}, {})}, {}, DateInterval::Auto, gazetteer()).front().interval,
            DateInterval::Week);
  EXPECT_TRUE(group_claims({}, {}, DateInterval::Auto, gazetteer()).empty());
}

// ---- Output ----

std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

// ---- Copies ----

ClaimRow carried(const std::string& report, const std::string& story, const std::string& outlet, std::vector<ClaimFigure> figures,
                 const std::string& claimant = "armenian-mod") {
  ClaimRow r = row(report, "2020-09-30", claimant, {"stepanakert"}, std::move(figures));
  r.story = story;
  r.reports = {report};
  r.outlets = {outlet};
  return r;
}

struct MergeCase {
  const char* name;
  std::vector<ClaimRow> rows;
  std::vector<std::vector<std::string>> reports;  // of each row after merging
  std::vector<std::vector<std::string>> outlets;
};

class MergeCopies : public testing::TestWithParam<MergeCase> {};

TEST_P(MergeCopies, AClaimRepeatedByCopiesOfOneStoryIsOneRow) {
  const std::vector<ClaimRow> merged = merge_copies(GetParam().rows);
  std::vector<std::vector<std::string>> reports, outlets;
  for (const ClaimRow& r : merged) {
    reports.push_back(r.reports);
    outlets.push_back(r.outlets);
    EXPECT_EQ(r.report_id, r.reports.front());
  }
  EXPECT_EQ(reports, GetParam().reports);
  EXPECT_EQ(outlets, GetParam().outlets);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, MergeCopies,
    testing::Values(
        MergeCase{"copies_join_the_first",
                  {carried("a", "a", "وكالة", {killed(12)}), carried("b", "a", "صحيفة", {killed(12)}),
                   carried("c", "a", "وكالة", {killed(12)})},
                  {{"a", "b", "c"}},
                  {{"وكالة", "صحيفة"}}},
        MergeCase{"another_figure_is_another_claim",
                  {carried("a", "a", "وكالة", {killed(12)}), carried("b", "a", "صحيفة", {killed(14)})},
                  {{"a"}, {"b"}},
                  {{"وكالة"}, {"صحيفة"}}},
        MergeCase{"another_claimant_is_another_claim",
                  {carried("a", "a", "وكالة", {killed(12)}), carried("b", "a", "صحيفة", {killed(12)}, "azerbaijani-mod")},
                  {{"a"}, {"b"}},
                  {{"وكالة"}, {"صحيفة"}}},
        MergeCase{"another_story_is_another_claim",
                  {carried("a", "a", "وكالة", {killed(12)}), carried("b", "b", "صحيفة", {killed(12)})},
                  {{"a"}, {"b"}},
                  {{"وكالة"}, {"صحيفة"}}},
        MergeCase{"a_report_repeating_itself_keeps_both",
                  {carried("a", "a", "وكالة", {killed(12)}), carried("a", "a", "وكالة", {killed(12)}),
                   carried("b", "a", "صحيفة", {killed(12)})},
                  {{"a", "b"}, {"a"}},
                  {{"وكالة", "صحيفة"}, {"وكالة"}}},
        MergeCase{"rows_without_a_story_stay",
                  {carried("a", "", "وكالة", {killed(12)}), carried("b", "", "صحيفة", {killed(12)})},
                  {{"a"}, {"b"}},
                  {{"وكالة"}, {"صحيفة"}}}),
    [](const auto& info) { return info.param.name; });

TEST(ClaimsJson, HoldsTheDocumentedKeys) {
  const json out = claims_json(claims_of_report(war_report(), {}, gazetteer()));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(keys_of(out[0]), (std::vector<std::string>{"claimant", "date", "field", "figures", "hedged", "historical",
                                                        "negated", "outlets", "places", "report_id", "reports", "sentence",
                                                        "source", "title", "type", "unverified"}));
  EXPECT_EQ(out[0]["reports"], json::array({out[0]["report_id"]}));
  EXPECT_EQ(out[0]["claimant"], (json{{"id", "armenian-mod"}, {"surface", "وزارة الدفاع الأرمينية"}}));
  EXPECT_EQ(out[0]["date"], "2020-09-28");
  EXPECT_EQ(out[0]["places"], json::array({"martuni"}));
  EXPECT_EQ(keys_of(out[0]["figures"][0]), (std::vector<std::string>{"count", "group", "qualifier", "text", "vague", "what"}));
  EXPECT_EQ(out[0]["figures"][0]["count"], 16);
  EXPECT_EQ(out[0]["unverified"], true);
  const json narration = claims_json({row("n", "", "", {}, {})});
  EXPECT_TRUE(narration[0]["claimant"].is_null());
  EXPECT_TRUE(narration[0]["date"].is_null());
}

TEST(ClaimGroupsJson, HoldsTheDocumentedKeysWithLabels) {
  const ClaimFilter filter{.places = {"nagorno-karabakh"}};
  const json out = claim_groups_json(group_claims(war_rows(), filter, DateInterval::Week, gazetteer()), gazetteer());
  ASSERT_FALSE(out.empty());
  const json& group = out[0];
  EXPECT_EQ(keys_of(group), (std::vector<std::string>{"claimants", "claims", "contested", "interval", "period", "place",
                                                       "spreads", "type"}));
  EXPECT_EQ(group["place"]["id"], "nagorno-karabakh");
  EXPECT_EQ(group["place"]["label_en"], "Nagorno-Karabakh");
  EXPECT_EQ(group["place"]["label_ar"], gazetteer().find("nagorno-karabakh")->arabic.front());
  EXPECT_EQ(group["period"], "2020-09-28");
  EXPECT_EQ(group["interval"], "week");
  EXPECT_EQ(group["contested"], true);
  ASSERT_EQ(group["claimants"].size(), 2u);
  const json& armenian = group["claimants"][0];
  EXPECT_EQ(keys_of(armenian), (std::vector<std::string>{"figures", "id", "label_ar", "label_en", "reports", "surface"}));
  EXPECT_EQ(armenian["id"], "armenian-mod");
  EXPECT_EQ(armenian["label_en"], "Armenian Ministry of Defence");
  EXPECT_EQ(armenian["label_ar"], "وزارة الدفاع الأرمينية");
  EXPECT_EQ(armenian["reports"], json::array({"r-3", "r-4"}));
  EXPECT_EQ(armenian["figures"].size(), 2u);
  EXPECT_EQ(keys_of(group["spreads"][0]), (std::vector<std::string>{"claimants", "high", "low", "ratio", "what"}));
  EXPECT_EQ(group["spreads"][0]["low"], 790);
  EXPECT_EQ(group["spreads"][0]["high"], 2300);
  EXPECT_EQ(group["claims"].size(), 3u);
  EXPECT_TRUE(out.back()["period"].is_null());  // the undated group
}

TEST(PrintClaims, OneLinePerClaimThenItsSentence) {
  std::ostringstream out;
  print_claims(out, claims_of_report(war_report(), {.types = {"casualties"}}, gazetteer()), gazetteer());
  EXPECT_EQ(out.str(),
            "2020-09-28 | casualties | وزارة الدفاع الأرمينية | killed 16 (fighters) | Martuni (Khojavend) | [unverified] | k-1\n"
            "    " + kMartuni + "\n"
            "2020-09-27 | casualties | وزارة الدفاع الأذربيجانية | killed 12 (civilians) | Baku | k-1\n"
            "    " + kBaku + "\n");
}

TEST(PrintClaims, ControlCharactersFromRecordsNeverReachTheTerminal) {
  ClaimRow r = row("r\x1b[2J", "2020-09-28", "armenian-mod", {"martuni"}, {killed(3)});
  r.claimant_label = "وزارة\x1b]0;x\x07";
  r.sentence = "قتل\r\n3";
  std::ostringstream out;
  print_claims(out, {r}, gazetteer());
  print_claim_groups(out, group_claims({r}, {}, DateInterval::Week, gazetteer()), gazetteer());
  for (char c : out.str()) EXPECT_FALSE(c == '\x1b' || c == '\x07' || c == '\r') << out.str();
}

TEST(PrintClaimGroups, AHeaderThenEachClaimantsFiguresThenTheSpread) {
  std::ostringstream out;
  const ClaimFilter filter{.places = {"nagorno-karabakh"}};
  std::vector<ClaimGroup> groups = group_claims(war_rows(), filter, DateInterval::Week, gazetteer());
  groups.resize(2);
  print_claim_groups(out, groups, gazetteer());
  EXPECT_EQ(out.str(),
            "casualties · Nagorno-Karabakh · week of 2020-09-28  [contested]\n"
            "  Armenian Ministry of Defence: killed 790, killed 900 — r-3, r-4\n"
            "  Azerbaijani Ministry of Defence: killed 2300, wounded 40 — r-2\n"
            "  killed: 790–2300 (2.9×, 2 claimants)\n"
            "  wounded: 40 (1 claimant)\n"
            "\n"
            "casualties · Nagorno-Karabakh · week of 2020-09-21\n"
            "  Armenian Ministry of Defence: killed 16 — r-1\n"
            "  killed: 16 (1 claimant)\n");
}

TEST(PrintClaimGroups, TheWritersOwnFiguresAreNoClaimantsFigures) {
  std::ostringstream out;
  print_claim_groups(out, group_claims({row("n-1", "2020-10-01", "", {}, {killed(2)})}, {}, DateInterval::Month, gazetteer()),
                     gazetteer());
  EXPECT_EQ(out.str(),
            "casualties · no place · 2020-10\n"
            "  (no claimant): killed 2 — n-1\n"
            "  killed: 2 (no claimant)\n");
}

// ---- Over the sample corpus ----

/** The sample corpus indexed once for the tests below, as marsad-search sees it. */
class ClaimsOverTheCorpus : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = (fs::path(testing::TempDir()) / ("claims_view_sample_" + std::to_string(getpid()))).string();
    fs::remove_all(index_);
    const std::string command = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --db " + index_ + " " +
                                MARSAD_SOURCE_DIR + "/corpus/reports.jsonl > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(index_); }
  static inline std::string index_;
};

/** The stored records of the reports with these ids. */
std::vector<json> records_of(const std::string& index, const std::set<std::string>& ids) {
  Xapian::Database db(index);
  std::vector<json> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    if (ids.contains(doc.get_value(schema::kIdSlot))) out.push_back(json::parse(doc.get_data()));
  }
  return out;
}

/** The range of one kind of figure in one period, found by reading the stored claims directly. */
struct Range {
  long long low = 0, high = 0;
  std::set<std::string> claimants;
};

/** (period, what) → range over the current casualty claims about `region` (or a place inside it). */
std::map<std::pair<std::string, std::string>, Range> brute_force(const std::vector<json>& records, const std::string& region,
                                                                 DateInterval interval, const tag::Gazetteer& gazetteer) {
  std::map<std::pair<std::string, std::string>, Range> out;
  for (const json& r : records) {
    for (const json& c : r["claims"]) {
      if (c["type"] != "casualties" || c["negated"] == true || c["historical"] == true) continue;
      const bool inside = std::any_of(c["places"].begin(), c["places"].end(), [&](const json& p) {
        const std::vector<const tag::Entity*> lineage = gazetteer.lineage(p.get<std::string>());
        return std::any_of(lineage.begin(), lineage.end(), [&](const tag::Entity* e) { return e->id == region; });
      });
      if (!inside) continue;
      std::string day = r["date"].is_string() ? r["date"].get<std::string>() : "";
      if (c["date"].is_object() && c["date"].contains("date")) day = c["date"]["date"].get<std::string>();
      std::string who;
      if (c["claimant"].is_object())
        who = c["claimant"]["id"].is_string() ? c["claimant"]["id"].get<std::string>()
                                              : "unlinked:" + c["claimant"]["surface"].get<std::string>();
      for (const json& f : c["figures"]) {
        if (!f["count"].is_number_integer()) continue;
        const long long count = f["count"].get<long long>();
        const std::pair<std::string, std::string> key{date_bucket(day, interval), f["what"].get<std::string>()};
        auto [it, added] = out.try_emplace(key, Range{count, count, {}});
        it->second.low = std::min(it->second.low, count);
        it->second.high = std::max(it->second.high, count);
        if (!who.empty()) it->second.claimants.insert(who);
      }
    }
  }
  return out;
}

TEST_F(ClaimsOverTheCorpus, TollsOfBothSidesAboutKarabakhComeTogether) {
  const std::string query = "claim:casualties place:\"قره باغ\" date:2020-09-27..2020-10-07";
  Searcher searcher(index_);
  std::set<std::string> ids;
  for (const SearchHit& hit : searcher.search({query, 0, 10'000}).hits) ids.insert(hit.id);
  ASSERT_GE(ids.size(), 3u);

  // The filter from the query as the searcher's parser reads it.
  text::Analyzer analyzer;
  EntityResolver resolver(searcher.gazetteer(), analyzer);
  Xapian::QueryParser parser;
  parser.add_boolean_prefix("place", (new EntityFieldProcessor("place", schema::kPlacePrefix, resolver, analyzer))->release(),
                            false);
  parser.add_boolean_prefix("claim", (new ClaimFieldProcessor)->release(), false);
  const ClaimFilter filter = claim_filter_of(parser.parse_query("claim:casualties place:\"قره باغ\" قتلى"));
  EXPECT_EQ(filter.types, std::vector<std::string>{"casualties"});
  EXPECT_EQ(filter.places, std::vector<std::string>{"nagorno-karabakh"});

  const std::vector<json> records = records_of(index_, ids);
  ASSERT_EQ(records.size(), ids.size());
  std::vector<ClaimRow> rows;
  for (const json& r : records) {
    std::vector<ClaimRow> more = claims_of_report(r, filter, searcher.gazetteer());
    rows.insert(rows.end(), more.begin(), more.end());
  }
  ASSERT_FALSE(rows.empty());
  for (const ClaimRow& r : rows) {
    EXPECT_EQ(r.type, "casualties");
    EXPECT_TRUE(ids.contains(r.report_id)) << r.report_id;
    EXPECT_FALSE(r.sentence.empty()) << r.report_id;
  }

  // The corpus's first week of the 2020 war spans two calendar weeks (27 September was a Sunday):
  // the tolls of both sides meet in the month. Every interval must agree with a direct reading.
  for (DateInterval interval : {DateInterval::Month, DateInterval::Week, DateInterval::Day}) {
    const auto expected = brute_force(records, "nagorno-karabakh", interval, searcher.gazetteer());
    std::map<std::pair<std::string, std::string>, std::tuple<long long, long long, std::size_t>> want, got;
    for (const auto& [key, range] : expected) want[key] = {range.low, range.high, range.claimants.size()};
    for (const ClaimGroup& g : group_claims(rows, filter, interval, searcher.gazetteer())) {
      EXPECT_EQ(g.type, "casualties");
      EXPECT_EQ(g.place, "nagorno-karabakh");
      for (const FigureSpread& s : g.spreads) got[{g.period, s.what}] = {s.low, s.high, s.claimants};
    }
    EXPECT_EQ(got, want) << date_interval_name(interval);
  }
  const std::vector<ClaimGroup> months = group_claims(rows, filter, DateInterval::Month, searcher.gazetteer());
  ASSERT_FALSE(months.empty());
  ASSERT_TRUE(months.front().contested());
  // The two claimants' figures are in the group's rows.
  std::set<std::string> with_figures;
  for (const ClaimRow& r : months.front().rows)
    if (!r.figures.empty() && !r.claimant_id.empty()) with_figures.insert(r.claimant_id);
  EXPECT_GE(with_figures.size(), 2u);
}

TEST_F(ClaimsOverTheCorpus, WithMoreMatchesThanItReadsTheClaimsAreThoseOfTheMostRelevant) {
  Searcher searcher(index_);
  const SearchRequest request{"قتلى"};
  const SearchResult ranking = searcher.search({request.query, 0, 2});
  ASSERT_GT(ranking.total, 2u);
  const ClaimsResult result = searcher.claims(request, 2);
  EXPECT_EQ(result.reports, ranking.total);  // every match counted
  EXPECT_EQ(result.read, 2u);
  const std::set<std::string> best = {ranking.hits.at(0).id, ranking.hits.at(1).id};
  ASSERT_FALSE(result.rows.empty());
  for (const ClaimRow& row : result.rows)
    for (const std::string& id : row.reports) EXPECT_TRUE(best.contains(id)) << id;
  // The JSON says that not all were read.
  const nlohmann::json answer = claims_answer_json(request, result, false, searcher.gazetteer());
  EXPECT_EQ(answer["reports"], ranking.total);
  EXPECT_EQ(answer["reports_read"], 2);
}

TEST_F(ClaimsOverTheCorpus, TheSearchersClaimsAreTheFilteredClaimsOfEveryMatch) {
  Searcher searcher(index_);
  const SearchRequest request{"claim:casualties place:\"قره باغ\" date:2020-09-27..2020-10-07"};
  const ClaimsResult result = searcher.claims(request);
  std::set<std::string> ids;
  for (const SearchHit& hit : searcher.search({request.query, 0, 10'000}).hits) ids.insert(hit.id);
  EXPECT_EQ(result.reports, ids.size());
  EXPECT_EQ(result.read, result.reports);  // fewer than kClaimReports: all read
  EXPECT_EQ(result.filter.types, std::vector<std::string>{"casualties"});
  EXPECT_EQ(result.filter.places, std::vector<std::string>{"nagorno-karabakh"});
  // Every claim of every match, those repeated by copies of one story in the row of its first report.
  std::multiset<std::pair<std::string, std::string>> want;
  std::multiset<std::string> want_reports, got_reports;
  for (const json& r : records_of(index_, ids))
    for (const ClaimRow& row : claims_of_report(r, result.filter, searcher.gazetteer())) {
      want.emplace(row.report_id, row.sentence);
      want_reports.insert(row.report_id);
    }
  for (const ClaimRow& row : result.rows) {
    EXPECT_TRUE(want.contains({row.report_id, row.sentence})) << row.report_id;
    got_reports.insert(row.reports.begin(), row.reports.end());
  }
  EXPECT_EQ(got_reports, want_reports);
  ASSERT_FALSE(result.rows.empty());
  // Oldest report first.
  EXPECT_TRUE(std::is_sorted(result.rows.begin(), result.rows.end(), [&](const ClaimRow& x, const ClaimRow& y) {
    return searcher.search({"id:" + x.report_id}).hits.at(0).date < searcher.search({"id:" + y.report_id}).hits.at(0).date;
  }));
}

}  // namespace
}  // namespace marsad::searcher

// Stories in search: every hit names its story (reports, outlets, first report), --collapse shows
// one hit per story, and story:ID lists a story's reports.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "common/index_metadata.h"
#include "searcher/facet_table.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"
#include "tests/support/wire_copies.h"

namespace fs = std::filesystem;

namespace marsad::searcher {
namespace {

using namespace testing_support::wire;

/** Three copies of one dispatch, an exact duplicate of the first from a fourth outlet, another
 *  report of the same day, and the dispatch's wording again weeks later. */
class StoriesTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(testing::TempDir()) / ("searcher_stories_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream out(dir_ / "reports.jsonl");
    auto add = [&](const char* id, const char* date, const char* source, const std::string& body) {
      out << nlohmann::json{{"id", id}, {"date", date}, {"source", source}, {"title", "قافلة"}, {"body", body}}.dump() << '\n';
    };
    add("wire-a", "2024-03-05", "وكالة سبأ", kDispatch);
    add("wire-b", "2024-03-05", "صحيفة الأيام", "مأرب - خاص: " + kLead + kMiddle);
    add("wire-c", "2024-03-06", "موقع المصدر", kLead + "وأكد شهود وصول الشاحنات ظهرا. " + kMiddle + kEnd);
    add("dup-a", "2024-03-05", "قناة الغد", kDispatch);
    add("other", "2024-03-05", "صحيفة الأيام", kOther);
    add("weeks-later", "2024-03-27", "وكالة سبأ", "مأرب - سبأ: " + kDispatch);
    out.close();
    const std::string command = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --db " +
                                (dir_ / "db").string() + " " + (dir_ / "reports.jsonl").string() + " > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static SearchResult search(const std::string& query, bool collapse) {
    Searcher searcher((dir_ / "db").string());
    SearchRequest request{query, 0, 100};
    request.collapse = collapse;
    return searcher.search(request);
  }
  static inline fs::path dir_;
};

TEST_F(StoriesTest, EveryHitNamesItsStoryWithItsOutletsAndFirstReport) {
  const SearchResult result = search("قافلة", false);
  ASSERT_EQ(result.total, 5u);  // the exact duplicate is kept once
  std::map<std::string, StoryInfo> by_hit;
  for (const SearchHit& hit : result.hits) by_hit[hit.id] = hit.story;
  for (const char* id : {"wire-a", "wire-b", "wire-c"}) {
    const StoryInfo& story = by_hit.at(id);
    EXPECT_EQ(story.id, "wire-a") << id;
    EXPECT_EQ(story.reports, 4u) << id;  // three copies and the duplicate
    // In the order they carried it: the story's first, then that day by id, then the next day.
    EXPECT_EQ(story.outlets, (std::vector<std::string>{"وكالة سبأ", "قناة الغد", "صحيفة الأيام", "موقع المصدر"})) << id;
    EXPECT_EQ(story.first_id, "wire-a");
    EXPECT_EQ(story.first_date, "2024-03-05");
    EXPECT_EQ(story.first_source, "وكالة سبأ");
  }
  EXPECT_EQ(by_hit.at("other").id, "other");
  EXPECT_EQ(by_hit.at("other").reports, 1u);
  EXPECT_EQ(by_hit.at("other").outlets, std::vector<std::string>{"صحيفة الأيام"});
  EXPECT_EQ(by_hit.at("weeks-later").id, "weeks-later");
  for (const SearchHit& hit : result.hits) EXPECT_EQ(hit.collapsed, 0u) << hit.id;
}

TEST_F(StoriesTest, CollapsingShowsOneHitPerStoryAndStillCountsReports) {
  const SearchResult result = search("قافلة", true);
  EXPECT_EQ(result.total, 5u);
  std::multiset<std::string> stories;
  for (const SearchHit& hit : result.hits) stories.insert(hit.story.id);
  EXPECT_EQ(stories, (std::multiset<std::string>{"wire-a", "other", "weeks-later"}));
  for (const SearchHit& hit : result.hits)
    EXPECT_EQ(hit.collapsed, hit.story.id == "wire-a" ? 2u : 0u) << hit.id;  // two copies more match
}

TEST_F(StoriesTest, TheStoryFieldListsAStorysReports) {
  std::set<std::string> ids;
  for (const SearchHit& hit : search("story:wire-a", false).hits) ids.insert(hit.id);
  EXPECT_EQ(ids, (std::set<std::string>{"wire-a", "wire-b", "wire-c"}));
  EXPECT_EQ(search("story:other", false).total, 1u);
  EXPECT_EQ(search("story:nothing-such", false).total, 0u);
}

TEST_F(StoriesTest, JsonCarriesTheStoryOfEveryHitCollapsedOrNot) {
  for (bool collapse : {false, true}) {
    SearchRequest request{"story:wire-a", 0, 10};
    request.collapse = collapse;
    Searcher searcher((dir_ / "db").string());
    const nlohmann::json out = result_json(request, searcher.search(request));
    EXPECT_EQ(out["collapse"], collapse);
    ASSERT_FALSE(out["hits"].empty());
    const nlohmann::json& story = out["hits"][0]["story"];
    EXPECT_EQ(story["id"], "wire-a");
    EXPECT_EQ(story["reports"], 4);
    EXPECT_EQ(story["outlets"].size(), 4u);
    EXPECT_EQ(story["first"], nlohmann::json::parse(R"({"id": "wire-a", "date": "2024-03-05", "source": "وكالة سبأ"})"));
    EXPECT_EQ(out["hits"][0]["collapsed"], collapse ? 2 : 0);
  }
}

TEST_F(StoriesTest, AClaimRepeatedByCopiesIsOneClaimWithItsOutlets) {
  Searcher searcher((dir_ / "db").string());
  const ClaimsResult claims = searcher.claims(SearchRequest{"قافلة"});
  std::set<std::string> first_reports;
  bool carried_by_three = false;
  for (const ClaimRow& row : claims.rows) {
    first_reports.insert(row.report_id);
    if (row.reports == std::vector<std::string>{"wire-a", "wire-b", "wire-c"}) {
      carried_by_three = true;
      EXPECT_EQ(row.outlets, (std::vector<std::string>{"وكالة سبأ", "صحيفة الأيام", "موقع المصدر"}));
    }
  }
  EXPECT_TRUE(carried_by_three);
  // The copies' claims are all in the rows of the story's first report.
  EXPECT_FALSE(first_reports.contains("wire-b"));
  EXPECT_FALSE(first_reports.contains("wire-c"));
}

/** The counts a search gives: its total, reports (or stories) per source, and per day. */
struct Counted {
  Xapian::doccount total = 0;
  std::map<std::string, Xapian::doccount> sources, days;
  bool operator==(const Counted&) const = default;
};

Counted counted(const Facets& f, Xapian::doccount total) {
  Counted c{total, {}, {}};
  for (const FacetValue& v : f.source.values) c.sources[v.id] = v.count;
  for (const DateBucket& b : f.date) c.days[b.bucket.value_or("undated")] = b.count;
  return c;
}

void PrintTo(const Counted& c, std::ostream* os) {
  *os << "total " << c.total << ";";
  for (const auto& [k, v] : c.sources) *os << " " << k << "=" << v;
  *os << ";";
  for (const auto& [k, v] : c.days) *os << " " << k << "=" << v;
}

struct CountCase {
  const char* what;
  std::string query;
  CountUnit unit;
  Counted expected;
};

void PrintTo(const CountCase& c, std::ostream* os) { *os << c.what; }

class StoriesCountTest : public StoriesTest, public testing::WithParamInterface<CountCase> {};

// Sources and days are counted each over every filter but its own (as every facet is); a story
// counts once per source that carried a matching copy, and on the day of its earliest matching copy.
TEST_P(StoriesCountTest, TotalsAndFacetsCountWhatWasAskedForExactly) {
  Searcher searcher((dir_ / "db").string());
  SearchRequest request{GetParam().query, 0, 10, true};
  request.facet_options.count = GetParam().unit;
  request.facet_options.interval = DateInterval::Day;
  const SearchResult result = searcher.search(request);
  ASSERT_TRUE(result.facets);
  EXPECT_EQ(counted(*result.facets, result.total), GetParam().expected);
  request.facets = false;
  EXPECT_EQ(searcher.search(request).total, GetParam().expected.total);
  EXPECT_EQ(result_json(request, result)["count"], count_unit_name(GetParam().unit));
}

const std::string kAgency = "وكالة سبأ", kDaily = "صحيفة الأيام", kSite = "موقع المصدر";

INSTANTIATE_TEST_SUITE_P(
    Units, StoriesCountTest,
    testing::Values(
        CountCase{"reports", "قافلة", CountUnit::Reports,
                  {5, {{kAgency, 2}, {kDaily, 2}, {kSite, 1}}, {{"2024-03-05", 3}, {"2024-03-06", 1}, {"2024-03-27", 1}}}},
        CountCase{"stories", "قافلة", CountUnit::Stories,
                  {3, {{kAgency, 2}, {kDaily, 2}, {kSite, 1}}, {{"2024-03-05", 2}, {"2024-03-27", 1}}}},
        CountCase{"stories of one outlet", "قافلة source:\"" + kDaily + "\"", CountUnit::Stories,
                  {2, {{kAgency, 2}, {kDaily, 2}, {kSite, 1}}, {{"2024-03-05", 2}}}},
        CountCase{"stories of a later day", "قافلة date:2024-03-06..2024-03-06", CountUnit::Stories,
                  {1, {{kSite, 1}}, {{"2024-03-05", 2}, {"2024-03-27", 1}}}},
        CountCase{"stories of a later day, in reports", "قافلة date:2024-03-06..2024-03-06", CountUnit::Reports,
                  {1, {{kSite, 1}}, {{"2024-03-05", 3}, {"2024-03-06", 1}, {"2024-03-27", 1}}}}));

TEST_F(StoriesTest, XapiansSpiesCountStoriesAsTheFacetTableDoes) {
  // Over remote shards stories are counted from one ValueCountMatchSpy on the facet keys slot.
  Searcher searcher((dir_ / "db").string());
  const std::string index = (dir_ / "db").string();
  Xapian::Database db(index);
  const std::unique_ptr<FacetTable> table = FacetTable::open(open_every_shard(index), searcher.gazetteer());
  for (const bool rollup : {false, true}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    FacetCounter counter(enquire, {}, FacetCounting{rollup, &searcher.gazetteer(), CountUnit::Stories});
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    FacetOptions options;
    options.interval = DateInterval::Day;
    const FacetTallies remote = counter.tallies(mset.get_matches_estimated());
    const FacetTallies local = table->tally_all(rollup, CountUnit::Stories);
    EXPECT_EQ(remote.total, 3u);
    EXPECT_EQ(local.total, 3u);
    Facets a, b;
    remote.fill(a, searcher.gazetteer(), options);
    local.fill(b, searcher.gazetteer(), options);
    EXPECT_EQ(counted(a, remote.total), counted(b, local.total));
    EXPECT_EQ(counted(a, remote.total).days, (std::map<std::string, Xapian::doccount>{{"2024-03-05", 2}, {"2024-03-27", 1}}));
    EXPECT_FALSE(a.place.values.empty());
    ASSERT_EQ(a.place.values.size(), b.place.values.size());
    for (std::size_t i = 0; i < a.place.values.size(); ++i) {
      EXPECT_EQ(a.place.values[i].id, b.place.values[i].id);
      EXPECT_EQ(a.place.values[i].count, b.place.values[i].count);
    }
  }
}

TEST_F(StoriesTest, StatsCountStoriesAndNameTheLargest) {
  Searcher searcher((dir_ / "db").string());
  const IndexStats stats = searcher.stats({});
  EXPECT_EQ(stats.documents, 5u);
  EXPECT_EQ(stats.stories, 3u);
  ASSERT_EQ(stats.largest_stories.size(), 1u);  // the others hold one report each
  EXPECT_EQ(stats.largest_stories[0].id, "wire-a");
  EXPECT_EQ(stats.largest_stories[0].reports, 4u);
  FacetOptions in_stories;
  in_stories.count = CountUnit::Stories;
  in_stories.interval = DateInterval::Day;
  EXPECT_EQ(counted(searcher.stats(in_stories).facets, 3).days,
            (std::map<std::string, Xapian::doccount>{{"2024-03-05", 2}, {"2024-03-27", 1}}));
}

}  // namespace
}  // namespace marsad::searcher

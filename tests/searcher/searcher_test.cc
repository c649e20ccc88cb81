#include "searcher/searcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <limits>
#include <thread>
#include <sstream>
#include <set>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/errors.h"
#include "common/index_metadata.h"
#include "tests/support/run_command.h"
#include "common/schema.h"
#include "searcher/date_range.h"
#include "searcher/facet_table.h"
#include "searcher/result_json.h"
#include "searcher/result_text.h"

namespace fs = std::filesystem;

namespace marsad::searcher {
namespace {

/** Indexes the sample corpus once for all tests of this file. */
class SearcherTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs every test in its own process, possibly at once: one index per process.
    index_ = (fs::path(testing::TempDir()) / ("searcher_sample_" + std::to_string(getpid()))).string();
    fs::remove_all(index_);
    std::string command = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --db " + index_ + " " +
                          MARSAD_SOURCE_DIR + "/corpus/reports.jsonl > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(index_); }
  static std::vector<std::string> ids(const std::string& query) {
    Searcher searcher(index_);
    std::vector<std::string> out;
    SearchRequest request{query, 0, 1000};
    request.mode = QueryMode::And;  // the reports that match, never relaxed
    for (const auto& hit : searcher.search(request).hits) out.push_back(hit.id);
    return out;
  }
  static inline std::string index_;
};

TEST_F(SearcherTest, CliticsAndArticleDoNotMatter) {
  auto with_clitic = ids("بالخرطوم");
  EXPECT_GT(with_clitic.size(), 5u);
  EXPECT_EQ(with_clitic, ids("الخرطوم"));
  EXPECT_EQ(with_clitic, ids("خرطوم"));
}

// A query is analysed word by word as the indexer analysed the reports, letters as written: a
// word in ة is not read as one in ه (مدينة is no مدين + ه). Each word finds every report that has it.
TEST_F(SearcherTest, AWordFindsEveryReportThatHasItAsWritten) {
  std::map<std::string, std::set<std::string>> having;
  const std::vector<std::string> words{"مدينة", "هدنة", "منطقة", "غارة", "وكالة", "بلاده", "بدأ"};
  std::ifstream corpus(std::string(MARSAD_SOURCE_DIR) + "/corpus/reports.jsonl");
  std::string line;
  while (std::getline(corpus, line)) {
    auto record = nlohmann::json::parse(line);
    std::string text = " " + record.value("title", "") + " " + record.value("body", "") + " ";
    for (const std::string_view mark : {"،", "؛", "«", "»"})
      for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at)) text.replace(at, mark.size(), " ");
    for (char& c : text)
      if (std::string_view(".,:;()\"'-/").find(c) != std::string_view::npos) c = ' ';
    for (const std::string& w : words)
      if (text.find(" " + w + " ") != std::string::npos) having[w].insert(record.value("id", ""));
  }
  for (const std::string& w : words) {
    ASSERT_FALSE(having[w].empty()) << w << " is in no report of the sample corpus";
    auto found = ids(w);
    for (const std::string& id : having[w]) EXPECT_NE(std::find(found.begin(), found.end(), id), found.end()) << w << " in " << id;
  }
}

TEST_F(SearcherTest, PhrasesMatchAcrossClitics) {
  auto phrase = ids("\"وقف إطلاق النار\"");
  EXPECT_GT(phrase.size(), 10u);
  EXPECT_EQ(phrase, ids("\"لوقف إطلاق النار\""));
  EXPECT_LT(ids("\"النار إطلاق وقف\"").size(), phrase.size());
}

TEST_F(SearcherTest, DateAndSourceFilters) {
  Searcher searcher(index_);
  auto result = searcher.search({"date:2023-04-15..2023-04-30", 0, 1000});
  ASSERT_GT(result.hits.size(), 0u);
  for (const auto& hit : result.hits) {
    EXPECT_GE(hit.date, "2023-04-15");
    EXPECT_LE(hit.date, "2023-04-30");
  }
  for (const auto& hit : searcher.search({"هدنة source:\"صحيفة الأفق\"", 0, 1000}).hits) EXPECT_EQ(hit.source, "صحيفة الأفق");
}

TEST_F(SearcherTest, TotalsCountEveryMatchingReport) {
  // A page of one hit still reports how many match, counted, for queries whose matches Xapian would
  // otherwise estimate from term statistics (AND of common words, phrases, filters, NOT).
  Searcher searcher(index_);
  for (const std::string query : {"قصف قتلى", "القوات الحكومية مدنيين", "\"وقف إطلاق النار\" هدنة", "الجيش -الخرطوم",
                                  "هجوم date:2023-01-01..2023-12-31", "وزارة OR مجلس", "قتلى جرحى مدنيين أطفال"}) {
    SearchResult page = searcher.search({query, 0, 1});
    SearchResult all = searcher.search({query, 0, 10'000});
    EXPECT_TRUE(page.total_exact) << query;
    EXPECT_EQ(page.total, all.hits.size()) << query;
    EXPECT_EQ(all.total, all.hits.size()) << query;
  }
}

TEST_F(SearcherTest, JsonHoldsTheDocumentedKeys) {
  Searcher searcher(index_);
  SearchRequest request{"وقف إطلاق النار", 0, 3};
  SearchResult result = searcher.search(request);
  nlohmann::json out = result_json(request, result);
  std::vector<std::string> keys;
  for (const auto& [key, value] : out.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"collapse", "count", "failed_shards", "hits", "mode", "partial", "query", "relaxed",
                                            "strict_total", "took_ms", "total"}));
  EXPECT_EQ(out["query"], "وقف إطلاق النار");
  EXPECT_EQ(out["partial"], false);
  EXPECT_EQ(out["failed_shards"], nlohmann::json::array());
  EXPECT_EQ(out["total"]["value"], result.total);
  EXPECT_EQ(out["total"]["exact"], true);
  EXPECT_GE(out["took_ms"].get<double>(), 0.0);
  ASSERT_EQ(out["hits"].size(), 3u);
  double previous = std::numeric_limits<double>::max();
  for (const auto& hit : out["hits"]) {
    keys.clear();
    for (const auto& [key, value] : hit.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"actors", "claims", "collapsed", "date", "id", "places", "score", "snippet",
                                              "source", "story", "title", "url"}));
    EXPECT_FALSE(hit["id"].get<std::string>().empty());
    EXPECT_GT(hit["score"].get<double>(), 0.0);
    EXPECT_LE(hit["score"].get<double>(), previous);  // best first
    previous = hit["score"].get<double>();
  }
}

/** Reports per value of a slot, over the documents whose ids are given, read straight from the index. */
std::map<std::string, Xapian::doccount> brute_force(const std::string& index, Xapian::valueno slot,
                                                    const std::set<std::string>& ids, bool split) {
  Xapian::Database db(index);
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    if (!ids.contains(doc.get_value(schema::kIdSlot))) continue;
    std::string value = doc.get_value(slot);
    if (value.empty()) continue;
    if (!split) {
      ++counts[value];
      continue;
    }
    std::stringstream lines(value);
    for (std::string id; std::getline(lines, id, schema::kListSeparator);) ++counts[id];
  }
  return counts;
}

/** The distinct values of a slot among the documents `query` matches, read one by one. */
Xapian::doccount distinct_values(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno slot) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::set<std::string> values;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) values.insert(it.get_document().get_value(slot));
  return static_cast<Xapian::doccount>(values.size());
}

std::map<std::string, Xapian::doccount> as_map(const Facet& facet) {
  std::map<std::string, Xapian::doccount> out;
  for (const FacetValue& v : facet.values) out[v.id] = v.count;
  return out;
}

TEST_F(SearcherTest, FacetCountsEqualABruteForceCountOverTheMatches) {
  Searcher searcher(index_);
  // في and -قتلى match most reports: their facets are the whole index's less the others'.
  for (const std::string query : {"قتلى", "وقف إطلاق النار", "غزة OR موسكو", "(date:2020-01-01..2020-12-31)", "في", "-قتلى"}) {
    SearchRequest request{query, 0, 10'000, true};
    request.facet_options.size = 100'000;
    SearchResult result = searcher.search(request);
    ASSERT_TRUE(result.facets) << query;
    ASSERT_GT(result.total, 0u) << query;
    std::set<std::string> ids;
    for (const SearchHit& hit : result.hits) ids.insert(hit.id);
    const Facets& f = *result.facets;
    EXPECT_EQ(as_map(f.actor), brute_force(index_, schema::kActorsSlot, ids, true)) << query;
    EXPECT_EQ(as_map(f.place), brute_force(index_, schema::kPlacesSlot, ids, true)) << query;
    EXPECT_EQ(as_map(f.claim), brute_force(index_, schema::kClaimsSlot, ids, true)) << query;
    EXPECT_EQ(as_map(f.claimant), brute_force(index_, schema::kClaimantsSlot, ids, true)) << query;
    EXPECT_EQ(as_map(f.source), brute_force(index_, schema::kSourceSlot, ids, false)) << query;
    EXPECT_FALSE(f.claimant.values.empty()) << query;
    Xapian::doccount histogram = 0;
    for (const DateBucket& b : f.date) histogram += b.count;
    EXPECT_EQ(histogram, result.total) << query;  // the bars and the undated bar add up to the total
    if (query == "في") {
      EXPECT_GT(result.total * 2, Xapian::Database(index_).get_doccount());
    }
  }
}

/** The ids of every report `query` matches. */
std::set<std::string> match_ids(Searcher& searcher, const std::string& query) {
  std::set<std::string> out;
  SearchRequest request{query, 0, 100'000};
  request.mode = QueryMode::And;  // the reports that match, never relaxed
  for (const SearchHit& hit : searcher.search(request).hits) out.insert(hit.id);
  return out;
}

TEST_F(SearcherTest, AFacetCountsOverEveryFilterButItsOwn) {
  // Picking place:X still shows what the other places would give; the other facets follow the pick.
  Searcher searcher(index_);
  SearchRequest request{"قتلى place:armenia claim:casualties date:2020", 0, 1, true};
  request.facet_options.size = 100'000;
  const SearchResult result = searcher.search(request);
  ASSERT_GT(result.total, 0u);
  const Facets& f = *result.facets;
  const auto all = match_ids(searcher, request.query);
  EXPECT_EQ(as_map(f.place), brute_force(index_, schema::kPlacesSlot, match_ids(searcher, "قتلى claim:casualties date:2020"), true));
  EXPECT_EQ(as_map(f.claim), brute_force(index_, schema::kClaimsSlot, match_ids(searcher, "قتلى place:armenia date:2020"), true));
  EXPECT_EQ(as_map(f.actor), brute_force(index_, schema::kActorsSlot, all, true));
  EXPECT_EQ(as_map(f.source), brute_force(index_, schema::kSourceSlot, all, false));
  // The place facet holds more than the picked place; the histogram spans more than 2020.
  EXPECT_GT(f.place.values.size(), as_map(f.place).count("armenia"));
  std::set<std::string> years;
  for (const DateBucket& b : f.date)
    if (b.bucket) years.insert(b.bucket->substr(0, 4));
  EXPECT_GT(years.size(), 1u);
  // A filter inside brackets or next to an operator cannot be taken out: that facet keeps it.
  SearchRequest bracketed{"قتلى (place:armenia OR place:azerbaijan)", 0, 1, true};
  bracketed.facet_options.size = 100'000;
  EXPECT_EQ(as_map(searcher.search(bracketed).facets->place),
            brute_force(index_, schema::kPlacesSlot, match_ids(searcher, bracketed.query), true));
}

TEST_F(SearcherTest, TheFacetTableCountsWhatXapiansSpiesCount) {
  // Locally the facet table counts; over remote shards one ValueCountMatchSpy per slot does
  // (xapian-tcpsrv runs no spy of ours). Both must give the same facets.
  Searcher searcher(index_);
  Xapian::Database db(index_);
  const std::unique_ptr<FacetTable> table = FacetTable::open(open_every_shard(index_), searcher.gazetteer());
  ASSERT_GT(table->keys().shard_count(), 1u);  // shard-local document ids are told apart
  for (const std::string query : {"قتلى", "Zغزه", ""}) {
    for (const auto& [rollup, unit] : {std::pair{false, CountUnit::Reports}, std::pair{true, CountUnit::Reports},
                                       std::pair{false, CountUnit::Stories}, std::pair{true, CountUnit::Stories}}) {
      FacetOptions options;
      options.size = 100'000;
      options.rollup = rollup;
      const Xapian::Query q = query.empty() ? Xapian::Query::MatchAll : Xapian::Query(query == "قتلى" ? "Zقتل" : query);
      Xapian::Enquire enquire(db);
      enquire.set_query(q);
      FacetCounter counter(enquire, {}, FacetCounting{rollup, &searcher.gazetteer(), unit});
      Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
      const Facets remote = counter.collect(mset.get_matches_estimated(), searcher.gazetteer(), options);
      Facets local;
      const FacetTallies tallies = query.empty() ? table->tally_all(rollup, unit) : table->tally(q, {}, rollup, unit);
      EXPECT_EQ(tallies.total, counter.tallies(mset.get_matches_estimated()).total);
      EXPECT_EQ(tallies.total, unit == CountUnit::Reports ? mset.get_matches_estimated()
                                                          : distinct_values(db, q, schema::kStorySlot));
      if (!query.empty()) {
        EXPECT_EQ(tallies.total, table->count(q, unit));
      }
      tallies.fill(local, searcher.gazetteer(), options);
      EXPECT_FALSE(local.actor.values.empty()) << query;
      EXPECT_EQ(as_map(local.actor), as_map(remote.actor)) << query << rollup;
      EXPECT_EQ(as_map(local.place), as_map(remote.place)) << query << rollup;
      EXPECT_EQ(as_map(local.claim), as_map(remote.claim)) << query << rollup;
      EXPECT_EQ(as_map(local.claimant), as_map(remote.claimant)) << query << rollup;
      EXPECT_EQ(as_map(local.source), as_map(remote.source)) << query << rollup;
      ASSERT_EQ(local.date.size(), remote.date.size()) << query;
      for (std::size_t i = 0; i < local.date.size(); ++i) {
        EXPECT_EQ(local.date[i].bucket, remote.date[i].bucket);
        EXPECT_EQ(local.date[i].count, remote.date[i].count);
      }
    }
  }
}

TEST(FacetKeys, AreReadOncePerRevisionForTheWholeProcess) {
  const fs::path dir = fs::path(testing::TempDir()) / ("facet_keys_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string index = (dir / "db").string();
  const std::string indexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --db " + index + " ";
  std::ofstream(dir / "one.jsonl") << R"({"id":"k1","date":"2021-03-01","title":"قصف","body":"قصف على حلب."})" << "\n";
  ASSERT_EQ(std::system((indexer + (dir / "one.jsonl").string() + " > /dev/null 2>&1").c_str()), 0);
  const tag::Gazetteer gazetteer = index_gazetteer(Xapian::Database(index), index);
  auto named = [&] {
    std::vector<std::pair<std::string, Xapian::Database>> shards;
    for (auto& [line, db] : open_every_shard(index)) shards.emplace_back(index + " " + line, db);
    return shards;
  };
  const auto first = FacetKeys::of(named(), gazetteer);
  EXPECT_EQ(FacetKeys::of(named(), gazetteer), first);  // another searcher's handles, the same keys
  std::ofstream(dir / "two.jsonl") << R"({"id":"k2","date":"2021-03-02","title":"قصف","body":"قصف على إدلب."})" << "\n";
  ASSERT_EQ(std::system((indexer + (dir / "two.jsonl").string() + " > /dev/null 2>&1").c_str()), 0);
  const auto after = FacetKeys::of(named(), gazetteer);
  EXPECT_NE(after, first);  // a commit: read again
  std::size_t with_keys = 0;
  for (std::size_t s = 0; s < after->shard_count(); ++s)
    for (Xapian::docid id = 1; id <= after->last_docid(s); ++id) with_keys += !after->keys(s, id).empty();
  EXPECT_EQ(with_keys, 2u);
  fs::remove_all(dir);
}

TEST_F(SearcherTest, FacetsListTheTopValuesAndCountTheRest) {
  Searcher searcher(index_);
  SearchRequest request{"قتلى", 0, 1, true};
  request.facet_options.size = 3;
  SearchResult result = searcher.search(request);
  const Facet& actors = result.facets->actor;
  ASSERT_EQ(actors.values.size(), 3u);
  EXPECT_GT(actors.more, 0u);
  EXPECT_GE(actors.values[0].count, actors.values[1].count);
  EXPECT_GE(actors.values[1].count, actors.values[2].count);
  request.facet_options.size = 100'000;
  const Facet all = searcher.search(request).facets->actor;
  EXPECT_EQ(all.values.size(), 3 + actors.more);
  EXPECT_EQ(all.more, 0u);
}

struct IntervalCase {
  std::string query;
  DateInterval interval;
  std::vector<std::string> buckets;  // the first ones expected
};

TEST_F(SearcherTest, DateHistogramBucketsByTheIntervalAsked) {
  Searcher searcher(index_);
  // The reports that name Martuni are dated 2020-09-27 and 2020-10-31.
  const IntervalCase cases[] = {
      {"مارتوني", DateInterval::Month, {"2020-09", "2020-10"}},
      {"مارتوني", DateInterval::Year, {"2020"}},
      // 2020-09-27 was a Sunday: its week starts on Monday 2020-09-21.
      {"مارتوني", DateInterval::Week, {"2020-09-21", "2020-10-26"}},
  };
  for (const IntervalCase& c : cases) {
    SearchRequest request{c.query, 0, 1, true};
    request.facet_options.interval = c.interval;
    SearchResult result = searcher.search(request);
    ASSERT_TRUE(result.facets);
    EXPECT_EQ(result.facets->interval, c.interval);
    std::vector<std::string> buckets;
    for (const DateBucket& b : result.facets->date)
      if (b.bucket && buckets.size() < c.buckets.size()) buckets.push_back(*b.bucket);
    EXPECT_EQ(buckets, c.buckets) << c.query << " " << date_interval_name(c.interval);
  }
  // Auto picks days for a short span and years for the whole corpus (2014 to 2025).
  SearchRequest shortspan{"مارتوني", 0, 1, true};
  EXPECT_EQ(searcher.search(shortspan).facets->interval, DateInterval::Day);
  SearchRequest everything{"date:1900-01-01..2100-01-01", 0, 1, true};
  EXPECT_EQ(searcher.search(everything).facets->interval, DateInterval::Year);
}

class Rollup : public SearcherTest, public testing::WithParamInterface<std::string> {};

TEST_P(Rollup, CountsAReportOnceTowardEachAncestor) {
  Searcher searcher(index_);
  // Brute force: each matching report's place ids with their ancestors, each once.
  std::map<std::string, Xapian::doccount> expected;
  const std::set<std::string> matches = match_ids(searcher, GetParam());
  Xapian::Database db(index_);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    if (!matches.contains(doc.get_value(schema::kIdSlot))) continue;
    std::set<std::string> ids;
    std::stringstream lines(doc.get_value(schema::kPlacesSlot));
    for (std::string id; std::getline(lines, id, schema::kListSeparator);) {
      ids.insert(id);
      for (const tag::Entity* e : searcher.gazetteer().lineage(id)) ids.insert(e->id);
    }
    for (const std::string& id : ids) ++expected[id];
  }
  SearchRequest request{GetParam(), 0, 1, true};
  request.mode = QueryMode::And;
  request.facet_options.size = 100'000;
  request.facet_options.rollup = true;
  EXPECT_EQ(as_map(searcher.search(request).facets->place), expected);
}

// في matches most reports: counted as the whole index less the reports it does not match.
INSTANTIATE_TEST_SUITE_P(Queries, Rollup, testing::Values("قتلى", "في", "claim:casualties"));

/** One hit per story is the ranking with each story's later reports left out, sliced: for words,
 *  for filters alone (whose matches weigh alike), by date, at any offset; and each hit's collapsed
 *  count is the rest of its story's matches. */
TEST_F(SearcherTest, CollapsingKeepsEachStorysBestReportOfTheRanking) {
  Searcher searcher(index_);
  const std::vector<std::string> queries = {"درنة", "ود مدني", "زابوريجيا", "سد الموصل", "date:2023-09-12..2023-09-13",
                                            "source:\"بوابة الحدث\" OR date:2014-08-19..2014-08-20", "story:b-038",
                                            "claim:casualties", "قتلى"};
  const std::vector<std::pair<Xapian::doccount, Xapian::doccount>> windows = {{0, 1}, {0, 3}, {1, 2}, {2, 5}, {0, 1000}};
  std::size_t stories_with_copies = 0;
  for (const std::string& query : queries) {
    for (SortOrder sort : {SortOrder::Relevance, SortOrder::Date, SortOrder::DateDescending}) {
      SearchRequest every{query, 0, 1000};
      every.sort = sort;
      const std::vector<SearchHit> ranking = searcher.search(every).hits;
      ASSERT_FALSE(ranking.empty()) << query;
      std::vector<std::string> firsts;  // the first report of each story, in the ranking's order
      std::map<std::string, Xapian::doccount> matching;  // by story
      std::set<std::string> seen;
      for (const SearchHit& hit : ranking) {
        ++matching[hit.story.id];
        if (seen.insert(hit.story.id).second) firsts.push_back(hit.id);
      }
      for (const auto& [story, n] : matching) stories_with_copies += n > 1;
      for (const auto& [offset, limit] : windows) {
        SearchRequest collapsed{query, offset, limit};
        collapsed.sort = sort;
        collapsed.collapse = true;
        std::vector<std::string> expected;
        for (std::size_t i = offset; i < firsts.size() && i < offset + limit; ++i) expected.push_back(firsts[i]);
        std::vector<std::string> got;
        for (const SearchHit& hit : searcher.search(collapsed).hits) {
          got.push_back(hit.id);
          EXPECT_EQ(hit.collapsed, matching[hit.story.id] - 1) << query << ": " << hit.id;
        }
        EXPECT_EQ(got, expected) << query << " (sort " << static_cast<int>(sort) << ", offset " << offset << ", limit " << limit << ")";
      }
    }
  }
  EXPECT_GT(stories_with_copies, 10u);  // the table meets copies, or it tests nothing
}

TEST_F(SearcherTest, RollupCountsAReportOnceTowardEachAncestor) {
  Searcher searcher(index_);
  SearchRequest request{"قتلى", 0, 10'000, true};
  request.facet_options.size = 100'000;
  std::map<std::string, Xapian::doccount> plain = as_map(searcher.search(request).facets->place);
  request.facet_options.rollup = true;
  SearchResult rolled = searcher.search(request);
  std::map<std::string, Xapian::doccount> up = as_map(rolled.facets->place);
  // Every child's reports reach its parent, and no report counts twice: a parent never exceeds the total.
  for (const auto& [id, count] : plain) {
    EXPECT_GE(up[id], count) << id;
    for (const tag::Entity* e : searcher.gazetteer().lineage(id)) EXPECT_GE(up[e->id], count) << id << " → " << e->id;
  }
  for (const auto& [id, count] : up) EXPECT_LE(count, rolled.total) << id;
  EXPECT_GT(up.size(), plain.size());
}

struct EntityFieldCase {
  std::string name;
  std::vector<std::string> same;  // queries that must give the same reports, the first the reference
  std::size_t at_least;           // reports the reference finds in the sample corpus
};

class EntityFields : public SearcherTest, public testing::WithParamInterface<EntityFieldCase> {};

TEST_P(EntityFields, IdAliasWithCliticsAndEnglishLabelFindTheSameReports) {
  const EntityFieldCase& c = GetParam();
  const std::vector<std::string> reference = ids(c.same.front());
  EXPECT_GE(reference.size(), c.at_least) << c.same.front();
  for (const std::string& query : c.same) EXPECT_EQ(ids(query), reference) << query;
}

INSTANTIATE_TEST_SUITE_P(
    Names, EntityFields,
    testing::Values(
        EntityFieldCase{"City", {"place:baku", "place:باكو", "place:بباكو", "place:وباكو", "place:Baku", "place:BAKU"}, 5},
        EntityFieldCase{"Region", {"place:nagorno-karabakh", "place:\"قره باغ\"", "place:\"Nagorno-Karabakh\"", "place:كاراباخ"}, 10},
        EntityFieldCase{"Ministry", {"actor:azerbaijani-mod", "actor:\"وزارة الدفاع الأذربيجانية\"",
                                     "actor:\"Azerbaijani Ministry of Defence\""}, 5},
        EntityFieldCase{"Group", {"actor:hamas", "actor:حماس", "actor:\"حركة حماس\"", "actor:Hamas"}, 5},
        EntityFieldCase{"Claimant", {"claimant:gaza-health-ministry", "claimant:\"وزارة الصحة في غزة\""}, 5},
        EntityFieldCase{"ClaimType", {"claim:casualties", "claim:Casualties"}, 50}),
    [](const auto& info) { return info.param.name; });

TEST_F(SearcherTest, AParentFindsTheReportsOfItsChildren) {
  auto baku = ids("place:baku");
  auto azerbaijan = ids("place:azerbaijan");
  ASSERT_FALSE(baku.empty());
  for (const std::string& id : baku) EXPECT_NE(std::find(azerbaijan.begin(), azerbaijan.end(), id), azerbaijan.end()) << id;
  EXPECT_GT(azerbaijan.size(), baku.size());
}

TEST_F(SearcherTest, TwoValuesOfOneFieldMustBothHold) {
  auto both = ids("actor:hamas actor:\"United Nations\"");
  auto hamas = ids("actor:hamas"), un = ids("actor:un");
  ASSERT_FALSE(both.empty());
  EXPECT_LT(both.size(), std::min(hamas.size(), un.size()));
  for (const std::string& id : both) {
    EXPECT_NE(std::find(hamas.begin(), hamas.end(), id), hamas.end()) << id;
    EXPECT_NE(std::find(un.begin(), un.end(), id), un.end()) << id;
  }
}

TEST_F(SearcherTest, AnUnknownNameIsAnErrorNamingTheClosestOnes) {
  Searcher searcher(index_);
  try {
    searcher.search({"place:باكوو"});
    FAIL() << "no error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("place:باكوو names no known entity"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("باكو"), std::string::npos) << e.what();
  }
  try {
    searcher.search({"claim:kill"});
    FAIL() << "no error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("casualties"), std::string::npos) << e.what();
  }
}

struct SpanCase {
  std::string text;
  std::optional<std::pair<std::string, std::string>> span;
};

/** The stored records of the sample corpus, by id, read back from the index. */
std::map<std::string, nlohmann::json> stored_records(const std::string& index) {
  Xapian::Database db(index);
  std::map<std::string, nlohmann::json> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    nlohmann::json record = nlohmann::json::parse(db.get_document(*it).get_data());
    out[record["id"]] = record;
  }
  return out;
}

TEST_F(SearcherTest, TitleIdAndExactFieldsFindWhatTheyName) {
  Searcher searcher(index_);
  const auto records = stored_records(index_);
  // title: only reports with the word in the title, all of them.
  std::set<std::string> titled;
  for (const auto& [id, r] : records)
    if (r["title"].get<std::string>().find("كاراباخ") != std::string::npos) titled.insert(id);
  ASSERT_GT(titled.size(), 2u);
  EXPECT_EQ(match_ids(searcher, "title:كاراباخ"), titled);
  EXPECT_GT(match_ids(searcher, "كاراباخ").size(), titled.size());
  // id: exactly that report.
  EXPECT_EQ(match_ids(searcher, "id:a-001"), (std::set<std::string>{"a-001"}));
  // exact: the word as written, clitics and all; its stem finds more.
  std::set<std::string> written;
  for (const auto& [id, r] : records)
    for (const char* key : {"title", "body"})
      if (std::string text = r[key].get<std::string>(); text.starts_with("للمدنيين") || text.find(" للمدنيين") != std::string::npos)
        written.insert(id);
  ASSERT_FALSE(written.empty());
  EXPECT_EQ(match_ids(searcher, "exact:للمدنيين"), written);
  EXPECT_GT(match_ids(searcher, "مدنيين").size(), written.size());
}

TEST_F(SearcherTest, MultiWordValuesNeedNoQuotes) {
  EXPECT_EQ(ids("هدنة source:صحيفة الأفق"), ids("هدنة source:\"صحيفة الأفق\""));
  EXPECT_EQ(ids("place:قره باغ قتلى"), ids("place:\"قره باغ\" قتلى"));
  EXPECT_FALSE(ids("place:قره باغ قتلى").empty());
}

TEST_F(SearcherTest, ALatinNameInFreeTextSearchesTheArabicAliases) {
  Searcher searcher(index_);
  const auto by_surname = match_ids(searcher, "Pashinyan");
  ASSERT_FALSE(by_surname.empty());
  EXPECT_EQ(by_surname, match_ids(searcher, "باشينيان OR \"نيكول باشينيان\""));
  EXPECT_EQ(by_surname, match_ids(searcher, "nikol pashinyan"));
  EXPECT_EQ(match_ids(searcher, "Stepanakert"), match_ids(searcher, "ستيباناكيرت OR ستيبانكيرت OR خانكندي"));
  EXPECT_EQ(match_ids(searcher, "Baku قصف"), match_ids(searcher, "باكو قصف"));
}

TEST_F(SearcherTest, QueryModesCombineWordsAsNamed) {
  Searcher searcher(index_);
  const std::string words = "باشينيان زنغيلان مارتوني";
  auto run = [&](QueryMode mode) {
    SearchRequest request{words, 0, 1000};
    request.mode = mode;
    return searcher.search(request);
  };
  auto id_set = [](const SearchResult& r) {
    std::set<std::string> out;
    for (const SearchHit& h : r.hits) out.insert(h.id);
    return out;
  };
  const auto every = id_set(run(QueryMode::And));
  const auto any = id_set(run(QueryMode::Or));
  EXPECT_TRUE(std::includes(any.begin(), any.end(), every.begin(), every.end()));
  EXPECT_GT(any.size(), every.size());
  EXPECT_EQ(id_set(run(QueryMode::OrAll)), any);
  EXPECT_EQ(id_set(run(QueryMode::OrNear)), any);
  EXPECT_EQ(id_set(run(QueryMode::OrTitle)), any);
  // No report names all three: and-or falls back to any word and says so.
  ASSERT_TRUE(every.empty());
  const SearchResult relaxed = run(QueryMode::AndOr);
  EXPECT_TRUE(relaxed.relaxed);
  EXPECT_EQ(relaxed.strict_total, 0u);
  EXPECT_EQ(id_set(relaxed), any);
  // With enough reports holding every word, and-or is and.
  const auto both = match_ids(searcher, "باشينيان زنغيلان");
  ASSERT_FALSE(both.empty());
  SearchRequest two{"باشينيان زنغيلان", 0, 1000};
  two.mode = QueryMode::AndOr;
  two.min_matches = static_cast<Xapian::doccount>(both.size());
  const SearchResult strict = searcher.search(two);
  EXPECT_FALSE(strict.relaxed);
  EXPECT_FALSE(strict.strict_total.has_value());
  EXPECT_EQ(id_set(strict), both);
  // With fewer than min_matches, any word will do, those with every word first.
  two.min_matches = static_cast<Xapian::doccount>(both.size()) + 1;
  const SearchResult filled = searcher.search(two);
  EXPECT_TRUE(filled.relaxed);
  EXPECT_EQ(filled.strict_total, both.size());
  ASSERT_GT(filled.hits.size(), both.size());
  for (std::size_t i = 0; i < both.size(); ++i) EXPECT_TRUE(both.contains(filled.hits[i].id)) << i;
  // A query with brackets or operators is taken as written.
  SearchRequest expert{"قتلى (place:armenia OR place:azerbaijan)", 0, 1000};
  expert.min_matches = 100'000;
  EXPECT_FALSE(searcher.search(expert).relaxed);
  // or-all ranks a report with every word above those with fewer.
  SearchRequest ranked{"باشينيان زنغيلان", 0, 1};
  ranked.mode = QueryMode::OrAll;
  ASSERT_EQ(searcher.search(ranked).hits.size(), 1u);
  EXPECT_TRUE(both.contains(searcher.search(ranked).hits[0].id));
}

TEST_F(SearcherTest, TheTitleBoostRanksReportsWithTheWordsInTheirTitleFirst) {
  Searcher searcher(index_);
  const auto records = stored_records(index_);
  SearchRequest request{"هدنة", 0, 1000};
  request.mode = QueryMode::OrTitle;
  const SearchResult result = searcher.search(request);
  // Every report with the word in its title comes before every report without it.
  bool seen_without = false;
  std::size_t with = 0;
  for (const SearchHit& hit : result.hits) {
    const bool in_title = records.at(hit.id)["title"].get<std::string>().find("هدن") != std::string::npos;
    if (in_title) {
      EXPECT_FALSE(seen_without) << hit.id;
      ++with;
    }
    seen_without = seen_without || !in_title;
  }
  EXPECT_GT(with, 2u);
  EXPECT_TRUE(seen_without);
}

TEST_F(SearcherTest, SnippetsMarkTheWordsOfPhrases) {
  Searcher searcher(index_);
  for (const SearchHit& hit : searcher.search({"\"وزارة الدفاع\"", 0, 5}).hits)
    EXPECT_NE(hit.snippet.find("[وزارة] [الدفاع]"), std::string::npos) << hit.id << ": " << hit.snippet;
}

TEST_F(SearcherTest, HitsCarryTheirActorsPlacesAndClaims) {
  Searcher searcher(index_);
  const auto records = stored_records(index_);
  for (const SearchHit& hit : searcher.search({"قتلى", 0, 20}).hits) {
    const nlohmann::json& r = records.at(hit.id);
    std::set<std::string> actors, places, claims;
    for (const auto& e : r["entities"])
      for (const auto& role : e["roles"]) (role == "actor" ? actors : places).insert(e["id"].get<std::string>());
    // The claim types a report is found and counted under: its current claims (not negated, not historical).
    for (const auto& c : r["claims"])
      if (c["negated"] == false && c["historical"] == false) claims.insert(c["type"].get<std::string>());
    auto as_vector = [](const std::set<std::string>& s) { return std::vector<std::string>(s.begin(), s.end()); };
    EXPECT_EQ(hit.actors, as_vector(actors)) << hit.id;
    EXPECT_EQ(hit.places, as_vector(places)) << hit.id;
    EXPECT_EQ(hit.claims, as_vector(claims)) << hit.id;
  }
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("قصف"), "قصف");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(CsvField, ATextASpreadsheetWouldRunAsAFormulaIsShownAsText) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+966 11"), "\"'+966 11\"");
  EXPECT_EQ(csv_field("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("\tcmd"), "\"'\tcmd\"");
  EXPECT_EQ(csv_field("قصف = دمار"), "قصف = دمار");  // only the first character counts
  EXPECT_EQ(csv_field(""), "");
}

TEST_F(SearcherTest, CsvHasAHeaderAndOneRowPerHit) {
  Searcher searcher(index_);
  SearchRequest request{"قتلى", 0, 7};
  const SearchResult result = searcher.search(request);
  std::ostringstream out;
  write_csv(out, request, result);
  // Rows end in CRLF; no field of ours holds one, so each CRLF ends a row.
  std::vector<std::string> rows;
  const std::string text = out.str();
  for (std::size_t start = 0, end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
    rows.push_back(text.substr(start, end - start));
  ASSERT_EQ(rows.size(), 1 + result.hits.size());
  EXPECT_EQ(rows[0], "rank,id,score,date,source,title,url,actors,places,claims,snippet");
  for (std::size_t i = 0; i < result.hits.size(); ++i)
    EXPECT_TRUE(rows[i + 1].starts_with(std::to_string(i + 1) + "," + result.hits[i].id + ",")) << rows[i + 1];
}

TEST(DateSpan, ReadsYearsMonthsAndDays) {
  const SpanCase cases[] = {
      {"2020", std::make_pair("20200101", "20201231")},
      {"2020-02", std::make_pair("20200201", "20200229")},  // a leap year
      {"2021-02", std::make_pair("20210201", "20210228")},
      {"2020-12", std::make_pair("20201201", "20201231")},
      {"2020-10-05", std::make_pair("20201005", "20201005")},
      {"2020-13", std::nullopt},
      {"2020-02-30", std::nullopt},
      {"20", std::nullopt},
      {"2020-1-5", std::nullopt},
      {"", std::nullopt},
  };
  for (const SpanCase& c : cases) EXPECT_EQ(date_span(c.text), c.span) << c.text;
}

TEST_F(SearcherTest, DateRangesMayBeOpenAndCoverWholeMonthsAndYears) {
  Searcher searcher(index_);
  auto dates = [&](const std::string& query) {
    std::vector<std::string> out;
    for (const SearchHit& hit : searcher.search({query, 0, 10'000}).hits) out.push_back(hit.date);
    return out;
  };
  const std::vector<std::string> all = dates("date:1900..2100");
  ASSERT_GT(all.size(), 100u);
  struct RangeCase {
    std::string query, from, to;  // the ISO dates every hit lies between
  };
  const RangeCase cases[] = {{"date:2020-10..", "2020-10-01", "9999-12-31"},
                             {"date:..2020", "0000-01-01", "2020-12-31"},
                             {"date:2020", "2020-01-01", "2020-12-31"},
                             {"date:2020-10", "2020-10-01", "2020-10-31"},
                             {"date:2020-09..2020-10", "2020-09-01", "2020-10-31"}};
  for (const RangeCase& c : cases) {
    const std::vector<std::string> got = dates(c.query);
    const auto expected = std::count_if(all.begin(), all.end(), [&](const std::string& d) { return d >= c.from && d <= c.to; });
    EXPECT_EQ(static_cast<std::ptrdiff_t>(got.size()), expected) << c.query;
    EXPECT_GT(got.size(), 0u) << c.query;
    for (const std::string& d : got) EXPECT_TRUE(d >= c.from && d <= c.to) << c.query << " " << d;
  }
  for (const std::string bad : {"date:2020-13..", "date:2021..2020", "date:..", "date:x"})
    EXPECT_THROW(searcher.search({bad}), QueryError) << bad;
}

TEST_F(SearcherTest, SortsByDateEitherWay) {
  Searcher searcher(index_);
  SearchRequest request{"قتلى", 0, 10'000};
  for (SortOrder order : {SortOrder::Date, SortOrder::DateDescending}) {
    request.sort = order;
    std::vector<std::string> dates;
    for (const SearchHit& hit : searcher.search(request).hits) dates.push_back(hit.date);
    ASSERT_GT(dates.size(), 10u);
    if (order == SortOrder::Date) EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end()));
    else EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend()));
  }
  EXPECT_THROW(parse_sort_order("newest"), ConfigError);
}

TEST(WithFilters, FlagsBecomeFieldsOfTheQuery) {
  struct Case {
    std::string query;
    QueryFilters filters;
    std::string expected;
  };
  const Case cases[] = {
      {"قتلى", {}, "قتلى"},
      {"قتلى", {.from = "2020-09", .to = "2020-10"}, "قتلى date:2020-09..2020-10"},
      {"", {.from = "2020"}, "date:2020.."},
      {"", {.to = "2020-10-05"}, "date:..2020-10-05"},
      {"هدنة", {.actors = {"Azerbaijan", "وزارة \"الدفاع\""}, .places = {"قره باغ"}},
       "هدنة actor:\"Azerbaijan\" actor:\"وزارة الدفاع\" place:\"قره باغ\""},
      {"", {.claims = {"casualties"}, .claimants = {"un"}, .sources = {"صحيفة الأفق"}},
       "claim:\"casualties\" claimant:\"un\" source:\"صحيفة الأفق\""},
  };
  for (const Case& c : cases) EXPECT_EQ(with_filters(c.query, c.filters), c.expected) << c.expected;
}

TEST_F(SearcherTest, EachFilterFlagTakesOneValueAndLeavesTheWordsToTheQuery) {
  const std::string search = std::string(MARSAD_BINARY_DIR) + "/searcher/marsad-search --db " + index_;
  for (const std::string& command : {search + " --json --claim casualties --claim attack place:nagorno-karabakh",
                                    search + " claims --json --claim casualties place:nagorno-karabakh"}) {
    const auto run = testing_support::run_command(command);
    ASSERT_EQ(run.status, 0) << command << "\n" << run.output;
    const nlohmann::json out = nlohmann::json::parse(run.output);
    EXPECT_TRUE(out["query"].get<std::string>().starts_with("place:nagorno-karabakh claim:\"casualties\"")) << out["query"];
  }
  const auto run = testing_support::run_command(search + " --json --limit 1 --claim casualties place:nagorno-karabakh");
  Searcher searcher(index_);
  EXPECT_EQ(nlohmann::json::parse(run.output)["total"]["value"],
            searcher.search({"place:nagorno-karabakh claim:casualties", 0, 1}).total);
}

TEST_F(SearcherTest, FilterFlagsGiveWhatTheFieldsGive) {
  QueryFilters filters{.from = "2020-09", .to = "2020-10", .actors = {"Azerbaijan"}};
  EXPECT_EQ(ids(with_filters("", filters)), ids("actor:azerbaijan date:2020-09..2020-10"));
  EXPECT_FALSE(ids(with_filters("", filters)).empty());
}

TEST_F(SearcherTest, EntitiesAreFoundByIdLabelOrAliasWithTheirReportCounts) {
  Searcher searcher(index_);
  struct Case {
    std::optional<tag::EntityKind> kind;
    std::string prefix;
    std::string expected_id;  // must be among the answers
  };
  const Case cases[] = {{tag::EntityKind::City, "baku", "baku"},
                        {tag::EntityKind::City, "باك", "baku"},
                        {std::nullopt, "AZER", "azerbaijan"},
                        {std::nullopt, "Nagorno", "nagorno-karabakh"},
                        {std::nullopt, "قره", "nagorno-karabakh"}};
  for (const Case& c : cases) {
    std::vector<EntityInfo> found = searcher.entities(c.kind, c.prefix);
    auto it = std::find_if(found.begin(), found.end(), [&](const EntityInfo& i) { return i.entity->id == c.expected_id; });
    ASSERT_NE(it, found.end()) << c.prefix;
    for (const EntityInfo& info : found) {
      if (c.kind) {
        EXPECT_EQ(info.entity->kind, *c.kind) << info.entity->id;
      }
    }
    for (std::size_t i = 1; i < found.size(); ++i)
      EXPECT_GE(found[i - 1].as_actor + found[i - 1].as_place, found[i].as_actor + found[i].as_place);
  }
  // The counts are the filters' counts.
  std::vector<EntityInfo> baku = searcher.entities(tag::EntityKind::City, "baku");
  ASSERT_EQ(baku.size(), 1u);
  EXPECT_EQ(baku[0].as_place, ids("place:baku").size());
  EXPECT_EQ(baku[0].as_actor, ids("actor:baku").size());
  EXPECT_TRUE(searcher.entities(tag::EntityKind::Camp, "baku").empty());
}

TEST_F(SearcherTest, StatsCountTheWholeIndex) {
  Searcher searcher(index_);
  FacetOptions options;
  options.size = 100'000;
  IndexStats stats = searcher.stats(options);
  EXPECT_EQ(stats.documents, Xapian::Database(index_).get_doccount());
  // The same as a search that matches every dated report, since every sample report is dated.
  SearchRequest all{"date:1900..2100", 0, 10'000, true};
  all.facet_options = options;
  SearchResult everything = searcher.search(all);
  ASSERT_EQ(everything.total, stats.documents);
  EXPECT_EQ(as_map(stats.facets.actor), as_map(everything.facets->actor));
  EXPECT_EQ(as_map(stats.facets.claim), as_map(everything.facets->claim));
  EXPECT_EQ(as_map(stats.facets.source), as_map(everything.facets->source));
  std::vector<std::string> dates;
  for (const SearchHit& hit : everything.hits) dates.push_back(hit.date);
  EXPECT_EQ(stats.first_date, *std::min_element(dates.begin(), dates.end()));
  EXPECT_EQ(stats.last_date, *std::max_element(dates.begin(), dates.end()));
  nlohmann::json out = stats_json(stats);
  EXPECT_EQ(out["documents"], stats.documents);
  EXPECT_EQ(out["first_date"], stats.first_date);
  EXPECT_TRUE(out["facets"].contains("claimant"));
}

TEST_F(SearcherTest, SnippetsMarkMatches) {
  Searcher searcher(index_);
  auto result = searcher.search({"بالخرطوم", 0, 1});
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_NE(result.hits[0].snippet.find("[الخرطوم]"), std::string::npos) << result.hits[0].snippet;
}

TEST_F(SearcherTest, AQueryOfFieldsAloneShowsTheOpeningOfEachBody) {
  // Nothing to mark: the snippet is the body's first words, cut after a whole word, as Xapian
  // would give it, without stemming the whole body.
  Searcher searcher(index_);
  const auto records = stored_records(index_);
  const SearchResult result = searcher.search({"place:armenia date:2020", 0, 5});
  ASSERT_FALSE(result.hits.empty());
  for (const SearchHit& hit : result.hits) {
    ASSERT_TRUE(hit.snippet.ends_with("…")) << hit.snippet;
    const std::string shown = hit.snippet.substr(0, hit.snippet.size() - std::string_view("…").size());
    std::string body = records.at(hit.id)["body"].get<std::string>();
    std::replace(body.begin(), body.end(), '\n', ' ');
    EXPECT_TRUE(body.starts_with(shown)) << hit.snippet;
    EXPECT_EQ(body[shown.size()], ' ') << hit.snippet;  // a whole word
    EXPECT_GT(shown.size(), 150u);
    EXPECT_LE(shown.size(), 200u);
    EXPECT_EQ(hit.snippet.find('['), std::string::npos) << hit.snippet;
  }
  // A word marks the passage that holds it.
  const SearchResult with_word = searcher.search({"place:armenia قتلى", 0, 5});
  EXPECT_TRUE(std::any_of(with_word.hits.begin(), with_word.hits.end(),
                          [](const SearchHit& hit) { return hit.snippet.find("[القتلى]") != std::string::npos; }));
}

TEST_F(SearcherTest, RefusesAnIndexBuiltWithOtherSettings) {
  EXPECT_THROW(Searcher(index_, text::AnalyzerSettings{text::StemmerKind::Snowball}), ConfigError);
  EXPECT_THROW(Searcher("/nonexistent/index"), InputError);
}

TEST_F(SearcherTest, EveryShardIsCheckedNotJustTheFirst) {
  // Xapian reads a combined database's metadata from its first shard: a second shard built otherwise
  // must be found all the same.
  struct Case {
    std::string key, value;
  };
  for (const Case& c : {Case{std::string(schema::kAnalysisKey), "stemmer=snowball"},
                        Case{std::string(schema::kSchemaVersionKey), "2"},
                        Case{std::string(schema::kGazetteerFingerprintKey), "0000"}}) {
    const fs::path copy = fs::path(testing::TempDir()) / ("searcher_shards_" + std::to_string(getpid()));
    fs::remove_all(copy);
    fs::copy(index_, copy, fs::copy_options::recursive);
    ASSERT_TRUE(fs::exists(copy / "shard-01"));
    EXPECT_NO_THROW(Searcher{copy.string()});
    EXPECT_NO_THROW(Searcher{fs::relative(copy).string()});  // shards are found from a relative path too
    {
      Xapian::WritableDatabase shard((copy / "shard-01").string(), Xapian::DB_OPEN);
      shard.set_metadata(c.key, c.value);
      shard.commit();
    }
    try {
      Searcher searcher(copy.string());
      ADD_FAILURE() << c.key << ": no error";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("shard-01"), std::string::npos) << e.what();
    }
    fs::remove_all(copy);
  }
}

TEST_F(SearcherTest, StopWordsAreConfigurable) {
  // "حيث" is a built-in stop word: dropped from free text, but indexed, so without a stop list
  // it must occur in the reports found.
  auto khartoum = ids("بالخرطوم");
  EXPECT_EQ(ids("حيث بالخرطوم"), khartoum);
  Searcher none(index_, {}, text::StopWordList());
  SearchRequest both_words{"حيث بالخرطوم", 0, 1000};
  both_words.mode = QueryMode::And;
  auto with_haythu = none.search(both_words).hits.size();
  EXPECT_GT(with_haythu, 0u);
  EXPECT_LT(with_haythu, khartoum.size());
  Searcher mine(index_, {}, text::StopWordList::from_text("قوات\n"));
  EXPECT_EQ(mine.search({"بالخرطوم قوات", 0, 1000}).hits.size(), ids("بالخرطوم").size());
}

TEST_F(SearcherTest, BadQueriesAreQueryErrors) {
  Searcher searcher(index_);
  // An open range is a query now (date:2020..); a date that does not exist is not.
  EXPECT_NO_THROW(searcher.search({"date:2020..", 0, 10}));
  EXPECT_THROW(searcher.search({"date:2020-02-30..", 0, 10}), QueryError);
}

TEST_F(SearcherTest, EveryReportOfTheSampleCorpusCarriesActorsAndPlaces) {
  Xapian::Database db(index_);
  ASSERT_GT(db.get_doccount(), 100u);
  std::vector<std::string> without_actors, without_places;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    const std::string id = doc.get_value(schema::kIdSlot);
    if (doc.get_value(schema::kActorsSlot).empty()) without_actors.push_back(id);
    if (doc.get_value(schema::kPlacesSlot).empty()) without_places.push_back(id);
  }
  auto list = [](const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += id + " ";
    return s;
  };
  EXPECT_TRUE(without_actors.empty()) << "no actor: " << list(without_actors);
  EXPECT_TRUE(without_places.empty()) << "no place: " << list(without_places);
}

TEST_F(SearcherTest, PlacesRollUpToTheirCountry) {
  Xapian::Database db(index_);
  // Aden and Taiz are in Yemen: a report tagged with either also has Yemen's place term.
  for (const char* town : {"aden", "taiz"}) {
    const std::string term = schema::term(schema::kPlacePrefix, town);
    ASSERT_GT(db.get_termfreq(term), 0u) << town;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      Xapian::TermIterator t = db.termlist_begin(*it);
      t.skip_to(schema::term(schema::kPlacePrefix, "yemen"));
      EXPECT_TRUE(t != db.termlist_end(*it) && *t == schema::term(schema::kPlacePrefix, "yemen")) << town;
    }
  }
}

TEST(SearcherGazetteer, QueriesUseTheGazetteerTheIndexWasTaggedWith) {
  const fs::path dir = fs::path(testing::TempDir()) / ("searcher_gazetteer_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "mine.tsv") << "id\tkind\tparent\tarabic\tenglish\tnisba\n"
                                  << "wadi-al-qamar\ttown\tyemen\tوادي القمر\tWadi al-Qamar\t\n";
  std::ofstream(dir / "reports.jsonl")
      << R"({"id":"w1","date":"2015-08-01","title":"قصف","body":"قتل ثلاثة مدنيين في قصف على وادي القمر أمس."})" << "\n";
  const std::string index = (dir / "db").string();
  const std::string command = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --db " + index +
                              " --gazetteer " + (dir / "mine.tsv").string() + " " + (dir / "reports.jsonl").string() +
                              " > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);

  Searcher searcher(index);
  ASSERT_NE(searcher.gazetteer().find("wadi-al-qamar"), nullptr);
  EXPECT_TRUE(searcher.tagged());
  Xapian::Database db(index);
  EXPECT_EQ(db.get_termfreq(schema::term(schema::kPlacePrefix, "wadi-al-qamar")), 1u);
  EXPECT_EQ(db.get_termfreq(schema::term(schema::kPlacePrefix, "yemen")), 1u);

  // Adding to the index without the same gazetteer is refused: its terms would differ.
  const std::string again = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --db " + index + " " +
                            (dir / "reports.jsonl").string() + " > /dev/null 2>&1";
  EXPECT_NE(std::system(again.c_str()), 0);
  fs::remove_all(dir);
}

/** Writes `count` reports whose bodies carry `round`, so that each round replaces every document. */
void write_reports(const std::string& path, int count, int round) {
  std::ofstream out(path);
  for (int i = 0; i < count; ++i) {
    out << R"({"id":"r)" << i << R"(","date":"2020-01-01","title":"تقرير )" << i << R"(","body":")";
    for (int w = 0; w < 40; ++w) out << "قصف مدفعي على المدينة في الجولة " << round << " والتقرير " << i << " ";
    out << "\"}\n";
  }
}

TEST(SearcherWhileIndexing, SearchesNeverFailWhileAnIndexerCommits) {
  const fs::path dir = fs::path(testing::TempDir()) / ("searcher_live_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string index = (dir / "db").string(), input = (dir / "reports.jsonl").string();
  const std::string indexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --shards 1 --db " + index + " ";
  write_reports(input, 2000, 0);
  ASSERT_EQ(std::system((indexer + input + " > /dev/null 2>&1").c_str()), 0);

  // Every round rewrites every document, committing every 20: many revisions while we read.
  const std::string round_file = (dir / "round-$r.jsonl").string();
  const std::string rounds = "for r in 1 2 3; do sed \"s/الجولة [0-9]*/الجولة $r/g\" " + input + " > " + round_file + " && " +
                             indexer + "--batch 20 " + round_file + " > /dev/null 2>&1 || exit 1; done";
  FILE* writer = popen(rounds.c_str(), "r");
  ASSERT_NE(writer, nullptr);
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    char buffer[256];
    while (std::fread(buffer, 1, sizeof buffer, writer) > 0) {
    }
    done = true;
  });
  Searcher searcher(index);
  int searches = 0, failures = 0;
  std::string first_failure;
  while (!done) {
    try {
      auto result = searcher.search({"قصف المدينة", 0, 50});
      EXPECT_FALSE(result.hits.empty());
      // The claims view reads every matching record: it must survive commits as well.
      if (searches % 4 == 0) {
        EXPECT_EQ(searcher.claims({"قصف id:r7 OR id:r70 OR id:r700"}).reports, 3u);
      }
    } catch (const Xapian::Error& e) {
      if (failures++ == 0) first_failure = e.get_description();
    }
    ++searches;
  }
  waiter.join();
  EXPECT_EQ(pclose(writer), 0);
  EXPECT_GT(searches, 10);
  EXPECT_EQ(failures, 0) << failures << " of " << searches << " searches failed, first: " << first_failure;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace marsad::searcher

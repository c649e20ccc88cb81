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

}  // namespace
}  // namespace marsad::searcher

// End-to-end: marsad-index groups copies of one dispatch into stories, keeps them across runs and
// names a story after its earliest report.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "tests/support/run_command.h"
#include "tests/support/wire_copies.h"

namespace fs = std::filesystem;

namespace {

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index";

using namespace marsad::testing_support::wire;

struct Report {
  std::string id, date, source, body;
};

void write_reports(const fs::path& path, const std::vector<Report>& reports) {
  std::ofstream out(path);
  for (const Report& r : reports)
    out << nlohmann::json{{"id", r.id}, {"date", r.date}, {"source", r.source}, {"title", "قافلة"}, {"body", r.body}}.dump()
        << '\n';
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / "marsad_stories" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

marsad::testing_support::CommandResult index(const fs::path& db, const std::string& args) {
  return marsad::testing_support::run_command(kIndexer + " --quiet --db " + db.string() + " " + args);
}

/** The story of each report of the index. */
std::map<std::string, std::string> stories(const fs::path& db) {
  std::map<std::string, std::string> out;
  Xapian::Database d(db.string());
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    Xapian::Document doc = d.get_document(*it);
    out[doc.get_value(marsad::schema::kIdSlot)] = doc.get_value(marsad::schema::kStorySlot);
  }
  return out;
}

const std::vector<Report> kWire = {
    {"wire-a", "2024-03-05", "وكالة سبأ", kDispatch},
    {"wire-b", "2024-03-05", "صحيفة الأيام", "مأرب - خاص: " + kLead + kMiddle},  // a dateline, the last paragraph cut
    {"wire-c", "2024-03-06", "موقع المصدر", kLead + "وأكد شهود وصول الشاحنات ظهرا. " + kMiddle + kEnd},  // a sentence added
    {"other", "2024-03-05", "صحيفة الأيام", kOther},
    {"weeks-later", "2024-03-27", "وكالة سبأ", "مأرب - سبأ: " + kDispatch},  // the same wording weeks later: another story
};

TEST(Stories, CopiesOfOneDispatchShareTheStoryOfTheEarliest) {
  const fs::path dir = scratch("copies");
  write_reports(dir / "wire.jsonl", kWire);
  auto r = index(dir / "db", (dir / "wire.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("copies           2 "), std::string::npos) << r.output;
  const auto story = stories(dir / "db");
  EXPECT_EQ(story.at("wire-a"), "wire-a");
  EXPECT_EQ(story.at("wire-b"), "wire-a");
  EXPECT_EQ(story.at("wire-c"), "wire-a");
  EXPECT_EQ(story.at("other"), "other");
  EXPECT_EQ(story.at("weeks-later"), "weeks-later");
  // The story is a term too: story:ID finds its reports.
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_termfreq(marsad::schema::term(marsad::schema::kStoryPrefix, "wire-a")), 3u);

  auto info = marsad::testing_support::run_command(kIndexer + " --db " + (dir / "db").string() + " --info");
  EXPECT_NE(info.output.find("stories        3 (1 with copies, holding 3 reports)"), std::string::npos) << info.output;
  EXPECT_NE(info.output.find("         3  wire-a  2024-03-05  وكالة سبأ"), std::string::npos) << info.output;
}

TEST(Stories, ALaterRunJoinsStoriesAndAnEarlierCopyRenamesItsStory) {
  const fs::path dir = scratch("later");
  write_reports(dir / "first.jsonl", {kWire[0], kWire[1]});
  ASSERT_EQ(index(dir / "db", (dir / "first.jsonl").string()).status, 0);
  // A copy dated the day before arrives later: the story takes its id, the reports already written too.
  write_reports(dir / "second.jsonl", {{"wire-0", "2024-03-04", "إذاعة الساحل", kLead + kMiddle + kEnd + kLead}, kWire[2]});
  auto r = index(dir / "db", (dir / "second.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  auto story = stories(dir / "db");
  for (const char* id : {"wire-0", "wire-a", "wire-b", "wire-c"}) EXPECT_EQ(story.at(id), "wire-0") << id;

  // Running both inputs again changes nothing.
  auto again = index(dir / "db", (dir / "first.jsonl").string() + " " + (dir / "second.jsonl").string());
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("unchanged        4"), std::string::npos) << again.output;
  EXPECT_EQ(stories(dir / "db"), story);
}

TEST(Stories, AReportThatResemblesTwoVersionsOfADispatchJoinsTheirStories) {
  const fs::path dir = scratch("merge");
  // Two versions that share one paragraph in five: two stories at first.
  write_reports(dir / "versions.jsonl", {{"early", "2024-03-05", "وكالة سبأ", kLead + kMiddle + kEnd},
                                         {"earlier", "2024-03-04", "صحيفة الأيام", kEnd + kFourth + kFifth}});
  ASSERT_EQ(index(dir / "db", (dir / "versions.jsonl").string()).status, 0);
  auto story = stories(dir / "db");
  ASSERT_EQ(story.at("early"), "early");
  ASSERT_EQ(story.at("earlier"), "earlier");
  // A third that shares two paragraphs with each makes them one story, named after the earliest.
  write_reports(dir / "bridge.jsonl", {{"bridge", "2024-03-05", "موقع المصدر", kMiddle + kEnd + kFourth}});
  auto r = index(dir / "db", (dir / "bridge.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  story = stories(dir / "db");
  for (const char* id : {"early", "earlier", "bridge"}) EXPECT_EQ(story.at(id), "earlier") << id;
}

TEST(Stories, ADigestOfTwoUnrelatedDispatchesJoinsOneAndMergesNothing) {
  const fs::path dir = scratch("digest");
  write_reports(dir / "day.jsonl", {{"wire-a", "2024-03-05", "وكالة سبأ", kDispatch},
                                    {"other", "2024-03-05", "صحيفة الأيام", kOther},
                                    {"digest", "2024-03-06", "موقع المصدر", kOther + kDispatch}});
  auto r = index(dir / "db", (dir / "day.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto story = stories(dir / "db");
  EXPECT_EQ(story.at("wire-a"), "wire-a");
  EXPECT_EQ(story.at("other"), "other");
  EXPECT_TRUE(story.at("digest") == "wire-a" || story.at("digest") == "other") << story.at("digest");
}

TEST(Stories, ACopyOfAStorysMergedInFirstReportJoinsItInThisRunAndLaterOnes) {
  const fs::path dir = scratch("heads");
  write_reports(dir / "versions.jsonl", {{"early", "2024-03-05", "وكالة سبأ", kLead + kMiddle + kEnd},
                                         {"earlier", "2024-03-04", "صحيفة الأيام", kEnd + kFourth + kFifth}});
  ASSERT_EQ(index(dir / "db", (dir / "versions.jsonl").string()).status, 0);
  // The bridge merges the two stories under "earlier"; a copy of "early" that shares nothing with
  // "earlier" still joins, in the same run (the merge is not committed yet) and in the next one.
  const std::string copy_of_early = "مأرب - خاص: " + kLead + kMiddle;
  write_reports(dir / "bridge.jsonl", {{"bridge", "2024-03-05", "موقع المصدر", kMiddle + kEnd + kFourth},
                                       {"copy-1", "2024-03-06", "صحيفة الثورة", copy_of_early}});
  auto r = index(dir / "db", (dir / "bridge.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  write_reports(dir / "later.jsonl", {{"copy-2", "2024-03-06", "موقع عدن", copy_of_early + "انتهى."}});
  r = index(dir / "db", (dir / "later.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  auto story = stories(dir / "db");
  for (const char* id : {"early", "earlier", "bridge", "copy-1", "copy-2"}) EXPECT_EQ(story.at(id), "earlier") << id;
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_termfreq(std::string(marsad::schema::kStoryHeadTerm)), 1u);  // "early"
  // "early" indexed again with another title but the same body stays a head.
  {
    std::ofstream out(dir / "retitled.jsonl");
    out << nlohmann::json{{"id", "early"}, {"date", "2024-03-05"}, {"source", "وكالة سبأ"}, {"title", "وصول قافلة"},
                          {"body", kLead + kMiddle + kEnd}}.dump()
        << '\n';
  }
  r = index(dir / "db", (dir / "retitled.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("updated          1"), std::string::npos) << r.output;
  write_reports(dir / "last.jsonl", {{"copy-3", "2024-03-07", "موقع تعز", "تعز - خاص: " + kLead + kMiddle}});
  ASSERT_EQ(index(dir / "db", (dir / "last.jsonl").string()).status, 0);
  EXPECT_EQ(stories(dir / "db").at("copy-3"), "earlier");
}

TEST(Stories, TheStoriesDoNotDependOnHowManyThreadsAnalyse) {
  // Versions of two dispatches in many small batches: which earlier reports the clusterer finds in
  // the index, and which in memory, must not depend on how fast the writers commit.
  const fs::path dir = scratch("threads");
  const std::vector<std::string> paragraphs = {kLead, kMiddle, kEnd, kFourth, kFifth, kOther};
  std::vector<Report> reports;
  for (int i = 0; i < 36; ++i) {
    std::string body = "مأرب - " + std::to_string(i) + ": ";
    for (int k = 0; k < 3; ++k) body += paragraphs[(i + k * (1 + i % 2)) % paragraphs.size()];
    reports.push_back({"r" + std::to_string(i), "2024-03-0" + std::to_string(1 + i % 4), "وكالة " + std::to_string(i % 5), body});
  }
  write_reports(dir / "versions.jsonl", reports);
  ASSERT_EQ(index(dir / "one", "--threads 1 --batch 2 " + (dir / "versions.jsonl").string()).status, 0);
  const auto expected = stories(dir / "one");
  std::set<std::string> distinct;
  for (const auto& [id, story] : expected) distinct.insert(story);
  ASSERT_GT(expected.size(), distinct.size());  // some reports were put together
  for (int run = 0; run < 3; ++run) {
    const fs::path db = dir / ("two-" + std::to_string(run));
    ASSERT_EQ(index(db, "--threads 2 --batch 2 " + (dir / "versions.jsonl").string()).status, 0);
    EXPECT_EQ(stories(db), expected) << run;
  }
}

TEST(Stories, WithoutStoriesEachReportIsItsOwnAndTheIndexRemembers) {
  const fs::path dir = scratch("off");
  write_reports(dir / "wire.jsonl", kWire);
  auto r = index(dir / "db", "--no-stories " + (dir / "wire.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output.find("copies "), std::string::npos) << r.output;
  for (const auto& [id, story] : stories(dir / "db")) EXPECT_EQ(story, id);
  // Adding to it with stories on would mix two ways of grouping.
  auto mixed = index(dir / "db", (dir / "wire.jsonl").string());
  EXPECT_EQ(mixed.status, 1) << mixed.output;
  EXPECT_NE(mixed.output.find("was built with --no-stories; add to it with --no-stories too"), std::string::npos)
      << mixed.output;
  auto other_thresholds = index(dir / "db2", (dir / "wire.jsonl").string());
  ASSERT_EQ(other_thresholds.status, 0);
  auto refused = index(dir / "db2", "--copy-days 5 " + (dir / "wire.jsonl").string());
  EXPECT_EQ(refused.status, 1) << refused.output;
  EXPECT_NE(refused.output.find("rebuild it"), std::string::npos) << refused.output;
}

}  // namespace

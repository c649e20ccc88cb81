// End-to-end: the marsad-index executable on corpora the tests write, including interruption.
#include <gtest/gtest.h>

#include "tests/support/run_command.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <set>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/schema.h"

namespace fs = std::filesystem;

namespace {

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index";
const std::string kSearch = std::string(MARSAD_BINARY_DIR) + "/searcher/marsad-search";

struct Result {
  int status;
  std::string out;
};

Result run(const std::string& args) {
  auto r = marsad::testing_support::run_command(kIndexer + " " + args);
  return {r.status, r.output};
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / "marsad_index" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/** n reports with distinct bodies, in JSONL. */
void write_corpus(const fs::path& path, int n, int first = 0) {
  const char* words[] = {"قصف", "الجيش", "مواقع", "في", "حلب", "وأعلنت", "المعارضة", "مقتل", "مدنيين", "بالغارات",
                         "ودعا", "الوسيط", "إلى", "وقف", "إطلاق", "النار", "بغزة", "وباكو", "لأرمينيا", "هدنة"};
  std::ofstream out(path);
  for (int i = first; i < first + n; ++i) {
    std::string body;
    for (int w = 0; w < 60; ++w) body += std::string(words[(i * 7 + w * 3) % 20]) + " ";
    body += "رقم " + std::to_string(i);
    nlohmann::json record{{"id", "r-" + std::to_string(i)}, {"title", std::string("تقرير ") + std::to_string(i)},
                          {"body", body},   {"date", "2023-10-" + std::to_string(10 + i % 20)},
                          {"source", i % 2 ? "صحيفة الأفق" : "إذاعة الساحل"}};
    out << record.dump() << '\n';
  }
}

std::size_t doccount(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

TEST(MarsadIndex, IndexesTheSampleCorpusAndReportsIt) {
  auto dir = scratch("sample");
  Result r = run("--db " + (dir / "db").string() + " --quiet " + MARSAD_SOURCE_DIR + "/corpus/reports.jsonl");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("indexed (new)    172"), std::string::npos) << r.out;
  EXPECT_EQ(doccount(dir / "db"), 172u);
  Result info = run("--db " + (dir / "db").string() + " --info");
  EXPECT_EQ(info.status, 0);
  EXPECT_NE(info.out.find("documents      172"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("صحيفة الأفق"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("stemmer=light"), std::string::npos);
  // What tagging found: claim types, actors, places and claimants with their document counts.
  for (const char* line : {"claim types    ", "actors         ", "places         ", "claimants      "})
    EXPECT_NE(info.out.find(line), std::string::npos) << line << "\n" << info.out;
  EXPECT_NE(info.out.find("  casualties\n"), std::string::npos) << info.out;
  // The wire copies (w-001…w-009) join the four agency dispatches they carry; w-010, of the day and
  // city of d-027, stays alone.
  EXPECT_NE(r.out.find("copies           9 "), std::string::npos) << r.out;
  EXPECT_NE(info.out.find("stories        163 (4 with copies, holding 13 reports)"), std::string::npos) << info.out;
  for (const char* line : {"         4  b-038  2023-09-12", "         3  a-034  2022-09-01", "         3  c-030  2023-12-19",
                           "         3  d-027  2014-08-19"})
    EXPECT_NE(info.out.find(line), std::string::npos) << line << "\n" << info.out;
  const Xapian::Database db((dir / "db").string());
  auto story_size = [&](const char* id) { return db.get_termfreq(marsad::schema::term(marsad::schema::kStoryPrefix, id)); };
  EXPECT_EQ(story_size("d-027"), 3u);
  EXPECT_EQ(story_size("w-010"), 1u);
}

/** The record ids an index holds, shard by shard. */
std::vector<std::set<std::string>> ids_by_shard(const fs::path& index) {
  std::vector<std::set<std::string>> shards;
  for (const auto& entry : std::filesystem::directory_iterator(index)) {
    if (!entry.is_directory()) continue;
    Xapian::Database shard(entry.path().string());
    std::set<std::string>& ids = shards.emplace_back();
    for (auto it = shard.allterms_begin("Q"); it != shard.allterms_end("Q"); ++it) ids.insert((*it).substr(1));
  }
  return shards;
}

TEST(MarsadIndex, PartitionsHoldEveryRecordOnceAndTheSameOnesOnEveryRun) {
  auto dir = scratch("partitions");
  const std::string corpus = std::string(MARSAD_SOURCE_DIR) + "/corpus/reports.jsonl";
  std::set<std::string> all;
  std::size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    const fs::path db = dir / ("p" + std::to_string(k));
    Result r = run("--db " + db.string() + " --quiet --shards 2 --partition " + std::to_string(k) + "/3 " + corpus);
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("other partitions "), std::string::npos) << r.out;
    const auto shards = ids_by_shard(db);
    ASSERT_EQ(shards.size(), 2u);
    // A partition's records still spread over both of its shards.
    EXPECT_GT(shards[0].size(), 10u);
    EXPECT_GT(shards[1].size(), 10u);
    for (const auto& ids : shards) {
      total += ids.size();
      all.insert(ids.begin(), ids.end());
    }
    // Again, into a new index: the same records.
    const fs::path again = dir / ("again" + std::to_string(k));
    ASSERT_EQ(run("--db " + again.string() + " --quiet --shards 2 --partition " + std::to_string(k) + "/3 " + corpus).status, 0);
    auto ids = [](const std::vector<std::set<std::string>>& shards) {
      std::set<std::string> out;
      for (const auto& s : shards) out.insert(s.begin(), s.end());
      return out;
    };
    EXPECT_EQ(ids(ids_by_shard(again)), ids(shards));
  }
  EXPECT_EQ(total, 172u);  // each record in one partition only
  EXPECT_EQ(all.size(), 172u);
  for (const std::string bad : {"0/2", "3/2", "1/0", "2", "a/b", "1/2/3"}) {
    Result r = run("--db " + (dir / "bad").string() + " --partition " + bad + " " + corpus);
    EXPECT_EQ(r.status, 1) << bad;
    EXPECT_NE(r.out.find("K/N"), std::string::npos) << r.out;
  }
}

TEST(MarsadIndex, AnIndexHoldsOnePartitionAndRefusesRunsForAnother) {
  auto dir = scratch("partition-kept");
  const std::string corpus = std::string(MARSAD_SOURCE_DIR) + "/corpus/reports.jsonl";
  const std::string db = (dir / "p1").string(), whole = (dir / "whole").string();
  ASSERT_EQ(run("--db " + db + " --quiet --partition 1/2 " + corpus).status, 0);
  ASSERT_EQ(run("--db " + whole + " --quiet " + corpus).status, 0);
  EXPECT_NE(run("--db " + db + " --info").out.find("partition      1/2 of its input"), std::string::npos);
  EXPECT_EQ(run("--db " + whole + " --info").out.find("\npartition "), std::string::npos);
  struct Case {
    std::string index, option, says;
  };
  for (const Case& c : {Case{db, "--partition 2/2", "holds partition 1/2 of its input, not partition 2/2; add to it with --partition 1/2"},
                        Case{db, "--partition 1/3", "not partition 1/3"},
                        Case{db, "", "not the whole input; add to it with --partition 1/2"},
                        Case{whole, "--partition 1/2", "holds all of its input, not partition 1/2; add to it without --partition"}}) {
    const Result r = run("--db " + c.index + " --quiet " + c.option + " " + corpus);
    EXPECT_EQ(r.status, 1) << c.option << ": " << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.option << ": " << r.out;
  }
  // The same partition again adds to it.
  const Result again = run("--db " + db + " --partition 1/2 " + corpus);
  EXPECT_EQ(again.status, 0) << again.out;
  EXPECT_NE(again.out.find("unchanged"), std::string::npos) << again.out;
}

TEST(MarsadIndex, AReportWhoseBodyChangedFreesItsOldBodyForANewRecord) {
  auto dir = scratch("changed-body");
  const std::string db = (dir / "db").string();
  std::ofstream(dir / "first.jsonl") << R"({"id":"a","date":"2021-01-01","body":"قصف مدفعي على حي الشيخ مقصود في حلب."})" << "\n";
  ASSERT_EQ(run("--db " + db + " --quiet " + (dir / "first.jsonl").string()).status, 0);
  // a's body changes; c arrives with a's old body: it copies no report of the index any more.
  std::ofstream(dir / "second.jsonl") << R"({"id":"a","date":"2021-01-01","body":"غارة جوية على ريف إدلب الجنوبي."})" << "\n"
                                      << R"({"id":"c","date":"2021-01-02","body":"قصف مدفعي على حي الشيخ مقصود في حلب."})" << "\n";
  Result r = run("--db " + db + " --quiet " + (dir / "second.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("indexed (new)    1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("updated          1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("duplicates       0"), std::string::npos) << r.out;
  EXPECT_EQ(doccount(dir / "db"), 2u);
  // Within one run too: a record that comes back with another body frees the first one.
  std::ofstream(dir / "third.jsonl") << R"({"id":"d","date":"2021-01-03","body":"نص أول عن القتال."})" << "\n"
                                     << R"({"id":"d","date":"2021-01-03","body":"نص ثان عن القتال."})" << "\n"
                                     << R"({"id":"e","date":"2021-01-04","body":"نص أول عن القتال."})" << "\n";
  r = run("--db " + db + " --quiet " + (dir / "third.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("duplicates       0"), std::string::npos) << r.out;
  EXPECT_EQ(doccount(dir / "db"), 4u);
}

TEST(MarsadIndex, NoTaggingIndexesWordsOnlyAndSaysSo) {
  auto dir = scratch("no-tagging");
  Result r = run("--db " + (dir / "db").string() + " --quiet --no-tagging " + MARSAD_SOURCE_DIR + "/corpus/reports.jsonl");
  ASSERT_EQ(r.status, 0) << r.out;
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.allterms_begin("XACT"), db.allterms_end("XACT"));
  EXPECT_EQ(db.allterms_begin("XCLM"), db.allterms_end("XCLM"));
  Result info = run("--db " + (dir / "db").string() + " --info");
  EXPECT_NE(info.out.find("tagging        off"), std::string::npos) << info.out;
  // Adding to it with tagging would mix documents of two kinds.
  Result tagged = run("--db " + (dir / "db").string() + " --quiet " + MARSAD_SOURCE_DIR + "/corpus/reports.jsonl");
  EXPECT_EQ(tagged.status, 1);
  EXPECT_NE(tagged.out.find("--no-tagging"), std::string::npos) << tagged.out;
}

TEST(MarsadIndex, ABadGazetteerFileIsOneLineNamingItsLineAndWritesNothing) {
  auto dir = scratch("bad-gazetteer");
  std::ofstream(dir / "mine.tsv") << "id\tkind\tparent\tarabic\tenglish\tnisba\n"
                                  << "wadi-x\ttown\tno-such-parent\tوادي\tWadi\t\n"
                                  << "Bad Id\ttown\t\tوادي\tWadi\t\n";
  Result r = run("--db " + (dir / "db").string() + " --gazetteer " + (dir / "mine.tsv").string() + " " +
                 MARSAD_SOURCE_DIR + "/corpus/reports.jsonl");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("mine.tsv:3:"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_FALSE(fs::exists(dir / "db"));
  Result both = run("--db " + (dir / "db").string() + " --no-tagging --gazetteer " + (dir / "mine.tsv").string() + " x");
  EXPECT_EQ(both.status, 1);
}

TEST(MarsadIndex, ReindexingIsIdempotentAndUpdatesInPlace) {
  auto dir = scratch("idempotent");
  write_corpus(dir / "a.jsonl", 50);
  ASSERT_EQ(run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string()).status, 0);
  Result again = run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string());
  EXPECT_NE(again.out.find("unchanged        50"), std::string::npos) << again.out;
  // Change one record: it is updated, not added.
  std::ofstream(dir / "b.jsonl") << R"({"id": "r-3", "title": "جديد", "body": "نص معدل تماما"})" << '\n';
  Result update = run("--db " + (dir / "db").string() + " " + (dir / "b.jsonl").string());
  EXPECT_NE(update.out.find("updated          1"), std::string::npos) << update.out;
  EXPECT_EQ(doccount(dir / "db"), 50u);
}

TEST(MarsadIndex, ExactDuplicatesAreKeptOnceWithTheirIds) {
  auto dir = scratch("duplicates");
  std::ofstream(dir / "d.jsonl") << R"({"id": "one", "body": "قصف الجيش مواقع في حلب"})" << '\n'
                                 << R"({"id": "two", "body": "قَصفَ الجيشُ مواقعَ في حلب.", "source": "الأفق", "date": "2023-10-12"})" << '\n'
                                 << R"({"id": "three", "body": "نص آخر"})" << '\n';
  Result r = run("--db " + (dir / "db").string() + " " + (dir / "d.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("duplicates       1"), std::string::npos) << r.out;
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_doccount(), 2u);
  auto data = nlohmann::json::parse(db.get_document(*db.postlist_begin("Qone")).get_data());
  // With its source and date, so that a story counts the outlet that carried it.
  EXPECT_EQ(data["duplicates"], nlohmann::json::parse(R"([{"id": "two", "source": "الأفق", "date": "2023-10-12"}])"));
  // --keep-duplicates indexes both.
  Result all = run("--db " + (dir / "db2").string() + " --keep-duplicates " + (dir / "d.jsonl").string());
  EXPECT_EQ(doccount(dir / "db2"), 3u);
}

TEST(MarsadIndex, BadRecordsAreSkippedCountedAndNamed) {
  auto dir = scratch("bad");
  std::ofstream(dir / "x.jsonl", std::ios::binary) << R"({"id": "a", "body": "صحيح"})" << '\n'
                                                   << R"({"id": "b", "body": )" << '\n'
                                                   << R"({"id": "c", "title": "بلا نص"})" << '\n'
                                                   << "{\"id\": \"d\", \"body\": \"\xff\xfe\"}\n";
  Result r = run("--db " + (dir / "db").string() + " " + (dir / "x.jsonl").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("x.jsonl:2: malformed JSON line, skipped"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("x.jsonl:3:"), std::string::npos) << r.out;  // a title alone is a report
  EXPECT_NE(r.out.find("x.jsonl:4: invalid UTF-8 at byte offset 21 of the line, replaced"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("skipped          1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid UTF-8 (repaired) 1"), std::string::npos) << r.out;
  EXPECT_EQ(doccount(dir / "db"), 3u);
}

TEST(MarsadIndex, StrictStopsAtTheFirstBadRecordWithExitCode2) {
  auto dir = scratch("strict");
  std::ofstream(dir / "x.jsonl") << R"({"id": "a", "body": "صحيح"})" << '\n' << "not json\n" << R"({"id": "c", "body": "بعد"})" << '\n';
  Result r = run("--db " + (dir / "db").string() + " --strict " + (dir / "x.jsonl").string());
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("x.jsonl:2"), std::string::npos) << r.out;
  EXPECT_EQ(doccount(dir / "db"), 1u);  // what came before is committed, nothing after
}

TEST(MarsadIndex, UnreadableInputEndsTheRunAndLeavesTheIndexAlone) {
  auto dir = scratch("unreadable");
  write_corpus(dir / "a.jsonl", 10);
  ASSERT_EQ(run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string()).status, 0);
  Result r = run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string() + " " + (dir / "missing.jsonl").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("missing.jsonl: no such file or directory"), std::string::npos) << r.out;
  EXPECT_EQ(doccount(dir / "db"), 10u);
}

TEST(MarsadIndex, ALockedIndexIsAOneLineError) {
  auto dir = scratch("locked");
  write_corpus(dir / "a.jsonl", 5);
  ASSERT_EQ(run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string()).status, 0);
  Xapian::WritableDatabase holder((dir / "db" / marsad::schema::shard_directory_name(0)).string(), Xapian::DB_OPEN);
  Result r = run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("is locked by another writer"), std::string::npos) << r.out;
}

TEST(MarsadIndex, AnIndexBuiltWithOtherSettingsIsRefusedWithAHowTo) {
  auto dir = scratch("settings");
  write_corpus(dir / "a.jsonl", 5);
  ASSERT_EQ(run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string()).status, 0);
  Result r = run("--db " + (dir / "db").string() + " --stemmer snowball " + (dir / "a.jsonl").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("rebuild"), std::string::npos) << r.out;
}

pid_t start_indexer(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(kIndexer.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execv(kIndexer.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

/** Waits until the index has some committed documents (or the child ended). */
void wait_for_first_commit(const fs::path& db, pid_t pid) {
  for (int i = 0; i < 600; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) FAIL() << "indexer finished before it could be interrupted";
    try {
      if (fs::exists(db / marsad::schema::kStubFileName) && doccount(db) > 0) return;
    } catch (const Xapian::Error&) {
    }
  }
  FAIL() << "no commit within 12 s";
}

void expect_each_record_once(const fs::path& db, int n) {
  Xapian::Database index(db.string());
  EXPECT_EQ(index.get_doccount(), static_cast<Xapian::doccount>(n));
  for (int i = 0; i < n; ++i) ASSERT_EQ(index.get_termfreq("Qr-" + std::to_string(i)), 1u) << "record r-" << i;
}

/** Starts indexing n records into dir/db in the background and returns once a batch is committed. */
pid_t start_indexing_and_wait_for_a_commit(const fs::path& dir, int n) {
  write_corpus(dir / "a.jsonl", n);
  pid_t pid = start_indexer({"--db", (dir / "db").string(), "--batch", "200", "--quiet", (dir / "a.jsonl").string()});
  wait_for_first_commit(dir / "db", pid);
  return pid;
}

/** A way of indexing that is killed outright (SIGKILL) after its first commit, then run again. */
struct KillCase {
  const char* what;
  std::string folder;
  std::vector<std::string> options;  // besides --db, --batch and the input
  bool whole_corpus;                 // else a part of it: a partition
  bool tagged;
};

void PrintTo(const KillCase& c, std::ostream* os) { *os << c.what; }

/** Every record id an index holds. */
std::set<std::string> all_ids(const fs::path& index) {
  std::set<std::string> ids;
  for (const auto& shard : ids_by_shard(index)) ids.insert(shard.begin(), shard.end());
  return ids;
}

/** What marsad-search says the index holds: its reports and every facet value with its count. Not
 *  its stories: in this corpus every report is a near-copy of thousands of others, and which of them
 *  a report finds among its candidates depends on what was committed when, so a run cut short and
 *  resumed may group a report or two apart from a clean run. */
nlohmann::json stats(const fs::path& index) {
  auto r = marsad::testing_support::run_command(kSearch + " --db " + index.string() +
                                                " --json stats --facet-size 1000 --interval day 2>/dev/null");
  EXPECT_EQ(r.status, 0) << r.output;
  nlohmann::json out = nlohmann::json::parse(r.output, nullptr, false);
  if (out.is_object()) {
    out.erase("stories");
    out.erase("largest_stories");
  }
  return out;
}

class KilledMidRun : public testing::TestWithParam<KillCase> {};

TEST_P(KilledMidRun, ThenRerunHoldsWhatACleanRunHoldsEachRecordOnce) {
  const KillCase& c = GetParam();
  auto dir = scratch("sigkill-" + c.folder);
  const int n = 6000;
  write_corpus(dir / "a.jsonl", n);
  std::string options;
  for (const std::string& option : c.options) options += option + ' ';
  std::vector<std::string> args{"--db", (dir / "db").string(), "--batch", "200", "--quiet"};
  args.insert(args.end(), c.options.begin(), c.options.end());
  args.push_back((dir / "a.jsonl").string());
  pid_t pid = start_indexer(args);
  wait_for_first_commit(dir / "db", pid);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  const std::size_t committed = doccount(dir / "db");

  Result rerun = run("--db " + (dir / "db").string() + " --quiet " + options + (dir / "a.jsonl").string());
  ASSERT_EQ(rerun.status, 0) << rerun.out;
  Result clean = run("--db " + (dir / "clean").string() + " --quiet " + options + (dir / "a.jsonl").string());
  ASSERT_EQ(clean.status, 0) << clean.out;

  const std::set<std::string> expected = all_ids(dir / "clean");
  if (c.whole_corpus) {
    EXPECT_EQ(expected.size(), static_cast<std::size_t>(n));
  } else {
    EXPECT_GT(expected.size(), static_cast<std::size_t>(n / 3));
    EXPECT_LT(expected.size(), static_cast<std::size_t>(2 * n / 3));
  }
  EXPECT_LT(committed, expected.size()) << "the run finished before the kill; make the corpus larger";
  EXPECT_EQ(all_ids(dir / "db"), expected);
  Xapian::Database index((dir / "db").string());
  EXPECT_EQ(index.get_doccount(), expected.size());
  for (const std::string& id : expected) ASSERT_EQ(index.get_termfreq("Q" + id), 1u) << "record " << id;
  // The same reports, dates, sources, and with tagging the same actors, places, claims and claimants.
  const nlohmann::json facets = stats(dir / "clean");
  ASSERT_TRUE(facets.contains("facets")) << facets;
  EXPECT_EQ(stats(dir / "db"), facets);
  EXPECT_EQ(facets["facets"]["place"].empty(), !c.tagged) << facets["facets"];
  EXPECT_EQ(facets["facets"]["claim"].empty(), !c.tagged) << facets["facets"];
}

INSTANTIATE_TEST_SUITE_P(
    Indexes, KilledMidRun,
    testing::Values(KillCase{"tagged, as by default", "tagged", {}, true, true},
                    KillCase{"one partition of two", "partition", {"--partition", "1/2"}, false, true},
                    KillCase{"words only", "words", {"--no-tagging"}, true, false}),
    [](const testing::TestParamInfo<KillCase>& info) { return info.param.folder; });

TEST(MarsadIndex, InterruptCommitsWhatWasReadAndExitsWith130) {
  auto dir = scratch("sigint");
  const int n = 6000;
  pid_t pid = start_indexing_and_wait_for_a_commit(dir, n);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  std::size_t committed = doccount(dir / "db");
  EXPECT_GT(committed, 0u);
  Result r = run("--db " + (dir / "db").string() + " --quiet " + (dir / "a.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.out;
  expect_each_record_once(dir / "db", n);
}

TEST(MarsadIndex, AFullDiskEndsTheRunAndKeepsWhatWasCommitted) {
  auto dir = scratch("full");
  fs::path small = dir / "small";
  fs::create_directories(small);
  std::string mount = "mount -t tmpfs -o size=3m tmpfs " + small.string() + " 2>/dev/null";
  if (std::system(mount.c_str()) != 0) GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
  // One shard: shards commit each on their own, so only a single shard's count is whole batches.
  Result r = run("--db " + (small / "db").string() + " --quiet --shards 1 --batch 50 " + MARSAD_SOURCE_DIR +
                 "/corpus/reports.jsonl");
  std::size_t committed = 0;
  try {
    committed = doccount(small / "db");
  } catch (const Xapian::Error& e) {
    ADD_FAILURE() << "index unreadable after a full disk: " << e.get_msg();
  }
  std::system(("umount " + small.string()).c_str());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("writing the index failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("No space left on device"), std::string::npos) << r.out;
  EXPECT_GT(committed, 0u);
  EXPECT_EQ(committed % 50, 0u);  // whole batches only
}

TEST(MarsadIndex, DrawsProgressOnATerminalOnly) {
  auto dir = scratch("progress");
  write_corpus(dir / "a.jsonl", 3000);
  if (std::system("command -v script > /dev/null") != 0) GTEST_SKIP() << "script(1) is needed to give the indexer a terminal";
  // script runs the indexer on a pseudo-terminal; --batch 100 keeps it busy long enough to draw.
  auto on_tty = marsad::testing_support::run_command("script -qec '" + kIndexer + " --db " + (dir / "db1").string() +
                                                     " --batch 100 " + (dir / "a.jsonl").string() + "' /dev/null");
  EXPECT_EQ(on_tty.status, 0) << on_tty.output;
  EXPECT_NE(on_tty.output.find("docs/s"), std::string::npos) << on_tty.output;
  EXPECT_NE(on_tty.output.find("ETA"), std::string::npos) << on_tty.output;
  Result piped = run("--db " + (dir / "db2").string() + " " + (dir / "a.jsonl").string());
  EXPECT_EQ(piped.out.find("ETA"), std::string::npos);
  auto quiet = marsad::testing_support::run_command("script -qec '" + kIndexer + " --quiet --db " + (dir / "db3").string() +
                                                    " " + (dir / "a.jsonl").string() + "' /dev/null");
  EXPECT_EQ(quiet.output.find("ETA"), std::string::npos);
}

TEST(MarsadIndex, LogLevelsChooseWhatIsSaid) {
  auto dir = scratch("logs");
  write_corpus(dir / "a.jsonl", 5);
  Result normal = run("--db " + (dir / "db1").string() + " " + (dir / "a.jsonl").string());
  EXPECT_NE(normal.out.find("info: indexing 1 input file(s)"), std::string::npos) << normal.out;
  EXPECT_EQ(normal.out.find("debug:"), std::string::npos);
  Result verbose = run("--db " + (dir / "db2").string() + " -v " + (dir / "a.jsonl").string());
  EXPECT_NE(verbose.out.find("debug: reading"), std::string::npos) << verbose.out;
  Result warn = run("--db " + (dir / "db3").string() + " --log-level warn " + (dir / "a.jsonl").string());
  EXPECT_EQ(warn.out.find("info:"), std::string::npos) << warn.out;
  EXPECT_NE(warn.out.find("indexed (new)    5"), std::string::npos) << warn.out;  // the summary is the result
}

TEST(MarsadIndex, ReadsFoldersOfTextAndCsv) {
  auto dir = scratch("folders");
  fs::create_directories(dir / "in" / "notes");
  std::ofstream(dir / "in" / "notes" / "2020-09-30-baku.txt") << "قصف على باكو\nقالت وزارة الدفاع إن القصف استهدف مواقع مدنية.\n";
  std::ofstream(dir / "in" / "sheet.csv") << "id,title,body\ns1,عنوان,\"نص، بفاصلة\"\n";
  Result r = run("--db " + (dir / "db").string() + " " + (dir / "in").string());
  ASSERT_EQ(r.status, 0) << r.out;
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("Qnotes/2020-09-30-baku.txt"), 1u);
  EXPECT_EQ(db.get_termfreq("D20200930"), 1u);
  EXPECT_EQ(db.get_termfreq("Qs1"), 1u);
}

TEST(MarsadIndex, LongWordsSourcesAndIdsAreIndexedWithinXapiansLimit) {
  fs::path dir = scratch("long_terms");
  const std::string word(300, 'x'), source(300, 's'), id(400, 'i');
  std::ofstream(dir / "a.jsonl") << R"({"id":"a","body":"ok"})" << '\n'
                                 << R"({"id":")" << id << R"(","source":")" << source << R"(","body":"كلمة )" << word << R"("})" << '\n';
  auto r = run("--quiet --db " + (dir / "db").string() + " " + (dir / "a.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.out;
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_doccount(), 2u);
  const std::string id_term = marsad::schema::term(marsad::schema::kIdPrefix, id);
  ASSERT_EQ(db.get_termfreq(id_term), 1u);
  // The full id is kept in the stored record and the id slot.
  Xapian::Document doc = db.get_document(*db.postlist_begin(id_term));
  EXPECT_EQ(nlohmann::json::parse(doc.get_data())["id"], id);
  EXPECT_EQ(doc.get_value(marsad::schema::kIdSlot), id);
  // A second run finds the record again by its bounded id term: unchanged, not added.
  r = run("--db " + (dir / "db").string() + " " + (dir / "a.jsonl").string());
  EXPECT_NE(r.out.find("unchanged        2"), std::string::npos) << r.out;
}

TEST(MarsadIndex, FieldTakesOneValueAndRejectsOnesWithoutEquals) {
  fs::path dir = scratch("field_option");
  std::ofstream(dir / "a.jsonl") << R"({"id":"a","article_text":"نص التقرير"})" << '\n';
  auto r = run("--quiet --db " + (dir / "db").string() + " --field body=article_text " + (dir / "a.jsonl").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("indexed (new)    1"), std::string::npos) << r.out;
  r = run("--quiet --db " + (dir / "db2").string() + " --field bodyx " + (dir / "a.jsonl").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "marsad-index: --field expects CANONICAL=INPUT_NAME (e.g. body=article_text), got 'bodyx'\n");
}

TEST(MarsadIndex, CommandLineErrorsAreOneLineAndExitCode1) {
  auto r = run("--db x --bogus");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "marsad-index: The following argument was not expected: --bogus; see --help\n");
  r = run("--threads 0 --db x a.jsonl");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  r = run("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--max-doc-bytes"), std::string::npos);
}

TEST(MarsadIndex, CsvQuotedFieldsOverTheLimitAreTruncatedNotLost) {
  fs::path dir = scratch("csv_long_field");
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "سطر من تقرير طويل\n";
  std::ofstream(dir / "a.csv") << "id,body\n1,\"" << body << "\"\n2,قصير\n";
  auto r = run("--db " + (dir / "db").string() + " --max-doc-bytes 100000 " + (dir / "a.csv").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("indexed (new)    2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("warning: field truncated"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a.csv:2: field 'body' of"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("unterminated"), std::string::npos) << r.out;
}

}  // namespace

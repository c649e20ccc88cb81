// Remote shards served by Xapian's own xapian-tcpsrv answer exactly as the same shards read locally.
#include <gtest/gtest.h>


#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/errors.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"
#include "tests/support/tcp_server.h"

namespace marsad::searcher {
namespace {

namespace fs = std::filesystem;

using testing_support::free_port;
using testing_support::TcpServer;

class RemoteShards : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(testing::TempDir()) / ("remote_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    local_ = (dir_ / "local").string();
    // Reports without a date, which a sort by date puts last either way.
    std::ofstream(dir_ / "undated.jsonl")
        << R"({"id":"u1","title":"قتلى في قصف","body":"قال مسؤول محلي إن قتلى سقطوا في قصف على السوق."})" << "\n"
        << R"({"id":"u2","title":"بيان","body":"أصدرت الوزارة بيانا عن قتلى القصف الأخير."})" << "\n";
    const std::string command = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --shards 2 --db " + local_ +
                                " " + MARSAD_SOURCE_DIR + "/corpus/reports.jsonl " + (dir_ / "undated.jsonl").string() +
                                " > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  void SetUp() override {
    if (std::system("command -v xapian-tcpsrv > /dev/null") != 0) GTEST_SKIP() << "xapian-tcpsrv is missing (Debian xapian-tools)";
  }
  /** An index folder whose stub lists `lines`. */
  static std::string stub(const std::string& name, const std::vector<std::string>& lines) {
    const fs::path folder = dir_ / name;
    fs::create_directories(folder);
    std::ofstream out(folder / "XAPIANDB");
    for (const std::string& line : lines) out << line << "\n";
    return folder.string();
  }
  static std::string remote_line(const TcpServer& server) { return "remote tcp 127.0.0.1 " + std::to_string(server.port()); }
  void compare_remote_and_local();
  static inline fs::path dir_;
  static inline std::string local_;
};

nlohmann::json answer(Searcher& searcher, SearchRequest request) {
  nlohmann::json j = result_json(request, searcher.search(request));
  j.erase("took_ms");
  return j;
}

nlohmann::json claims(Searcher& searcher, const SearchRequest& request, bool group) {
  nlohmann::json j = claims_answer_json(request, searcher.claims(request), group, searcher.gazetteer());
  j.erase("took_ms");
  return j;
}

TEST_F(RemoteShards, AnswerAsTheSameShardsReadLocally) {
  try {
    compare_remote_and_local();
  } catch (const Xapian::Error& e) {
    FAIL() << e.get_description();
  }
}

void RemoteShards::compare_remote_and_local() {
  TcpServer first(local_ + "/shard-00"), second(local_ + "/shard-01");
  ASSERT_TRUE(first.ready() && second.ready());
  const std::string remote = stub("remote", {remote_line(first), remote_line(second)});
  // Xapian's own form of a remote line, beside a local shard.
  const std::string mixed = stub("mixed", {"auto " + local_ + "/shard-00", "remote 127.0.0.1:" + std::to_string(second.port())});
  Searcher local(local_);
  for (const std::string& index : {remote, mixed}) {
    Searcher far(index);
    for (const std::string query : {"قتلى", "بيان", "\"وقف إطلاق النار\"", "قصف place:nagorno-karabakh", "claim:casualties date:2020",
                                    "actor:azerbaijan OR actor:armenia", "صنعاء NEAR غارات"}) {
      SearchRequest request{query, 0, 10, true};
      request.facet_options.size = 1000;
      EXPECT_EQ(answer(far, request), answer(local, request)) << index << ": " << query;
      request.facet_options.rollup = true;
      request.sort = SortOrder::Date;
      request.offset = 3;
      EXPECT_EQ(answer(far, request), answer(local, request)) << index << ": " << query << " (rollup, by date)";
      SearchRequest stories{query, 0, 10, true};
      stories.facet_options.size = 1000;
      stories.facet_options.count = CountUnit::Stories;
      stories.collapse = true;
      EXPECT_EQ(answer(far, stories), answer(local, stories)) << index << ": " << query << " (stories)";
      // Every hit, so that the undated reports (last either way) are among them.
      request.limit = 1000;
      for (const SortOrder order : {SortOrder::Date, SortOrder::DateDescending}) {
        request.sort = order;
        const nlohmann::json local_answer = answer(local, request);
        EXPECT_EQ(answer(far, request), local_answer) << index << ": " << query << " (by date, all)";
        if (query == "قتلى") {
          ASSERT_FALSE(local_answer["hits"].empty());
          EXPECT_TRUE(local_answer["hits"].back()["date"].is_null()) << "the undated come last";
        }
      }
    }
    const SearchRequest tolls{"claim:casualties place:nagorno-karabakh date:2020-09-27..2020-10-07"};
    EXPECT_EQ(claims(far, tolls, false), claims(local, tolls, false)) << index;
    EXPECT_EQ(claims(far, tolls, true), claims(local, tolls, true)) << index;
    FacetOptions all;
    all.size = 1000;
    EXPECT_EQ(stats_json(far.stats(all)), stats_json(local.stats(all))) << index;
    all.count = CountUnit::Stories;
    EXPECT_EQ(stats_json(far.stats(all)), stats_json(local.stats(all))) << index << " (stories)";
  }
}

/** An answer with its hits as a set: partitions hold the reports in another order of document ids, so
 *  reports of equal weight may be ranked in another order. Without the hits' stories: a partition
 *  groups the copies it holds, so a dispatch whose copies fell in two partitions is two stories there. */
nlohmann::json hits_as_set(nlohmann::json j) {
  std::sort(j["hits"].begin(), j["hits"].end(), [](const nlohmann::json& a, const nlohmann::json& b) { return a["id"] < b["id"]; });
  for (nlohmann::json& hit : j["hits"]) hit.erase("story");
  return j;
}

/** Stats without the stories (as hits_as_set). */
nlohmann::json without_stories(nlohmann::json stats) {
  stats.erase("stories");
  stats.erase("largest_stories");
  return stats;
}

TEST_F(RemoteShards, TwoPartitionsOnTwoServersAnswerAsOneIndexOfTheSameInput) {
  const std::string corpus = std::string(MARSAD_SOURCE_DIR) + "/corpus/reports.jsonl " + (dir_ / "undated.jsonl").string();
  std::vector<std::string> parts;
  for (const char* k : {"1", "2"}) {
    parts.push_back((dir_ / (std::string("part") + k)).string());
    const std::string command = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet --partition " + k + "/2 --db " +
                                parts.back() + " " + corpus + " > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  TcpServer first(parts[0]), second(parts[1]);
  ASSERT_TRUE(first.ready() && second.ready());
  Searcher cluster(stub("partitions", {remote_line(first), remote_line(second)}));
  Searcher local(local_);
  for (const std::string query : {"قتلى", "\"وقف إطلاق النار\"", "claim:casualties date:2020", "actor:azerbaijan OR actor:armenia",
                                  "قصف place:nagorno-karabakh"}) {
    SearchRequest request{query, 0, 1000, true};
    request.facet_options.size = 1000;
    const nlohmann::json whole = answer(local, request);
    ASSERT_GT(whole["total"]["value"], 0) << query;
    EXPECT_EQ(hits_as_set(answer(cluster, request)), hits_as_set(whole)) << query;
    request.sort = SortOrder::DateDescending;
    request.limit = 10;
    const nlohmann::json by_date = answer(cluster, request), whole_by_date = answer(local, request);
    ASSERT_EQ(by_date["hits"].size(), whole_by_date["hits"].size()) << query;
    for (std::size_t i = 0; i < by_date["hits"].size(); ++i)
      EXPECT_EQ(by_date["hits"][i]["date"], whole_by_date["hits"][i]["date"]) << query << " (by date, hit " << i << ")";
  }
  const SearchRequest tolls{"claim:casualties place:nagorno-karabakh"};
  EXPECT_EQ(claims(cluster, tolls, true), claims(local, tolls, true));
  FacetOptions all;
  all.size = 1000;
  EXPECT_EQ(without_stories(stats_json(cluster.stats(all))), without_stories(stats_json(local.stats(all))));
}

TEST_F(RemoteShards, AnUnreachableShardIsAnErrorNamingIt) {
  const int closed = free_port();
  const std::string index = stub("unreachable", {"auto " + local_ + "/shard-00", "remote tcp 127.0.0.1 " + std::to_string(closed)});
  try {
    Searcher searcher(index);
    FAIL() << "opened an index with an unreachable shard";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("remote tcp 127.0.0.1 " + std::to_string(closed)), std::string::npos) << e.what();
  }
}

/** An answer without its partial and failed_shards keys, to compare with a whole one. */
nlohmann::json without_partial(nlohmann::json j) {
  j.erase("partial");
  j.erase("failed_shards");
  return j;
}

TEST_F(RemoteShards, WithAllowPartialAShardThatStopsAnsweringIsLeftOutAndNamed) {
  TcpServer first(local_ + "/shard-00"), second(local_ + "/shard-01");
  ASSERT_TRUE(first.ready() && second.ready());
  const std::string both = stub("partial-both", {remote_line(first), remote_line(second)});
  const std::string first_only = stub("partial-first", {remote_line(first)});
  SearchRequest request{"قتلى", 0, 10, true};
  request.facet_options.size = 1000;
  Searcher strict(both), partial(both, {}, text::StopWordList::builtin(), ShardPolicy::AnswerFromTheRest);
  Searcher reference(first_only);
  const nlohmann::json whole = answer(strict, request), of_first = answer(reference, request);
  EXPECT_EQ(answer(partial, request), whole);
  EXPECT_EQ(whole["partial"], false);
  EXPECT_EQ(whole["failed_shards"], nlohmann::json::array());

  second.stop();
  try {
    strict.search(request);
    ADD_FAILURE() << "a search without one of its shards answered";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--allow-partial"), std::string::npos) << e.what();
  }
  const nlohmann::json partly = answer(partial, request);
  EXPECT_EQ(partly["partial"], true);
  ASSERT_EQ(partly["failed_shards"].size(), 1u) << partly["failed_shards"];
  EXPECT_EQ(partly["failed_shards"][0]["shard"], remote_line(second));
  EXPECT_EQ(without_partial(partly), without_partial(of_first)) << "the answer is the other shard's";
  const nlohmann::json claims_partly = claims(partial, SearchRequest{"claim:casualties"}, true);
  EXPECT_EQ(claims_partly["partial"], true);
  EXPECT_EQ(stats_json(partial.stats({}))["partial"], true);

  // A searcher opened while the shard is down starts partial.
  Searcher opened_partial(both, {}, text::StopWordList::builtin(), ShardPolicy::AnswerFromTheRest);
  EXPECT_EQ(answer(opened_partial, request), partly);

  // A retry that finds it still missing doubles the wait before the next one.
  using std::chrono::milliseconds;
  partial.retry_shards_after(milliseconds(1000));
  std::this_thread::sleep_for(milliseconds(1050));
  EXPECT_FALSE(partial.refresh());
  const auto retried = std::chrono::steady_clock::now();
  EXPECT_EQ(answer(partial, request)["partial"], true);
  // Back on its port, the shard rejoins at the first refresh after that wait (2 s), not before.
  TcpServer again(local_ + "/shard-01", second.port());
  ASSERT_TRUE(again.ready());
  std::this_thread::sleep_until(retried + milliseconds(1000));
  if (std::chrono::steady_clock::now() < retried + milliseconds(1800)) {
    EXPECT_FALSE(partial.refresh());
    EXPECT_EQ(answer(partial, request)["partial"], true) << "tried again before the doubled wait";
  }
  std::this_thread::sleep_until(retried + milliseconds(2100));
  EXPECT_TRUE(partial.refresh());
  EXPECT_EQ(answer(partial, request), whole);
}

TEST_F(RemoteShards, WithAllowPartialAnIndexWithoutAnyShardAnsweringIsStillAnError) {
  const std::string closed = "remote tcp 127.0.0.1 " + std::to_string(free_port());
  const std::string index = stub("none-answers", {closed});
  try {
    Searcher searcher(index, {}, text::StopWordList::builtin(), ShardPolicy::AnswerFromTheRest);
    FAIL() << "opened an index of which no shard answers";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(closed), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace marsad::searcher

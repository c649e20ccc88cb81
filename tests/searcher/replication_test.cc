// A read replica of a Marsad index kept by Xapian's own replication (Debian xapian-tools): the
// commands of the README's "A read replica", run as written there, give a copy that answers exactly
// as the master does, and that follows the master as more is indexed, under a searcher that reads it
// all along.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "searcher/result_json.h"
#include "searcher/searcher.h"
#include "tests/support/background_process.h"
#include "tests/support/run_command.h"
#include "tests/support/tcp_server.h"

namespace marsad::searcher {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing_support::BackgroundProcess;
using testing_support::run_command;

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index";
const std::string kSearch = std::string(MARSAD_BINARY_DIR) + "/searcher/marsad-search";

/** How the master is kept, and so what an update of the replica carries. */
struct ReplicaCase {
  const char* what;
  const char* name;
  bool changesets;  // the indexer keeps changesets (XAPIAN_MAX_CHANGESETS): an update sends them; else a whole copy
};

void PrintTo(const ReplicaCase& c, std::ostream* os) { *os << c.what; }

/** The README's commands on the master: index (keeping changesets or not). */
std::string index_command(const ReplicaCase& c, const fs::path& master, const fs::path& input) {
  const std::string environment = c.changesets ? "XAPIAN_MAX_CHANGESETS=100 " : "env -u XAPIAN_MAX_CHANGESETS ";
  // Several commits, so that an update carries several changesets.
  return environment + kIndexer + " --db " + master.string() + " --batch 20 --quiet " + input.string() + " 2>&1";
}

/** The README's commands on the replica: each shard, then the stub that lists them. */
std::string replicate_command(const fs::path& replica, int port) {
  return "(\n"  // a subshell, for its exit code and its output as one
         "mkdir -p " + replica.string() + " && cd " + replica.string() + " || exit 1\n"
         "for shard in shard-00 shard-01; do\n"
         "  xapian-replicate --host 127.0.0.1 --port " + std::to_string(port) +
         " --master $shard --one-shot --reader-time 0 --quiet $shard || exit 1\n"
         "done\n"
         "test -e XAPIANDB || printf 'auto shard-00\\nauto shard-01\\n' > XAPIANDB\n"
         ")";
}

/** Lines `first` (from 1) to `last` of the sample corpus, into `path`; their record ids. */
std::vector<std::string> write_slice(const fs::path& path, int first, int last) {
  std::ifstream in(std::string(MARSAD_SOURCE_DIR) + "/corpus/reports.jsonl");
  std::ofstream out(path);
  std::vector<std::string> ids;
  std::string line;
  for (int n = 1; std::getline(in, line) && n <= last; ++n) {
    if (n < first) continue;
    out << line << '\n';
    ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  return ids;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json answer(Searcher& searcher, const SearchRequest& request) {
  nlohmann::json j = result_json(request, searcher.search(request));
  j.erase("took_ms");
  return j;
}

nlohmann::json claims(Searcher& searcher, const SearchRequest& request) {
  nlohmann::json j = claims_answer_json(request, searcher.claims(request), true, searcher.gazetteer());
  j.erase("took_ms");
  return j;
}

/** Empty when the replica answers every question as the master does; else the first difference. */
std::string difference(const std::string& master_path, const std::string& replica_path) {
  Searcher master(master_path), replica(replica_path);
  for (const std::string query : {"قتلى", "\"وقف إطلاق النار\"", "claim:casualties date:2020", "actor:azerbaijan OR actor:armenia",
                                  "place:yemen", "وساطة source:صحيفة الأفق"}) {
    SearchRequest request{query, 0, 20, true};
    request.facet_options.size = 1000;
    if (answer(replica, request) != answer(master, request)) return "search '" + query + "'";
    if (claims(replica, request) != claims(master, request)) return "claims '" + query + "'";
  }
  FacetOptions all;
  all.size = 1000;
  if (stats_json(replica.stats(all)) != stats_json(master.stats(all))) return "stats";
  return "";
}

/** What marsad-search --json prints for `query`, without the time it took. */
nlohmann::json command_line_answer(const std::string& index, const std::string& query) {
  const auto run = run_command(kSearch + " --db " + index + " --json '" + query + "' 2>/dev/null");
  EXPECT_EQ(run.status, 0) << run.output;
  nlohmann::json j = nlohmann::json::parse(run.output, nullptr, false);
  if (j.is_object()) j.erase("took_ms");
  return j;
}

/** xapian-replicate-server offering the shards of `master` on a free loopback port. */
class ReplicationServer {
 public:
  ReplicationServer(const fs::path& master, const fs::path& log) {
    for (int attempt = 0; attempt < 5 && !server_; ++attempt) {
      port_ = testing_support::free_port();
      server_.emplace(std::vector<std::string>{"xapian-replicate-server", "--interface", "127.0.0.1", "--port",
                                               std::to_string(port_), master.string()},
                      log);
      const auto deadline = std::chrono::steady_clock::now() + 5s;
      while (!testing_support::accepts_connections(port_) && !server_->ended() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
      if (!testing_support::accepts_connections(port_)) server_.reset();  // the port was taken meanwhile
    }
  }
  bool ready() const { return server_.has_value(); }
  int port() const { return port_; }

 private:
  int port_ = 0;
  std::optional<BackgroundProcess> server_;
};

class ReadReplica : public testing::TestWithParam<ReplicaCase> {
 protected:
  void SetUp() override {
    if (std::system("command -v xapian-replicate-server > /dev/null && command -v xapian-replicate > /dev/null") != 0)
      GTEST_SKIP() << "xapian-replicate and xapian-replicate-server are missing (Debian xapian-tools)";
    dir_ = fs::path(testing::TempDir()) / ("replication_" + std::string(GetParam().name) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(ReadReplica, AnswersAsTheMasterAndFollowsItsCommits) {
  const ReplicaCase& c = GetParam();
  const fs::path master = dir_ / "master", replica = dir_ / "replica";
  write_slice(dir_ / "first.jsonl", 1, 100);
  const std::vector<std::string> later_ids = write_slice(dir_ / "later.jsonl", 101, 1000);
  ASSERT_GT(later_ids.size(), 50u);
  const auto all = static_cast<Xapian::doccount>(100 + later_ids.size());
  const auto first = run_command(index_command(c, master, dir_ / "first.jsonl"));
  ASSERT_EQ(first.status, 0) << first.output;
  ASSERT_EQ(file_text(master / "XAPIANDB"), "auto shard-00\nauto shard-01\n")
      << "the README's commands name the shards of the default --shards 2";

  ReplicationServer server(master, dir_ / "replicate-server.log");
  ASSERT_TRUE(server.ready());
  const auto copied = run_command(replicate_command(replica, server.port()));
  ASSERT_EQ(copied.status, 0) << copied.output;
  EXPECT_EQ(difference(master.string(), replica.string()), "");
  EXPECT_EQ(command_line_answer(replica.string(), "قتلى place:yemen"), command_line_answer(master.string(), "قتلى place:yemen"));

  // A searcher reads the replica all along, as a server would, while the master grows and the
  // replica follows it.
  std::atomic<bool> updating = true;
  std::vector<std::string> reader_errors;
  Xapian::doccount last_seen = 0;
  int searches = 0;
  std::thread reader([&] {
    try {
      Searcher follower(replica.string());
      const SearchRequest casualties{"قتلى", 0, 10, true};
      Xapian::doccount last_found = 0;
      for (bool last = false; !last; ++searches) {
        last = !updating;  // once more after the update, so that it is seen
        follower.refresh();
        const Xapian::doccount seen = follower.documents(), found = follower.search(casualties).total;
        if (seen < last_seen || found < last_found)
          reader_errors.push_back(std::to_string(seen) + " reports after " + std::to_string(last_seen) + ", " +
                                  std::to_string(found) + " found after " + std::to_string(last_found));
        last_seen = seen;
        last_found = found;
      }
    } catch (const std::exception& e) {
      reader_errors.push_back(e.what());
    } catch (const Xapian::Error& e) {
      reader_errors.push_back(e.get_description());
    }
  });
  // xapian-replicate's own stub in each shard's folder names the copy being read.
  const std::string copy_read = file_text(replica / "shard-00" / "XAPIANDB");
  const auto more = run_command(index_command(c, master, dir_ / "later.jsonl"));
  const auto updated = run_command(replicate_command(replica, server.port()));
  updating = false;
  reader.join();
  ASSERT_EQ(more.status, 0) << more.output;
  ASSERT_EQ(updated.status, 0) << updated.output;
  // Changesets are applied to the copy being read; a whole copy goes to another folder.
  EXPECT_EQ(file_text(replica / "shard-00" / "XAPIANDB") == copy_read, c.changesets) << copy_read;

  EXPECT_EQ(reader_errors, std::vector<std::string>{});
  EXPECT_EQ(last_seen, all) << "the searcher reading the replica does not see the update";
  EXPECT_GT(searches, 1);
  Searcher fresh(replica.string());
  EXPECT_EQ(fresh.documents(), all);
  for (const std::string& id : later_ids) EXPECT_EQ(fresh.search(SearchRequest{"id:" + id}).total, 1u) << id;
  EXPECT_EQ(difference(master.string(), replica.string()), "");
}

INSTANTIATE_TEST_SUITE_P(Updates, ReadReplica,
                         testing::Values(ReplicaCase{"with changesets", "changesets", true},
                                         ReplicaCase{"by a whole copy", "whole_copy", false}),
                         [](const testing::TestParamInfo<ReplicaCase>& info) { return info.param.name; });

}  // namespace
}  // namespace marsad::searcher

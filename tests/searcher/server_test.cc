#include "searcher/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "tests/support/run_command.h"
#include "tests/support/tcp_server.h"
#include "tests/support/url.h"

namespace marsad::searcher {
namespace {

using testing_support::query_string;

namespace fs = std::filesystem;

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index --quiet";
const std::string kSearch = std::string(MARSAD_BINARY_DIR) + "/searcher/marsad-search";

/** A server on an ephemeral loopback port, answering from a thread of its own until destroyed. */
class RunningServer {
 public:
  RunningServer(const std::string& index, ServerOptions options = {}) : server_(index, {}, text::StopWordList::builtin(), [&] {
    options.port = 0;
    return options;
  }()) {
    port_ = server_.bind();
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    return c;
  }

 private:
  Server server_;
  int port_ = 0;
  std::thread thread_;
};

/** The answer without the time it took, which differs from run to run. */
nlohmann::json without_time(nlohmann::json j) {
  if (j.is_object()) j.erase("took_ms");
  return j;
}

class ServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(testing::TempDir()) / ("server_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    index_ = (dir_ / "index").string();
    ASSERT_EQ(std::system((kIndexer + " --db " + index_ + " " + MARSAD_SOURCE_DIR + "/corpus/reports.jsonl > /dev/null 2>&1").c_str()), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  /** What marsad-search prints with --json for `args`. */
  static nlohmann::json cli_json(const std::string& args) {
    const auto run = testing_support::run_command(kSearch + " --db " + index_ + " --json " + args + " 2>/dev/null");
    EXPECT_EQ(run.status, 0) << args << "\n" << run.output;
    return nlohmann::json::parse(run.output);
  }
  static nlohmann::json get_json(const RunningServer& server, const std::string& path, int expected_status = 200) {
    auto res = server.client().Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return nlohmann::json::parse(res->body);
  }
  static inline fs::path dir_;
  static inline std::string index_;
};

struct SameAnswerCase {
  const char* what;
  std::string path;      // the API request
  std::string cli_args;  // the same request on the command line (after --db INDEX --json)
};

void PrintTo(const SameAnswerCase& c, std::ostream* os) { *os << c.what; }

class ServerAnswersAsTheCommandLine : public ServerTest, public testing::WithParamInterface<SameAnswerCase> {};

TEST_P(ServerAnswersAsTheCommandLine, SameJson) {
  RunningServer server(index_);
  EXPECT_EQ(without_time(get_json(server, GetParam().path)), without_time(cli_json(GetParam().cli_args))) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Requests, ServerAnswersAsTheCommandLine,
    testing::Values(
        SameAnswerCase{"words", "/api/search" + query_string({{"q", "قتلى"}}), "قتلى"},
        SameAnswerCase{"filters, order, page and facet options",
                       "/api/search" + query_string({{"q", "قصف"}, {"place", "nagorno-karabakh"}, {"from", "2020-09-27"},
                                                     {"to", "2020-10-07"}, {"sort", "-date"}, {"limit", "3"}, {"offset", "1"},
                                                     {"facet_size", "4"}, {"interval", "day"}, {"rollup", "1"}}),
                       "--place nagorno-karabakh --from 2020-09-27 --to 2020-10-07 --sort=-date --limit 3 --offset 1 "
                       "--facet-size 4 --interval day --rollup قصف"},
        SameAnswerCase{"repeated filters and no facets",
                       "/api/search" + query_string({{"actor", "azerbaijan"}, {"claim", "casualties"}, {"claim", "attack"}, {"facets", "0"}}),
                       "--actor azerbaijan --claim casualties --claim attack --no-facets"},
        SameAnswerCase{"a query mode", "/api/search" + query_string({{"q", "قصف مستشفى غزة"}, {"mode", "or"}}), "--mode or قصف مستشفى غزة"},
        SameAnswerCase{"one hit per story", "/api/search" + query_string({{"q", "قصف"}, {"collapse", "1"}}), "--collapse قصف"},
        SameAnswerCase{"counting stories", "/api/search" + query_string({{"q", "قصف"}, {"collapse", "1"}, {"count", "stories"}}),
                       "--collapse --count stories قصف"},
        SameAnswerCase{"claims", "/api/claims" + query_string({{"q", "place:nagorno-karabakh"}, {"claim", "casualties"}}),
                       "claims --claim casualties place:nagorno-karabakh"},
        SameAnswerCase{"grouped claims",
                       "/api/claims" + query_string({{"claim", "casualties"}, {"place", "قره باغ"}, {"from", "2020-09-27"},
                                                     {"to", "2020-10-07"}, {"group", "1"}}),
                       "claims --group --claim casualties --place 'قره باغ' --from 2020-09-27 --to 2020-10-07"},
        SameAnswerCase{"claims of the most relevant reports",
                       "/api/claims" + query_string({{"q", "place:nagorno-karabakh"}, {"claim", "casualties"}, {"max_reports", "2"}}),
                       "claims --max-reports 2 --claim casualties place:nagorno-karabakh"},
        SameAnswerCase{"entities", "/api/entities" + query_string({{"kind", "country"}, {"prefix", "ar"}}), "entities --kind country ar"},
        SameAnswerCase{"stats", "/api/stats" + query_string({{"interval", "month"}, {"facet_size", "3"}}),
                       "stats --interval month --facet-size 3"},
        SameAnswerCase{"stats in stories", "/api/stats" + query_string({{"count", "stories"}}), "stats --count stories"}));

struct ErrorCase {
  const char* what;
  std::string path;
  int status;
  std::string message_part;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.what; }

class ServerRefuses : public ServerTest, public testing::WithParamInterface<ErrorCase> {};

TEST_P(ServerRefuses, WithAJsonErrorNamingTheProblem) {
  RunningServer server(index_);
  const nlohmann::json error = get_json(server, GetParam().path, GetParam().status);
  ASSERT_TRUE(error.contains("error")) << error;
  EXPECT_EQ(error["error"]["status"], GetParam().status);
  EXPECT_NE(error["error"]["message"].get<std::string>().find(GetParam().message_part), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(
    Requests, ServerRefuses,
    testing::Values(
        ErrorCase{"an unknown parameter", "/api/search?q=x&colour=red", 400, "colour"},
        ErrorCase{"a page too large", "/api/search?q=x&limit=101", 400, "limit"},
        ErrorCase{"an offset too deep", "/api/search?q=x&offset=10001", 400, "offset"},
        ErrorCase{"a facet size too large", "/api/search?q=x&facet_size=100000", 400, "facet_size"},
        ErrorCase{"not a number", "/api/search?q=x&limit=ten", 400, "limit"},
        ErrorCase{"a single parameter twice", "/api/search?q=x&sort=date&sort=-date", 400, "sort"},
        ErrorCase{"an unknown sort", "/api/search?q=x&sort=sideways", 400, "sideways"},
        ErrorCase{"an unknown count", "/api/search?q=x&count=words", 400, "words"},
        ErrorCase{"nothing asked", "/api/search?q=%20", 400, "nothing to search"},
        ErrorCase{"an unknown entity", "/api/search" + query_string({{"q", "actor:nobody-at-all"}}), 400, "nobody-at-all"},
        ErrorCase{"an unknown claim type", "/api/claims" + query_string({{"claim", "gossip"}}), 400, "gossip"},
        ErrorCase{"too many reports for claims", "/api/claims?claim=casualties&max_reports=10001", 400, "max_reports"},
        ErrorCase{"max_reports outside the claims", "/api/search?q=x&max_reports=5", 400, "max_reports"},
        ErrorCase{"a bad date", "/api/search" + query_string({{"q", "date:2020-13..2021"}}), 400, "2020-13"},
        ErrorCase{"a query too long", "/api/search?q=" + std::string(2100, 'a'), 400, "2048"},
        ErrorCase{"a URL too long", "/api/search?q=" + std::string(9000, 'a'), 414, "too long"},
        ErrorCase{"an unknown entity kind", "/api/entities?kind=planet", 400, "planet"},
        ErrorCase{"an unknown path", "/api/searches", 404, "no such page"},
        ErrorCase{"a file outside the page", "/assets/../../etc/passwd", 404, ""},
        ErrorCase{"another file of the page's folder", "/assets/index.html", 404, "no such page"}));

TEST_F(ServerTest, ABodyTooLargeIsRefused) {
  ServerOptions options;
  options.max_request_bytes = 1000;
  RunningServer server(index_, options);
  auto res = server.client().Post("/api/search", std::string(5000, 'x'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(nlohmann::json::parse(res->body)["error"]["status"], 413);
}

TEST_F(ServerTest, ARequestNotWholeInTimeIsRefusedAndClosed) {
  ServerOptions options;
  options.timeout = std::chrono::seconds(1);
  RunningServer server(index_, options);
  // Half a request, then nothing: the server answers once the time is up (read until the body is whole).
  const std::string script =
      "import socket, sys\n"
      "s = socket.create_connection(('127.0.0.1', " + std::to_string(server.port()) + "))\n"
      "s.settimeout(5)\n"
      "s.sendall(b'GET /api/search?q=x HTTP/1.1\\r\\nHost: x\\r\\n')\n"
      "answer = b''\n"
      "try:\n"
      "    while True:\n"
      "        part = s.recv(4096)\n"
      "        if not part: break\n"
      "        answer += part\n"
      "        head, _, body = answer.partition(b'\\r\\n\\r\\n')\n"
      "        length = [int(l.split(b':')[1]) for l in head.split(b'\\r\\n') if l.lower().startswith(b'content-length')]\n"
      "        if length and len(body) >= length[0]: break\n"
      "except socket.timeout:\n"
      "    pass\n"
      "sys.stdout.write(answer.decode())\n";
  const fs::path file = dir_ / "half_request.py";
  std::ofstream(file) << script;
  const std::string command = "python3 " + file.string();
  const auto run = testing_support::run_command(command);
  EXPECT_TRUE(run.output.starts_with("HTTP/1.1 400")) << run.output;
  EXPECT_NE(run.output.find("not whole within the time limit"), std::string::npos) << run.output;
}

TEST_F(ServerTest, AnswersAreCompressedForClientsThatAskForIt) {
  RunningServer server(index_);
  auto client = server.client();
  auto plain = client.Get("/api/entities");
  auto gzip = client.Get("/api/entities", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(plain && gzip);
  EXPECT_EQ(gzip->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip->body, plain->body);  // as the client unpacked it
  EXPECT_GT(plain->body.size(), 100'000u);
}

TEST_F(ServerTest, ATokenGuardsTheApiButNotThePage) {
  ServerOptions options;
  options.token = "s3cret-token";
  RunningServer server(index_, options);
  auto client = server.client();
  auto none = client.Get("/api/search?q=x");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(nlohmann::json::parse(none->body)["error"]["status"], 401);
  for (const std::string wrong : {"Bearer s3cret-tokeN", "Bearer s3cret-token-and-more", "Bearer ", "s3cret-token"}) {
    auto res = client.Get("/api/search?q=x", {{"Authorization", wrong}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << wrong;
  }
  auto right = client.Get("/api/search?q=x", {{"Authorization", "Bearer s3cret-token"}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
}

TEST_F(ServerTest, ThePageComesFromTheProgramWithAStrictPolicy) {
  RunningServer server(index_);
  auto client = server.client();
  const std::pair<std::string, std::string> assets[] = {
      {"/", "text/html; charset=utf-8"}, {"/assets/app.css", "text/css; charset=utf-8"}, {"/assets/app.js", "text/javascript; charset=utf-8"}};
  for (const auto& [path, type] : assets) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), type) << path;
    EXPECT_FALSE(res->body.empty()) << path;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
  std::ifstream html(std::string(MARSAD_SOURCE_DIR) + "/searcher/web/index.html");
  const std::string on_disk((std::istreambuf_iterator<char>(html)), {});
  EXPECT_EQ(client.Get("/")->body, on_disk);
}

TEST_F(ServerTest, AssetsMayComeFromAFolderButOnlyThePagesFiles) {
  const fs::path assets = dir_ / "assets";
  fs::create_directories(assets);
  std::ofstream(assets / "index.html") << "<!doctype html><title>dev</title>";
  std::ofstream(assets / "secret.txt") << "not for the web";
  ServerOptions options;
  options.assets_dir = assets.string();
  RunningServer server(index_, options);
  auto client = server.client();
  EXPECT_EQ(client.Get("/")->body, "<!doctype html><title>dev</title>");
  EXPECT_EQ(client.Get("/assets/app.js")->status, 404);  // not in the folder
  EXPECT_EQ(client.Get("/assets/secret.txt")->status, 404);
}

TEST_F(ServerTest, UnavailableUntilTheIndexExistsThenNewDataWithoutARestart) {
  const fs::path dir = dir_ / "later";
  fs::create_directories(dir);
  const std::string index = (dir / "index").string();
  RunningServer server(index);
  const nlohmann::json missing = get_json(server, "/healthz", 503);
  EXPECT_NE(missing["error"]["message"].get<std::string>().find(index), std::string::npos) << missing;
  get_json(server, "/api/search?q=x", 503);

  std::ofstream(dir / "one.jsonl") << R"({"id":"n1","date":"2021-03-01","title":"قصف","body":"قصف على مدينة حلب."})" << "\n";
  ASSERT_EQ(std::system((kIndexer + " --db " + index + " " + (dir / "one.jsonl").string() + " > /dev/null 2>&1").c_str()), 0);
  EXPECT_EQ(get_json(server, "/healthz")["documents"], 1);
  EXPECT_EQ(get_json(server, "/api/search" + query_string({{"q", "حلب"}}))["total"]["value"], 1);

  // A commit while the server runs is seen by the next request.
  std::ofstream(dir / "two.jsonl") << R"({"id":"n2","date":"2021-03-02","title":"قصف","body":"قصف جديد على حلب."})" << "\n";
  ASSERT_EQ(std::system((kIndexer + " --db " + index + " " + (dir / "two.jsonl").string() + " > /dev/null 2>&1").c_str()), 0);
  EXPECT_EQ(get_json(server, "/api/search" + query_string({{"q", "حلب"}}))["total"]["value"], 2);
  EXPECT_EQ(get_json(server, "/healthz")["documents"], 2);
}

TEST_F(ServerTest, WithAllowPartialAnUnreachableShardIsNamedInTheAnswer) {
  // The index's own shards and one that no one serves.
  const fs::path dir = dir_ / "partial";
  fs::create_directories(dir);
  const std::string closed = "remote tcp 127.0.0.1 " + std::to_string(testing_support::free_port());
  {
    std::ofstream stub(dir / "XAPIANDB");
    std::ifstream own(fs::path(index_) / "XAPIANDB");
    for (std::string line; std::getline(own, line);)
      if (line.starts_with("auto ")) stub << "auto " << (fs::path(index_) / line.substr(5)).string() << "\n";
    stub << closed << "\n";
  }
  const std::string q = "/api/search" + query_string({{"q", "قتلى"}});
  {
    RunningServer strict(dir.string());
    const nlohmann::json refused = get_json(strict, q, 503);
    EXPECT_NE(refused["error"]["message"].get<std::string>().find(closed), std::string::npos) << refused;
  }
  ServerOptions options;
  options.allow_partial = true;
  RunningServer partial(dir.string(), options);
  const nlohmann::json answer = get_json(partial, q);
  EXPECT_EQ(answer["partial"], true);
  ASSERT_EQ(answer["failed_shards"].size(), 1u) << answer;
  EXPECT_EQ(answer["failed_shards"][0]["shard"], closed);
  RunningServer whole(index_);
  const nlohmann::json all = get_json(whole, q);
  EXPECT_EQ(all["partial"], false);
  EXPECT_EQ(answer["total"], all["total"]) << "the unreachable shard held nothing";

  // The command line alike: an error naming the shard, or a warning and the partial answer.
  const auto refused = testing_support::run_command(kSearch + " --db " + dir.string() + " قتلى");
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.output.find(closed), std::string::npos) << refused.output;
  EXPECT_EQ(std::count(refused.output.begin(), refused.output.end(), '\n'), 1) << refused.output;
  const auto warned = testing_support::run_command(kSearch + " --db " + dir.string() + " --allow-partial --no-facets قتلى");
  EXPECT_EQ(warned.status, 0);
  EXPECT_NE(warned.output.find("warning: partial answer: shard '" + closed + "'"), std::string::npos) << warned.output;
}

TEST_F(ServerTest, EachRequestIsLoggedWithItsStatusButNotItsQuery) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
  {
    RunningServer server(index_);
    get_json(server, "/api/search" + query_string({{"q", "سر التحقيق"}}));
    get_json(server, "/api/search?limit=0&q=x", 400);
  }
  spdlog::set_default_logger(previous);
  EXPECT_NE(log.str().find("GET /api/search 200"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("GET /api/search 400"), std::string::npos) << log.str();
  EXPECT_EQ(log.str().find("سر"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find(" ms"), std::string::npos) << log.str();
}

TEST_F(ServerTest, OtherAddressesThanLoopbackNeedAToken) {
  const auto run = testing_support::run_command(kSearch + " --db " + index_ + " serve --bind 0.0.0.0 --port 0");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find("--token"), std::string::npos) << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
}

TEST_F(ServerTest, TheCommandSaysWhereItListensAndStopsOnSigterm) {
  const fs::path out = dir_ / "serve.out";
  const std::string command = kSearch + " serve --db " + index_ + " --port 0 --quiet > " + out.string() + " 2>&1 & echo $!";
  const auto started = testing_support::run_command(command);
  const int pid = std::stoi(started.output);
  std::string line;
  for (int i = 0; i < 100 && line.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::ifstream in(out);
    std::getline(in, line);
  }
  ASSERT_TRUE(line.starts_with("listening on http://127.0.0.1:")) << line;
  const int port = std::stoi(line.substr(line.rfind(':') + 1));
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    gone = kill(pid, 0) != 0;
  }
  EXPECT_TRUE(gone);
}

}  // namespace
}  // namespace marsad::searcher

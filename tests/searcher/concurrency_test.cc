// While marsad-index commits batch after batch, readers question the same index without pause
// (searches, the stats, the entity list): four with a Searcher of their own, as marsad-search
// does, and four over HTTP through one `marsad-search serve`. No reader may fail or see a count
// shrink, and once the indexer is done every reader sees every report, once, in the numbers the
// corpus was written to have.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/schema.h"
#include "searcher/searcher.h"
#include "tests/support/background_process.h"
#include "tests/support/url.h"

namespace marsad::searcher {
namespace {

using testing_support::encoded;

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing_support::BackgroundProcess;

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index";
const std::string kSearch = std::string(MARSAD_BINARY_DIR) + "/searcher/marsad-search";

/** A sentence reports are made of, and a query that finds exactly the reports holding it through
 *  what tagging found in it, so that the counts readers see are facets, not only words. */
struct Sentence {
  std::string_view text;
  std::string_view query;
};
constexpr std::array<Sentence, 6> kSentences = {{
    {"أعلنت وزارة الصحة في غزة مقتل 30 مدنيا في قصف على خان يونس.", "actor:gaza-health-ministry"},
    {"قصف الجيش مواقع المعارضة في ريف حلب.", "place:aleppo-governorate"},
    {"وقال الحوثيون في صنعاء إن غارات التحالف أصابت مطار صنعاء.", "actor:houthis"},
    {"ودعت الأمم المتحدة إلى وقف إطلاق النار في السودان.", "actor:un"},
    {"وأعلنت وزارة الدفاع الأذربيجانية مقتل 12 جنديا أرمينيا في قره باغ.", "actor:azerbaijani-mod"},
    {"ونفت روسيا أي دور لقواتها في الهجوم.", "actor:russia"},
}};

/** Every report has this word (its title is "تقرير N"): its query counts them all. */
constexpr std::string_view kEveryReport = "تقرير";

constexpr int kReports = 4000;

/** The sentences of report i: two of the table, or one when both picks fall on the same. */
std::vector<std::size_t> sentences_of(int i) {
  std::vector<std::size_t> picked{static_cast<std::size_t>(i) % kSentences.size()};
  const std::size_t second = static_cast<std::size_t>(i / 5) % kSentences.size();
  if (second != picked.front()) picked.push_back(second);
  return picked;
}

std::string report_id(int i) { return "c-" + std::to_string(i); }

void write_corpus(const fs::path& path) {
  std::ofstream out(path);
  for (int i = 0; i < kReports; ++i) {
    std::string body;
    for (std::size_t s : sentences_of(i)) {
      body += kSentences[s].text;
      body += ' ';
    }
    body += "رقم " + std::to_string(i);  // every body differs: no report is another's duplicate
    nlohmann::json record{{"id", report_id(i)},
                          {"title", std::string(kEveryReport) + " " + std::to_string(i)},
                          {"body", body},
                          {"date", "2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10)},
                          {"source", i % 2 ? "صحيفة الأفق" : "إذاعة الساحل"}};
    out << record.dump() << '\n';
  }
}

/** A question readers ask, and its answer once the whole corpus is indexed. */
struct Probe {
  enum class Kind {
    Search,  // the total of a query (with facets when it is every report)
    Stats,   // the reports the index holds
    Entity,  // the reports that name an entity (by id) as actor
  };
  Kind kind;
  std::string text;  // the query or the entity id
  Xapian::doccount expected;

  std::string describe() const {
    return kind == Kind::Search ? "search '" + text + "'" : kind == Kind::Stats ? "stats" : "entity " + text;
  }
};

/** The reports holding sentence `s`. */
Xapian::doccount reports_holding(std::size_t s) {
  Xapian::doccount holding = 0;
  for (int i = 0; i < kReports; ++i)
    for (std::size_t t : sentences_of(i)) holding += t == s;
  return holding;
}

/** What readers ask, over and over: every report (with facets), each sentence, some reports by id
 *  from the first written to the last, the stats and an entity's reports. */
std::vector<Probe> probes() {
  using enum Probe::Kind;
  std::vector<Probe> out{{Search, std::string(kEveryReport), kReports}, {Stats, "", kReports}};
  for (std::size_t s = 0; s < kSentences.size(); ++s)
    out.push_back({Search, std::string(kSentences[s].query), reports_holding(s)});
  out.push_back({Entity, "russia", reports_holding(5)});
  for (int i = 0; i < kReports; i += kReports / 16 + 1) out.push_back({Search, "id:" + report_id(i), 1});
  out.push_back({Search, "id:" + report_id(kReports - 1), 1});
  return out;
}

/** What one reader saw, for the main thread to judge. */
struct ReaderLog {
  std::vector<std::string> errors;
  std::map<std::string, Xapian::doccount> last_count;  // by probe
  int answers_during_indexing = 0;
  int partial_views = 0;  // answers that counted some reports but not all: the index was growing
  /** Records an answer; a count below an earlier one of the same probe is an error. */
  void saw(const Probe& probe, Xapian::doccount count, const std::string& where) {
    auto [it, first] = last_count.emplace(probe.describe(), count);
    if (!first && count < it->second)
      errors.push_back(where + ": " + probe.describe() + " counted " + std::to_string(count) + " after " +
                       std::to_string(it->second));
    if (count > probe.expected)
      errors.push_back(where + ": " + probe.describe() + " counted " + std::to_string(count) + ", more than the " +
                       std::to_string(probe.expected) + " written");
    it->second = count;
    if (probe.kind == Probe::Kind::Search && probe.text == kEveryReport && count > 0 && count < probe.expected) ++partial_views;
  }
};

/** The first few of `errors`, one a line ("" when there is none). */
std::string first_errors(const std::vector<std::string>& errors) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i) out += errors[i] + "\n";
  if (errors.size() > 5) out += "… and " + std::to_string(errors.size() - 5) + " more\n";
  return out;
}

/** One reader with a Searcher of its own, refreshed before each question as the server does it. */
class LibraryReader {
 public:
  explicit LibraryReader(std::string index) : index_(std::move(index)) {}

  /** Asks `probe`; false while the index does not exist yet. */
  bool ask(const Probe& probe, ReaderLog& log) {
    if (!searcher_) {
      if (!fs::exists(fs::path(index_) / schema::kStubFileName)) return false;
      searcher_.emplace(index_);
    }
    searcher_->refresh();
    switch (probe.kind) {
      case Probe::Kind::Search: {
        const SearchResult result = searcher_->search(SearchRequest(probe.text, 0, 1, probe.text == kEveryReport));
        log.saw(probe, result.total, "library");
        if (probe.text.starts_with("id:") && result.total == 1 && result.hits.at(0).id != probe.text.substr(3))
          log.errors.push_back("library: search '" + probe.text + "' found " + result.hits.at(0).id);
        break;
      }
      case Probe::Kind::Stats:
        log.saw(probe, searcher_->stats(FacetOptions{}).documents, "library");
        break;
      case Probe::Kind::Entity: {
        Xapian::doccount reports = 0;
        for (const EntityInfo& info : searcher_->entities(std::nullopt, probe.text))
          if (info.entity->id == probe.text) reports = info.as_actor;
        log.saw(probe, reports, "library");
        break;
      }
    }
    return true;
  }

 private:
  std::string index_;
  std::optional<Searcher> searcher_;
};

/** One reader asking the server: 503 is allowed only before the index first answered. */
class HttpReader {
 public:
  explicit HttpReader(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(30); }

  bool ask(const Probe& probe, ReaderLog& log) {
    const std::string path =
        probe.kind == Probe::Kind::Stats    ? std::string("/api/stats")
        : probe.kind == Probe::Kind::Entity ? "/api/entities?prefix=" + encoded(probe.text)
                                            : "/api/search?limit=1&facets=" + std::string(probe.text == kEveryReport ? "1" : "0") +
                                                  "&q=" + encoded(probe.text);
    auto res = client_.Get(path);
    if (!res) {
      log.errors.push_back("http: no answer to " + path + ": " + httplib::to_string(res.error()));
      return false;
    }
    if (res->status == 503 && !answered_) return false;
    if (res->status != 200) {
      log.errors.push_back("http: " + std::to_string(res->status) + " for " + path + ": " + res->body.substr(0, 300));
      return false;
    }
    answered_ = true;
    const nlohmann::json answer = nlohmann::json::parse(res->body);
    switch (probe.kind) {
      case Probe::Kind::Search:
        log.saw(probe, answer["total"]["value"].get<Xapian::doccount>(), "http");
        if (probe.text.starts_with("id:") && answer["total"]["value"] == 1 && answer["hits"][0]["id"] != probe.text.substr(3))
          log.errors.push_back("http: search '" + probe.text + "' found " + answer["hits"][0]["id"].dump());
        break;
      case Probe::Kind::Stats:
        log.saw(probe, answer["documents"].get<Xapian::doccount>(), "http");
        break;
      case Probe::Kind::Entity: {
        Xapian::doccount reports = 0;
        for (const nlohmann::json& entity : answer)
          if (entity["id"] == probe.text) reports = entity["reports"]["actor"].get<Xapian::doccount>();
        log.saw(probe, reports, "http");
        break;
      }
    }
    return true;
  }

 private:
  httplib::Client client_;
  bool answered_ = false;
};

/** Asks `probes` round and round (each reader starting elsewhere) while `indexing`, then, once the
 *  index is whole, every probe once more; whatever goes wrong ends in `log.errors`. */
template <class Reader>
void read_while_indexing(Reader& reader, const std::vector<Probe>& probes, std::size_t start, const std::atomic<bool>& indexing,
                         ReaderLog& log) {
  try {
    for (std::size_t n = start; indexing && log.errors.empty(); ++n) {
      if (reader.ask(probes[n % probes.size()], log)) {
        ++log.answers_during_indexing;
      } else {
        std::this_thread::sleep_for(5ms);  // the index is not there yet
      }
    }
    if (!log.errors.empty()) return;
    for (const Probe& probe : probes) {
      if (!reader.ask(probe, log)) log.errors.push_back("no answer to " + probe.describe() + " after the indexer ended");
      if (log.last_count[probe.describe()] != probe.expected)
        log.errors.push_back(probe.describe() + " counts " + std::to_string(log.last_count[probe.describe()]) +
                             " once the indexer ended, expected " + std::to_string(probe.expected));
    }
  } catch (const std::exception& e) {
    log.errors.push_back(std::string("threw: ") + e.what());
  } catch (const Xapian::Error& e) {
    log.errors.push_back("threw: " + e.get_description());
  }
}

TEST(Concurrency, ReadersSearchingWhileTheIndexerCommitsNeverFailAndEndUpSeeingEveryReport) {
  const fs::path dir = fs::path(testing::TempDir()) / ("concurrency_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string index = (dir / "index").string();
  write_corpus(dir / "reports.jsonl");
  const std::vector<Probe> asked = probes();

  // The server starts before the index exists and answers 503 until it does.
  BackgroundProcess server({kSearch, "--db", index, "serve", "--port", "0", "--quiet"}, dir / "serve.log");
  const auto listening = server.wait_for_line("listening on http://127.0.0.1:", 10s);
  ASSERT_TRUE(listening) << server.log();
  const int port = std::stoi(listening->substr(listening->rfind(':') + 1));

  constexpr int kReadersOfEachKind = 4;
  std::atomic<bool> indexing = true;
  std::vector<ReaderLog> library_logs(kReadersOfEachKind), http_logs(kReadersOfEachKind);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReadersOfEachKind; ++r) {
    const std::size_t start = static_cast<std::size_t>(r) * asked.size() / kReadersOfEachKind;
    readers.emplace_back([&, r, start] {
      LibraryReader reader(index);
      read_while_indexing(reader, asked, start, indexing, library_logs[r]);
    });
    readers.emplace_back([&, r, start] {
      HttpReader reader(port);
      read_while_indexing(reader, asked, start, indexing, http_logs[r]);
    });
  }
  // A commit every 100 reports: 40 revisions for the readers to meet.
  BackgroundProcess indexer(
      {kIndexer, "--db", index, "--batch", "100", "--threads", "1", "--quiet", (dir / "reports.jsonl").string()}, dir / "index.log");
  const testing_support::Ending ending = indexer.wait(120s);
  indexing = false;
  for (std::thread& t : readers) t.join();

  ASSERT_TRUE(ending.exited && ending.exit_code == 0) << indexer.log();
  EXPECT_NE(indexer.log().find("indexed (new)    " + std::to_string(kReports)), std::string::npos) << indexer.log();
  int library_partial = 0, http_partial = 0;
  for (int r = 0; r < kReadersOfEachKind; ++r) {
    for (const auto& [kind, log] : {std::pair{"library", &library_logs[r]}, std::pair{"http", &http_logs[r]}}) {
      EXPECT_EQ(first_errors(log->errors), "") << kind << " reader " << r;
      EXPECT_GT(log->answers_during_indexing, 0) << kind << " reader " << r << " never asked while the indexer ran";
    }
    library_partial += library_logs[r].partial_views;
    http_partial += http_logs[r].partial_views;
  }
  // Otherwise the indexer was done before anyone looked, and nothing above was tested.
  EXPECT_GT(library_partial, 0) << "no library reader saw the index while it grew";
  EXPECT_GT(http_partial, 0) << "no HTTP reader saw the index while it grew";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace marsad::searcher

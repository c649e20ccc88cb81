// marsad-bench-scale: indexing speed, index size and query latency of the news corpus replicated with
// new ids to a large size, in several layouts (local shards; partitions served by xapian-tcpsrv on
// loopback), at a large and a smaller size so that the growth of each figure shows.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/common/child.h"
#include "bench/common/corpus.h"
#include "bench/common/machine.h"
#include "bench/common/queries.h"
#include "bench/common/work_dir.h"
#include "bench/scale/loopback_server.h"
#include "common/cli/run_main.h"
#include "common/errors.h"
#include "common/schema.h"
#include "common/text/utf8.h"
#include "searcher/allocator.h"
#include "searcher/searcher.h"

#ifndef MARSAD_INDEX_EXE
#error "MARSAD_INDEX_EXE must name the marsad-index executable"
#endif
#ifndef MARSAD_QUERIES_TSV
#error "MARSAD_QUERIES_TSV must name bench/search/queries.tsv"
#endif

namespace fs = std::filesystem;
using json = nlohmann::json;
using marsad::bench::ChildRun;
using marsad::bench::Query;
using marsad::bench::run_child;
using marsad::bench::Summary;

namespace {

constexpr double kShardSpeedTarget = 1.6;           // MB/s of 2 local shards over 1, on 2 cores
constexpr double kP95TargetMs = 100;                // query p95 on 2 local shards…
constexpr std::size_t kP95TargetRecords = 500'000;  // …at this many reports
constexpr double kMB = 1e6;

/** The command line. */
struct Options {
  std::string input = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz";
  std::string queries = MARSAD_QUERIES_TSV;
  std::string marsad_index = MARSAD_INDEX_EXE;
  std::string work_dir, json_file;
  std::vector<std::string> layouts = {"shards-1", "shards-2", "shards-4", "partitions-2"};
  std::size_t records = 500'000, small = 100'000;
  unsigned partition_shards = 2;
  int rounds = 3, threads = 2;
  bool keep = false;
};

/** How an index is laid out: local shards of one index, or partitions each served by xapian-tcpsrv. */
struct Layout {
  std::string name;         // shards-N or partitions-N
  unsigned shards = 1;      // of the local index, or of each partition
  unsigned partitions = 0;  // 0: a local index
};

/** The layout a name gives: shards-N (N local shards) or partitions-N (N partitions of
 *  `partition_shards` shards each); ConfigError for anything else. */
Layout parse_layout(const std::string& name, unsigned partition_shards) {
  const auto number_after = [&](const std::string& prefix) -> unsigned {
    if (name.rfind(prefix, 0) != 0) return 0;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 2 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
    return static_cast<unsigned>(std::stoul(digits));
  };
  if (const unsigned n = number_after("shards-"); n >= 1) return {name, n, 0};
  if (const unsigned n = number_after("partitions-"); n >= 2) return {name, partition_shards, n};
  throw marsad::ConfigError("--layouts: '" + name + "' is neither shards-N (N >= 1) nor partitions-N (N >= 2)");
}

/** The input of one size: the corpus replicated to `records` records, as one JSONL file. */
struct Corpus {
  std::size_t records = 0;
  std::uintmax_t bytes = 0;  // the JSON text the indexer reads
  fs::path file;
};

/** What one query gave on one index: its timed runs, its total, or its error. */
struct QueryRuns {
  std::vector<double> ms;
  std::optional<Xapian::doccount> total;
  std::optional<std::string> error;
};

/** What was measured for one layout at one size. */
struct Measurement {
  std::string layout;
  unsigned shards = 1, partitions = 0;
  std::size_t records = 0;
  std::uintmax_t input_bytes = 0;
  Xapian::doccount documents = 0;
  std::vector<ChildRun> builds;  // one per partition; one for a local index
  double index_mb = 0;
  double first_query_ms = 0;                    // the first search after opening: the facet table is read then
  double load_indexing = 0, load_querying = 0;  // the machine's load average when each ended
  Summary latency;
  std::vector<QueryRuns> queries;

  /** Seconds of indexing on this machine, the partitions one after another. */
  double seconds() const {
    double sum = 0;
    for (const ChildRun& b : builds) sum += b.seconds;
    return sum;
  }
  /** Seconds of indexing with one machine per partition: the longest partition. */
  double parallel_seconds() const {
    double longest = 0;
    for (const ChildRun& b : builds) longest = std::max(longest, b.seconds);
    return longest;
  }
  /** Input MB per second of seconds(). */
  double mb_per_s() const { return static_cast<double>(input_bytes) / kMB / seconds(); }
  /** Input MB per second of parallel_seconds(). */
  double parallel_mb_per_s() const { return static_cast<double>(input_bytes) / kMB / parallel_seconds(); }
  /** Reports indexed per second of seconds(). */
  double docs_per_s() const { return documents / seconds(); }
  /** The most memory one indexing run took. */
  double peak_rss_mb() const {
    double peak = 0;
    for (const ChildRun& b : builds) peak = std::max(peak, b.peak_rss_mb);
    return peak;
  }
  /** Index kilobytes per report. */
  double kb_per_report() const { return documents > 0 ? index_mb * 1000 / documents : 0; }
  /** The queries that failed on this index. */
  std::size_t failed() const {
    return static_cast<std::size_t>(
        std::count_if(queries.begin(), queries.end(), [](const QueryRuns& q) { return q.error.has_value(); }));
  }
};

/** Sum of the sizes of the regular files under `dir`, in bytes. */
std::uintmax_t bytes_under(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) total += entry.file_size();
  return total;
}

/** Writes the corpus replicated to `records` records into the work directory. */
Corpus write_input(const Options& o, marsad::bench::WorkDir& work, std::size_t records) {
  Corpus corpus;
  corpus.file = work.entry("input-" + std::to_string(records) + ".jsonl");
  std::cerr << "writing " << records << " records to " << corpus.file.string() << "\n";
  corpus.records = marsad::bench::write_corpus(o.input, 0, records, corpus.file);
  corpus.bytes = fs::file_size(corpus.file);
  return corpus;
}

/** Runs marsad-index into `db` over the corpus: `shards` shards, partition `part` of `partitions` when
 *  partitions > 0. */
ChildRun index_into(const Options& o, const fs::path& db, const Corpus& corpus, unsigned shards, unsigned part,
                    unsigned partitions) {
  std::vector<std::string> args = {o.marsad_index, "--db", db.string(), "--quiet", "--keep-duplicates"};
  args.insert(args.end(), {"--shards", std::to_string(shards), "--threads", std::to_string(o.threads)});
  if (partitions > 0) {
    args.push_back("--partition");
    args.push_back(std::to_string(part) + "/" + std::to_string(partitions));
  }
  args.push_back(corpus.file.string());
  const ChildRun run = run_child(args);
  std::cerr << "  " << db.filename().string() << ": indexed in " << std::fixed << std::setprecision(1) << run.seconds
            << " s\n";
  return run;
}

/** The folders a layout's index is made of inside `dir`: "index", or "part-1", "part-2"… */
std::vector<fs::path> index_folders(const Layout& layout, const fs::path& dir) {
  if (layout.partitions == 0) return {dir / "index"};
  std::vector<fs::path> parts;
  for (unsigned k = 1; k <= layout.partitions; ++k) parts.push_back(dir / ("part-" + std::to_string(k)));
  return parts;
}

/** Builds every folder of the layout (partitions one after another), recording times, size and count. */
void build_layout(const Options& o, const Layout& layout, const Corpus& corpus, const fs::path& dir, Measurement& m) {
  const std::vector<fs::path> folders = index_folders(layout, dir);
  for (unsigned k = 0; k < folders.size(); ++k)
    m.builds.push_back(index_into(o, folders[k], corpus, layout.shards, k + 1, layout.partitions));
  m.load_indexing = marsad::bench::load_average();
  for (const fs::path& folder : folders) {
    m.index_mb += static_cast<double>(bytes_under(folder)) / kMB;
    m.documents += Xapian::Database(folder.string()).get_doccount();
  }
}

/** Searches once, as the product does (top 10 with snippets, exact total, every facet); the time in ms. */
double search_once(marsad::searcher::Searcher& searcher, const std::string& text, QueryRuns& runs) {
  const auto start = std::chrono::steady_clock::now();
  try {
    runs.total = searcher.search(marsad::searcher::SearchRequest{text, 0, 10, /*facets=*/true}).total;
  } catch (...) {
    runs.error = marsad::bench::describe(std::current_exception());
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

/** One warm-up round and `rounds` timed ones over the queries on the index at `db`; a query that
 *  fails is recorded and not run again. */
void time_queries(const Options& o, const std::vector<Query>& queries, const fs::path& db, Measurement& m) {
  marsad::searcher::Searcher searcher(db.string());
  m.queries.assign(queries.size(), {});
  for (int round = 0; round <= o.rounds; ++round) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      QueryRuns& runs = m.queries[i];
      if (runs.error) continue;
      const double ms = search_once(searcher, queries[i].text, runs);
      if (round == 0 && i == 0) m.first_query_ms = ms;
      if (round > 0 && !runs.error) runs.ms.push_back(ms);
    }
  }
  std::vector<double> samples;
  std::size_t answered = 0;
  for (const QueryRuns& runs : m.queries) {
    if (runs.error) continue;
    samples.insert(samples.end(), runs.ms.begin(), runs.ms.end());
    ++answered;
  }
  m.latency = marsad::bench::summarize(std::move(samples), answered);
  m.load_querying = marsad::bench::load_average();
}

/** A stub folder `dir` naming each server's database, as the searching machine of a cluster lists them. */
fs::path cluster_stub(const fs::path& dir, const std::vector<std::unique_ptr<marsad::bench::LoopbackServer>>& servers) {
  fs::create_directories(dir);
  std::ofstream stub(dir / marsad::schema::kStubFileName);
  for (const auto& server : servers) stub << server->stub_line() << '\n';
  stub.close();
  if (!stub) throw marsad::InputError((dir / marsad::schema::kStubFileName).string() + ": write error");
  return dir;
}

/** Times the queries on the layout built in `dir`: locally, or with each partition served by its own
 *  xapian-tcpsrv on loopback and searched through a stub of remote lines. */
void measure_queries(const Options& o, const Layout& layout, const std::vector<Query>& queries, const fs::path& dir,
                     Measurement& m) {
  if (layout.partitions == 0) return time_queries(o, queries, dir / "index", m);
  std::vector<std::unique_ptr<marsad::bench::LoopbackServer>> servers;
  for (const fs::path& part : index_folders(layout, dir))
    servers.push_back(std::make_unique<marsad::bench::LoopbackServer>(part.string()));
  time_queries(o, queries, cluster_stub(dir / "cluster", servers), m);
}

/** Builds one layout at one size, measures it and (unless --keep) deletes its index. */
Measurement measure_layout(const Options& o, const Layout& layout, const Corpus& corpus,
                           const std::vector<Query>& queries, marsad::bench::WorkDir& work) {
  Measurement m;
  m.layout = layout.name;
  m.shards = layout.shards;
  m.partitions = layout.partitions;
  m.records = corpus.records;
  m.input_bytes = corpus.bytes;
  const fs::path dir = work.entry(layout.name + "-" + std::to_string(corpus.records));
  fs::create_directories(dir);
  std::cerr << layout.name << " at " << corpus.records << " records, in " << dir.string() << "\n";
  build_layout(o, layout, corpus, dir, m);
  measure_queries(o, layout, queries, dir, m);
  std::cerr << "  queries: p50 " << std::setprecision(1) << m.latency.p50 << " ms, p95 " << m.latency.p95 << " ms\n";
  if (!o.keep) fs::remove_all(dir);
  return m;
}

// ---- the report ----

/** a / b, or 0 when b is 0. */
double ratio(double a, double b) { return b > 0 ? a / b : 0; }
/** How a figure stands against its target. */
const char* verdict(bool met) { return met ? "met" : "NOT met"; }

/** The measurement of `layout` at `records` records, if there is one. */
const Measurement* find(const std::vector<Measurement>& all, const std::string& layout, std::size_t records) {
  for (const Measurement& m : all)
    if (m.layout == layout && m.records == records) return &m;
  return nullptr;
}

/** The indexing table of one size. */
void print_indexing(std::ostream& out, const std::vector<Measurement>& all, std::size_t records) {
  out << std::left << std::setw(14) << "layout" << std::right << std::setw(10) << "documents" << std::setw(10)
      << "seconds" << std::setw(8) << "MB/s" << std::setw(8) << "docs/s" << std::setw(12) << "parallel s"
      << std::setw(10) << "par. MB/s" << std::setw(9) << "RSS MB" << std::setw(10) << "index MB" << std::setw(11)
      << "KB/report" << std::setw(6) << "load" << "\n";
  for (const Measurement& m : all) {
    if (m.records != records) continue;
    out << std::left << std::setw(14) << m.layout << std::right << std::setw(10) << m.documents << std::setprecision(1)
        << std::setw(10) << m.seconds() << std::setprecision(2) << std::setw(8) << m.mb_per_s() << std::setprecision(0)
        << std::setw(8) << m.docs_per_s() << std::setprecision(1) << std::setw(12) << m.parallel_seconds()
        << std::setprecision(2) << std::setw(10) << m.parallel_mb_per_s() << std::setprecision(0) << std::setw(9)
        << m.peak_rss_mb() << std::setw(10) << m.index_mb << std::setprecision(1) << std::setw(11) << m.kb_per_report()
        << std::setw(6) << m.load_indexing << "\n";
  }
}

/** The query latency table of one size. */
void print_latency(std::ostream& out, const std::vector<Measurement>& all, std::size_t records) {
  out << std::left << std::setw(14) << "layout (ms)" << std::right << std::setw(9) << "p50" << std::setw(9) << "p95"
      << std::setw(9) << "p99" << std::setw(9) << "mean" << std::setw(10) << "first" << std::setw(8) << "failed"
      << std::setw(6) << "load" << "\n";
  for (const Measurement& m : all) {
    if (m.records != records) continue;
    out << std::left << std::setw(14) << m.layout << std::right << std::setprecision(2) << std::setw(9) << m.latency.p50
        << std::setw(9) << m.latency.p95 << std::setw(9) << m.latency.p99 << std::setw(9) << m.latency.mean
        << std::setprecision(1) << std::setw(10) << m.first_query_ms << std::setw(8) << m.failed() << std::setw(6)
        << m.load_querying << "\n";
  }
}

/** The ids of the queries whose total differs between layouts at one size (all layouts hold the
 *  same reports, so every total must agree), with the totals. */
std::vector<std::string> disagreements(const std::vector<Measurement>& all, std::size_t records,
                                       const std::vector<Query>& queries) {
  std::vector<const Measurement*> same_size;
  for (const Measurement& m : all)
    if (m.records == records) same_size.push_back(&m);
  std::vector<std::string> differ;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::string totals;
    bool same = true;
    for (const Measurement* m : same_size) {
      const auto& total = m->queries[i].total;
      same = same && total == same_size.front()->queries[i].total;
      if (!totals.empty()) totals += '/';
      totals += total ? std::to_string(*total) : std::string("error");
    }
    if (!same) differ.push_back(queries[i].id + " (" + totals + ")");
  }
  return differ;
}

/** The failed queries of one measurement, one line each. */
void print_errors(std::ostream& out, const Measurement& m, const std::vector<Query>& queries) {
  for (std::size_t i = 0; i < queries.size(); ++i)
    if (m.queries[i].error)
      out << "  ERROR " << m.layout << " " << queries[i].id << " " << marsad::text::printable(queries[i].text) << ": "
          << marsad::text::printable(*m.queries[i].error) << "\n";
}

/** Both tables of one size, and whether the layouts agree on every total. */
void print_size(std::ostream& out, const std::vector<Measurement>& all, std::size_t records,
                const std::vector<Query>& queries, int rounds) {
  const auto any = std::find_if(all.begin(), all.end(), [&](const Measurement& m) { return m.records == records; });
  if (any == all.end()) return;
  out << "\n=== " << records << " records, " << std::setprecision(1) << static_cast<double>(any->input_bytes) / kMB
      << " MB of JSON\n\nindexing (seconds: on this machine; parallel: one machine per partition; load: the machine's\n"
         "load average as indexing ended):\n";
  print_indexing(out, all, records);
  out << "\nqueries (" << queries.size() << ", " << rounds
      << " timed rounds after a warm-up; top 10 with snippets, exact total, every facet):\n";
  print_latency(out, all, records);
  const auto differ = disagreements(all, records, queries);
  out << "totals agree across layouts: " << (differ.empty() ? "yes" : "NO:");
  for (const auto& d : differ) out << " " << d;
  out << "\n";
  for (const Measurement& m : all)
    if (m.records == records) print_errors(out, m, queries);
}

/** The verdicts against the two targets, from what was measured. */
void print_targets(std::ostream& out, const std::vector<Measurement>& all, const std::vector<std::size_t>& sizes) {
  out << "\ntargets:\n";
  for (std::size_t records : sizes) {
    const Measurement *one = find(all, "shards-1", records), *two = find(all, "shards-2", records);
    if (!one || !two) continue;
    const double speedup = ratio(two->mb_per_s(), one->mb_per_s());
    out << "  indexing, 2 shards / 1 shard at " << records << ": " << std::setprecision(2) << speedup
        << "x (target >= " << kShardSpeedTarget << "x: " << verdict(speedup >= kShardSpeedTarget) << ")\n";
  }
  if (const Measurement* two = find(all, "shards-2", sizes.back())) {
    out << "  query p95 on 2 local shards at " << sizes.back() << ": " << std::setprecision(1) << two->latency.p95
        << " ms (target <= " << std::setprecision(0) << kP95TargetMs << " ms at " << kP95TargetRecords << ": "
        << verdict(two->latency.p95 <= kP95TargetMs)
        << (sizes.back() < kP95TargetRecords ? ", measured on fewer records: indicative only" : "") << ")\n";
  }
}

/** How each layout's figures grew from the small size to the large one. */
void print_growth(std::ostream& out, const std::vector<Measurement>& all, std::size_t small, std::size_t large) {
  out << "\ngrowth from " << small << " to " << large << " records (x" << std::setprecision(2)
      << static_cast<double>(large) / static_cast<double>(small) << "):\n"
      << std::left << std::setw(14) << "layout" << std::right << std::setw(10) << "seconds" << std::setw(8) << "MB/s"
      << std::setw(10) << "index MB" << std::setw(11) << "KB/report" << std::setw(8) << "p50" << std::setw(8) << "p95"
      << std::setw(8) << "first" << "\n";
  for (const Measurement& big : all) {
    const Measurement* little = big.records == large ? find(all, big.layout, small) : nullptr;
    if (!little) continue;
    out << std::left << std::setw(14) << big.layout << std::right << std::setprecision(2) << std::setw(9)
        << ratio(big.seconds(), little->seconds()) << "x" << std::setw(7) << ratio(big.mb_per_s(), little->mb_per_s())
        << "x" << std::setw(9) << ratio(big.index_mb, little->index_mb) << "x" << std::setw(10)
        << ratio(big.kb_per_report(), little->kb_per_report()) << "x" << std::setw(7)
        << ratio(big.latency.p50, little->latency.p50) << "x" << std::setw(7)
        << ratio(big.latency.p95, little->latency.p95) << "x" << std::setw(7)
        << ratio(big.first_query_ms, little->first_query_ms) << "x\n";
  }
}

/** The whole report: each size's tables, the targets and the growth. */
void print_report(std::ostream& out, const std::vector<Measurement>& all, const std::vector<std::size_t>& sizes,
                  const std::vector<Query>& queries, int rounds) {
  out << std::fixed;
  for (std::size_t records : sizes) print_size(out, all, records, queries, rounds);
  print_targets(out, all, sizes);
  if (sizes.size() == 2) print_growth(out, all, sizes.front(), sizes.back());
}

// ---- JSON ----

/** One measurement as JSON, with each query's median time and total. */
json measurement_json(const Measurement& m, const std::vector<Query>& queries) {
  json builds = json::array();
  for (const ChildRun& b : m.builds) builds.push_back({{"seconds", b.seconds}, {"peak_rss_mb", b.peak_rss_mb}});
  json per_query = json::array();
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const QueryRuns& q = m.queries[i];
    json row = {{"id", queries[i].id}, {"category", queries[i].category}};
    if (q.error)
      row["error"] = *q.error;
    else
      row.update({{"median_ms", marsad::bench::median(q.ms)}, {"total", q.total.value_or(0)}});
    per_query.push_back(std::move(row));
  }
  return {{"layout", m.layout},
          {"shards", m.shards},
          {"partitions", m.partitions},
          {"records", m.records},
          {"input_mb", static_cast<double>(m.input_bytes) / kMB},
          {"documents", m.documents},
          {"builds", builds},
          {"index_seconds", m.seconds()},
          {"parallel_seconds", m.parallel_seconds()},
          {"mb_per_s", m.mb_per_s()},
          {"parallel_mb_per_s", m.parallel_mb_per_s()},
          {"docs_per_s", m.docs_per_s()},
          {"peak_rss_mb", m.peak_rss_mb()},
          {"index_mb", m.index_mb},
          {"kb_per_report", m.kb_per_report()},
          {"first_query_ms", m.first_query_ms},
          {"load_average", {{"indexing", m.load_indexing}, {"querying", m.load_querying}}},
          {"latency_ms",
           {{"queries", m.latency.queries},
            {"runs", m.latency.samples},
            {"p50", m.latency.p50},
            {"p95", m.latency.p95},
            {"p99", m.latency.p99},
            {"mean", m.latency.mean}}},
          {"failed_queries", m.failed()},
          {"queries", per_query}};
}

/** Writes what has been measured so far to --json (after every layout, so a long run that stops
 *  keeps its figures). */
void write_json(const Options& o, const std::vector<Measurement>& all, const std::vector<Query>& queries,
                const std::string& machine) {
  if (o.json_file.empty()) return;
  json out = {
      {"machine", machine},
      {"input", o.input},
      {"queries", o.queries},
      {"rounds", o.rounds},
      {"threads", o.threads},
      {"partition_shards", o.partition_shards},
      {"targets", {{"shard_speedup", kShardSpeedTarget}, {"p95_ms", kP95TargetMs}, {"p95_records", kP95TargetRecords}}},
      {"runs", json::array()}};
  for (const Measurement& m : all) out["runs"].push_back(measurement_json(m, queries));
  std::ofstream file(o.json_file);
  file << out.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
  if (!file) throw marsad::InputError(o.json_file + ": write error");
}

/** The sizes to measure, smallest first. */
std::vector<std::size_t> sizes_of(const Options& o) {
  if (o.small >= o.records) throw marsad::ConfigError("--small must be below --records (or 0 for none)");
  if (o.small > 0) return {o.small, o.records};
  return {o.records};
}

/** Measures every layout at every size, reports, and returns 1 when a query failed. */
int run(const Options& o) {
  if (access(o.marsad_index.c_str(), X_OK) != 0) throw marsad::InputError(o.marsad_index + " is not an executable");
  std::vector<Layout> layouts;
  for (const std::string& name : o.layouts) layouts.push_back(parse_layout(name, o.partition_shards));
  const std::vector<std::size_t> sizes = sizes_of(o);
  const std::vector<Query> queries = marsad::bench::read_queries(o.queries);
  marsad::bench::WorkDir work(o.work_dir, o.keep, "marsad-bench-scale");
  const std::string machine = marsad::bench::machine();
  std::cout << "machine: " << machine << "\n";

  std::vector<Measurement> all;
  for (std::size_t records : sizes) {
    const Corpus corpus = write_input(o, work, records);
    for (const Layout& layout : layouts) {
      all.push_back(measure_layout(o, layout, corpus, queries, work));
      write_json(o, all, queries, machine);
    }
    if (!o.keep) fs::remove(corpus.file);
  }
  print_report(std::cout, all, sizes, queries, o.rounds);
  std::size_t failed = 0;
  for (const Measurement& m : all) failed += m.failed();
  if (failed == 0) return 0;
  std::cout << "\n" << failed << " queries failed\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  marsad::searcher::keep_freed_memory();
  CLI::App app{
      "Indexing speed, index size and query latency of the news corpus replicated to a large size, "
      "in local shards and in partitions served by xapian-tcpsrv"};
  Options o;
  app.add_option("--input", o.input, "news corpus, JSONL (optionally gzip)")->capture_default_str();
  app.add_option("--queries", o.queries, "query set (TSV with columns category and query)")->capture_default_str();
  app.add_option("--work-dir", o.work_dir, "where the inputs and indexes go (default: a fresh directory under /tmp)");
  app.add_option("--records", o.records, "reports to replicate the corpus to")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--small", o.small, "a second, smaller size for the growth of each figure (0 = none)")
      ->capture_default_str();
  app.add_option("--rounds", o.rounds, "timed query rounds after one warm-up round")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--layouts", o.layouts,
                 "comma-separated: shards-N (local shards), partitions-N (served by xapian-tcpsrv)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--partition-shards", o.partition_shards, "shards of each partition")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--threads", o.threads, "threads for marsad-index")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_flag("--keep", o.keep, "keep the inputs and every index (they are deleted once measured otherwise)");
  app.add_option("--json", o.json_file, "also write the figures to this file as JSON");
  app.add_option("--marsad-index", o.marsad_index, "marsad-index executable")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (!marsad::bench::corpus_present(o.input)) return marsad::bench::kSkip;
  return marsad::cli::run_main("marsad-bench-scale", [&] { return run(o); });
}

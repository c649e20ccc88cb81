// marsad-bench-search: query latency of Marsad's Searcher against plain Xapian, with and without one
// exact date facet, on indexes of the news corpus that it builds (or reuses) and optionally scales up.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bench/common/child.h"
#include "bench/common/corpus.h"
#include "bench/common/machine.h"
#include "bench/common/queries.h"
#include "bench/common/work_dir.h"
#include "common/cli/run_main.h"
#include "common/errors.h"
#include "common/text/utf8.h"
#include "searcher/allocator.h"
#include "searcher/searcher.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#ifndef MARSAD_INDEX_EXE
#error "MARSAD_INDEX_EXE must name the marsad-index executable"
#endif
#ifndef MARSAD_PLAIN_INDEXER_EXE
#error "MARSAD_PLAIN_INDEXER_EXE must name the marsad-bench-plain-indexer executable"
#endif
#ifndef MARSAD_QUERIES_TSV
#error "MARSAD_QUERIES_TSV must name bench/search/queries.tsv"
#endif

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr Xapian::valueno kPlainDateSlot = 0;  // YYYYMMDD, as marsad-bench-plain-indexer stores it

using marsad::bench::describe;
using marsad::bench::machine;
using marsad::bench::median;
using marsad::bench::Query;
using marsad::bench::read_queries;
using marsad::bench::run_child;
using marsad::bench::Summary;
using marsad::bench::summarize;
using marsad::bench::write_corpus;

/** The command line. */
struct Options {
  std::string input = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz";
  std::string queries = MARSAD_QUERIES_TSV;
  std::string marsad_index = MARSAD_INDEX_EXE;
  std::string plain_indexer = MARSAD_PLAIN_INDEXER_EXE;
  std::string work_dir, json_file;
  bool reuse = false, keep = false, allow_errors = false;
  std::size_t scale = 0, max_docs = 0;
  int rounds = 5, threads = 2;
};

/** A Marsad index and a plain one over the same records. */
struct IndexSet {
  std::string label;  // "corpus" or "scale N"
  fs::path dir, marsad_db, plain_db;
  Xapian::doccount marsad_docs = 0, plain_docs = 0;
  std::optional<double> marsad_seconds, plain_seconds;  // absent when reused
};

/** A file's identity for reuse: its path, size and modification time. */
json file_key(const std::string& path) {
  return {fs::weakly_canonical(path).string(), fs::file_size(path),
          fs::last_write_time(path).time_since_epoch().count()};
}

/** What an index set was built from and with; a set is reused only when this matches. */
json build_key(const Options& o, std::size_t scale) {
  return {{"input", file_key(o.input)},
          {"marsad_index", file_key(o.marsad_index)},
          {"plain_indexer", file_key(o.plain_indexer)},
          {"max_docs", o.max_docs},
          {"scale", scale}};
}

/** The work directory's sub-folder for the corpus (scale 0) or a replicated one. */
std::string set_name(const Options& o, std::size_t scale) {
  std::string name = scale > 0 ? "scale-" + std::to_string(scale) : "corpus";
  return name + (o.max_docs > 0 ? "-first-" + std::to_string(o.max_docs) : "");
}

/** Whether a finished build left `marker` with the same key. */
bool reusable(const fs::path& marker, const json& key) {
  std::ifstream in(marker);
  if (!in) return false;
  const json stored = json::parse(in, nullptr, false);
  return !stored.is_discarded() && stored == key;
}

/** Builds both indexes of one set from `corpus` into set.dir. */
void build(IndexSet& set, const Options& o, const std::string& corpus) {
  std::cerr << "building " << set.label << " indexes in " << set.dir.string() << "\n";
  // --keep-duplicates: the plain indexer keeps every record, and replicas are duplicates by body.
  set.marsad_seconds = run_child({o.marsad_index, "--db", set.marsad_db.string(), "--threads", std::to_string(o.threads),
                                  "--quiet", "--keep-duplicates", corpus}).seconds;
  set.plain_seconds = run_child({o.plain_indexer, "--db", set.plain_db.string(), "--input", corpus}).seconds;
}

using marsad::bench::WorkDir;

/** The index set for the corpus (scale 0) or for it replicated to `scale` records: reused or built. */
IndexSet prepare(const Options& o, WorkDir& work, std::size_t scale) {
  IndexSet set;
  set.label = scale > 0 ? "scale " + std::to_string(scale) : "corpus";
  set.dir = work.path() / set_name(o, scale);
  set.marsad_db = set.dir / "marsad.db";
  set.plain_db = set.dir / "plain.db";
  const fs::path marker = set.dir / "built.json";
  const json key = build_key(o, scale);
  if (o.reuse && reusable(marker, key)) {
    std::cerr << "reusing " << set.dir.string() << "\n";
  } else {
    if (fs::exists(set.dir) && !o.reuse)
      throw marsad::InputError(set.dir.string() + " already exists; pass --reuse or choose another --work-dir");
    if (fs::exists(set.dir))
      std::cerr << set.dir.string() << " was built from another input or by other executables: rebuilding\n";
    fs::remove_all(set.dir);
    fs::create_directories(set.dir);
    work.created(set.dir);
    std::string corpus = o.input;
    if (scale > 0 || o.max_docs > 0) {
      const fs::path file = set.dir / "input.jsonl";
      write_corpus(o.input, o.max_docs, scale, file);
      corpus = file.string();
    }
    build(set, o, corpus);
    std::ofstream(marker) << key.dump() << '\n';
  }
  set.marsad_docs = Xapian::Database(set.marsad_db.string()).get_doccount();
  set.plain_docs = Xapian::Database(set.plain_db.string()).get_doccount();
  return set;
}

/** One engine's answer: how many documents match. */
using Engine = std::function<Xapian::doccount(const std::string&)>;

/** Marsad as the product searches: top 10 with snippets, exact total and every facet; with
 *  `stories`, as the page asks: one hit per story, the total and facets counting stories. */
Engine marsad_engine(const fs::path& db, bool stories) {
  auto searcher = std::make_shared<marsad::searcher::Searcher>(db.string());
  return [searcher, stories](const std::string& q) {
    marsad::searcher::SearchRequest request{q, 0, 10, /*facets=*/true};
    request.collapse = stories;
    if (stories) request.facet_options.count = marsad::searcher::CountUnit::Stories;
    return searcher->search(request).total;
  };
}

/** Plain Xapian: default QueryParser (OR) with the indexer's stemmer, BM25, top 10; with
 *  `date_facet`, one ValueCountMatchSpy on the date slot and an exact count. */
Engine plain_engine(const fs::path& path, bool date_facet) {
  struct State {
    Xapian::Database db;
    Xapian::QueryParser parser;
  };
  auto state = std::make_shared<State>();
  state->db = Xapian::Database(path.string());
  state->parser.set_database(state->db);
  state->parser.set_stemmer(Xapian::Stem("arabic"));
  return [state, date_facet](const std::string& q) -> Xapian::doccount {
    Xapian::Enquire enquire(state->db);
    enquire.set_query(state->parser.parse_query(q));
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (!date_facet) return enquire.get_mset(0, 10).get_matches_estimated();
    Xapian::ValueCountMatchSpy spy(kPlainDateSlot);
    enquire.add_matchspy(&spy);
    const Xapian::MSet mset = enquire.get_mset(0, 10, state->db.get_doccount());
    std::vector<std::pair<std::string, Xapian::doccount>> per_day;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) per_day.emplace_back(*it, it.get_termfreq());
    return mset.get_matches_estimated();
  };
}

enum EngineId { kMarsad, kStories, kPlain, kPlainDate, kEngines };
constexpr const char* kEngineNames[kEngines] = {"marsad", "marsad-stories", "plain", "plain+date"};

/** One query's timed runs, match counts and errors, per engine. */
struct QueryRuns {
  std::vector<double> ms[kEngines];  // one per timed round
  std::optional<Xapian::doccount> matches[kEngines];
  std::optional<std::string> error[kEngines];
};

/** Times one search; a query that throws is recorded as failed and not run again. */
void time_one(const Engine& engine, const std::string& query, QueryRuns& runs, EngineId id, bool keep_sample) {
  if (runs.error[id]) return;
  try {
    const auto start = std::chrono::steady_clock::now();
    const Xapian::doccount matches = engine(query);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    runs.matches[id] = matches;
    if (keep_sample) runs.ms[id].push_back(ms);
  } catch (...) {
    runs.error[id] = describe(std::current_exception());
  }
}

/** One warm-up round and `rounds` timed ones, the engines interleaved query by query. */
std::vector<QueryRuns> measure(const std::vector<Query>& queries, const Engine (&engines)[kEngines], int rounds) {
  std::vector<QueryRuns> runs(queries.size());
  for (int round = 0; round <= rounds; ++round) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const Query& q = queries[i];
      time_one(engines[kMarsad], q.text, runs[i], kMarsad, round > 0);
      time_one(engines[kStories], q.text, runs[i], kStories, round > 0);
      if (!q.free_text) continue;
      time_one(engines[kPlain], q.text, runs[i], kPlain, round > 0);
      time_one(engines[kPlainDate], q.text, runs[i], kPlainDate, round > 0);
    }
    std::cerr << (round == 0 ? "warm-up round done\n" : "round " + std::to_string(round) + " done\n");
  }
  return runs;
}

/** Whether any engine failed on the query: it is then left out of every summary. */
bool failed(const QueryRuns& r) { return r.error[kMarsad] || r.error[kStories] || r.error[kPlain] || r.error[kPlainDate]; }

/** Summary of one engine over the queries that `keep` selects (and that no engine failed). */
Summary summarize_engine(const std::vector<Query>& queries, const std::vector<QueryRuns>& runs, EngineId id,
                         const std::function<bool(const Query&)>& keep) {
  std::vector<double> samples;
  std::size_t count = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (!keep(queries[i]) || failed(runs[i])) continue;
    samples.insert(samples.end(), runs[i].ms[id].begin(), runs[i].ms[id].end());
    ++count;
  }
  return summarize(std::move(samples), count);
}

/** What is reported for one index set. */
struct Report {
  IndexSet set;
  Summary free_text[kEngines];
  Summary marsad_all, stories_all;
  std::vector<std::pair<std::string, Summary>> categories;  // in the order of the query file
  std::size_t skipped_for_plain = 0;
  double target_p95_ms = 0;
};

/** The summaries of one index set: free text on all engines, Marsad on all queries and by category. */
Report make_report(const IndexSet& set, const std::vector<Query>& queries, const std::vector<QueryRuns>& runs) {
  Report r;
  r.set = set;
  auto free_text = [](const Query& q) { return q.free_text; };
  for (int e = 0; e < kEngines; ++e) r.free_text[e] = summarize_engine(queries, runs, EngineId(e), free_text);
  r.marsad_all = summarize_engine(queries, runs, kMarsad, [](const Query&) { return true; });
  r.stories_all = summarize_engine(queries, runs, kStories, [](const Query&) { return true; });
  for (const Query& q : queries) {
    if (!q.free_text) ++r.skipped_for_plain;
    const bool seen = std::any_of(r.categories.begin(), r.categories.end(), [&](const auto& c) { return c.first == q.category; });
    if (!seen)
      r.categories.emplace_back(q.category, summarize_engine(queries, runs, kMarsad,
                                                             [&](const Query& x) { return x.category == q.category; }));
  }
  r.target_p95_ms = set.marsad_docs > 50'000 ? 20 : 5;
  return r;
}

/** a / b, or 0 when b is 0 (an empty summary). */
double ratio(double a, double b) { return b > 0 ? a / b : 0; }
/** How a figure stands against its target. */
const char* verdict(bool met) { return met ? "met" : "NOT met"; }

/** One line of the latency table. */
void print_row(std::ostream& out, const std::string& name, const Summary& s) {
  out << "  " << std::left << std::setw(22) << name << std::right << std::setw(8) << s.queries << std::setw(8)
      << s.samples << std::setprecision(2) << std::setw(9) << s.p50 << std::setw(9) << s.p95 << std::setw(9) << s.p99
      << std::setw(9) << s.mean << "\n";
}

/** One line of the ratio table; with `target`, the verdict against 2x. */
void print_ratio(std::ostream& out, const std::string& name, const Summary& a, const Summary& b, bool target) {
  const double p50 = ratio(a.p50, b.p50), p95 = ratio(a.p95, b.p95);
  out << "  " << std::left << std::setw(24) << name << std::right << std::setprecision(2) << std::setw(7) << p50
      << "x" << std::setw(7) << p95 << "x";
  if (target) out << "   (target <= 2.00x: p50 " << verdict(p50 <= 2.0) << ", p95 " << verdict(p95 <= 2.0) << ")";
  out << "\n";
}

/** The queries Marsad answers slowest, by their median time. */
void print_slowest(std::ostream& out, const std::vector<Query>& queries, const std::vector<QueryRuns>& runs) {
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t i = 0; i < queries.size(); ++i)
    if (!runs[i].ms[kMarsad].empty()) order.emplace_back(median(runs[i].ms[kMarsad]), i);
  std::sort(order.rbegin(), order.rend());
  out << "\nslowest queries (marsad median ms, matches; plain+date median ms):\n";
  for (std::size_t k = 0; k < std::min<std::size_t>(8, order.size()); ++k) {
    const auto& [ms, i] = order[k];
    out << "  " << std::left << std::setw(6) << queries[i].id << std::setw(9) << queries[i].category << std::right
        << std::setprecision(2) << std::setw(8) << ms << std::setw(8) << runs[i].matches[kMarsad].value_or(0);
    if (!runs[i].ms[kPlainDate].empty()) out << std::setw(8) << median(runs[i].ms[kPlainDate]);
    out << "  " << marsad::text::printable(queries[i].text) << "\n";
  }
}

/** Every failed query with the engine and the message. */
void print_errors(std::ostream& out, const std::vector<Query>& queries, const std::vector<QueryRuns>& runs) {
  for (std::size_t i = 0; i < queries.size(); ++i)
    for (int e = 0; e < kEngines; ++e)
      if (runs[i].error[e])
        out << "  ERROR " << queries[i].id << " (" << kEngineNames[e] << ") " << marsad::text::printable(queries[i].text)
            << ": " << marsad::text::printable(*runs[i].error[e]) << "\n";
}

/** The ids of the queries Marsad ran without error and found nothing for (a silent misreading shows here). */
std::vector<std::string> no_matches(const std::vector<Query>& queries, const std::vector<QueryRuns>& runs) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < queries.size(); ++i)
    if (!runs[i].error[kMarsad] && runs[i].matches[kMarsad] == 0u) ids.push_back(queries[i].id);
  return ids;
}

/** The readable report of one index set. */
void print_report(std::ostream& out, const Report& r, const std::vector<Query>& queries,
                  const std::vector<QueryRuns>& runs, int rounds) {
  const IndexSet& s = r.set;
  out << std::fixed << "\n=== " << s.label << ": marsad " << s.marsad_docs << " documents, plain " << s.plain_docs
      << " documents";
  if (s.marsad_seconds)
    out << " (built in " << std::setprecision(1) << *s.marsad_seconds << " s and " << *s.plain_seconds << " s)";
  out << "\n" << queries.size() << " queries, " << r.skipped_for_plain
      << " of them with fields (or empty) skipped for plain; " << rounds << " timed rounds after a warm-up\n\n";
  out << "  " << std::left << std::setw(22) << "engine (ms)" << std::right << std::setw(8) << "queries" << std::setw(8)
      << "runs" << std::setw(9) << "p50" << std::setw(9) << "p95" << std::setw(9) << "p99" << std::setw(9) << "mean" << "\n";
  out << " free-text queries, run by every engine:\n";
  for (int e = 0; e < kEngines; ++e) print_row(out, kEngineNames[e], r.free_text[e]);
  out << " all queries:\n";
  print_row(out, "marsad", r.marsad_all);
  print_row(out, "marsad-stories", r.stories_all);
  out << "\n  ratio (free text)           p50     p95\n";
  print_ratio(out, "marsad / plain", r.free_text[kMarsad], r.free_text[kPlain], false);
  print_ratio(out, "marsad / plain+date", r.free_text[kMarsad], r.free_text[kPlainDate], true);
  out << "\n  marsad p95 over all queries: " << std::setprecision(2) << r.marsad_all.p95 << " ms (target <= "
      << std::setprecision(0) << r.target_p95_ms << " ms at " << (r.target_p95_ms > 5 ? "100k" : "31k")
      << " documents: " << verdict(r.marsad_all.p95 <= r.target_p95_ms) << ")\n";
  out << "  marsad-stories p95 (--collapse --count stories): " << std::setprecision(2) << r.stories_all.p95
      << " ms, " << ratio(r.stories_all.p50, r.marsad_all.p50) << "x marsad at p50, "
      << ratio(r.stories_all.p95, r.marsad_all.p95) << "x at p95 (" << verdict(r.stories_all.p95 <= r.target_p95_ms) << ")\n";
  out << "\nmarsad by category:\n";
  for (const auto& [name, c] : r.categories) print_row(out, name, c);
  print_slowest(out, queries, runs);
  const auto empty = no_matches(queries, runs);
  out << "\nmatched nothing in marsad (" << empty.size() << "):";
  for (const auto& id : empty) out << " " << id;
  out << "\n";
  print_errors(out, queries, runs);
}

/** A summary as JSON (milliseconds). */
json summary_json(const Summary& s) {
  return {{"queries", s.queries}, {"runs", s.samples}, {"p50_ms", s.p50}, {"p95_ms", s.p95}, {"p99_ms", s.p99}, {"mean_ms", s.mean}};
}

/** Each query with each engine's median time and match count, or its error. */
json queries_json(const std::vector<Query>& queries, const std::vector<QueryRuns>& runs) {
  json list = json::array();
  for (std::size_t i = 0; i < queries.size(); ++i) {
    json q = {{"id", queries[i].id}, {"category", queries[i].category}, {"query", queries[i].text}};
    for (int e = 0; e < kEngines; ++e) {
      if (runs[i].error[e]) q[kEngineNames[e]] = {{"error", *runs[i].error[e]}};
      else if (!runs[i].ms[e].empty())
        q[kEngineNames[e]] = {{"median_ms", median(runs[i].ms[e])}, {"matches", runs[i].matches[e].value_or(0)}};
    }
    list.push_back(std::move(q));
  }
  return list;
}

/** The report of one index set as JSON, the same figures as print_report. */
json report_json(const Report& r, const std::vector<Query>& queries, const std::vector<QueryRuns>& runs) {
  json j = {{"label", r.set.label},
            {"documents", {{"marsad", r.set.marsad_docs}, {"plain", r.set.plain_docs}}},
            {"skipped_for_plain", r.skipped_for_plain},
            {"marsad_all", summary_json(r.marsad_all)},
            {"stories_all", summary_json(r.stories_all)},
            {"target_p95_ms", r.target_p95_ms}};
  for (int e = 0; e < kEngines; ++e) j["free_text"][kEngineNames[e]] = summary_json(r.free_text[e]);
  const Summary& m = r.free_text[kMarsad];
  j["ratios"] = {{"marsad/plain", {{"p50", ratio(m.p50, r.free_text[kPlain].p50)}, {"p95", ratio(m.p95, r.free_text[kPlain].p95)}}},
                 {"marsad/plain+date",
                  {{"p50", ratio(m.p50, r.free_text[kPlainDate].p50)}, {"p95", ratio(m.p95, r.free_text[kPlainDate].p95)}}},
                 {"stories/marsad",
                  {{"p50", ratio(r.stories_all.p50, r.marsad_all.p50)}, {"p95", ratio(r.stories_all.p95, r.marsad_all.p95)}}}};
  for (const auto& [name, c] : r.categories) j["marsad_by_category"][name] = summary_json(c);
  if (r.set.marsad_seconds) j["build_seconds"] = {{"marsad", *r.set.marsad_seconds}, {"plain", *r.set.plain_seconds}};
  j["marsad_no_matches"] = no_matches(queries, runs);
  j["queries"] = queries_json(queries, runs);
  return j;
}

/** The number of queries some engine failed on. */
std::size_t count_errors(const std::vector<QueryRuns>& runs) {
  return static_cast<std::size_t>(std::count_if(runs.begin(), runs.end(), failed));
}

/** Builds or reuses the index sets, measures each and reports; 1 when a query failed (unless allowed). */
int run(const Options& o) {
  for (const auto& exe : {o.marsad_index, o.plain_indexer})
    if (access(exe.c_str(), X_OK) != 0) throw marsad::InputError(exe + " is not an executable");
  const std::vector<Query> queries = read_queries(o.queries);
  WorkDir work(o.work_dir, o.keep || o.reuse, "marsad-bench-search");
  std::vector<std::size_t> scales = {0};
  if (o.scale > 0) scales.push_back(o.scale);

  json out = {{"input", o.input}, {"queries", o.queries}, {"rounds", o.rounds}, {"machine", machine()}, {"runs", json::array()}};
  std::cout << "machine: " << machine() << "\n";
  std::size_t errors = 0;
  for (std::size_t scale : scales) {
    const IndexSet set = prepare(o, work, scale);
    const Engine engines[kEngines] = {marsad_engine(set.marsad_db, false), marsad_engine(set.marsad_db, true),
                                      plain_engine(set.plain_db, false), plain_engine(set.plain_db, true)};
    const std::vector<QueryRuns> runs = measure(queries, engines, o.rounds);
    const Report report = make_report(set, queries, runs);
    print_report(std::cout, report, queries, runs, o.rounds);
    out["runs"].push_back(report_json(report, queries, runs));
    errors += count_errors(runs);
  }
  if (!o.json_file.empty()) {
    std::ofstream file(o.json_file);
    file << out.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    if (!file) throw marsad::InputError(o.json_file + ": write error");
  }
  if (errors == 0) return 0;
  std::cout << "\n" << errors << " queries failed" << (o.allow_errors ? " (allowed by --allow-errors)" : "") << "\n";
  return o.allow_errors ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  marsad::searcher::keep_freed_memory();
  CLI::App app{"Search latency: Marsad's Searcher against plain Xapian, with and without one exact date facet"};
  Options o;
  app.add_option("--input", o.input, "news corpus, JSONL (optionally gzip)")->capture_default_str();
  app.add_option("--queries", o.queries, "query set (TSV with columns category and query)")->capture_default_str();
  app.add_option("--work-dir", o.work_dir, "where the indexes go (default: a fresh directory under /tmp)");
  app.add_flag("--reuse", o.reuse, "reuse indexes the work directory holds from an earlier run with the same input (implies --keep)");
  app.add_flag("--keep", o.keep, "keep the work directory and its indexes");
  app.add_option("--scale", o.scale, "also measure on the corpus replicated with new ids up to N documents")->capture_default_str();
  app.add_option("--rounds", o.rounds, "timed rounds after one warm-up round")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-docs", o.max_docs, "index only the first N records (0 = all)")->capture_default_str();
  app.add_option("--threads", o.threads, "threads for marsad-index")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--json", o.json_file, "also write the figures to this file as JSON");
  app.add_flag("--allow-errors", o.allow_errors, "exit 0 even when queries fail (they are still reported)");
  app.add_option("--marsad-index", o.marsad_index, "marsad-index executable")->capture_default_str();
  app.add_option("--plain", o.plain_indexer, "baseline indexer executable")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (!marsad::bench::corpus_present(o.input)) return marsad::bench::kSkip;
  return marsad::cli::run_main("marsad-bench-search", [&] { return run(o); });
}

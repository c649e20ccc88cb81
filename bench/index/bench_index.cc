// marsad-bench-index: indexing throughput and index size of marsad-index against a plain one-thread
// Xapian indexer, run one after the other as child processes on the same input.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bench/common/corpus.h"
#include "bench/common/work_dir.h"
#include "common/io/line_reader.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef MARSAD_INDEX_EXE
#error "MARSAD_INDEX_EXE must name the marsad-index executable"
#endif
#ifndef MARSAD_PLAIN_INDEXER_EXE
#error "MARSAD_PLAIN_INDEXER_EXE must name the marsad-bench-plain-indexer executable"
#endif

namespace fs = std::filesystem;

namespace {



struct Corpus {
  std::string source;  // the input as given
  std::string path;    // what both indexers read: the input, or the slice of it
  std::size_t records = 0;
  std::size_t text_bytes = 0;  // title + body, UTF-8
  std::size_t empty = 0;       // records with neither title nor body: Marsad skips them, the baseline does not
};

std::size_t text_size(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get_ref<const std::string&>().size() : 0;
}

/** Whether a field is absent or holds white space only, as marsad-index reads it. */
bool blank(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_string()) return true;
  return it->get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos;
}

/**
 * Counts the records of `input` and their title + body bytes. With max_docs > 0, also copies the
 * first max_docs records to `slice` and makes that the input.
 */
Corpus prepare(const std::string& input, std::size_t max_docs, const fs::path& slice) {
  Corpus corpus{input, input};
  std::ofstream out;
  if (max_docs > 0) {
    out.open(slice, std::ios::binary);
    if (!out) throw std::runtime_error(slice.string() + ": cannot create");
    corpus.path = slice.string();
  }
  marsad::io::LineReader reader(input);
  std::string line;
  while ((max_docs == 0 || corpus.records < max_docs) && reader.next(line)) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) continue;
    ++corpus.records;
    corpus.text_bytes += text_size(record, "title") + text_size(record, "body");
    if (blank(record, "title") && blank(record, "body")) ++corpus.empty;
    if (out.is_open()) {
      out << line << '\n';
    }
  }
  if (out.is_open()) {
    out.close();
    if (!out) throw std::runtime_error(slice.string() + ": write error");
  }
  return corpus;
}

struct Run {
  std::string engine;
  double seconds = 0;
  double peak_rss_mb = 0;
  Xapian::doccount documents = 0;
  double index_mb = 0;
};

/** Runs args[0] with args, its output to stderr, and waits for it; throws unless it exits with status 0. */
Run run_child(const std::string& engine, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  std::cout.flush();
  std::cerr.flush();
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    dup2(STDERR_FILENO, STDOUT_FILENO);  // stdout carries the report only
    execv(argv[0], argv.data());
    std::fprintf(stderr, "%s: cannot run: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  pid_t waited;
  do {
    waited = wait4(pid, &status, 0, &usage);
  } while (waited < 0 && errno == EINTR);
  if (waited < 0) throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
  Run run;
  run.engine = engine;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_rss_mb = static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6;  // ru_maxrss is in KiB

  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    throw std::runtime_error(args[0] + " exited with status " + std::to_string(WEXITSTATUS(status)));
  }
  if (WIFSIGNALED(status)) {
    throw std::runtime_error(args[0] + " was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                             strsignal(WTERMSIG(status)) + ")");
  }
  return run;
}

/** Sum of the sizes of the regular files under dir, in bytes. */
std::uintmax_t disk_size(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && !entry.is_symlink()) total += entry.file_size();
  }
  return total;
}

void measure(Run& run, const fs::path& db) {
  run.index_mb = static_cast<double>(disk_size(db)) / 1e6;
  run.documents = Xapian::Database(db.string()).get_doccount();
}

using marsad::bench::WorkDir;

const char* verdict(bool met) { return met ? "met" : "NOT met"; }

/** The run with the median time (the lower middle one for an even count). */
Run median(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
  return runs[(runs.size() - 1) / 2];
}

void report(const Corpus& corpus, int threads, const Run& plain, const Run& words_only, const Run& no_stories,
            const Run& marsad) {
  const double mb = static_cast<double>(corpus.text_bytes) / 1e6;
  std::cout << std::fixed;
  std::cout << "input: " << corpus.source << (corpus.path != corpus.source ? " (first records)" : "") << "\n"
            << "       " << corpus.records << " records, " << std::setprecision(2) << mb
            << " MB of title + body text (1 MB = 10^6 bytes)\n\n";

  std::cout << std::left << std::setw(28) << "engine" << std::right << std::setw(10) << "documents" << std::setw(10)
            << "seconds" << std::setw(10) << "docs/s" << std::setw(9) << "MB/s" << std::setw(13) << "peak RSS MB"
            << std::setw(11) << "index MB" << "\n";
  for (const Run* r : {&plain, &words_only, &no_stories, &marsad}) {
    std::cout << std::left << std::setw(28) << r->engine << std::right << std::setw(10) << r->documents
              << std::setprecision(2) << std::setw(10) << r->seconds << std::setprecision(1) << std::setw(10)
              << r->documents / r->seconds << std::setprecision(2) << std::setw(9) << mb / r->seconds
              << std::setprecision(1) << std::setw(13) << r->peak_rss_mb << std::setw(11) << r->index_mb << "\n";
  }

  const double speed_ratio = (mb / marsad.seconds) / (mb / plain.seconds);
  const double words_ratio = (mb / words_only.seconds) / (mb / plain.seconds);
  const double tagging_cost = 1.0 - words_only.seconds / no_stories.seconds;  // share of throughput tagging takes
  const double stories_cost = 1.0 - no_stories.seconds / marsad.seconds;    // and finding copies
  const double size_ratio = marsad.index_mb / plain.index_mb;
  std::cout << "\n"
            << std::setprecision(2) << "Marsad/plain throughput (MB/s): " << speed_ratio << "x  (target >= 1.50 with "
            << threads << " threads: " << verdict(speed_ratio >= 1.5) << ")\n"
            << "  without tagging:              " << words_ratio << "x\n"
            << "Tagging's share of throughput:  " << std::setprecision(0) << tagging_cost * 100
            << "%  (target <= 25%: " << verdict(tagging_cost <= 0.25) << ")\n"
            << "Stories' share of throughput:   " << stories_cost * 100 << "%  (target <= 15%: "
            << verdict(stories_cost <= 0.15) << ")\n"
            << std::setprecision(2)
            << "Marsad/plain index size:        " << size_ratio << "x  (target <= 1.50: "
            << verdict(size_ratio <= 1.5) << ")\n\n"
            << "documents: plain " << plain.documents << ", Marsad " << marsad.documents << " ("
            << corpus.empty << " records without title or body are skipped by Marsad)\n";
  if (plain.documents != marsad.documents + corpus.empty || words_only.documents != marsad.documents ||
      no_stories.documents != marsad.documents) {
    const std::string warning = "WARNING: the document counts differ (plain " + std::to_string(plain.documents) +
                                " less " + std::to_string(corpus.empty) + " empty, Marsad " + std::to_string(marsad.documents) +
                                "); the two indexes do not hold the same records and the ratios are not comparable";
    std::cout << "\n*** " << warning << " ***\n";
    std::cerr << "*** " << warning << " ***\n";
  }
}

int run_benchmark(const std::string& input, const std::string& marsad_index, const std::string& plain_indexer,
                  int threads, int rounds, std::size_t max_docs, const std::string& work_dir, bool keep) {
  for (const auto& exe : {plain_indexer, marsad_index}) {
    if (access(exe.c_str(), X_OK) != 0) {
      std::cerr << "error: " << exe << " is not an executable (" << std::strerror(errno) << ")\n";
      return 1;
    }
  }
  WorkDir work(work_dir, keep, "marsad-bench-index");
  fs::path slice = max_docs > 0 ? work.entry("input.jsonl") : fs::path();
  const fs::path plain_db = work.entry("plain.db");
  const fs::path marsad_db = work.entry("marsad.db");
  const fs::path words_db = work.entry("marsad-words.db");
  const fs::path no_stories_db = work.entry("marsad-no-stories.db");

  const Corpus corpus = prepare(input, max_docs, slice);
  if (corpus.records == 0) {
    std::cerr << "error: " << input << " holds no JSON records\n";
    return 1;
  }

  // Rounds alternate the engines, so that a machine whose speed drifts affects them alike; each
  // engine's median round is reported.
  std::vector<Run> plains, words, no_stories, marsads;
  for (int round = 0; round < rounds; ++round) {
    for (const fs::path& db : {plain_db, words_db, no_stories_db, marsad_db}) fs::remove_all(db);
    plains.push_back(run_child("plain Xapian (1 thread)", {plain_indexer, "--db", plain_db.string(), "--input", corpus.path}));
    words.push_back(run_child("Marsad, --no-tagging (" + std::to_string(threads) + ")",
                              {marsad_index, "--db", words_db.string(), "--threads", std::to_string(threads), "--quiet",
                               "--keep-duplicates", "--no-tagging", "--no-stories", corpus.path}));
    no_stories.push_back(run_child("Marsad, --no-stories (" + std::to_string(threads) + ")",
                                   {marsad_index, "--db", no_stories_db.string(), "--threads", std::to_string(threads),
                                    "--quiet", "--keep-duplicates", "--no-stories", corpus.path}));
    marsads.push_back(run_child("Marsad (" + std::to_string(threads) + " threads)",
                                // --keep-duplicates: the baseline indexes exact duplicates too, so both hold the same reports.
                                {marsad_index, "--db", marsad_db.string(), "--threads", std::to_string(threads),
                                 "--quiet", "--keep-duplicates", corpus.path}));
    if (rounds > 1)
      std::cerr << "round " << round + 1 << ": plain " << plains.back().seconds << " s, --no-tagging "
                << words.back().seconds << " s, --no-stories " << no_stories.back().seconds << " s, all "
                << marsads.back().seconds << " s\n";
  }
  Run plain = median(plains), words_only = median(words), without_stories = median(no_stories), marsad = median(marsads);
  measure(plain, plain_db);
  measure(words_only, words_db);
  measure(without_stories, no_stories_db);
  measure(marsad, marsad_db);
  if (rounds > 1) std::cout << "median of " << rounds << " rounds (each round runs the four engines in turn)\n";
  report(corpus, threads, plain, words_only, without_stories, marsad);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Indexing benchmark: marsad-index against a plain one-thread Xapian TermGenerator indexer"};
  std::string input = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz";
  std::string marsad_index = MARSAD_INDEX_EXE;
  std::string plain_indexer = MARSAD_PLAIN_INDEXER_EXE;
  int threads = 2;
  int rounds = 1;
  std::size_t max_docs = 0;
  std::string work_dir;
  bool keep = false;
  app.add_option("--input", input, "news corpus, JSONL (optionally gzip)")->capture_default_str();
  app.add_option("--marsad-index", marsad_index, "marsad-index executable")->capture_default_str();
  app.add_option("--plain", plain_indexer, "baseline indexer executable")->capture_default_str();
  app.add_option("--threads", threads, "threads for marsad-index")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--rounds", rounds, "run the four engines this many times in turn; report each one's median")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-docs", max_docs, "index only the first N records (0 = all)")->capture_default_str();
  app.add_option("--work-dir", work_dir, "where the databases go (default: a fresh directory under /tmp)");
  app.add_flag("--keep", keep, "keep the databases and the work directory");
  CLI11_PARSE(app, argc, argv);

  if (!marsad::bench::corpus_present(input)) return marsad::bench::kSkip;
  try {
    return run_benchmark(input, marsad_index, plain_indexer, threads, rounds, max_docs, work_dir, keep);
  } catch (const Xapian::Error& e) {
    std::cerr << "error: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
  }
  return 1;
}

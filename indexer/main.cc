// marsad-index: reads reports (JSONL, CSV, TSV, text files) into a Marsad index.
#include <cstdio>
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "common/cli/exit_codes.h"
#include "common/cli/options.h"
#include "common/cli/parse_arguments.h"
#include "common/cli/run_main.h"
#include "common/errors.h"
#include "indexer/index_info.h"
#include "indexer/pipeline.h"

namespace {

std::atomic<bool> stop_requested{false};
volatile std::sig_atomic_t stop_signal = 0;

void request_stop(int signal) {
  stop_requested = true;
  stop_signal = signal;
  std::signal(signal, SIG_DFL);  // a second signal ends the process at once
}

}  // namespace

int main(int argc, char** argv) {
  using namespace marsad;
  CLI::App app{"Index Arabic news reports (JSONL, CSV, TSV, folders of .txt/.md) into a Marsad index."};
  indexer::IndexOptions options;
  std::vector<std::string> field_assignments;
  std::string input_format = "auto";
  bool info = false;
  cli::DatabaseOption db;
  cli::StemmerOption stemmer;
  cli::GazetteerOption gazetteer;
  cli::ThreadsOption threads;
  cli::LoggingOptions logging;
  db.add_to(app, "index folder (created if missing)");
  app.add_option("inputs", options.inputs, "input files or folders, or - for standard input");
  app.add_flag("--info", info, "describe the index instead of indexing");
  app.add_option("--field", field_assignments, "map a field: CANONICAL=NAME, e.g. body=article_text (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--input-format", input_format, "format of the inputs")
      ->check(CLI::IsMember({"auto", "jsonl", "csv", "tsv", "text"}))->capture_default_str();
  app.add_option("--date", options.reader.default_date, "date for text files without one in their name (YYYY-MM-DD)");
  threads.add_to(app, "analysis threads");
  app.add_option("--shards", options.shards, "shards of a new index (one writer thread each)")
      ->check(CLI::Range(1, 64))->capture_default_str();
  std::string partition;
  app.add_option("--partition", partition,
                 "K/N: index only the records whose id falls in partition K of N (1..N), one part per machine")
      ->check([](const std::string& v) -> std::string {
        unsigned k = 0, n = 0;
        char slash = 0, rest = 0;
        if (std::sscanf(v.c_str(), "%u%c%u%c", &k, &slash, &n, &rest) != 3 || slash != '/' || n < 1 || k < 1 || k > n)
          return "takes K/N with 1 <= K <= N, such as 2/4";
        return "";
      });
  app.add_option("--batch", options.batch, "documents between commits")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--max-doc-bytes", options.build.max_doc_bytes, "longer bodies are truncated, with a warning")
      ->check(CLI::PositiveNumber)->capture_default_str();
  gazetteer.add_to(app);
  bool no_tagging = false;
  app.add_flag("--no-tagging", no_tagging, "index words only: no entities, claims or dates from the text");
  app.add_flag("--strict", options.strict, "stop at the first bad record (exit code 2)");
  app.add_flag("--keep-duplicates", options.keep_duplicates, "index exact duplicates as separate documents");
  bool no_stories = false;
  app.add_flag("--no-stories", no_stories,
               "do not group near-copies of one report into stories (each report is a story of its own)")
      ->group("Stories");
  app.add_option("--copy-jaccard", options.story_thresholds.jaccard,
                 "a copy shares at least this share of the two reports' word triples...")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str()->group("Stories");
  app.add_option("--copy-containment", options.story_thresholds.containment,
                 "...or at least this share of the shorter report's")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str()->group("Stories");
  app.add_option("--copy-days", options.story_thresholds.max_days_apart,
                 "a copy is dated at most this many days from its story's first report")
      ->check(CLI::Range(0, 3650))->capture_default_str()->group("Stories");
  stemmer.add_to(app);
  logging.add_to(app, "no progress line");
  if (auto exit_code = cli::parse_arguments(app, argc, argv, "marsad-index")) return *exit_code;
  if (!partition.empty()) std::sscanf(partition.c_str(), "%u/%u", &options.partition, &options.partitions);
  logging.install("marsad-index");
  options.db_path = db.path;
  options.threads = threads.threads;
  options.gazetteer_file = gazetteer.file;

  return cli::run_main("marsad-index", [&] {
    if (info) {
      indexer::print_index_info(options.db_path, std::cout);
      return cli::kExitOk;
    }
    for (const auto& assignment : field_assignments) options.fields.apply(assignment);
    if (options.inputs.empty()) throw ConfigError("no inputs given (files, folders or -); see --help");
    options.input_format = indexer::parse_input_format(input_format);
    options.tagging = !no_tagging;
    options.stories = !no_stories;
    if (no_tagging && !options.gazetteer_file.empty()) throw ConfigError("--gazetteer needs tagging; drop --no-tagging");
    options.analysis = stemmer.settings();
    options.progress = !logging.quiet && isatty(STDERR_FILENO);
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);

    indexer::IndexSummary summary = indexer::run_indexing(options, stop_requested);
    std::cout << indexer::format_summary(summary);
    if (summary.strict_failure) {
      std::cerr << "marsad-index: --strict: " << summary.strict_message << '\n';
      return cli::kExitBadRecord;
    }
    if (summary.interrupted) return 128 + static_cast<int>(stop_signal);
    return cli::kExitOk;
  });
}

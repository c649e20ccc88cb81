#pragma once
// The indexing run: read → analyse on N threads → de-duplicate → write, with progress and a summary.
#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/story/signature.h"
#include "common/text/analyzer.h"
#include "indexer/document_builder.h"
#include "indexer/input/record_reader.h"

namespace marsad::indexer {

struct IndexOptions {
  std::string db_path;
  std::vector<std::string> inputs;
  InputFormat input_format = InputFormat::Auto;
  FieldMap fields;
  ReaderOptions reader;
  BuildOptions build;
  text::AnalyzerSettings analysis;
  bool tagging = true;           // entities, claims and dates (--no-tagging: words only)
  std::string gazetteer_file;    // a user's gazetteer added to the built-in one (--gazetteer)
  unsigned threads = 2;          // analysis threads
  unsigned shards = 2;           // for a new index; an existing one keeps its own
  std::size_t batch = 1'000;     // documents between commits (bench/README.md: smaller batches index faster)
  bool strict = false;           // the first bad record ends the run (exit code 2)
  bool keep_duplicates = false;  // index exact duplicates as documents of their own
  bool stories = true;           // group copies of one report into stories (--no-stories: each its own)
  story::Thresholds story_thresholds;
  /** --partition K/N: only the records whose id falls in partition K (1..N) of N, so that N machines
   *  each index their part of the same input; a record always falls in the same partition. */
  unsigned partition = 0, partitions = 0;
  bool progress = false;         // draw a progress line on stderr
  std::size_t max_warnings_per_reason = 20;  // further warnings of a kind are only counted
};

/** What a run did. */
struct IndexSummary {
  std::uint64_t records = 0;      // records read (good or bad)
  std::uint64_t added = 0, updated = 0, unchanged = 0, duplicates = 0;
  std::uint64_t joined_stories = 0;  // reports found to be copies of an earlier one, put in its story
  bool stories = false;
  std::uint64_t without_date = 0;
  std::uint64_t other_partitions = 0;  // records left to the other partitions (--partition)
  bool partitioned = false;
  std::map<std::string, std::uint64_t> skipped;   // by reason
  std::map<std::string, std::uint64_t> repaired;  // by reason (indexed with a warning)
  std::uint64_t bytes = 0;        // input bytes read from disk (compressed for .gz)
  std::uint64_t text_bytes = 0;   // title + body of the records indexed or found duplicate
  double seconds = 0;
  bool interrupted = false;       // stopped by a signal; what was analysed is committed
  bool strict_failure = false;    // --strict met a bad record
  std::string strict_message;
  unsigned shards = 0;
};

/**
 * Runs an indexing job. `stop` is polled: once set, reading stops, what was read is analysed,
 * written and committed, and the summary says interrupted. Throws InputError/ConfigError for
 * problems that make the whole run wrong (unreadable input, locked index, other settings).
 */
IndexSummary run_indexing(const IndexOptions& options, const std::atomic<bool>& stop);

/** The summary as the lines marsad-index prints. */
std::string format_summary(const IndexSummary& summary);

}  // namespace marsad::indexer

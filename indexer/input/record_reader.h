#pragma once
// Readers that turn input files (JSONL, CSV, TSV, text) into Records, one problem at a time.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indexer/input/record.h"

namespace marsad::indexer {

enum class InputFormat { Auto, Jsonl, Csv, Tsv, Text };

InputFormat parse_input_format(const std::string& name);  // auto|jsonl|csv|tsv|text; throws ConfigError

/** One file to read: its path, the name used in messages and ids, its format and size. */
struct InputFile {
  std::string path;           // "-" for standard input
  std::string relative_name;  // path relative to the folder given on the command line
  InputFormat format = InputFormat::Jsonl;
  std::uint64_t size = 0;     // bytes on disk (0 when unknown)
};

/**
 * Expands command-line inputs: files as given (FIFOs too), folders walked recursively (sorted, so
 * runs are repeatable; only .jsonl .ndjson .jsonl.gz .ndjson.gz .csv .tsv .txt .md files), "-" as
 * standard input in `forced` format (JSONL when auto). Opens nothing. Throws InputError naming the
 * path for one that does not exist, a file or folder (at any depth) that cannot be read, or a file
 * whose format cannot be told from its name.
 */
std::vector<InputFile> find_inputs(const std::vector<std::string>& arguments, InputFormat forced);

/** A record that could not be read; the run counts it by `reason` and goes on. */
struct ReadProblem {
  Origin origin;
  std::string reason;   // short key for the summary: "malformed JSON", "wrong field count"…
  std::string message;  // one line for the log
};

/** Options that change how records are read. */
struct ReaderOptions {
  std::string default_date;  // for text files without a date in their name (--date)
  std::size_t max_field_bytes = 10 * 1024 * 1024;  // longer CSV/TSV fields are cut, with a warning
  const std::atomic<bool>* interrupt = nullptr;    // once set, stream inputs (FIFOs, stdin) stop reading
};

/** Produces the records of one input file. Not thread-safe. */
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  /** Reads the next record or problem; false at the end of the file. */
  virtual bool next(Record& record, std::optional<ReadProblem>& problem) = 0;
  /** Bytes of the file consumed so far (compressed bytes for .gz), for progress. */
  virtual std::uint64_t bytes_read() const = 0;
};

/** Opens a reader for `file`. Throws InputError when the file cannot be opened. */
std::unique_ptr<RecordReader> open_reader(const InputFile& file, const FieldMap& fields, const ReaderOptions& options);

}  // namespace marsad::indexer

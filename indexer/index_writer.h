#pragma once
// The writing side of indexing: a sharded Marsad index, one writer thread per shard.
#include <atomic>
#include <cstdint>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/index_metadata.h"
#include "common/text/analyzer.h"
#include "indexer/blocking_queue.h"
#include "indexer/document_builder.h"

namespace marsad::indexer {

/** A report kept once because another had the same body, as its kept copy records it. */
struct DuplicateReport {
  std::string id, source, date;  // date: "YYYY-MM-DD", empty when unknown
};

/** What the shard writers did; read after finish(). */
struct WriteCounts {
  std::uint64_t added = 0;      // new ids
  std::uint64_t updated = 0;    // ids already present, with changed content
  std::uint64_t unchanged = 0;  // ids already present with the same content (not rewritten)
};

/**
 * Opens (or creates) the index directory: shard databases plus a stub file, schema and analysis
 * settings in every shard's metadata. Records go to the shard chosen by a hash of their id, so a
 * re-run updates each record where it is. Methods are called from one thread (the coordinator);
 * each shard writes on its own thread. Throws InputError/ConfigError on open; a write error in a
 * shard is rethrown by the next call.
 */
class IndexWriter {
 public:
  /** `partition` is "K/N" (marsad-index --partition) or empty for the whole input; `stories` how
   *  reports are grouped into stories (story::Thresholds::describe(), or "off"). An existing index
   *  must have the same ones. */
  IndexWriter(const std::string& path, const text::AnalyzerSettings& settings, const TaggingSettings& tagging,
              unsigned shards_for_new_index, const std::string& partition = {}, const std::string& stories = "off");
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  unsigned shard_count() const { return static_cast<unsigned>(shards_.size()); }
  /** Whether the index existed before (a re-run) rather than being created now. */
  bool existed() const { return existed_; }

  /** Body hash → id of every document already in the index (for duplicate detection). */
  std::unordered_map<std::uint64_t, std::string> existing_body_hashes() const;

  void write(AnalysedRecord record);
  /** Records an exact duplicate (its id, source and date) in the stored data of the document kept_id. */
  void add_duplicate(const std::string& kept_id, const DuplicateReport& duplicate);
  /** Moves every document written so far from story `from` to story `to`; the report `from` is
   *  marked as one of the heads of `to` (schema::kStoryHeadTerm). */
  void relabel_story(const std::string& from, const std::string& to);
  /** Asks every shard to commit what it was given so far and returns at once, so that analysis goes
   *  on while the shards write; waits first for the previous commit, whose failure it rethrows. */
  void commit();
  /** Waits for the commits asked for so far; rethrows a shard's failure. */
  void wait_for_commits();
  /** Commits and stops the shard threads. */
  WriteCounts finish();

 private:
  struct Shard;
  Shard& shard_for(const std::string& id);
  void rethrow_failure();
  /** Throws InputError ("No space left on device") when the index's disk lacks room for what was
   *  written since the last commit. */
  void require_space_for_commit() const;
  /** A shard's exception as one line naming the index (Xapian errors with their system error). */
  std::exception_ptr describe_failure(std::exception_ptr failure) const;

  std::string path_;
  bool existed_ = false;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::mutex failure_mutex_;
  std::exception_ptr failure_;
  bool finished_ = false;
  std::vector<std::future<void>> pending_commits_;
  std::uint64_t text_since_commit_ = 0;  // title + body bytes written since the last commit
};

}  // namespace marsad::indexer

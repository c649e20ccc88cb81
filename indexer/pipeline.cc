#include "indexer/pipeline.h"

#include "common/hash.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <unordered_map>
#include <thread>

#include "common/errors.h"
#include "indexer/blocking_queue.h"
#include "indexer/index_writer.h"
#include "indexer/progress.h"
#include "indexer/story_clusterer.h"
#include "common/date/civil_date.h"
#include "common/schema.h"

namespace marsad::indexer {
namespace {

struct ReadItem {
  std::uint64_t sequence = 0;
  std::optional<Record> record;
  std::optional<ReadProblem> problem;
};

struct BuiltItem {
  std::uint64_t sequence = 0;
  std::optional<AnalysedRecord> built;
  std::optional<ReadProblem> problem;
};

/** Logs the first few warnings of each kind, then only counts them. */
class WarningLog {
 public:
  explicit WarningLog(std::size_t limit) : limit_(limit) {}
  void warn(const std::string& reason, const std::string& message) {
    std::size_t n = ++seen_[reason];
    if (n <= limit_) {
      spdlog::warn("{}", message);
    } else if (n == limit_ + 1) {
      spdlog::warn("further '{}' warnings are only counted (see the summary)", reason);
    }
  }

 private:
  std::size_t limit_;
  std::map<std::string, std::size_t> seen_;
};

/** What the kept copy of an exact duplicate records of it. */
DuplicateReport duplicate_report(const AnalysedRecord& record) {
  DuplicateReport duplicate{record.id, record.document.get_value(schema::kSourceSlot), {}};
  if (auto day = date::CivilDate::from_yyyymmdd(record.document.get_value(schema::kDateSlot))) duplicate.date = day->iso();
  return duplicate;
}

}  // namespace

IndexSummary run_indexing(const IndexOptions& options, const std::atomic<bool>& stop) {
  auto started = std::chrono::steady_clock::now();
  IndexSummary summary;
  // Every input is checked before anything is written, so a bad path changes nothing.
  std::vector<InputFile> inputs = find_inputs(options.inputs, options.input_format);
  std::uint64_t total_bytes = 0;
  bool sizes_known = true;
  for (const auto& input : inputs) {
    total_bytes += input.size;
    sizes_known &= input.path != "-";
  }

  // The gazetteer is read and the taggers built before the index is touched, so a bad file changes nothing.
  std::optional<tag::Gazetteer> user_gazetteer;
  if (options.tagging && !options.gazetteer_file.empty())
    user_gazetteer = tag::Gazetteer::builtin_with(options.gazetteer_file);
  const TaggingSettings tagging{options.tagging, user_gazetteer ? &*user_gazetteer : nullptr};
  std::optional<tag::EntityTagger> entity_tagger;
  std::optional<tag::ClaimTagger> claim_tagger;
  SharedTaggers taggers;
  if (options.tagging) {
    entity_tagger.emplace(tagging.resolved_gazetteer());
    claim_tagger.emplace();
    taggers = {&*entity_tagger, &*claim_tagger};
  }

  const std::string partition =
      options.partitions > 1 ? std::to_string(options.partition) + "/" + std::to_string(options.partitions) : "";
  IndexWriter writer(options.db_path, options.analysis, tagging, options.shards, partition,
                     options.stories ? options.story_thresholds.describe() : "off");
  summary.shards = writer.shard_count();
  std::optional<StoryClusterer> stories;
  if (options.stories) stories.emplace(options.db_path, options.story_thresholds, writer.existed());
  summary.stories = options.stories;
  auto body_hashes = writer.existing_body_hashes();
  // Each report's body hash, so that a report whose body changes frees its old one.
  std::unordered_map<std::string, std::uint64_t> hash_of_id;
  for (const auto& [hash, id] : body_hashes) hash_of_id.emplace(id, hash);
  spdlog::info("indexing {} input file(s) into {} ({} shard(s), {} analysis thread(s){})", inputs.size(),
               options.db_path, writer.shard_count(), options.threads,
               writer.existed() ? ", updating an existing index" : "");

  const unsigned workers = std::max(1u, options.threads);
  BlockingQueue<ReadItem> to_analyse(64 * workers);
  BlockingQueue<BuiltItem> to_write(64 * workers);
  std::atomic<bool> abort{false};
  std::atomic<std::uint64_t> bytes_read{0};
  std::exception_ptr reader_failure;

  ReaderOptions reader_options = options.reader;
  reader_options.interrupt = &stop;
  reader_options.max_field_bytes = options.build.max_doc_bytes;
  std::atomic<std::uint64_t> other_partitions = 0;
  std::thread reader([&] {
    std::uint64_t sequence = 0, bytes_before = 0;
    try {
      for (const auto& input : inputs) {
        if (stop || abort) break;
        auto records = open_reader(input, options.fields, reader_options);
        spdlog::debug("reading {}", input.path);
        Record record;
        std::optional<ReadProblem> problem;
        while (!stop && !abort && records->next(record, problem)) {
          if (!problem && options.partitions > 1 &&
              partition_of(record.id.empty() ? derived_id(record) : record.id, options.partitions) != options.partition - 1) {
            ++other_partitions;
            continue;
          }
          ReadItem item;
          item.sequence = sequence++;
          if (problem) {
            item.problem = std::move(problem);
          } else {
            item.record = std::move(record);
          }
          if (!to_analyse.push(std::move(item))) break;
          bytes_read = bytes_before + records->bytes_read();
        }
        bytes_before += records->bytes_read();
        bytes_read = bytes_before;
      }
    } catch (...) {
      reader_failure = std::current_exception();
    }
    to_analyse.close();
  });

  std::vector<std::thread> analysers;
  std::atomic<unsigned> analysers_left{workers};
  for (unsigned i = 0; i < workers; ++i) {
    analysers.emplace_back([&] {
      BuildOptions build = options.build;
      build.stories = options.stories;
      DocumentBuilder builder(options.analysis, build, taggers);
      while (auto item = to_analyse.pop()) {
        BuiltItem out;
        out.sequence = item->sequence;
        if (item->problem) {
          out.problem = std::move(item->problem);
        } else {
          out.built = builder.build(std::move(*item->record));
        }
        if (!to_write.push(std::move(out))) break;
      }
      if (--analysers_left == 0) to_write.close();
    });
  }

  auto shut_down = [&] {
    abort = true;
    to_analyse.close();
    to_write.close();
    reader.join();
    for (auto& t : analysers) t.join();
  };

  WarningLog warnings(options.max_warnings_per_reason);
  ProgressLine progress(options.progress, sizes_known ? total_bytes : 0);
  std::map<std::uint64_t, BuiltItem> waiting;  // arrivals out of order, by sequence
  std::uint64_t next_sequence = 0, since_commit = 0;

  auto handle = [&](BuiltItem& item) {
    ++summary.records;
    if (summary.strict_failure) return;  // after --strict stops the run, nothing more is written
    std::optional<std::pair<std::string, std::string>> bad;
    if (item.problem) bad = std::make_pair(item.problem->reason, item.problem->message);
    if (item.built && item.built->skipped) bad = item.built->skipped;
    if (!bad && options.strict && item.built && !item.built->warnings.empty()) bad = item.built->warnings.front();
    if (bad) {
      if (options.strict) {
        summary.strict_failure = true;
        summary.strict_message = bad->second;
        abort = true;
        return;
      }
      ++summary.skipped[bad->first];
      warnings.warn(bad->first, bad->second);
      return;
    }
    AnalysedRecord& record = *item.built;
    summary.text_bytes += record.text_bytes;
    for (const auto& [reason, message] : record.warnings) {
      ++summary.repaired[reason];
      warnings.warn(reason, message);
    }
    if (!options.keep_duplicates) {
      auto [it, inserted] = body_hashes.emplace(record.body_hash, record.id);
      if (!inserted && it->second != record.id) {
        ++summary.duplicates;
        writer.add_duplicate(it->second, duplicate_report(record));
        return;
      }
      // A report whose body changed no longer holds its old body: a new record with it is no copy.
      auto [old, fresh] = hash_of_id.try_emplace(record.id, record.body_hash);
      if (!fresh && old->second != record.body_hash) {
        auto stale = body_hashes.find(old->second);
        if (stale != body_hashes.end() && stale->second == record.id) body_hashes.erase(stale);
        old->second = record.body_hash;
      }
    }
    summary.without_date += !record.has_date;
    if (stories)
      for (const StoryRelabel& relabel : stories->assign(record)) writer.relabel_story(relabel.from, relabel.to);
    writer.write(std::move(record));
    if (++since_commit >= options.batch) {
      if (stories) {
        // The clusterer reads the index between two commits, when it holds exactly the batches
        // before this one: which reports it finds there then does not depend on the writers' pace.
        writer.wait_for_commits();
        stories->committed();
      }
      writer.commit();
      since_commit = 0;
    }
  };

  try {
    while (auto item = to_write.pop()) {
      waiting.emplace(item->sequence, std::move(*item));
      for (auto it = waiting.begin(); it != waiting.end() && it->first == next_sequence; it = waiting.begin()) {
        handle(it->second);
        waiting.erase(it);
        ++next_sequence;
      }
      progress.update(summary.records, bytes_read);
    }
  } catch (...) {
    progress.clear();
    shut_down();
    throw;
  }
  progress.clear();
  shut_down();

  WriteCounts counts = writer.finish();
  summary.added = counts.added;
  summary.updated = counts.updated;
  summary.unchanged = counts.unchanged;
  if (stories) summary.joined_stories = stories->joined();
  summary.bytes = bytes_read;
  summary.interrupted = stop && !summary.strict_failure;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.partitioned = options.partitions > 1;
  summary.other_partitions = other_partitions;
  summary.records += other_partitions;
  if (reader_failure) std::rethrow_exception(reader_failure);
  return summary;
}

std::string format_summary(const IndexSummary& s) {
  std::string out;
  char line[256];
  auto add = [&](const char* format, auto... values) {
    std::snprintf(line, sizeof line, format, values...);
    out += line;
  };
  auto u = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
  if (s.interrupted) out += "interrupted: everything read so far is committed; run the same command again to finish\n";
  add("records read     %llu\n", u(s.records));
  add("indexed (new)    %llu\n", u(s.added));
  add("updated          %llu\n", u(s.updated));
  add("unchanged        %llu\n", u(s.unchanged));
  add("duplicates       %llu (kept once, their ids recorded in the kept report)\n", u(s.duplicates));
  if (s.stories) add("copies           %llu (near-copies of an earlier report, put in its story)\n", u(s.joined_stories));
  std::uint64_t skipped = 0;
  for (const auto& [reason, n] : s.skipped) skipped += n;
  add("skipped          %llu\n", u(skipped));
  for (const auto& [reason, n] : s.skipped) add("  %-22s %llu\n", reason.c_str(), u(n));
  for (const auto& [reason, n] : s.repaired) add("warning: %-20s %llu (indexed)\n", reason.c_str(), u(n));
  add("without a date   %llu\n", u(s.without_date));
  if (s.partitioned) add("other partitions %llu (left to them)\n", u(s.other_partitions));
  double mb = static_cast<double>(s.text_bytes) / 1e6;
  add("text             %.1f MB (%.1f MB read) in %.1f s: %.0f docs/s, %.2f MB/s, %u shard(s)\n", mb,
      static_cast<double>(s.bytes) / 1e6, s.seconds, s.seconds > 0 ? static_cast<double>(s.records) / s.seconds : 0.0,
      s.seconds > 0 ? mb / s.seconds : 0.0, s.shards);
  return out;
}

}  // namespace marsad::indexer

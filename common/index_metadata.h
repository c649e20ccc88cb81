#pragma once
// What an index records about how it was built, and the check that a reader or writer agrees.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/tag/gazetteer.h"
#include "common/text/analyzer.h"

namespace marsad {

/** How documents are tagged: at all (marsad-index --no-tagging turns it off), and with which gazetteer. */
struct TaggingSettings {
  bool enabled = true;
  const tag::Gazetteer* gazetteer = nullptr;  // the built-in one when null
  const tag::Gazetteer& resolved_gazetteer() const { return gazetteer ? *gazetteer : tag::Gazetteer::builtin(); }
};

/** Writes schema version, analysis and tagging settings, shard numbering, the partition ("K/N",
 *  empty for the whole input) and the story clustering (story::Thresholds::describe(), or "off")
 *  into one shard. */
void write_index_metadata(Xapian::WritableDatabase& shard, const text::AnalyzerSettings& settings,
                          const TaggingSettings& tagging, unsigned shard_index, unsigned shard_count,
                          std::string_view partition = {}, std::string_view stories = "off");

/** For adding to an existing index: throws ConfigError when its reports were grouped into stories
 *  otherwise than `stories` (as written by write_index_metadata), saying which option matches. */
void check_index_stories(const Xapian::Database& db, const std::string& index_path, std::string_view stories);

/** How the index's reports were grouped into stories: story::Thresholds::describe(), or "off". */
std::string index_stories(const Xapian::Database& db);

/** For adding to an existing index: throws ConfigError when it holds another partition of its input
 *  than `partition` ("K/N", empty for the whole input), saying which option adds to it. */
void check_index_partition(const Xapian::Database& db, const std::string& index_path, std::string_view partition);

/**
 * Throws ConfigError when db (opened from index_path) was built with another schema version or
 * other analysis settings than `settings`; the message says how to rebuild.
 */
void check_index_metadata(const Xapian::Database& db, const std::string& index_path,
                          const text::AnalyzerSettings& settings);

/**
 * check_index_metadata on each of `shards` (the stub lines and databases of the index at
 * `index_path`, as open_every_shard gives them), and the same tagging and gazetteer in all: Xapian
 * reads a combined database's metadata from its first shard only. The message of a mismatch names
 * the shard.
 */
void check_shards(const std::string& index_path, const std::vector<std::pair<std::string, Xapian::Database>>& shards,
                  const text::AnalyzerSettings& settings);

/** A shard that could not be opened: its stub line and why. */
struct ShardFailure {
  std::string shard, error;
  bool operator==(const ShardFailure&) const = default;
};

/**
 * Each shard the index's stub file names, in its order (the order of Xapian's combined docids), as
 * its stub line and a database of its own. A shard that cannot be opened is an InputError naming it;
 * with `failures`, it is recorded there and left out instead, and only an index of which no shard
 * opens is an error. Xapian::DatabaseModifiedError when a writer's commits raced the opening (open again).
 */
std::vector<std::pair<std::string, Xapian::Database>> open_every_shard(const std::string& index_path,
                                                                       std::vector<ShardFailure>* failures = nullptr);


/** Whether the index's stub file names a remote shard (a `remote` line). */
bool has_remote_shards(const std::string& index_path);

/** For adding to an existing index: throws ConfigError when its documents were tagged otherwise
 *  (tagging on or off, another gazetteer), saying which option gives the same tagging. */
void check_index_tagging(const Xapian::Database& db, const std::string& index_path, const TaggingSettings& tagging);

/** The gazetteer the index was tagged with, as stored in it; throws ConfigError when the stored
 *  copy is missing or does not match its fingerprint. */
tag::Gazetteer index_gazetteer(const Xapian::Database& db, const std::string& index_path);

/** Whether the index's documents carry entity and claim terms. */
bool index_is_tagged(const Xapian::Database& db);

}  // namespace marsad

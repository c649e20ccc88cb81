#include "common/index_metadata.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/errors.h"
#include "common/schema.h"

namespace marsad {

void write_index_metadata(Xapian::WritableDatabase& shard, const text::AnalyzerSettings& settings,
                          const TaggingSettings& tagging, unsigned shard_index, unsigned shard_count,
                          std::string_view partition, std::string_view stories) {
  shard.set_metadata(std::string(schema::kStoriesKey), std::string(stories));
  if (!partition.empty()) shard.set_metadata(std::string(schema::kPartitionKey), std::string(partition));
  shard.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kVersion));
  shard.set_metadata(std::string(schema::kAnalysisKey), settings.describe(text::Lexicon::builtin()));
  shard.set_metadata(std::string(schema::kShardIndexKey), std::to_string(shard_index));
  shard.set_metadata(std::string(schema::kShardCountKey), std::to_string(shard_count));
  shard.set_metadata(std::string(schema::kTaggingKey), tagging.enabled ? "on" : "off");
  const tag::Gazetteer& gazetteer = tagging.resolved_gazetteer();
  shard.set_metadata(std::string(schema::kGazetteerKey), gazetteer.to_tsv());
  shard.set_metadata(std::string(schema::kGazetteerFingerprintKey), gazetteer.fingerprint());
}

void check_index_metadata(const Xapian::Database& db, const std::string& index_path,
                          const text::AnalyzerSettings& settings) {
  std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  if (version.empty())
    throw ConfigError(index_path + " is not a Marsad index (no schema version); build one with marsad-index --db " + index_path);
  if (version != std::to_string(schema::kVersion))
    throw ConfigError(index_path + " has index schema " + version + ", this program reads schema " +
                      std::to_string(schema::kVersion) + "; rebuild it: marsad-index --db NEW_DIR INPUT...");
  std::string built = db.get_metadata(std::string(schema::kAnalysisKey));
  std::string wanted = settings.describe(text::Lexicon::builtin());
  if (built != wanted)
    throw ConfigError(index_path + " was built with analysis '" + built + "' but this program uses '" + wanted +
                      "'; rebuild it: marsad-index --db NEW_DIR INPUT... (or pass the same --stemmer)");
}

namespace {

/** One line of a stub file opened as a database of its own: a stub of that line alone is written to
 *  a temporary file (local paths made absolute), so Xapian reads local and remote lines as it would. */
Xapian::Database open_stub_line(const std::filesystem::path& index_dir, const std::string& line) {
  std::istringstream words(line);
  std::string backend, rest;
  words >> backend;
  std::getline(words, rest);
  rest.erase(0, rest.find_first_not_of(" \t"));
  // "remote tcp HOST PORT" names a shard served by xapian-tcpsrv (Xapian's own stubs say "remote HOST:PORT").
  if (backend == "remote") {
    std::istringstream remote(rest);
    std::string kind, host;
    unsigned port = 0;
    // A machine that is down may drop the connection attempt without a word: give up after 3 s,
    // not Xapian's 10 s, so that a partial answer (--allow-partial) does not wait long for it.
    constexpr useconds_t kTimeoutMs = 10000, kConnectTimeoutMs = 3000;
    if (remote >> kind >> host >> port && kind == "tcp") return Xapian::Remote::open(host, port, kTimeoutMs, kConnectTimeoutMs);
  }
  std::string single = line;
  if ((backend == "auto" || backend == "glass" || backend == "chert" || backend == "honey") &&
      !std::filesystem::path(rest).is_absolute())
    single = backend + " " + (std::filesystem::absolute(index_dir) / rest).string();
  std::string temp = (std::filesystem::temp_directory_path() / "marsad-shard-XXXXXX").string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) throw InputError("cannot create a temporary file to open a shard of " + index_dir.string());
  close(fd);
  {
    std::ofstream out(temp);
    out << single << '\n';
  }
  try {
    Xapian::Database shard(temp, Xapian::DB_BACKEND_STUB);
    std::filesystem::remove(temp);
    return shard;
  } catch (...) {
    std::filesystem::remove(temp);
    throw;
  }
}

}  // namespace

std::vector<std::pair<std::string, Xapian::Database>> open_every_shard(const std::string& index_path,
                                                                       std::vector<ShardFailure>* failures) {
  const std::filesystem::path dir(index_path);
  std::ifstream stub(dir / schema::kStubFileName);
  if (!stub) throw InputError(index_path + ": cannot read " + std::string(schema::kStubFileName));
  std::vector<std::pair<std::string, Xapian::Database>> shards;
  std::optional<InputError> first_failure;
  for (std::string line; std::getline(stub, line);) {
    if (line.empty() || line[0] == '#') continue;
    try {
      shards.emplace_back(line, open_stub_line(dir, line));
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;  // a writer committed while the shard was opened: the caller opens it again
    } catch (const Xapian::Error& e) {
      std::string why = e.get_msg();
      if (const char* detail = e.get_error_string()) why.append(" (").append(detail).append(")");
      InputError error(index_path + " (shard '" + line + "'): cannot open: " + why);
      if (!failures) throw error;
      failures->push_back({line, why});
      if (!first_failure) first_failure = std::move(error);
    }
  }
  if (shards.empty() && first_failure) throw *first_failure;
  return shards;
}

void check_shards(const std::string& index_path, const std::vector<std::pair<std::string, Xapian::Database>>& shards,
                  const text::AnalyzerSettings& settings) {
  std::string first_line, tagging, fingerprint;
  for (const auto& [line, shard] : shards) {
    const std::string where = index_path + " (shard '" + line + "')";
    check_index_metadata(shard, where, settings);
    const std::string shard_tagging = shard.get_metadata(std::string(schema::kTaggingKey));
    const std::string shard_fingerprint = shard.get_metadata(std::string(schema::kGazetteerFingerprintKey));
    if (first_line.empty()) {
      first_line = line;
      tagging = shard_tagging;
      fingerprint = shard_fingerprint;
    } else if (shard_tagging != tagging || shard_fingerprint != fingerprint) {
      throw ConfigError(where + " was tagged otherwise than shard '" + first_line +
                        "' (tagging or gazetteer); rebuild the index: marsad-index --db NEW_DIR INPUT...");
    }
  }
}

bool has_remote_shards(const std::string& index_path) {
  std::ifstream stub(std::filesystem::path(index_path) / schema::kStubFileName);
  for (std::string line; std::getline(stub, line);)
    if (line.starts_with("remote")) return true;
  return false;
}

bool index_is_tagged(const Xapian::Database& db) { return db.get_metadata(std::string(schema::kTaggingKey)) != "off"; }

void check_index_partition(const Xapian::Database& db, const std::string& index_path, std::string_view partition) {
  const std::string stored = db.get_metadata(std::string(schema::kPartitionKey));
  if (stored == partition) return;
  const std::string holds = stored.empty() ? "all of its input" : "partition " + stored + " of its input";
  const std::string fix = stored.empty() ? "add to it without --partition" : "add to it with --partition " + stored;
  const std::string asked = partition.empty() ? "the whole input" : "partition " + std::string(partition);
  throw ConfigError(index_path + " holds " + holds + ", not " + asked + "; " + fix +
                    ", or index into another folder");
}

void check_index_tagging(const Xapian::Database& db, const std::string& index_path, const TaggingSettings& tagging) {
  if (index_is_tagged(db) != tagging.enabled)
    throw ConfigError(index_path + (tagging.enabled ? " was built with --no-tagging; add to it with --no-tagging too"
                                                    : " was built with tagging; add to it without --no-tagging"));
  if (!tagging.enabled) return;
  std::string stored = db.get_metadata(std::string(schema::kGazetteerFingerprintKey));
  if (stored != tagging.resolved_gazetteer().fingerprint())
    throw ConfigError(index_path + " was tagged with another gazetteer (" +
                      (tagging.gazetteer ? "not the one of --gazetteer" : "a --gazetteer file or another version") +
                      "); add to it with the same --gazetteer, or rebuild it: marsad-index --db NEW_DIR INPUT...");
}

std::string index_stories(const Xapian::Database& db) {
  std::string stories = db.get_metadata(std::string(schema::kStoriesKey));
  return stories.empty() ? "off" : stories;
}

void check_index_stories(const Xapian::Database& db, const std::string& index_path, std::string_view stories) {
  const std::string built = index_stories(db);
  if (built == stories) return;
  if (stories == "off") throw ConfigError(index_path + " groups its reports into stories; add to it without --no-stories");
  if (built == "off") throw ConfigError(index_path + " was built with --no-stories; add to it with --no-stories too");
  throw ConfigError(index_path + " groups its reports into stories by '" + built + "', this program by '" +
                    std::string(stories) + "'; rebuild it: marsad-index --db NEW_DIR INPUT...");
}

tag::Gazetteer index_gazetteer(const Xapian::Database& db, const std::string& index_path) {
  std::string tsv = db.get_metadata(std::string(schema::kGazetteerKey));
  if (tsv.empty()) throw ConfigError(index_path + " holds no gazetteer; rebuild it: marsad-index --db NEW_DIR INPUT...");
  tag::Gazetteer gazetteer;
  try {
    gazetteer.add(tsv, index_path + " (stored gazetteer)", false);
  } catch (const InputError& e) {
    throw ConfigError(std::string(e.what()) + "; rebuild the index");
  }
  if (gazetteer.fingerprint() != db.get_metadata(std::string(schema::kGazetteerFingerprintKey)))
    throw ConfigError(index_path + ": the stored gazetteer does not match its fingerprint; rebuild the index");
  return gazetteer;
}

}  // namespace marsad

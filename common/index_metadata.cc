#include "common/index_metadata.h"

#include "common/errors.h"
#include "common/schema.h"

namespace marsad {

void write_index_metadata(Xapian::WritableDatabase& shard, const text::AnalyzerSettings& settings,
                          unsigned shard_index, unsigned shard_count) {
  shard.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kVersion));
  shard.set_metadata(std::string(schema::kAnalysisKey), settings.describe(text::Lexicon::builtin()));
  shard.set_metadata(std::string(schema::kShardIndexKey), std::to_string(shard_index));
  shard.set_metadata(std::string(schema::kShardCountKey), std::to_string(shard_count));
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

}  // namespace marsad

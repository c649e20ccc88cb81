#pragma once
// What an index records about how it was built, and the check that a reader or writer agrees.
#include <string>

#include <xapian.h>

#include "common/text/analyzer.h"

namespace marsad {

/** Writes schema version and analysis settings (and shard numbering) into one shard. */
void write_index_metadata(Xapian::WritableDatabase& shard, const text::AnalyzerSettings& settings,
                          unsigned shard_index, unsigned shard_count);

/**
 * Throws ConfigError when db (opened from index_path) was built with another schema version or
 * other analysis settings than `settings`; the message says how to rebuild.
 */
void check_index_metadata(const Xapian::Database& db, const std::string& index_path,
                          const text::AnalyzerSettings& settings);

}  // namespace marsad

#pragma once
// Every report's facet keys, interned as small integers and laid out by shard and document id, so
// that counting a match set costs a few array increments per report (reading a value slot per
// match costs microseconds). Built in one pass over each shard's schema::kFacetKeysSlot.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/tag/gazetteer.h"
#include "searcher/facets.h"

namespace marsad::searcher {

using FacetKey = std::uint32_t;

/**
 * The facet keys of the local shards of one index, each shard opened on its own (a match spy sees
 * a shard's own document ids, not the combined database's), at the revision they had when read.
 * Immutable after construction; like a Xapian::Database, one per thread.
 */
class FacetTable : public std::enable_shared_from_this<FacetTable> {
 public:
  /** Reads the keys of every document of `shards` (local databases); entity keys' ancestors in
   *  `gazetteer` are interned too, for the roll-up. Tallies keep the table alive. */
  static std::shared_ptr<const FacetTable> read(std::vector<Xapian::Database> shards, const tag::Gazetteer& gazetteer);

  /** Tallies of `dimensions` (all when empty) over the reports `query` matches, counted shard by
   *  shard; `total` is their number. */
  FacetTallies tally(const Xapian::Query& query, const std::vector<FacetDimension>& dimensions, bool rollup) const;
  /** The number of reports `query` matches, counted shard by shard. */
  Xapian::doccount count(const Xapian::Query& query) const;
  /** Tallies of every dimension over every report. */
  FacetTallies tally_all(bool rollup) const;

  /** The keys of document `id` of shard `shard`, each once; empty for a document without keys. */
  std::span<const FacetKey> keys(std::size_t shard, Xapian::docid id) const {
    const std::vector<std::uint32_t>& offsets = shards_[shard].offsets;
    if (id + 1 >= offsets.size()) return {};
    const std::vector<FacetKey>& keys = shards_[shard].keys;
    return {keys.data() + offsets[id], keys.data() + offsets[id + 1]};
  }
  /** The key itself, then its ancestors (entity dimensions only; just the key otherwise). */
  std::span<const FacetKey> lineage(FacetKey key) const {
    return {lineage_.data() + lineage_offsets_[key], lineage_.data() + lineage_offsets_[key + 1]};
  }
  FacetKey key_count() const { return static_cast<FacetKey>(values_.size()); }
  FacetDimension dimension(FacetKey key) const { return dimensions_[key]; }
  const std::string& value(FacetKey key) const { return values_[key]; }

 private:
  FacetTable(std::vector<Xapian::Database> shards, const tag::Gazetteer& gazetteer);

  struct Shard {
    Xapian::Database db;
    std::vector<std::uint32_t> offsets;  // by docid: its keys are keys[offsets[id], offsets[id + 1])
    std::vector<FacetKey> keys;
  };
  std::vector<Shard> shards_;
  std::vector<FacetDimension> dimensions_;  // by key
  std::vector<std::string> values_;         // by key
  std::vector<std::uint32_t> lineage_offsets_;
  std::vector<FacetKey> lineage_;
};

}  // namespace marsad::searcher

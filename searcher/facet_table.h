#pragma once
// Every report's facet keys, interned as small integers and laid out by shard and document id, so
// that counting a match set costs a few array increments per report (reading a value slot per
// match costs microseconds). Read in one pass over each shard's schema::kFacetKeysSlot, once per
// revision for the whole process.
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
 * The facet keys of every report of some local shards, each at one revision. Immutable, so the
 * searchers of a process share it: after a commit it is built once, not once per thread.
 */
class FacetKeys : public std::enable_shared_from_this<FacetKeys> {
 public:
  /** The keys of `shards` (local databases, each named by where it lives, read at their current
   *  revisions): the ones a searcher of this process already holds for the same shards at the same
   *  revisions and gazetteer, or else read now. Entity keys' ancestors in `gazetteer` are interned
   *  too, for the roll-up. */
  static std::shared_ptr<const FacetKeys> of(const std::vector<std::pair<std::string, Xapian::Database>>& shards,
                                             const tag::Gazetteer& gazetteer);

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
  /** The story of document `id` of shard `shard`, numbered from 1 across the shards; 0 for none
   *  and for a story of that one report. */
  std::uint32_t story(std::size_t shard, Xapian::docid id) const {
    const std::vector<std::uint32_t>& stories = shards_[shard].stories;
    return id < stories.size() ? stories[id] : 0;
  }
  /** The keys of document `id` of shard `shard` as keys() gives them, for a document whose story()
   *  is not 0, from a copy laid out story by story: counting a story's reports then reads one
   *  stretch of memory. */
  std::span<const FacetKey> story_keys(std::size_t shard, Xapian::docid id) const {
    const Shard& s = shards_[shard];
    return {story_keys_.data() + s.story_keys_at[id], s.offsets[id + 1] - s.offsets[id]};
  }
  /** Stories are numbered 1 .. story_count(). */
  std::uint32_t story_count() const { return story_count_; }
  FacetKey key_count() const { return static_cast<FacetKey>(values_.size()); }
  FacetDimension dimension(FacetKey key) const { return dimensions_[key]; }
  const std::string& value(FacetKey key) const { return values_[key]; }
  std::size_t shard_count() const { return shards_.size(); }
  /** The highest document id of shard `shard` with keys, or less. */
  Xapian::docid last_docid(std::size_t shard) const {
    return static_cast<Xapian::docid>(shards_[shard].offsets.size() - 2);
  }

 private:
  FacetKeys(const std::vector<Xapian::Database>& shards, const tag::Gazetteer& gazetteer);

  struct Shard {
    std::vector<std::uint32_t> offsets;  // by docid: its keys are keys[offsets[id], offsets[id + 1])
    std::vector<FacetKey> keys;
    std::vector<std::uint32_t> stories;  // by docid
    std::vector<std::uint32_t> story_keys_at;  // by docid, for a story of several reports: where in story_keys_
  };
  std::vector<Shard> shards_;
  std::vector<FacetDimension> dimensions_;  // by key
  std::vector<std::string> values_;         // by key
  std::vector<std::uint32_t> lineage_offsets_;
  std::vector<FacetKey> lineage_;
  std::uint32_t story_count_ = 0;
  std::vector<FacetKey> story_keys_;  // the keys of the reports of stories of several reports, story by story
};

/**
 * Counts facets over a searcher's own handles on the local shards, with their keys: each shard is
 * matched on its own (a match spy sees a shard's own document ids, not the combined database's).
 * Like a Xapian::Database, one per thread.
 */
class FacetTable {
 public:
  /** `shards` at the revisions `keys` was read from. */
  FacetTable(std::vector<Xapian::Database> shards, std::shared_ptr<const FacetKeys> keys);
  /** Opens every shard of `shards` apart and reads (or shares) their keys. */
  static std::unique_ptr<FacetTable> open(std::vector<std::pair<std::string, Xapian::Database>> shards,
                                          const tag::Gazetteer& gazetteer);

  /** Tallies of `dimensions` (all when empty) over the reports `query` matches, counted shard by
   *  shard in `unit`; `total` is their number. The tallies keep the keys alive. */
  FacetTallies tally(const Xapian::Query& query, const std::vector<FacetDimension>& dimensions, bool rollup,
                     CountUnit unit = CountUnit::Reports) const;
  /** The number of reports (or stories) `query` matches, counted shard by shard. */
  Xapian::doccount count(const Xapian::Query& query, CountUnit unit = CountUnit::Reports) const;
  /** Tallies of every dimension over every report. */
  FacetTallies tally_all(bool rollup, CountUnit unit = CountUnit::Reports) const;
  const FacetKeys& keys() const { return *keys_; }

 private:
  std::vector<Xapian::Database> shards_;
  std::shared_ptr<const FacetKeys> keys_;
};

}  // namespace marsad::searcher

#pragma once
// Sets of words for the taggers, with a bit filter in front of the hash table.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/text/analyzer.h"

namespace marsad::tag {

/**
 * A compact filter over words (two bits set per word, about 16 bits of table per word): `may_contain` is
 * false for most words never added and always true for words added. Taggers ask far more often
 * about words that are not in a list than about words that are, and the filter answers those from
 * a few cache lines instead of a hash-table walk. Filled once, then read-only and thread-safe.
 */
class WordFilter {
 public:
  /** Sizes the filter for `words` entries (it works with more, with more false positives). */
  void reserve(std::size_t words);
  void add(std::string_view word);
  bool may_contain(std::string_view word) const { return may_contain_hash(text::lookup_hash(word)); }
  /** The same, for a word whose text::lookup_hash is known (WordAnalysis readings carry theirs). */
  bool may_contain_hash(std::uint64_t h) const { return !bits_.empty() && bit(h) && bit(h >> 32); }

 private:
  bool bit(std::uint64_t h) const { return (bits_[(h & mask_) >> 6] >> (h & 63)) & 1u; }
  void set(std::uint64_t h) { bits_[(h & mask_) >> 6] |= std::uint64_t{1} << (h & 63); }
  void grow(std::size_t words);

  std::vector<std::uint64_t> bits_;
  std::vector<std::uint64_t> hashes_;  // of the words added, so that the filter can grow
  std::uint64_t mask_ = 0;          // bit count - 1 (a power of two)
};

/** A set of normalized words, looked up by string_view; a WordFilter answers most misses. */
class WordSet {
 public:
  void insert(std::string word) {
    filter_.add(word);
    words_.insert(std::move(word));
  }
  bool contains(std::string_view word) const { return filter_.may_contain(word) && words_.contains(word); }
  /** The same, for a word whose text::lookup_hash is known. */
  bool contains(std::string_view word, std::uint64_t hash) const {
    return filter_.may_contain_hash(hash) && words_.contains(word);
  }
  std::size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }
  std::size_t size() const { return words_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  WordFilter filter_;
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
};

}  // namespace marsad::tag

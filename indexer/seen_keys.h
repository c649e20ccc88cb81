#pragma once
// Which 64-bit keys have been written to an index: a Bloom filter that grows by adding larger
// layers, so that its false positives stay near 1% at any size without knowing the size first.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace marsad::indexer {

/** Invariant: might_contain(k) is true for every k added (no false negatives); for keys never
 *  added it is true about once in a hundred. */
class SeenKeys {
 public:
  void add(std::uint64_t key);
  bool might_contain(std::uint64_t key) const;
  /** Keys added, repeats included. */
  std::size_t added() const { return added_; }
  /** Bytes held by the filter. */
  std::size_t bytes() const;

 private:
  struct Layer {
    std::vector<std::uint64_t> words;  // a power of two of them
    std::size_t capacity = 0;          // keys it takes before a larger layer starts
    std::size_t added = 0;
  };
  static constexpr unsigned kProbes = 7;
  using Probes = std::array<std::uint64_t, kProbes>;
  /** The bits of `layer` that stand for `key`. */
  static Probes probes(const Layer& layer, std::uint64_t key);
  std::vector<Layer> layers_;
  std::size_t added_ = 0;
};

}  // namespace marsad::indexer

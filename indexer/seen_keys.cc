#include "indexer/seen_keys.h"

#include "common/hash.h"

namespace marsad::indexer {
namespace {

/** 10 bits per key and 7 probes: about 1% false positives in a full layer. */
constexpr std::size_t kBitsPerKey = 10;
constexpr std::size_t kFirstLayerWords = std::size_t{1} << 13;  // 64 KiB, 52k keys


}  // namespace

SeenKeys::Probes SeenKeys::probes(const Layer& layer, std::uint64_t key) {
  // Kirsch and Mitzenmacher: the probes are h1 + i·h2 of two hashes.
  Probes bits;
  const std::uint64_t h1 = mix64(key), h2 = mix64(h1 ^ 0x9e3779b97f4a7c15ull) | 1;
  const std::uint64_t mask = layer.words.size() * 64 - 1;
  for (unsigned i = 0; i < kProbes; ++i) bits[i] = (h1 + i * h2) & mask;
  return bits;
}

void SeenKeys::add(std::uint64_t key) {
  ++added_;
  if (might_contain(key)) return;  // bits only ever get set: it stays "seen"
  if (layers_.empty() || layers_.back().added >= layers_.back().capacity) {
    const std::size_t words = layers_.empty() ? kFirstLayerWords : layers_.back().words.size() * 2;
    layers_.push_back(Layer{std::vector<std::uint64_t>(words), words * 64 / kBitsPerKey, 0});
  }
  Layer& layer = layers_.back();
  for (std::uint64_t bit : probes(layer, key)) layer.words[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  ++layer.added;
}

bool SeenKeys::might_contain(std::uint64_t key) const {
  for (const Layer& layer : layers_) {
    bool all = true;
    for (std::uint64_t bit : probes(layer, key))
      if (!(layer.words[bit >> 6] & (std::uint64_t{1} << (bit & 63)))) {
        all = false;
        break;
      }
    if (all) return true;
  }
  return false;
}

std::size_t SeenKeys::bytes() const {
  std::size_t total = 0;
  for (const Layer& layer : layers_) total += layer.words.size() * sizeof(std::uint64_t);
  return total;
}

}  // namespace marsad::indexer

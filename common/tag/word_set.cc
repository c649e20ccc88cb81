#include "common/tag/word_set.h"

namespace marsad::tag {

namespace {
constexpr std::size_t kBitsPerWord = 16;  // two hashes: about 1.5% false positives when full
constexpr std::size_t kMinBits = 512;
}  // namespace

void WordFilter::reserve(std::size_t words) {
  if (words * kBitsPerWord > mask_ + 1 || bits_.empty()) grow(words);
}

void WordFilter::grow(std::size_t words) {
  std::size_t bits = kMinBits;
  while (bits < words * kBitsPerWord) bits *= 2;
  bits_.assign(bits / 64, 0);
  mask_ = bits - 1;
  for (std::uint64_t h : hashes_) {
    set(h);
    set(h >> 32);
  }
}

void WordFilter::add(std::string_view word) {
  const std::uint64_t h = text::lookup_hash(word);
  hashes_.push_back(h);
  if (bits_.empty() || hashes_.size() * kBitsPerWord > mask_ + 1) {
    grow(hashes_.size() * 2);
    return;
  }
  set(h);
  set(h >> 32);
}

}  // namespace marsad::tag

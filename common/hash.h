#pragma once
// A stable 64-bit hash (FNV-1a) for ids, duplicate detection and data fingerprints: the same
// bytes give the same value on every platform and in every release.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace marsad {

inline constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;

inline std::uint64_t fnv1a(std::string_view data, std::uint64_t h = kFnvOffset) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

/** The partition (0 .. count-1) of a record id: a hash of its own, not the one that picks a shard,
 *  so that the records of one partition still spread over all of its shards. */
inline unsigned partition_of(std::string_view id, unsigned count) {
  std::uint64_t h = fnv1a(id, fnv1a("partition\x1f"));
  h ^= h >> 33;  // the low bits of FNV-1a mix poorly on their own
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<unsigned>(h % count);
}

/** A 64-bit finaliser (splitmix64): every input bit moves every output bit. */
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

inline std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace marsad

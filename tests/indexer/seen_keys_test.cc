#include "indexer/seen_keys.h"

#include <gtest/gtest.h>

namespace marsad::indexer {
namespace {

std::uint64_t nth_key(std::uint64_t n) { return n * 0x9e3779b97f4a7c15ull + 12345; }

TEST(SeenKeys, AnEmptyFilterHasSeenNothing) {
  SeenKeys seen;
  EXPECT_FALSE(seen.might_contain(0));
  EXPECT_FALSE(seen.might_contain(nth_key(1)));
  EXPECT_EQ(seen.bytes(), 0u);
}

TEST(SeenKeys, EveryKeyAddedIsSeenAcrossItsLayers) {
  SeenKeys seen;
  constexpr std::uint64_t kKeys = 300'000;  // several layers: the first takes about 52k
  for (std::uint64_t n = 0; n < kKeys; ++n) seen.add(nth_key(n));
  for (std::uint64_t n = 0; n < kKeys; ++n) ASSERT_TRUE(seen.might_contain(nth_key(n))) << n;
  EXPECT_EQ(seen.added(), kKeys);
  EXPECT_GT(seen.bytes(), std::size_t{64} << 10);  // it grew
  EXPECT_LT(seen.bytes(), std::size_t{2} << 20);   // about 10 bits a key, doubled at most
}

TEST(SeenKeys, FewKeysNeverAddedLookSeen) {
  SeenKeys seen;
  for (std::uint64_t n = 0; n < 200'000; ++n) seen.add(nth_key(n));
  std::size_t false_positives = 0;
  constexpr std::uint64_t kOthers = 100'000;
  for (std::uint64_t n = 1'000'000; n < 1'000'000 + kOthers; ++n) false_positives += seen.might_contain(nth_key(n));
  // About 1% per full layer, and a key is looked for in every layer.
  EXPECT_LT(false_positives, kOthers * 4 / 100) << false_positives;
}

TEST(SeenKeys, RepeatsTakeNoRoom) {
  SeenKeys once, repeated;
  for (std::uint64_t n = 0; n < 60'000; ++n) once.add(nth_key(n));
  for (int round = 0; round < 5; ++round)
    for (std::uint64_t n = 0; n < 60'000; ++n) repeated.add(nth_key(n));
  EXPECT_EQ(repeated.bytes(), once.bytes());
  EXPECT_EQ(repeated.added(), 5 * once.added());
}

}  // namespace
}  // namespace marsad::indexer

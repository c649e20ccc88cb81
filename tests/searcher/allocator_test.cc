// keep_freed_memory: a block of a few MB comes from the heap and stays there once freed, so that the
// next query's buffers need no new pages. Each test runs in a process of its own (ctest).
#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "searcher/allocator.h"

namespace {

constexpr std::size_t kBlock = 4 << 20;  // above glibc's default mapping threshold (128 KB)
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcAllocator = false;  // AddressSanitizer's allocator ignores mallopt
#else
constexpr bool kGlibcAllocator = true;
#endif

/** Bytes in blocks mapped on their own, after allocating and touching one block of kBlock. */
std::size_t mapped_with_a_block(void*& block) {
  block = std::malloc(kBlock);
  std::memset(block, 1, kBlock);
  return mallinfo2().hblkhd;
}

TEST(KeepFreedMemory, ABlockOfAFewMegabytesComesFromTheHeapAndStaysThereWhenFreed) {
  if (!kGlibcAllocator) GTEST_SKIP() << "built with AddressSanitizer, whose allocator ignores mallopt";
  marsad::searcher::keep_freed_memory();
  const std::size_t mapped_before = mallinfo2().hblkhd;
  void* block = nullptr;
  EXPECT_EQ(mapped_with_a_block(block), mapped_before);
  std::free(block);
  EXPECT_GE(mallinfo2().keepcost, kBlock);  // the freed block is kept at the heap's end
  void* again = std::malloc(kBlock);
  EXPECT_EQ(again, block);
  std::free(again);
}

TEST(KeepFreedMemory, WithoutItTheSameBlockIsMappedOnItsOwn) {
  if (!kGlibcAllocator) GTEST_SKIP() << "built with AddressSanitizer, whose allocator ignores mallopt";
  // The default this guards against: the first such block is a mapping, given back when freed.
  const std::size_t mapped_before = mallinfo2().hblkhd;
  void* block = nullptr;
  EXPECT_GE(mapped_with_a_block(block), mapped_before + kBlock);
  std::free(block);
  EXPECT_EQ(mallinfo2().hblkhd, mapped_before);
}

}  // namespace

#include "searcher/allocator.h"

#include <malloc.h>

namespace marsad::searcher {

void keep_freed_memory() {
  // Both: with either alone the page faults stayed (measured on the news corpus).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace marsad::searcher

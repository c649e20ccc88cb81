#include "searcher/allocator.h"

#include <malloc.h>

namespace marsad::searcher {

void keep_freed_memory() {
  // Both are needed: setting either fixes only it, and glibc would still move the other.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace marsad::searcher

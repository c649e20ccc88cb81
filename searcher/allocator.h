#pragma once
// How a process that answers queries has the C library keep the memory it frees.

namespace marsad::searcher {

/**
 * Has glibc's allocator serve blocks of up to 32 MB from its heaps and keep up to 64 MB freed at a
 * heap's end, instead of mapping each large block afresh and handing freed memory back. A query's
 * counts fill buffers of hundreds of KB; mapped and unmapped per query, each page is a fault, and on
 * the news corpus `في` took 10–12 ms instead of 2.2–2.7 (bench/README.md, "bench/search"). Call it once,
 * first thing, in a process that searches (marsad-search, its server, the benchmarks).
 */
void keep_freed_memory();

}  // namespace marsad::searcher

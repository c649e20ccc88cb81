#pragma once
// The news corpus as benchmarks read it: the records as they are, or replicated with new ids to
// reach a larger size.
#include <cstddef>
#include <filesystem>
#include <string>

namespace marsad::bench {

/** The record of the JSON line `line` with "-rN" appended to its id (N > 0), as one JSON line. */
std::string replica(const std::string& line, std::size_t n);

/**
 * Writes the first `per_pass` JSON records of `input` (all when 0) to `out`, again and again with
 * ids suffixed -r1, -r2…, until `total` records are written (one pass when total is 0). Records
 * without a string id are left out. Returns the count; InputError names the file that failed.
 */
std::size_t write_corpus(const std::string& input, std::size_t per_pass, std::size_t total,
                         const std::filesystem::path& out);

/** Exit code of a benchmark that cannot run here (ctest counts it as skipped). */
inline constexpr int kSkip = 77;

/** Whether the news corpus `input` is there; when not, says so on standard output (SKIP: …). */
bool corpus_present(const std::string& input);

}  // namespace marsad::bench

#pragma once
// The progress line marsad-index draws on a terminal.
#include <chrono>
#include <cstdint>

namespace marsad::indexer {

/** Redraws one stderr line at most five times a second: documents, MB, rates and, when the input
 *  size is known, percentage and ETA. Does nothing when disabled. */
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::uint64_t total_bytes);
  void update(std::uint64_t documents, std::uint64_t bytes);
  /** Erases the line (before the summary or an error). */
  void clear();

 private:
  bool enabled_;
  std::uint64_t total_bytes_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace marsad::indexer

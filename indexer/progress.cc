#include "indexer/progress.h"

#include <cstdio>

namespace marsad::indexer {

ProgressLine::ProgressLine(bool enabled, std::uint64_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressLine::update(std::uint64_t documents, std::uint64_t bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(bytes) / 1e6;
  std::fprintf(stderr, "\r\033[K%llu docs  %.1f MB  %.0f docs/s  %.2f MB/s", static_cast<unsigned long long>(documents), mb,
               static_cast<double>(documents) / seconds, mb / seconds);
  if (total_bytes_ > 0 && bytes > 0) {
    double fraction = static_cast<double>(bytes) / static_cast<double>(total_bytes_);
    double eta = seconds / fraction - seconds;
    std::fprintf(stderr, "  %.0f%%  ETA %d:%02d", fraction * 100, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  }
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace marsad::indexer

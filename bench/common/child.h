#pragma once
// Running a program of the build (an indexer) as a child process, timed.
#include <string>
#include <vector>

namespace marsad::bench {

/** How a child process ran: wall-clock seconds and its peak resident memory. */
struct ChildRun {
  double seconds = 0;
  double peak_rss_mb = 0;  // 1 MB = 10^6 bytes
};

/** Runs args[0] with args (its stdout sent to stderr, so that stdout carries the report alone) and
 *  waits; throws marsad::Error naming the program unless it exits with status 0. */
ChildRun run_child(const std::vector<std::string>& args);

}  // namespace marsad::bench

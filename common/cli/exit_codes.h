#pragma once
// Exit codes shared by every Marsad executable.
namespace marsad::cli {
inline constexpr int kExitOk = 0;
/** The run as a whole failed: unreadable input, locked or broken database, bad options. */
inline constexpr int kExitFailure = 1;
/** --strict and a bad record was met. */
inline constexpr int kExitBadRecord = 2;
}  // namespace marsad::cli

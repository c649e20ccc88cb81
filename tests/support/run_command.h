#pragma once
// Runs a command for end-to-end tests: its exit status and what it printed (stdout and stderr).
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace marsad::testing_support {

struct CommandResult {
  int status = -1;  // exit code
  std::string output;
};

inline CommandResult run_command(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  CommandResult result;
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace marsad::testing_support

#include "bench/common/machine.h"

#include <unistd.h>

#include <fstream>

namespace marsad::bench {

namespace {

/** The value after the colon on the first line of `path` that starts with `key`. */
std::string first_line_of(const char* path, const std::string& key) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key, 0) == 0) return line.substr(line.find(':') + 1);
  return {};
}

}  // namespace

std::string machine() {
  std::string cpu = first_line_of("/proc/cpuinfo", "model name");
  cpu.erase(0, cpu.find_first_not_of(' '));
  std::ifstream load("/proc/loadavg");
  std::string one, five;
  load >> one >> five;
  return cpu + ", " + std::to_string(sysconf(_SC_NPROCESSORS_ONLN)) + " cores, load average " + one + " " + five;
}

double load_average() {
  std::ifstream load("/proc/loadavg");
  double one_minute = 0;
  load >> one_minute;
  return one_minute;
}

}  // namespace marsad::bench

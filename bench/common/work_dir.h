#pragma once
// The work directory of a benchmark: a fresh one under /tmp, or one the user names; what the
// benchmark created there is removed at the end unless it is to be kept.
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace marsad::bench {

class WorkDir {
 public:
  /** `requested` empty: a new directory /tmp/<prefix>.XXXXXX, removed whole at the end. */
  WorkDir(const std::string& requested, bool keep, const std::string& prefix) : keep_(keep) {
    if (requested.empty()) {
      std::string pattern = "/tmp/" + prefix + ".XXXXXX";
      if (!mkdtemp(pattern.data())) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
      path_ = pattern;
      owned_ = true;
    } else {
      path_ = requested;
      owned_ = std::filesystem::create_directories(path_);
    }
  }
  ~WorkDir() {
    if (keep_) {
      std::cerr << "work directory kept: " << path_.string() << "\n";
      return;
    }
    std::error_code ignored;
    if (owned_) {
      std::filesystem::remove_all(path_, ignored);
    } else {
      for (const auto& p : created_) std::filesystem::remove_all(p, ignored);
    }
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /** Marks `p` (inside the directory) as the benchmark's own, to be removed with it. */
  void created(const std::filesystem::path& p) { created_.push_back(p); }
  /** A path in the work directory that must not exist yet; removed with the work directory. */
  std::filesystem::path entry(const std::string& name) {
    std::filesystem::path p = path_ / name;
    if (std::filesystem::exists(p)) throw std::runtime_error(p.string() + " already exists; choose another --work-dir");
    created_.push_back(p);
    return p;
  }

 private:
  std::filesystem::path path_;
  bool keep_, owned_ = false;
  std::vector<std::filesystem::path> created_;
};

}  // namespace marsad::bench

#include "common/io/line_reader.h"

#include <cerrno>
#include <cstring>

#include "common/errors.h"

namespace marsad::io {

LineReader::LineReader(const std::string& path) : path_(path) {
  file_ = path == "-" ? gzdopen(0, "rb") : gzopen(path.c_str(), "rb");
  if (!file_) throw InputError(path + ": cannot open: " + std::strerror(errno));
  gzbuffer(file_, 1 << 18);
}

LineReader::~LineReader() {
  if (file_) gzclose(file_);
}

bool LineReader::next(std::string& line) {
  line.clear();
  char buffer[1 << 16];
  while (gzgets(file_, buffer, sizeof buffer)) {
    std::size_t n = std::strlen(buffer);
    line.append(buffer, n);
    if (n > 0 && buffer[n - 1] == '\n') break;
  }
  int error = Z_OK;
  const char* message = gzerror(file_, &error);
  if (error != Z_OK && error != Z_BUF_ERROR) throw InputError(path_ + ": read error: " + message);
  if (line.empty()) return false;
  if (line.back() == '\n') line.pop_back();
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

std::uint64_t LineReader::offset() const { return static_cast<std::uint64_t>(gzoffset(file_)); }

}  // namespace marsad::io

#include "common/io/line_reader.h"

#include <cstring>

namespace marsad::io {

LineReader::LineReader(const std::string& path, const std::atomic<bool>* interrupt)
    : in_(path, interrupt), buffer_(1 << 18) {}

bool LineReader::next(std::string& line) {
  line.clear();
  bool any = false;
  while (true) {
    if (pos_ == len_) {
      pos_ = 0;
      len_ = in_.read(buffer_.data(), buffer_.size());
      if (len_ == 0) break;
    }
    any = true;
    const char* start = buffer_.data() + pos_;
    const void* newline = std::memchr(start, '\n', len_ - pos_);
    if (newline) {
      std::size_t n = static_cast<const char*>(newline) - start;
      line.append(start, n);
      pos_ += n + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    line.append(start, len_ - pos_);
    pos_ = len_;
  }
  if (!any) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace marsad::io

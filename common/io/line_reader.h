#pragma once
// Whole lines of an input (plain or gzip file, FIFO, standard input), however long they are.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "common/io/input_stream.h"

namespace marsad::io {

/** Reads lines without their terminator (LF or CRLF); a NUL byte is an ordinary byte of its line.
 *  Errors are InputStream's (InputError naming the file). Not thread-safe. */
class LineReader {
 public:
  /** path "-" reads standard input; reading ends early once `interrupt` is set. */
  explicit LineReader(const std::string& path, const std::atomic<bool>* interrupt = nullptr);

  /** The next line; false at the end of the input. */
  bool next(std::string& line);
  /** Bytes of the file consumed so far (compressed bytes for gzip). */
  std::uint64_t offset() const { return in_.offset(); }
  /** Whether the input ended because `interrupt` was set. */
  bool interrupted() const { return in_.interrupted(); }

 private:
  InputStream in_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, len_ = 0;
};

}  // namespace marsad::io

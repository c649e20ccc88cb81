#pragma once
// Whole lines from a plain or gzip-compressed file, or standard input, however long they are.
#include <cstdint>
#include <string>

#include <zlib.h>

namespace marsad::io {

/** Reads lines without their terminator (LF or CRLF). zlib reads uncompressed files as they are,
 *  so one reader serves .jsonl and .jsonl.gz. Throws InputError when the file cannot be opened or
 *  read. Not thread-safe. */
class LineReader {
 public:
  /** path "-" reads standard input. */
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /** The next line; false at the end of the file. */
  bool next(std::string& line);
  /** Bytes of the file consumed so far (compressed bytes for gzip). */
  std::uint64_t offset() const;

 private:
  std::string path_;
  gzFile file_ = nullptr;
};

}  // namespace marsad::io

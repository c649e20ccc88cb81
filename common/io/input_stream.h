#pragma once
// The bytes of an input: a file, standard input or a FIFO, gunzipped when the data is gzip.
#include <atomic>
#include <cstdint>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

namespace marsad::io {

/**
 * Reads an input in blocks. Gzip data (told by its magic bytes, whatever the name) is
 * decompressed, concatenated members included. A FIFO or pipe is read as a stream and polled, so
 * that once `interrupt` is set reading ends within a fraction of a second, even with no writer.
 * Throws InputError naming the file when it cannot be opened or read, when a name ending in .gz
 * holds no gzip data, and when gzip data is corrupt or ends early (a truncated download).
 * Not thread-safe.
 */
class InputStream {
 public:
  /** path "-" reads standard input. */
  explicit InputStream(const std::string& path, const std::atomic<bool>* interrupt = nullptr);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  /** Up to `size` bytes of (decompressed) data; 0 at the end of the input or once interrupted. */
  std::size_t read(char* buffer, std::size_t size);
  /** Bytes consumed from the file itself (compressed bytes for gzip), for progress. */
  std::uint64_t offset() const { return raw_offset_; }
  /** Whether reading stopped because `interrupt` was set. */
  bool interrupted() const { return interrupted_; }
  const std::string& path() const { return path_; }

 private:
  struct Inflater;
  /** Refills raw_ from the file; false at its end (or when interrupted). */
  bool fill_raw();
  std::size_t read_raw(char* buffer, std::size_t size);
  std::size_t read_gzip(char* buffer, std::size_t size);

  std::string path_;
  const std::atomic<bool>* interrupt_;
  int fd_ = -1;
  bool own_fd_ = false;
  bool poll_before_read_ = false;  // FIFO, pipe, terminal: wait for data in short polls
  bool interrupted_ = false;
  bool raw_end_ = false;
  std::vector<char> raw_;  // bytes read from the file and not yet consumed
  std::size_t raw_pos_ = 0, raw_len_ = 0;
  std::uint64_t raw_offset_ = 0;
  std::unique_ptr<Inflater> inflater_;  // set for gzip data
};

/** The whole (decompressed) content of a file, through InputStream and with its errors. */
std::string read_whole_file(const std::string& path);

/** An InputStream as a std::streambuf, for parsers that read std::istream. Set the istream's
 *  exceptions(std::ios::badbit) so that the stream's InputError reaches the caller. */
class InputStreamBuffer : public std::streambuf {
 public:
  explicit InputStreamBuffer(InputStream& in) : in_(in), buffer_(1 << 16) {}

 protected:
  int_type underflow() override;

 private:
  InputStream& in_;
  std::vector<char> buffer_;
};

}  // namespace marsad::io

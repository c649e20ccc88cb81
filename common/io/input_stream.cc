#include "common/io/input_stream.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "common/errors.h"

namespace marsad::io {
namespace {

constexpr std::size_t kRawBlock = 1 << 18;
constexpr int kPollMilliseconds = 200;

bool name_ends_in_gz(const std::string& path) {
  return path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

}  // namespace

struct InputStream::Inflater {
  z_stream z{};
  bool in_member = false;  // inside a gzip member (between its header and its end)
  Inflater() {
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw Error("zlib: cannot initialise decompression");
  }
  ~Inflater() { inflateEnd(&z); }
};

InputStream::InputStream(const std::string& path, const std::atomic<bool>* interrupt)
    : path_(path), interrupt_(interrupt), raw_(kRawBlock) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
  } else {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (reads are polled below).
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) throw InputError(path + ": cannot open: " + std::strerror(errno));
    own_fd_ = true;
  }
  struct stat st{};
  if (::fstat(fd_, &st) != 0) throw InputError(path_ + ": cannot read: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InputError(path_ + ": is a folder, not a file");
  poll_before_read_ = !S_ISREG(st.st_mode);

  fill_raw();
  const bool gzip = raw_len_ >= 2 && static_cast<unsigned char>(raw_[0]) == 0x1f &&
                    static_cast<unsigned char>(raw_[1]) == 0x8b;
  if (gzip) {
    inflater_ = std::make_unique<Inflater>();
  } else if (name_ends_in_gz(path_) && raw_len_ > 0) {
    throw InputError(path_ + ": not gzip data, although the name ends in .gz");
  }
}

InputStream::~InputStream() {
  if (own_fd_) ::close(fd_);
}

bool InputStream::fill_raw() {
  if (raw_pos_ < raw_len_) return true;
  raw_pos_ = raw_len_ = 0;
  if (raw_end_ || interrupted_) return false;
  while (true) {
    if (interrupt_ && interrupt_->load()) {
      interrupted_ = true;
      return false;
    }
    if (poll_before_read_) {
      pollfd p{fd_, POLLIN, 0};
      int ready = ::poll(&p, 1, kPollMilliseconds);
      if (ready < 0 && errno != EINTR) throw InputError(path_ + ": read error: " + std::strerror(errno));
      if (ready <= 0) continue;
    }
    ssize_t n = ::read(fd_, raw_.data(), raw_.size());
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      throw InputError(path_ + ": read error: " + std::strerror(errno));
    }
    if (n == 0) {
      raw_end_ = true;
      return false;
    }
    raw_len_ = static_cast<std::size_t>(n);
    raw_offset_ += raw_len_;
    return true;
  }
}

std::size_t InputStream::read(char* buffer, std::size_t size) {
  if (size == 0) return 0;
  return inflater_ ? read_gzip(buffer, size) : read_raw(buffer, size);
}

std::size_t InputStream::read_raw(char* buffer, std::size_t size) {
  if (!fill_raw()) return 0;
  std::size_t n = std::min(size, raw_len_ - raw_pos_);
  std::memcpy(buffer, raw_.data() + raw_pos_, n);
  raw_pos_ += n;
  return n;
}

std::size_t InputStream::read_gzip(char* buffer, std::size_t size) {
  z_stream& z = inflater_->z;
  z.next_out = reinterpret_cast<Bytef*>(buffer);
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
  while (z.avail_out > 0) {
    if (!fill_raw()) {
      if (interrupted_) break;
      if (inflater_->in_member) throw InputError(path_ + ": truncated gzip data (unexpected end of file)");
      break;
    }
    // Between members: anything but another gzip header ends the data (as gzip itself allows
    // trailing zeros); a second member is decompressed like the first.
    if (!inflater_->in_member) {
      if (static_cast<unsigned char>(raw_[raw_pos_]) != 0x1f) {
        raw_pos_ = raw_len_;
        raw_end_ = true;
        break;
      }
      inflateReset(&z);
      inflater_->in_member = true;
    }
    z.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
    z.avail_in = static_cast<uInt>(raw_len_ - raw_pos_);
    int rc = ::inflate(&z, Z_NO_FLUSH);
    raw_pos_ = raw_len_ - z.avail_in;
    if (rc == Z_STREAM_END) {
      inflater_->in_member = false;
    } else if (rc == Z_BUF_ERROR) {
      continue;  // needs more input
    } else if (rc != Z_OK) {
      throw InputError(path_ + ": corrupt gzip data at byte " + std::to_string(raw_offset_ - (raw_len_ - raw_pos_)) +
                       ": " + (z.msg ? z.msg : "inflate failed"));
    }
    if (z.avail_out < size) break;  // return what is there; the caller asks again
  }
  return size - z.avail_out;
}

std::string read_whole_file(const std::string& path) {
  InputStream in(path);
  std::string content;
  char block[1 << 16];
  while (std::size_t n = in.read(block, sizeof block)) content.append(block, n);
  return content;
}

InputStreamBuffer::int_type InputStreamBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  std::size_t n = in_.read(buffer_.data(), buffer_.size());
  if (n == 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
  return traits_type::to_int_type(*gptr());
}

}  // namespace marsad::io

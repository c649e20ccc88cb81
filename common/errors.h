#pragma once
// The error types Marsad throws inside its libraries. Executables turn them into
// one line on stderr and an exit code (see common/cli/exit_codes.h).
#include <cstddef>
#include <stdexcept>
#include <string>

namespace marsad {

/** Base of every error Marsad raises on purpose; what() is a complete one-line message. */
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/** Input that is not valid UTF-8; byte_offset is where the first bad sequence starts. */
class InvalidUtf8Error : public Error {
 public:
  InvalidUtf8Error(std::size_t byte_offset, const std::string& what)
      : Error(what), byte_offset_(byte_offset) {}
  std::size_t byte_offset() const noexcept { return byte_offset_; }

 private:
  std::size_t byte_offset_;
};

/** A problem with a file or path given by the user (missing, unreadable, wrong format). */
class InputError : public Error {
 public:
  using Error::Error;
};

/** Settings that do not fit together (bad option values, an index built with other analysis settings). */
class ConfigError : public Error {
 public:
  using Error::Error;
};

/** A query the parser cannot read; what() names the query and the problem. */
class QueryError : public Error {
 public:
  using Error::Error;
};

}  // namespace marsad

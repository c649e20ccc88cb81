#pragma once
// Hostile inputs for end-to-end tests, generated at run time from fixed seeds, and the contract a
// Marsad executable keeps whatever it is fed: exit code 0 (problems counted in its summary), or
// exit code 1 or 2 with exactly one line on stderr that starts with the program's name.
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/limited_command.h"

namespace marsad::testing_support {

/** Deterministic bytes, letters and words (splitmix64): the same seed gives the same input. */
class HostileBytes {
 public:
  explicit HostileBytes(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

  /** n bytes of any value, NUL and newline included. */
  std::string bytes(std::size_t n) {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; i += 8) {
      std::uint64_t v = next();
      for (std::size_t j = i; j < std::min(n, i + 8); ++j, v >>= 8) out[j] = static_cast<char>(v & 0xff);
    }
    return out;
  }

  /** About n bytes of Arabic letters (two bytes each) with no space between them: one word. */
  std::string letters(std::size_t n) {
    std::string out;
    out.reserve(n + 2);
    while (out.size() + 1 < n) out += kLetters[below(kLetters.size())];
    return out;
  }

  /** About n bytes of Arabic news words separated by spaces. */
  std::string words(std::size_t n) {
    std::string out;
    out.reserve(n + 32);
    while (out.size() < n) {
      out += kWords[below(kWords.size())];
      out += ' ';
    }
    return out;
  }

 private:
  static constexpr std::array<std::string_view, 28> kLetters = {
      "ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص",
      "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
  static constexpr std::array<std::string_view, 16> kWords = {
      "قصف", "الجيش", "مواقع", "في", "حلب", "وأعلنت", "المعارضة", "مقتل",
      "مدنيين", "بالغارات", "ودعا", "الوسيط", "وقف", "إطلاق", "النار", "بغزة"};
  std::uint64_t state_;
};

/** A fresh folder under the system's temporary folder, removed with all it holds (whatever the
 *  permissions the test left on it) when the object goes. */
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& label) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("marsad-" + label + "-XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = buffer.data();
  }
  ~ScratchFolder() {
    std::error_code ec;
    make_writable(path_);
    std::filesystem::remove_all(path_, ec);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /** Lets any user create files here (for commands run as another user). */
  void open_to_everyone() const { chmod(path_.c_str(), 0777); }

 private:
  static void make_writable(const std::filesystem::path& dir) {
    std::error_code ec;
    chmod(dir.c_str(), 0700);
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_symlink(ec)) continue;
      if (it->is_directory(ec)) {
        make_writable(it->path());
      } else {
        chmod(it->path().c_str(), 0600);
      }
    }
  }
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/** The gzip stream of `pieces` concatenated, with a full flush after each piece; `boundaries`
 *  receives the compressed size after each piece (cutting there leaves whole pieces readable). */
inline std::string gzip(const std::vector<std::string>& pieces, std::vector<std::size_t>* boundaries = nullptr) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out;
  std::array<unsigned char, 1 << 16> buffer;
  auto pump = [&](const std::string* piece, int flush) {
    z.next_in = piece ? reinterpret_cast<Bytef*>(const_cast<char*>(piece->data())) : nullptr;
    z.avail_in = piece ? static_cast<uInt>(piece->size()) : 0;
    do {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, flush);
      out.append(reinterpret_cast<char*>(buffer.data()), buffer.size() - z.avail_out);
    } while (z.avail_out == 0 || z.avail_in > 0);
  };
  for (const std::string& piece : pieces) {
    pump(&piece, Z_FULL_FLUSH);
    if (boundaries) boundaries->push_back(out.size());
  }
  pump(nullptr, Z_FINISH);
  deflateEnd(&z);
  return out;
}

inline std::string gzip(const std::string& bytes) { return gzip(std::vector<std::string>{bytes}); }

/** What a case expects of a run. */
enum class Outcome {
  Contract,    // exit 0, or exit 1/2 with one line: whichever, as long as it is one of them
  Success,     // exit 0
  Failure,     // exit 1 with one line
  Terminated,  // we sent SIGTERM: exit 143
};

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool mentions(std::string_view text, std::string_view word) {
  return lower_ascii(text).find(lower_ascii(word)) != std::string::npos;
}

inline std::vector<std::string> non_empty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

/** The one error line of a failed run: the last line of stderr when it starts with "program: ". */
inline std::string error_line(const LimitedResult& r, std::string_view program) {
  auto lines = non_empty_lines(r.err);
  if (lines.empty() || lines.back().rfind(std::string(program) + ": ", 0) != 0) return {};
  return lines.back();
}

/** Length of the well-formed UTF-8 sequence at text[i] (a multi-byte character), or 0. */
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t n = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  if ((lead == 0xe0 && byte(i + 1) < 0xa0) || (lead == 0xed && byte(i + 1) > 0x9f) ||
      (lead == 0xf0 && byte(i + 1) < 0x90) || (lead == 0xf4 && byte(i + 1) > 0x8f))
    return 0;  // overlong, surrogate or beyond U+10FFFF
  return n;
}

/** A short extract of program output for failure messages: control bytes and bytes that are not
 *  UTF-8 shown as \xNN, so that reports (and gtest's XML) stay readable. */
inline std::string excerpt(std::string_view text, std::size_t max = 600) {
  std::string out;
  std::size_t end = std::min(text.size(), max);
  for (std::size_t i = 0; i < end;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c >= 0x20 && c < 0x7f)) {
      out += static_cast<char>(c);
      ++i;
    } else if (std::size_t n = c >= 0x80 ? utf8_sequence_length(text, i) : 0; n > 0) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
      ++i;
    }
  }
  if (text.size() > max) out += "… (" + std::to_string(text.size()) + " bytes)";
  return out;
}

/**
 * Empty when `r` keeps the contract `expected` asks of `program`; otherwise what went wrong. On
 * exit 1 or 2, stderr must hold exactly one line starting with "program: " and it must be the last
 * line; with `log_lines_allowed`, the lines before it may be the program's log ("info: …",
 * "warning: …"), otherwise there must be none.
 */
inline std::string contract_violation(const LimitedResult& r, std::string_view program, Outcome expected,
                                      bool log_lines_allowed) {
  if (!r.launch_error.empty()) return r.describe();
  if (r.timed_out) return "hangs: " + r.describe();
  if (!r.exited) return r.describe() + " (a death by signal is never acceptable)";
  const int code = r.exit_code;
  if (expected == Outcome::Terminated) return code == 143 ? "" : r.describe() + ", expected exit 143 after SIGTERM";
  if (code == 0) return expected == Outcome::Failure ? "exit 0, expected exit 1 with one line" : "";
  if (code != 1 && code != 2) return r.describe() + ", expected exit 0, or exit 1 or 2 with one line on stderr";
  if (expected == Outcome::Success) return r.describe() + ", expected exit 0";
  if (expected == Outcome::Failure && code != 1) return r.describe() + ", expected exit 1";
  const std::string prefix = std::string(program) + ":";
  auto lines = non_empty_lines(r.err);
  std::size_t program_lines = std::count_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
  if (lines.empty()) return r.describe() + " with nothing on stderr";
  if (program_lines != 1 || lines.back().rfind(prefix, 0) != 0)
    return r.describe() + " with " + std::to_string(program_lines) + " line(s) starting with '" + prefix +
           "', expected exactly one, last; stderr: " + excerpt(r.err);
  if (!log_lines_allowed && lines.size() != 1)
    return r.describe() + " with " + std::to_string(lines.size()) + " lines on stderr, expected one: " + excerpt(r.err);
  if (lines.back().size() > 2000) return "the error line is " + std::to_string(lines.back().size()) + " bytes long";
  return "";
}

/** Root reads and writes through any permission: cases about permissions then run as nobody. */
inline bool running_as_root() { return geteuid() == 0; }

}  // namespace marsad::testing_support

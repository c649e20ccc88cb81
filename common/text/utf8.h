#pragma once
// Minimal UTF-8 decoding and encoding used on the hot paths of the analysis chain.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace marsad::text {

/** Decodes the code point at s[i] and advances i; returns -1 (and leaves i) on an invalid sequence. */
inline int32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len;
  int32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return -1;
  }
  if (i + len > n) return -1;
  for (int k = 1; k < len; ++k) {
    unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return -1;
  i += len;
  return cp;
}

inline void append_utf8(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/** Offset of the first invalid UTF-8 byte in s, or npos when s is valid. */
std::size_t find_invalid_utf8(std::string_view s);

/** Throws InvalidUtf8Error naming the byte offset (plus base_offset) of the first bad sequence. */
void require_valid_utf8(std::string_view s, std::size_t base_offset = 0);

/** Replaces every invalid sequence with U+FFFD. */
std::string repair_utf8(std::string_view s);

/** Removes an incomplete UTF-8 sequence left at the end of s by cutting it short. */
void drop_partial_character(std::string& s);

/** Replaces each byte of every invalid sequence with a space: offsets stay those of the input. */
void blank_invalid_utf8(std::string& s);

/** s itself when it has at most max_bytes (≥ 32) bytes; else its first bytes, cut on a character
 *  boundary, then '~' and a hash of the whole, max_bytes in all: distinct long strings stay distinct. */
std::string fit_with_hash(std::string_view s, std::size_t max_bytes);

/** For printing to a terminal: C0 and C1 control characters and DEL (newline too, unless
 *  keep_newlines) become U+FFFD; invalid UTF-8 is repaired. Other text is unchanged. */
std::string printable(std::string_view s, bool keep_newlines = false);

/** Number of code points in valid UTF-8. */
std::size_t count_code_points(std::string_view s);

}  // namespace marsad::text

#include "common/text/utf8.h"

#include "common/errors.h"

namespace marsad::text {

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t at = i;
    if (decode_utf8(s, i) < 0) return at;
  }
  return std::string_view::npos;
}

void require_valid_utf8(std::string_view s, std::size_t base_offset) {
  std::size_t bad = find_invalid_utf8(s);
  if (bad != std::string_view::npos)
    throw InvalidUtf8Error(base_offset + bad,
                           "invalid UTF-8 at byte offset " + std::to_string(base_offset + bad));
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at = i;
    int32_t cp = decode_utf8(s, i);
    if (cp < 0) {
      append_utf8(out, 0xFFFD);
      i = at + 1;
      // Skip the continuation bytes of the broken sequence.
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    } else {
      out.append(s.substr(at, i - at));
    }
  }
  return out;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace marsad::text

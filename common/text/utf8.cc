#include "common/text/utf8.h"

#include "common/errors.h"
#include "common/hash.h"

namespace marsad::text {
namespace {

/** s with each valid character passed to emit(out, code point, its bytes) and each invalid
 *  sequence (a bad lead byte and the continuation bytes after it) replaced with U+FFFD. */
template <typename Emit>
std::string rewrite_characters(std::string_view s, Emit&& emit) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at = i;
    int32_t cp = decode_utf8(s, i);
    if (cp < 0) {
      append_utf8(out, 0xFFFD);
      i = at + 1;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    } else {
      emit(out, cp, s.substr(at, i - at));
    }
  }
  return out;
}

}  // namespace

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
  return rewrite_characters(s, [](std::string& out, int32_t, std::string_view bytes) { out.append(bytes); });
}

void drop_partial_character(std::string& s) {
  std::size_t lead = s.size();
  while (lead > 0 && s.size() - lead < 4 && (static_cast<unsigned char>(s[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) return;
  --lead;  // the lead byte of the last sequence
  unsigned char c = static_cast<unsigned char>(s[lead]);
  std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (lead + length > s.size()) s.resize(lead);
}

void blank_invalid_utf8(std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at = i;
    if (decode_utf8(s, i) < 0) {
      s[at] = ' ';
      i = at + 1;
    }
  }
}

std::string fit_with_hash(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::string suffix(1, '~');
  suffix += hex64(fnv1a(s));
  std::size_t cut = max_bytes > suffix.size() ? max_bytes - suffix.size() : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out;
  out.reserve(cut + suffix.size());
  out.append(s.data(), cut);
  out.append(suffix);
  return out;
}

std::string printable(std::string_view s, bool keep_newlines) {
  return rewrite_characters(s, [keep_newlines](std::string& out, int32_t cp, std::string_view bytes) {
    bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
    if (control && !(keep_newlines && cp == '\n')) {
      append_utf8(out, 0xFFFD);
    } else {
      out.append(bytes);
    }
  });
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace marsad::text

#include "common/io/json_members.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "common/text/utf8.h"

namespace marsad::io {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view json) : s_(json) {}

  [[noreturn]] void fail(const char* what) const {
    throw std::invalid_argument(std::string(what) + " at byte " + std::to_string(i_));
  }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool at_end() const { return i_ >= s_.size(); }
  char peek() {
    skip_space();
    if (at_end()) fail("unexpected end");
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) fail((std::string("expected '") + c + "'").c_str());
    ++i_;
  }
  /** A string at the cursor, unescaped into `out` (or only skipped when `out` is null). */
  void string(std::string* out) {
    expect('"');
    for (;;) {
      std::size_t stop = i_;  // (find_first_of would call memchr once per byte)
      while (stop < s_.size() && s_[stop] != '"' && s_[stop] != '\\') ++stop;
      if (stop == s_.size()) fail("unterminated string");
      if (out) out->append(s_.substr(i_, stop - i_));
      i_ = stop + 1;
      if (s_[stop] == '"') return;
      if (at_end()) fail("unterminated escape");
      const char e = s_[i_++];
      char plain = 0;
      switch (e) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
          std::int32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair spells one code point
            if (s_.substr(i_, 2) != "\\u") fail("lone surrogate");
            i_ += 2;
            const std::int32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if (out) text::append_utf8(*out, cp);
          continue;
        }
        default: fail("bad escape");
      }
      if (out) out->push_back(plain);
    }
  }
  /** Any value at the cursor, skipped: strings by their quotes, arrays and objects by their brackets. */
  void skip_value() {
    const char c = peek();
    if (c == '"') return string(nullptr);
    if (c != '[' && c != '{') {
      while (i_ < s_.size() && std::strchr(",]} \n\r\t", s_[i_]) == nullptr) ++i_;
      return;
    }
    std::vector<char> closers;
    do {
      const char d = peek();
      if (d == '"') {
        string(nullptr);
        continue;
      }
      ++i_;
      if (d == '[') closers.push_back(']');
      else if (d == '{') closers.push_back('}');
      else if (d == ']' || d == '}') {
        if (closers.empty() || closers.back() != d) fail("mismatched bracket");
        closers.pop_back();
      }
    } while (!closers.empty());
  }

 private:
  std::int32_t hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    std::int32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= h - '0';
      else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
      else fail("bad \\u escape");
    }
    return v;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::vector<std::optional<std::string>> json_string_members(std::string_view json, const std::vector<std::string_view>& names) {
  std::vector<std::optional<std::string>> values(names.size());
  Scanner scan(json);
  scan.expect('{');
  if (scan.peek() == '}') return values;
  std::string name;
  for (;;) {
    name.clear();
    scan.string(&name);
    scan.expect(':');
    const auto wanted = std::find(names.begin(), names.end(), name);
    if (wanted != names.end() && scan.peek() == '"') {
      std::string& value = values[static_cast<std::size_t>(wanted - names.begin())].emplace();
      scan.string(&value);
    } else {
      scan.skip_value();
    }
    if (scan.peek() == '}') return values;
    scan.expect(',');
  }
}

}  // namespace marsad::io

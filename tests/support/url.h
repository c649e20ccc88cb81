#pragma once
// Query strings for tests that talk to the HTTP server.
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace marsad::testing_support {

/** `value` percent-encoded for a URL's query string. */
inline std::string encoded(std::string_view value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

/** A URL's query string ("?a=1&b=2") from parameters, each value percent-encoded. */
inline std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) out.append(out.empty() ? "?" : "&").append(name).append("=").append(encoded(value));
  return out;
}

}  // namespace marsad::testing_support

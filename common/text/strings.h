#pragma once
// Joining, splitting and looking up lists of plain strings (ids, labels, word tables), the one way
// the project does it.
#include <string>
#include <string_view>
#include <vector>

namespace marsad::text {

/** The parts with `separator` between them. */
template <class Range>
std::string join(const Range& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out += separator;
    out += part;
    first = false;
  }
  return out;
}

/** The non-empty pieces of `text` between `separator`s. */
inline std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/** Whether `word` is an entry of `table`, a short constant list of words. */
template <class Table>
bool listed(const Table& table, std::string_view word) {
  for (std::string_view entry : table)
    if (entry == word) return true;
  return false;
}

}  // namespace marsad::text

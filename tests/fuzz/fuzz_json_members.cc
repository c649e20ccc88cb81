// Fuzz target: the shallow JSON member reader, on any bytes and on stored records (nlohmann dumps),
// where it must agree with a full parse.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/io/json_members.h"

namespace {

const std::vector<std::string_view> kNames = {"id", "title", "date", "source", "url", "body"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    marsad::io::json_string_members(input, kNames);
  } catch (const std::invalid_argument&) {
  }

  auto parsed = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return 0;
  // The indexer stores each record as such a dump; the searcher reads its hits' fields back.
  const std::string stored = parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const auto reparsed = nlohmann::json::parse(stored);
  const auto values = marsad::io::json_string_members(stored, kNames);
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    auto it = reparsed.find(std::string(kNames[i]));
    std::optional<std::string> expected;
    if (it != reparsed.end() && it->is_string()) expected = it->get<std::string>();
    if (values[i] != expected) std::abort();
  }
  return 0;
}

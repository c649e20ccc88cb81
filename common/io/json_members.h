#pragma once
// Reads a few string members of a JSON object without parsing the rest: a stored record is some
// 6 KB, most of it the body and arrays a search hit does not show.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace marsad::io {

/**
 * The values of the top-level members `names` of the JSON object `json`, in the order of `names`:
 * a string member unescaped, any other member (null, a number, an array…) or a missing one as
 * nullopt. The other members are skipped by matching brackets and quotes, without being parsed.
 * Throws std::invalid_argument, naming the byte offset, when `json` is not an object whose strings
 * and brackets are well formed.
 */
std::vector<std::optional<std::string>> json_string_members(std::string_view json, const std::vector<std::string_view>& names);

}  // namespace marsad::io

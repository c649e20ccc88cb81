#pragma once
// Helpers the fuzz targets share: reading a publication date off the front of an input.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/date/civil_date.h"

namespace marsad::fuzz {

/** Takes two bytes off `input` for the publication date relative forms resolve against: none, or a
 *  day between 1990 and 2069 (no date when the input is too short). */
inline std::optional<date::CivilDate> take_publication(std::string_view& input) {
  if (input.size() < 2) return std::nullopt;
  const unsigned hi = static_cast<unsigned char>(input[0]), lo = static_cast<unsigned char>(input[1]);
  input.remove_prefix(2);
  if (hi == 0xFF) return std::nullopt;
  return date::CivilDate::from_days_since_epoch(7305 + static_cast<std::int64_t>((hi << 8 | lo) % 29200));
}

}  // namespace marsad::fuzz

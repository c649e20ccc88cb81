// Fuzz target: the normalizer on any bytes, as a token of the index and as a whole query.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/errors.h"
#include "common/text/normalizer.h"
#include "common/text/utf8.h"

using namespace marsad::text;

namespace {

void check_folding(const Normalizer& normalizer, std::string_view text) {
  std::string once = normalizer.normalize(text);
  if (find_invalid_utf8(once) != std::string::npos) std::abort();
  if (normalizer.normalize(once) != once) std::abort();  // the documented invariant
  std::string appended = "x";
  normalizer.normalize_append(text, appended);
  if (appended != "x" + once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Normalizer index_normalizer;
  static const Normalizer query_normalizer(NormalizerOptions{.lowercase = false});
  std::string_view input(reinterpret_cast<const char*>(data), size);

  std::size_t bad = find_invalid_utf8(input);
  if (bad == std::string::npos) {
    check_folding(index_normalizer, input);
    check_folding(query_normalizer, input);
    return 0;
  }
  // Bad bytes are refused with their offset; the indexer repairs them before analysis.
  try {
    index_normalizer.normalize(input);
    std::abort();
  } catch (const marsad::InvalidUtf8Error& e) {
    if (e.byte_offset() != bad) std::abort();
  }
  check_folding(index_normalizer, repair_utf8(input));
  return 0;
}

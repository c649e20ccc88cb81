// Fuzz target: every tagging pass over whole texts, as marsad-tag --lossy and the indexer run them,
// down to the JSON the tags are written as.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/tag/tagger.h"
#include "common/text/utf8.h"
#include "tests/fuzz/fuzz_input.h"

using namespace marsad;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static text::Analyzer analyzer;
  static const tag::EntityTagger entities(tag::Gazetteer::builtin());
  static const tag::ClaimTagger claims;
  static tag::Tagger tagger(entities, claims);

  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto publication = fuzz::take_publication(input);
  std::string text(input);
  text::blank_invalid_utf8(text);  // as marsad-tag --lossy: offsets stay those of the input

  std::vector<text::AnalyzedToken> tokens;
  analyzer.analyze(text, tokens);
  tag::TaggedText tagged = tagger.tag(text, tokens, publication);
  for (const tag::TaggedSentence& s : tagged.sentences)
    if (s.begin > s.end || s.end > text.size()) std::abort();
  const std::string json = tag::to_json(text, tagged, tag::Gazetteer::builtin()).dump();
  if (text::find_invalid_utf8(json) != std::string::npos) std::abort();
  return 0;
}

#pragma once
// The tagging passes composed: sentences, then entities, dates, numbers and claims in each.
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>  // to_json is defined for nlohmann::json and ordered_json

#include "common/date/civil_date.h"
#include "common/tag/claims.h"
#include "common/tag/dates.h"
#include "common/tag/entities.h"
#include "common/tag/numbers.h"
#include "common/tag/tagging.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/** Runs every pass over an analysed text. Holds a DateRecognizer: one Tagger per thread, sharing the
 *  EntityTagger and ClaimTagger. */
class Tagger {
 public:
  Tagger(const EntityTagger& entities, const ClaimTagger& claims);

  /** tokens come from Analyzer::analyze(text); relative dates resolve against `publication`. */
  TaggedText tag(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                 std::optional<date::CivilDate> publication);

 private:
  const EntityTagger& entities_;
  const ClaimTagger& claims_;
  NumberRecognizer numbers_;
  DateRecognizer dates_;
};

/** The sentences of one text as marsad-tag --format json writes them (README: "Tagging output"), byte
 *  offsets counted from `offset`, each sentence with the key "line" when line > 0. */
/** One claim of a sentence as the "claims" of to_json() give it. */
template <typename Json>
Json claim_json(std::string_view text, const TaggedSentence& sentence, const Claim& claim, std::size_t offset = 0);

template <typename Json = nlohmann::ordered_json>
Json to_json(std::string_view text, const TaggedText& tagged, const Gazetteer& gazetteer, std::size_t offset = 0,
             std::size_t line = 0);

}  // namespace marsad::tag

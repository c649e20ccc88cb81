#pragma once
// The tagger's word lists (common/data/cues/*.tsv), parsed and ready for lookup in analysed text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/tag/phrase_table.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/** One row of a cue file: the phrase it is looked up by, and all its fields in file order. */
struct CueRow {
  std::string phrase;
  std::vector<std::string> columns;  // every field of the row, the phrase's too, in file order
  std::size_t line = 0;
};

/** One cue file: its rows and a PhraseTable whose payloads index into rows. */
struct CueList {
  std::string name;                  // "titles"
  std::vector<std::string> header;   // column names in file order
  std::vector<CueRow> rows;
  PhraseTable table;

  /** The column `name` of row `row` ("" when the file has no such column). */
  std::string_view column(std::uint32_t row, std::string_view name) const;
  /** The rows of the longest cue at tokens[index]; empty match when none. */
  PhraseMatch at(std::string_view text, const std::vector<text::AnalyzedToken>& tokens, std::size_t index) const {
    return table.longest_at(text, tokens, index);
  }
};

/**
 * Every cue file, parsed and checked (a row with the wrong number of fields, an unknown claim type or
 * stance is an InputError "file:line: problem"). Built once, then read-only and shared by all threads.
 * For claim_triggers the phrase is the `cue` column and `type` is a column like the others.
 */
struct Cues {
  CueList given_names;   // gender
  CueList titles;        // kind, note
  CueList org_heads;     // kind, note
  CueList reporting_verbs;  // stance, note
  CueList attribution;   // note
  CueList claim_triggers;   // type, figure_what, note
  CueList counted_nouns;    // what, note, who
  CueList negation;      // scope, note

  /** The lists compiled into marsad_common. */
  static const Cues& builtin();
  /** Parses one file's text (for tests and tools); `name` is the file name without .tsv. */
  static CueList parse(std::string_view name, std::string_view tsv, text::Analyzer& analyzer);
};

/** The claim types, exactly as stored and printed. */
inline constexpr std::string_view kClaimTypes[] = {
    "casualties", "destruction", "attack",  "territorial", "ceasefire_call", "mediation",
    "refusal",    "mobilisation", "foreign_involvement", "denial", "threat", "humanitarian"};

}  // namespace marsad::tag

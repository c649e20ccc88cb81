#pragma once
// The tagging output formats of marsad-tag: one JSON document, and CoNLL BIO tags.
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/date/civil_date.h"
#include "common/tag/tagger.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/** Writes {"sentences": [...]} as lines are tagged, so output starts before the input ends. A line
 *  longer than kPieceBytes is tagged a piece at a time. finish() closes the document. */
class JsonTagPrinter {
 public:
  JsonTagPrinter(std::ostream& out, text::Analyzer& analyzer, Tagger& tagger, const Gazetteer& gazetteer,
                 std::optional<date::CivilDate> publication);
  void line(std::string_view line, std::size_t line_number, std::size_t input_offset);
  void finish();

 private:
  std::ostream& out_;
  text::Analyzer& analyzer_;
  Tagger& tagger_;
  const Gazetteer& gazetteer_;
  std::optional<date::CivilDate> publication_;
  std::vector<text::AnalyzedToken> tokens_;
  bool first_ = true;
};

/** Reads CoNLL from `in` (read_conll) and writes one token<TAB>BIO-tag line per input token, a blank
 *  line after each sentence. */
void print_conll(std::istream& in, const std::string& source, text::Analyzer& analyzer,
                 const EntityTagger& entities, std::ostream& out);

}  // namespace marsad::tag

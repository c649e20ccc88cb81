#include "common/tag/tag_printer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <sstream>

#include "common/tag/analysis_printer.h"
#include "common/tag/conll.h"

namespace marsad::tag {

JsonTagPrinter::JsonTagPrinter(std::ostream& out, text::Analyzer& analyzer, Tagger& tagger, const Gazetteer& gazetteer,
                               std::optional<date::CivilDate> publication)
    : out_(out), analyzer_(analyzer), tagger_(tagger), gazetteer_(gazetteer), publication_(publication) {
  out_ << "{\"sentences\":[";
}

void JsonTagPrinter::line(std::string_view line, std::size_t line_number, std::size_t input_offset) {
  for (std::size_t begin = 0; begin < line.size();) {
    const std::size_t end = piece_end(line, begin);
    const std::string_view piece = line.substr(begin, end - begin);
    analyzer_.analyze(piece, tokens_);
    TaggedText tagged = tagger_.tag(piece, tokens_, publication_);
    for (const nlohmann::ordered_json& sentence : to_json(piece, tagged, gazetteer_, input_offset + begin, line_number)) {
      out_ << (first_ ? "\n" : ",\n") << sentence.dump();
      first_ = false;
    }
    begin = end;
  }
}

void JsonTagPrinter::finish() { out_ << "\n]}\n"; }

void print_conll(std::istream& in, const std::string& source, text::Analyzer& analyzer,
                 const EntityTagger& entities, std::ostream& out) {
  // Blank lines are written where the input has them: before, between and after sentences.
  const std::string input{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::size_t input_lines = static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
  if (!input.empty() && input.back() != '\n') ++input_lines;
  std::istringstream lines(input);
  std::vector<text::AnalyzedToken> tokens;
  std::size_t next_line = 1;
  EntityMemory memory;  // the input is one document until a -DOCSTART- line starts the next
  for (const ConllSentence& sentence : read_conll(lines, source)) {
    for (; next_line < sentence.first_line; ++next_line) out << '\n';
    if (!sentence.tokens.empty()) {
      auto [b, e] = sentence.tokens.front();
      if (std::string_view(sentence.text).substr(b, e - b) == "-DOCSTART-") memory.clear();
    }
    analyzer.analyze(sentence.text, tokens);
    std::vector<EntityMention> found;
    if (!tokens.empty()) found = entities.find(sentence.text, tokens, 0, tokens.size() - 1, &memory);
    std::vector<std::string> tags = bio_tags(sentence, found);
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
      auto [b, e] = sentence.tokens[i];
      out << std::string_view(sentence.text).substr(b, e - b) << '\t' << tags[i] << '\n';
    }
    next_line = sentence.first_line + sentence.tokens.size();
  }
  for (; next_line <= input_lines; ++next_line) out << '\n';
}

}  // namespace marsad::tag

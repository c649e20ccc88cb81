#include "common/tag/analysis_printer.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "common/errors.h"
#include "common/schema.h"

namespace marsad::tag {

OutputFormat parse_output_format(std::string_view name) {
  if (name == "terms") return OutputFormat::Terms;
  if (name == "tokens") return OutputFormat::Tokens;
  throw ConfigError("unknown format '" + std::string(name) + "' (expected terms or tokens)");
}

std::size_t piece_end(std::string_view line, std::size_t begin) {
  if (line.size() - begin <= kPieceBytes) return line.size();
  std::size_t cut = begin + kPieceBytes;
  std::size_t space = line.find_last_of(" \t", cut - 1);
  if (space != std::string_view::npos && space > begin + kPieceBytes / 2) return space + 1;
  while (cut > begin + 1 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

namespace {

nlohmann::json token_json(const text::AnalyzedToken& t, std::string_view piece, std::size_t offset, std::size_t position) {
  const text::WordAnalysis& a = *t.analysis;
  return {
      {"text", piece.substr(t.token.begin, t.token.end - t.token.begin)},
      {"begin", offset + t.token.begin},
      {"end", offset + t.token.end},
      {"position", position},
      {"kind", a.number ? "number" : "word"},
      {"normalized", a.normalized},
      {"proclitic", a.segments.proclitic},
      {"core", a.segments.core},
      {"enclitic", a.segments.enclitic},
      {"stem", a.stem},
      {"term", schema::term(schema::kStemPrefix, a.stem)},
      {"known", a.segments.attestation != text::Attestation::Unknown},
      {"stopword", a.stopword},
  };
}

}  // namespace

void print_line(text::Analyzer& analyzer, std::string_view line, std::size_t line_number,
                std::size_t input_offset, OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::Tokens) out << "{\"line\":" << line_number << ",\"tokens\":[";
  bool first = true;
  std::size_t positions_before = 0;
  std::vector<text::AnalyzedToken> tokens;
  for (std::size_t begin = 0; begin < line.size();) {
    const std::size_t end = piece_end(line, begin);
    const std::string_view piece = line.substr(begin, end - begin);
    analyzer.analyze(piece, tokens);
    for (const auto& t : tokens) {
      if (format == OutputFormat::Terms) {
        out << piece.substr(t.token.begin, t.token.end - t.token.begin) << '\t'
            << schema::term(schema::kStemPrefix, t.analysis->stem) << '\n';
        continue;
      }
      if (!first) out << ',';
      first = false;
      out << token_json(t, piece, input_offset + begin, positions_before + t.position).dump();
    }
    if (!tokens.empty()) positions_before += tokens.back().position;
    begin = end;
  }
  if (format == OutputFormat::Tokens) out << "]}\n";
}

}  // namespace marsad::tag

#include "common/tag/analysis_printer.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "common/errors.h"
#include "common/schema.h"

namespace marsad::tag {

OutputFormat parse_output_format(std::string_view name) {
  if (name == "terms") return OutputFormat::Terms;
  if (name == "json") return OutputFormat::Json;
  throw ConfigError("unknown format '" + std::string(name) + "' (expected terms or json)");
}

void print_line(text::Analyzer& analyzer, std::string_view line, std::size_t line_number,
                std::size_t input_offset, OutputFormat format, std::ostream& out) {
  auto tokens = analyzer.analyze(line);
  if (format == OutputFormat::Terms) {
    for (const auto& t : tokens) {
      out << line.substr(t.token.begin, t.token.end - t.token.begin) << '\t'
          << schema::term(schema::kStemPrefix, t.analysis->stem) << '\n';
    }
    return;
  }
  nlohmann::json json_tokens = nlohmann::json::array();
  for (const auto& t : tokens) {
    const text::WordAnalysis& a = *t.analysis;
    json_tokens.push_back({
        {"text", line.substr(t.token.begin, t.token.end - t.token.begin)},
        {"begin", input_offset + t.token.begin},
        {"end", input_offset + t.token.end},
        {"position", t.position},
        {"kind", a.number ? "number" : "word"},
        {"normalized", a.normalized},
        {"proclitic", a.segments.proclitic},
        {"core", a.segments.core},
        {"enclitic", a.segments.enclitic},
        {"stem", a.stem},
        {"term", schema::term(schema::kStemPrefix, a.stem)},
        {"known", a.segments.attestation != text::Attestation::Unknown},
        {"stopword", a.stopword},
    });
  }
  out << nlohmann::json{{"line", line_number}, {"tokens", std::move(json_tokens)}}.dump() << '\n';
}

}  // namespace marsad::tag

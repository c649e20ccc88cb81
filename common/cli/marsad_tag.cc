// marsad-tag: shows what the analysis chain sees in a text.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "common/cli/exit_codes.h"
#include "common/cli/parse_arguments.h"
#include "common/cli/run_main.h"
#include "common/errors.h"
#include "common/tag/analysis_printer.h"
#include "common/text/utf8.h"

int main(int argc, char** argv) {
  CLI::App app{"Show how Marsad analyses Arabic text: one token per line with its index term (terms) or full detail (json)."};
  std::string input = "-";
  std::string format = "terms";
  std::string stemmer = "light";
  bool lossy = false;
  app.add_option("input", input, "text file to analyse, or - for standard input")->check(CLI::ExistingFile | CLI::IsMember({"-"}));
  app.add_option("-f,--format", format, "output format")->check(CLI::IsMember({"terms", "json"}))->capture_default_str();
  app.add_option("--stemmer", stemmer, "stem stage")->check(CLI::IsMember({"light", "snowball"}))->capture_default_str();
  app.add_flag("--lossy", lossy, "skip invalid UTF-8 (read as spaces) instead of stopping");
  if (auto exit_code = marsad::cli::parse_arguments(app, argc, argv, "marsad-tag")) return *exit_code;

  return marsad::cli::run_main("marsad-tag", [&] {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (input != "-") {
      file.open(input, std::ios::binary);
      if (!file) throw marsad::InputError(input + ": cannot open");
      in = &file;
    }
    std::ios::sync_with_stdio(false);
    marsad::text::AnalyzerSettings settings;
    settings.stemmer = marsad::text::parse_stemmer_kind(stemmer);
    marsad::text::Analyzer analyzer(settings);
    auto out_format = marsad::tag::parse_output_format(format);
    std::string line;
    std::size_t line_number = 0;
    std::size_t offset = 0;
    while (std::getline(*in, line)) {
      ++line_number;
      std::size_t bad = marsad::text::find_invalid_utf8(line);
      if (bad != std::string::npos) {
        if (!lossy)
          throw marsad::InvalidUtf8Error(offset + bad, input + ": invalid UTF-8 at byte offset " + std::to_string(offset + bad) +
                                                           " (line " + std::to_string(line_number) + "); use --lossy to replace it");
        marsad::text::blank_invalid_utf8(line);  // offsets stay those of the input
      }
      marsad::tag::print_line(analyzer, line, line_number, offset, out_format, std::cout);
      offset += line.size() + 1;
    }
    return marsad::cli::kExitOk;
  });
}

// marsad-tag: shows what the analysis chain and the taggers see in a text.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <optional>

#include "common/cli/exit_codes.h"
#include "common/cli/options.h"
#include "common/cli/parse_arguments.h"
#include "common/cli/run_main.h"
#include "common/errors.h"
#include "common/tag/analysis_printer.h"
#include "common/tag/tag_printer.h"
#include "common/text/utf8.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Show how Marsad analyses Arabic text: index terms (terms), every token's analysis (tokens), the entities, "
      "claims and dates of each sentence as one JSON document (json), or BIO entity tags for CoNLL input (conll)."};
  std::string input = "-";
  std::string format = "terms";
  marsad::cli::StemmerOption stemmer;
  marsad::cli::GazetteerOption gazetteer_option;
  std::string publication_date;
  bool lossy = false;
  app.add_option("input", input, "text file to analyse (CoNLL for --format conll), or - for standard input")
      ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
  app.add_option("-f,--format", format, "output format")
      ->check(CLI::IsMember({"terms", "tokens", "json", "conll"}))
      ->capture_default_str();
  stemmer.add_to(app);
  app.add_option("--date", publication_date, "publication date YYYY-MM-DD that relative dates (أمس، الأحد الماضي) resolve against");
  gazetteer_option.add_to(app);
  app.add_flag("--lossy", lossy, "skip invalid UTF-8 (read as spaces) instead of stopping");
  if (auto exit_code = marsad::cli::parse_arguments(app, argc, argv, "marsad-tag")) return *exit_code;

  return marsad::cli::run_main("marsad-tag", [&] {
    using namespace marsad;
    std::optional<date::CivilDate> publication;
    if (!publication_date.empty()) {
      publication = date::parse_record_date(publication_date);
      if (!publication) throw ConfigError("--date: '" + publication_date + "' is not a date (expected YYYY-MM-DD)");
    }
    std::ifstream file;
    std::istream* in = &std::cin;
    if (input != "-") {
      file.open(input, std::ios::binary);
      if (!file) throw InputError(input + ": cannot open");
      in = &file;
    }
    std::ios::sync_with_stdio(false);
    text::Analyzer analyzer(stemmer.settings());

    const bool tagging = format == "json" || format == "conll";
    std::optional<tag::Gazetteer> user_gazetteer;
    if (!gazetteer_option.file.empty()) user_gazetteer = tag::Gazetteer::builtin_with(gazetteer_option.file);
    const tag::Gazetteer& gazetteer = user_gazetteer ? *user_gazetteer : tag::Gazetteer::builtin();
    std::optional<tag::EntityTagger> entities;
    std::optional<tag::ClaimTagger> claims;
    std::optional<tag::Tagger> tagger;
    if (tagging) {
      entities.emplace(gazetteer);
      claims.emplace();
      tagger.emplace(*entities, *claims);
    }
    if (format == "conll") {
      tag::print_conll(*in, input == "-" ? "<stdin>" : input, analyzer, *entities, std::cout);
      return cli::kExitOk;
    }
    std::optional<tag::JsonTagPrinter> json;
    std::optional<tag::OutputFormat> analysis_format;
    if (format == "json") json.emplace(std::cout, analyzer, *tagger, gazetteer, publication);
    else analysis_format = tag::parse_output_format(format);

    std::string line;
    std::size_t line_number = 0;
    std::size_t offset = 0;
    while (std::getline(*in, line)) {
      ++line_number;
      std::size_t bad = text::find_invalid_utf8(line);
      if (bad != std::string::npos) {
        if (!lossy)
          throw InvalidUtf8Error(offset + bad, input + ": invalid UTF-8 at byte offset " + std::to_string(offset + bad) +
                                                   " (line " + std::to_string(line_number) + "); use --lossy to replace it");
        text::blank_invalid_utf8(line);  // offsets stay those of the input
      }
      if (json) json->line(line, line_number, offset);
      else tag::print_line(analyzer, line, line_number, offset, *analysis_format, std::cout);
      offset += line.size() + 1;
    }
    if (json) json->finish();
    return cli::kExitOk;
  });
}

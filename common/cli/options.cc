#include "common/cli/options.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "common/text/stemmer.h"

namespace marsad::cli {

void DatabaseOption::add_to(CLI::App& app, const std::string& help) {
  app.add_option("--db", path, help)->required();
}

void StemmerOption::add_to(CLI::App& app) {
  app.add_option("--stemmer", name, "stem stage of the analysis (a search names the one its index was built with)")
      ->check(CLI::IsMember({"light", "snowball"}))
      ->capture_default_str();
}

text::AnalyzerSettings StemmerOption::settings() const {
  text::AnalyzerSettings settings;
  settings.stemmer = text::parse_stemmer_kind(name);
  return settings;
}

void GazetteerOption::add_to(CLI::App& app) {
  app.add_option("--gazetteer", file, "a file of places and actors to add to the built-in ones (common/data/README.md)")
      ->check(CLI::ExistingFile);
}

unsigned ThreadsOption::default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void ThreadsOption::add_to(CLI::App& app, const std::string& help) {
  app.add_option("--threads", threads, help)->check(CLI::Range(1, 256))->capture_default_str();
}

void LoggingOptions::add_to(CLI::App& app, const std::string& quiet_help) {
  app.add_flag("-q,--quiet", quiet, quiet_help);
  app.add_flag("-v,--verbose", verbose, "debug messages (same as --log-level debug)");
  app.add_option("--log-level", level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
}

void LoggingOptions::install(const std::string& program) const {
  auto logger = spdlog::stderr_color_mt(program);
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::from_str(level));
}

void FormatOption::add_to(CLI::App& app, const std::vector<std::string>& formats, const std::string& default_format) {
  format = default_format;
  auto* option = app.add_option("-f,--format", format, "output format")->check(CLI::IsMember(formats))->capture_default_str();
  if (std::find(formats.begin(), formats.end(), "json") != formats.end()) {
    app.add_flag_callback("--json", [this] { format = "json"; }, "same as --format json")->excludes(option);
  }
}

}  // namespace marsad::cli

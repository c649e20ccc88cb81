#pragma once
// The command-line options the Marsad tools share, each defined once as a small struct that adds
// itself to a CLI11 app (a tool composes those it needs) and turns its values into settings.
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"

namespace marsad::cli {

/** --db DIR: the index a tool writes or reads. */
struct DatabaseOption {
  std::string path;
  void add_to(CLI::App& app, const std::string& help);
};

/** --stemmer light|snowball: the stem stage; a searcher must name the one its index was built with. */
struct StemmerOption {
  std::string name = "light";
  void add_to(CLI::App& app);
  /** The analysis settings with this stem stage (ConfigError for an unknown name). */
  text::AnalyzerSettings settings() const;
};

/** --gazetteer FILE: places and actors to add to the built-in ones. */
struct GazetteerOption {
  std::string file;
  void add_to(CLI::App& app);
};

/** --threads N (1..256), by default the machine's hardware threads. */
struct ThreadsOption {
  unsigned threads = default_threads();
  void add_to(CLI::App& app, const std::string& help);
  static unsigned default_threads();
};

/** -q/--quiet, -v/--verbose and --log-level: messages on stderr as "level: text". */
struct LoggingOptions {
  bool quiet = false, verbose = false;
  std::string level = "info";
  void add_to(CLI::App& app, const std::string& quiet_help);
  /** Makes spdlog's default logger write to stderr at the level asked for. */
  void install(const std::string& program) const;
};

/** --format NAME among `formats`, and --json for --format json when json is one of them. */
struct FormatOption {
  std::string format;
  void add_to(CLI::App& app, const std::vector<std::string>& formats, const std::string& default_format);
  bool is(std::string_view name) const { return format == name; }
};

}  // namespace marsad::cli

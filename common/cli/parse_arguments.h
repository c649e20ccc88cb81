#pragma once
// Command-line parsing with CLI11 that ends like every other Marsad error: one line, exit code 1.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <string_view>

#include "common/cli/exit_codes.h"
#include "common/text/utf8.h"

namespace marsad::cli {

/** Parses argv into app. Returns nullopt to go on; otherwise the exit code to return at once:
 *  kExitOk after --help, kExitFailure after one line "<program>: <problem>; see --help". */
inline std::optional<int> parse_arguments(CLI::App& app, int argc, char** argv, std::string_view program) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == '.')) message.pop_back();
    for (char& c : message)
      if (c == '\n') c = ' ';
    std::cerr << program << ": " << text::printable(message) << "; see --help\n";
    return kExitFailure;
  }
  return std::nullopt;
}

}  // namespace marsad::cli

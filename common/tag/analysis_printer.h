#pragma once
// The output formats of marsad-tag: what the analysis chain makes of a text.
#include <iosfwd>
#include <string_view>

#include "common/text/analyzer.h"

namespace marsad::tag {

enum class OutputFormat { Terms, Tokens };

OutputFormat parse_output_format(std::string_view name);  // "terms" | "tokens"; throws ConfigError

/**
 * Writes the analysis of one input line. `terms`: one `token<TAB>index-term` line per token, the
 * token exactly as written and the Xapian term that indexes it and that a query for it searches.
 * `tokens`: one JSON object per line with offsets (bytes from input_offset), normalized form,
 * clitics, core and stem of every token. Written as it is analysed, a piece of at most
 * kPieceBytes at a time (cut at a space where there is one), so memory does not grow with the line.
 */
inline constexpr std::size_t kPieceBytes = 1 << 20;
/** The end of the next piece of line starting at begin: at most kPieceBytes, after a space when
 *  there is one in the second half, else on a UTF-8 character boundary. */
std::size_t piece_end(std::string_view line, std::size_t begin);
void print_line(text::Analyzer& analyzer, std::string_view line, std::size_t line_number,
                std::size_t input_offset, OutputFormat format, std::ostream& out);

}  // namespace marsad::tag

#pragma once
// Streaming reader for CSV (RFC 4180) and TSV files with a header row.
#include <cstddef>
#include <deque>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace marsad::indexer {

/** One data row: fields in header order, and the 1-based line on which the row starts. */
struct DelimitedRow {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

/** What went wrong with one row; the reader resynchronises at the next line and goes on. */
struct DelimitedRowError {
  std::size_t line = 0;
  std::string message;  // e.g. "unterminated quoted field", "expected 5 fields, found 7"
};

/**
 * Reads rows from a stream. CSV: fields separated by ',', optionally quoted with '"', '""' inside
 * quotes is one '"', newlines and delimiters inside quotes are part of the field. TSV: fields
 * separated by TAB, no quoting (a '"' is an ordinary character). Both: CRLF or LF line ends, a UTF-8
 * BOM before the header is skipped, bytes are passed through unchanged. The first row is the header.
 * A row with a different number of fields than the header is an error (reported, skipped); blank
 * lines are skipped. Not thread-safe.
 */
class DelimitedReader {
 public:
  enum class Dialect { Csv, Tsv };

  static constexpr std::size_t kDefaultMaxQuotedBytes = 1'000'000;
  static constexpr std::size_t kDefaultMaxQuotedLines = 10'000;

  /** A quoted field whose content grows past `max_quoted_bytes`, or which spans more than
   *  `max_quoted_lines` lines, before its closing quote is reported as unterminated, and reading
   *  resumes at the line after the one on which its row started. */
  DelimitedReader(std::istream& in, Dialect dialect,
                  std::size_t max_quoted_bytes = kDefaultMaxQuotedBytes,
                  std::size_t max_quoted_lines = kDefaultMaxQuotedLines);

  /** The header row's field names (read in the constructor; empty if the input is empty or the
   *  header row is malformed, in which case the first next() reports the error and the second ends). */
  const std::vector<std::string>& header() const;

  /** Reads the next row. Returns false at end of input. On a malformed row, returns true with
   *  `error` set (and row.fields empty); the caller counts it and calls next() again. */
  bool next(DelimitedRow& row, std::optional<DelimitedRowError>& error);

  /** Bytes consumed so far (for progress reporting). */
  std::size_t bytes_read() const;

 private:
  struct PhysicalLine {
    std::string text;  // without the '\n' (a preceding '\r' is kept here)
    bool has_newline = false;
    std::size_t number = 0;
  };
  enum class Outcome { End, Row, Error };

  bool fetch_line(PhysicalLine& line);
  bool fetch_nonblank_line(PhysicalLine& line);
  Outcome read_record(std::vector<std::string>& fields, std::size_t& line, std::string& message);
  Outcome read_csv_record(std::vector<std::string>& fields, std::size_t& line, std::string& message);
  Outcome read_tsv_record(std::vector<std::string>& fields, std::size_t& line);

  std::istream& in_;
  Dialect dialect_;
  std::size_t max_quoted_bytes_;
  std::size_t max_quoted_lines_;
  std::vector<std::string> header_;
  std::optional<DelimitedRowError> header_error_;
  bool finished_ = false;
  std::deque<PhysicalLine> pending_;     // lines to re-read after a resynchronisation
  std::vector<PhysicalLine> row_lines_;  // lines of the record being parsed
  std::size_t lines_from_stream_ = 0;
  std::size_t bytes_read_ = 0;
};

}  // namespace marsad::indexer

#pragma once
// Streaming reader for CSV (RFC 4180) and TSV files with a header row.
#include <cstddef>
#include <deque>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace marsad::indexer {

/** A field longer than the reader keeps: its index in the row and its length as written. */
struct TruncatedField {
  std::size_t index = 0;
  std::size_t bytes = 0;
};

/** One data row: fields in header order, and the 1-based line on which the row starts. */
struct DelimitedRow {
  std::vector<std::string> fields;
  std::size_t line = 0;
  std::vector<TruncatedField> truncated;  // fields cut to Limits::max_field_bytes
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

  /** Memory bounds. A field of any length is read to its end; only its first max_field_bytes
   *  are kept (cut on a UTF-8 boundary) and the row lists it in `truncated`. A quoted field never
   *  closed is reported as unterminated and reading resumes at the line after its row's first,
   *  from lines kept for that purpose up to max_resync_bytes; past that, the lines it swallowed
   *  are reported lost in the error message. */
  struct Limits {
    std::size_t max_field_bytes = 10 * 1024 * 1024;
    std::size_t max_resync_bytes = 64 * 1024 * 1024;
  };

  DelimitedReader(std::istream& in, Dialect dialect, Limits limits);
  DelimitedReader(std::istream& in, Dialect dialect) : DelimitedReader(in, dialect, Limits{}) {}

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
  class FieldText;

  bool fetch_line(PhysicalLine& line);
  bool fetch_nonblank_line(PhysicalLine& line);
  Outcome read_record(DelimitedRow& row, std::string& message);
  Outcome read_csv_record(DelimitedRow& row, std::string& message);
  Outcome read_tsv_record(DelimitedRow& row);
  /** Keeps a line of the row being parsed for resynchronisation, within max_resync_bytes. */
  void keep_for_resync(const PhysicalLine& line);

  std::istream& in_;
  Dialect dialect_;
  Limits limits_;
  std::vector<std::string> header_;
  std::optional<DelimitedRowError> header_error_;
  bool finished_ = false;
  std::deque<PhysicalLine> pending_;     // lines to re-read after a resynchronisation
  std::vector<PhysicalLine> row_lines_;  // lines of the record being parsed, for resynchronisation
  std::size_t row_bytes_ = 0;            // bytes of the lines of the record being parsed
  bool resync_lost_ = false;             // row_lines_ outgrew max_resync_bytes and was dropped
  std::size_t lines_from_stream_ = 0;
  std::size_t bytes_read_ = 0;
};

}  // namespace marsad::indexer

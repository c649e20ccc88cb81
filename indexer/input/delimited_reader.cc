#include "indexer/input/delimited_reader.h"

#include <string_view>
#include <utility>

namespace marsad::indexer {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kUnterminated = "unterminated quoted field";
constexpr std::string_view kAfterClosingQuote = "unexpected character after closing quote";

// A physical line's content without the '\r' of a CRLF line end.
std::string_view content_of(const std::string& text) {
  std::string_view view(text);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

enum class CsvState { FieldStart, Unquoted, Quoted, QuoteInQuoted };

}  // namespace

DelimitedReader::DelimitedReader(std::istream& in, Dialect dialect, std::size_t max_quoted_bytes,
                                 std::size_t max_quoted_lines)
    : in_(in), dialect_(dialect), max_quoted_bytes_(max_quoted_bytes), max_quoted_lines_(max_quoted_lines) {
  std::size_t line = 0;
  std::string message;
  switch (read_record(header_, line, message)) {
    case Outcome::End:
      finished_ = true;
      break;
    case Outcome::Error:
      header_.clear();
      header_error_ = DelimitedRowError{line, "malformed header: " + message};
      break;
    case Outcome::Row:
      break;
  }
}

const std::vector<std::string>& DelimitedReader::header() const { return header_; }

std::size_t DelimitedReader::bytes_read() const { return bytes_read_; }

bool DelimitedReader::next(DelimitedRow& row, std::optional<DelimitedRowError>& error) {
  row.fields.clear();
  row.line = 0;
  error.reset();
  if (header_error_) {
    error = std::move(header_error_);
    header_error_.reset();
    finished_ = true;
    return true;
  }
  if (finished_) return false;

  std::string message;
  switch (read_record(row.fields, row.line, message)) {
    case Outcome::End:
      finished_ = true;
      return false;
    case Outcome::Error:
      row.fields.clear();
      error = DelimitedRowError{row.line, std::move(message)};
      return true;
    case Outcome::Row:
      break;
  }
  if (row.fields.size() != header_.size()) {
    error = DelimitedRowError{row.line, "expected " + std::to_string(header_.size()) + " fields, found " +
                                            std::to_string(row.fields.size())};
    row.fields.clear();
  }
  return true;
}

bool DelimitedReader::fetch_line(PhysicalLine& line) {
  if (!pending_.empty()) {
    line = std::move(pending_.front());
    pending_.pop_front();
    return true;
  }
  if (!std::getline(in_, line.text)) return false;
  line.has_newline = !in_.eof();
  line.number = ++lines_from_stream_;
  bytes_read_ += line.text.size() + (line.has_newline ? 1 : 0);
  if (line.number == 1 && line.text.starts_with(kBom)) line.text.erase(0, kBom.size());
  return true;
}

bool DelimitedReader::fetch_nonblank_line(PhysicalLine& line) {
  do {
    if (!fetch_line(line)) return false;
  } while (content_of(line.text).empty());
  return true;
}

DelimitedReader::Outcome DelimitedReader::read_record(std::vector<std::string>& fields, std::size_t& line,
                                                      std::string& message) {
  fields.clear();
  return dialect_ == Dialect::Csv ? read_csv_record(fields, line, message) : read_tsv_record(fields, line);
}

DelimitedReader::Outcome DelimitedReader::read_tsv_record(std::vector<std::string>& fields, std::size_t& line) {
  PhysicalLine physical;
  if (!fetch_nonblank_line(physical)) return Outcome::End;
  line = physical.number;
  const std::string_view text = content_of(physical.text);
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = text.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.emplace_back(text.substr(start));
      return Outcome::Row;
    }
    fields.emplace_back(text.substr(start, tab - start));
    start = tab + 1;
  }
}

DelimitedReader::Outcome DelimitedReader::read_csv_record(std::vector<std::string>& fields, std::size_t& line,
                                                          std::string& message) {
  row_lines_.clear();
  {
    PhysicalLine first;
    if (!fetch_nonblank_line(first)) return Outcome::End;
    line = first.number;
    row_lines_.push_back(std::move(first));
  }

  // Gives back every line after the row's first, so that reading resumes right after it.
  auto fail_and_resynchronise = [&](std::string_view what) {
    for (std::size_t k = row_lines_.size(); k-- > 1;) pending_.push_front(std::move(row_lines_[k]));
    row_lines_.clear();
    fields.clear();
    message = what;
    return Outcome::Error;
  };
  auto unterminated = [&] { return fail_and_resynchronise(kUnterminated); };

  std::string field;
  CsvState state = CsvState::FieldStart;
  bool stray_after_quote = false;
  std::size_t quoted_lines = 0;  // physical lines spanned by the open quoted field

  for (std::size_t i = 0;; ++i) {
    const std::string_view text = content_of(row_lines_[i].text);
    std::size_t pos = 0;
    while (pos < text.size()) {
      switch (state) {
        case CsvState::FieldStart:
          if (text[pos] == '"') {
            state = CsvState::Quoted;
            quoted_lines = 1;
            ++pos;
          } else {
            state = CsvState::Unquoted;
          }
          break;
        case CsvState::Unquoted: {
          const std::size_t comma = text.find(',', pos);
          if (comma == std::string_view::npos) {
            field.append(text.substr(pos));
            pos = text.size();
          } else {
            field.append(text.substr(pos, comma - pos));
            fields.push_back(std::move(field));
            field.clear();
            state = CsvState::FieldStart;
            pos = comma + 1;
          }
          break;
        }
        case CsvState::Quoted: {
          const std::size_t quote = text.find('"', pos);
          const std::size_t end = quote == std::string_view::npos ? text.size() : quote;
          field.append(text.substr(pos, end - pos));
          if (field.size() > max_quoted_bytes_) return unterminated();
          pos = end;
          if (quote != std::string_view::npos) {
            state = CsvState::QuoteInQuoted;
            ++pos;
          }
          break;
        }
        case CsvState::QuoteInQuoted:
          if (text[pos] == '"') {
            field.push_back('"');
            state = CsvState::Quoted;
            ++pos;
          } else if (text[pos] == ',') {
            fields.push_back(std::move(field));
            field.clear();
            state = CsvState::FieldStart;
            ++pos;
          } else {
            // Keep parsing to the row's natural end so that resynchronisation lands on a row boundary.
            stray_after_quote = true;
            state = CsvState::Unquoted;
          }
          break;
      }
    }
    if (state != CsvState::Quoted) break;

    // The line ends inside a quoted field: the line end (as written) belongs to the field.
    const PhysicalLine& current = row_lines_[i];
    if (!current.has_newline || quoted_lines >= max_quoted_lines_) return unterminated();
    field.append(current.text, text.size());
    field.push_back('\n');
    if (field.size() > max_quoted_bytes_) return unterminated();
    PhysicalLine following;
    if (!fetch_line(following)) return unterminated();
    ++quoted_lines;
    row_lines_.push_back(std::move(following));
  }
  fields.push_back(std::move(field));
  // A stray character after a closing quote on a multi-line row most likely means an earlier quote
  // was never closed, so the lines after the row's first are read again.
  if (stray_after_quote) return fail_and_resynchronise(kAfterClosingQuote);
  row_lines_.clear();
  return Outcome::Row;
}

}  // namespace marsad::indexer

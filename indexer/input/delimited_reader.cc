#include "indexer/input/delimited_reader.h"

#include <string_view>
#include <utility>

#include "common/text/utf8.h"

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

DelimitedReader::DelimitedReader(std::istream& in, Dialect dialect, Limits limits)
    : in_(in), dialect_(dialect), limits_(limits) {
  DelimitedRow header;
  std::string message;
  switch (read_record(header, message)) {
    case Outcome::End:
      finished_ = true;
      break;
    case Outcome::Error:
      header_error_ = DelimitedRowError{header.line, "malformed header: " + message};
      break;
    case Outcome::Row:
      header_ = std::move(header.fields);
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
  switch (read_record(row, message)) {
    case Outcome::End:
      finished_ = true;
      return false;
    case Outcome::Error:
      row.fields.clear();
      row.truncated.clear();
      error = DelimitedRowError{row.line, std::move(message)};
      return true;
    case Outcome::Row:
      break;
  }
  if (row.fields.size() != header_.size()) {
    error = DelimitedRowError{row.line, "expected " + std::to_string(header_.size()) + " fields, found " +
                                            std::to_string(row.fields.size())};
    row.fields.clear();
    row.truncated.clear();
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

DelimitedReader::Outcome DelimitedReader::read_record(DelimitedRow& row, std::string& message) {
  row.fields.clear();
  row.truncated.clear();
  row.line = 0;
  return dialect_ == Dialect::Csv ? read_csv_record(row, message) : read_tsv_record(row);
}

/** A field as it is read: at most `cap` bytes kept, its full length counted. */
class DelimitedReader::FieldText {
 public:
  explicit FieldText(std::size_t cap) : cap_(cap) {}
  void append(std::string_view piece) {
    bytes_ += piece.size();
    if (text_.size() < cap_) text_.append(piece.substr(0, cap_ - text_.size()));
  }
  void push_back(char c) { append(std::string_view(&c, 1)); }
  /** Moves the field into the row, noting a cut; the field is empty afterwards. */
  void finish(DelimitedRow& row) {
    if (bytes_ > text_.size()) {
      text::drop_partial_character(text_);
      row.truncated.push_back({row.fields.size(), bytes_});
    }
    row.fields.push_back(std::move(text_));
    text_.clear();
    bytes_ = 0;
  }

 private:
  std::size_t cap_;
  std::string text_;
  std::size_t bytes_ = 0;
};

DelimitedReader::Outcome DelimitedReader::read_tsv_record(DelimitedRow& row) {
  PhysicalLine physical;
  if (!fetch_nonblank_line(physical)) return Outcome::End;
  row.line = physical.number;
  const std::string_view text = content_of(physical.text);
  FieldText field(limits_.max_field_bytes);
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = text.find('\t', start);
    field.append(text.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    field.finish(row);
    if (tab == std::string_view::npos) return Outcome::Row;
    start = tab + 1;
  }
}

void DelimitedReader::keep_for_resync(const PhysicalLine& line) {
  row_bytes_ += line.text.size() + 1;
  if (resync_lost_) return;
  if (row_bytes_ > limits_.max_resync_bytes) {
    resync_lost_ = true;
    row_lines_.clear();
    row_lines_.shrink_to_fit();
    return;
  }
  row_lines_.push_back(line);
}

DelimitedReader::Outcome DelimitedReader::read_csv_record(DelimitedRow& row, std::string& message) {
  row_lines_.clear();
  row_bytes_ = 0;
  resync_lost_ = false;
  PhysicalLine current;
  if (!fetch_nonblank_line(current)) return Outcome::End;
  row.line = current.number;
  keep_for_resync(current);

  // Gives back every line after the row's first, so that reading resumes right after it.
  auto fail_and_resynchronise = [&](std::string_view what) {
    message = what;
    if (resync_lost_) {
      message += " (it runs from line " + std::to_string(row.line) + " to line " + std::to_string(current.number) +
                 ", too far to read those lines again: they are lost)";
    } else {
      for (std::size_t k = row_lines_.size(); k-- > 1;) pending_.push_front(std::move(row_lines_[k]));
    }
    row_lines_.clear();
    row.fields.clear();
    row.truncated.clear();
    return Outcome::Error;
  };
  auto unterminated = [&] { return fail_and_resynchronise(kUnterminated); };

  FieldText field(limits_.max_field_bytes);
  CsvState state = CsvState::FieldStart;
  bool stray_after_quote = false;

  while (true) {
    const std::string_view text = content_of(current.text);
    std::size_t pos = 0;
    while (pos < text.size()) {
      switch (state) {
        case CsvState::FieldStart:
          if (text[pos] == '"') {
            state = CsvState::Quoted;
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
            field.finish(row);
            state = CsvState::FieldStart;
            pos = comma + 1;
          }
          break;
        }
        case CsvState::Quoted: {
          const std::size_t quote = text.find('"', pos);
          const std::size_t end = quote == std::string_view::npos ? text.size() : quote;
          field.append(text.substr(pos, end - pos));
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
            field.finish(row);
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
    if (!current.has_newline) return unterminated();
    field.append(std::string_view(current.text).substr(text.size()));
    field.push_back('\n');
    if (!fetch_line(current)) return unterminated();
    keep_for_resync(current);
  }
  field.finish(row);
  // A stray character after a closing quote on a multi-line row most likely means an earlier quote
  // was never closed, so the lines after the row's first are read again.
  if (stray_after_quote) return fail_and_resynchronise(kAfterClosingQuote);
  row_lines_.clear();
  return Outcome::Row;
}

}  // namespace marsad::indexer

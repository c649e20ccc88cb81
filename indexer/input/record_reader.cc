#include "indexer/input/record_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <istream>
#include <sstream>

#include "common/date/civil_date.h"
#include "common/errors.h"
#include "common/io/input_stream.h"
#include "common/io/line_reader.h"
#include "common/text/utf8.h"
#include "indexer/input/delimited_reader.h"

namespace fs = std::filesystem;

namespace marsad::indexer {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                                                 [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

std::optional<InputFormat> format_from_name(const std::string& name) {
  for (std::string_view ext : {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz"})
    if (ends_with(name, ext)) return InputFormat::Jsonl;
  if (ends_with(name, ".csv")) return InputFormat::Csv;
  if (ends_with(name, ".tsv")) return InputFormat::Tsv;
  if (ends_with(name, ".txt") || ends_with(name, ".md")) return InputFormat::Text;
  return std::nullopt;
}

/** Records nested deeper than this are skipped: a parsed tree that deep would exhaust the stack
 *  when it is serialised or destroyed. */
constexpr std::size_t kMaxJsonDepth = 256;

/** The deepest nesting of arrays and objects in a JSON text (brackets inside strings ignored). */
std::size_t json_nesting_depth(std::string_view line) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::string json_value_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump();
}

class JsonlReader : public RecordReader {
 public:
  JsonlReader(const InputFile& file, const FieldMap& fields, const ReaderOptions& options)
      : file_(file), fields_(fields), lines_(file.path, options.interrupt) {}

  bool next(Record& record, std::optional<ReadProblem>& problem) override {
    problem.reset();
    std::string line;
    while (lines_.next(line)) {
      ++line_number_;
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      Origin origin{file_.relative_name, line_number_};
      std::string repair_note;
      if (std::size_t bad = text::find_invalid_utf8(line); bad != std::string::npos) {
        line = text::repair_utf8(line);
        repair_note = origin.describe() + ": invalid UTF-8 at byte offset " + std::to_string(bad) +
                      " of the line, replaced with U+FFFD";
      }
      if (json_nesting_depth(line) > kMaxJsonDepth) {
        problem = ReadProblem{origin, "JSON nested too deeply",
                              origin.describe() + ": JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep, skipped"};
        return true;
      }
      auto object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (object.is_discarded()) {
        problem = ReadProblem{origin, "malformed JSON", origin.describe() + ": malformed JSON line, skipped"};
        return true;
      }
      if (!object.is_object()) {
        problem = ReadProblem{origin, "malformed JSON", origin.describe() + ": JSON line is not an object, skipped"};
        return true;
      }
      std::vector<std::pair<std::string, std::string>> values;
      for (auto it = object.begin(); it != object.end(); ++it) values.emplace_back(it.key(), json_value_text(it.value()));
      record = Record{};
      record.origin = origin;
      if (!repair_note.empty()) record.reader_notes.emplace_back("invalid UTF-8 (repaired)", std::move(repair_note));
      fields_.fill(record, values, &object);
      return true;
    }
    return false;
  }
  std::uint64_t bytes_read() const override { return lines_.offset(); }

 private:
  InputFile file_;
  const FieldMap& fields_;
  io::LineReader lines_;
  std::size_t line_number_ = 0;
};

class DelimitedRecordReader : public RecordReader {
 public:
  DelimitedRecordReader(const InputFile& file, const FieldMap& fields, const ReaderOptions& options)
      : file_(file), fields_(fields), input_(file.path, options.interrupt), buffer_(input_), stream_(&buffer_),
        max_field_bytes_(options.max_field_bytes) {
    stream_.exceptions(std::ios::badbit);  // the input's InputError reaches the caller
    DelimitedReader::Limits limits;
    limits.max_field_bytes = max_field_bytes_;
    reader_ = std::make_unique<DelimitedReader>(
        stream_, file.format == InputFormat::Tsv ? DelimitedReader::Dialect::Tsv : DelimitedReader::Dialect::Csv, limits);
  }

  bool next(Record& record, std::optional<ReadProblem>& problem) override {
    problem.reset();
    DelimitedRow row;
    std::optional<DelimitedRowError> error;
    if (!reader_->next(row, error)) return false;
    if (error) {
      Origin origin{file_.relative_name, error->line};
      std::string reason = error->message.find("fields") != std::string::npos ? "wrong field count" : "malformed row";
      problem = ReadProblem{origin, reason, origin.describe() + ": " + error->message + ", skipped"};
      return true;
    }
    const auto& header = reader_->header();
    std::vector<std::pair<std::string, std::string>> values;
    for (std::size_t i = 0; i < header.size() && i < row.fields.size(); ++i) values.emplace_back(header[i], row.fields[i]);
    record = Record{};
    record.origin = Origin{file_.relative_name, row.line};
    for (const TruncatedField& cut : row.truncated) {
      record.reader_notes.emplace_back(
          "field truncated", record.origin.describe() + ": field '" + (cut.index < header.size() ? header[cut.index] : "?") +
                                 "' of " + std::to_string(cut.bytes) + " bytes cut to --max-doc-bytes " +
                                 std::to_string(max_field_bytes_));
    }
    fields_.fill(record, values);
    return true;
  }
  std::uint64_t bytes_read() const override { return input_.offset(); }

 private:
  InputFile file_;
  const FieldMap& fields_;
  io::InputStream input_;
  io::InputStreamBuffer buffer_;
  std::istream stream_;
  std::size_t max_field_bytes_;
  std::unique_ptr<DelimitedReader> reader_;
};

/** A .txt or .md file is one record: first non-empty line the title, the rest the body. */
class TextFileReader : public RecordReader {
 public:
  TextFileReader(const InputFile& file, const ReaderOptions& options) : file_(file), options_(options) {}

  bool next(Record& record, std::optional<ReadProblem>& problem) override {
    problem.reset();
    if (done_) return false;
    done_ = true;
    io::InputStream in(file_.path, options_.interrupt);
    std::string text;
    char block[1 << 16];
    while (std::size_t n = in.read(block, sizeof block)) text.append(block, n);
    bytes_ = in.offset();
    if (in.interrupted()) return false;  // a part of a file is no record
    record = Record{};
    record.origin = Origin{file_.relative_name, 1};
    record.id = file_.relative_name;
    std::istringstream lines(text);
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(lines, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") != std::string::npos) break;
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    record.title = line;
    std::string body((std::istreambuf_iterator<char>(lines)), std::istreambuf_iterator<char>());
    record.body = body;
    if (auto date = date::date_in_file_name(fs::path(file_.path).filename().string())) {
      record.date = date->iso();
    } else {
      record.date = options_.default_date;
    }
    return true;
  }
  std::uint64_t bytes_read() const override { return bytes_; }

 private:
  InputFile file_;
  ReaderOptions options_;
  bool done_ = false;
  std::uint64_t bytes_ = 0;
};

}  // namespace

InputFormat parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::Auto;
  if (name == "jsonl") return InputFormat::Jsonl;
  if (name == "csv") return InputFormat::Csv;
  if (name == "tsv") return InputFormat::Tsv;
  if (name == "text") return InputFormat::Text;
  throw ConfigError("unknown input format '" + name + "' (expected auto, jsonl, csv, tsv or text)");
}

namespace {

void require_readable(const fs::path& path, bool folder) {
  if (::access(path.c_str(), folder ? (R_OK | X_OK) : R_OK) != 0)
    throw InputError(path.string() + ": cannot read " + (folder ? "folder" : "file") + ": " + std::strerror(errno));
}

/** The input files under `folder`, depth first; every folder and file met must be readable. */
void walk_folder(const fs::path& folder, InputFormat forced, std::vector<fs::path>& found) {
  require_readable(folder, true);
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) throw InputError(folder.string() + ": cannot read folder: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw InputError(folder.string() + ": cannot read folder: " + ec.message());
    fs::file_status status = it->status(ec);
    if (ec) throw InputError(it->path().string() + ": " + ec.message());
    if (fs::is_directory(status)) {
      if (!it->is_symlink(ec)) walk_folder(it->path(), forced, found);  // a linked folder could loop
    } else if (fs::is_regular_file(status) && (forced != InputFormat::Auto || format_from_name(it->path().string()))) {
      require_readable(it->path(), false);
      found.push_back(it->path());
    }
  }
}

}  // namespace

std::vector<InputFile> find_inputs(const std::vector<std::string>& arguments, InputFormat forced) {
  std::vector<InputFile> inputs;
  for (const std::string& argument : arguments) {
    if (argument == "-") {
      inputs.push_back({"-", "<stdin>", forced == InputFormat::Auto ? InputFormat::Jsonl : forced, 0});
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(argument, ec);
    if (ec || !fs::exists(status)) throw InputError(argument + ": no such file or directory");
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      walk_folder(argument, forced, found);
      std::sort(found.begin(), found.end());
      for (const fs::path& path : found) {
        InputFormat format = forced == InputFormat::Auto ? *format_from_name(path.string()) : forced;
        inputs.push_back({path.string(), fs::relative(path, argument).string(), format, fs::file_size(path, ec)});
      }
      continue;
    }
    // Not opened here: opening a FIFO would wait for its writer.
    require_readable(argument, false);
    std::optional<InputFormat> format = forced == InputFormat::Auto ? format_from_name(argument) : forced;
    if (!format)
      throw InputError(argument + ": cannot tell the format from the name (use .jsonl, .csv, .tsv, .txt, .md or --input-format)");
    std::uint64_t size = fs::is_regular_file(status) ? fs::file_size(argument, ec) : 0;
    inputs.push_back({argument, fs::path(argument).filename().string(), *format, ec ? 0 : size});
  }
  return inputs;
}

std::unique_ptr<RecordReader> open_reader(const InputFile& file, const FieldMap& fields, const ReaderOptions& options) {
  switch (file.format) {
    case InputFormat::Csv:
    case InputFormat::Tsv:
      return std::make_unique<DelimitedRecordReader>(file, fields, options);
    case InputFormat::Text:
      return std::make_unique<TextFileReader>(file, options);
    case InputFormat::Jsonl:
    case InputFormat::Auto:
      break;
  }
  return std::make_unique<JsonlReader>(file, fields, options);
}

}  // namespace marsad::indexer

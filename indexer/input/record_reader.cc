#include "indexer/input/record_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/date/civil_date.h"
#include "common/errors.h"
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

std::string json_value_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump();
}

class JsonlReader : public RecordReader {
 public:
  JsonlReader(const InputFile& file, const FieldMap& fields) : file_(file), fields_(fields), lines_(file.path) {}

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
        repair_note = "invalid UTF-8 at byte offset " + std::to_string(bad) + " of the line, replaced with U+FFFD";
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
      record.repair_note = std::move(repair_note);
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
  DelimitedRecordReader(const InputFile& file, const FieldMap& fields)
      : file_(file), fields_(fields), stream_(file.path, std::ios::binary) {
    if (!stream_) throw InputError(file.path + ": cannot open");
    reader_ = std::make_unique<DelimitedReader>(
        stream_, file.format == InputFormat::Tsv ? DelimitedReader::Dialect::Tsv : DelimitedReader::Dialect::Csv);
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
    fields_.fill(record, values);
    return true;
  }
  std::uint64_t bytes_read() const override { return reader_->bytes_read(); }

 private:
  InputFile file_;
  const FieldMap& fields_;
  std::ifstream stream_;
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
    std::ifstream in(file_.path, std::ios::binary);
    if (!in) throw InputError(file_.path + ": cannot open");
    std::stringstream content;
    content << in.rdbuf();
    std::string text = content.str();
    bytes_ = text.size();
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
      std::vector<InputFile> found;
      fs::recursive_directory_iterator it(argument, fs::directory_options::skip_permission_denied, ec);
      if (ec) throw InputError(argument + ": cannot read folder: " + ec.message());
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) throw InputError(argument + ": cannot read folder: " + ec.message());
        if (!it->is_regular_file()) continue;
        std::string path = it->path().string();
        std::optional<InputFormat> format = forced == InputFormat::Auto ? format_from_name(path) : forced;
        if (!format) continue;
        found.push_back({path, fs::relative(it->path(), argument).string(), *format, it->file_size()});
      }
      std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
      inputs.insert(inputs.end(), found.begin(), found.end());
      continue;
    }
    std::ifstream probe(argument, std::ios::binary);
    if (!probe) throw InputError(argument + ": cannot open for reading");
    std::optional<InputFormat> format = forced == InputFormat::Auto ? format_from_name(argument) : forced;
    if (!format)
      throw InputError(argument + ": cannot tell the format from the name (use .jsonl, .csv, .tsv, .txt, .md or --input-format)");
    inputs.push_back({argument, fs::path(argument).filename().string(), *format, fs::file_size(argument, ec)});
  }
  return inputs;
}

std::unique_ptr<RecordReader> open_reader(const InputFile& file, const FieldMap& fields, const ReaderOptions& options) {
  switch (file.format) {
    case InputFormat::Csv:
    case InputFormat::Tsv:
      return std::make_unique<DelimitedRecordReader>(file, fields);
    case InputFormat::Text:
      return std::make_unique<TextFileReader>(file, options);
    case InputFormat::Jsonl:
    case InputFormat::Auto:
      break;
  }
  return std::make_unique<JsonlReader>(file, fields);
}

}  // namespace marsad::indexer

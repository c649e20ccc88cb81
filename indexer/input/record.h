#pragma once
// A report as read from an input file, before analysis.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace marsad::indexer {

/** Where a record (or a problem) comes from: file and 1-based line, for messages. */
struct Origin {
  std::string file;
  std::size_t line = 0;
  std::string describe() const { return line ? file + ":" + std::to_string(line) : file; }
};

/** The fields Marsad understands; `extra` keeps every other field of the input for storage. */
struct Record {
  std::string id;  // empty: derived from source + title + body
  std::string title;
  std::string body;
  std::string date;  // as written in the input; parsed later
  std::string source;
  std::string url;
  nlohmann::json extra = nlohmann::json::object();
  Origin origin;
  /** What the reader had to change to read the record, as (reason, message): invalid UTF-8
   *  replaced in a JSON line, a field cut to the size limit. Indexed with a warning each. */
  std::vector<std::pair<std::string, std::string>> reader_notes;
};

/** The canonical fields and the input field names tried for each, in order. */
class FieldMap {
 public:
  FieldMap();
  /** Applies "body=article_text" (replaces the names tried for body). Throws ConfigError. */
  void apply(const std::string& assignment);
  /** Fills a record from named string values (JSON object members, CSV columns). Unused fields go
   *  to record.extra: as their original JSON value when `original` (the parsed object) is given. */
  void fill(Record& record, const std::vector<std::pair<std::string, std::string>>& values,
            const nlohmann::json* original = nullptr) const;

 private:
  std::map<std::string, std::vector<std::string>> names_;
};

}  // namespace marsad::indexer

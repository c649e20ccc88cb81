#include "indexer/input/record.h"

#include <set>

#include "common/errors.h"

namespace marsad::indexer {

FieldMap::FieldMap()
    : names_{{"id", {"id"}},
             {"title", {"title", "headline"}},
             {"body", {"body", "text", "content"}},
             {"date", {"date", "published"}},
             {"source", {"source"}},
             {"url", {"url"}}} {}

void FieldMap::apply(const std::string& assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == assignment.size())
    throw ConfigError("--field expects CANONICAL=INPUT_NAME (e.g. body=article_text), got '" + assignment + "'");
  std::string canonical = assignment.substr(0, eq);
  if (!names_.count(canonical))
    throw ConfigError("--field: unknown field '" + canonical + "' (expected one of id, title, body, date, source, url)");
  names_[canonical] = {assignment.substr(eq + 1)};
}

void FieldMap::fill(Record& record, const std::vector<std::pair<std::string, std::string>>& values,
                    const nlohmann::json* original) const {
  std::set<std::string> used;
  auto take = [&](const std::string& canonical, std::string& target) {
    for (const std::string& name : names_.at(canonical)) {
      for (const auto& [key, value] : values) {
        if (key == name && !value.empty()) {
          target = value;
          used.insert(key);
          return;
        }
      }
    }
  };
  take("id", record.id);
  take("title", record.title);
  take("body", record.body);
  take("date", record.date);
  take("source", record.source);
  take("url", record.url);
  for (const auto& [key, value] : values) {
    if (used.count(key)) continue;
    if (original) {
      record.extra[key] = (*original)[key];
    } else if (!value.empty()) {
      record.extra[key] = value;
    }
  }
}

}  // namespace marsad::indexer

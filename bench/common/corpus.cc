#include "bench/common/corpus.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "common/errors.h"
#include "common/io/line_reader.h"

namespace marsad::bench {

using json = nlohmann::json;

std::string replica(const std::string& line, std::size_t n) {
  json record = json::parse(line);
  record["id"] = record["id"].get<std::string>() + "-r" + std::to_string(n);
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::size_t write_corpus(const std::string& input, std::size_t per_pass, std::size_t total,
                         const std::filesystem::path& out) {
  std::ofstream file(out, std::ios::binary);
  if (!file) throw InputError(out.string() + ": cannot create");
  std::size_t written = 0;
  for (std::size_t pass = 0; pass == 0 || written < total; ++pass) {
    io::LineReader reader(input);
    std::size_t in_pass = 0;
    std::string line;
    while ((per_pass == 0 || in_pass < per_pass) && (total == 0 || written < total) && reader.next(line)) {
      const json record = json::parse(line, nullptr, false);
      if (record.is_discarded() || !record.is_object() || !record.contains("id") || !record["id"].is_string()) continue;
      file << (pass == 0 ? line : replica(line, pass)) << '\n';
      ++in_pass;
      ++written;
    }
    if (in_pass == 0) throw InputError(input + ": no JSON records with an id");
  }
  file.close();
  if (!file) throw InputError(out.string() + ": write error");
  return written;
}

bool corpus_present(const std::string& input) {
  if (std::filesystem::exists(input)) return true;
  std::cout << "SKIP: " << input << " not found (the external news corpus is not beside this checkout)\n";
  return false;
}

}  // namespace marsad::bench

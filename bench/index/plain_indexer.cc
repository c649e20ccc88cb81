// marsad-bench-plain-indexer: the baseline of the indexing benchmark. Indexes a JSONL news file
// (optionally gzip) into a Xapian database with one thread, TermGenerator and the Snowball arabic stemmer.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/io/line_reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

namespace {

constexpr Xapian::doccount kCommitEvery = 10'000;


std::string string_field(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

bool is_digits(const std::string& s, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

/** "YYYYMMDD" when date is "YYYY-MM-DD", else empty. */
std::string compact_date(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
  if (!is_digits(date, 0, 4) || !is_digits(date, 5, 2) || !is_digits(date, 8, 2)) return {};
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Baseline indexer: JSONL news into Xapian with TermGenerator + Snowball arabic, one thread"};
  std::string db_path;
  std::string input;
  app.add_option("--db", db_path, "database directory to create (must not exist)")->required();
  app.add_option("--input", input, "JSONL records (optionally gzip) with id, title, body, date, source")
      ->required()
      ->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  if (std::filesystem::exists(db_path)) {
    std::cerr << "error: " << db_path << " already exists\n";
    return 1;
  }

  try {
    marsad::io::LineReader reader(input);
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("arabic"));

    std::string line;
    std::size_t line_number = 0;
    Xapian::doccount pending = 0;
    while (reader.next(line)) {
      ++line_number;
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      auto record = nlohmann::json::parse(line, nullptr, false);
      if (record.is_discarded() || !record.is_object()) {
        std::cerr << input << ":" << line_number << ": not a JSON object, skipped\n";
        continue;
      }
      const std::string id = string_field(record, "id");
      if (id.empty()) {
        std::cerr << input << ":" << line_number << ": record without id, skipped\n";
        continue;
      }

      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(string_field(record, "title"), 3);
      generator.increase_termpos(100);
      generator.index_text(string_field(record, "body"));

      const std::string idterm = "Q" + id;
      doc.add_boolean_term(idterm);
      const std::string source = string_field(record, "source");
      if (!source.empty()) doc.add_boolean_term("XSRC" + source);
      const std::string day = compact_date(string_field(record, "date"));
      if (!day.empty()) {
        doc.add_boolean_term("D" + day);
        doc.add_boolean_term("M" + day.substr(0, 6));
        doc.add_boolean_term("Y" + day.substr(0, 4));
        doc.add_value(0, day);
      }
      doc.set_data(line);
      db.replace_document(idterm, doc);

      if (++pending == kCommitEvery) {
        db.commit();
        pending = 0;
      }
    }
    db.commit();
  } catch (const Xapian::Error& e) {
    std::cerr << "error: " << e.get_description() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

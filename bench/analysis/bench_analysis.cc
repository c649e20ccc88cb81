// bench/analysis: throughput of Marsad's analysis chain on Arabic news text, against ICU word
// breaking alone (the floor every ICU-based chain pays) and Xapian's TermGenerator with the plain
// Snowball arabic stemmer, all three on the same texts in the same process.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "common/index_terms.h"
#include "common/io/line_reader.h"
#include "common/schema.h"
#include "common/text/analyzer.h"

namespace {

std::vector<std::string> load_texts(const std::string& path, std::size_t max_docs) {
  marsad::io::LineReader lines(path);
  std::vector<std::string> texts;
  std::string line;
  while (texts.size() < max_docs && lines.next(line)) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) continue;
    texts.push_back(record.value("title", "") + "\n" + record.value("body", ""));
  }
  return texts;
}

template <typename F>
double best_seconds(int runs, F&& pass) {
  double best = 1e300;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    pass();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Analysis throughput: Marsad's chain vs ICU word breaking vs Xapian TermGenerator + Snowball"};
  std::string input = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz";
  std::size_t max_docs = 1'000'000;
  int runs = 3;
  app.add_option("--input", input, "news corpus, JSONL (gzip) with title and body")->capture_default_str();
  app.add_option("--max-docs", max_docs, "read at most this many records")->capture_default_str();
  app.add_option("--runs", runs, "timed runs per contender; the best is reported")->capture_default_str()->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  if (!std::filesystem::exists(input)) {
    std::cout << "SKIP: " << input << " not found (the external news corpus is not beside this checkout)\n";
    return 77;
  }
  auto texts = load_texts(input, max_docs);
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  const double mb = static_cast<double>(bytes) / 1e6;
  std::cout << "corpus: " << texts.size() << " documents, " << std::fixed << std::setprecision(1) << mb << " MB\n";

  std::size_t sink = 0;  // keeps the optimizer from discarding work
  double icu = best_seconds(runs, [&] {
    marsad::text::Tokenizer tokenizer;
    std::vector<marsad::text::Token> tokens;
    for (const auto& t : texts) {
      tokenizer.tokenize(t, tokens);
      sink += tokens.size();
    }
  });
  double termgen = best_seconds(runs, [&] {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("arabic"));
    for (const auto& t : texts) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(t);
      sink += doc.termlist_count();
    }
  });
  double chain = best_seconds(runs, [&] {
    marsad::text::Analyzer analyzer;  // a fresh word cache every run, as in a fresh indexing run
    std::vector<marsad::text::AnalyzedToken> tokens;
    for (const auto& t : texts) {
      analyzer.analyze(t, tokens);
      Xapian::Document doc;
      marsad::add_text_terms(doc, tokens, 1, marsad::schema::kBodyWdf, marsad::TextField::Body);
      sink += doc.termlist_count();
    }
  });

  auto row = [&](const char* name, double seconds) {
    std::cout << std::left << std::setw(44) << name << std::right << std::setw(8) << std::setprecision(2) << seconds
              << " s " << std::setw(8) << mb / seconds << " MB/s\n";
  };
  row("ICU word breaking alone (floor)", icu);
  row("Xapian TermGenerator + Snowball arabic", termgen);
  row("Marsad chain (normalize+segment+stem+terms)", chain);
  std::cout << std::setprecision(2) << "ratio chain / TermGenerator: " << termgen / chain << "x (target >= 0.70)\n"
            << "ratio chain / ICU floor:     " << icu / chain << "x\n"
            << "(checksum " << sink << ")\n";
  return 0;
}

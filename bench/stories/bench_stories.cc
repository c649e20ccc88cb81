// marsad-bench-stories: how well indexing groups copies of one report into stories, on labelled
// pairs of the news corpus (bench/stories/pairs.tsv): precision and recall of the pair test alone
// (signatures of the two reports, at the default thresholds and over a grid), and of the clustering
// of a whole index (are the two reports in one story?), by kind of pair.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/common/child.h"
#include "bench/common/corpus.h"
#include "bench/common/work_dir.h"
#include "common/io/line_reader.h"
#include "common/schema.h"
#include "common/story/signature.h"
#include "common/text/analyzer.h"
#include "searcher/searcher.h"

#ifndef MARSAD_INDEX_EXE
#error "MARSAD_INDEX_EXE must name the marsad-index executable"
#endif

namespace {

using namespace marsad;

struct Pair {
  std::string a, b, kind;
  bool same = false;
};

std::vector<Pair> read_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::vector<Pair> pairs;
  std::string line;
  std::getline(in, line);  // header
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    if (cells.size() < 4 || (cells[2] != "0" && cells[2] != "1"))
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected a, b, same (0 or 1), kind");
    pairs.push_back({cells[0], cells[1], cells[3], cells[2] == "1"});
  }
  return pairs;
}

/** Precision and recall of decisions on pairs. */
struct Score {
  std::size_t true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
  void add(bool truth, bool said) {
    if (truth) {
      ++(said ? true_positive : false_negative);
    } else {
      ++(said ? false_positive : true_negative);
    }
  }
  double precision() const {
    return true_positive + false_positive ? static_cast<double>(true_positive) / (true_positive + false_positive) : 1;
  }
  double recall() const {
    return true_positive + false_negative ? static_cast<double>(true_positive) / (true_positive + false_negative) : 1;
  }
  nlohmann::json json() const {
    return {{"precision", precision()}, {"recall", recall()}, {"true_positive", true_positive},
            {"false_positive", false_positive}, {"false_negative", false_negative}, {"true_negative", true_negative}};
  }
};

/** The signatures of the labelled reports, from the corpus, through the analysis chain indexing uses. */
std::unordered_map<std::string, story::Signature> signatures(const std::string& input, const std::set<std::string>& ids,
                                                            std::unordered_map<std::string, std::string>& days) {
  std::unordered_map<std::string, story::Signature> out;
  text::Analyzer analyzer;
  std::vector<text::AnalyzedToken> tokens;
  io::LineReader lines(input);
  for (std::string line; lines.next(line);) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (!record.is_object() || !record.contains("id") || !ids.count(record.value("id", ""))) continue;
    std::string body = record.value("body", "");
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) body = record.value("title", "");
    analyzer.analyze(body, tokens);
    out.emplace(record["id"].get<std::string>(), story::Signature::of(tokens));
    days[record["id"].get<std::string>()] = record.value("date", "");
  }
  return out;
}

/** The story of every report of the index at `path`, exact duplicates (kept once) included. */
std::unordered_map<std::string, std::string> stories_of(const std::string& path) {
  std::unordered_map<std::string, std::string> story;
  Xapian::Database db(path);
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    const std::string id = doc.get_value(schema::kIdSlot), s = doc.get_value(schema::kStorySlot);
    story[id] = s;
    nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (auto dups = data.find(schema::record::kDuplicates); dups != data.end() && dups->is_array())
      for (const auto& d : *dups)
        if (d.is_object()) story[d.value(std::string(schema::record::kId), "")] = s;
  }
  return story;
}

/** How one of the largest stories shows when its dispatch is searched for. */
struct DispatchSearch {
  std::string story, query;
  std::size_t outlets = 0;             // that carried the story
  Xapian::doccount reports_hits = 0;   // hits of the story without --collapse (first 100)
  Xapian::doccount story_hits = 0;     // hits of the story with --collapse --count stories (first 100)
  std::size_t outlets_shown = 0;       // on the collapsed hit
  bool ok() const { return story_hits == 1 && reports_hits > 1 && outlets_shown == outlets; }
};

/** Whether `word` is Arabic letters only (U+0621–U+0652, tatweel and marks included; no punctuation). */
bool arabic_letters(const std::string& word) {
  if (word.empty() || word.size() % 2) return false;
  for (std::size_t i = 0; i < word.size(); i += 2) {
    const unsigned code = ((static_cast<unsigned char>(word[i]) & 0x1Fu) << 6) | (static_cast<unsigned char>(word[i + 1]) & 0x3Fu);
    if ((static_cast<unsigned char>(word[i]) & 0xE0u) != 0xC0u || code < 0x621 || code > 0x652) return false;
  }
  return true;
}

/** Phrases of `words` words of letters of `body`, in order (punctuation ends a run of words). */
std::vector<std::string> phrases(const std::string& body, std::size_t words) {
  std::istringstream in(body);
  std::vector<std::string> out, run;
  for (std::string w; in >> w;) {
    if (!arabic_letters(w)) {
      run.clear();
      continue;
    }
    run.push_back(w);
    if (run.size() < words) continue;
    std::string phrase;
    for (const std::string& x : run) phrase += (phrase.empty() ? "" : " ") + x;
    out.push_back("\"" + phrase + "\"");
    run.clear();
  }
  return out;
}

/** The largest stories with copies from two outlets or more, each searched for by a phrase of its
 *  first report's body that a copy carries too and few other reports: with --collapse it must be one hit, with every outlet. */
std::vector<DispatchSearch> search_dispatches(const std::string& index) {
  marsad::searcher::Searcher searcher(index);
  Xapian::Database db(index);
  std::vector<DispatchSearch> out;
  for (const marsad::searcher::StoryInfo& s : searcher.stats({}).largest_stories) {
    if (s.outlets.size() < 2) continue;
    Xapian::PostingIterator first = db.postlist_begin(schema::term(schema::kIdPrefix, s.first_id));
    if (first == db.postlist_end(schema::term(schema::kIdPrefix, s.first_id))) continue;
    const nlohmann::json record = nlohmann::json::parse(db.get_document(*first).get_data(), nullptr, false);
    // A phrase of the first report that a copy carries too (not the dateline, nor an outlet's
    // credit), and that few other reports have (not a formula of every royal cable).
    DispatchSearch d{s.id, "", s.outlets.size()};
    for (const std::string& phrase : phrases(record.value(std::string(schema::record::kBody), ""), 6)) {
      const Xapian::doccount in_story = searcher.search({phrase + " story:" + s.id, 0, 0}).total;
      if (in_story < 2 || searcher.search({phrase, 0, 0}).total > 2 * in_story) continue;
      d.query = phrase;
      break;
    }
    if (d.query.empty()) continue;
    marsad::searcher::SearchRequest request{d.query, 0, 100};
    for (const auto& hit : searcher.search(request).hits) d.reports_hits += hit.story.id == s.id;
    request.collapse = true;
    request.facet_options.count = marsad::searcher::CountUnit::Stories;
    for (const auto& hit : searcher.search(request).hits) {
      if (hit.story.id != s.id) continue;
      ++d.story_hits;
      d.outlets_shown = hit.story.outlets.size();
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Precision and recall of story clustering on labelled pairs of the news corpus"};
  std::string input = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz";
  std::string pairs_path = std::string(MARSAD_SOURCE_DIR) + "/bench/stories/pairs.tsv";
  std::string index, work_dir, json_path, marsad_index = MARSAD_INDEX_EXE;
  std::vector<std::string> index_args;
  double min_precision = 0, min_recall = 0;
  bool grid = false, keep = false, errors = false;
  app.add_option("--input", input, "news corpus, JSONL (optionally gzip)")->capture_default_str();
  app.add_option("--pairs", pairs_path, "labelled pairs (TSV: a, b, same, kind…)")->capture_default_str();
  app.add_option("--index", index, "an index of the corpus to score (default: build one with marsad-index)");
  app.add_option("--work-dir", work_dir, "where the index goes (default: a fresh directory under /tmp)");
  app.add_flag("--keep", keep, "keep the index built");
  app.add_flag("--grid", grid, "also score the pair test over a grid of thresholds");
  app.add_flag("--errors", errors, "list the pairs the clustering gets wrong");
  app.add_option("--json", json_path, "also write the figures to this file as JSON");
  app.add_option("--min-precision", min_precision, "fail (exit 1) when the clustering's precision is lower");
  app.add_option("--min-recall", min_recall, "fail (exit 1) when the clustering's recall is lower");
  app.add_option("--marsad-index", marsad_index, "marsad-index executable")->capture_default_str();
  app.add_option("--index-arg", index_args, "an option for marsad-index (repeat for more), e.g. --index-arg=--copy-days=2");
  CLI11_PARSE(app, argc, argv);

  try {
    if (!bench::corpus_present(input)) return bench::kSkip;
    const std::vector<Pair> pairs = read_pairs(pairs_path);
    std::set<std::string> ids;
    for (const Pair& p : pairs) ids.insert({p.a, p.b});
    nlohmann::json report{{"pairs", pairs.size()}, {"thresholds", story::Thresholds{}.describe()}};

    // The pair test alone: the two signatures, whatever else the corpus holds.
    std::unordered_map<std::string, std::string> days;
    const auto signature = signatures(input, ids, days);
    auto pair_score = [&](const story::Thresholds& t) {
      Score score;
      for (const Pair& p : pairs) {
        auto a = signature.find(p.a), b = signature.find(p.b);
        if (a == signature.end() || b == signature.end())
          throw std::runtime_error("pair " + p.a + " " + p.b + ": a report is not in " + input);
        score.add(p.same, story::same_story(a->second, b->second, t).has_value());
      }
      return score;
    };
    Score test = pair_score({});
    std::printf("pairs            %zu (%zu same story)\n", pairs.size(),
                static_cast<std::size_t>(std::count_if(pairs.begin(), pairs.end(), [](const Pair& p) { return p.same; })));
    std::printf("pair test        precision %.3f  recall %.3f  (%s)\n", test.precision(), test.recall(),
                story::Thresholds{}.describe().c_str());
    report["pair_test"] = test.json();
    if (grid) {
      std::printf("\npair test over thresholds (precision / recall)\n%-10s", "jaccard");
      const double containments[] = {0.5, 0.6, 0.7, 0.8, 0.9, 1.01};
      for (double c : containments) {
        if (c > 1) {
          std::printf("  %-11s", "no cont.");
        } else {
          std::printf("  cont %-6.2f", c);
        }
      }
      std::printf("\n");
      for (double j : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
        std::printf("%-10.2f", j);
        for (double c : containments) {
          story::Thresholds t;
          t.jaccard = j;
          t.containment = c;
          Score s = pair_score(t);
          std::printf("  %.3f/%.3f", s.precision(), s.recall());
          report["grid"].push_back({{"jaccard", j}, {"containment", c}, {"score", s.json()}});
        }
        std::printf("\n");
      }
      std::printf("\n");
    }

    // The clustering: one index of the whole corpus, as marsad-index builds it.
    std::optional<bench::WorkDir> work;
    if (index.empty()) {
      work.emplace(work_dir, keep, "marsad-bench-stories");
      index = work->entry("index").string();
      std::vector<std::string> command{marsad_index, "--db", index, "--quiet"};
      command.insert(command.end(), index_args.begin(), index_args.end());
      command.push_back(input);
      bench::ChildRun run = bench::run_child(command);
      std::printf("indexed          in %.1f s\n", run.seconds);
      report["index_seconds"] = run.seconds;
    }
    const auto story = stories_of(index);
    Score clustering;
    std::map<std::string, Score> by_kind;
    std::vector<std::string> wrong;
    for (const Pair& p : pairs) {
      auto a = story.find(p.a), b = story.find(p.b);
      if (a == story.end() || b == story.end())
        throw std::runtime_error("pair " + p.a + " " + p.b + ": a report is not in the index " + index);
      const bool together = a->second == b->second;
      clustering.add(p.same, together);
      by_kind[p.kind].add(p.same, together);
      if (together != p.same) {
        // What the pair test sees of it: the estimates and the candidate keys the two share.
        const story::Signature& x = signature.at(p.a);
        const story::Signature& y = signature.at(p.b);
        const auto kx = x.candidate_keys(), ky = y.candidate_keys();
        std::size_t shared = 0;
        for (std::uint64_t k : kx) shared += std::count(ky.begin(), ky.end(), k);
        char line[200];
        std::snprintf(line, sizeof line, "  %-13s %s  jaccard %.2f  containment %.2f  keys shared %zu  %s .. %s",
                      p.kind.c_str(), p.same ? "apart   " : "together", story::estimated_jaccard(x, y),
                      story::estimated_containment(x, y), shared, days.at(p.a).c_str(), days.at(p.b).c_str());
        wrong.push_back(p.a + " " + p.b + line);
      }
    }
    std::printf("clustering       precision %.3f  recall %.3f  (%zu stories of %zu reports)\n", clustering.precision(),
                clustering.recall(), std::set<std::string>([&] {
                  std::set<std::string> s;
                  for (const auto& [id, st] : story) s.insert(st);
                  return s;
                }()).size(),
                story.size());
    report["clustering"] = clustering.json();
    for (const auto& [kind, score] : by_kind) {
      const std::size_t n = score.true_positive + score.false_negative + score.false_positive + score.true_negative;
      std::printf("  %-14s %3zu pairs, %3zu together\n", kind.c_str(), n, score.true_positive + score.false_positive);
      report["by_kind"][kind] = score.json();
    }
    if (errors)
      for (const std::string& w : wrong) std::printf("  wrong: %s\n", w.c_str());

    // Searching for a syndicated dispatch: one hit, with its outlets.
    bool dispatches_ok = true;
    const std::vector<DispatchSearch> dispatches = search_dispatches(index);
    std::printf("dispatch search  the largest stories with two outlets or more, searched by a phrase of their first report\n");
    for (const DispatchSearch& d : dispatches) {
      std::printf("  %-8s %-4s %u hits without --collapse, %u with it, carried by %zu outlets (%zu shown)  %s\n",
                  d.story.c_str(), d.ok() ? "ok" : "FAIL", d.reports_hits, d.story_hits, d.outlets, d.outlets_shown,
                  d.query.c_str());
      report["dispatch_search"].push_back({{"story", d.story}, {"query", d.query}, {"outlets", d.outlets},
                                           {"hits_without_collapse", d.reports_hits}, {"hits_collapsed", d.story_hits},
                                           {"outlets_shown", d.outlets_shown}, {"ok", d.ok()}});
      dispatches_ok = dispatches_ok && d.ok();
    }
    if (!json_path.empty()) std::ofstream(json_path) << report.dump(2) << '\n';

    bool ok = true;
    if (dispatches.empty() || !dispatches_ok) {
      std::printf("FAIL: a syndicated dispatch searched for is not one hit with its outlets\n");
      ok = false;
    }
    if (clustering.precision() < min_precision) {
      std::printf("FAIL: clustering precision %.3f below %.3f\n", clustering.precision(), min_precision);
      ok = false;
    }
    if (clustering.recall() < min_recall) {
      std::printf("FAIL: clustering recall %.3f below %.3f\n", clustering.recall(), min_recall);
      ok = false;
    }
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad-bench-stories: %s\n", e.what());
    return 2;
  }
}

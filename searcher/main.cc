// marsad-search: queries a Marsad index and prints the matching reports.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "common/cli/exit_codes.h"
#include "common/errors.h"
#include "common/cli/parse_arguments.h"
#include "common/cli/run_main.h"
#include "common/text/stemmer.h"
#include "common/text/utf8.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"

namespace {

/** The facets under the hits: one line a facet, "label count" pairs, the rest counted. */
void print_facets(std::ostream& out, const marsad::searcher::Facets& f) {
  using marsad::text::printable;
  auto line = [&](const char* name, const marsad::searcher::Facet& facet) {
    out << "\n" << name << ":";
    if (facet.values.empty()) out << " (none)";
    for (const auto& v : facet.values) {
      out << "  " << printable(v.label_en.empty() ? v.id : v.label_en);
      if (!v.label_ar.empty()) out << " (" << printable(v.label_ar) << ")";
      out << " " << v.count;
    }
    if (facet.more > 0) out << "  (+" << facet.more << " more)";
  };
  out << "\n--- facets (reports per value, over all matches)";
  line("actor", f.actor);
  line("place", f.place);
  line("claim", f.claim);
  line("claimant", f.claimant);
  line("source", f.source);
  out << "\ndate (" << marsad::searcher::date_interval_name(f.interval) << "):";
  for (const auto& b : f.date) out << "  " << (b.bucket ? *b.bucket : std::string("undated")) << " " << b.count;
  out << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  using namespace marsad;
  CLI::App app{"Search a Marsad index of Arabic reports."};
  std::string db, stemmer = "light";
  std::vector<std::string> words;
  searcher::SearchRequest request;
  bool json = false, no_stopwords = false;
  std::string stopword_file;
  app.add_option("--db", db, "index folder")->required();
  app.add_option("query", words, "query: words, \"phrases\", AND/OR/NOT, actor: place: claim: claimant: source: date:2020-10..2020-12");
  app.add_option("-n,--limit", request.limit, "results to show")->check(CLI::Range(1, 10000))->capture_default_str();
  app.add_option("--offset", request.offset, "results to skip")->capture_default_str();
  app.add_flag("--json", json, "JSON output");
  searcher::QueryFilters filters;
  std::string sort = "relevance";
  app.add_option("--from", filters.from, "reports dated from this day, month or year (YYYY[-MM[-DD]])");
  app.add_option("--to", filters.to, "reports dated up to this day, month or year");
  app.add_option("--actor", filters.actors, "same as actor:NAME (repeatable: all must hold)");
  app.add_option("--place", filters.places, "same as place:NAME");
  app.add_option("--claim", filters.claims, "same as claim:TYPE");
  app.add_option("--claimant", filters.claimants, "same as claimant:NAME");
  app.add_option("--source", filters.sources, "same as source:NAME");
  std::string mode = searcher::query_mode_name(request.mode);
  app.add_option("--mode", mode, "how free-text words combine: and (every word), or (any), and-or (every word, else any), "
                                 "or-all / or-near (any word; all words / neighbouring words near each other rank higher), and-or-near")
      ->check(CLI::IsMember(searcher::query_mode_names()))->capture_default_str();
  app.add_option("--sort", sort, "order of the hits")->check(CLI::IsMember({"relevance", "date", "-date"}))->capture_default_str();
  bool no_facets = false;
  std::string interval = "auto";
  app.add_flag("--no-facets", no_facets, "skip the facet counts");
  app.add_option("--facet-size", request.facet_options.size, "values shown per facet")
      ->check(CLI::Range(1, 1000))->capture_default_str();
  app.add_flag("--rollup", request.facet_options.rollup, "count a report toward its entities' parents too (Baku toward Azerbaijan)");
  app.add_option("--interval", interval, "date histogram bars")
      ->check(CLI::IsMember({"auto", "day", "week", "month", "year"}))->capture_default_str();
  auto* stop_option = app.add_option("--stopwords", stopword_file, "stop words to drop from free text (one per line) instead of the built-in list")
                          ->check(CLI::ExistingFile);
  app.add_flag("--no-stopwords", no_stopwords, "keep every query word")->excludes(stop_option);
  app.add_option("--stemmer", stemmer, "stem stage the index was built with")->check(CLI::IsMember({"light", "snowball"}))->capture_default_str();
  // marsad-search entities [--kind K] [PREFIX]: the names the index knows, to find ids and spellings.
  auto* entities = app.add_subcommand("entities", "list known entities with their aliases and report counts");
  entities->fallthrough();
  std::string entity_kind, entity_prefix;
  entities->add_option("--kind", entity_kind, "only this kind (country, city, armed-group, person…)");
  entities->add_option("prefix", entity_prefix, "the beginning of an id, English label or Arabic alias");
  auto* stats = app.add_subcommand("stats", "what the index holds: reports, dates, sources, top entities and claim types");
  stats->fallthrough();
  app.require_subcommand(0, 1);
  if (auto exit_code = cli::parse_arguments(app, argc, argv, "marsad-search")) return *exit_code;

  if (stats->parsed()) {
    return cli::run_main("marsad-search", [&] {
      text::AnalyzerSettings settings;
      settings.stemmer = text::parse_stemmer_kind(stemmer);
      searcher::Searcher searcher(db, settings);
      request.facet_options.interval = searcher::parse_date_interval(interval);
      searcher::IndexStats s = searcher.stats(request.facet_options);
      if (json) {
        std::cout << searcher::stats_json(s).dump(2) << '\n';
        return cli::kExitOk;
      }
      std::cout << s.documents << " reports";
      if (!s.first_date.empty()) std::cout << ", dated " << s.first_date << " to " << s.last_date;
      std::cout << '\n';
      print_facets(std::cout, s.facets);
      return cli::kExitOk;
    });
  }
  if (entities->parsed()) {
    return cli::run_main("marsad-search", [&] {
      std::optional<tag::EntityKind> kind;
      if (!entity_kind.empty() && !(kind = tag::parse_entity_kind(entity_kind)))
        throw ConfigError("unknown entity kind '" + entity_kind + "'");
      text::AnalyzerSettings settings;
      settings.stemmer = text::parse_stemmer_kind(stemmer);
      searcher::Searcher searcher(db, settings);
      std::vector<searcher::EntityInfo> found = searcher.entities(kind, entity_prefix);
      if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& info : found)
          out.push_back({{"id", info.entity->id}, {"kind", tag::to_string(info.entity->kind)},
                         {"label_en", info.entity->english}, {"aliases", info.entity->arabic},
                         {"parent", info.entity->parent.empty() ? nlohmann::json() : nlohmann::json(info.entity->parent)},
                         {"reports", {{"actor", info.as_actor}, {"place", info.as_place}, {"claimant", info.as_claimant}}}});
        std::cout << out.dump(2) << '\n';
        return cli::kExitOk;
      }
      using text::printable;
      for (const auto& info : found) {
        const tag::Entity& e = *info.entity;
        std::cout << printable(e.id) << "  [" << tag::to_string(e.kind) << "]  " << printable(e.english);
        if (!e.parent.empty()) std::cout << "  (in " << printable(e.parent) << ")";
        std::cout << "\n   ";
        for (std::size_t i = 0; i < e.arabic.size(); ++i) std::cout << (i ? " | " : "") << printable(e.arabic[i]);
        std::cout << "\n   reports: " << info.as_actor << " as actor, " << info.as_place << " as place, "
                  << info.as_claimant << " as claimant\n";
      }
      std::cout << found.size() << (found.size() == 1 ? " entity\n" : " entities\n");
      return cli::kExitOk;
    });
  }

  return cli::run_main("marsad-search", [&] {
    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    text::AnalyzerSettings settings;
    settings.stemmer = text::parse_stemmer_kind(stemmer);
    text::StopWordList stopwords = no_stopwords              ? text::StopWordList()
                                   : !stopword_file.empty() ? text::StopWordList::from_file(stopword_file)
                                                            : text::StopWordList::builtin();
    request.query = searcher::with_filters(request.query, filters);
    if (request.query.empty()) throw ConfigError("nothing to search: give query words or a filter (--actor, --from…)");
    request.sort = searcher::parse_sort_order(sort);
    request.mode = searcher::parse_query_mode(mode);
    request.facets = !no_facets;
    request.facet_options.interval = searcher::parse_date_interval(interval);
    searcher::Searcher searcher(db, settings, stopwords);
    searcher::SearchResult result = searcher.search(request);
    if (json) {
      nlohmann::json out = searcher::result_json(request, result);
      std::cout << out.dump(2) << '\n';
      return cli::kExitOk;
    }
    // Text from the index or the command line may hold control characters: never sent raw to a terminal.
    using text::printable;
    std::cout << (result.total_exact ? "" : "about ") << result.total << (result.total == 1 ? " report matches: " : " reports match: ")
              << printable(request.query) << '\n';
    if (result.relaxed) std::cout << "(no report has every word: these have some of them)\n";
    std::size_t rank = request.offset;
    for (const auto& h : result.hits) {
      std::cout << '\n' << ++rank << ". " << printable(h.title) << "\n   " << (h.date.empty() ? "(no date)" : h.date) << " | "
                << printable(h.source) << " | " << printable(h.id) << "\n   " << printable(h.snippet) << '\n';
    }
    if (result.facets) print_facets(std::cout, *result.facets);
    return cli::kExitOk;
  });
}

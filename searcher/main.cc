// marsad-search: queries a Marsad index: matching reports (with facets), their claims, the names the
// index knows, and what it holds.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include "common/cli/exit_codes.h"
#include "common/cli/options.h"
#include "common/cli/parse_arguments.h"
#include "common/cli/run_main.h"
#include "common/errors.h"
#include "common/text/utf8.h"
#include "searcher/allocator.h"
#include "searcher/claims_view.h"
#include "searcher/result_json.h"
#include "searcher/result_text.h"
#include "searcher/searcher.h"
#include "searcher/server.h"

namespace {

using namespace marsad;

/** What a search asks, from the command line: the query, its filter flags, mode, order and facets. */
struct QueryOptions {
  std::vector<std::string> words;
  searcher::QueryFilters filters;
  std::string sort = "relevance", mode = searcher::query_mode_name(searcher::SearchRequest{}.mode), interval = "auto", count = "reports";
  bool no_facets = false;
  searcher::SearchRequest request;

  void add_to(CLI::App& app) {
    app.add_option("query", words,
                   "words, \"phrases\", AND/OR/NOT, NEAR, fields actor: place: claim: claimant: source: title: id: story: exact: "
                   "date:2020-10..2020-12");
    app.add_option("-n,--limit", request.limit, "results to show")->check(CLI::Range(1, 10000))->capture_default_str();
    app.add_option("--offset", request.offset, "results to skip")->capture_default_str();
    app.add_option("--from", filters.from, "reports dated from this day, month or year (YYYY[-MM[-DD]])");
    app.add_option("--to", filters.to, "reports dated up to this day, month or year");
    // Each flag takes one value, repeated for more: the words after it are the query's.
    auto one_each = [](CLI::Option* o) { o->allow_extra_args(false); };
    one_each(app.add_option("--actor", filters.actors, "same as actor:NAME (repeatable: all must hold)"));
    one_each(app.add_option("--place", filters.places, "same as place:NAME"));
    one_each(app.add_option("--claim", filters.claims, "same as claim:TYPE"));
    one_each(app.add_option("--claimant", filters.claimants, "same as claimant:NAME"));
    one_each(app.add_option("--source", filters.sources, "same as source:NAME"));
    app.add_option("--sort", sort, "order of the hits")->check(CLI::IsMember({"relevance", "date", "-date"}))->capture_default_str();
    app.add_option("--mode", mode,
                   "how free-text words combine: and (every word), or (any), and-or (every word; any word when fewer than ten reports have them all), or-all / "
                   "or-near (any word; all words / neighbouring words near each other rank higher), and-or-near")
        ->check(CLI::IsMember(searcher::query_mode_names()))
        ->capture_default_str();
    app.add_option("--min-matches", request.min_matches,
                   "and-or modes: with fewer reports than this holding every word, take any word")
        ->capture_default_str();
    app.add_flag("--no-facets", no_facets, "skip the facet counts");
    app.add_flag("--collapse", request.collapse,
                 "one hit per story (copies of one dispatch), the best of its matching reports");
    app.add_option("--facet-size", request.facet_options.size, "values shown per facet")
        ->check(CLI::Range(1, 1000))->capture_default_str();
    app.add_flag("--rollup", request.facet_options.rollup,
                 "count a report toward its entities' parents too (Baku toward Azerbaijan)");
    app.add_option("--interval", interval, "date histogram bars (and claim groups' periods)")
        ->check(CLI::IsMember({"auto", "day", "week", "month", "year"}))->capture_default_str();
    app.add_option("--count", count,
                   "what the total and the facets count: reports, or stories (a story once however many of its copies match)")
        ->check(CLI::IsMember({"reports", "stories"}))->capture_default_str();
  }

  /** The request, with the filter flags added to the query; ConfigError when it asks for nothing. */
  searcher::SearchRequest make_request() {
    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    request.query = searcher::with_filters(request.query, filters);
    if (request.query.empty()) throw ConfigError("nothing to search: give query words or a filter (--actor, --from…)");
    request.sort = searcher::parse_sort_order(sort);
    request.mode = searcher::parse_query_mode(mode);
    request.facets = !no_facets;
    request.facet_options.interval = searcher::parse_date_interval(interval);
    request.facet_options.count = searcher::parse_count_unit(count);
    return request;
  }
};

/** One warning line on standard error per shard left out: the answer that follows is partial. */
void warn_if_partial(const std::vector<ShardFailure>& failed) {
  for (const ShardFailure& f : failed)
    std::cerr << "marsad-search: warning: partial answer: shard '" << text::printable(f.shard)
              << "' left out: " << text::printable(f.error) << '\n';
}

int list_entities(searcher::Searcher& searcher, const std::string& kind_name, const std::string& prefix, bool json) {
  std::optional<tag::EntityKind> kind;
  if (!kind_name.empty() && !(kind = tag::parse_entity_kind(kind_name)))
    throw ConfigError("unknown entity kind '" + kind_name + "'");
  std::vector<searcher::EntityInfo> found = searcher.entities(kind, prefix);
  if (json) {
    std::cout << searcher::entities_json(found).dump(2) << '\n';
    return cli::kExitOk;
  }
  using text::printable;
  for (const auto& info : found) {
    const tag::Entity& e = *info.entity;
    std::cout << printable(e.id) << "  [" << tag::to_string(e.kind) << "]  " << printable(e.english);
    if (!e.parent.empty()) std::cout << "  (in " << printable(e.parent) << ")";
    std::cout << "\n   ";
    for (std::size_t i = 0; i < e.arabic.size(); ++i) std::cout << (i ? " | " : "") << printable(e.arabic[i]);
    std::cout << "\n   reports: " << info.as_actor << " as actor, " << info.as_place << " as place, " << info.as_claimant
              << " as claimant\n";
  }
  std::cout << found.size() << (found.size() == 1 ? " entity\n" : " entities\n");
  return cli::kExitOk;
}

int show_stats(searcher::Searcher& searcher, const searcher::FacetOptions& options, bool json) {
  searcher::IndexStats s = searcher.stats(options);
  if (json) {
    std::cout << searcher::stats_json(s).dump(2) << '\n';
    return cli::kExitOk;
  }
  std::cout << s.documents << " reports in " << s.stories << " stories";
  if (!s.first_date.empty()) std::cout << ", dated " << s.first_date << " to " << s.last_date;
  std::cout << '\n';
  searcher::print_stories(std::cout, s.largest_stories);
  searcher::print_facets(std::cout, s.facets, options.count);
  return cli::kExitOk;
}

/** "412 reports", or "the 2000 most relevant of 29433 reports" when not all were read. */
std::string reports_read(const searcher::ClaimsResult& claims) {
  if (claims.read == claims.reports) return std::to_string(claims.reports) + " reports";
  return "the " + std::to_string(claims.read) + " most relevant of " + std::to_string(claims.reports) + " reports (--max-reports)";
}

int show_claims(searcher::Searcher& searcher, const searcher::SearchRequest& request, Xapian::doccount max_reports,
                bool group, bool json) {
  searcher::ClaimsResult claims = searcher.claims(request, max_reports);
  const tag::Gazetteer& gazetteer = searcher.gazetteer();
  if (json) {
    std::cout << searcher::claims_answer_json(request, std::move(claims), group, gazetteer).dump(2) << '\n';
    return cli::kExitOk;
  }
  if (group) {
    auto groups = searcher::group_claims(std::move(claims.rows), claims.filter, request.facet_options.interval, gazetteer);
    std::cout << groups.size() << " groups of claims from " << reports_read(claims) << ": " << text::printable(request.query)
              << "\n\n";
    searcher::print_claim_groups(std::cout, groups, gazetteer);
    return cli::kExitOk;
  }
  std::cout << claims.rows.size() << " claims in " << reports_read(claims) << ": " << text::printable(request.query) << "\n\n";
  searcher::print_claims(std::cout, claims.rows, gazetteer);
  return cli::kExitOk;
}

/** Serves until SIGINT or SIGTERM. Other addresses than loopback need a token: a search index of
 *  an organisation's reports is not for whoever reaches the port. */
int serve_http(const std::string& index, const text::AnalyzerSettings& settings, text::StopWordList stopwords,
               const searcher::ServerOptions& options) {
  const bool loopback = options.bind == "127.0.0.1" || options.bind == "::1" || options.bind == "localhost";
  if (!loopback && options.token.empty())
    throw ConfigError("--bind " + options.bind + " would serve the index to other machines: give --token too");
  // The signals wait in a thread of their own; every other thread is started with them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  searcher::Server server(index, settings, std::move(stopwords), options);
  const int port = server.bind();
  std::cout << "listening on http://" << (options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind)
            << ":" << port << std::endl;
  std::atomic<bool> signalled = false;
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    signalled = true;
    server.stop();
  });
  server.run();
  if (!signalled) kill(getpid(), SIGTERM);  // the server stopped by itself: wake the waiter
  waiter.join();
  return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  marsad::searcher::keep_freed_memory();
  CLI::App app{"Search a Marsad index of Arabic reports."};
  cli::DatabaseOption db;
  cli::StemmerOption stemmer;
  cli::FormatOption format;
  QueryOptions query;
  db.add_to(app, "index folder");
  query.add_to(app);
  format.add_to(app, {"table", "json", "csv"}, "table");
  bool no_stopwords = false;
  std::string stopword_file;
  auto* stop_option = app.add_option("--stopwords", stopword_file, "stop words to drop from free text (one per line) instead of the built-in list")
                          ->check(CLI::ExistingFile);
  app.add_flag("--no-stopwords", no_stopwords, "keep every query word")->excludes(stop_option);
  stemmer.add_to(app);
  bool allow_partial = false;
  app.add_flag("--allow-partial", allow_partial,
               "when a shard cannot be reached, answer from the others and say so (JSON \"partial\": true) instead of failing");

  auto* claims = app.add_subcommand("claims", "the claims of the matching reports: date, type, claimant, figures, place, sentence");
  claims->fallthrough();
  bool group = false;
  claims->add_flag("--group", group, "claims of one type about one place in one period side by side, with the spread of their figures");
  Xapian::doccount max_reports = searcher::kClaimReports;
  claims->add_option("--max-reports", max_reports, "read the claims of at most this many of the most relevant matching reports")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto* entities = app.add_subcommand("entities", "list known entities with their aliases and report counts");
  entities->fallthrough();
  std::string entity_kind, entity_prefix;
  entities->add_option("--kind", entity_kind, "only this kind (country, city, armed-group, person…)");
  entities->add_option("prefix", entity_prefix, "the beginning of an id, English label or Arabic alias");
  auto* stats = app.add_subcommand("stats", "what the index holds: reports, dates, sources, top entities and claim types");
  stats->fallthrough();
  auto* serve = app.add_subcommand("serve", "answer the same questions over HTTP: a JSON API and a page in the browser");
  serve->fallthrough();  // marsad-search serve --db DIR, as with the other subcommands
  searcher::ServerOptions server_options;
  serve->add_option("--bind", server_options.bind, "address to listen on (loopback by default: others need --token)")
      ->capture_default_str();
  serve->add_option("--port", server_options.port, "port to listen on (0: any free port)")->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cli::ThreadsOption serve_threads;
  serve_threads.threads = server_options.threads;
  serve_threads.add_to(*serve, "requests answered at once");
  serve->add_option("--token", server_options.token,
                    "ask every API request for the header Authorization: Bearer TOKEN (also from $MARSAD_TOKEN)")
      ->envname("MARSAD_TOKEN");
  serve->add_option("--assets", server_options.assets_dir,
                    "read the page's index.html, app.css and app.js from this folder instead of the built-in ones")
      ->check(CLI::ExistingDirectory);
  cli::LoggingOptions serve_logging;
  serve_logging.add_to(*serve, "log errors only, not every request");
  app.require_subcommand(0, 1);
  if (auto exit_code = cli::parse_arguments(app, argc, argv, "marsad-search")) return *exit_code;

  return cli::run_main("marsad-search", [&] {
    text::StopWordList stopwords = no_stopwords              ? text::StopWordList()
                                   : !stopword_file.empty() ? text::StopWordList::from_file(stopword_file)
                                                            : text::StopWordList::builtin();
    if (format.is("csv") && (claims->parsed() || entities->parsed() || stats->parsed()))
      throw ConfigError("--format csv is for search hits only");
    if (serve->parsed()) {
      if (serve_logging.quiet && !serve_logging.verbose) serve_logging.level = "warn";
      serve_logging.install("marsad-search");
      server_options.threads = serve_threads.threads;
      server_options.allow_partial = allow_partial;
      return serve_http(db.path, stemmer.settings(), std::move(stopwords), server_options);
    }
    searcher::Searcher searcher(db.path, stemmer.settings(), stopwords,
                                allow_partial ? searcher::ShardPolicy::AnswerFromTheRest : searcher::ShardPolicy::EveryShard);
    warn_if_partial(searcher.failed_shards());
    if (entities->parsed()) return list_entities(searcher, entity_kind, entity_prefix, format.is("json"));
    if (stats->parsed()) {
      query.request.facet_options.interval = searcher::parse_date_interval(query.interval);
      query.request.facet_options.count = searcher::parse_count_unit(query.count);
      return show_stats(searcher, query.request.facet_options, format.is("json"));
    }
    searcher::SearchRequest request = query.make_request();
    if (claims->parsed()) return show_claims(searcher, request, max_reports, group, format.is("json"));
    searcher::SearchResult result = searcher.search(request);
    if (format.is("json")) std::cout << searcher::result_json(request, result).dump(2) << '\n';
    else if (format.is("csv")) searcher::write_csv(std::cout, request, result);
    else searcher::print_result(std::cout, request, result, searcher.gazetteer());
    return cli::kExitOk;
  });
}

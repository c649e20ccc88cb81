#pragma once
// Answers queries over a Marsad index: free text and phrases through the same analysis chain the
// indexer used, with source and date filters.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/index_metadata.h"
#include "common/tag/gazetteer.h"
#include "searcher/claims_view.h"
#include "searcher/entity_fields.h"
#include "searcher/facets.h"
#include "searcher/guarded_field.h"
#include "searcher/query_mode.h"
#include "common/text/analyzer.h"
#include "common/text/stopwords.h"

namespace marsad::searcher {

class FacetTable;

/** The filter flags of the command line (--from, --actor…), each the same as a field in the query. */
struct QueryFilters {
  std::string from{}, to{};  // date ends: YYYY, YYYY-MM or YYYY-MM-DD
  std::vector<std::string> actors{}, places{}, claims{}, claimants{}, sources{};
};
/** `query` with the filters appended as fields: --actor X is actor:"X", --from A --to B is date:A..B. */
std::string with_filters(std::string query, const QueryFilters& filters);

enum class SortOrder { Relevance, Date, DateDescending };
SortOrder parse_sort_order(std::string_view name);  // relevance|date|-date, else ConfigError

struct SearchRequest {
  SearchRequest() = default;
  SearchRequest(std::string query, Xapian::doccount offset = 0, Xapian::doccount limit = 10, bool facets = false)
      : query(std::move(query)), offset(offset), limit(limit), facets(facets) {}

  std::string query;  // free text, "phrases", AND/OR/NOT, source:NAME, date:FROM..TO (YYYY-MM-DD)
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  bool facets = false;  // count the facets of the whole match set
  SortOrder sort = SortOrder::Relevance;  // by date: undated reports come last either way
  QueryMode mode = QueryMode::AndOr;       // how free-text words combine (chosen by bench/ranking)
  /** and-or modes: with fewer reports than this holding every word, any word will do (those with
   *  every word ranked first). */
  Xapian::doccount min_matches = 10;
  FacetOptions facet_options;  // its `count` is also the total's unit
  /** One hit per story (the best of its matching reports); the total still counts reports. */
  bool collapse = false;
};

/** A story as a hit shows it: the copies of one dispatch the index holds (exact duplicates
 *  counted), the outlets that carried it and its first report. */
struct StoryInfo {
  std::string id;
  Xapian::doccount reports = 0;
  std::vector<std::string> outlets;  // distinct sources, in the order they carried it (earliest first)
  std::string first_id, first_date, first_source;  // the earliest report (first_date "YYYY-MM-DD" or empty)
};

/** The story `id` as hits show it, from the documents of its reports (exact duplicates included). */
StoryInfo story_of(const std::string& id, const std::vector<Xapian::Document>& members);

struct SearchHit {
  std::string id, title, date, source, url;
  std::vector<std::string> actors, places;  // the report's entity ids in these roles, sorted
  std::vector<std::string> claims;          // the types of its current claims (as claim: finds it), sorted
  std::string snippet;  // a passage of the body with matches in [brackets]
  double score = 0;     // the ranking weight (BM25)
  StoryInfo story;
  /** With SearchRequest::collapse: other matching reports of its story, not shown. */
  Xapian::doccount collapsed = 0;
};

struct SearchResult {
  Xapian::doccount total = 0;  // every matching report (or story), counted (not Xapian's estimate)
  bool total_exact = true;     // false only if Xapian could not count them all
  bool relaxed = false;        // and-or modes: too few reports held every word, so these hold any of them
  std::optional<Xapian::doccount> strict_total;  // when relaxed: the reports that hold every word
  double took_ms = 0;          // time spent answering, opening the index excluded
  std::optional<Facets> facets;  // when asked for
  std::vector<SearchHit> hits;
  std::vector<ShardFailure> failed_shards;  // the shards left out (ShardPolicy::AnswerFromTheRest): a partial answer
};

/** Reports whose claims the claims view reads by default: every claim of a query that matches more
 *  is thousands of rows no one compares (`في` matched 29k reports: 50k claims, 56 MB of JSON, 2.4 s). */
inline constexpr Xapian::doccount kClaimReports = 2000;

/** The claims of the reports a query matches (claims view). */
struct ClaimsResult {
  Xapian::doccount reports = 0;  // matching reports, counted
  Xapian::doccount read = 0;     // those whose claims were read: all, or the most relevant when more match
  ClaimFilter filter;            // what the query's claim:, place: and claimant: values ask of a claim
  /** Their claims that pass the filter, oldest report first; a claim repeated by copies of one story once. */
  std::vector<ClaimRow> rows;
  double took_ms = 0;
  std::vector<ShardFailure> failed_shards;  // as in SearchResult
};

/** A known entity with the reports that name it (its children's included, as filters count them). */
struct EntityInfo {
  const tag::Entity* entity = nullptr;
  Xapian::doccount as_actor = 0, as_place = 0, as_claimant = 0;
};

/** What an index holds: its reports and stories, the days they span, and the facets of all of them. */
struct IndexStats {
  Xapian::doccount documents = 0;
  Xapian::doccount stories = 0;
  std::vector<StoryInfo> largest_stories;  // those with most reports in the index, most first (up to 5)
  std::string first_date, last_date;  // ISO days; empty when no report is dated
  Facets facets;                      // over every report; the date histogram by the options' interval
  std::vector<ShardFailure> failed_shards;  // as in SearchResult
};

/** What a searcher does when a shard cannot be opened or stops answering (a remote one, mostly). */
enum class ShardPolicy {
  EveryShard,        // an error naming the shard
  AnswerFromTheRest  // answer from the other shards and say which were left out; retried now and then
};

/**
 * Opens an index read-only (all shards) and checks it was built with `settings` (ConfigError with
 * a rebuild hint otherwise). Not thread-safe: one Searcher per thread.
 */
class Searcher {
 public:
  Searcher(const std::string& index_path, text::AnalyzerSettings settings = {},
           const text::StopWordList& stopwords = text::StopWordList::builtin(),
           ShardPolicy policy = ShardPolicy::EveryShard);
  /** Throws QueryError for a query that cannot be parsed. Reads the newest revision of the index
   *  when an indexer commits meanwhile. */
  SearchResult search(const SearchRequest& request);

  /** Moves to the newest revision of the index, so that what an indexer committed since is seen
   *  (a server calls it before each request); true when there was a newer one. */
  bool refresh();

  /** The claims that carry the query's claim types, places and claimants, of every report
   *  `request.query` matches, or of its `max_reports` most relevant when more match (offset, limit,
   *  sort and facets are not used). */
  ClaimsResult claims(const SearchRequest& request, Xapian::doccount max_reports = kClaimReports);

  /** The gazetteer the index was tagged with (built-in plus the user's --gazetteer file, as stored
   *  in the index), so that names resolve to the ids indexing gave them. */
  const tag::Gazetteer& gazetteer() const { return gazetteer_; }
  /** The gazetteer's entities of `kind` (any when empty) whose id, English label (in any case) or an
   *  Arabic alias starts with `prefix`, most reports first. */
  std::vector<EntityInfo> entities(std::optional<tag::EntityKind> kind, std::string_view prefix);
  /** Counts over the whole index (`options.size` values per facet). */
  IndexStats stats(const FacetOptions& options);
  /** The reports in the revision read. */
  Xapian::doccount documents() const { return db_.get_doccount(); }
  /** Under AnswerFromTheRest: how long refresh() waits before it first tries the shards left out
   *  again (10 s by default); each try that finds them still missing doubles the wait, up to 5 min,
   *  since a machine that does not answer costs a try up to Xapian's 10 s timeout. */
  void retry_shards_after(std::chrono::milliseconds interval) { retry_shards_after_ = retry_wait_ = interval; }
  /** The shards left out of the revision read (only under ShardPolicy::AnswerFromTheRest). */
  const std::vector<ShardFailure>& failed_shards() const { return failed_shards_; }
  /** Whether the index carries entity and claim terms (not built with --no-tagging). */
  bool tagged() const { return tagged_; }

 private:
  /** Opens the index at its newest revision, checks its shards against `settings` and reads its
   *  tagging and gazetteer. */
  void open_and_check(const text::AnalyzerSettings& settings);
  SearchResult search_once(const SearchRequest& request);
  ClaimsResult claims_once(const SearchRequest& request, Xapian::doccount max_reports);
  std::vector<EntityInfo> entities_once(std::optional<tag::EntityKind> kind, std::string_view prefix);
  IndexStats stats_once(const FacetOptions& options);
  /** `answer()`, again on the newest revision when a writer replaced the one being read. */
  template <class Answer>
  Answer retrying(const std::function<Answer()>& answer);
  /** Reopens the index at its newest revision; true when there was a newer one. */
  bool reopen_newest();
  /** Opens the index again from its files, dropping whatever the old handle had read. */
  void open_afresh();
  /** After a search met a revision that a writer replaced: reopen, or open afresh. */
  void recover();
  /** `query` read by QueryParser; free words take `default_prefix` (title words: schema::kTitlePrefix). */
  Xapian::Query parse(const std::string& query, Xapian::Query::op default_op, const std::string& default_prefix = "");
  /** The query as QueryParser should read it: multi-word field values quoted, English names in
   *  free text replaced by their entities' Arabic aliases. */
  std::string rewrite(const std::string& query);
  /** The reports `text` matches in `mode` (without boosts); `relaxed` takes any word where the mode
   *  wants every one. */
  Xapian::Query match_query(const std::string& text, QueryMode mode, bool relaxed);
  /** match_query with the mode's boosts. */
  Xapian::Query ranked_query(const std::string& text, QueryMode mode, bool relaxed);
  /** What counting a request's matches takes, parsed beforehand (Xapian queries serialised, since
   *  one may not be shared between threads), so that the count can run beside the ranking. */
  struct CountPlan {
    std::string query;  // the matches
    bool facets = false;
    FacetOptions options;
    std::vector<FacetDimension> counted_here;                      // over `query`
    std::vector<std::pair<FacetDimension, std::string>> separate;  // each over its own query
    std::optional<Facets> whole_index;  // the dimensions whose own filters are all the query has
  };
  CountPlan plan_count(const std::string& text, const SearchRequest& request, bool relaxed);
  /** The total and facets of a plan (no hits). With a facet table it reads nothing but the table
   *  and the gazetteer, so it may run on another thread; without one it reads db_. */
  SearchResult run_count(const CountPlan& plan, const FacetTable* table);
  /** The hits of a request, best first (or by date). */
  std::vector<SearchHit> ranked_hits(const std::string& text, const SearchRequest& request, bool relaxed);
  /** The hits of `mset` at `ranks` (in that order), their snippets marking the words of `query`. */
  std::vector<SearchHit> hits_of(const Xapian::MSet& mset, const std::vector<Xapian::doccount>& ranks,
                                 const Xapian::Query& query);
  static std::vector<Xapian::doccount> every_rank(const Xapian::MSet& mset);
  /** Hits offset .. offset + limit of `enquire`'s ranking with one hit per story, its best report. */
  /** Sets each collapsed hit's count of its story's other matching reports (exact). */
  void count_collapsed(std::vector<SearchHit>& hits, const Xapian::Query& query);
  std::vector<SearchHit> first_of_each_story(Xapian::Enquire& enquire, const Xapian::Query& query, Xapian::doccount offset,
                                             Xapian::doccount limit);
  /** The number of reports (or stories) `query` matches, counted. */
  Xapian::doccount count(const Xapian::Query& query, CountUnit unit);
  /** The story `id` as hits show it. */
  StoryInfo story_info(const std::string& id);

  /** The index's shards as one database (and each alone in `opened`); under AnswerFromTheRest, those
   *  that open, failed_shards_ the others. */
  Xapian::Database open_shards(std::vector<std::pair<std::string, Xapian::Database>>* opened = nullptr);

  std::string index_path_;
  ShardPolicy policy_;
  std::vector<ShardFailure> failed_shards_;
  std::chrono::steady_clock::time_point opened_at_;  // when failed_shards_ was last found
  std::chrono::milliseconds retry_shards_after_{10'000};
  std::chrono::milliseconds retry_wait_{10'000};  // doubled after each retry that finds them still missing
  Xapian::Database db_;
  Xapian::Stem stem_;
  ParseErrors parse_errors_;  // what the parser's field processors threw, raised after parsing
  Xapian::QueryParser parser_;
  text::Normalizer query_normalizer_;
  text::Normalizer query_text_normalizer_;  // what QueryParser reads: letters as written, for the analysis
  tag::Gazetteer gazetteer_;
  bool tagged_ = true;
  text::Analyzer analyzer_;  // entity names in the query
  std::unique_ptr<EntityResolver> entities_;
  bool remote_shards_ = false;  // facets then count with Xapian's own spies
  /** What depends on the revision db_ reads, built when first needed and dropped when it changes:
   *  the facet table (local shards only) and every dimension's tallies over the whole index, with
   *  roll-up or without. */
  std::shared_ptr<const FacetTable> facet_table_;
  std::map<std::pair<bool, CountUnit>, FacetTallies> whole_index_tallies_;  // by rollup, unit
  std::map<std::tuple<bool, std::size_t, DateInterval, CountUnit>, Facets> whole_index_facets_;  // by the options
  /** The stories of the whole index and its largest ones' ids with their reports, most first. */
  std::optional<std::pair<Xapian::doccount, std::vector<std::string>>> whole_index_stories_;
  const FacetTable* facet_table();
  const FacetTallies& whole_index_tallies(bool rollup, CountUnit unit);
  const Facets& whole_index_facets(const FacetOptions& options);
  void revision_changed();
  /** Tallies of `dimensions` (all when empty) over the reports `query` matches, with their number. */
  FacetTallies tally(const Xapian::Query& query, const std::vector<FacetDimension>& dimensions, bool rollup,
                     CountUnit unit);
};

}  // namespace marsad::searcher

#include "searcher/searcher.h"
#include "searcher/date_range.h"
#include "searcher/facet_table.h"
#include "searcher/guarded_field.h"
#include "searcher/query_text.h"

#include <chrono>
#include <future>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "common/text/strings.h"
#include "common/text/utf8.h"
#include "common/date/civil_date.h"
#include "common/errors.h"
#include "common/index_metadata.h"
#include "common/io/json_members.h"
#include "common/schema.h"
#include "common/text/xapian_stem.h"

namespace marsad::searcher {
namespace {

/** source:NAME matches the source as written, through the same normalization as indexing. */
class SourceFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::term(schema::kSourcePrefix, normalizer_.normalize(value)));
  }

 private:
  text::Normalizer normalizer_;
};

/** The fields of the query language, for rewriting the query before it is parsed. */
const std::vector<std::string> kQueryFields = {"actor", "place", "claim", "claimant", "source",
                                               "title", "id",    "date",  "exact"};

/** exact:WORD matches the word as written (normalized, clitics and all), not its stem; several
 *  words must all be there. */
class ExactWordFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit ExactWordFieldProcessor(text::Analyzer& analyzer) : analyzer_(analyzer) {}
  Xapian::Query operator()(const std::string& value) override {
    std::vector<Xapian::Query> words;
    for (const text::AnalyzedToken& t : analyzer_.analyze(value))
      words.emplace_back(schema::term(schema::kWordPrefix, t.analysis->normalized));
    if (words.empty()) throw Xapian::QueryParserError("exact: needs a word");
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
  }

 private:
  text::Analyzer& analyzer_;
};

/** The free-text stems of a query (not title: ones), in query order, outside NOT. */
std::vector<std::string> free_text_stems(const Xapian::Query& query) {
  std::vector<std::string> stems = positive_terms(query, schema::kStemPrefix);
  std::erase_if(stems, [](const std::string& t) { return t.starts_with(schema::kTitleStemPrefix); });
  return stems;
}

/** Whether a snippet of `query` can mark a word: it holds a free-text stem or an exact word
 *  outside NOT (field filters, title: words and date ranges mark none in a body). */
bool marks_words(const Xapian::Query& query) {
  for (const std::string& t : positive_terms(query, schema::kWordPrefix)) {
    const bool prefixed = !t.empty() && t[0] >= 'A' && t[0] <= 'Z';
    if (!prefixed || (t.starts_with(schema::kStemPrefix) && !t.starts_with(schema::kTitleStemPrefix))) return true;
  }
  return false;
}

/** About the first `bytes` bytes of `body`, cut after a whole word, with "…" when cut: the snippet
 *  of a query that marks no word, as Xapian would give it, without stemming the body in vain. */
std::string opening(const std::string& body, std::size_t bytes) {
  if (body.size() <= bytes) return body;
  std::string cut = body.substr(0, bytes);
  const std::size_t space = cut.find_last_of(" \n\t");
  if (space != std::string::npos && space > 0) cut.resize(space);
  else text::drop_partial_character(cut);
  return cut + "…";
}

/** A flag's value as a quoted field value (quotes inside it would end the phrase early). */
std::string quoted(std::string value) {
  std::erase(value, '"');
  return "\"" + value + "\"";
}

}  // namespace

std::string with_filters(std::string query, const QueryFilters& filters) {
  auto append = [&query](std::string_view field, const std::string& value) {
    if (!query.empty()) query += ' ';
    query += field;
    query += ':';
    query += quoted(value);
  };
  for (const std::string& v : filters.actors) append("actor", v);
  for (const std::string& v : filters.places) append("place", v);
  for (const std::string& v : filters.claims) append("claim", v);
  for (const std::string& v : filters.claimants) append("claimant", v);
  for (const std::string& v : filters.sources) append("source", v);
  if (!filters.from.empty() || !filters.to.empty()) {
    if (!query.empty()) query += ' ';
    query += "date:";
    query += filters.from;
    query += "..";
    query += filters.to;
  }
  return query;
}

SortOrder parse_sort_order(std::string_view name) {
  if (name == "relevance") return SortOrder::Relevance;
  if (name == "date") return SortOrder::Date;
  if (name == "-date") return SortOrder::DateDescending;
  throw ConfigError("unknown sort order '" + std::string(name) + "' (relevance, date or -date)");
}

Searcher::Searcher(const std::string& index_path, text::AnalyzerSettings settings, const text::StopWordList& stopwords,
                   ShardPolicy policy)
    : index_path_(index_path), policy_(policy), stem_(text::make_xapian_stem(settings)),
      query_normalizer_(text::NormalizerOptions{.lowercase = false}),
      query_text_normalizer_(text::NormalizerOptions{.lowercase = false, .fold_letters = false}) {
  if (!std::filesystem::exists(std::filesystem::path(index_path) / schema::kStubFileName))
    throw InputError(index_path + " is not a Marsad index; build one with: marsad-index --db " + index_path + " INPUT...");
  // A writer committing meanwhile can discard the revision being read (the gazetteer is a large
  // metadata value): open the newest one again, as a search would.
  constexpr int kMaxAttempts = 10;
  for (int attempt = 1;; ++attempt) {
    try {
      open_and_check(settings);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == kMaxAttempts) throw;
    }
  }
  parser_.set_database(db_);
  parser_.set_stemmer(stem_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser_.set_stopper(stopwords.new_query_stopper());
  // Every field processor is guarded: what it throws is raised after parse_query returns.
  auto guarded = [this](std::unique_ptr<Xapian::FieldProcessor> processor) {
    return (new GuardedFieldProcessor(std::move(processor), parse_errors_))->release();
  };
  parser_.add_boolean_prefix("source", guarded(std::make_unique<SourceFieldProcessor>()));
  // Entity fields resolve ids, aliases and English labels through the index's own gazetteer.
  entities_ = std::make_unique<EntityResolver>(gazetteer_, analyzer_);
  const std::pair<const char*, std::string_view> entity_fields[] = {
      {"actor", schema::kActorPrefix}, {"place", schema::kPlacePrefix}, {"claimant", schema::kClaimantPrefix}};
  // A report holds many actors, places and claims: two values of one field must both hold (AND).
  for (const auto& [field, prefix] : entity_fields)
    parser_.add_boolean_prefix(field, guarded(std::make_unique<EntityFieldProcessor>(field, prefix, *entities_, analyzer_)),
                               false);
  parser_.add_boolean_prefix("claim", guarded(std::make_unique<ClaimFieldProcessor>()), false);
  parser_.add_prefix("title", std::string(schema::kTitlePrefix));
  parser_.add_boolean_prefix("id", std::string(schema::kIdPrefix));
  parser_.add_boolean_prefix("story", std::string(schema::kStoryPrefix));
  parser_.add_prefix("exact", guarded(std::make_unique<ExactWordFieldProcessor>(analyzer_)));
  // A RangeProcessor may throw: the parser frees its state then (checked with LeakSanitizer).
  parser_.add_rangeprocessor((new DateRangeProcessor(schema::kDateSlot, "date:"))->release());
  parser_.add_boolean_prefix("date", guarded(std::make_unique<DateFieldProcessor>(schema::kDateSlot)));
}

void Searcher::open_and_check(const text::AnalyzerSettings& settings) {
  std::vector<std::pair<std::string, Xapian::Database>> shards;
  try {
    db_ = open_shards(&shards);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;
  } catch (const Xapian::Error& e) {
    throw InputError(index_path_ + ": cannot open index: " + e.get_msg());
  }
  check_shards(index_path_, shards, settings);
  remote_shards_ = has_remote_shards(index_path_);
  tagged_ = index_is_tagged(db_);
  gazetteer_ = index_gazetteer(db_, index_path_);
}

Xapian::Query Searcher::parse(const std::string& query, Xapian::Query::op default_op, const std::string& default_prefix) {
  parser_.set_default_op(default_op);
  parse_errors_.clear();
  try {
    Xapian::Query parsed = parser_.parse_query(query_text_normalizer_.normalize(query),
                                               Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT,
                                               default_prefix);
    parse_errors_.rethrow();
    return parsed;
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError("cannot parse query '" + query + "': " + e.get_msg());
  }
}

template <class Answer>
Answer Searcher::retrying(const std::function<Answer()>& answer) {
  // A writer committing meanwhile can discard the revision being read: read the newest one again.
  // Xapian reports some such races as corruption; only a newer revision makes that worth a retry.
  // Recovering can meet the same race (a commit while the index is opened again): that is one more
  // attempt, not an error.
  constexpr int kMaxAttempts = 10;
  bool shard_lost = false;  // the next attempt opens the index afresh, finding which shards answer
  for (int attempt = 1;; ++attempt) {
    try {
      if (shard_lost) {
        shard_lost = false;
        open_afresh();
      } else if (attempt > 1) {
        recover();
      }
      return answer();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == kMaxAttempts) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      // The files of the revision read are gone: xapian-replicate, having sent a replica a whole
      // copy, switches the shard's stub to it and deletes the old copy. recover() opens afresh.
      if (attempt == kMaxAttempts) throw;
    } catch (const Xapian::NetworkError& e) {
      // A remote shard stopped answering: without it, when the policy allows.
      if (policy_ != ShardPolicy::AnswerFromTheRest)
        throw Error(index_path_ + ": a remote shard stopped answering (" + e.get_description() +
                    "); --allow-partial answers from the other shards");
      if (attempt == kMaxAttempts) throw;
      shard_lost = true;
    }
  }
}

Xapian::Database Searcher::open_shards(std::vector<std::pair<std::string, Xapian::Database>>* opened) {
  const bool partial = policy_ == ShardPolicy::AnswerFromTheRest;
  std::vector<ShardFailure> failed;
  auto shards = open_every_shard(index_path_, partial ? &failed : nullptr);
  Xapian::Database db;
  for (const auto& [line, shard] : shards) db.add_database(shard);
  if (partial) {
    if (failed != failed_shards_) retry_wait_ = retry_shards_after_;
    failed_shards_ = std::move(failed);
    opened_at_ = std::chrono::steady_clock::now();
  }
  if (opened) *opened = std::move(shards);
  return db;
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  SearchResult result = retrying<SearchResult>([&] { return search_once(request); });
  result.failed_shards = failed_shards_;
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void Searcher::recover() {
  // Blocks of the revision being read were reused by a commit. reopen() moves to the newest
  // revision; when it finds none, or fails itself on blocks it had read, the handle is opened afresh
  // (a handle left as it is would fail every later search).
  try {
    if (reopen_newest()) return;
  } catch (const Xapian::DatabaseError&) {
  }
  open_afresh();
}

void Searcher::open_afresh() {
  revision_changed();
  db_ = open_shards();
  parser_.set_database(db_);
}

bool Searcher::refresh() {
  // Shards left out are tried again now and then: one may be back.
  if (!failed_shards_.empty() && std::chrono::steady_clock::now() - opened_at_ >= retry_wait_) {
    const std::vector<ShardFailure> before = failed_shards_;
    retrying<bool>([this] {
      open_afresh();
      return true;
    });
    if (failed_shards_ != before) return true;
    // Still missing: wait twice as long before the next try (up to 5 minutes), since a machine that
    // is down costs the request that tries it up to Xapian's timeout.
    retry_wait_ = std::min(retry_wait_ * 2, std::chrono::milliseconds(std::chrono::minutes(5)));
  }
  return retrying<bool>([this] { return reopen_newest(); });
}

bool Searcher::reopen_newest() {
  for (int attempt = 1;; ++attempt) {
    try {
      if (!db_.reopen()) return false;
      revision_changed();
      return true;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 10) throw;
    }
  }
}

std::string Searcher::rewrite(const std::string& query) {
  std::string text = quote_field_values(query, kQueryFields, [this](const std::string& field, const std::string& value) {
    if (field == "source")
      return db_.term_exists(schema::term(schema::kSourcePrefix, query_normalizer_.normalize(value)));
    if (field == "actor" || field == "place" || field == "claimant") return !entities_->resolve(value, analyzer_).empty();
    return false;
  });
  // A Latin name in free text (Aden, Pashinyan) stands for its entities' Arabic aliases.
  return expand_latin_words(text, kQueryFields, [this](const std::string& words) -> std::optional<std::string> {
    std::vector<std::string> aliases;
    for (const std::string& id : entities_->resolve_latin(words))
      if (const tag::Entity* e = gazetteer_.find(id))
        for (const std::string& alias : e->arabic)
          if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(alias);
    if (aliases.empty()) return std::nullopt;
    std::string group = "(";
    for (std::string& alias : shortest_aliases(aliases)) {
      std::erase(alias, '"');
      group += (group.size() > 1 ? " OR " : "") + (alias.find(' ') == std::string::npos ? alias : "\"" + alias + "\"");
    }
    return group + ")";
  });
}

Xapian::Query Searcher::match_query(const std::string& text, QueryMode mode, bool relaxed) {
  const bool any_word = relaxed || mode == QueryMode::Or || mode == QueryMode::OrAll || mode == QueryMode::OrNear ||
                        mode == QueryMode::OrTitle;
  return parse(text, any_word ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
}

Xapian::Query Searcher::ranked_query(const std::string& text, QueryMode mode, bool relaxed) {
  // Two query words in a report this many positions apart or fewer count as near (a stop word
  // the query drops may stand between them).
  constexpr Xapian::termcount kNearWindow = 4;
  Xapian::Query query = match_query(text, mode, relaxed);
  // Any word where every word was asked for: those with every word first.
  if (relaxed || mode == QueryMode::OrAll) query = boosted(query, parse(text, Xapian::Query::OP_AND));
  switch (mode) {
    case QueryMode::OrNear:
    case QueryMode::AndOrNear:
      return boosted(query, proximity_query(free_text_stems(query), kNearWindow));
    case QueryMode::OrTitle:
    case QueryMode::AndOrTitle:
      return boosted(query, parse(text, Xapian::Query::OP_OR, std::string(schema::kTitlePrefix)));
    default:
      return query;
  }
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  const std::string text = rewrite(request.query);
  const FacetTable* table = request.facets ? facet_table() : nullptr;
  auto answer = [&](bool relaxed) {
    const CountPlan plan = plan_count(text, request, relaxed);
    if (!table) {
      SearchResult result = run_count(plan, nullptr);
      if (result.total > request.offset) result.hits = ranked_hits(text, request, relaxed);
      return result;
    }
    // The counts read the facet table's own handles on the shards, the hits this searcher's
    // database: they run at once, on two threads.
    auto counted = std::async(std::launch::async, [this, &plan, table] { return run_count(plan, table); });
    std::vector<SearchHit> hits = ranked_hits(text, request, relaxed);
    SearchResult result = counted.get();
    result.hits = std::move(hits);
    return result;
  };
  SearchResult result = answer(false);
  // Only a query of words (and filters) is relaxed: one with brackets or operators is taken as
  // written, since any word there would also turn its bracketed filters into alternatives.
  const bool may_relax =
      (request.mode == QueryMode::AndOr || request.mode == QueryMode::AndOrNear || request.mode == QueryMode::AndOrTitle) &&
      is_plain_query(text, kQueryFields);
  if (may_relax && result.total < request.min_matches &&
      match_query(text, request.mode, true).get_description() != match_query(text, request.mode, false).get_description()) {
    const Xapian::doccount strict = result.total;
    result = answer(true);
    result.relaxed = true;
    result.strict_total = strict;
  }
  return result;
}

Searcher::CountPlan Searcher::plan_count(const std::string& text, const SearchRequest& request, bool relaxed) {
  CountPlan plan;
  plan.query = match_query(text, request.mode, relaxed).serialise();
  plan.facets = request.facets;
  plan.options = request.facet_options;
  if (!request.facets) return plan;
  // A facet counts over every filter but its own dimension's, so that a user who picked place:Aden
  // still sees how many reports the other places would give: such a dimension is counted over
  // the query without its filters, the others together over the query itself.
  plan.whole_index.emplace();
  for (FacetDimension d : kFacetDimensions) {
    std::optional<std::string> rest = without_field(text, kQueryFields, facet_field(d));
    if (!rest || *rest == text) plan.counted_here.push_back(d);
    // With nothing left but the dimension's own filters, the count is the whole index's.
    else if (rest->empty()) copy_dimension(whole_index_facets(request.facet_options), d, *plan.whole_index);
    else plan.separate.emplace_back(d, match_query(*rest, request.mode, relaxed).serialise());
  }
  return plan;
}

SearchResult Searcher::run_count(const CountPlan& plan, const FacetTable* table) {
  const bool rollup = plan.options.rollup;
  const CountUnit unit = plan.options.count;
  auto tally_of = [&](const std::string& query, const std::vector<FacetDimension>& dimensions) {
    const Xapian::Query q = Xapian::Query::unserialise(query);
    return table ? table->tally(q, dimensions, rollup, unit) : tally(q, dimensions, rollup, unit);
  };
  SearchResult result;
  if (!plan.facets || plan.counted_here.empty()) {
    const Xapian::Query q = Xapian::Query::unserialise(plan.query);
    result.total = table ? table->count(q, unit) : count(q, unit);
  }
  if (!plan.facets) return result;
  result.facets = plan.whole_index;
  if (!plan.counted_here.empty()) {
    const FacetTallies tallies = tally_of(plan.query, plan.counted_here);
    result.total = tallies.total;
    tallies.fill(*result.facets, gazetteer_, plan.options);
  }
  for (const auto& [dimension, query] : plan.separate) tally_of(query, {dimension}).fill(*result.facets, gazetteer_, plan.options);
  return result;
}

Xapian::doccount Searcher::count(const Xapian::Query& query, CountUnit unit) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Stories: the distinct values of the story slot, which every report has.
  Xapian::ValueCountMatchSpy stories(schema::kStorySlot);
  if (unit == CountUnit::Stories) enquire.add_matchspy(&stories);
  const Xapian::doccount reports = enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  if (unit == CountUnit::Reports) return reports;
  Xapian::doccount distinct = 0;
  for (auto it = stories.values_begin(); it != stories.values_end(); ++it) ++distinct;
  return distinct;
}

const FacetTable* Searcher::facet_table() {
  if (remote_shards_) return nullptr;
  if (!facet_table_) {
    // Each shard named by where it lives, so that the searchers of the process share its keys.
    const std::string where = std::filesystem::absolute(index_path_).string();
    std::vector<std::pair<std::string, Xapian::Database>> shards;
    std::vector<ShardFailure> failed;  // left out of db_ as well (or just failing: then counting fails too)
    for (auto& [line, shard] : open_every_shard(index_path_, policy_ == ShardPolicy::AnswerFromTheRest ? &failed : nullptr))
      shards.emplace_back(where + " " + line, std::move(shard));
    facet_table_ = FacetTable::open(std::move(shards), gazetteer_);
  }
  return facet_table_.get();
}

const Facets& Searcher::whole_index_facets(const FacetOptions& options) {
  const auto key = std::make_tuple(options.rollup, options.size, options.interval, options.count);
  auto it = whole_index_facets_.find(key);
  if (it != whole_index_facets_.end()) return it->second;
  Facets facets;
  whole_index_tallies(options.rollup, options.count).fill(facets, gazetteer_, options);
  return whole_index_facets_.emplace(key, std::move(facets)).first->second;
}

void Searcher::revision_changed() {
  whole_index_facets_.clear();
  whole_index_tallies_.clear();
  whole_index_stories_.reset();
  facet_table_.reset();
}

const FacetTallies& Searcher::whole_index_tallies(bool rollup, CountUnit unit) {
  const auto key = std::make_pair(rollup, unit);
  auto it = whole_index_tallies_.find(key);
  if (it != whole_index_tallies_.end()) return it->second;
  if (const FacetTable* table = facet_table()) return whole_index_tallies_.emplace(key, table->tally_all(rollup, unit)).first->second;
  return whole_index_tallies_.emplace(key, tally(Xapian::Query::MatchAll, {}, rollup, unit)).first->second;
}

FacetTallies Searcher::tally(const Xapian::Query& query, const std::vector<FacetDimension>& dimensions, bool rollup,
                             CountUnit unit) {
  if (const FacetTable* table = facet_table()) return table->tally(query, dimensions, rollup, unit);
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  FacetCounter counter(enquire, dimensions, {rollup, &gazetteer_, unit});
  // Checking every document makes Xapian count the matches instead of estimating them.
  const Xapian::MSet mset = enquire.get_mset(0, 0, db_.get_doccount());
  return counter.tallies(mset.get_matches_estimated());
}

std::vector<SearchHit> Searcher::ranked_hits(const std::string& text, const SearchRequest& request, bool relaxed) {
  const Xapian::Query query = ranked_query(text, request.mode, relaxed);
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  // By date, an undated report sorts last either way. Xapian's key maker does that, but remote shards
  // run no key maker: there the dated reports come in their date slot's order, then the undated ones.
  Xapian::MultiValueKeyMaker by_date;
  const bool newest_first = request.sort == SortOrder::DateDescending;
  const Xapian::Query dated(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, "0");
  if (request.sort != SortOrder::Relevance && !remote_shards_) {
    by_date.add_value(schema::kDateSlot, newest_first, newest_first ? "00000000" : "99999999");
    enquire.set_sort_by_key_then_relevance(&by_date, false);
  } else if (request.sort != SortOrder::Relevance) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, dated));
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, newest_first);
  }
  // The total was counted apart, so the match may stop as soon as it knows the best hits (except
  // where the undated reports come after the dated ones: then where they start is counted).
  const bool two_parts = request.sort != SortOrder::Relevance && remote_shards_;
  std::vector<SearchHit> hits;
  if (request.collapse && !two_parts) {
    hits = first_of_each_story(enquire, query, request.offset, request.limit);
  } else {
    if (request.collapse) enquire.set_collapse_key(schema::kStorySlot);
    const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, two_parts ? db_.get_doccount() : 0);
    hits = hits_of(mset, every_rank(mset), query);
    if (two_parts && hits.size() < request.limit) {
      const Xapian::doccount dated_total = mset.get_matches_estimated();
      Xapian::Enquire undated(db_);
      undated.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, query, dated));
      if (request.collapse) undated.set_collapse_key(schema::kStorySlot);
      const Xapian::doccount skip = request.offset > dated_total ? request.offset - dated_total : 0;
      const Xapian::MSet rest = undated.get_mset(skip, request.limit - static_cast<Xapian::doccount>(hits.size()));
      for (SearchHit& hit : hits_of(rest, every_rank(rest), query)) hits.push_back(std::move(hit));
    }
  }
  if (request.collapse) count_collapsed(hits, query);
  return hits;
}

void Searcher::count_collapsed(std::vector<SearchHit>& hits, const Xapian::Query& query) {
  // How many other matching reports each story has: counted among the stories' own reports, so that
  // it is exact however the match was cut short; one match over the page's stories together.
  std::vector<Xapian::Query> stories;
  Xapian::doccount reports = 0;
  std::unordered_map<std::string, Xapian::doccount> matching;
  for (const SearchHit& hit : hits) {
    if (hit.story.reports <= 1 || hit.story.id.empty() || !matching.emplace(hit.story.id, 0).second) continue;
    stories.emplace_back(schema::term(schema::kStoryPrefix, hit.story.id));
    reports += hit.story.reports;
  }
  if (stories.empty()) return;
  Xapian::Enquire members(db_);
  members.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, stories.begin(), stories.end())));
  members.set_weighting_scheme(Xapian::BoolWeight());
  members.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = members.get_mset(0, reports);
  if (remote_shards_) mset.fetch();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto story = matching.find(it.get_document().get_value(schema::kStorySlot));
    if (story != matching.end()) ++story->second;
  }
  for (SearchHit& hit : hits) {
    auto story = matching.find(hit.story.id);
    if (story != matching.end()) hit.collapsed = story->second > 0 ? story->second - 1 : 0;
  }
}

std::vector<SearchHit> Searcher::first_of_each_story(Xapian::Enquire& enquire, const Xapian::Query& query,
                                                     Xapian::doccount offset, Xapian::doccount limit) {
  // The ranking read in growing windows until it holds offset + limit stories (or ends), each
  // story's best report kept: what Enquire::set_collapse_key gives, without reading the story of
  // every match where the matches weigh alike (filters alone) and the match could stop early.
  const Xapian::doccount wanted = offset + limit;
  for (Xapian::doccount window = std::max<Xapian::doccount>(2 * wanted, 20);; window *= 4) {
    const Xapian::MSet mset = enquire.get_mset(0, window);
    if (remote_shards_) mset.fetch();  // the documents in one round trip
    std::unordered_set<std::string> stories;
    std::vector<Xapian::doccount> ranks;
    for (auto it = mset.begin(); it != mset.end() && ranks.size() < limit; ++it) {
      std::string story = it.get_document().get_value(schema::kStorySlot);
      if (story.empty()) story = "#" + std::to_string(*it);  // an index without stories: each report its own
      if (stories.insert(std::move(story)).second && stories.size() > offset) ranks.push_back(it.get_rank());
    }
    if (ranks.size() == limit || mset.size() < window) return hits_of(mset, ranks, query);
  }
}

std::vector<Xapian::doccount> Searcher::every_rank(const Xapian::MSet& mset) {
  std::vector<Xapian::doccount> ranks;
  for (auto it = mset.begin(); it != mset.end(); ++it) ranks.push_back(it.get_rank());
  return ranks;
}

std::vector<SearchHit> Searcher::hits_of(const Xapian::MSet& mset, const std::vector<Xapian::doccount>& ranks,
                                         const Xapian::Query& query) {
  std::vector<SearchHit> hits;
  // Xapian's snippets mark no word of a phrase or NEAR group: they are marked from a query of the
  // same words, each alone.
  std::optional<Xapian::MSet> word_mset;
  if (!mset.empty() && has_positional(query)) {
    const std::vector<std::string> words = free_text_stems(query);
    Xapian::Enquire words_enquire(db_);
    words_enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
    word_mset = words_enquire.get_mset(0, 0);
  }
  const Xapian::MSet& snippet_mset = word_mset ? *word_mset : mset;
  const bool marks = marks_words(query);
  // The first passage with matches is enough for words; a phrase is looked for through the whole
  // body, so that the passage shows it (stemming every word of ten bodies costs milliseconds).
  const unsigned snippet_flags = word_mset ? Xapian::MSet::SNIPPET_EXHAUSTIVE : 0;
  // Only what a hit shows is read from the stored record (its entities and claims come from the
  // value slots): the record's other members are skipped, not parsed.
  namespace record = schema::record;
  const std::vector<std::string_view> shown = {record::kId, record::kTitle, record::kDate, record::kSource, record::kUrl, record::kBody};
  const Xapian::doccount first_rank = mset.empty() ? 0 : mset.begin().get_rank();
  for (const Xapian::doccount rank : ranks) {
    const Xapian::MSetIterator it = mset[rank - first_rank];
    const Xapian::Document doc = it.get_document();
    std::vector<std::optional<std::string>> fields;
    try {
      fields = io::json_string_members(doc.get_data(), shown);
    } catch (const std::invalid_argument& e) {
      throw InputError(index_path_ + ": the stored record of document " + std::to_string(*it) + " is broken (" + e.what() +
                       "); rebuild the index");
    }
    SearchHit hit;
    hit.id = fields[0].value_or("");
    hit.title = fields[1].value_or("");
    hit.date = fields[2].value_or("");
    hit.source = fields[3].value_or("");
    hit.url = fields[4].value_or("");
    hit.score = it.get_weight();
    hit.actors = text::split(doc.get_value(schema::kActorsSlot), schema::kListSeparator);
    hit.places = text::split(doc.get_value(schema::kPlacesSlot), schema::kListSeparator);
    hit.claims = text::split(doc.get_value(schema::kClaimsSlot), schema::kListSeparator);
    constexpr std::size_t kSnippetBytes = 200;
    const std::string& body = fields[5].value_or("");
    hit.snippet = marks ? snippet_mset.snippet(body, kSnippetBytes, stem_, snippet_flags, "[", "]", "…")
                        : opening(body, kSnippetBytes);
    for (char& c : hit.snippet)
      if (c == '\n') c = ' ';
    const std::string story = doc.get_value(schema::kStorySlot);
    // A story of one report (most are) is read from the report itself.
    if (!story.empty() && db_.get_termfreq(schema::term(schema::kStoryPrefix, story)) == 1)
      hit.story = story_of(story, {doc});
    else
      hit.story = story_info(story.empty() ? hit.id : story);
    hits.push_back(std::move(hit));
  }
  return hits;
}

StoryInfo Searcher::story_info(const std::string& id) {
  const std::string term = schema::term(schema::kStoryPrefix, id);
  std::vector<Xapian::Document> members;
  if (!remote_shards_) {
    // Local shards: the story's posting list, no match to set up.
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
      members.push_back(db_.get_document(*it, Xapian::DOC_ASSUME_VALID));
    return story_of(id, members);
  }
  // Remote shards: one match for the story's term, so that its reports' values come in one fetch.
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
  mset.fetch();
  for (auto it = mset.begin(); it != mset.end(); ++it) members.push_back(it.get_document());
  return story_of(id, members);
}

StoryInfo story_of(const std::string& id, const std::vector<Xapian::Document>& members) {
  struct Carried {
    std::string date, source, id;  // date "YYYY-MM-DD", empty when unknown
  };
  std::vector<Carried> carried;
  for (const Xapian::Document& doc : members) {
    const auto day = date::CivilDate::from_yyyymmdd(doc.get_value(schema::kDateSlot));
    carried.push_back({day ? day->iso() : "", doc.get_value(schema::kSourceSlot), doc.get_value(schema::kIdSlot)});
    for (const std::string& line : text::split(doc.get_value(schema::kDuplicatesSlot), schema::kListSeparator)) {
      const std::size_t tab = line.find('\t'), second = tab == std::string::npos ? tab : line.find('\t', tab + 1);
      if (second != std::string::npos)
        carried.push_back({line.substr(tab + 1, second - tab - 1), line.substr(second + 1), line.substr(0, tab)});
    }
  }
  // The earliest first; the undated last; on a day, the story's own id first, then by id.
  std::sort(carried.begin(), carried.end(), [&](const Carried& a, const Carried& b) {
    if (a.date.empty() != b.date.empty()) return b.date.empty();
    if (a.date != b.date) return a.date < b.date;
    if ((a.id == id) != (b.id == id)) return a.id == id;
    return a.id < b.id;
  });
  StoryInfo info;
  info.id = id;
  info.reports = static_cast<Xapian::doccount>(carried.size());
  for (const Carried& c : carried)
    if (!c.source.empty() && std::find(info.outlets.begin(), info.outlets.end(), c.source) == info.outlets.end())
      info.outlets.push_back(c.source);
  if (!carried.empty()) {
    info.first_id = carried.front().id;
    info.first_date = carried.front().date;
    info.first_source = carried.front().source;
  }
  return info;
}

ClaimsResult Searcher::claims(const SearchRequest& request, Xapian::doccount max_reports) {
  const auto start = std::chrono::steady_clock::now();
  ClaimsResult result = retrying<ClaimsResult>([&] { return claims_once(request, max_reports); });
  result.failed_shards = failed_shards_;
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

ClaimsResult Searcher::claims_once(const SearchRequest& request, Xapian::doccount max_reports) {
  const std::string text = rewrite(request.query);
  Xapian::Query query = match_query(text, request.mode, false);
  ClaimsResult result;
  result.filter = claim_filter_of(query);
  // The most relevant reports when more match (every match is counted), in the ranking's order.
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  Xapian::MSet mset = enquire.get_mset(0, max_reports, db_.get_doccount());
  result.reports = mset.get_matches_estimated();
  result.read = mset.size();
  // Oldest report first, the undated last, ties in document order: sorted here, since remote shards
  // run no key maker.
  std::vector<std::tuple<std::string, Xapian::docid, Xapian::Document>> reports;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    std::string date = doc.get_value(schema::kDateSlot);
    reports.emplace_back(date.empty() ? "99999999" : std::move(date), *it, std::move(doc));
  }
  std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  std::vector<ClaimRow> rows;
  for (const auto& [date, docid, doc] : reports) {
    nlohmann::json record = nlohmann::json::parse(doc.get_data(), nullptr, false);
    const std::string story = doc.get_value(schema::kStorySlot);
    for (ClaimRow& row : claims_of_report(record, result.filter, gazetteer_)) {
      row.story = story;
      rows.push_back(std::move(row));
    }
  }
  result.rows = merge_copies(std::move(rows));
  return result;
}

std::vector<EntityInfo> Searcher::entities(std::optional<tag::EntityKind> kind, std::string_view prefix) {
  return retrying<std::vector<EntityInfo>>([&] { return entities_once(kind, prefix); });
}

std::vector<EntityInfo> Searcher::entities_once(std::optional<tag::EntityKind> kind, std::string_view prefix) {
  const std::string latin = ascii_lower(prefix);
  const std::string arabic = prefix.empty() ? std::string() : analyzer_.analyze_word(prefix).normalized;
  auto matches = [&](const tag::Entity& e) {
    if (prefix.empty() || ascii_lower(e.id).starts_with(latin) || ascii_lower(e.english).starts_with(latin)) return true;
    if (arabic.empty()) return false;
    for (const std::string& alias : e.arabic)
      if (query_normalizer_.normalize(alias).starts_with(arabic)) return true;
    return false;
  };
  std::vector<EntityInfo> out;
  for (const tag::Entity& e : gazetteer_.entities()) {
    if ((kind && e.kind != *kind) || !matches(e)) continue;
    out.push_back({&e, db_.get_termfreq(schema::term(schema::kActorPrefix, e.id)),
                   db_.get_termfreq(schema::term(schema::kPlacePrefix, e.id)),
                   db_.get_termfreq(schema::term(schema::kClaimantPrefix, e.id))});
  }
  std::stable_sort(out.begin(), out.end(), [](const EntityInfo& a, const EntityInfo& b) {
    return a.as_actor + a.as_place > b.as_actor + b.as_place;
  });
  return out;
}

IndexStats Searcher::stats(const FacetOptions& options) {
  IndexStats stats = retrying<IndexStats>([&] { return stats_once(options); });
  stats.failed_shards = failed_shards_;
  return stats;
}

IndexStats Searcher::stats_once(const FacetOptions& options) {
  IndexStats stats;
  const FacetTallies& whole = whole_index_tallies(options.rollup, CountUnit::Reports);
  stats.documents = whole.total;
  if (!whole_index_stories_) {
    // One pass over the story slot: the number of stories, and the largest.
    constexpr std::size_t kLargest = 5;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query::MatchAll);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(schema::kStorySlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db_.get_doccount());
    auto& [count, largest] = whole_index_stories_.emplace();
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) ++count;
    for (auto it = spy.top_values_begin(kLargest); it != spy.top_values_end(kLargest); ++it)
      if (it.get_termfreq() > 1) largest.push_back(*it);
  }
  stats.stories = whole_index_stories_->first;
  for (const std::string& id : whole_index_stories_->second) stats.largest_stories.push_back(story_info(id));
  // The first and last days from the day-by-day count, then the histogram the options ask for.
  if (const std::optional<ValueCounts>& days = whole.of(FacetDimension::Date)) {
    for (const auto& [day, count] : *days) {
      if (day.size() != 8 || !std::all_of(day.begin(), day.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
      std::string iso(day.substr(0, 4));
      iso.append("-").append(day.substr(4, 2)).append("-").append(day.substr(6, 2));
      if (stats.first_date.empty() || iso < stats.first_date) stats.first_date = iso;
      if (stats.last_date.empty() || iso > stats.last_date) stats.last_date = iso;
    }
  }
  stats.facets = whole_index_facets(options);
  return stats;
}

}  // namespace marsad::searcher

#include "searcher/searcher.h"
#include "searcher/date_range.h"

#include <chrono>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "common/errors.h"
#include "common/index_metadata.h"
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

Searcher::Searcher(const std::string& index_path, text::AnalyzerSettings settings, const text::StopWordList& stopwords)
    : index_path_(index_path), stem_(text::make_xapian_stem(settings)),
      query_normalizer_(text::NormalizerOptions{.lowercase = false}) {
  if (!std::filesystem::exists(std::filesystem::path(index_path) / schema::kStubFileName))
    throw InputError(index_path + " is not a Marsad index; build one with: marsad-index --db " + index_path + " INPUT...");
  try {
    db_ = Xapian::Database(index_path);
  } catch (const Xapian::Error& e) {
    throw InputError(index_path + ": cannot open index: " + e.get_msg());
  }
  check_index_metadata(db_, index_path, settings);
  tagged_ = index_is_tagged(db_);
  gazetteer_ = index_gazetteer(db_, index_path);
  parser_.set_database(db_);
  parser_.set_stemmer(stem_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser_.set_stopper(stopwords.new_query_stopper());
  parser_.set_default_op(Xapian::Query::OP_AND);
  parser_.add_boolean_prefix("source", (new SourceFieldProcessor)->release());
  // Entity fields resolve ids, aliases and English labels through the index's own gazetteer.
  entities_ = std::make_unique<EntityResolver>(gazetteer_, analyzer_);
  const std::pair<const char*, std::string_view> entity_fields[] = {
      {"actor", schema::kActorPrefix}, {"place", schema::kPlacePrefix}, {"claimant", schema::kClaimantPrefix}};
  // A report holds many actors, places and claims: two values of one field must both hold (AND).
  for (const auto& [field, prefix] : entity_fields)
    parser_.add_boolean_prefix(field, (new EntityFieldProcessor(field, prefix, *entities_, analyzer_))->release(), false);
  parser_.add_boolean_prefix("claim", (new ClaimFieldProcessor)->release(), false);
  parser_.add_rangeprocessor((new DateRangeProcessor(schema::kDateSlot, "date:"))->release());
  parser_.add_boolean_prefix("date", (new DateFieldProcessor(schema::kDateSlot))->release());
}

Xapian::Query Searcher::parse(const std::string& query) {
  try {
    return parser_.parse_query(query_normalizer_.normalize(query),
                               Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT);
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError("cannot parse query '" + query + "': " + e.get_msg());
  }
}

SearchResult Searcher::search(const SearchRequest& request) {
  // A writer committing meanwhile can discard the revision being read: read the newest one again.
  // Xapian reports some such races as corruption; only a newer revision makes that worth a retry.
  constexpr int kMaxAttempts = 10;
  const auto start = std::chrono::steady_clock::now();
  for (int attempt = 1;; ++attempt) {
    try {
      SearchResult result = search_once(request);
      result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      return result;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) throw;
      recover();
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == kMaxAttempts) throw;
      recover();
    }
  }
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
  Xapian::Database fresh(index_path_);
  db_ = fresh;
  parser_.set_database(db_);
}

bool Searcher::reopen_newest() {
  for (int attempt = 1;; ++attempt) {
    try {
      return db_.reopen();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 10) throw;
    }
  }
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  Xapian::Enquire enquire(db_);
  Xapian::Query query = parse(request.query);
  enquire.set_query(query);
  // Checking every document makes Xapian count the matches instead of estimating them: analysts
  // quote these numbers.
  // Xapian's own key maker (remote shards know it); an undated report takes a date that sorts last.
  Xapian::MultiValueKeyMaker by_date;
  if (request.sort != SortOrder::Relevance) {
    const bool newest_first = request.sort == SortOrder::DateDescending;
    by_date.add_value(schema::kDateSlot, newest_first, newest_first ? "00000000" : "99999999");
    enquire.set_sort_by_key_then_relevance(&by_date, false);
  }
  std::optional<FacetCounter> facets;
  if (request.facets) facets.emplace(enquire);
  Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db_.get_doccount());
  SearchResult result;
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (facets) result.facets = facets->collect(result.total, gazetteer_, request.facet_options);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto data = nlohmann::json::parse(it.get_document().get_data());
    SearchHit hit;
    hit.id = data.value("id", "");
    hit.title = data.value("title", "");
    hit.date = data["date"].is_string() ? data["date"].get<std::string>() : "";
    hit.source = data.value("source", "");
    hit.url = data.value("url", "");
    hit.score = it.get_weight();
    hit.snippet = mset.snippet(data.value("body", ""), 200, stem_, Xapian::MSet::SNIPPET_EXHAUSTIVE, "[", "]", "…");
    for (char& c : hit.snippet)
      if (c == '\n') c = ' ';
    result.hits.push_back(std::move(hit));
  }
  return result;
}

std::vector<EntityInfo> Searcher::entities(std::optional<tag::EntityKind> kind, std::string_view prefix) {
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
  IndexStats stats;
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query::MatchAll);
  FacetCounter counter(enquire);
  Xapian::MSet mset = enquire.get_mset(0, 0, db_.get_doccount());
  stats.documents = mset.get_matches_estimated();
  // The first and last days from a day-by-day count, then the histogram the options ask for.
  FacetOptions by_day{.size = 1, .rollup = false, .interval = DateInterval::Day};
  for (const DateBucket& b : counter.collect(stats.documents, gazetteer_, by_day).date) {
    if (!b.bucket) continue;
    if (stats.first_date.empty()) stats.first_date = *b.bucket;
    stats.last_date = *b.bucket;
  }
  stats.facets = counter.collect(stats.documents, gazetteer_, options);
  return stats;
}

}  // namespace marsad::searcher

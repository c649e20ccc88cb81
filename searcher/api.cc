#include "searcher/api.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "common/errors.h"
#include "searcher/result_json.h"

namespace marsad::searcher {
namespace {

/** The parameters of one request, each read at most once by name; the names no one read are refused. */
class Reader {
 public:
  Reader(const ApiParameters& params, std::vector<std::string> known) : params_(params), known_(std::move(known)) {
    for (const auto& [name, value] : params_)
      if (std::find(known_.begin(), known_.end(), name) == known_.end())
        throw ConfigError("unknown parameter '" + name + "'");
  }
  /** The value of a parameter given at most once. */
  std::optional<std::string> one(const std::string& name) const {
    const auto [first, last] = params_.equal_range(name);
    if (first == last) return std::nullopt;
    if (std::next(first) != last) throw ConfigError("parameter '" + name + "' is given more than once");
    return first->second;
  }
  std::vector<std::string> all(const std::string& name) const {
    std::vector<std::string> values;
    const auto [first, last] = params_.equal_range(name);
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    return values;
  }
  std::uint64_t number(const std::string& name, std::uint64_t fallback, std::uint64_t low, std::uint64_t high) const {
    const std::optional<std::string> v = one(name);
    if (!v) return fallback;
    std::uint64_t n = 0;
    const auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (error != std::errc() || end != v->data() + v->size() || v->empty())
      throw ConfigError("parameter '" + name + "' must be a whole number, not '" + *v + "'");
    if (n < low || n > high)
      throw ConfigError("parameter '" + name + "' must be from " + std::to_string(low) + " to " + std::to_string(high) +
                        ", not " + *v);
    return n;
  }
  bool flag(const std::string& name, bool fallback) const {
    const std::optional<std::string> v = one(name);
    if (!v) return fallback;
    if (*v == "1" || *v == "true") return true;
    if (*v == "0" || *v == "false") return false;
    throw ConfigError("parameter '" + name + "' must be 0 or 1, not '" + *v + "'");
  }

 private:
  const ApiParameters& params_;
  std::vector<std::string> known_;
};

const std::vector<std::string> kSearchParameters = {
    "q",    "limit", "offset", "sort",     "mode",   "min_matches", "from",       "to",     "actor",
    "place", "claim", "claimant", "source", "facets", "facet_size", "rollup", "interval", "collapse", "count"};

std::vector<std::string> plus(std::vector<std::string> names, const std::vector<std::string>& more) {
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

/** The facet options of interval, facet_size, rollup and count. */
FacetOptions facet_options(const Reader& read, const ApiLimits& limits) {
  FacetOptions options;
  options.size = read.number("facet_size", options.size, 1, limits.facet_size);
  options.rollup = read.flag("rollup", false);
  if (auto interval = read.one("interval")) options.interval = parse_date_interval(*interval);
  if (auto count = read.one("count")) options.count = parse_count_unit(*count);
  return options;
}

}  // namespace

SearchRequest search_request(const ApiParameters& params, const ApiLimits& limits, const std::vector<std::string>& also) {
  const Reader read(params, plus(kSearchParameters, also));
  SearchRequest request;
  QueryFilters filters;
  filters.from = read.one("from").value_or("");
  filters.to = read.one("to").value_or("");
  filters.actors = read.all("actor");
  filters.places = read.all("place");
  filters.claims = read.all("claim");
  filters.claimants = read.all("claimant");
  filters.sources = read.all("source");
  request.query = with_filters(read.one("q").value_or(""), filters);
  if (request.query.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ConfigError("nothing to search: give q or a filter (actor, place, claim, claimant, source, from, to)");
  if (request.query.size() > limits.query_bytes)
    throw ConfigError("the query is " + std::to_string(request.query.size()) + " bytes long; at most " +
                      std::to_string(limits.query_bytes) + " are taken");
  request.limit = static_cast<Xapian::doccount>(read.number("limit", request.limit, 1, limits.page_size));
  request.offset = static_cast<Xapian::doccount>(read.number("offset", 0, 0, limits.offset));
  if (auto sort = read.one("sort")) request.sort = parse_sort_order(*sort);
  if (auto mode = read.one("mode")) request.mode = parse_query_mode(*mode);
  request.min_matches = static_cast<Xapian::doccount>(read.number("min_matches", request.min_matches, 0, 1'000'000));
  request.facets = read.flag("facets", true);
  request.collapse = read.flag("collapse", false);
  request.facet_options = facet_options(read, limits);
  return request;
}

nlohmann::json search_answer(Searcher& searcher, const ApiParameters& params, const ApiLimits& limits) {
  const SearchRequest request = search_request(params, limits);
  return result_json(request, searcher.search(request));
}

nlohmann::json claims_answer(Searcher& searcher, const ApiParameters& params, const ApiLimits& limits) {
  const SearchRequest request = search_request(params, limits, {"group", "max_reports"});
  const Reader read(params, plus(kSearchParameters, {"group", "max_reports"}));
  const bool group = read.flag("group", false);
  const auto max_reports =
      static_cast<Xapian::doccount>(read.number("max_reports", std::min(kClaimReports, limits.claim_reports), 1, limits.claim_reports));
  return claims_answer_json(request, searcher.claims(request, max_reports), group, searcher.gazetteer());
}

nlohmann::json entities_answer(Searcher& searcher, const ApiParameters& params) {
  const Reader read(params, {"kind", "prefix"});
  std::optional<tag::EntityKind> kind;
  if (auto name = read.one("kind"); name && !name->empty() && !(kind = tag::parse_entity_kind(*name)))
    throw ConfigError("unknown entity kind '" + *name + "'");
  return entities_json(searcher.entities(kind, read.one("prefix").value_or("")));
}

nlohmann::json stats_answer(Searcher& searcher, const ApiParameters& params, const ApiLimits& limits) {
  const Reader read(params, {"interval", "facet_size", "rollup", "count"});
  return stats_json(searcher.stats(facet_options(read, limits)));
}

}  // namespace marsad::searcher

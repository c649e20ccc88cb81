#pragma once
// The searcher's answers to named parameters, as the HTTP API takes them: each answer is the JSON
// object marsad-search prints with --json for the same request.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace marsad::searcher {

/** Request parameters by name, a name possibly repeated (actor=a&actor=b), as a query string gives them. */
using ApiParameters = std::multimap<std::string, std::string>;

/** What one request may ask for; beyond it the request is refused (ConfigError naming the limit). */
struct ApiLimits {
  std::size_t query_bytes = 2048;    // q, with the filter parameters added
  Xapian::doccount page_size = 100;  // limit
  Xapian::doccount offset = 10'000;
  std::size_t facet_size = 1000;
  Xapian::doccount claim_reports = 10'000;  // max_reports of /api/claims (kClaimReports unless asked)
};

/**
 * The request of the parameters q, limit, offset, sort, mode, min_matches, from, to, actor, place,
 * claim, claimant, source (these five repeatable: all must hold), facets (0 or 1), facet_size, rollup
 * (0 or 1) and interval, read as marsad-search reads its options; plus the names in `also` (read by
 * the caller). ConfigError naming the parameter for an unknown one, a repeated single one, a bad
 * value or one beyond `limits`, and when neither q nor a filter asks for anything.
 */
SearchRequest search_request(const ApiParameters& params, const ApiLimits& limits, const std::vector<std::string>& also = {});

/** /api/search: result_json of the search. */
nlohmann::json search_answer(Searcher& searcher, const ApiParameters& params, const ApiLimits& limits);
/** /api/claims: claims_answer_json, grouped with group=1; max_reports says how many of the most
 *  relevant matches are read (kClaimReports by default, up to ApiLimits::claim_reports). */
nlohmann::json claims_answer(Searcher& searcher, const ApiParameters& params, const ApiLimits& limits);
/** /api/entities: entities_json of those of `kind` whose names start with `prefix` (both optional). */
nlohmann::json entities_answer(Searcher& searcher, const ApiParameters& params);
/** /api/stats: stats_json, with interval, facet_size and rollup. */
nlohmann::json stats_answer(Searcher& searcher, const ApiParameters& params, const ApiLimits& limits);

}  // namespace marsad::searcher

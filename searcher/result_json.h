#pragma once
// The JSON form of a search answer: one function, so that every interface prints the same object.
#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace marsad::searcher {

/** {"query", "total": {"value", "exact"}, "took_ms", "hits": [{"id", "score", "date", "source",
 *  "title", "url", "snippet"}]}; the keys are documented in the README and scripts depend on them.
 *  Every answer object (search, stats, claims) also has "partial" and "failed_shards": [{"shard", "error"}]. */
nlohmann::json result_json(const SearchRequest& request, const SearchResult& result);

/** {"documents", "first_date", "last_date", "facets", "facets_more", "date_interval"}: the facets as
 *  in result_json, over the whole index. */
nlohmann::json stats_json(const IndexStats& stats);

/** {"query", "reports", "took_ms", "claims": claims_json} or, grouped (at `request`'s interval),
 *  {"query", "reports", "took_ms", "groups": claim_groups_json}. */
nlohmann::json claims_answer_json(const SearchRequest& request, ClaimsResult claims, bool group, const tag::Gazetteer& gazetteer);

/** [{"id", "kind", "label_en", "aliases", "parent", "reports": {"actor", "place", "claimant"}}]. */
nlohmann::json entities_json(const std::vector<EntityInfo>& entities);

}  // namespace marsad::searcher

#include "searcher/result_json.h"

namespace marsad::searcher {

nlohmann::json result_json(const SearchRequest& request, const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& h : result.hits)
    hits.push_back({{"id", h.id},
                    {"score", h.score},
                    {"date", h.date.empty() ? nlohmann::json() : nlohmann::json(h.date)},
                    {"source", h.source},
                    {"title", h.title},
                    {"url", h.url},
                    {"snippet", h.snippet}});
  return {{"query", request.query},
          {"total", {{"value", result.total}, {"exact", result.total_exact}}},
          {"took_ms", result.took_ms},
          {"hits", std::move(hits)}};
}

}  // namespace marsad::searcher

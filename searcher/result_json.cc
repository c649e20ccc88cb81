#include "searcher/result_json.h"

namespace marsad::searcher {
namespace {

/** The keys facets, facets_more and date_interval of an answer. */
void add_facets(nlohmann::json& out, const Facets& f) {
  auto values = [](const Facet& facet) {
    nlohmann::json list = nlohmann::json::array();
    for (const FacetValue& v : facet.values)
      list.push_back({{"id", v.id}, {"label_ar", v.label_ar}, {"label_en", v.label_en}, {"count", v.count}});
    return list;
  };
  nlohmann::json dates = nlohmann::json::array();
  for (const DateBucket& b : f.date)
    dates.push_back({{"bucket", b.bucket ? nlohmann::json(*b.bucket) : nlohmann::json()}, {"count", b.count}});
  out["facets"] = {{"actor", values(f.actor)},       {"place", values(f.place)},   {"claim", values(f.claim)},
                   {"claimant", values(f.claimant)}, {"source", values(f.source)}, {"date", std::move(dates)}};
  out["facets_more"] = {{"actor", f.actor.more},       {"place", f.place.more},   {"claim", f.claim.more},
                        {"claimant", f.claimant.more}, {"source", f.source.more}};
  out["date_interval"] = date_interval_name(f.interval);
}

/** The keys partial (whether shards were left out) and failed_shards ([{"shard", "error"}]). */
void add_partial(nlohmann::json& out, const std::vector<ShardFailure>& failed) {
  nlohmann::json list = nlohmann::json::array();
  for (const ShardFailure& f : failed) list.push_back({{"shard", f.shard}, {"error", f.error}});
  out["partial"] = !failed.empty();
  out["failed_shards"] = std::move(list);
}

/** {"id", "reports", "outlets", "first": {"id", "date" (null when unknown), "source"}}. */
nlohmann::json story_json(const StoryInfo& s) {
  return {{"id", s.id},
          {"reports", s.reports},
          {"outlets", s.outlets},
          {"first", {{"id", s.first_id},
                     {"date", s.first_date.empty() ? nlohmann::json() : nlohmann::json(s.first_date)},
                     {"source", s.first_source}}}};
}

}  // namespace

nlohmann::json result_json(const SearchRequest& request, const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& h : result.hits)
    hits.push_back({{"id", h.id},
                    {"score", h.score},
                    {"date", h.date.empty() ? nlohmann::json() : nlohmann::json(h.date)},
                    {"source", h.source},
                    {"title", h.title},
                    {"url", h.url},
                    {"actors", h.actors},
                    {"places", h.places},
                    {"claims", h.claims},
                    {"snippet", h.snippet},
                    {"story", story_json(h.story)},
                    {"collapsed", h.collapsed}});
  nlohmann::json out{{"query", request.query},
                     {"collapse", request.collapse},
                     {"count", count_unit_name(request.facet_options.count)},
                     {"total", {{"value", result.total}, {"exact", result.total_exact}}},
                     {"mode", query_mode_name(request.mode)},
                     {"relaxed", result.relaxed},
                     {"strict_total", result.strict_total ? nlohmann::json(*result.strict_total) : nlohmann::json()},
                     {"took_ms", result.took_ms},
                     {"hits", std::move(hits)}};
  if (result.facets) add_facets(out, *result.facets);
  add_partial(out, result.failed_shards);
  return out;
}

nlohmann::json stats_json(const IndexStats& stats) {
  nlohmann::json largest = nlohmann::json::array();
  for (const StoryInfo& s : stats.largest_stories) largest.push_back(story_json(s));
  nlohmann::json out{{"documents", stats.documents},
                     {"stories", stats.stories},
                     {"largest_stories", std::move(largest)},
                     {"first_date", stats.first_date.empty() ? nlohmann::json() : nlohmann::json(stats.first_date)},
                     {"last_date", stats.last_date.empty() ? nlohmann::json() : nlohmann::json(stats.last_date)}};
  add_facets(out, stats.facets);
  add_partial(out, stats.failed_shards);
  return out;
}

nlohmann::json claims_answer_json(const SearchRequest& request, ClaimsResult claims, bool group, const tag::Gazetteer& gazetteer) {
  nlohmann::json out{
      {"query", request.query}, {"reports", claims.reports}, {"reports_read", claims.read}, {"took_ms", claims.took_ms}};
  if (group) {
    auto groups = group_claims(std::move(claims.rows), claims.filter, request.facet_options.interval, gazetteer);
    out["groups"] = claim_groups_json(groups, gazetteer);
  } else {
    out["claims"] = claims_json(claims.rows);
  }
  add_partial(out, claims.failed_shards);
  return out;
}

nlohmann::json entities_json(const std::vector<EntityInfo>& entities) {
  nlohmann::json out = nlohmann::json::array();
  for (const EntityInfo& info : entities)
    out.push_back({{"id", info.entity->id},
                   {"kind", tag::to_string(info.entity->kind)},
                   {"label_en", info.entity->english},
                   {"aliases", info.entity->arabic},
                   {"parent", info.entity->parent.empty() ? nlohmann::json() : nlohmann::json(info.entity->parent)},
                   {"reports", {{"actor", info.as_actor}, {"place", info.as_place}, {"claimant", info.as_claimant}}}});
  return out;
}

}  // namespace marsad::searcher

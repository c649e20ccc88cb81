#include "searcher/query_mode.h"

#include <array>
#include <utility>

#include "common/errors.h"

namespace marsad::searcher {
namespace {

constexpr std::array<std::pair<QueryMode, const char*>, 8> kModes{{{QueryMode::And, "and"},
                                                                    {QueryMode::Or, "or"},
                                                                    {QueryMode::AndOr, "and-or"},
                                                                    {QueryMode::OrAll, "or-all"},
                                                                    {QueryMode::OrNear, "or-near"},
                                                                    {QueryMode::AndOrNear, "and-or-near"},
                                                                    {QueryMode::OrTitle, "or-title"},
                                                                    {QueryMode::AndOrTitle, "and-or-title"}}};

void collect_terms(const Xapian::Query& query, std::string_view prefix, std::vector<std::string>& out) {
  const std::size_t n = query.get_num_subqueries();
  if (n == 0) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it)
      if (std::string_view(*it).starts_with(prefix)) out.push_back(*it);
    return;
  }
  // The first subquery of AND_NOT is what is kept; the others are what is excluded.
  const std::size_t kept = query.get_type() == Xapian::Query::OP_AND_NOT ? 1 : n;
  for (std::size_t i = 0; i < kept; ++i) collect_terms(query.get_subquery(i), prefix, out);
}

}  // namespace

QueryMode parse_query_mode(std::string_view name) {
  for (const auto& [mode, mode_name] : kModes)
    if (name == mode_name) return mode;
  std::string known;
  for (const std::string& n : query_mode_names()) known += (known.empty() ? "" : ", ") + n;
  throw ConfigError("unknown query mode '" + std::string(name) + "' (" + known + ")");
}

const char* query_mode_name(QueryMode mode) {
  for (const auto& [m, name] : kModes)
    if (m == mode) return name;
  return "?";
}

std::vector<std::string> query_mode_names() {
  std::vector<std::string> names;
  for (const auto& mode : kModes) names.emplace_back(mode.second);
  return names;
}

std::vector<std::string> positive_terms(const Xapian::Query& query, std::string_view prefix) {
  std::vector<std::string> out;
  collect_terms(query, prefix, out);
  return out;
}

bool has_positional(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    if (has_positional(query.get_subquery(i))) return true;
  return false;
}

Xapian::Query proximity_query(const std::vector<std::string>& terms, Xapian::termcount window) {
  std::vector<Xapian::Query> pairs;
  for (std::size_t i = 0; i + 1 < terms.size(); ++i) {
    if (terms[i] == terms[i + 1]) continue;
    const Xapian::Query pair[] = {Xapian::Query(terms[i]), Xapian::Query(terms[i + 1])};
    pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), window);
  }
  return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

Xapian::Query boosted(const Xapian::Query& base, const Xapian::Query& boost) {
  if (boost.empty()) return base;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, base, boost);
}

}  // namespace marsad::searcher

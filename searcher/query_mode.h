#pragma once
// How the words of free text combine: every word, any word, or any word with reports that hold
// them all or hold neighbouring words close together ranked higher.
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace marsad::searcher {

enum class QueryMode {
  And,        // every word (explicit OR, NOT, phrases and fields as written)
  Or,         // any word, ranked by BM25
  AndOr,      // every word; when no report has them all, any word
  OrAll,      // any word; a report with every word weighs more
  OrNear,     // any word; neighbouring query words near each other in a report weigh more
  AndOrNear,  // AndOr, with the nearness boost of OrNear
  OrTitle,    // any word; query words in a report's title weigh more
  AndOrTitle, // AndOr, with the title boost of OrTitle
};
/** and|or|and-or|or-all|or-near|and-or-near|or-title|and-or-title, else ConfigError. */
QueryMode parse_query_mode(std::string_view name);
const char* query_mode_name(QueryMode mode);
/** Every mode's name, in the order above. */
std::vector<std::string> query_mode_names();

/** The terms with `prefix` of `query`, in query order, leaving out those under a NOT (the right
 *  side of AND_NOT). */
std::vector<std::string> positive_terms(const Xapian::Query& query, std::string_view prefix);

/** Whether `query` holds a phrase or a NEAR group. */
bool has_positional(const Xapian::Query& query);

/** OR of NEAR(a, b) within `window` positions for each pair of neighbouring `terms`; an empty
 *  query when there are fewer than two. */
Xapian::Query proximity_query(const std::vector<std::string>& terms, Xapian::termcount window);

/** `base` with `boost` adding weight to the reports that match it too (AND_MAYBE). */
Xapian::Query boosted(const Xapian::Query& base, const Xapian::Query& boost);

}  // namespace marsad::searcher

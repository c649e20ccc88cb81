#pragma once
// The answer of a search as people read it (a terminal listing) and as spreadsheets take it (CSV).
#include <ostream>

#include "common/tag/gazetteer.h"
#include "searcher/searcher.h"

namespace marsad::searcher {

/** The exact count, then each hit (title; date, source, id; actors, places and claims by their
 *  English labels; the snippet), then the facets. Record text is made printable. */
void print_result(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                  const tag::Gazetteer& gazetteer);

/** The facets, a line each: "label (Arabic label) count" pairs (of reports or stories) and how many
 *  values are left out. */
void print_facets(std::ostream& out, const Facets& facets, CountUnit unit = CountUnit::Reports);

/** The stories, a line each: reports, outlets, first report and the story:ID that lists them. */
void print_stories(std::ostream& out, const std::vector<StoryInfo>& stories);

/** The hits as CSV (RFC 4180, a header row): rank, id, score, date, source, title, url, actors,
 *  places, claims (ids joined by "; ") and snippet. */
void write_csv(std::ostream& out, const SearchRequest& request, const SearchResult& result);

/** `field` quoted for CSV when it holds a comma, quote or line break (quotes doubled), and shown
 *  as text with a leading apostrophe when a spreadsheet would read it as a formula. */
std::string csv_field(std::string_view field);

}  // namespace marsad::searcher

#include "searcher/result_text.h"

#include "common/text/strings.h"
#include "common/text/utf8.h"

namespace marsad::searcher {
namespace {

using text::printable;

/** English labels of ids, the id itself where the gazetteer has none. */
std::string labels(const std::vector<std::string>& ids, const tag::Gazetteer& gazetteer) {
  std::vector<std::string> names;
  for (const std::string& id : ids) {
    const tag::Entity* e = gazetteer.find(id);
    names.push_back(e && !e->english.empty() ? e->english : id);
  }
  return text::join(names, ", ");
}

}  // namespace

void print_facets(std::ostream& out, const Facets& f) {
  auto line = [&](const char* name, const Facet& facet) {
    out << "\n" << name << ":";
    if (facet.values.empty()) out << " (none)";
    for (const auto& v : facet.values) {
      out << "  " << printable(v.label_en.empty() ? v.id : v.label_en);
      if (!v.label_ar.empty()) out << " (" << printable(v.label_ar) << ")";
      out << " " << v.count;
    }
    if (facet.more > 0) out << "  (+" << facet.more << " more)";
  };
  out << "\n--- facets (reports per value; each over every filter but its own)";
  line("actor", f.actor);
  line("place", f.place);
  line("claim", f.claim);
  line("claimant", f.claimant);
  line("source", f.source);
  out << "\ndate (" << date_interval_name(f.interval) << "):";
  for (const auto& b : f.date) out << "  " << (b.bucket ? *b.bucket : std::string("undated")) << " " << b.count;
  out << '\n';
}

void print_result(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                  const tag::Gazetteer& gazetteer) {
  out << (result.total_exact ? "" : "about ") << result.total << (result.total == 1 ? " report matches: " : " reports match: ")
      << printable(request.query) << '\n';
  if (result.relaxed)
    out << "(" << result.strict_total.value_or(0) << (result.strict_total == 1u ? " report has" : " reports have")
        << " every word: these have some of them, those with every word first)\n";
  std::size_t rank = request.offset;
  for (const SearchHit& h : result.hits) {
    out << '\n' << ++rank << ". " << printable(h.title) << "\n   " << (h.date.empty() ? "(no date)" : h.date) << " | "
        << printable(h.source) << " | " << printable(h.id) << '\n';
    if (!h.actors.empty()) out << "   actors: " << printable(labels(h.actors, gazetteer)) << '\n';
    if (!h.places.empty()) out << "   places: " << printable(labels(h.places, gazetteer)) << '\n';
    if (!h.claims.empty()) out << "   claims: " << printable(text::join(h.claims, ", ")) << '\n';
    if (h.story.reports > 1) {
      out << "   story: " << h.story.reports << " reports, carried by " << h.story.outlets.size()
          << (h.story.outlets.size() == 1 ? " outlet (" : " outlets (") << printable(text::join(h.story.outlets, ", "))
          << "); first " << (h.story.first_date.empty() ? "(no date)" : h.story.first_date) << " "
          << printable(h.story.first_source) << " | story:" << printable(h.story.id);
      if (h.collapsed > 0) out << " | " << h.collapsed << " more matching";
      out << '\n';
    }
    out << "   " << printable(h.snippet) << '\n';
  }
  if (result.facets) print_facets(out, *result.facets);
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_csv(std::ostream& out, const SearchRequest& request, const SearchResult& result) {
  out << "rank,id,score,date,source,title,url,actors,places,claims,snippet\r\n";
  std::size_t rank = request.offset;
  for (const SearchHit& h : result.hits) {
    out << ++rank << ',' << csv_field(h.id) << ',' << h.score << ',' << h.date << ',' << csv_field(h.source) << ','
        << csv_field(h.title) << ',' << csv_field(h.url) << ',' << csv_field(text::join(h.actors, "; ")) << ','
        << csv_field(text::join(h.places, "; ")) << ',' << csv_field(text::join(h.claims, "; ")) << ',' << csv_field(h.snippet)
        << "\r\n";
  }
}

}  // namespace marsad::searcher

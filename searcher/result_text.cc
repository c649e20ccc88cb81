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

/** "4 reports, carried by 3 outlets (a, b, c); first 2024-03-05 a | story:ID". */
std::string story_line(const StoryInfo& s) {
  std::string line = std::to_string(s.reports) + " reports, carried by " + std::to_string(s.outlets.size()) +
                     (s.outlets.size() == 1 ? " outlet (" : " outlets (") + printable(text::join(s.outlets, ", ")) +
                     "); first " + (s.first_date.empty() ? "(no date)" : s.first_date);
  line += ' ';
  line += printable(s.first_source);
  line += " | story:";
  line += printable(s.id);
  return line;
}

}  // namespace

void print_stories(std::ostream& out, const std::vector<StoryInfo>& stories) {
  if (!stories.empty()) out << "\n--- largest stories\n";
  for (const StoryInfo& s : stories) out << story_line(s) << '\n';
}

void print_facets(std::ostream& out, const Facets& f, CountUnit unit) {
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
  out << "\n--- facets (" << count_unit_name(unit) << " per value; each over every filter but its own)";
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
  const bool stories = request.facet_options.count == CountUnit::Stories;
  out << (result.total_exact ? "" : "about ") << result.total
      << (stories ? (result.total == 1 ? " story matches: " : " stories match: ")
                  : (result.total == 1 ? " report matches: " : " reports match: "))
      << printable(request.query) << '\n';
  if (result.relaxed)
    out << "(" << result.strict_total.value_or(0)
        << (stories ? (result.strict_total == 1u ? " story has" : " stories have")
                    : (result.strict_total == 1u ? " report has" : " reports have"))
        << " every word: these have some of them, those with every word first)\n";
  std::size_t rank = request.offset;
  for (const SearchHit& h : result.hits) {
    out << '\n' << ++rank << ". " << printable(h.title) << "\n   " << (h.date.empty() ? "(no date)" : h.date) << " | "
        << printable(h.source) << " | " << printable(h.id) << '\n';
    if (!h.actors.empty()) out << "   actors: " << printable(labels(h.actors, gazetteer)) << '\n';
    if (!h.places.empty()) out << "   places: " << printable(labels(h.places, gazetteer)) << '\n';
    if (!h.claims.empty()) out << "   claims: " << printable(text::join(h.claims, ", ")) << '\n';
    if (h.story.reports > 1) {
      out << "   story: " << story_line(h.story);
      if (h.collapsed > 0) out << " | " << h.collapsed << " more matching";
      out << '\n';
    }
    out << "   " << printable(h.snippet) << '\n';
  }
  if (result.facets) print_facets(out, *result.facets, request.facet_options.count);
}

std::string csv_field(std::string_view field) {
  // A report's title or source is anybody's text: one a spreadsheet would take for a formula
  // (=, +, -, @, or a tab or return first) starts with an apostrophe, which shows it as text.
  const bool formula = !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
  if (!formula && field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = formula ? "\"'" : "\"";
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

#include "common/tag/cues.h"

#include <algorithm>
#include <initializer_list>

#include "common/embedded.h"
#include "common/errors.h"
#include "common/io/text_table.h"

namespace marsad::tag {
namespace {

/** The values a column may take, when the file format restricts it. */
struct ColumnCheck {
  std::string_view file, column;
  std::initializer_list<std::string_view> allowed;
};

const ColumnCheck kChecks[] = {
    {"given_names", "gender", {"m", "f", "m?", "f?"}},
    {"titles", "kind", {"title", "role"}},
    {"reporting_verbs", "stance", {"say", "announce", "confirm", "reveal", "report", "add", "deny", "accuse", "warn",
                                   "threat", "call", "demand", "claim", "admit", "condemn", "welcome", "pledge",
                                   "responsibility", "refuse", "opinion"}},
    {"negation", "scope", {"negation", "unverified", "historical", "hedge", "qualifier"}},
    {"claim_triggers", "type", {"casualties", "destruction", "attack", "territorial", "ceasefire_call", "mediation",
                                "refusal", "mobilisation", "foreign_involvement", "denial", "threat", "humanitarian"}},
};

std::string where(std::string_view name, std::size_t line) {
  return std::string(name) + ".tsv:" + std::to_string(line) + ": ";
}

}  // namespace

std::string_view CueList::column(std::uint32_t row, std::string_view name) const {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end() || row >= rows.size()) return {};
  return rows[row].columns[static_cast<std::size_t>(it - header.begin())];
}

CueList Cues::parse(std::string_view name, std::string_view tsv, text::Analyzer& analyzer) {
  CueList list;
  list.name = name;
  std::size_t line_number = 0;
  std::size_t phrase_column = 0;
  io::for_each_line(tsv, [&](std::string_view line) {
    ++line_number;
    if (line.empty() || line.front() == '#') return;
    std::vector<std::string_view> fields = io::split(line, '\t');
    if (list.header.empty()) {
      for (std::string_view f : fields) list.header.emplace_back(f);
      if (name == "claim_triggers") {
        auto it = std::find(list.header.begin(), list.header.end(), "cue");
        if (it == list.header.end()) throw InputError(where(name, line_number) + "the header has no \"cue\" column");
        phrase_column = static_cast<std::size_t>(it - list.header.begin());
      }
      return;
    }
    if (fields.size() != list.header.size())
      throw InputError(where(name, line_number) + "expected " + std::to_string(list.header.size()) +
                       " TAB-separated fields, found " + std::to_string(fields.size()));
    if (fields[phrase_column].empty()) throw InputError(where(name, line_number) + "empty cue");
    CueRow row;
    row.phrase = fields[phrase_column];
    row.line = line_number;
    for (std::string_view f : fields) row.columns.emplace_back(f);
    list.rows.push_back(std::move(row));
  });
  if (list.header.empty()) throw InputError(std::string(name) + ".tsv: no header line");
  for (const ColumnCheck& check : kChecks) {
    if (check.file != name) continue;
    auto it = std::find(list.header.begin(), list.header.end(), check.column);
    if (it == list.header.end())
      throw InputError(std::string(name) + ".tsv: the header has no \"" + std::string(check.column) + "\" column");
    std::size_t column = static_cast<std::size_t>(it - list.header.begin());
    for (const CueRow& row : list.rows)
      if (std::find(check.allowed.begin(), check.allowed.end(), row.columns[column]) == check.allowed.end())
        throw InputError(where(name, row.line) + "unknown " + std::string(check.column) + " \"" + row.columns[column] +
                         "\"");
  }
  for (std::uint32_t i = 0; i < list.rows.size(); ++i) list.table.add(list.rows[i].phrase, i, analyzer);
  return list;
}

const Cues& Cues::builtin() {
  static const Cues cues = [] {
    text::Analyzer analyzer;
    Cues c;
    c.given_names = parse("given_names", embedded::cue_given_names_tsv(), analyzer);
    c.titles = parse("titles", embedded::cue_titles_tsv(), analyzer);
    c.org_heads = parse("org_heads", embedded::cue_org_heads_tsv(), analyzer);
    c.reporting_verbs = parse("reporting_verbs", embedded::cue_reporting_verbs_tsv(), analyzer);
    c.attribution = parse("attribution", embedded::cue_attribution_tsv(), analyzer);
    c.claim_triggers = parse("claim_triggers", embedded::cue_claim_triggers_tsv(), analyzer);
    c.counted_nouns = parse("counted_nouns", embedded::cue_counted_nouns_tsv(), analyzer);
    c.negation = parse("negation", embedded::cue_negation_tsv(), analyzer);
    return c;
  }();
  return cues;
}

}  // namespace marsad::tag

#include "searcher/claims_view.h"

#include <algorithm>
#include <iomanip>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "common/text/strings.h"
#include "common/schema.h"
#include "common/tag/tagging.h"
#include "common/text/utf8.h"

namespace marsad::searcher {

using json = nlohmann::json;

// ---- The filter a query asks for ----

namespace {

void add_once(std::vector<std::string>& values, std::string value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}

void add_filter_term(const std::string& term, ClaimFilter& filter) {
  const std::pair<std::string_view, std::vector<std::string>*> fields[] = {
      {schema::kClaimPrefix, &filter.types},
      {schema::kPlacePrefix, &filter.places},
      {schema::kClaimantPrefix, &filter.claimants},
  };
  for (const auto& [prefix, values] : fields) {
    if (term.size() > prefix.size() && std::string_view(term).starts_with(prefix)) {
      add_once(*values, term.substr(prefix.size()));
      return;
    }
  }
}

void collect_filter(const Xapian::Query& query, ClaimFilter& filter) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::LEAF_TERM) {
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) add_filter_term(*t, filter);
    return;
  }
  std::size_t wanted = query.get_num_subqueries();
  // Only the left-hand side of AND_NOT (what a report must not match follows it) and of AND_MAYBE (what
  // only adds weight follows it) says what the reports hold.
  if (op == Xapian::Query::OP_AND_NOT || op == Xapian::Query::OP_AND_MAYBE) wanted = std::min<std::size_t>(wanted, 1);
  for (std::size_t i = 0; i < wanted; ++i) collect_filter(query.get_subquery(i), filter);
}

}  // namespace

ClaimFilter claim_filter_of(const Xapian::Query& query) {
  ClaimFilter filter;
  collect_filter(query, filter);
  return filter;
}

// ---- Matching ids by roll-up ----

namespace {

/** Whether the filter value `wanted` (a term's value, cut as schema::term cuts long ones) names `id`. */
bool names(std::string_view prefix, const std::string& wanted, const std::string& id) {
  if (wanted == id) return true;
  return prefix.size() + id.size() > schema::kMaxTermBytes && schema::term(prefix, id).substr(prefix.size()) == wanted;
}

/** Whether `id` is `wanted` or descends from it in the gazetteer. */
bool rolls_up_to(std::string_view prefix, const std::string& id, const std::string& wanted, const tag::Gazetteer& gazetteer) {
  if (names(prefix, wanted, id)) return true;
  for (const tag::Entity* e : gazetteer.lineage(id))
    if (names(prefix, wanted, e->id)) return true;
  return false;
}

/** The index in `filter.places` of the first filter place one of `places` rolls up to. */
std::optional<std::size_t> matched_place(const std::vector<std::string>& places, const ClaimFilter& filter,
                                         const tag::Gazetteer& gazetteer) {
  for (std::size_t i = 0; i < filter.places.size(); ++i)
    for (const std::string& place : places)
      if (rolls_up_to(schema::kPlacePrefix, place, filter.places[i], gazetteer)) return i;
  return std::nullopt;
}

bool passes(const ClaimRow& row, const ClaimFilter& filter, const tag::Gazetteer& gazetteer) {
  if (row.historical && !filter.include_historical) return false;
  if (!filter.types.empty() && std::find(filter.types.begin(), filter.types.end(), row.type) == filter.types.end())
    return false;
  if (!filter.places.empty() && !matched_place(row.places, filter, gazetteer)) return false;
  if (!filter.claimants.empty()) {
    if (row.claimant_id.empty()) return false;
    if (std::none_of(filter.claimants.begin(), filter.claimants.end(), [&](const std::string& wanted) {
          return rolls_up_to(schema::kClaimantPrefix, row.claimant_id, wanted, gazetteer);
        }))
      return false;
  }
  return true;
}

}  // namespace

// ---- Reading the claims of a stored record ----

namespace {

bool is_iso_day(const std::string& text) { return !date_bucket(text, DateInterval::Day).empty(); }

/**
 * Reads the keys of one JSON object into typed values. A key that is absent or null leaves the
 * value as it was; a key of the wrong type marks the reader bad, so that its object is skipped.
 */
class Reader {
 public:
  explicit Reader(const json& object) : object_(object), ok_(object.is_object()) {}
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }

  /** The value of `key`, nullptr when absent or null. */
  const json* find(const std::string& key) const {
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  void text(const std::string& key, std::string& out) {
    if (const json* v = find(key)) {
      if (v->is_string()) out = v->get<std::string>();
      else fail();
    }
  }
  void flag(const std::string& key, bool& out) {
    if (const json* v = find(key)) {
      if (v->is_boolean()) out = v->get<bool>();
      else fail();
    }
  }
  void count(const std::string& key, long long& out) {
    if (const json* v = find(key)) {
      if (v->is_number_unsigned() && v->get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<long long>::max()))
        out = static_cast<long long>(v->get<std::uint64_t>());
      else if (v->is_number_integer() && !v->is_number_unsigned()) out = v->get<long long>();
      else fail();
    }
  }
  void texts(const std::string& key, std::vector<std::string>& out) {
    if (const json* v = find(key)) {
      if (!v->is_array()) return fail();
      for (const json& item : *v) {
        if (!item.is_string()) return fail();
        out.push_back(item.get<std::string>());
      }
    }
  }

 private:
  const json& object_;
  bool ok_;
};

/** What a claim row takes from its report. */
struct Report {
  std::string id, date, title, body, source;
};

Report read_report(const json& record) {
  Report report;
  Reader r(record);
  // Each key is read alone: a bad one leaves its value empty and spoils no claim.
  auto text = [&](std::string_view key, std::string& out) {
    if (const json* v = r.find(std::string(key)); v && v->is_string()) out = v->get<std::string>();
  };
  text(schema::record::kId, report.id);
  text(schema::record::kDate, report.date);
  text(schema::record::kTitle, report.title);
  text(schema::record::kBody, report.body);
  text(schema::record::kSource, report.source);
  if (!is_iso_day(report.date)) report.date.clear();
  return report;
}

std::optional<ClaimFigure> read_figure(const json& object) {
  Reader r(object);
  ClaimFigure f;
  r.text("what", f.what);
  r.text("group", f.group);
  r.text("qualifier", f.qualifier);
  r.text("text", f.text);
  r.text("vague", f.vague);
  const bool counted = r.find("count") != nullptr;
  r.count("count", f.count);
  if (!r.ok() || (!counted && f.vague.empty())) return std::nullopt;  // neither a count nor a vague figure
  if (!counted) f.count = 0;
  else f.vague.clear();
  return f;
}

/** The day a claim's "date" names: {"date": day}, or {"from", "to"} of one day; empty for a period. */
std::optional<std::string> read_claim_date(const json* date) {
  if (!date) return std::string();
  if (!date->is_object()) return std::nullopt;
  Reader r(*date);
  std::string day, from, to;
  r.text("date", day);
  r.text("from", from);
  r.text("to", to);
  if (!r.ok()) return std::nullopt;
  if (day.empty() && from == to) day = from;
  return is_iso_day(day) ? day : std::string();
}

/** The claimant's id and surface; false when the claimant is malformed. */
bool read_claimant(const json* claimant, ClaimRow& row) {
  if (!claimant) return true;  // the writer's own narration
  Reader r(*claimant);
  r.text("id", row.claimant_id);
  r.text("surface", row.claimant_label);
  if (!r.ok() || (row.claimant_id.empty() && row.claimant_label.empty())) return false;
  if (row.claimant_id.empty()) row.claimant_id = std::string(tag::EntityMention::kUnlinkedPrefix) + row.claimant_label;
  return true;
}

/** A byte offset: an integer ≥ 0. */
std::optional<std::uint64_t> offset_of(const json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(value.get<std::int64_t>());
  return std::nullopt;
}

/** The sentence [begin, end) of the claim's field; false when the offsets do not fit the field. */
bool read_sentence(const json* offsets, const Report& report, ClaimRow& row) {
  if (!offsets) return true;
  if (!offsets->is_array() || offsets->size() != 2) return false;
  const std::optional<std::uint64_t> begin = offset_of((*offsets)[0]), end = offset_of((*offsets)[1]);
  if (!begin || !end) return false;
  const std::string* text = row.field == schema::record::kTitle  ? &report.title
                            : row.field == schema::record::kBody ? &report.body
                                                                 : nullptr;
  if (!text || *begin > *end || *end > text->size()) return false;
  row.sentence = text->substr(*begin, *end - *begin);
  if (text::find_invalid_utf8(row.sentence) != std::string::npos) row.sentence = text::repair_utf8(row.sentence);
  return true;
}

std::optional<ClaimRow> read_claim(const json& claim, const Report& report) {
  Reader r(claim);
  ClaimRow row;
  row.report_id = report.id;
  row.source = report.source;
  row.reports = {report.id};
  if (!report.source.empty()) row.outlets = {report.source};
  row.title = report.title;
  r.text("type", row.type);
  r.text("field", row.field);
  r.texts("places", row.places);
  r.flag("unverified", row.unverified);
  r.flag("hedged", row.hedged);
  r.flag("negated", row.negated);
  r.flag("historical", row.historical);
  if (!r.ok() || row.type.empty()) return std::nullopt;
  if (!read_claimant(r.find("claimant"), row) || !read_sentence(r.find("sentence"), report, row)) return std::nullopt;
  const std::optional<std::string> day = read_claim_date(r.find("date"));
  if (!day) return std::nullopt;
  row.date = day->empty() ? report.date : *day;
  if (const json* figures = r.find("figures")) {
    if (!figures->is_array()) return std::nullopt;
    for (const json& f : *figures) {
      std::optional<ClaimFigure> figure = read_figure(f);
      if (!figure) return std::nullopt;
      row.figures.push_back(std::move(*figure));
    }
  }
  return row;
}

}  // namespace

std::vector<ClaimRow> claims_of_report(const json& record, const ClaimFilter& filter, const tag::Gazetteer& gazetteer) {
  std::vector<ClaimRow> rows;
  if (!record.is_object()) return rows;
  auto claims = record.find(std::string(schema::record::kClaims));
  if (claims == record.end() || !claims->is_array()) return rows;
  const Report report = read_report(record);
  for (const json& claim : *claims) {
    std::optional<ClaimRow> row = read_claim(claim, report);
    if (row && passes(*row, filter, gazetteer)) rows.push_back(std::move(*row));
  }
  return rows;
}

std::vector<ClaimRow> merge_copies(std::vector<ClaimRow> rows) {
  // What makes two rows one claim: everything but the report, its date, places and sentence.
  auto claim_key = [](const ClaimRow& row) {
    std::string key = row.story + '\x1f' + row.type + '\x1f' + row.claimant_id + '\x1f' + row.field + '\x1f';
    key += static_cast<char>('0' + row.unverified + 2 * row.hedged + 4 * row.negated + 8 * row.historical);
    for (const ClaimFigure& f : row.figures)
      key += '\x1f' + f.what + '\x1e' + f.group + '\x1e' + f.qualifier + '\x1e' + std::to_string(f.count) + '\x1e' + f.vague;
    return key;
  };
  std::vector<ClaimRow> out;
  std::unordered_map<std::string, std::size_t> first_of;  // claim key → its row in `out`
  for (ClaimRow& row : rows) {
    if (!row.story.empty()) {
      const std::string key = claim_key(row);
      if (auto it = first_of.find(key); it != first_of.end()) {
        ClaimRow& first = out[it->second];
        // A report repeating a claim of its own keeps both rows: only copies join.
        if (std::find(first.reports.begin(), first.reports.end(), row.report_id) == first.reports.end()) {
          first.reports.push_back(row.report_id);
          for (const std::string& outlet : row.outlets) add_once(first.outlets, outlet);
          continue;
        }
      } else {
        first_of.emplace(key, out.size());
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

// ---- Groups ----

bool ClaimGroup::contested() const {
  return std::any_of(spreads.begin(), spreads.end(), [](const FigureSpread& s) { return s.claimants >= 2; });
}

namespace {

DateInterval resolved_interval(const std::vector<ClaimRow>& rows, DateInterval interval) {
  if (interval != DateInterval::Auto) return interval;
  std::optional<std::string> first, last;
  for (const ClaimRow& row : rows) {
    if (!is_iso_day(row.date)) continue;
    if (!first || row.date < *first) first = row.date;
    if (!last || *last < row.date) last = row.date;
  }
  // Each side gives its toll on its own day: claims of the same week are compared, not of the same
  // day, even over a span the date histogram shows by day.
  const DateInterval by_span = first ? date_interval_for(*first, *last) : DateInterval::Week;
  return by_span == DateInterval::Day ? DateInterval::Week : by_span;
}

std::vector<FigureSpread> spreads_of(const std::vector<ClaimRow>& rows) {
  struct Range {
    long long low = 0, high = 0;
    bool any = false;
    std::set<std::string> claimants;
  };
  std::map<std::string, Range> by_what;
  for (const ClaimRow& row : rows) {
    if (row.negated || row.historical) continue;
    for (const ClaimFigure& f : row.figures) {
      if (!f.vague.empty() || f.what.empty()) continue;
      Range& range = by_what[f.what];
      range.low = range.any ? std::min(range.low, f.count) : f.count;
      range.high = range.any ? std::max(range.high, f.count) : f.count;
      range.any = true;
      if (!row.claimant_id.empty()) range.claimants.insert(row.claimant_id);
    }
  }
  std::vector<FigureSpread> spreads;
  for (const auto& [what, range] : by_what) {
    const double ratio = range.low > 0 ? static_cast<double>(range.high) / static_cast<double>(range.low) : 0.0;
    spreads.push_back({what, range.low, range.high, range.claimants.size(), ratio});
  }
  return spreads;
}

}  // namespace

std::vector<ClaimGroup> group_claims(std::vector<ClaimRow> rows, const ClaimFilter& filter, DateInterval interval,
                                     const tag::Gazetteer& gazetteer) {
  interval = resolved_interval(rows, interval);
  std::map<std::tuple<std::string, std::string, std::string>, ClaimGroup> groups;
  for (ClaimRow& row : rows) {
    std::string place;
    if (!filter.places.empty()) {
      if (std::optional<std::size_t> i = matched_place(row.places, filter, gazetteer)) place = filter.places[*i];
    } else if (!row.places.empty()) {
      place = row.places.front();
    }
    std::string period = date_bucket(row.date, interval);
    ClaimGroup& group = groups[{row.type, place, period}];
    if (group.rows.empty()) {
      group.type = row.type;
      group.place = std::move(place);
      group.period = std::move(period);
      group.interval = interval;
    }
    group.rows.push_back(std::move(row));
  }
  std::vector<ClaimGroup> out;
  out.reserve(groups.size());
  for (auto& [key, group] : groups) {
    // The writer's own narration and undated claims after the others.
    std::stable_sort(group.rows.begin(), group.rows.end(), [](const ClaimRow& a, const ClaimRow& b) {
      using Key = std::tuple<bool, const std::string&, bool, const std::string&>;
      return Key(a.claimant_id.empty(), a.claimant_id, a.date.empty(), a.date) <
             Key(b.claimant_id.empty(), b.claimant_id, b.date.empty(), b.date);
    });
    group.spreads = spreads_of(group.rows);
    out.push_back(std::move(group));
  }
  std::stable_sort(out.begin(), out.end(), [](const ClaimGroup& a, const ClaimGroup& b) {
    using Key = std::tuple<bool, bool, const std::string&, const std::string&, const std::string&>;
    return Key(!a.contested(), a.period.empty(), a.period, a.type, a.place) <
           Key(!b.contested(), b.period.empty(), b.period, b.type, b.place);
  });
  return out;
}

// ---- JSON ----

namespace {

json text_or_null(const std::string& text) { return text.empty() ? json() : json(text); }

json figure_json(const ClaimFigure& f) {
  return {{"what", f.what},   {"count", f.vague.empty() ? json(f.count) : json()},
          {"text", f.text},   {"group", f.group},
          {"qualifier", f.qualifier}, {"vague", f.vague}};
}

json row_json(const ClaimRow& row) {
  json figures = json::array();
  for (const ClaimFigure& f : row.figures) figures.push_back(figure_json(f));
  json claimant;
  if (!row.claimant_id.empty()) claimant = {{"id", row.claimant_id}, {"surface", row.claimant_label}};
  return {{"report_id", row.report_id},
          {"reports", row.reports},
          {"outlets", row.outlets},
          {"date", text_or_null(row.date)},
          {"type", row.type},
          {"claimant", std::move(claimant)},
          {"field", row.field},
          {"places", row.places},
          {"figures", std::move(figures)},
          {"unverified", row.unverified},
          {"hedged", row.hedged},
          {"negated", row.negated},
          {"historical", row.historical},
          {"sentence", row.sentence},
          {"source", row.source},
          {"title", row.title}};
}

struct Labels {
  std::string ar, en;
};

Labels labels_of(const std::string& id, const tag::Gazetteer& gazetteer) {
  Labels labels;
  if (const tag::Entity* e = gazetteer.find(id)) {
    if (!e->arabic.empty()) labels.ar = e->arabic.front();
    labels.en = e->english;
  }
  return labels;
}

/** The rows of one claimant in a group (rows are sorted by claimant). */
struct ClaimantRows {
  const std::string* id;
  std::vector<const ClaimRow*> rows;
};

std::vector<ClaimantRows> by_claimant(const ClaimGroup& group) {
  std::vector<ClaimantRows> out;
  for (const ClaimRow& row : group.rows) {
    if (out.empty() || *out.back().id != row.claimant_id) out.push_back({&row.claimant_id, {}});
    out.back().rows.push_back(&row);
  }
  return out;
}

std::vector<std::string> reports_of(const ClaimantRows& claimant) {
  std::vector<std::string> reports;
  for (const ClaimRow* row : claimant.rows) {
    add_once(reports, row->report_id);
    for (const std::string& id : row->reports) add_once(reports, id);
  }
  return reports;
}

}  // namespace

json claims_json(const std::vector<ClaimRow>& rows) {
  json out = json::array();
  for (const ClaimRow& row : rows) out.push_back(row_json(row));
  return out;
}

json claim_groups_json(const std::vector<ClaimGroup>& groups, const tag::Gazetteer& gazetteer) {
  json out = json::array();
  for (const ClaimGroup& group : groups) {
    json place;
    if (!group.place.empty()) {
      const Labels labels = labels_of(group.place, gazetteer);
      place = {{"id", group.place}, {"label_ar", labels.ar}, {"label_en", labels.en}};
    }
    json claimants = json::array();
    for (const ClaimantRows& c : by_claimant(group)) {
      const Labels labels = labels_of(*c.id, gazetteer);
      json figures = json::array();
      for (const ClaimRow* row : c.rows)
        for (const ClaimFigure& f : row->figures) figures.push_back(figure_json(f));
      claimants.push_back({{"id", text_or_null(*c.id)},
                           {"surface", c.rows.front()->claimant_label},
                           {"label_ar", labels.ar},
                           {"label_en", labels.en},
                           {"figures", std::move(figures)},
                           {"reports", reports_of(c)}});
    }
    json spreads = json::array();
    for (const FigureSpread& s : group.spreads)
      spreads.push_back({{"what", s.what}, {"low", s.low}, {"high", s.high}, {"claimants", s.claimants}, {"ratio", s.ratio}});
    json rows = json::array();
    for (const ClaimRow& row : group.rows) rows.push_back(row_json(row));
    out.push_back({{"type", group.type},
                   {"place", std::move(place)},
                   {"period", text_or_null(group.period)},
                   {"interval", date_interval_name(group.interval)},
                   {"contested", group.contested()},
                   {"claimants", std::move(claimants)},
                   {"spreads", std::move(spreads)},
                   {"claims", std::move(rows)}});
  }
  return out;
}

// ---- Text ----

namespace {

/** "killed 16 (fighters, about)", "wounded dozens". */
std::string figure_text(const ClaimFigure& f) {
  std::string out = f.what.empty() ? "figure" : f.what;
  out += ' ';
  out += f.vague.empty() ? std::to_string(f.count) : f.vague;
  std::string detail = f.group;
  if (!f.qualifier.empty()) detail += (detail.empty() ? "" : ", ") + f.qualifier;
  if (!detail.empty()) out += " (" + detail + ")";
  return text::printable(out);
}

std::string figures_text(const std::vector<const ClaimRow*>& rows) {
  std::string out;
  for (const ClaimRow* row : rows) {
    for (const ClaimFigure& f : row->figures) {
      if (!out.empty()) out += ", ";
      out += figure_text(f);
      if (row->negated) out += " [negated]";
      if (row->historical) out += " [historical]";
    }
  }
  return out;
}

/** The English label of a place, else its id. */
std::string place_name(const std::string& id, const tag::Gazetteer& gazetteer) {
  const Labels labels = labels_of(id, gazetteer);
  return text::printable(labels.en.empty() ? id : labels.en);
}


std::string period_name(const ClaimGroup& group) {
  if (group.period.empty()) return "undated";
  if (group.interval == DateInterval::Week) return "week of " + group.period;
  return group.period;
}

/** "killed: 790–2300 (2.9×, 2 claimants)". */
std::string spread_text(const FigureSpread& s) {
  std::ostringstream out;
  out << s.what << ": " << s.low;
  if (s.high != s.low) out << "–" << s.high;
  out << " (";
  if (s.ratio > 0 && s.high != s.low) out << std::fixed << std::setprecision(1) << s.ratio << "×, ";
  if (s.claimants == 0) out << "no claimant)";  // the writer's own figures only
  else out << s.claimants << (s.claimants == 1 ? " claimant)" : " claimants)");
  return text::printable(out.str());
}

}  // namespace

void print_claims(std::ostream& out, const std::vector<ClaimRow>& rows, const tag::Gazetteer& gazetteer) {
  for (const ClaimRow& row : rows) {
    std::vector<std::string> places;
    for (const std::string& id : row.places) places.push_back(place_name(id, gazetteer));
    std::vector<std::string> flags;
    if (row.unverified) flags.push_back("[unverified]");
    if (row.hedged) flags.push_back("[hedged]");
    if (row.negated) flags.push_back("[negated]");
    if (row.historical) flags.push_back("[historical]");
    const std::string figures = figures_text({&row});
    out << (row.date.empty() ? "undated" : text::printable(row.date)) << " | " << text::printable(row.type) << " | "
        << (row.claimant_label.empty() ? "—" : text::printable(row.claimant_label)) << " | "
        << (figures.empty() ? "no figures" : figures) << " | " << (places.empty() ? "—" : text::join(places, ", "));
    if (!flags.empty()) out << " | " << text::join(flags, " ");
    out << " | " << text::printable(row.report_id);
    if (row.reports.size() > 1)
      out << " (+" << row.reports.size() - 1 << (row.reports.size() == 2 ? " copy" : " copies") << "; "
          << text::printable(text::join(row.outlets, ", ")) << ")";
    out << "\n";
    if (!row.sentence.empty()) out << "    " << text::printable(row.sentence) << "\n";
  }
}

void print_claim_groups(std::ostream& out, const std::vector<ClaimGroup>& groups, const tag::Gazetteer& gazetteer) {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const ClaimGroup& group = groups[g];
    if (g > 0) out << "\n";
    out << text::printable(group.type) << " · " << (group.place.empty() ? "no place" : place_name(group.place, gazetteer))
        << " · " << text::printable(period_name(group)) << (group.contested() ? "  [contested]" : "") << "\n";
    for (const ClaimantRows& c : by_claimant(group)) {
      std::string name;
      if (c.id->empty()) name = "(no claimant)";
      else if (const Labels labels = labels_of(*c.id, gazetteer); !labels.en.empty()) name = labels.en;
      else name = c.rows.front()->claimant_label;
      const std::string figures = figures_text(c.rows);
      out << "  " << text::printable(name) << ": " << (figures.empty() ? "no figures" : figures) << " — "
          << text::printable(text::join(reports_of(c), ", ")) << "\n";
    }
    for (const FigureSpread& s : group.spreads) out << "  " << spread_text(s) << "\n";
  }
}

}  // namespace marsad::searcher

#include "indexer/document_builder.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "common/date/civil_date.h"
#include "common/hash.h"
#include "common/index_terms.h"
#include "common/text/strings.h"
#include "common/schema.h"
#include "common/text/utf8.h"

namespace marsad::indexer {
namespace {

/** Replaces invalid UTF-8 in a field, returning a warning naming where it was. */
std::optional<std::string> repair_field(std::string& value, const char* field) {
  std::size_t bad = text::find_invalid_utf8(value);
  if (bad == std::string::npos) return std::nullopt;
  value = text::repair_utf8(value);
  return std::string("invalid UTF-8 in ") + field + " at byte offset " + std::to_string(bad) + ", replaced with U+FFFD";
}

/** Cuts s to at most max bytes without splitting a UTF-8 sequence. */
void truncate_utf8(std::string& s, std::size_t max) {
  if (s.size() <= max) return;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

std::string eight_bytes(std::uint64_t v) {
  std::string s(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) s[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xFF);
  return s;
}

}  // namespace

std::string derived_id(const Record& record) {
  std::uint64_t h = fnv1a(record.source);
  h = fnv1a("\x1f", h);
  h = fnv1a(record.title, h);
  h = fnv1a("\x1f", h);
  h = fnv1a(record.body, h);
  return "h:" + hex64(h);
}

DocumentBuilder::DocumentBuilder(text::AnalyzerSettings settings, BuildOptions options, SharedTaggers taggers)
    : analyzer_(settings), options_(options) {
  if (taggers.entities && taggers.claims) {
    tagger_.emplace(*taggers.entities, *taggers.claims);
    gazetteer_ = &taggers.entities->gazetteer();
  }
}

namespace {

/** What tagging found in a record, field by field. */
struct RecordTags {
  tag::TaggedText title, body;
  template <typename F>
  void for_each_sentence(F&& f) const {
    for (const auto& s : title.sentences) f(s, schema::record::kTitle);
    for (const auto& s : body.sentences) f(s, schema::record::kBody);
  }
};

/** Filter terms for an entity and every entity it rolls up to; an unlinked one has only itself. */
void add_entity_terms(Xapian::Document& doc, std::string_view prefix, const std::string& id, const tag::Gazetteer& g) {
  std::vector<const tag::Entity*> lineage = g.lineage(id);
  if (lineage.empty()) {
    doc.add_boolean_term(schema::term(prefix, id));
    return;
  }
  for (const tag::Entity* e : lineage) doc.add_boolean_term(schema::term(prefix, e->id));
}

std::string joined(const std::set<std::string>& values) {
  return text::join(values, std::string_view(&schema::kListSeparator, 1));
}

/** A claim that asserts something about the conflict reported: not negated and not history. */
bool current(const tag::Claim& claim) { return !claim.negated && !claim.historical; }

/**
 * Step: the tags become filter terms (actors, places, claim types, claimants, with ancestors),
 * facet values (the distinct ids, without ancestors) and, in the stored record, the entity list,
 * every claim with the field and sentence it is in, and the span of the dates the text names.
 * Returns the earliest single day the text names, for a record without a date.
 */
std::optional<date::CivilDate> add_tags(Xapian::Document& doc, nlohmann::json& data, const RecordTags& tags,
                                        const Record& record, const tag::Gazetteer& gazetteer) {
  std::set<std::string> actors, places, types, claimants;
  struct Seen {
    tag::EntityKind kind;
    bool actor = false, place = false;
    std::size_t mentions = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, Seen> entities;
  nlohmann::json claims = nlohmann::json::array();
  std::optional<date::CivilDate> from, to, earliest_day;

  // Filter terms once per distinct (prefix, id): a report names the same actor many times.
  std::set<std::pair<std::string_view, std::string>> filters;
  tags.for_each_sentence([&](const tag::TaggedSentence& s, std::string_view) {
    for (const tag::EntityMention& e : s.entities) {
      const bool actor = e.role == tag::Role::Actor;
      filters.emplace(actor ? schema::kActorPrefix : schema::kPlacePrefix, e.id);
      (actor ? actors : places).insert(e.id);
      auto [it, added] = entities.try_emplace(e.id, Seen{e.kind});
      if (added) order.push_back(e.id);
      (actor ? it->second.actor : it->second.place) = true;
      ++it->second.mentions;
    }
    for (const tag::Claim& c : s.claims) {
      if (current(c)) types.insert(c.type);
      if (c.claimant && *c.claimant < s.entities.size()) {
        filters.emplace(schema::kClaimantPrefix, s.entities[*c.claimant].id);
        claimants.insert(s.entities[*c.claimant].id);
      }
    }
    for (const tag::DateMention& d : s.dates) {
      if (!from || d.from < *from) from = d.from;
      if (!to || *to < d.to) to = d.to;
      if (d.from == d.to && !d.relative && (!earliest_day || d.from < *earliest_day)) earliest_day = d.from;
    }
  });
  for (const auto& [prefix, id] : filters) add_entity_terms(doc, prefix, id, gazetteer);
  for (const std::string& type : types) doc.add_boolean_term(schema::term(schema::kClaimPrefix, type));
  // The claims in the stored record have the shape of marsad-tag --format json, with where they are.
  auto add_claims = [&](const std::string& text, const tag::TaggedText& tagged, std::string_view field) {
    for (const tag::TaggedSentence& sentence : tagged.sentences) {
      for (const tag::Claim& claim : sentence.claims) {
        nlohmann::json j = tag::claim_json<nlohmann::json>(text, sentence, claim);
        j["field"] = field;
        j["sentence"] = {sentence.begin, sentence.end};
        claims.push_back(std::move(j));
      }
    }
  };
  add_claims(record.title, tags.title, schema::record::kTitle);
  add_claims(record.body, tags.body, schema::record::kBody);

  if (!actors.empty()) doc.add_value(schema::kActorsSlot, joined(actors));
  if (!places.empty()) doc.add_value(schema::kPlacesSlot, joined(places));
  if (!types.empty()) doc.add_value(schema::kClaimsSlot, joined(types));
  if (!claimants.empty()) doc.add_value(schema::kClaimantsSlot, joined(claimants));
  if (from) {
    doc.add_value(schema::kTextDateFromSlot, from->yyyymmdd());
    doc.add_value(schema::kTextDateToSlot, to->yyyymmdd());
    data[schema::record::kTextDates] = {{"from", from->iso()}, {"to", to->iso()}};
  }
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& id : order) {
    const Seen& seen = entities.at(id);
    nlohmann::json roles = nlohmann::json::array();
    if (seen.actor) roles.push_back("actor");
    if (seen.place) roles.push_back("place");
    list.push_back({{"id", id}, {"kind", tag::to_string(seen.kind)}, {"roles", roles}, {"mentions", seen.mentions}});
  }
  data[schema::record::kEntities] = std::move(list);
  data[schema::record::kClaims] = std::move(claims);
  return earliest_day;
}

/** Step: the date filter terms and sort value of a day, or the no-date term. */
void add_date_terms(Xapian::Document& doc, const std::optional<date::CivilDate>& day) {
  if (!day) {
    doc.add_boolean_term(std::string(schema::kNoDateTerm));
    return;
  }
  std::string ymd = day->yyyymmdd();
  doc.add_boolean_term(schema::term(schema::kDayPrefix, ymd));
  doc.add_boolean_term(schema::term(schema::kMonthPrefix, ymd.substr(0, 6)));
  doc.add_boolean_term(schema::term(schema::kYearPrefix, ymd.substr(0, 4)));
  doc.add_value(schema::kDateSlot, ymd);
}

}  // namespace

AnalysedRecord DocumentBuilder::build(Record record) {
  AnalysedRecord out;
  const std::string where = record.origin.describe();
  auto warn = [&](const char* reason, const std::string& message) { out.warnings.emplace_back(reason, where + ": " + message); };

  for (const auto& [reason, message] : record.reader_notes) warn(reason.c_str(), message);
  for (auto [value, name] : {std::pair{&record.id, "id"}, {&record.title, "title"}, {&record.body, "body"},
                             {&record.date, "date"}, {&record.source, "source"}, {&record.url, "url"}}) {
    if (auto message = repair_field(*value, name)) warn("invalid UTF-8 (repaired)", *message);
  }
  auto blank = [](const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(record.title) && blank(record.body)) {
    out.skipped = {"no title or body", where + ": record has neither title nor body, skipped"};
    return out;
  }
  if (record.body.size() > options_.max_doc_bytes) {
    warn("body truncated", "body of " + std::to_string(record.body.size()) + " bytes cut to --max-doc-bytes " +
                               std::to_string(options_.max_doc_bytes));
    truncate_utf8(record.body, options_.max_doc_bytes);
  }
  if (record.title.size() > options_.max_title_bytes) {
    warn("title truncated", "title of " + std::to_string(record.title.size()) + " bytes cut to " +
                                std::to_string(options_.max_title_bytes));
    truncate_utf8(record.title, options_.max_title_bytes);
  }
  out.text_bytes = record.title.size() + record.body.size();
  out.id = record.id.empty() ? derived_id(record) : record.id;

  std::optional<date::CivilDate> day;
  if (!record.date.empty()) {
    day = date::parse_record_date(record.date);
    if (!day) warn("unreadable date", "date '" + record.date + "' is in no known format; indexed without a date");
  }

  Xapian::Document& doc = out.document;
  doc.add_boolean_term(schema::term(schema::kIdPrefix, out.id));
  doc.add_value(schema::kIdSlot, out.id);

  // Step: words. Title and body share one token buffer, each tagged while its tokens are there.
  RecordTags tags;
  analyzer_.analyze(record.title, tokens_);
  Xapian::termpos last = add_text_terms(doc, tokens_, 1, schema::kTitleWdf, TextField::Title);
  if (tagger_) tags.title = tagger_->tag(record.title, tokens_, day);
  // A report without a body is its title: duplicates of it are found by the title's words, in a
  // hash apart from those of bodies.
  std::uint64_t body_hash = kFnvOffset;
  if (blank(record.body)) {
    body_hash = fnv1a("title only\x1f", body_hash);
  } else {
    analyzer_.analyze(record.body, tokens_);
    add_text_terms(doc, tokens_, last + schema::kBodyPositionGap, schema::kBodyWdf, TextField::Body);
    if (tagger_) tags.body = tagger_->tag(record.body, tokens_, day);
  }
  for (const auto& t : tokens_) {
    body_hash = fnv1a(t.analysis->normalized, body_hash);
    body_hash = fnv1a(" ", body_hash);
  }
  out.body_hash = body_hash;
  doc.add_value(schema::kBodyHashSlot, eight_bytes(body_hash));
  if (options_.stories) {
    // Step: the sketch of the same text, whose candidate keys let the index find its copies.
    story::Signature signature = story::Signature::of(tokens_);
    if (signature.comparable()) {
      for (std::uint64_t key : signature.candidate_keys()) doc.add_boolean_term(schema::term(schema::kCandidateKeyPrefix, hex64(key)));
      doc.add_value(schema::kSignatureSlot, signature.serialise());
      out.signature = signature;
    }
  }

  if (!record.source.empty()) {
    doc.add_boolean_term(schema::term(schema::kSourcePrefix, analyzer_.normalizer().normalize(record.source)));
    doc.add_value(schema::kSourceSlot, record.source);
  }

  namespace key = schema::record;
  nlohmann::json data{{key::kId, out.id},
                      {key::kTitle, record.title},
                      {key::kBody, record.body},
                      {key::kDate, nullptr},
                      {key::kSource, record.source},
                      {key::kUrl, record.url}};
  if (!record.date.empty() && (!day || day->iso() != record.date)) data[key::kDateAsWritten] = record.date;
  if (tagger_) {
    std::optional<date::CivilDate> text_day = add_tags(doc, data, tags, record, *gazetteer_);
    if (!day && text_day) {
      day = text_day;
      data[key::kDateFromText] = true;
      doc.add_boolean_term(std::string(schema::kDateFromTextTerm));
    }
  }
  add_date_terms(doc, day);
  out.has_date = day.has_value();
  if (day) data[key::kDate] = day->iso();
  if (!record.extra.empty()) data[key::kExtra] = std::move(record.extra);
  // The content hash leaves out the origin (file:line), which may change while the record does not.
  out.content_hash = fnv1a(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  data[key::kOrigin] = where;
  std::string stored = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  doc.add_value(schema::kContentHashSlot, eight_bytes(out.content_hash));
  // A story of its own until indexing finds it a copy of another (this also sets the facet keys).
  set_story(doc, out.id);
  doc.set_data(stored);
  return out;
}

}  // namespace marsad::indexer

#include "indexer/document_builder.h"

#include <nlohmann/json.hpp>

#include "common/date/civil_date.h"
#include "common/hash.h"
#include "common/index_terms.h"
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

DocumentBuilder::DocumentBuilder(text::AnalyzerSettings settings, BuildOptions options)
    : analyzer_(settings), options_(options) {}

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

  Xapian::Document& doc = out.document;
  doc.add_boolean_term(schema::term(schema::kIdPrefix, out.id));
  doc.add_value(schema::kIdSlot, out.id);

  analyzer_.analyze(record.title, tokens_);
  Xapian::termpos last = add_text_terms(doc, tokens_, 1, schema::kTitleWdf);
  // A report without a body is its title: duplicates of it are found by the title's words, in a
  // hash apart from those of bodies.
  std::uint64_t body_hash = kFnvOffset;
  if (blank(record.body)) {
    body_hash = fnv1a("title only\x1f", body_hash);
  } else {
    analyzer_.analyze(record.body, tokens_);
  }
  for (const auto& t : tokens_) {
    body_hash = fnv1a(t.analysis->normalized, body_hash);
    body_hash = fnv1a(" ", body_hash);
  }
  if (!blank(record.body)) add_text_terms(doc, tokens_, last + schema::kBodyPositionGap, schema::kBodyWdf);
  out.body_hash = body_hash;
  doc.add_value(schema::kBodyHashSlot, eight_bytes(body_hash));

  if (!record.source.empty()) {
    doc.add_boolean_term(schema::term(schema::kSourcePrefix, analyzer_.normalizer().normalize(record.source)));
    doc.add_value(schema::kSourceSlot, record.source);
  }

  std::optional<date::CivilDate> day;
  if (!record.date.empty()) {
    day = date::parse_record_date(record.date);
    if (!day) warn("unreadable date", "date '" + record.date + "' is in no known format; indexed without a date");
  }
  if (day) {
    std::string ymd = day->yyyymmdd();
    doc.add_boolean_term(schema::term(schema::kDayPrefix, ymd));
    doc.add_boolean_term(schema::term(schema::kMonthPrefix, ymd.substr(0, 6)));
    doc.add_boolean_term(schema::term(schema::kYearPrefix, ymd.substr(0, 4)));
    doc.add_value(schema::kDateSlot, ymd);
    out.has_date = true;
  } else {
    doc.add_boolean_term(std::string(schema::kNoDateTerm));
  }

  nlohmann::json data{{"id", out.id},
                      {"title", record.title},
                      {"body", record.body},
                      {"date", day ? nlohmann::json(day->iso()) : nlohmann::json(nullptr)},
                      {"source", record.source},
                      {"url", record.url}};
  if (!record.date.empty() && (!day || day->iso() != record.date)) data["date_as_written"] = record.date;
  if (!record.extra.empty()) data["extra"] = std::move(record.extra);
  // The content hash leaves out the origin (file:line), which may change while the record does not.
  out.content_hash = fnv1a(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  data["origin"] = where;
  std::string stored = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  doc.add_value(schema::kContentHashSlot, eight_bytes(out.content_hash));
  doc.set_data(stored);
  return out;
}

}  // namespace marsad::indexer

#include "common/index_terms.h"

#include "common/schema.h"
#include "common/text/strings.h"

#include <algorithm>

namespace marsad {

Xapian::termpos add_text_terms(Xapian::Document& doc, const std::vector<text::AnalyzedToken>& tokens,
                               Xapian::termpos first_position, Xapian::termcount wdf, TextField field) {
  Xapian::termpos last = first_position;
  for (const auto& t : tokens) {
    const text::WordAnalysis& a = *t.analysis;
    last = first_position + static_cast<Xapian::termpos>(t.position) - 1;
    doc.add_posting(schema::term(schema::kStemPrefix, a.stem), last, wdf);
    doc.add_term(schema::term(schema::kWordPrefix, a.normalized), wdf);
    if (field == TextField::Title) doc.add_posting(schema::term(schema::kTitleStemPrefix, a.stem), last, 1);
  }
  return last;
}

std::string facet_keys(const Xapian::Document& doc) {
  std::string keys;
  auto add = [&](char dimension, const std::string& value) {
    if (value.empty()) return;
    if (!keys.empty()) keys += schema::kListSeparator;
    keys += dimension;
    keys += value;
  };
  auto add_list = [&](char dimension, Xapian::valueno slot) {
    for (const std::string& id : text::split(doc.get_value(slot), schema::kListSeparator)) add(dimension, id);
  };
  add_list(schema::kFacetActor, schema::kActorsSlot);
  add_list(schema::kFacetPlace, schema::kPlacesSlot);
  add_list(schema::kFacetClaim, schema::kClaimsSlot);
  add_list(schema::kFacetClaimant, schema::kClaimantsSlot);
  std::string source = doc.get_value(schema::kSourceSlot);
  std::replace(source.begin(), source.end(), schema::kListSeparator, ' ');
  add(schema::kFacetSource, source);
  add(schema::kFacetDate, doc.get_value(schema::kDateSlot));
  add(schema::kFacetStory, doc.get_value(schema::kStorySlot));
  return keys;
}

void set_story(Xapian::Document& doc, const std::string& story_id) {
  const std::string old = doc.get_value(schema::kStorySlot);
  if (old == story_id) return;
  if (!old.empty()) {
    try {
      doc.remove_term(schema::term(schema::kStoryPrefix, old));
    } catch (const Xapian::InvalidArgumentError&) {  // a document whose term was never added
    }
  }
  doc.add_boolean_term(schema::term(schema::kStoryPrefix, story_id));
  doc.add_value(schema::kStorySlot, story_id);
  if (std::string keys = facet_keys(doc); keys.empty()) {
    doc.remove_value(schema::kFacetKeysSlot);
  } else {
    doc.add_value(schema::kFacetKeysSlot, keys);
  }
}

}  // namespace marsad

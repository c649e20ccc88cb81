#include "common/index_terms.h"

#include "common/schema.h"

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

}  // namespace marsad

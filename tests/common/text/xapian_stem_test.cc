#include "common/text/xapian_stem.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/schema.h"

namespace marsad::text {
namespace {

TEST(ArabicStemImplementation, QueryParserSearchesTheTermsTheAnalyzerIndexes) {
  Analyzer analyzer;
  Xapian::Document doc;
  for (const auto& t : analyzer.analyze("وأعلنت وزارة الصحة بغزة مقتل ٣٠ مدنيا بالغارات"))
    doc.add_posting(schema::term(schema::kStemPrefix, t.analysis->stem), t.position);

  Xapian::QueryParser parser;
  parser.set_stemmer(make_xapian_stem());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  Normalizer query_normalizer(NormalizerOptions{.lowercase = false});
  Xapian::Query query = parser.parse_query(query_normalizer.normalize("غزة الغارة أعلن 30 المدنيين"));
  for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
    bool found = false;
    for (auto d = doc.termlist_begin(); d != doc.termlist_end(); ++d) found |= *d == *it;
    EXPECT_TRUE(found) << *it;
  }
}

TEST(ArabicStemImplementation, PhraseWithClitcsMatchesOnStems) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Analyzer analyzer;
  Xapian::Document doc;
  for (const auto& t : analyzer.analyze("دعا الوسيط إلى لوقف إطلاق النار فورا"))
    doc.add_posting(schema::term(schema::kStemPrefix, t.analysis->stem), t.position);
  db.add_document(doc);
  Xapian::QueryParser parser;
  parser.set_stemmer(make_xapian_stem());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  Xapian::Enquire enquire(db);
  enquire.set_query(parser.parse_query("\"وقف اطلاق النار\""));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u);
  enquire.set_query(parser.parse_query("\"النار اطلاق وقف\""));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
}

TEST(ArabicStemImplementation, DescribesTheAnalysis) {
  EXPECT_NE(make_xapian_stem().get_description().find("stemmer=light"), std::string::npos);
}

}  // namespace
}  // namespace marsad::text

#include "common/text/xapian_stem.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/schema.h"

namespace marsad::text {
namespace {

TEST(ArabicStemImplementation, QueryParserSearchesTheTermsTheAnalyzerIndexes) {
  Analyzer analyzer;
  Xapian::Document doc;
  for (const auto& t : analyzer.analyze("وأعلنت وزارة الصحة بغزة مقتل ٣٠ مدنيا بالغارات في المدينة وبدأ وزير بلاده هدنة"))
    doc.add_posting(schema::term(schema::kStemPrefix, t.analysis->stem), t.position);

  Xapian::QueryParser parser;
  parser.set_stemmer(make_xapian_stem());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  // As the searcher reads a query: letters as written, since ة beside ه and a final أ weigh in the
  // analysis (folded first, مدينة would read as مدين + ه).
  Normalizer query_normalizer(NormalizerOptions{.lowercase = false, .fold_letters = false});
  Xapian::Query query = parser.parse_query(query_normalizer.normalize("غزة الغارة أعلن 30 المدنيين مدينة بدأ بلاده الهدنة"));
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

TEST(ArabicStemImplementation, AWordTooLongForXapianIsFoundThroughItsBoundedTerm) {
  const std::string run_of_letters(300, 'x');
  std::string long_arabic;
  for (int i = 0; i < 150; ++i) long_arabic += "ق";
  const std::string long_number(300, '7');
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Analyzer analyzer;
  Xapian::Document doc;
  for (const auto& t : analyzer.analyze(run_of_letters + " " + long_arabic + " " + long_number)) {
    EXPECT_LE(t.analysis->stem.size(), kMaxWordBytes);
    EXPECT_LE(t.analysis->normalized.size(), kMaxWordBytes);
    doc.add_posting(schema::term(schema::kStemPrefix, t.analysis->stem), t.position);
    doc.add_term(schema::term(schema::kWordPrefix, t.analysis->normalized));
  }
  db.add_document(doc);  // Xapian would throw "Term too long" here
  Xapian::QueryParser parser;
  parser.set_stemmer(make_xapian_stem());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  Xapian::Enquire enquire(db);
  for (const std::string& word : {run_of_letters, long_arabic, long_number}) {
    enquire.set_query(parser.parse_query(word));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u) << word.substr(0, 20);
  }
}

TEST(Schema, NoTermExceedsXapiansLimitWhateverItsPrefix) {
  const std::string value(400, 'a');
  for (std::string_view prefix : {schema::kIdPrefix, schema::kSourcePrefix, schema::kStemPrefix, schema::kActorPrefix}) {
    std::string term = schema::term(prefix, value);
    EXPECT_EQ(term.size(), schema::kMaxTermBytes);
    EXPECT_EQ(term.substr(0, prefix.size()), prefix);
    EXPECT_NE(term, schema::term(prefix, value + "b"));
  }
  EXPECT_EQ(schema::term(schema::kSourcePrefix, "قناة"), "XSRCقناة");
}

}  // namespace
}  // namespace marsad::text

#include "indexer/document_builder.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "common/schema.h"

namespace marsad::indexer {
namespace {

Record sample() {
  Record r;
  r.id = "c-001";
  r.title = "قصف على الخرطوم";
  r.body = "أعلنت قوات الدعم السريع السيطرة على مواقع بالخرطوم، ونفى الجيش ذلك.";
  r.date = "Sun, 16 Apr 2023 08:00:00 +0000";
  r.source = "وكالة الأنباء";
  r.url = "https://news.example.org/c-001";
  r.extra["author"] = "سلمى";
  r.origin = {"reports.jsonl", 4};
  return r;
}

std::set<std::string> terms(const Xapian::Document& doc) { return {doc.termlist_begin(), doc.termlist_end()}; }

TEST(DocumentBuilder, WritesTheTermsValuesAndDataOfTheSchema) {
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(sample());
  ASSERT_FALSE(out.skipped);
  auto t = terms(out.document);
  EXPECT_TRUE(t.count("Qc-001"));
  EXPECT_TRUE(t.count("Zخرطوم"));      // stem, from بالخرطوم and الخرطوم
  EXPECT_TRUE(t.count("بالخرطوم"));    // the normalized word as written
  EXPECT_TRUE(t.count("D20230416"));
  EXPECT_TRUE(t.count("M202304"));
  EXPECT_TRUE(t.count("Y2023"));
  EXPECT_TRUE(t.count("XSRCوكاله الانباء"));
  EXPECT_FALSE(t.count(std::string(schema::kNoDateTerm)));
  EXPECT_EQ(out.document.get_value(schema::kDateSlot), "20230416");
  EXPECT_EQ(out.document.get_value(schema::kSourceSlot), "وكالة الأنباء");
  auto data = nlohmann::json::parse(out.document.get_data());
  EXPECT_EQ(data["date"], "2023-04-16");
  EXPECT_EQ(data["date_as_written"], "Sun, 16 Apr 2023 08:00:00 +0000");
  EXPECT_EQ(data["extra"]["author"], "سلمى");
  EXPECT_EQ(data["origin"], "reports.jsonl:4");
  EXPECT_TRUE(out.has_date);
}

TEST(DocumentBuilder, TitleWordsWeighMoreAndPhrasesStayInsideTitleOrBody) {
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(sample());
  for (auto it = out.document.termlist_begin(); it != out.document.termlist_end(); ++it) {
    if (*it == "Zقصف") {
      EXPECT_EQ(it.get_wdf(), schema::kTitleWdf);
      EXPECT_EQ(*it.positionlist_begin(), 1u);
    }
    if (*it == "Zاعلن") {
      EXPECT_EQ(it.get_wdf(), schema::kBodyWdf);
      EXPECT_GT(*it.positionlist_begin(), 3u + schema::kBodyPositionGap - 1);
    }
  }
}

TEST(DocumentBuilder, RecordsWithoutIdGetAStableDerivedId) {
  Record a = sample(), b = sample();
  a.id.clear();
  b.id.clear();
  b.origin = {"other.jsonl", 99};
  DocumentBuilder builder({}, {});
  std::string id = builder.build(a).id;
  EXPECT_EQ(id.substr(0, 2), "h:");
  EXPECT_EQ(builder.build(b).id, id);
  b.body += " إضافة";
  EXPECT_NE(builder.build(b).id, id);
}

TEST(DocumentBuilder, ARecordWithNeitherTitleNorBodyIsSkipped) {
  Record r = sample();
  r.body = "  \n ";
  r.title.assign(2, ' ');  // blank
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(r);
  ASSERT_TRUE(out.skipped);
  EXPECT_EQ(out.skipped->first, "no title or body");
  EXPECT_NE(out.skipped->second.find("reports.jsonl:4"), std::string::npos);
}

TEST(DocumentBuilder, ARecordWithATitleOnlyIsIndexedFromItsTitle) {
  Record r = sample();
  r.body = "  \n ";
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(r);
  ASSERT_FALSE(out.skipped);
  std::size_t stems = 0;
  for (auto it = out.document.termlist_begin(); it != out.document.termlist_end(); ++it)
    stems += (*it).starts_with(schema::kStemPrefix);
  EXPECT_GT(stems, 0u);
  // Two title-only records are duplicates only when their titles are; never of a body of the same words.
  Record other = r;
  other.title += " آخر";
  EXPECT_NE(builder.build(other).body_hash, out.body_hash);
  Record with_body = r;
  with_body.body = r.title;
  with_body.title = "";
  EXPECT_NE(builder.build(with_body).body_hash, out.body_hash);
}

TEST(DocumentBuilder, AHugeTitleIsCutWithAWarning) {
  Record r = sample();
  r.title = std::string(5000, 'x');
  r.body = "";
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(r);
  ASSERT_FALSE(out.skipped);
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_EQ(out.warnings[0].first, "title truncated");
  EXPECT_EQ(nlohmann::json::parse(out.document.get_data())["title"].get<std::string>().size(), 4096u);
}

TEST(DocumentBuilder, LongBodiesAreCutAtACharacterBoundaryWithAWarning) {
  Record r = sample();
  r.body = std::string(10, 'a') + "غزة";  // 10 + 6 bytes
  DocumentBuilder builder({}, BuildOptions{13});
  AnalysedRecord out = builder.build(r);
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_EQ(out.warnings[0].first, "body truncated");
  EXPECT_EQ(nlohmann::json::parse(out.document.get_data())["body"], std::string(10, 'a') + "غ");
}

TEST(DocumentBuilder, InvalidUtf8IsRepairedWithAWarningNamingTheField) {
  Record r = sample();
  r.body = "نص \xff سليم";
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(r);
  ASSERT_FALSE(out.skipped);
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_NE(out.warnings[0].second.find("invalid UTF-8 in body at byte offset 5"), std::string::npos);
}

TEST(DocumentBuilder, UnreadableDatesAreWarnedAndMarkedUndated) {
  Record r = sample();
  r.date = "yesterday";
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(r);
  EXPECT_FALSE(out.has_date);
  EXPECT_TRUE(terms(out.document).count(std::string(schema::kNoDateTerm)));
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_EQ(out.warnings[0].first, "unreadable date");
}

TEST(DocumentBuilder, BodyHashIgnoresDiacriticsAndPunctuationButNotWords) {
  DocumentBuilder builder({}, {});
  Record a = sample(), b = sample(), c = sample();
  b.id = "copy";
  b.body = "أعلنتْ قواتُ الدعم السريع السيطرة على مواقع بالخرطوم ونفى الجيش ذلك";
  c.body = "أعلنت قوات الدعم السريع السيطرة على مواقع في الخرطوم، ونفى الجيش ذلك.";
  auto ha = builder.build(a).body_hash;
  EXPECT_EQ(builder.build(b).body_hash, ha);
  EXPECT_NE(builder.build(c).body_hash, ha);
}

TEST(DocumentBuilder, ContentHashChangesWithTheRecordNotItsPlace) {
  DocumentBuilder builder({}, {});
  Record a = sample(), b = sample();
  b.origin = {"elsewhere.jsonl", 1};
  auto h = builder.build(a).content_hash;
  EXPECT_EQ(builder.build(b).content_hash, h);
  b.title += "!";
  EXPECT_NE(builder.build(b).content_hash, h);
}

}  // namespace
}  // namespace marsad::indexer

namespace marsad::indexer {
namespace {

/** Builders that tag, sharing one set of taggers, as the indexing threads do. */
class TaggingBuilderTest : public testing::Test {
 protected:
  static SharedTaggers taggers() {
    static const tag::EntityTagger entities(tag::Gazetteer::builtin());
    static const tag::ClaimTagger claims;
    return {&entities, &claims};
  }
};

TEST_F(TaggingBuilderTest, EntitiesAndClaimsBecomeFilterTermsFacetValuesAndStoredClaims) {
  DocumentBuilder builder({}, {}, taggers());
  Record r;
  r.id = "y-1";
  r.date = "2015-07-20";
  r.title = "قصف على عدن";
  r.body = "أعلنت وزارة الصحة اليمنية مقتل 12 مدنيا في قصف على مدينة عدن أمس.";
  AnalysedRecord out = builder.build(r);
  auto t = terms(out.document);
  // Aden rolls up to Yemen.
  EXPECT_TRUE(t.count(schema::term(schema::kPlacePrefix, "aden")));
  EXPECT_TRUE(t.count(schema::term(schema::kPlacePrefix, "yemen")));
  EXPECT_TRUE(t.count(schema::term(schema::kClaimPrefix, "casualties")));
  EXPECT_NE(out.document.get_value(schema::kPlacesSlot).find("aden"), std::string::npos);
  EXPECT_EQ(out.document.get_value(schema::kPlacesSlot).find("yemen"), std::string::npos)
      << "facet values hold what the text names, not ancestors";
  EXPECT_NE(out.document.get_value(schema::kClaimsSlot).find("casualties"), std::string::npos);
  // أمس resolves against the record's date.
  EXPECT_EQ(out.document.get_value(schema::kTextDateFromSlot), "20150719");

  auto data = nlohmann::json::parse(out.document.get_data());
  bool killed = false;
  for (const auto& claim : data[schema::record::kClaims]) {
    EXPECT_TRUE(claim.contains("field") && claim.contains("sentence"));
    for (const auto& figure : claim["figures"]) killed = killed || (figure["count"] == 12 && figure["what"] == "killed");
  }
  EXPECT_TRUE(killed) << data[schema::record::kClaims].dump();
  EXPECT_FALSE(data[schema::record::kEntities].empty());
}

TEST_F(TaggingBuilderTest, AnUndatedReportTakesTheEarliestDayItsTextNames) {
  DocumentBuilder builder({}, {}, taggers());
  Record r;
  r.id = "u-1";
  r.body = "اندلعت الاشتباكات في 27 سبتمبر 2020 واستمرت حتى 10 نوفمبر 2020 في إقليم ناغورني قره باغ.";
  AnalysedRecord out = builder.build(r);
  EXPECT_TRUE(out.has_date);
  auto t = terms(out.document);
  EXPECT_TRUE(t.count("D20200927"));
  EXPECT_TRUE(t.count(std::string(schema::kDateFromTextTerm)));
  EXPECT_FALSE(t.count(std::string(schema::kNoDateTerm)));
  auto data = nlohmann::json::parse(out.document.get_data());
  EXPECT_EQ(data[schema::record::kDate], "2020-09-27");
  EXPECT_EQ(data[schema::record::kDateFromText], true);
  EXPECT_EQ(data[schema::record::kTextDates]["to"], "2020-11-10");

  // A record with its own date keeps it, whatever the text names.
  r.date = "2020-12-01";
  auto dated = nlohmann::json::parse(builder.build(r).document.get_data());
  EXPECT_EQ(dated[schema::record::kDate], "2020-12-01");
  EXPECT_FALSE(dated.contains(schema::record::kDateFromText));
}

TEST_F(TaggingBuilderTest, WithoutTaggersDocumentsCarryWordsOnly) {
  DocumentBuilder builder({}, {});
  AnalysedRecord out = builder.build(sample());
  for (const std::string& term : terms(out.document)) {
    for (std::string_view prefix : {schema::kActorPrefix, schema::kPlacePrefix, schema::kClaimPrefix, schema::kClaimantPrefix})
      EXPECT_NE(term.rfind(prefix, 0), 0u) << term;
  }
  EXPECT_FALSE(nlohmann::json::parse(out.document.get_data()).contains(schema::record::kClaims));
}

}  // namespace
}  // namespace marsad::indexer

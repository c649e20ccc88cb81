#include "common/text/lexicon.h"

#include <gtest/gtest.h>

namespace marsad::text {
namespace {

TEST(Lexicon, BuiltinHoldsHunspellFormsAndGazetteerNames) {
  const Lexicon& lexicon = Lexicon::builtin();
  EXPECT_GT(lexicon.form_count(), 90000u);
  EXPECT_GT(lexicon.name_count(), 500u);
  ASSERT_NE(lexicon.lemma("وزير"), nullptr);
  EXPECT_EQ(*lexicon.lemma("وزير"), "وزير");
  EXPECT_TRUE(lexicon.is_name("بغداد"));
  EXPECT_TRUE(lexicon.is_name("لبنان"));
  EXPECT_EQ(lexicon.fingerprint().size(), 16u);
}

TEST(Lexicon, ConjugatedVerbsCarryTheirLemma) {
  const Lexicon& lexicon = Lexicon::builtin();
  ASSERT_NE(lexicon.lemma("يقصف"), nullptr);
  EXPECT_EQ(*lexicon.lemma("يقصف"), "قصف");
}

TEST(LexiconLoader, ReadsHunspellMorphologyAliases) {
  Lexicon lexicon;
  LexiconLoader loader(lexicon);
  // Alias 2 names the lemma of a conjugated form; forms are normalized (أ → ا).
  loader.load_hunspell("3\nكتاب/12\nيكتبون/5\t2\nأعلنت/7\t1\n",
                       "FLAG long\nAM 2\nAM st:أعلن is:pst\nAM st:كتب is:prst\n");
  EXPECT_EQ(*lexicon.lemma("كتاب"), "كتاب");
  EXPECT_EQ(*lexicon.lemma("يكتبون"), "كتب");
  EXPECT_EQ(*lexicon.lemma("اعلنت"), "اعلن");
  EXPECT_EQ(lexicon.lemma("كتب"), nullptr);
}

TEST(LexiconLoader, AnImperfectKeepsItsVerbLemmaOverANounReading) {
  Lexicon lexicon;
  lexicon.add_form("تشارك", "تشارك");
  lexicon.add_form("تشارك", "شارك", true);
  lexicon.add_form("تشارك", "تشارك");
  EXPECT_EQ(*lexicon.lemma("تشارك"), "شارك");
}

TEST(LexiconLoader, PrefersALemmaTheFormStartsWith) {
  Lexicon lexicon;
  lexicon.add_form("اكدت", "اكدي");
  lexicon.add_form("اكدت", "اكد");
  lexicon.add_form("اكدت", "كد");
  EXPECT_EQ(*lexicon.lemma("اكدت"), "اكد");
}

TEST(LexiconLoader, ReadsWhichFormsTakeTheFeminine) {
  Lexicon lexicon;
  LexiconLoader loader(lexicon);
  loader.load_hunspell("2\nجديد/2\nخط/1\n", "FLAG long\nAF 2\nAF TbTc # 1\nAF ADBBJA # 2\n");
  EXPECT_TRUE(lexicon.takes_feminine("جديد"));
  EXPECT_FALSE(lexicon.takes_feminine("خط"));
  EXPECT_TRUE(Lexicon::builtin().takes_feminine("جديد"));
}

TEST(LexiconLoader, PrefersTheFormItselfThenTheLongestLemma) {
  Lexicon lexicon;
  lexicon.add_form("يعلن", "علن");
  lexicon.add_form("يعلن", "اعلن");
  EXPECT_EQ(*lexicon.lemma("يعلن"), "اعلن");
  lexicon.add_form("قصف", "قصف");
  lexicon.add_form("قصف", "اقصف");
  EXPECT_EQ(*lexicon.lemma("قصف"), "قصف");
}

TEST(LexiconLoader, GazetteerGuardsOneWordPlacesWithAndWithoutArticle) {
  Lexicon lexicon;
  LexiconLoader loader(lexicon);
  lexicon.add_form("دعم", "دعم");
  loader.load_gazetteer("id\tkind\tcountry\tarabic\tenglish\n"
                        "mosul\tcity\tiraq\tالموصل\tMosul\n"
                        "karabakh\tregion\taz\tناغورنو كاراباخ|كاراباخ\tKarabakh\n",
                        true);
  loader.load_gazetteer("id\tkind\tcountry\tarabic\tenglish\n"
                        "rsf\tarmed-group\tsudan\tقوات الدعم السريع\tRSF\n"
                        "hemedti\tperson\tsudan\tمحمد حمدان دقلو|حميدتي\tHemedti\n",
                        false);
  EXPECT_TRUE(lexicon.is_name("الموصل"));
  EXPECT_TRUE(lexicon.is_name("موصل"));
  EXPECT_TRUE(lexicon.is_name("ناغورنو"));
  EXPECT_TRUE(lexicon.is_name("كاراباخ"));
  EXPECT_TRUE(lexicon.is_name("حميدتي"));
  // Ordinary words inside organisation names are not names.
  EXPECT_FALSE(lexicon.is_name("الدعم"));
  EXPECT_FALSE(lexicon.is_name("دعم"));
}

TEST(LexiconLoader, ReadsSpellingVariantsWithoutChains) {
  Lexicon lexicon;
  LexiconLoader loader(lexicon);
  loader.load_spelling_variants("# comment\nبوتن\tبوتين\tPutin\nأميركا\tأمريكا\tAmerica\nبوتينن\tبوتن\ta chain, refused\n");
  ASSERT_NE(lexicon.canonical_spelling("بوتن"), nullptr);
  EXPECT_EQ(*lexicon.canonical_spelling("بوتن"), "بوتين");
  ASSERT_NE(lexicon.canonical_spelling("اميركا"), nullptr);  // normalized
  EXPECT_EQ(*lexicon.canonical_spelling("اميركا"), "امريكا");
  EXPECT_EQ(lexicon.canonical_spelling("بوتينن"), nullptr);
  EXPECT_EQ(lexicon.canonical_spelling("بوتين"), nullptr);
}

TEST(Lexicon, BuiltinKnowsTheSpellingVariants) {
  const std::string* canonical = Lexicon::builtin().canonical_spelling("ترمب");
  ASSERT_NE(canonical, nullptr);
  EXPECT_EQ(*canonical, "ترامب");
}

}  // namespace
}  // namespace marsad::text

#include "common/text/stemmer.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/text/normalizer.h"

namespace marsad::text {
namespace {

struct Case {
  std::string core;
  std::string stem;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.core; }


class LightStemming : public testing::TestWithParam<Case> {};

TEST_P(LightStemming, StemsTheCore) {
  LightStemmer stemmer(Lexicon::builtin());
  Normalizer normalizer;
  EXPECT_EQ(stemmer.stem(normalizer.normalize(GetParam().core)), normalizer.normalize(GetParam().stem)) << GetParam().core;
}

INSTANTIATE_TEST_SUITE_P(
    Suffixes, LightStemming,
    testing::Values(
        Case{"مفاوضات", "مفاوضة"},   // feminine plural back to its singular
        Case{"غارات", "غارة"},        // not غار (cave)
        Case{"قوات", "قوات"},         // forces stay apart from قوة (strength)
        Case{"قوة", "قوة"},
        Case{"مدنيين", "مدني"},       // not مدن (cities)
        Case{"مدنيون", "مدني"},
        Case{"عسكرية", "عسكري"},      // feminine nisba to masculine
        Case{"جديدة", "جديد"},        // the feminine the lexicon inflects joins its adjective
        Case{"مدينة", "مدينة"},       // a feminine listed as its own word (city) stays apart from مدين
        Case{"يقصف", "قصف"},          // conjugated verb to its lemma
        Case{"قصفت", "قصف"},
        Case{"يطالبون", "طالب"},
        Case{"بغداد", "بغداد"},       // names are left whole
        Case{"حوثيين", "حوثي"},       // unknown word: plain suffix rule
        Case{"ردت", "رد"},            // a doubled verb keeps its two letters
        Case{"شنوا", "شن"},
        Case{"رمت", "رمي"},           // a weak verb's form takes the lexicon's lemma
        Case{"أنهت", "انهي"},         // a weak verb of the table over the sound verb its form reads as (أنه)
        Case{"أجروا", "اجري"},
        Case{"أكدت", "أكد"},          // a sound verb keeps its lemma (the lexicon also lists أكدى)
        Case{"نفت", "نفي"},           // a weak verb of the table over the lexicon's garbled lemma (فت)
        Case{"يردون", "رد"},          // an imperfect plural its singular's lemma
        Case{"جنوده", "جنوده"},       // no feminine of a plural (جنود + ه is the segmenter's)
        Case{"بوتن", "بوتين"},        // another spelling takes the canonical one's stem
        Case{"أميركيين", "أمريكي"}));

TEST(LightStemmer, UnknownWordsKeepThreeLetters) {
  Lexicon empty;
  LightStemmer stemmer(empty);
  EXPECT_EQ(stemmer.stem("مسيرات"), "مسيره");
  EXPECT_EQ(stemmer.stem("بات"), "بات");
  EXPECT_EQ(stemmer.stem("كزاخيين"), "كزاخي");
  EXPECT_EQ(stemmer.stem("زيدون"), "زيد");
  EXPECT_EQ(stemmer.attest("مسيرات"), Attestation::Unknown);
}

TEST(LightStemmer, AttestsThroughTheLexicon) {
  Lexicon lexicon;
  lexicon.add_form("غاره", "غاره");
  lexicon.add_form("يقصف", "قصف");
  lexicon.add_name("حلب");
  LightStemmer stemmer(lexicon);
  EXPECT_EQ(stemmer.attest("غاره"), Attestation::Lexicon);
  EXPECT_EQ(stemmer.attest("غارات"), Attestation::Derived);
  EXPECT_EQ(stemmer.attest("يقصف"), Attestation::Inflected);
  EXPECT_EQ(stemmer.attest("حلب"), Attestation::Name);
  EXPECT_EQ(stemmer.stem("غارات"), "غاره");
}

TEST(SnowballStemmer, WrapsXapianArabic) {
  SnowballStemmer stemmer(Lexicon::builtin());
  Xapian::Stem reference("arabic");
  EXPECT_EQ(stemmer.stem("معارك"), reference("معارك"));
  EXPECT_EQ(stemmer.kind(), StemmerKind::Snowball);
}

TEST(StemmerKind, ParsesNamesAndRejectsOthers) {
  EXPECT_EQ(parse_stemmer_kind("light"), StemmerKind::Light);
  EXPECT_EQ(parse_stemmer_kind("snowball"), StemmerKind::Snowball);
  EXPECT_THROW(parse_stemmer_kind("porter"), ConfigError);
}

}  // namespace
}  // namespace marsad::text

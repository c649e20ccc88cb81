#include "common/story/signature.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace marsad::story {
namespace {

// One dispatch, as an agency sends it: four paragraphs.
const std::string kLead =
    "أعلنت وزارة الصحة في تعز اليوم الثلاثاء مقتل أربعة عشر مدنيا وإصابة ثلاثين آخرين في قصف استهدف سوقا شعبيا "
    "في حي الجحملية وسط المدينة، وقالت إن بين القتلى ثلاثة أطفال وامرأتين. ";
const std::string kSecond =
    "وأوضح مدير مكتب الصحة في المحافظة أن سيارات الإسعاف نقلت الجرحى إلى مستشفى الثورة العام ومستشفى الروضة، "
    "وأن حالة ستة منهم حرجة، داعيا المنظمات الدولية إلى إرسال أدوية ومستلزمات طبية عاجلة. ";
const std::string kThird =
    "وتشهد المدينة منذ أسابيع اشتباكات متقطعة بين القوات الحكومية ومسلحي جماعة الحوثي في أحيائها الشرقية، "
    "فيما يعاني سكانها من نقص حاد في المياه والوقود بسبب الحصار المفروض على مداخلها. ";
const std::string kFourth =
    "وكانت الأمم المتحدة قد دعت الأسبوع الماضي جميع الأطراف إلى تجنيب المدنيين والمنشآت الطبية آثار القتال، "
    "وإلى فتح ممرات آمنة لإدخال المساعدات الإنسانية إلى المدينة المحاصرة. ";
const std::string kDispatch = kLead + kSecond + kThird + kFourth;

Signature signature_of(const std::string& text) {
  static text::Analyzer analyzer;
  std::vector<text::AnalyzedToken> tokens;
  analyzer.analyze(text, tokens);
  return Signature::of(tokens);
}

struct PairCase {
  const char* what;
  std::string a, b;
  bool same;
};
void PrintTo(const PairCase& c, std::ostream* os) { *os << c.what; }

class StoryPair : public testing::TestWithParam<PairCase> {};

TEST_P(StoryPair, IsOneStoryOrTwo) {
  const PairCase& c = GetParam();
  const Signature a = signature_of(c.a), b = signature_of(c.b);
  ASSERT_TRUE(a.comparable() && b.comparable()) << c.what;
  EXPECT_EQ(same_story(a, b, Thresholds{}).has_value(), c.same)
      << c.what << ": jaccard " << estimated_jaccard(a, b) << ", containment " << estimated_containment(a, b);
  EXPECT_EQ(same_story(b, a, Thresholds{}).has_value(), c.same) << c.what << " (the other way round)";
}

INSTANTIATE_TEST_SUITE_P(
    Copies, StoryPair,
    testing::Values(
        PairCase{"the same text", kDispatch, kDispatch, true},
        PairCase{"a copy with the outlet's dateline in front", kDispatch, "تعز - وكالات: " + kDispatch, true},
        PairCase{"a copy with hamza, ta marbuta and diacritics written otherwise",
                 kDispatch,
                 "اعلنت وزارة الصحه في تعز اليوم الثلاثاء مقتلَ أربعة عشر مدنياً وإصابة ثلاثين آخرين في قصف استهدف سوقاً شعبياً "
                 "في حي الجحملية وسط المدينة، وقالت ان بين القتلى ثلاثة اطفال وامرأتين. " + kSecond + kThird + kFourth,
                 true},
        PairCase{"a copy without its last paragraph", kDispatch, kLead + kSecond + kThird, true},
        PairCase{"a copy with a sentence of the outlet's own added",
                 kDispatch,
                 kLead + kSecond + "ولم تعلن أي جهة مسؤوليتها عن القصف حتى مساء اليوم. " + kThird + kFourth, true},
        PairCase{"the first half of a long report, carried alone", kDispatch, kLead + kSecond, true},
        PairCase{"another report of the same day's shelling in the same city",
                 kDispatch,
                 "قال شهود عيان في مدينة تعز إن قذائف سقطت صباح الثلاثاء على سوق مزدحم في حي الجحملية، ما أدى إلى سقوط "
                 "عدد من القتلى والجرحى بين المتسوقين. وأضاف الشهود أن النيران اشتعلت في عدد من المحلات التجارية وأن "
                 "فرق الدفاع المدني عملت لساعات على إخمادها، فيما تبادل طرفا القتال الاتهامات بالمسؤولية عن الهجوم "
                 "الذي يعد الأعنف منذ بداية الشهر.",
                 false},
        PairCase{"a report that shares one background paragraph only",
                 kDispatch,
                 "وصل وفد من منظمة الصحة العالمية إلى عدن أمس الأربعاء قادما من جيبوتي على متن طائرة تحمل عشرين طنا من "
                 "الأدوية، ومن المقرر أن يتوجه إلى لحج وأبين خلال الأيام المقبلة لتقييم حاجة المستشفيات هناك. " + kFourth,
                 false}));

TEST(Signature, ATextOfFewWordsIsNotCompared) {
  const Signature short_text = signature_of("قتل ثلاثة في تعز اليوم");
  EXPECT_FALSE(short_text.comparable());
  EXPECT_TRUE(short_text.candidate_keys().empty());
  EXPECT_FALSE(same_story(short_text, short_text, Thresholds{}).has_value());
}

TEST(Signature, ReadsBackWhatItStores) {
  const Signature s = signature_of(kDispatch);
  std::optional<Signature> back = Signature::parse(s.serialise());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->samples, s.samples);
  EXPECT_EQ(back->shingles, s.shingles);
  EXPECT_FALSE(Signature::parse("not a signature").has_value());
  EXPECT_FALSE(Signature::parse(s.serialise().substr(1)).has_value());
}

TEST(Signature, CopiesShareCandidateKeysAndOthersDoNot) {
  const auto keys = signature_of(kDispatch).candidate_keys();
  ASSERT_GE(keys.size(), 2u);  // some samples and the opening's
  EXPECT_EQ(signature_of(kDispatch).candidate_keys(), keys);
  // A copy's keys are the original's, but for what it cut; the opening's key is the last.
  const auto cut = signature_of(kLead + kSecond + kThird).candidate_keys();
  EXPECT_EQ(cut.back(), keys.back());
  for (std::uint64_t key : cut) EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end());
  const auto other = signature_of(kFourth + kThird + kSecond).candidate_keys();
  EXPECT_NE(other.back(), keys.back());
}

TEST(Signature, SamplesAboutOneShingleInFour) {
  const Signature s = signature_of(kDispatch + kDispatch + " " + kFourth);
  EXPECT_GE(s.samples.size() * kSampleRate, s.shingles / 2);
  EXPECT_LE(s.samples.size() * kSampleRate, s.shingles * 2);
  EXPECT_TRUE(std::is_sorted(s.samples.begin(), s.samples.end()));
}

TEST(Signature, EstimatesAgreeWithTheSetsOnIdenticalAndDisjointTexts) {
  const Signature a = signature_of(kDispatch);
  EXPECT_DOUBLE_EQ(estimated_jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(estimated_containment(a, a), 1.0);
  const Signature b = signature_of("انخفضت أسعار النفط في الأسواق العالمية أمس بعد صدور بيانات عن ارتفاع المخزونات الأمريكية "
                                   "للأسبوع الثالث على التوالي، وتراجع خام برنت إلى أدنى مستوى له منذ ستة أشهر.");
  EXPECT_LT(estimated_jaccard(a, b), 0.05);
}

TEST(Thresholds, DescribeNamesEverySetting) {
  Thresholds t;
  t.jaccard = 0.55;
  t.containment = 0.8;
  t.max_days_apart = 2;
  EXPECT_EQ(t.describe(),
            "mod-4 sample of 3-word shingles, keys mod 24, jaccard >= 0.55 or containment >= 0.80, within 2 days of "
            "the first report");
}

}  // namespace
}  // namespace marsad::story

#include "common/tag/claims.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "common/tag/dates.h"
#include "common/tag/numbers.h"
#include "common/tag/sentences.h"

namespace marsad::tag {
namespace {

// ---------------------------------------------------------------------------------------------
// The specification: sentences in wire style and the claims they make.
// Entities are given by hand (surface as written, kind, role), so that these cases test the claim
// tagger alone; a claimant is written as its surface, "" for unattributed narration.
// ---------------------------------------------------------------------------------------------

struct Ent {
  std::string surface;
  EntityKind kind;
  Role role = Role::Actor;
};

struct Fig {
  std::optional<std::int64_t> count;
  std::string what;
  std::string group = "";
  std::string qualifier = "";
  std::vector<Fig> breakdown = {};
  std::string vague = "";
};

struct Expected {
  std::string type;
  std::string claimant = "";
  std::vector<Fig> figures = {};
  bool negated = false;
  bool unverified = false;
  bool historical = false;
};

struct Case {
  const char* rule;
  std::string text;
  std::vector<Ent> entities;
  std::vector<Expected> claims;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule; }

constexpr auto State = EntityKind::StateForce;
constexpr auto Armed = EntityKind::ArmedGroup;
constexpr auto Gov = EntityKind::Government;
constexpr auto Person = EntityKind::Person;
constexpr auto Org = EntityKind::InternationalOrg;
constexpr auto Ngo = EntityKind::Ngo;
constexpr auto Media = EntityKind::Media;
constexpr auto Country = EntityKind::Country;
constexpr auto City = EntityKind::City;

const Case kCases[] = {
    // --- casualties and their figures ---
    {"a toll with its counted noun", "قتل 12 مدنيا في غارة جوية على سوق شعبي في البلدة.", {},
     {{"casualties", "", {{12, "killed", "civilians"}}}, {"attack"}}},
    {"the accusative noun after 11-99 says killed by itself", "وسقط 27 قتيلا في المواجهات بين الطرفين.", {},
     {{"casualties", "", {{27, "killed"}}}, {"attack"}}},
    {"a past feminine verb counts as killed: قتلت 2300",
     "وقالت وزارة الصحة إن الغارات قتلت 2300 مدني منذ بداية الحملة.", {{"وزارة الصحة", Gov}},
     {{"casualties", "وزارة الصحة", {{2300, "killed", "civilians"}}}, {"attack", "وزارة الصحة"}}},
    {"a number in words and a qualifier before it", "أفادت مصادر طبية بمقتل أكثر من عشرين شخصا في القصف.", {},
     {{"casualties", "مصادر طبية", {{20, "killed", "", "more_than"}}}, {"attack", "مصادر طبية"}}},
    {"a qualifier after the number", "قتل 21 مدنيا على الأقل وأصيب نحو 70 آخرين في قصف صاروخي على المدينة.", {},
     {{"casualties", "", {{21, "killed", "civilians", "at_least"}, {70, "wounded", "", "about"}}}, {"attack"}}},
    {"the qualifier belongs to the figure: official and partial",
     "قتل 12 مدنيا في قصف على البلدة، بحسب حصيلة رسمية، قد تكون جزئية.", {},
     {{"casualties", "", {{12, "killed", "civilians", "official; partial"}}}, {"attack"}}},
    {"a total and its parts are one figure with a breakdown",
     "وأعلن الجيش مقتل 103 أشخاص، بينهم 81 مقاتلا و22 مدنيا.", {{"الجيش", State}},
     {{"casualties", "الجيش",
       {{103, "killed", "", "", {{81, "killed", "fighters"}, {22, "killed", "civilians"}}}}}}},
    {"a part named after the total with منهم", "وأحصت السلطات سقوط 32 قتيلا، سبعة منهم مدنيون.", {},
     {{"casualties", "", {{32, "killed", "", "", {{7, "killed", "civilians"}}}}}}},
    {"a toll reaches its number through إلى, clauses away",
     "وأعلنت وزارة الدفاع أن حصيلة القتلى في صفوف قوات الإقليم ارتفعت إلى 158 منذ يوم الأحد.", {{"وزارة الدفاع", State}},
     {{"casualties", "وزارة الدفاع", {{158, "killed"}}}}},
    {"a toll's own noun with an enclitic says what it counts: قتلاها",
     "وقالت السلطات إن حصيلة قتلاها ارتفعت إلى 84 منذ بدء القتال.", {{"السلطات", Gov}},
     {{"casualties", "السلطات", {{84, "killed"}}}}},
    {"إلى without a toll is no figure", "ودعا الوزير إلى هدنة لمدة 3 أيام.", {{"الوزير", Person}},
     {{"ceasefire_call", "الوزير"}}},
    {"vague counts stay vague", "قتل عشرات المدنيين في قصف مدفعي على الحي.", {},
     {{"casualties", "", {{std::nullopt, "killed", "civilians", "", {}, "dozens"}}}, {"attack"}}},
    {"one of them counts 1", "وأدى القصف إلى استشهاد أحد المواطنين وإصابة ثلاثة آخرين.", {},
     {{"casualties", "", {{1, "killed"}, {3, "wounded"}}}, {"attack"}}},
    {"a dual noun counts two", "قتل جنديين في هجوم على نقطة تفتيش.", {},
     {{"casualties", "", {{2, "killed", "soldiers"}}}, {"attack"}}},
    {"killed and wounded together are not a killed figure", "وأسفر الانفجار عن مقتل وجرح 15 شخصا.", {},
     {{"attack"}, {"casualties", "", {{15, "casualties"}}}}},
    {"a partitive count: N of the fighters", "وقالت الشرطة إن أربعة من عناصرها قتلوا في الكمين.", {{"الشرطة", State}},
     {{"casualties", "الشرطة", {{4, "killed", "fighters"}}}, {"attack", "الشرطة"}}},
    {"a historical toll is marked historical",
     "وأسفرت حرب وقعت في الإقليم بداية التسعينيات عن مقتل 30 ألف شخص.", {},
     {{"casualties", "", {{30000, "killed"}}, false, false, true}}},
    {"a year of the last century makes history", "وفي عام 1991 قتل آلاف الجنود في الحرب.", {},
     {{"casualties", "", {{std::nullopt, "killed", "soldiers", "", {}, "thousands"}}, false, false, true}}},
    {"durations, ages and sums are not figures",
     "قتل رجل يبلغ من العمر 45 عاما في قصف استمر عشر ساعات وكلف 3 ملايين دولار.", {},
     {{"casualties"}, {"attack"}}},
    {"captives and missing", "وأعلنت الحركة أسر 6 جنود، فيما لا يزال 3 آخرون في عداد المفقودين.", {{"الحركة", Armed}},
     {{"casualties", "الحركة", {{6, "captured", "soldiers"}, {3, "missing"}}}}},
    // --- destruction ---
    {"destroyed tanks: دمرت 130 دبابة", "وأكد المتحدث العسكري أن القوات دمرت 130 دبابة خلال أسبوع.", {},
     {{"destruction", "المتحدث العسكري", {{130, "destroyed_tanks"}}}}},
    {"downed aircraft and drones",
     "وقالت وزارة الدفاع إن دفاعاتها الجوية أسقطت أربع مروحيات و15 طائرة مسيرة.", {{"وزارة الدفاع", State}},
     {{"destruction", "وزارة الدفاع", {{4, "destroyed_aircraft"}, {15, "destroyed_drones"}}}}},
    {"destroyed buildings", "ودمر القصف 40 منزلا في القرية.", {},
     {{"attack"}, {"destruction", "", {{40, "destroyed_buildings"}}}}},
    // --- attack ---
    {"shelling and strikes with their counts", "وشنت الطائرات 12 غارة على مواقع المسلحين.", {},
     {{"attack", "", {{12, "strikes"}}}}},
    {"clashes reported by a monitor", "أفاد المرصد السوري لحقوق الإنسان باندلاع اشتباكات عنيفة في ريف المدينة.",
     {{"المرصد السوري لحقوق الإنسان", Ngo}}, {{"attack", "المرصد السوري لحقوق الإنسان"}}},
    {"a foiled attack is no attack", "وأحبطت القوات هجوما بسيارة مفخخة على مقر الشرطة.", {}, {}},
    {"an attack planned is no attack", "وتستعد القوات لشن هجوم على المدينة بهدف استعادة السيطرة عليها.", {}, {}},
    {"sport: attack and a strong blow are not war", "وسجل المهاجم هدفا بعد هجوم منظم، ووجه الفريق ضربة قوية لمنافسه.",
     {}, {}},
    {"economy: losses and a collapse are not war", "وتكبدت البورصة خسائر كبيرة مع تراجع أسعار النفط.", {}, {}},
    {"a road accident is no casualty of the conflict", "لقي ثلاثة أشخاص مصرعهم في حادث مروري على الطريق السريع.",
     {}, {}},
    {"an event used to date something is not claimed", "وعاد السكان إلى منازلهم بعد تحرير المدينة.", {}, {}},
    // --- territorial ---
    {"control gained", "وسيطرت قوات الحكومة على سبع قرى في محيط المدينة.", {{"قوات الحكومة", State}},
     {{"territorial"}}},
    {"a withdrawal announced", "وأعلنت الجماعة انسحاب مقاتليها من البلدة.", {{"الجماعة", Armed}},
     {{"territorial", "الجماعة"}}},
    {"who holds a place, said in passing, is not claimed",
     "وقصفت الطائرات مواقع يسيطر عليها المسلحون في الجبل.", {}, {{"attack"}}},
    {"a shell falling is an attack, not the fall of a town", "وسقطت قذيفة على حي سكني دون وقوع إصابات.", {},
     {{"attack"}, {"casualties", "", {}, true}}},
    // --- ceasefire, mediation, refusal ---
    {"a call for a ceasefire and talks",
     "ودعا الأمين العام للأمم المتحدة إلى وقف فوري لإطلاق النار والعودة إلى طاولة المفاوضات.",
     {{"للأمم المتحدة", Org}}, {{"ceasefire_call", "الأمم المتحدة"}, {"mediation", "الأمم المتحدة"}}},
    {"a truce announced", "وأعلن التحالف هدنة إنسانية لمدة خمسة أيام.", {{"التحالف", State}},
     {{"ceasefire_call", "التحالف"}}},
    {"refusing a truce is refusal plus ceasefire_call", "ورفض المتمردون الهدنة التي اقترحها الوسطاء.", {},
     {{"refusal", "المتمردون"}, {"ceasefire_call", "المتمردون"}, {"mediation", "المتمردون"}}},
    {"a truce only named in passing is no call", "وتواصلت الاشتباكات خلال فترة الهدنة.", {}, {{"attack"}}},
    {"an envoy's talks", "وبدأ المبعوث الأممي جولة مشاورات جديدة مع الأطراف في العاصمة.", {}, {{"mediation"}}},
    // --- denial and negation ---
    {"a denial is denial plus the denied type, negated",
     "ونفت وزارة الدفاع الروسية قصف أحياء سكنية في المدينة.", {{"وزارة الدفاع الروسية", State}},
     {{"denial", "وزارة الدفاع الروسية"}, {"attack", "وزارة الدفاع الروسية", {}, true}}},
    {"a participle continues the speaker and its denial",
     "وأعلنت الوزارة أن قواتها تقدمت نحو البلدة، نافية سقوط أي قتلى في صفوفها.", {{"الوزارة", Gov}},
     {{"territorial", "الوزارة"}, {"denial", "الوزارة"}, {"casualties", "الوزارة", {}, true}}},
    {"a negated verb", "ولم يقتل أحد في الهجوم الذي استهدف الدورية.", {},
     {{"casualties", "", {}, true}, {"attack"}}},
    {"no casualties", "واستهدف صاروخ مبنى حكوميا دون وقوع إصابات، بحسب الدفاع المدني.", {{"الدفاع المدني", Gov}},
     {{"attack", "الدفاع المدني"}, {"casualties", "الدفاع المدني", {}, true}}},
    {"a report called baseless is negated",
     "وقال الجيش إن الأنباء عن مقتل جنوده في الكمين عارية عن الصحة.", {{"الجيش", State}},
     {{"casualties", "الجيش", {}, true}, {"attack", "الجيش", {}, true}, {"denial", "الجيش"}}},
    // --- unverifiability ---
    {"the note in the same sentence marks the claim",
     "وقال ناشطون إن 9 مدنيين قتلوا في القصف، ولم يتسن التحقق من ذلك من مصدر مستقل.", {},
     {{"casualties", "ناشطون", {{9, "killed", "civilians"}}, false, true}, {"attack", "ناشطون", {}, false, true}}},
    {"the note covers the claims of its paragraph",
     "وقالت الجماعة إن مقاتليها قتلوا 14 جنديا. وأعلن الجيش مقتل 30 مسلحا. ولم يتسن التحقق من أرقام الطرفين.",
     {{"الجماعة", Armed}, {"الجيش", State}},
     {{"casualties", "الجماعة", {{14, "killed", "soldiers"}}, false, true},
      {"casualties", "الجيش", {{30, "killed", "fighters"}}, false, true}}},
    // --- claimants and attribution ---
    {"two claimants with contradictory figures",
     "وأعلن الجيش مقتل 40 مسلحا، في حين قالت قوات الدعم السريع إن 5 فقط من عناصرها قتلوا.",
     {{"الجيش", State}, {"قوات الدعم السريع", Armed}},
     {{"casualties", "الجيش", {{40, "killed", "fighters"}}}, {"casualties", "قوات الدعم السريع", {{5, "killed"}}}}},
    {"بحسب names the source of the whole sentence", "وقتل خمسة جنود في انفجار لغم، بحسب وزارة الداخلية.",
     {{"وزارة الداخلية", Gov}},
     {{"casualties", "وزارة الداخلية", {{5, "killed", "soldiers"}}}, {"attack", "وزارة الداخلية"}}},
    {"وفقا لـ with the source as a clitic", "وأصيب عشرة أشخاص في القصف، وفقا لمصادر محلية.", {},
     {{"casualties", "مصادر محلية", {{10, "wounded"}}}, {"attack", "مصادر محلية"}}},
    {"نقلا عن", "وذكرت الوكالة نقلا عن مصدر أمني أن مسلحين هاجموا نقطة عسكرية.", {}, {{"attack", "الوكالة"}}},
    {"ذكر with a medium", "وذكرت وكالة الأنباء الرسمية أن الطيران قصف مخازن أسلحة.", {{"وكالة الأنباء الرسمية", Media}},
     {{"attack", "وكالة الأنباء الرسمية"}}},
    {"a subject before its verb", "والجيش قال إن قواته استعادت السيطرة على المطار.", {{"والجيش", State}},
     {{"territorial", "الجيش"}}},
    {"زعم keeps its claimant", "وزعمت الجماعة أنها أسقطت طائرة حربية.", {{"الجماعة", Armed}},
     {{"destruction", "الجماعة"}}},
    {"a person after a title and an organisation",
     "وقال المتحدث باسم الجيش العميد أحمد سالم إن الطيران نفذ 20 غارة.", {{"الجيش", State}, {"أحمد سالم", Person}},
     {{"attack", "أحمد سالم", {{20, "strikes"}}}}},
    {"أضاف continues the previous speaker",
     "قال المتحدث باسم الجيش إن القوات سيطرت على ثلاث قرى. وأضاف أن الطيران دمر 4 آليات.", {{"الجيش", State}},
     {{"territorial", "الجيش"}, {"destruction", "الجيش", {{4, "destroyed_vehicles"}}}}},
    // --- the other types ---
    {"foreign fighters and arms supplies",
     "واتهمت الحكومة إيران بإرسال شحنات أسلحة ومرتزقة إلى المتمردين.", {{"الحكومة", Gov}, {"إيران", Country}},
     {{"foreign_involvement", "الحكومة"}}},
    {"mobilisation", "وأعلنت الحكومة التعبئة العامة ودفعت بتعزيزات عسكرية إلى الجبهة.", {{"الحكومة", Gov}},
     {{"mobilisation", "الحكومة"}}},
    {"a threat", "وهدد قائد الجماعة برد قاس إذا استمر القصف.", {{"الجماعة", Armed}},
     {{"threat", "الجماعة"}}},
    {"displacement with its count", "وقالت الأمم المتحدة إن القتال أدى إلى نزوح 5000 أسرة.", {{"الأمم المتحدة", Org}},
     {{"attack", "الأمم المتحدة"}, {"humanitarian", "الأمم المتحدة", {{5000, "displaced", "families"}}}}},
    {"a hospital under siege is humanitarian", "وحذرت المنظمة من نفاد الأدوية في المستشفيات المحاصرة.",
     {{"المنظمة", Ngo}}, {{"humanitarian", "المنظمة"}}},
    {"places and the date of a claim", "وقتل 3 مدنيين في قصف على مدينة حلب.", {{"حلب", City, Role::Place}},
     {{"casualties", "", {{3, "killed", "civilians"}}}, {"attack"}}},
};

// ---------------------------------------------------------------------------------------------
// Running a case.
// ---------------------------------------------------------------------------------------------

text::Analyzer& analyzer() {
  static text::Analyzer instance;
  return instance;
}

const ClaimTagger& claim_tagger() {
  static const ClaimTagger instance;
  return instance;
}

/** The hand-given entities found in [begin, end) of the text, with their token ranges. */
std::vector<EntityMention> place_entities(const std::string& text, const std::vector<text::AnalyzedToken>& tokens,
                                          const SentenceSpan& span, const std::vector<Ent>& given) {
  std::vector<EntityMention> out;
  for (const Ent& e : given) {
    std::size_t at = text.find(e.surface, span.begin);
    if (at == std::string::npos || at + e.surface.size() > span.end) continue;
    EntityMention m;
    m.begin = at;
    m.end = at + e.surface.size();
    m.kind = e.kind;
    m.role = e.role;
    m.id = std::string(EntityMention::kUnlinkedPrefix) + e.surface;
    bool first = true;
    for (std::size_t i = span.first_token; i <= span.last_token; ++i) {
      if (tokens[i].token.begin >= m.begin && tokens[i].token.end <= m.end) {
        if (first) m.first_token = i;
        m.last_token = i;
        first = false;
      }
    }
    if (!first) out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const EntityMention& a, const EntityMention& b) { return a.begin < b.begin; });
  return out;
}

/** Splits, finds numbers and dates, and tags claims sentence by sentence as the tagger does. */
std::vector<TaggedSentence> tag_text(const std::string& text, const std::vector<Ent>& entities) {
  std::vector<text::AnalyzedToken> tokens = analyzer().analyze(text);
  NumberRecognizer numbers;
  DateRecognizer dates;
  std::vector<NumberMention> all_numbers = numbers.find(text, tokens);
  std::vector<DateMention> all_dates = dates.find(text, tokens, date::CivilDate{2024, 5, 20});
  std::vector<SentenceSpan> spans = split_sentences(text, tokens);
  std::vector<TaggedSentence> sentences;
  sentences.reserve(spans.size());
  for (const SentenceSpan& span : spans) {
    TaggedSentence& s = sentences.emplace_back();
    s.begin = span.begin;
    s.end = span.end;
    s.first_token = span.first_token;
    s.last_token = span.last_token;
    s.entities = place_entities(text, tokens, span, entities);
    for (const DateMention& d : all_dates)
      if (d.first_token >= span.first_token && d.first_token <= span.last_token) s.dates.push_back(d);
    std::vector<NumberMention> in_sentence;
    for (const NumberMention& n : all_numbers)
      if (n.first_token >= span.first_token && n.first_token <= span.last_token) in_sentence.push_back(n);
    ClaimContext context;
    if (sentences.size() > 1) {
      context.previous = &sentences[sentences.size() - 2];
      context.paragraph = std::span<TaggedSentence>(sentences.data(), sentences.size() - 1);
    }
    claim_tagger().tag(text, tokens, in_sentence, s, context);
  }
  return sentences;
}

std::string describe(const Fig& f) {
  std::ostringstream os;
  if (f.count) os << *f.count;
  else os << '~' << f.vague;
  os << ' ' << f.what;
  if (!f.group.empty()) os << "/" << f.group;
  if (!f.qualifier.empty()) os << " (" << f.qualifier << ")";
  if (!f.breakdown.empty()) {
    os << " [";
    for (const Fig& part : f.breakdown) os << describe(part) << ";";
    os << "]";
  }
  return os.str();
}

Fig as_fig(const Figure& f) {
  Fig out{f.count, f.what, f.group, f.qualifier, {}, f.vague};
  for (const Figure& part : f.breakdown) out.breakdown.push_back(as_fig(part));
  return out;
}

std::string describe(const Expected& c) {
  std::ostringstream os;
  os << c.type << " by \"" << c.claimant << '"';
  for (const Fig& f : c.figures) os << ' ' << describe(f);
  if (c.negated) os << " negated";
  if (c.unverified) os << " unverified";
  if (c.historical) os << " historical";
  return os.str();
}

std::multiset<std::string> found_claims(const std::vector<TaggedSentence>& sentences) {
  std::multiset<std::string> out;
  for (const TaggedSentence& s : sentences)
    for (const Claim& claim : s.claims) {
      Expected e{claim.type, claim.claimant_surface, {}, claim.negated, claim.unverified, claim.historical};
      for (const Figure& f : claim.figures) e.figures.push_back(as_fig(f));
      out.insert(describe(e));
    }
  return out;
}

class ClaimSpecification : public testing::TestWithParam<Case> {};

TEST_P(ClaimSpecification, FindsTheClaimsTheSentenceMakes) {
  const Case& c = GetParam();
  std::multiset<std::string> expected;
  for (const Expected& e : c.claims) expected.insert(describe(e));
  EXPECT_EQ(found_claims(tag_text(c.text, c.entities)), expected) << c.rule << "\n" << c.text;
}

TEST_P(ClaimSpecification, ClaimsPointIntoTheirSentence) {
  const Case& c = GetParam();
  for (const TaggedSentence& s : tag_text(c.text, c.entities)) {
    for (const Claim& claim : s.claims) {
      EXPECT_GE(claim.cue_begin, s.begin);
      EXPECT_LE(claim.cue_end, s.end);
      if (claim.claimant) {
        EXPECT_LT(*claim.claimant, s.entities.size());
      }
      for (std::size_t p : claim.places) EXPECT_EQ(s.entities.at(p).role, Role::Place);
      if (claim.date) {
        EXPECT_LT(*claim.date, s.dates.size());
      }
      for (const Figure& f : claim.figures) {
        EXPECT_GE(f.begin, s.begin);
        EXPECT_LE(f.end, s.end);
        EXPECT_NE(f.count.has_value(), !f.vague.empty()) << describe(as_fig(f));
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ClaimCases, ClaimSpecification, testing::ValuesIn(kCases));

TEST(ClaimTagger, NamedClaimantIsAnIndexIntoTheEntities) {
  std::vector<TaggedSentence> sentences =
      tag_text("وقال الجيش إن 5 جنود قتلوا في هجوم.", {{"الجيش", EntityKind::StateForce}});
  ASSERT_EQ(sentences.size(), 1u);
  ASSERT_FALSE(sentences[0].claims.empty());
  for (const Claim& claim : sentences[0].claims) {
    ASSERT_TRUE(claim.claimant.has_value()) << claim.type;
    EXPECT_EQ(sentences[0].entities[*claim.claimant].id, "unlinked:الجيش");
  }
}

TEST(ClaimTagger, PlacesAndDateOfTheSentence) {
  std::vector<TaggedSentence> sentences =
      tag_text("وقتل 3 مدنيين في قصف على مدينة حلب أمس.", {{"حلب", EntityKind::City, Role::Place}});
  ASSERT_EQ(sentences.size(), 1u);
  ASSERT_FALSE(sentences[0].claims.empty());
  for (const Claim& claim : sentences[0].claims) {
    ASSERT_EQ(claim.places.size(), 1u) << claim.type;
    EXPECT_TRUE(claim.date.has_value()) << claim.type;
  }
}

TEST(ClaimTagger, SentenceWithoutTokensGetsNoClaim) {
  TaggedSentence empty;
  empty.first_token = 1;
  empty.last_token = 0;
  std::vector<text::AnalyzedToken> tokens;
  claim_tagger().tag("", tokens, {}, empty, {});
  EXPECT_TRUE(empty.claims.empty());
}

// ---------------------------------------------------------------------------------------------
// The shared tagging cases: claim types per case, micro-averaged over (case, type) pairs. The cases
// need the entity tagger for claimants; the types do not, so this measures the claim tagger alone.
// ---------------------------------------------------------------------------------------------

/** What the claim tagger reaches on the cases, less a little room for changes elsewhere in the chain. */
constexpr double kTaggingCasesFloor = 0.83;

TEST(ClaimTagger, TaggingCasesClaimTypes) {
  std::ifstream in(MARSAD_SOURCE_DIR "/tests/common/data/tagging_cases.jsonl");
  ASSERT_TRUE(in) << "tagging_cases.jsonl not found";
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0, cases = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json c = nlohmann::json::parse(line);
    ++cases;
    std::set<std::string> expected, found;
    for (const auto& claim : c["claims"]) expected.insert(claim["type"].get<std::string>());
    std::vector<Ent> entities;
    for (const auto& e : c["entities"]) {
      std::string kind = e["kind"].get<std::string>();
      std::string role = e["role"].get<std::string>();
      entities.push_back({e["surface"].get<std::string>(), parse_entity_kind(kind).value_or(EntityKind::Country),
                          role == "place" ? Role::Place : Role::Actor});
    }
    for (const TaggedSentence& s : tag_text(c["text"].get<std::string>(), entities))
      for (const Claim& claim : s.claims) found.insert(claim.type);
    for (const std::string& type : found) (expected.count(type) ? true_positives : false_positives) += 1;
    for (const std::string& type : expected) false_negatives += found.count(type) ? 0 : 1;
  }
  EXPECT_EQ(cases, 157u);
  double f1 = 2.0 * true_positives / (2.0 * true_positives + false_positives + false_negatives);
  std::cout << "tagging cases: claim-type micro-F1 " << f1 << " (" << true_positives << " right, " << false_positives
            << " extra, " << false_negatives << " missed)\n";
  EXPECT_GE(f1, kTaggingCasesFloor);
}

}  // namespace
}  // namespace marsad::tag

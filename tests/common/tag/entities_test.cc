#include "common/tag/entities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/tag/claims.h"
#include "common/tag/sentences.h"
#include "common/tag/tagger.h"

namespace marsad::tag {
namespace {

const EntityTagger& tagger() {
  static const EntityTagger t(Gazetteer::builtin());
  return t;
}

std::vector<EntityMention> tag_text(const std::string& text) {
  text::Analyzer analyzer;
  std::vector<text::AnalyzedToken> tokens = analyzer.analyze(text);
  if (tokens.empty()) return {};
  return tagger().find(text, tokens, 0, tokens.size() - 1);
}

std::string surface(const std::string& text, const EntityMention& m) { return text.substr(m.begin, m.end - m.begin); }

/** "[surface id role] ", for failure messages. */
std::string describe(const std::string& text, const EntityMention& m) {
  std::string out(1, '[');
  out.append(text, m.begin, m.end - m.begin).append(1, ' ').append(m.id).append(1, ' ');
  out.append(to_string(m.role)).append("] ");
  return out;
}

/** Every entity of a text of several sentences, found sentence by sentence with `memory` (or none). */
std::vector<EntityMention> tag_document(const std::string& text, EntityMemory* memory) {
  text::Analyzer analyzer;
  std::vector<text::AnalyzedToken> tokens = analyzer.analyze(text);
  std::vector<EntityMention> out;
  for (const SentenceSpan& span : split_sentences(text, tokens))
    for (EntityMention& m : tagger().find(text, tokens, span.first_token, span.last_token, memory))
      out.push_back(std::move(m));
  return out;
}

/** An entity a sentence must yield: its surface as written, its id and its role. */
struct Expected {
  std::string surface;
  std::string id;
  Role role;
};

struct EntityCase {
  std::string text;
  std::vector<Expected> expected;
  std::vector<std::string> absent;  // surfaces that must not be tagged
};

void PrintTo(const EntityCase& c, std::ostream* os) { *os << c.text; }

class EntitySpec : public ::testing::TestWithParam<EntityCase> {};

TEST_P(EntitySpec, FindsTheEntitiesOfTheSentence) {
  const EntityCase& c = GetParam();
  std::vector<EntityMention> found = tag_text(c.text);
  std::string listing;
  for (const EntityMention& m : found) listing += describe(c.text, m);
  for (const Expected& e : c.expected) {
    bool hit = false;
    for (const EntityMention& m : found)
      if (surface(c.text, m) == e.surface && m.id == e.id) {
        hit = true;
        EXPECT_EQ(m.role, e.role) << e.surface << " in: " << c.text;
      }
    EXPECT_TRUE(hit) << e.surface << " → " << e.id << " in: " << c.text << "\nfound: " << listing;
  }
  for (const std::string& a : c.absent)
    for (const EntityMention& m : found) EXPECT_NE(surface(c.text, m), a) << "tagged as " << m.id << " in: " << c.text;
}

constexpr Role kActor = Role::Actor, kPlace = Role::Place;

INSTANTIATE_TEST_SUITE_P(
    Clitics, EntitySpec,
    ::testing::Values(
        // Proclitics stay in the surface and come off for lookup.
        EntityCase{"تبادلت يريفان وباكو الاتهامات بخرق الهدنة",
                   {{"يريفان", "armenia", kActor}, {"وباكو", "azerbaijan", kActor}},
                   {}},
        EntityCase{"قالت موسكو إنها الحليفة العسكرية لأرمينيا",
                   {{"موسكو", "russia", kActor}, {"لأرمينيا", "armenia", kActor}},
                   {}},
        EntityCase{"تظاهر آلاف المحتجين بيريفان مساء الأحد", {{"بيريفان", "yerevan", kPlace}}, {}},
        EntityCase{"سقطت قذائف على أحياء بالخرطوم وفي أم درمان",
                   {{"بالخرطوم", "khartoum", kPlace}, {"أم درمان", "omdurman", kPlace}},
                   {}},
        EntityCase{"وقدمت طهران دعما لحزب الله وللحوثيين",
                   {{"طهران", "iran", kActor}, {"لحزب الله", "hezbollah", kActor}, {"وللحوثيين", "houthis", kActor}},
                   {}},
        // A descriptor belongs to the surface only when the gazetteer lists it with the name.
        EntityCase{"وصلت قافلة مساعدات إلى مدينة حلب", {{"مدينة حلب", "aleppo", kPlace}}, {}}));

INSTANTIATE_TEST_SUITE_P(LongestName, EntitySpec,
                         ::testing::Values(
                             // Multi-word names win over the names nested in them.
                             EntityCase{"تجددت الاشتباكات في ناغورني قره باغ فجر اليوم",
                                        {{"ناغورني قره باغ", "nagorno-karabakh", kPlace}},
                                        {"قره باغ"}},
                             EntityCase{"عقد مجلس الأمن الدولي جلسة طارئة بشأن غزة",
                                        {{"مجلس الأمن الدولي", "unsc", kActor}, {"غزة", "gaza", kPlace}},
                                        {"مجلس الأمن"}},
                             EntityCase{"أعلن مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية وصول الشاحنات",
                                        {{"مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "ocha", kActor}},
                                        {"الأمم المتحدة"}},
                             EntityCase{"سيطر المسلحون على مطار الموصل بعد معارك عنيفة",
                                        {{"مطار الموصل", "mosul-airport", kPlace}},
                                        {"الموصل"}}));

INSTANTIATE_TEST_SUITE_P(
    Nisba, EntitySpec,
    ::testing::Values(
        // An organ named with a state's nisba is its gazetteer entry, or the state when it has none.
        EntityCase{"أعلنت وزارة الدفاع الأذربيجانية إسقاط طائرتين",
                   {{"وزارة الدفاع الأذربيجانية", "azerbaijani-mod", kActor}},
                   {}},
        EntityCase{"قالت وزارة الصحة السودانية إن عدد القتلى ارتفع", {{"وزارة الصحة السودانية", "sudan", kActor}}, {}},
        EntityCase{"صادق البرلمان التركي على إرسال قوات", {{"البرلمان التركي", "turkey", kActor}}, {}},
        // Coordinated nisbas after a plural head each name a state.
        EntityCase{"خلفت الحرب بين الجانبين الأرميني والأذربيجاني آلاف القتلى",
                   {{"الأرميني", "armenia", kActor}, {"والأذربيجاني", "azerbaijan", kActor}},
                   {}},
        EntityCase{"رحبت الحركة بمقترح الوسيطين المصري والقطري",
                   {{"المصري", "egypt", kActor}, {"والقطري", "qatar", kActor}},
                   {}},
        EntityCase{"شنت القوات الأمريكية والبريطانية ضربات على مواقع الحوثيين",
                   {{"القوات الأمريكية", "us-army", kActor}, {"والبريطانية", "uk", kActor}},
                   {}},
        // Nisbas on people and weapons are adjectives, not entities.
        EntityCase{"قتلت القوات نحو 550 جنديا أرمينيا في المعارك", {}, {"أرمينيا"}},
        EntityCase{"أسقطت الدفاعات الجوية قاذفة أرمينية فوق الإقليم", {}, {"أرمينية"}},
        EntityCase{"نشرت موسكو 1960 جنديا روسيا لحفظ السلام", {{"موسكو", "russia", kActor}}, {"روسيا"}}));

INSTANTIATE_TEST_SUITE_P(
    Roles, EntitySpec,
    ::testing::Values(
        // A capital that acts stands for its state; after في، إلى، من… it is the place.
        EntityCase{"اقترحت موسكو هدنة لمدة ثلاثة أيام", {{"موسكو", "russia", kActor}}, {}},
        EntityCase{"عقدت المحادثات في موسكو يوم الجمعة", {{"موسكو", "moscow", kPlace}}, {}},
        EntityCase{"أعلنت روسيا سحب قواتها من محيط كييف", {{"روسيا", "russia", kActor}, {"كييف", "kyiv", kPlace}}, {}},
        EntityCase{"أبلغت الخارجية الأذربيجانية السفير الروسي احتجاجها",
                   {{"الخارجية الأذربيجانية", "azerbaijani-foreign-ministry", kActor}},
                   {}},
        EntityCase{"اتهمت يريفان أنقرة بإرسال مقاتلين إلى أذربيجان",
                   {{"يريفان", "armenia", kActor}, {"أنقرة", "turkey", kActor}, {"أذربيجان", "azerbaijan", kPlace}},
                   {}},
        EntityCase{"قالت إسرائيل إن صاروخا أطلق من لبنان باتجاه الجليل",
                   {{"إسرائيل", "israel", kActor}, {"لبنان", "lebanon", kPlace}, {"الجليل", "galilee", kPlace}},
                   {}},
        EntityCase{"تلقت الجماعة أسلحة وخبراء من إيران", {{"إيران", "iran", kActor}}, {}},
        EntityCase{"وقعت روسيا وأوكرانيا اتفاق الحبوب في إسطنبول",
                   {{"روسيا", "russia", kActor}, {"وأوكرانيا", "ukraine", kActor}, {"إسطنبول", "istanbul", kPlace}},
                   {}},
        EntityCase{"التقى الزعيمان في الكرملين بعد ظهر الخميس", {{"الكرملين", "kremlin", kPlace}}, {}}));

INSTANTIATE_TEST_SUITE_P(
    AmbiguousWords, EntitySpec,
    ::testing::Values(
        // Names that are common words need the context of a place, a title or another name.
        EntityCase{"لا يعرف السكان كيف سيؤمنون التدفئة هذا الشتاء", {}, {"كيف"}},
        EntityCase{"وصل الرئيس الأمريكي جو بايدن إلى كيف في زيارة مفاجئة",
                   {{"جو بايدن", "joe-biden", kActor}, {"كيف", "kyiv", kPlace}},
                   {}},
        EntityCase{"قال وزير الخارجية العماني إن عمان ستواصل الوساطة", {{"عمان", "oman", kActor}}, {}},
        EntityCase{"استضافت عمان مؤتمرا بحضور الملك عبد الله الثاني",
                   {{"عمان", "jordan", kActor}, {"عبد الله الثاني", "king-abdullah-ii", kActor}},
                   {}},
        EntityCase{"قال المدير إن الأمل يتضاءل في إنقاذ المحاصرين", {}, {"الأمل"}},
        EntityCase{"حاصرت القوات مستشفى الأمل في خان يونس", {{"مستشفى الأمل", "al-amal-hospital", kPlace}}, {"الأمل"}},
        EntityCase{"سرت موجة من التفاؤل في الأوساط السياسية", {}, {"سرت"}},
        EntityCase{"تواصلت الاشتباكات في محيط سرت منذ الفجر", {{"سرت", "sirte", kPlace}}, {}},
        EntityCase{"دخل المقاتلون البلدة بوصفهم «حماة للمدنيين»", {}, {"حماة"}},
        EntityCase{"استهدفت الغارات مواقع قرب حمص وحماة", {{"حمص", "homs", kPlace}, {"وحماة", "hama", kPlace}}, {}},
        EntityCase{"قال المتحدث إن الاتفاق غير صالح للتطبيق", {}, {"صالح"}},
        EntityCase{"قتل خمسة أفراد هم جدة وأحفادها الأربعة", {}, {"جدة"}},
        EntityCase{"تستضيف جدة جولة جديدة من المحادثات", {{"جدة", "jeddah", kPlace}}, {}}));

INSTANTIATE_TEST_SUITE_P(
    Persons, EntitySpec,
    ::testing::Values(
        // After titles and roles; a title stays outside the name.
        EntityCase{"قال الرئيس إلهام علييف إن قواته تقدمت", {{"إلهام علييف", "ilham-aliyev", kActor}}, {}},
        EntityCase{
            "قال وزير الخارجية الروسي سيرغي لافروف إن الحوار ممكن", {{"سيرغي لافروف", "sergey-lavrov", kActor}}, {}},
        EntityCase{"قال المتحدث باسم الكرملين دميتري بيسكوف إن الاتصالات مستمرة",
                   {{"الكرملين", "kremlin", kActor}, {"دميتري بيسكوف", "dmitry-peskov", kActor}},
                   {}},
        EntityCase{"أكد اللواء سعد معن سقوط قتلى في التفجير", {{"سعد معن", "unlinked:سعد معن", kActor}}, {}},
        EntityCase{"دعا الشيخ حكمت الهجري إلى وقف القتال", {{"حكمت الهجري", "unlinked:حكمت الهجري", kActor}}, {}},
        EntityCase{"قال المتحدث باسم الجيش السوداني العميد نبيل عبد الله إن الهجوم صد",
                   {{"الجيش السوداني", "saf", kActor}, {"نبيل عبد الله", "unlinked:نبيل عبد الله", kActor}},
                   {}},
        // By given names, with بن and أبو, and family names with the article.
        EntityCase{"قال أحمد المسماري إن الهدنة صامدة", {{"أحمد المسماري", "unlinked:احمد المسماري", kActor}}, {}},
        EntityCase{"التقى الوزير حمد بن جاسم في الدوحة", {{"حمد بن جاسم", "unlinked:حمد بن جاسم", kActor}}, {}},
        EntityCase{
            "ظهر أبو محمد العدناني في تسجيل مصور", {{"أبو محمد العدناني", "unlinked:ابو محمد العدناني", kActor}}, {}},
        EntityCase{"قال جورج بوش إن الحرب ستطول", {{"جورج بوش", "george-w-bush", kActor}}, {}},
        // A name marked as a common word needs a second name or a title.
        EntityCase{"بلغ عمر الطفل ثلاث سنوات", {}, {"عمر"}},
        EntityCase{
            "قال عقيلة صالح رئيس مجلس النواب إن الجلسة تأجلت", {{"عقيلة صالح", "aguila-saleh", kActor}}, {"صالح"}}));

INSTANTIATE_TEST_SUITE_P(
    Organisations, EntitySpec,
    ::testing::Values(
        // A head noun opens an organisation; unknown to the gazetteer it is unlinked with the head's kind.
        EntityCase{"قالت الهيئة العامة للطيران المدني إن المدرج غير صالح",
                   {{"الهيئة العامة للطيران المدني", "unlinked:هييه العامه للطيران المدني", kActor}},
                   {"صالح"}},
        EntityCase{"طالب مجلس محافظة الأنبار بتسليح العشائر",
                   {{"مجلس محافظة الأنبار", "unlinked:مجلس محافظه الانبار", kActor}},
                   {"الأنبار", "محافظة الأنبار"}},
        EntityCase{"أعلنت حركة حماس موافقتها على المقترح", {{"حركة حماس", "hamas", kActor}}, {}},
        EntityCase{"أعلن تنظيم داعش مسؤوليته عن الهجوم", {{"تنظيم داعش", "isis", kActor}}, {}},
        EntityCase{"وصل مقاتلون من لواء فاطميون إلى ريف حلب", {{"لواء فاطميون", "liwa-fatemiyoun", kActor}}, {}},
        EntityCase{"أعلن اتحاد صناعة السيارات تراجع المبيعات",
                   {{"اتحاد صناعة السيارات", "unlinked:اتحاد صناعه السيارات", kActor}},
                   {}},
        // A head and one common word is a description, and a head with a pronoun an anaphor.
        EntityCase{"اجتمع مجلس الوزراء صباح الأحد", {}, {"مجلس الوزراء"}},
        EntityCase{"قالت الوزارة إن قواتها استعادت السيطرة", {}, {"قواتها"}}));

INSTANTIATE_TEST_SUITE_P(
    CompaniesAndClubs, EntitySpec,
    ::testing::Values(
        // Companies and clubs of the gazetteer, alone or after their head.
        EntityCase{"أعلنت شركة نوكيا الفنلندية عن هاتف جديد", {{"نوكيا", "nokia", kActor}}, {}},
        EntityCase{"فاز ريال مدريد على ضيفه بهدفين", {{"ريال مدريد", "real-madrid", kActor}}, {"مدريد"}},
        // A city with its state's nisba in the masculine is its club; after a noun the nisba is the noun's.
        EntityCase{"فاز ريال مدريد على برشلونة الإسباني بهدفين",
                   {{"ريال مدريد", "real-madrid", kActor}, {"برشلونة", "unlinked:برشلونه", kActor}},
                   {}},
        EntityCase{"هبطت الطائرة في مطار عمان الأردني مساء أمس", {{"عمان", "amman", kPlace}}, {}},
        EntityCase{"أكد مدرب نادي برشلونة أن الفريق جاهز", {{"نادي برشلونة", "unlinked:نادي برشلونه", kActor}}, {}},
        // A name in quotes after a head is the organisation's, a programme's title is none.
        EntityCase{"ذكرت صحيفة «نيويورك تايمز» أن المفاوضات توقفت",
                   {{"نيويورك تايمز", "unlinked:نيويورك تايمز", kActor}},
                   {"نيويورك", "صحيفة"}},
        EntityCase{"أطلقت شركة «جلف فيلم» فيلما جديدا", {{"جلف فيلم", "unlinked:جلف فيلم", kActor}}, {}},
        EntityCase{"تحدث الوزير في برنامج «حوار مفتوح» على القناة", {}, {"حوار مفتوح"}},
        // A bank or a club named by an agreeing adjective; a nisba alone after the head describes.
        EntityCase{"قال البنك التجاري إن أرباحه ارتفعت", {{"البنك التجاري", "unlinked:بنك التجاري", kActor}}, {}},
        EntityCase{"أعلن النادي الإنجليزي تعاقده مع مدافع جديد", {}, {"النادي الإنجليزي"}}));

INSTANTIATE_TEST_SUITE_P(
    PersonsByRule, EntitySpec,
    ::testing::Values(
        // A state's nisba standing for a person opens a foreign name, as a title does.
        EntityCase{"تغلب الصربي يانكو تيبساروفيتش على منافسه",
                   {{"يانكو تيبساروفيتش", "unlinked:يانكو تيبساروفيتش", kActor}},
                   {}},
        EntityCase{"تراجعت ثقة المستهلك في مسح ألماني جديد", {}, {"جديد"}},
        // علي inside a name, a kunya with a state's nisba, a foreign given name before a verb-like surname.
        EntityCase{"قال محمد علي السعدي إن المعرض افتتح", {{"محمد علي السعدي", "unlinked:محمد علي السعدي", kActor}}, {}},
        EntityCase{"نشر أبو حمزة المصري بيانا جديدا", {{"أبو حمزة المصري", "unlinked:ابو حمزه المصري", kActor}}, {}},
        EntityCase{"وقال كريستوفر هيل إن المحادثات مثمرة", {{"كريستوفر هيل", "unlinked:كريستوفر هيل", kActor}}, {}},
        EntityCase{"وصل الإمام الحسين إلى كربلاء", {{"الحسين", "unlinked:الحسين", kActor}}, {}},
        // Given names before a family name the gazetteer knows alone: the whole name, unlinked (a
        // relative may bear it).
        EntityCase{"قال رئيس الحكومة خوسيه مانويل ثاباتيرو إن بلاده ستنسحب",
                   {{"خوسيه مانويل ثاباتيرو", "unlinked:خوسيه مانويل ثاباتيرو", kActor}},
                   {"ثاباتيرو"}},
        EntityCase{"قال ماهر شارون إن الحكومة ستسقط", {{"ماهر شارون", "unlinked:ماهر شارون", kActor}}, {}},
        // A foreign given name the cue list does not hold, before a name.
        EntityCase{"وصل غيدو سمير إلى القاهرة", {{"غيدو سمير", "unlinked:غيدو سمير", kActor}}, {}},
        EntityCase{"عرضت الدور على أحمد زكي", {}, {"على أحمد زكي"}}));

INSTANTIATE_TEST_SUITE_P(WorldRegions, EntitySpec,
                         ::testing::Values(EntityCase{"تتصاعد التوترات في الشرق الأوسط وشمال أفريقيا",
                                                      {{"الشرق الأوسط", "unlinked:شرق الاوسط", kPlace},
                                                       {"وشمال أفريقيا", "unlinked:شمال افريقيا", kPlace}},
                                                      {}}));

/** A document that names a person in full, then by the last name alone in a later sentence: with a
 *  memory the last name is the same entity (same id), without one it is not. */
struct MemoryCase {
  std::string text;
  std::string full;   // the full name as written
  std::string later;  // the last name alone, as written, after it
  std::string id;
};

void PrintTo(const MemoryCase& c, std::ostream* os) { *os << c.text; }

class EntityMemorySpec : public ::testing::TestWithParam<MemoryCase> {};

TEST_P(EntityMemorySpec, ResolvesTheLastNameToTheFullName) {
  const MemoryCase& c = GetParam();
  EntityMemory memory;
  std::vector<EntityMention> found = tag_document(c.text, &memory);
  std::string listing;
  for (const EntityMention& m : found) listing += describe(c.text, m);
  auto with_id = [&](const std::vector<EntityMention>& mentions, const std::string& surface_text) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const EntityMention& m) {
      return surface(c.text, m) == surface_text && m.id == c.id && m.kind == EntityKind::Person &&
             m.role == Role::Actor;
    });
  };
  EXPECT_TRUE(with_id(found, c.full)) << c.full << " → " << c.id << "\nfound: " << listing;
  EXPECT_TRUE(with_id(found, c.later)) << c.later << " → " << c.id << "\nfound: " << listing;
  // The sentences alone do not know the last name.
  EXPECT_FALSE(with_id(tag_document(c.text, nullptr), c.later)) << c.later << " without a memory";
}

INSTANTIATE_TEST_SUITE_P(
    LastNames, EntityMemorySpec,
    ::testing::Values(
        // Persons of the gazetteer whose last name alone is no alias.
        MemoryCase{"التقى رئيس الوزراء العراقي مصطفى الكاظمي وفدا أمريكيا. وبحث الكاظمي مع الوفد ملف الانسحاب.",
                   "مصطفى الكاظمي", "الكاظمي", "mustafa-al-kadhimi"},
        MemoryCase{"استقبل مسعود بارزاني المبعوث الأممي في أربيل. وناقش بارزاني مع ضيفه أوضاع المخيمات.",
                   "مسعود بارزاني", "بارزاني", "masoud-barzani"},
        // A last name that is a common word (صالح "valid"), where a name stands.
        MemoryCase{"دعا عقيلة صالح إلى جلسة طارئة للبرلمان. وقال صالح إن الجلسة ستعقد في بنغازي.",
                   "عقيلة صالح", "صالح", "aguila-saleh"},
        // Unlinked persons: by a given name, and after a title.
        MemoryCase{"قال الباحث سامي العبيدي إن التنظيم يعيد بناء خلاياه. ويرى العبيدي أن الخلايا تنشط ليلا.",
                   "سامي العبيدي", "العبيدي", "unlinked:سامي العبيدي"},
        MemoryCase{"أعلن الجنرال كينيث ماكنزي سحب البطاريات. ونقلت الصحيفة عن ماكنزي أن القرار نهائي.",
                   "كينيث ماكنزي", "ماكنزي", "unlinked:كينيث ماكنزي"}));

TEST(EntityMemory, AnOrdinaryWordIsNotTakenForALastName) {
  // محمد الأمين is a person; الأمين العام is an office (here the UN's), not him.
  std::string text = "قال محمد الأمين إن اللجنة ستجتمع غدا. ودعا الأمين العام للأمم المتحدة إلى التهدئة.";
  EntityMemory memory;
  std::vector<EntityMention> found = tag_document(text, &memory);
  std::string listing;
  for (const EntityMention& m : found) listing += describe(text, m);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(surface(text, found.front()), "محمد الأمين") << listing;
  const std::size_t office = text.find("الأمين العام");
  for (const EntityMention& m : found) {
    if (m.begin <= office && office < m.end) {
      EXPECT_NE(m.kind, EntityKind::Person) << listing;
    }
  }
  // A remembered common word after a noun is its adjective (غير صالح), not the person.
  std::string valid = "وقع عقيلة صالح على القرار. وقال الخبراء إن القرار غير صالح.";
  EntityMemory second;
  std::vector<EntityMention> mentions = tag_document(valid, &second);
  const std::size_t adjective = valid.rfind("صالح");
  for (const EntityMention& m : mentions) EXPECT_FALSE(m.begin <= adjective && adjective < m.end) << describe(valid, m);
}

TEST(EntityMemory, OneDocumentPerTaggerCall) {
  static const ClaimTagger claims;
  Tagger passes(tagger(), claims);
  text::Analyzer analyzer;
  auto persons = [&](const std::string& text, const std::string& id) {
    std::vector<text::AnalyzedToken> tokens = analyzer.analyze(text);
    std::size_t n = 0;
    for (const TaggedSentence& s : passes.tag(text, tokens, std::nullopt).sentences)
      for (const EntityMention& m : s.entities) n += m.id == id;
    return n;
  };
  const std::string first = "وصل رئيس الوزراء مصطفى الكاظمي إلى واشنطن. واستقبل بايدن الكاظمي في البيت الأبيض.";
  const std::string second = "واستقبل بايدن الكاظمي في البيت الأبيض.";
  EXPECT_EQ(persons(first, "mustafa-al-kadhimi"), 2u);  // the full name, then the last name
  EXPECT_EQ(persons(second, "mustafa-al-kadhimi"), 0u);  // a new document: nothing remembered
  EXPECT_EQ(persons(first, "mustafa-al-kadhimi"), 2u);
}

TEST(EntityTagger, UnlinkedKindsFollowTheHead) {
  std::string text = "قالت الهيئة العامة للطيران المدني إن أحمد المسماري وصل";
  std::vector<EntityMention> found = tag_text(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, EntityKind::Government);
  EXPECT_FALSE(found[0].linked());
  EXPECT_EQ(found[1].kind, EntityKind::Person);
}

TEST(EntityTagger, CompaniesAndClubsHaveTheirKinds) {
  std::string text = "أطلقت شركة «جلف فيلم» فيلما بتمويل من مايكروسوفت وريال مدريد";
  std::vector<EntityMention> found = tag_text(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].kind, EntityKind::Company);
  EXPECT_FALSE(found[0].linked());
  EXPECT_EQ(found[1].id, "microsoft");
  EXPECT_EQ(found[1].kind, EntityKind::Company);
  EXPECT_EQ(found[2].id, "real-madrid");
  EXPECT_EQ(found[2].kind, EntityKind::Club);
}

TEST(EntityTagger, MentionsAreOrderedWithoutOverlapAndInsideTheRange) {
  std::string text = "قال الرئيس بشار الأسد في دمشق. وردت وزارة الخارجية التركية من أنقرة.";
  text::Analyzer analyzer;
  auto tokens = analyzer.analyze(text);
  std::vector<EntityMention> all = tagger().find(text, tokens, 0, tokens.size() - 1);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].last_token, all[i].first_token);
  // Only the second sentence: its tokens start after the full stop.
  std::size_t second = 0;
  while (tokens[second].token.begin < text.find('.')) ++second;
  std::vector<EntityMention> part = tagger().find(text, tokens, second, tokens.size() - 1);
  ASSERT_FALSE(part.empty());
  for (const EntityMention& m : part) EXPECT_GE(m.first_token, second);
  EXPECT_TRUE(tagger().find(text, tokens, 3, 2).empty());
}

// The entity part of tests/common/data/tagging_cases.jsonl: a mention counts when its surface and id
// are the expected ones. The thresholds are what the tagger reaches, less a little room.
// Known misses: foreign names after an office the title list does not hold (أمين المظالم غيغام
// ستيبانيان) or after a comma (ونظيره الأرميني زهراب مناتساكانيان); a generic body named without its
// state (مجلس النواب، الحرس الجمهوري), which the gazetteer lists only with it; a quoted acronym that is a
// common word («تقدم»).
TEST(EntityTagger, TaggingCasesRecallAndPrecision) {
  std::ifstream in(MARSAD_SOURCE_DIR "/tests/common/data/tagging_cases.jsonl");
  ASSERT_TRUE(in) << "tagging_cases.jsonl not found";
  std::size_t expected = 0, found = 0, tagged = 0, correct = 0, roles = 0, absent = 0;
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json c = nlohmann::json::parse(line);
    std::string text = c["text"];
    std::vector<EntityMention> mentions = tag_text(text);
    auto is = [&](const EntityMention& m, const nlohmann::json& e) {
      return surface(text, m) == e["surface"].get<std::string>() && m.id == e["id"].get<std::string>();
    };
    for (const nlohmann::json& e : c["entities"]) {
      ++expected;
      for (const EntityMention& m : mentions)
        if (is(m, e)) {
          ++found;
          std::string role = e["role"];
          roles += role == "both" || role == to_string(m.role);
          break;
        }
    }
    for (const EntityMention& m : mentions) {
      ++tagged;
      for (const nlohmann::json& e : c["entities"])
        if (is(m, e)) {
          ++correct;
          break;
        }
      if (c.contains("absent"))
        for (const nlohmann::json& a : c["absent"]) absent += surface(text, m) == a.get<std::string>();
    }
  }
  ASSERT_GT(expected, 500u);
  double recall = double(found) / expected, precision = double(correct) / tagged;
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("precision", std::to_string(precision));
  // Measured: recall 576/588, precision 578/585, roles 572/576, no absent surface tagged.
  EXPECT_GE(recall, 0.96) << found << "/" << expected;
  EXPECT_GE(precision, 0.96) << correct << "/" << tagged;
  EXPECT_GE(double(roles) / found, 0.98) << roles << "/" << found;
  EXPECT_LE(absent, 2u);
}

}  // namespace
}  // namespace marsad::tag

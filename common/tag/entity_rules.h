#pragma once
// Context words of the entity tagger: what makes a name a place or an actor, which one-word names are
// also common words, and which capitals stand for their state. Internal to entities.cc.
#include <string_view>

namespace marsad::tag::entity_rules {

/** Words after which a place name is a location: prepositions, directions and locative nouns
 *  (في دمشق، شمال سوريا، أجواء أرمينيا، مدينة حماة). Written as printed; the tagger normalizes them. */
inline constexpr std::string_view kLocativeWords[] = {
    "في",     "إلى",    "الى",   "حتى",    "قرب",   "بقرب",  "عند",   "نحو",   "باتجاه", "اتجاه",  "تجاه",
    "داخل",   "خارج",   "عبر",   "حول",    "محيط",  "أطراف", "ضواحي", "وسط",   "شمال",   "جنوب",   "شرق",
    "غرب",    "شمالي",  "جنوبي", "شرقي",   "غربي",  "أجواء", "أراضي", "حدود",  "مدينة",  "مدينتي", "بلدة",
    "بلدتي",  "قرية",   "مدن",   "مناطق",  "منطقة", "خط",    "سماء",  "مياه",  "سواحل",  "ساحل",   "أنحاء",
    "قلب",    "مشارف",  "تخوم",  "ريف",    "قبالة", "أرجاء", "مطار",  "ميناء", "شوارع",  "أحياء",  "حي",
    "مخيمات", "مقاطعة", "ولاية", "محافظة", "إقليم", "جزيرة",
};

/** Verbs and verbal nouns whose object is a place one goes to, leaves or strikes (غادر سوريا، دخول دمشق). */
inline constexpr std::string_view kMotionWords[] = {
    "غادر",  "غادرت", "يغادر",  "مغادرة", "دخل",  "دخلت",  "تدخل",   "يدخل",    "دخول",   "وصل",   "وصلت",   "يصل",
    "وصول",  "زار",   "زارت",   "يزور",   "تزور", "زيارة", "اجتاح",  "اجتاحت",  "اجتياح", "اقتحم", "اقتحمت", "اقتحام",
    "قصف",   "قصفت",  "يقصف",   "تقصف",   "هاجم", "هاجمت", "استهدف", "استهدفت", "يستهدف", "حاصر",  "حاصرت",  "حصار",
    "احتل",  "احتلت", "احتلال", "غزو",    "غزا",  "عاد",   "عادت",   "توجه",    "توجهت",  "سافر",  "يسافر",  "أطلق",
    "أطلقت", "انسحب", "انسحبت", "انسحاب", "فر",   "فروا",  "نزح",    "نزحوا",   "لجأ",    "لجأوا", "عبروا",
};

/** Words before a name that make it the one who acts: conjunctions that open a clause and verbs of
 *  stating, agreeing and hosting that the reporting-verb list does not hold (تبادلت يريفان وباكو). */
inline constexpr std::string_view kActorOpeners[] = {
    "أن",      "إن",     "بأن",    "لأن",    "مع",    "بين",   "ضد",    "تبادلت", "تبادل", "وقعت", "وقع",
    "استضافت", "استضاف", "احتضنت", "احتضن",  "وافقت", "وافق",  "طلبت",  "طلب",    "تقود",  "تعلق", "يعلق",
    "اقترحت",  "اقترح",  "أمهلت",  "أمهل",   "أرسلت", "أرسل",  "ترسل",  "سلمت",   "تسلم",  "حذرت", "هددت",
    "طالبت",   "دعت",    "رحبت",   "أدانت",  "تتهم",  "يتهم",  "اتهمت", "نفت",    "رفضت",  "قالت", "أعلنت",
    "أكدت",    "ردت",    "تدعم",   "دعمت",   "ساعدت", "شاركت", "تشارك", "أبلغت",  "قررت",  "تريد", "ترفض",
    "تؤكد",    "تقول",   "تعتبر",  "اعتبرت", "أعربت", "عرضت",
};

/** Plural and dual heads whose definite nisbas each name a state (الجانبين الأرميني والأذربيجاني). */
inline constexpr std::string_view kPluralHeads[] = {
    "جانبين", "جانبان", "طرفين",   "طرفان",   "وسيطين", "وسيطان", "بلدين", "بلدان", "دولتين", "دولتان",
    "جيشين",  "جيشان",  "حكومتين", "حكومتان", "جانب",   "طرف",    "وفدين", "وفدان", "رئيسين", "رئيسان",
};

/** One-word names that are also common words (كيف "how", سرت "spread", حماة "protectors", جدة
 *  "grandmother", الأمل "hope", صالح "valid", إيجاد "finding" for إيغاد): names only in a place's context (في، إلى، مدينة …),
 *  after a title, or joined by و to another name. Stop words are always treated so. */
inline constexpr std::string_view kAmbiguousNames[] = {
    "كيف",      "سرت",    "حماة",     "جدة",     "الأمل",    "أمل",     "صالح",     "العمارة", "عمارة",
    "جزيرة",    "الصدر",  "صدر",      "الشرع",   "العديد",   "السلمية", "آب",       "الأسد",   "أسد",
    "البغدادي", "النصرة", "القيارة",  "الخليل",  "المنصورة", "الحرية",  "التحرير",  "الوحدة",  "النصر",
    "الكرامة",  "السلام", "الأمن",    "العاصمة", "الطيبة",   "الرملة",  "الحسينية", "الفاو",   "المهدي",
    "الحكيم",   "الرشيد", "الخالدية", "الزهراء", "بدر",      "تقدم",    "صور",      "بنت",     "دير",
    "مشهد",     "بون",    "نيس",      "الزاوية", "الصحراء",  "لغات",     "إيجاد",
};

/** Continents and world regions that no gazetteer entry names (they have no country to roll up to):
 *  tagged as unlinked regions. */
inline constexpr std::string_view kWorldRegions[] = {
    "أفريقيا",
    "إفريقيا",
    "أوروبا",
    "أوربا",
    "آسيا",
    "أستراليا وأوقيانوسيا",
    "أوقيانوسيا",
    "الشرق الأوسط",
    "الشرق الأدنى",
    "الشرق الأقصى",
    "منطقة الخليج",
    "شمال أفريقيا",
    "شمال إفريقيا",
    "غرب أفريقيا",
    "شرق أفريقيا",
    "وسط أفريقيا",
    "جنوب الصحراء",
    "القرن الأفريقي",
    "القرن الإفريقي",
    "المغرب العربي",
    "آسيا الوسطى",
    "جنوب شرق آسيا",
    "جنوب آسيا",
    "شرق آسيا",
    "غرب آسيا",
    "البلقان",
    "القوقاز",
    "أمريكا اللاتينية",
    "أميركا اللاتينية",
    "أمريكا الجنوبية",
    "أميركا الجنوبية",
    "أمريكا الشمالية",
    "أميركا الشمالية",
    "أمريكا الوسطى",
    "أميركا الوسطى",
    "أوروبا الشرقية",
    "أوروبا الغربية",
    "أوروبا الوسطى",
    "شرق أوروبا",
    "غرب أوروبا",
    "وسط أوروبا",
    "شمال أوروبا",
    "جنوب أوروبا",
    "القطب الشمالي",
    "القطب الجنوبي",
    "شبه الجزيرة العربية",
    "الجزيرة العربية",
    "شبه القارة الهندية",
    "بلاد الشام",
    "منطقة الساحل",
    "الساحل الأفريقي",
    "الساحل والصحراء",
    "الشرق الأوسط الكبير",
    "الشام",
    "النيل",
    "نهر النيل",
    "الفرات",
    "نهر الفرات",
    "نهر دجلة",
    "الدانوب",
    "القارة الأفريقية",
    "القارة الأوروبية",
    "القارة الآسيوية",
    "القارة السمراء",
    "القارة العجوز",
    "الهلال الخصيب",
    "أوراسيا",
    "إسكندنافيا",
    "كشمير",
    "كورسيكا",
    "البنجاب",
    "البنغال",
    "الكاريبي",
};

/** Heads of a medium's name, which may stand before it in quotes (صحيفة «الشرق الأوسط»). */
inline constexpr std::string_view kMediaHeads[] = {"صحيفة", "جريدة", "مجلة",    "قناة",  "موقع",
                                                   "وكالة", "إذاعة", "تلفزيون", "فضائية"};

/** Heads before a quoted title that names no organisation (برنامج «حوار من القلب», a programme). */
inline constexpr std::string_view kTitleHeads[] = {"برنامج"};

/** One-word names that are also particles (كيف "how"): names only right after في، إلى، من …, like stop words. */
inline constexpr std::string_view kParticleNames[] = {"كيف"};

/** Capitals and seats of power that, as the one who acts, stand for a state or a government
 *  (اقترحت موسكو → russia; طلبت طرابلس → the government seated there). Ids of the gazetteer. */
struct CapitalMetonym {
  std::string_view city, actor;
};
inline constexpr CapitalMetonym kCapitals[] = {
    {"moscow", "russia"},       {"yerevan", "armenia"},
    {"baku", "azerbaijan"},     {"kyiv", "ukraine"},
    {"damascus", "syria"},      {"washington", "usa"},
    {"tehran", "iran"},         {"ankara", "turkey"},
    {"tripoli", "gna"},         {"erbil", "krg"},
    {"baghdad", "iraq"},        {"doha", "qatar"},
    {"amman", "jordan"},        {"cairo", "egypt"},
    {"riyadh", "saudi-arabia"}, {"abu-dhabi", "uae"},
    {"beirut", "lebanon"},      {"khartoum", "sudan"},
    {"london", "uk"},           {"paris", "france"},
    {"berlin", "germany"},      {"beijing", "china"},
    {"kuwait-city", "kuwait"},  {"muscat", "oman"},
    {"manama", "bahrain"},      {"rabat", "morocco"},
    {"algiers", "algeria"},     {"tunis", "tunisia"},
    {"jerusalem", "israel"},    {"tel-aviv", "israel"},
    {"islamabad", "pakistan"},  {"kabul", "afghanistan"},
    {"tokyo", "japan"},         {"new-delhi", "india"},
    {"brussels", "eu"},         {"rome", "italy"},
    {"madrid", "spain"},        {"minsk", "belarus"},
    {"tbilisi", "georgia"},     {"addis-ababa", "ethiopia"},
    {"nairobi", "kenya"},       {"ndjamena", "chad"},
    {"mogadishu", "somalia"},   {"nouakchott", "mauritania"},
    {"seoul", "south-korea"},   {"pyongyang", "north-korea"},
    {"kiev", "ukraine"},        {"athens", "greece"},
    {"ottawa", "canada"},       {"canberra", "australia"},
    {"warsaw", "poland"},       {"vienna", "austria"},
};

/** Words of sports clubs' names beside a city's (ريال مدريد، دينامو كييف، مانشستر يونايتد): the city
 *  is then no place. */
inline constexpr std::string_view kClubWords[] = {
    "ريال",    "دينامو",  "ديناموا",      "سبارتاك", "لوكوموتيف", "سيسكا",  "زينيت",  "إنتر",    "انتر",  "أتلتيكو",
    "أتليتكو", "بايرن",   "فيردر",        "بوروسيا", "أولمبيك",   "ستيوا",  "شاختار", "يونايتد", "سيتي",  "هوتسبير",
    "رابيد",   "سبورتنغ", "باناثينايكوس", "غلطة",    "أياكس",     "بنفيكا", "نادي",   "فريق",    "منتخب",
};

/** Definite words after a given name that are not family names (محمد الخميس is Mohammed on Thursday). */
inline constexpr std::string_view kNotFamilyNames[] = {
    "الماضي",  "الحالي",     "المقبل",   "القادم",   "الجاري",    "الأول",  "الأخير", "اليوم",   "الحالية", "الماضية",
    "الذي",    "التي",       "الثلاثاء", "الأربعاء", "الخميس",    "الجمعة", "السبت",  "الأحد",   "الاثنين", "الإثنين",
    "العربي",  "الغربي",     "الشرقي",   "الشمالي",  "الجنوبي",   "الدولي", "الوطني", "الرسمي",  "الأمني",  "العسكري",
    "السياسي", "الإسرائيلي", "الأمريكي", "الأميركي", "الفلسطيني", "المصري", "السوري", "العراقي", "صباح",    "مساء",
    "ليل",     "ليلة",       "فجر",      "ظهر",      "عصر",       "يوم",    "أمس",    "غدا",     "اليوم",   "الليلة",
    "التوالي", "المبارك", "الكريم",
};

/** Stop words after which a common word is a noun's complement or an adjective, never a name standing
 *  alone (غير صالح "invalid", أكثر حكمة): a remembered last name that is a common word is not read there. */
inline constexpr std::string_view kNotBeforeNames[] = {"غير", "كل", "بعض", "أكثر", "أقل", "أي", "كافة", "جميع",
                                                       "معظم", "أشد", "جد", "ذو", "ذات", "ذي", "شبه", "سوى"};

/** Words that join a person's names: بن and بنت between father's names, أبو and أم before a kunya. */
inline constexpr std::string_view kPatronymicLinks[] = {"بن", "ابن", "بنت", "ولد"};
inline constexpr std::string_view kKunyaWords[] = {"أبو", "أبي", "أبا", "أم"};
/** Plural heads that open a name only before a place, a state's nisba or a foreign word (سلطات
 *  آرتساخ، القوات الأمريكية): with common words they describe (فصائل المعارضة المسلحة). */
inline constexpr std::string_view kPluralOrgHeads[] = {"قوات",  "فصائل", "وحدات", "ميليشيات", "مليشيات",
                                                       "كتائب", "سلطات", "أجهزة", "ألوية",    "سرايا"};

/** Adjectives that follow an organisation's name without being part of it (القوات الموالية، الحكومة
 *  الجديدة). */
inline constexpr std::string_view kOrgTailStops[] = {
    "الموالية", "الموالي", "الموالين", "الموالون", "التابعة", "التابع", "المدعومة", "المدعوم", "الحالية",
    "الحالي", "الجديدة", "الجديد", "السابقة", "السابق", "المقبلة", "المقبل", "المنتهية", "المعنية", "المعني",
};

/** Particles inside European names (دومينيك دو فيلبان، لودفيغ فان بيتهوفن). */
inline constexpr std::string_view kNameParticles[] = {"دو", "دي", "فان", "فون", "دا", "ديل", "ديلا", "لو"};
/** آل before a dynasty's name (حمد بن خليفة آل ثاني). */
inline constexpr std::string_view kFamilyLinks[] = {"آل"};
/** Regnal numbers after a ruler's name (محمد السادس، عبد الله الثاني). */
inline constexpr std::string_view kRegnalNumbers[] = {"الأول",  "الثاني", "الثالث", "الرابع", "الخامس",
                                                      "السادس", "السابع", "الثامن", "التاسع", "العاشر"};

}  // namespace marsad::tag::entity_rules

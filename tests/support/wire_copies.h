#pragma once
// One news dispatch in paragraphs, and another report of the same day and city written apart: the
// texts the story tests make copies of (our own writing).
#include <string>

namespace marsad::testing_support::wire {

// One dispatch in three paragraphs, and the reports the tests make of it.
inline const std::string kLead =
    "أعلنت السلطة المحلية في محافظة مأرب اليوم وصول قافلة إغاثة تضم اثنتين وعشرين شاحنة محملة بالدقيق والأدوية "
    "إلى مدينة مأرب، بعد أن علقت ثلاثة أيام عند نقطة تفتيش على الطريق الواصل من صنعاء. ";
inline const std::string kMiddle =
    "وقال وكيل المحافظة إن القافلة ستوزع على مخيمات النازحين في الجفينة والسويداء، حيث تعيش أكثر من ثمانية آلاف "
    "أسرة فرت من القتال في مديريات صرواح ورغوان خلال الأشهر الماضية، وإن فرقا طبية سترافق التوزيع. ";
inline const std::string kEnd =
    "وكانت منظمات إنسانية قد حذرت الأسبوع الماضي من نفاد مخزون الغذاء في المخيمات، ودعت أطراف النزاع إلى فتح الطرق "
    "أمام الشاحنات دون قيود وإلى تحييد العاملين في المجال الإنساني. ";
inline const std::string kDispatch = kLead + kMiddle + kEnd;
// Two more paragraphs, for versions that overlap only in part.
inline const std::string kFourth =
    "وأشار مسؤول في مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إلى أن القافلة هي الأولى التي تصل المدينة منذ شهرين، "
    "وأن المكتب يتفاوض على مرور قافلتين أخريين محملتين بالوقود ومعدات تنقية المياه قبل نهاية الشهر الجاري. ";
inline const std::string kFifth =
    "ويعتمد أكثر من نصف سكان المحافظة على المساعدات الغذائية بحسب تقديرات برنامج الأغذية العالمي، الذي قال في تقريره "
    "الأخير إن أسعار الدقيق تضاعفت في الأسواق المحلية منذ بداية العام بسبب تراجع العملة وإغلاق الطرق. ";
// Another report of the same day in the same city, written apart.
inline const std::string kOther =
    "شهدت مدينة مأرب اليوم اشتباكات عنيفة في محيط معسكر تداوين بين القوات الحكومية ومسلحين قبليين استمرت عدة ساعات، "
    "وأفاد سكان بسماع دوي انفجارات متتالية وتحليق للطيران فوق الأحياء الغربية، فيما أغلقت المحال التجارية أبوابها "
    "مبكرا. ولم تصدر أي جهة رسمية بيانا عن حصيلة المواجهات حتى المساء، بينما تحدثت مصادر طبية عن وصول جرحى إلى "
    "مستشفى الهيئة.";

}  // namespace marsad::testing_support::wire

#include "common/text/normalizer.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace marsad::text {
namespace {

struct Case {
  const char* rule;
  std::string input;
  std::string expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule; }


class NormalizerRule : public testing::TestWithParam<Case> {};

TEST_P(NormalizerRule, Folds) {
  Normalizer normalizer;
  EXPECT_EQ(normalizer.normalize(GetParam().input), GetParam().expected) << GetParam().rule;
}

TEST_P(NormalizerRule, IsIdempotent) {
  Normalizer normalizer;
  std::string once = normalizer.normalize(GetParam().input);
  EXPECT_EQ(normalizer.normalize(once), once) << GetParam().rule;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, NormalizerRule,
    testing::Values(
        Case{"tashkeel removed", "قُتِلَ", "قتل"},
        Case{"tanween and shadda removed", "مدنيًّا", "مدنيا"},
        Case{"sukun removed", "مَدْرَسَة", "مدرسه"},
        Case{"superscript alef U+0670 removed", "هٰذا", "هذا"},
        Case{"Quranic mark U+06D6 removed", "قال\u06D6", "قال"},
        Case{"tatweel U+0640 removed", "قـــتـل", "قتل"},
        Case{"a letter lowercased after NFKC composes with the mark NFKC split off", "T\u0344", "\u1E97\u0301"},
        Case{"alef with hamza above", "أعلن", "اعلن"},
        Case{"alef with hamza below", "إطلاق", "اطلاق"},
        Case{"alef with madda", "آلاف", "الاف"},
        Case{"alef wasla U+0671", "\u0671لحرب", "الحرب"},
        Case{"combining hamza above U+0654 after alef", "\u0627\u0654علن", "اعلن"},
        Case{"combining hamza below U+0655 after alef", "\u0627\u0655طلاق", "اطلاق"},
        Case{"alef maqsura", "مستشفى", "مستشفي"},
        Case{"ta marbuta", "غزة", "غزه"},
        Case{"waw with hamza", "مؤتمر", "موتمر"},
        Case{"ya with hamza", "رئيس", "رييس"},
        Case{"Persian kaf U+06A9", "\u06A9رکوک", "كركوك"},
        Case{"Persian ya U+06CC", "\u06CCمن", "يمن"},
        Case{"heh with yeh above U+06C0", "خان\u06C0", "خانه"},
        Case{"Arabic-Indic digits", "٣٠ سبتمبر ٢٠٢٠", "30 سبتمبر 2020"},
        Case{"Eastern Arabic-Indic digits", "۱۲۳", "123"},
        Case{"Arabic decimal and thousands separators", "١٢٬٥٠٠٫٥", "12,500.5"},
        Case{"lam-alef ligature U+FEFB (NFKC)", "\uFEFBحقا", "لاحقا"},
        Case{"presentation forms (NFKC)", "\uFE8D\uFEDF\uFED8\uFEA4\uFEC8\uFEEE", "القحظو"},
        Case{"Latin lower-cased", "UN Security COUNCIL", "un security council"},
        Case{"full-width Latin (NFKC)", "\uFF35\uFF2E", "un"},
        Case{"right-to-left mark U+200F and ZWNJ removed", "غزة\u200F\u200C", "غزه"},
        Case{"punctuation kept", "حلب، إدلب؟", "حلب، ادلب؟"}));

TEST(Normalizer, KeepsCaseWhenAskedForQueries) {
  Normalizer query_normalizer(NormalizerOptions{.lowercase = false});
  EXPECT_EQ(query_normalizer.normalize("غزة AND أريحا"), "غزه AND اريحا");
}

TEST(Normalizer, KeepsLettersAsWrittenWhenAskedForQueryText) {
  Normalizer query_text(NormalizerOptions{.lowercase = false, .fold_letters = false});
  // Marks, tatweel and digits go as always; the letters the analysis reads (ة ه أ ى ئ ؤ ک) stay.
  EXPECT_EQ(query_text.normalize("مدينةٌ وبلادهـ بدأ مستشفى ٣٠ AND رئيس مؤتمر کابل"), "مدينة وبلاده بدأ مستشفى 30 AND رئيس مؤتمر کابل");
  EXPECT_EQ(query_text.normalize(query_text.normalize("مدينةٌ ٣٠")), query_text.normalize("مدينةٌ ٣٠"));
}

struct InvalidCase {
  const char* rule;
  std::string input;
  std::size_t offset;  // of the first bad byte
};

void PrintTo(const InvalidCase& c, std::ostream* os) { *os << c.rule; }

class NormalizerInvalidUtf8 : public testing::TestWithParam<InvalidCase> {};

TEST_P(NormalizerInvalidUtf8, RejectsItWithItsOffset) {
  Normalizer normalizer;
  try {
    normalizer.normalize(GetParam().input);
    FAIL() << "no exception";
  } catch (const InvalidUtf8Error& e) {
    EXPECT_EQ(e.byte_offset(), GetParam().offset);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, NormalizerInvalidUtf8,
    testing::Values(
        InvalidCase{"after Arabic letters", std::string("غز\xff", 5), 4},
        InvalidCase{"after a character NFKC folds (lam-alef U+FEFB)", std::string("\uFEFBغز\xff", 8), 7},
        InvalidCase{"a truncated sequence after a byte-order mark", "\uFEFF\u0640\xe2\x80u", 5}));

}  // namespace
}  // namespace marsad::text

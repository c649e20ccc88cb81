#include "common/tag/sentences.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace marsad::tag {
namespace {

struct Case {
  const char* rule;
  std::string text;
  std::vector<std::string> expected;  // each sentence exactly as cut from the text
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule; }

text::Analyzer& analyzer() {
  static text::Analyzer instance;
  return instance;
}

std::vector<std::string> cut(const std::string& text, const std::vector<text::AnalyzedToken>& tokens) {
  std::vector<std::string> out;
  for (const SentenceSpan& span : split_sentences(text, tokens)) out.push_back(text.substr(span.begin, span.end - span.begin));
  return out;
}

class SentenceSplit : public testing::TestWithParam<Case> {};

TEST_P(SentenceSplit, CutsWhereTheRuleSays) {
  const Case& c = GetParam();
  std::vector<text::AnalyzedToken> tokens = analyzer().analyze(c.text);
  EXPECT_EQ(cut(c.text, tokens), c.expected) << c.rule;
}

TEST_P(SentenceSplit, SpansCoverEveryTokenOnceInOrder) {
  const Case& c = GetParam();
  std::vector<text::AnalyzedToken> tokens = analyzer().analyze(c.text);
  std::vector<SentenceSpan> spans = split_sentences(c.text, tokens);
  std::size_t next = 0;
  for (const SentenceSpan& span : spans) {
    EXPECT_EQ(span.first_token, next);
    EXPECT_LE(span.first_token, span.last_token);
    EXPECT_LE(span.begin, tokens[span.first_token].token.begin);
    EXPECT_GE(span.end, tokens[span.last_token].token.end);
    next = span.last_token + 1;
  }
  EXPECT_EQ(next, tokens.size());
}

INSTANTIATE_TEST_SUITE_P(
    SentenceRules, SentenceSplit,
    testing::Values(
        Case{"full stop followed by a space", "قصفت الطائرات المدينة. وقال الجيش إن الهجوم فشل.",
             {"قصفت الطائرات المدينة.", "وقال الجيش إن الهجوم فشل."}},
        Case{"Arabic question mark and semicolon", "هل تصمد الهدنة؟ لا أحد يعرف؛ المعارك مستمرة",
             {"هل تصمد الهدنة؟", "لا أحد يعرف؛", "المعارك مستمرة"}},
        Case{"exclamation and Latin question mark", "انتهت الحرب! أم لا? سنرى.",
             {"انتهت الحرب!", "أم لا?", "سنرى."}},
        Case{"line break without a mark", "عنوان الخبر\nقتل خمسة مدنيين في غارة",
             {"عنوان الخبر", "قتل خمسة مدنيين في غارة"}},
        Case{"blank lines and trailing spaces trimmed", "الجملة الأولى.  \n\n  الجملة الثانية  ",
             {"الجملة الأولى.", "الجملة الثانية"}},
        Case{"thousands separator inside a number", "قتل 1.500 شخص في المعارك. ونزح الآلاف.",
             {"قتل 1.500 شخص في المعارك.", "ونزح الآلاف."}},
        Case{"decimal point inside a number", "بلغ عدد النازحين 2.5 مليون نازح.", {"بلغ عدد النازحين 2.5 مليون نازح."}},
        Case{"agency initials without spaces", "ذكرت أ.ف.ب أن القصف استمر.", {"ذكرت أ.ف.ب أن القصف استمر."}},
        Case{"one-letter title before a name", "قال د. محمد الأحمد إن المستشفى امتلأ.",
             {"قال د. محمد الأحمد إن المستشفى امتلأ."}},
        Case{"era letter after a year ends a sentence", "اندلعت الحرب عام 2015 م. ثم توقفت.",
             {"اندلعت الحرب عام 2015 م.", "ثم توقفت."}},
        Case{"full stop without a following space does not cut", "انتهى الاجتماع.وبدأ القصف",
             {"انتهى الاجتماع.وبدأ القصف"}},
        Case{"closing quotation mark stays with its sentence", "وقال «لن نتراجع.» ثم غادر.",
             {"وقال «لن نتراجع.»", "ثم غادر."}},
        Case{"opening quotation mark belongs to the next sentence", "انتهى. «المعارك مستمرة» قال المتحدث.",
             {"انتهى.", "«المعارك مستمرة» قال المتحدث."}},
        Case{"ellipsis cuts like a full stop", "استمر القصف... ثم ساد الهدوء", {"استمر القصف...", "ثم ساد الهدوء"}},
        Case{"clock time and date stay whole", "بدأت الهدنة في 10:30 يوم 30.9.2020 صباحا.",
             {"بدأت الهدنة في 10:30 يوم 30.9.2020 صباحا."}}));

TEST(SentenceSplit, TextWithoutTokensHasNoSentence) {
  std::string text = " .\n ؟ ";
  EXPECT_TRUE(split_sentences(text, analyzer().analyze(text)).empty());
}

}  // namespace
}  // namespace marsad::tag

#include "common/text/utf8.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace marsad::text {
namespace {

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_EQ(find_invalid_utf8("غزة abc"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8(std::string("ab\xff", 3)), 2u);
  EXPECT_EQ(find_invalid_utf8(std::string("\xd8", 1)), 0u);                   // truncated sequence
  EXPECT_EQ(find_invalid_utf8(std::string("a\xc0\xaf", 3)), 1u);              // overlong '/'
  EXPECT_EQ(find_invalid_utf8(std::string("\xed\xa0\x80", 3)), 0u);           // surrogate
  EXPECT_EQ(find_invalid_utf8(std::string("\xf4\x90\x80\x80", 4)), 0u);       // past U+10FFFF
}

TEST(Utf8, RequireNamesTheOffsetIncludingABase) {
  try {
    require_valid_utf8(std::string("ok\xfe", 3), 100);
    FAIL() << "no exception";
  } catch (const InvalidUtf8Error& e) {
    EXPECT_EQ(e.byte_offset(), 102u);
    EXPECT_NE(std::string(e.what()).find("byte offset 102"), std::string::npos);
  }
}

TEST(Utf8, RepairReplacesEachBadSequenceOnce) {
  EXPECT_EQ(repair_utf8(std::string("غ\xff\xfeز", 6)), "غ\uFFFD\uFFFDز");
  EXPECT_EQ(repair_utf8("سليم"), "سليم");
  EXPECT_EQ(find_invalid_utf8(repair_utf8(std::string("\xe2\x82", 2))), std::string_view::npos);
}

TEST(Utf8, CountsCodePointsAndRoundTrips) {
  EXPECT_EQ(count_code_points("غزة 1"), 5u);
  std::string out;
  for (int32_t cp : {0x41, 0x0627, 0x20AC, 0x1F600}) append_utf8(out, cp);
  std::size_t i = 0;
  for (int32_t cp : {0x41, 0x0627, 0x20AC, 0x1F600}) EXPECT_EQ(decode_utf8(out, i), cp);
  EXPECT_EQ(i, out.size());
}

TEST(Utf8, FitWithHashKeepsShortStringsAndBoundsLongOnes) {
  EXPECT_EQ(fit_with_hash("غزة", 40), "غزة");
  const std::string long_arabic = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "ب";
    return s;
  }();
  std::string fitted = fit_with_hash(long_arabic, 41);
  EXPECT_LE(fitted.size(), 41u);
  EXPECT_EQ(find_invalid_utf8(fitted), std::string_view::npos);  // cut on a character boundary
  EXPECT_EQ(fitted, fit_with_hash(long_arabic, 41));               // stable
  EXPECT_NE(fitted, fit_with_hash(long_arabic + "ب", 41));         // distinct inputs stay distinct
  EXPECT_EQ(fitted.substr(0, 20), long_arabic.substr(0, 20));
}

TEST(Utf8, PrintableReplacesControlCharacters) {
  struct Case {
    std::string input, expected;
  };
  const Case cases[] = {
      {"عنوان عادي", "عنوان عادي"},
      {"\x1b[31mأحمر\x07", "\xEF\xBF\xBD[31mأحمر\xEF\xBF\xBD"},
      {"a\nb\tc", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c"},
      {"\xc2\x9b" "x", "\xEF\xBF\xBDx"},  // C1 control (CSI)
      {"bad \xff", "bad \xEF\xBF\xBD"},
  };
  for (const Case& c : cases) EXPECT_EQ(printable(c.input), c.expected) << c.input;
  EXPECT_EQ(printable("a\nb", /*keep_newlines=*/true), "a\nb");
}

TEST(Utf8, BlankingInvalidBytesKeepsOffsets) {
  std::string s = std::string("\xff") + "غزة \xd8 x";
  const std::size_t size = s.size();
  blank_invalid_utf8(s);
  EXPECT_EQ(s.size(), size);
  EXPECT_EQ(s, " غزة   x");
}

TEST(Utf8, DropPartialCharacterOnlyDropsAnIncompleteEnd) {
  std::string cut = std::string("عر") + "\xd8";
  drop_partial_character(cut);
  EXPECT_EQ(cut, "عر");
  std::string whole = "عر";
  drop_partial_character(whole);
  EXPECT_EQ(whole, "عر");
  std::string ascii = "abc";
  drop_partial_character(ascii);
  EXPECT_EQ(ascii, "abc");
}

}  // namespace
}  // namespace marsad::text

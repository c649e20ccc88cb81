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

}  // namespace
}  // namespace marsad::text

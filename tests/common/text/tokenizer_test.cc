#include "common/text/tokenizer.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace marsad::text {
namespace {

std::vector<std::string> words(std::string_view text) {
  Tokenizer tokenizer;
  std::vector<std::string> out;
  for (const Token& t : tokenizer.tokenize(text)) out.emplace_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

TEST(Tokenizer, SplitsArabicWordsAndDropsPunctuation) {
  EXPECT_EQ(words("قصفت القوات، مدينة حلب؟"), (std::vector<std::string>{"قصفت", "القوات", "مدينة", "حلب"}));
}

TEST(Tokenizer, KeepsDiacriticsAndTatweelInsideTheWord) {
  EXPECT_EQ(words("قُتِلَ الـمدنيون"), (std::vector<std::string>{"قُتِلَ", "الـمدنيون"}));
}

TEST(Tokenizer, NumbersAndLatinWordsAreTokens) {
  Tokenizer tokenizer;
  std::string text = "قتل ٣٥ جنديا و1,200 مدني في UN report";
  auto tokens = tokenizer.tokenize(text);
  ASSERT_EQ(tokens.size(), 8u);
  // A conjunction written onto a number stays one token; the analyzer splits it.
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "و1,200");
  EXPECT_EQ(tokens[1].kind, TokenKind::Number);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "٣٥");
  EXPECT_EQ(tokens[0].kind, TokenKind::Word);
  EXPECT_EQ(text.substr(tokens[6].begin, tokens[6].end - tokens[6].begin), "UN");
}

TEST(Tokenizer, OffsetsAreBytesIntoTheOriginal) {
  Tokenizer tokenizer;
  std::string text = "  غزة😀 باكو";
  auto tokens = tokenizer.tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].begin, 2u);
  EXPECT_EQ(tokens[0].end, 8u);
  // The emoji (two UTF-16 units, four bytes) must not shift later offsets.
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "باكو");
}

TEST(Tokenizer, EmptyAndSpaceOnlyTextHaveNoTokens) {
  EXPECT_TRUE(words("").empty());
  EXPECT_TRUE(words(" ، . \n").empty());
}

TEST(Tokenizer, InvalidUtf8IsAnErrorWithOffset) {
  Tokenizer tokenizer;
  try {
    tokenizer.tokenize(std::string("abc \xc3(", 6));
    FAIL() << "no exception";
  } catch (const InvalidUtf8Error& e) {
    EXPECT_EQ(e.byte_offset(), 4u);
  }
}

}  // namespace
}  // namespace marsad::text

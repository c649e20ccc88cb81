#include "common/text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/unistr.h>

#include "common/errors.h"
#include "common/text/utf8.h"

namespace marsad::text {

Tokenizer::Tokenizer() {
  UErrorCode status = U_ZERO_ERROR;
  words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
}

Tokenizer::~Tokenizer() = default;

std::vector<Token> Tokenizer::tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens);
  return tokens;
}

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  require_valid_utf8(text);
  icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  words_->setText(utf16);

  // Boundaries arrive in increasing order, so one cursor walks UTF-16 units and bytes together.
  int32_t unit_cursor = 0;
  std::size_t byte_cursor = 0;
  auto byte_offset_of = [&](int32_t unit) {
    while (unit_cursor < unit) {
      unsigned char b = static_cast<unsigned char>(text[byte_cursor]);
      std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
      byte_cursor += len;
      unit_cursor += len == 4 ? 2 : 1;
    }
    return byte_cursor;
  };

  int32_t start = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; start = end, end = words_->next()) {
    int32_t status = words_->getRuleStatus();
    if (status == UBRK_WORD_NONE) continue;
    Token token;
    token.begin = byte_offset_of(start);
    token.end = byte_offset_of(end);
    token.kind = (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) ? TokenKind::Number : TokenKind::Word;
    tokens.push_back(token);
  }
}

}  // namespace marsad::text

#pragma once
// Stage 1 of the analysis chain: ICU word boundaries with byte offsets into the original text.
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace marsad::text {

enum class TokenKind { Word, Number };

/** A word or number as written; [begin, end) are byte offsets into the tokenized text. */
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  TokenKind kind = TokenKind::Word;
};

/**
 * Splits UTF-8 text into words and numbers with ICU's word BreakIterator; spaces and punctuation
 * are dropped. Not thread-safe: use one Tokenizer per thread. Throws InvalidUtf8Error on bad input.
 */
class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  /** Replaces tokens with the tokens of text. */
  void tokenize(std::string_view text, std::vector<Token>& tokens);
  std::vector<Token> tokenize(std::string_view text);

 private:
  std::unique_ptr<icu::BreakIterator> words_;
};

}  // namespace marsad::text

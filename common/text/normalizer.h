#pragma once
// Stage 2 of the analysis chain (applied to each token): the character folding under which Arabic words match.
#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace marsad::text {

/** Which foldings Normalizer applies; the defaults are what indexing and querying use. */
struct NormalizerOptions {
  /** Lower-case non-Arabic letters. Off for whole query strings, so that QueryParser still sees AND/OR/NOT. */
  bool lowercase = true;
  /** Fold Arabic and Persian letters (the alefs, ى ة ؤ ئ, ک ی). Off for whole query strings, so
   *  that the analysis of each word sees it as written, as it does when indexing (ة is not ه). */
  bool fold_letters = true;
};

/**
 * Folds text to the form under which words are matched: NFKC (presentation forms, lam-alef
 * ligatures), no tashkeel, Quranic marks, tatweel or invisible direction marks; أ إ آ ٱ → ا,
 * ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ک ی ۀ → ك ي ه, Arabic-Indic and Eastern digits → 0-9.
 * Invariant: normalize(normalize(x)) == normalize(x). Throws InvalidUtf8Error on bad input.
 * Thread-safe (stateless apart from ICU's shared NFKC instance).
 */
class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});

  std::string normalize(std::string_view utf8) const;
  /** Appends the normalized form of utf8 to out. */
  void normalize_append(std::string_view utf8, std::string& out) const;

 private:
  void fold_append(std::string_view utf8, std::string& out) const;

  NormalizerOptions options_;
  const icu::Normalizer2* nfkc_;
};

/** True for code points the normalizer deletes (tashkeel, tatweel, Quranic marks, format characters). */
bool is_removed_mark(int32_t cp);

}  // namespace marsad::text

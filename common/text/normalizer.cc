#include "common/text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/errors.h"
#include "common/text/utf8.h"

namespace marsad::text {
namespace {

/** Code points whose NFKC form differs in a way the per-character table below does not cover. */
bool needs_nfkc(int32_t cp) {
  if (cp < 0xA0) return false;
  if (cp <= 0xFF) return cp == 0xA0 || cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 ||
                         cp == 0xB9 || cp == 0xBA || (cp >= 0xBC && cp <= 0xBE);
  if (cp >= 0x0300 && cp <= 0x036F) return true;  // Latin combining marks: compose
  if (cp >= 0x0675 && cp <= 0x0678) return true;  // Arabic letters with compatibility hamza
  if (cp >= 0x2000 && cp <= 0x2BFF) return !(cp >= 0x2010 && cp <= 0x2027) && !(cp >= 0x2030 && cp <= 0x205E);
  if (cp >= 0xFB00) return cp <= 0xFFEF;  // presentation forms, half- and full-width forms
  return false;
}

}  // namespace

bool is_removed_mark(int32_t cp) {
  return (cp >= 0x064B && cp <= 0x065F) ||  // tashkeel, incl. combining hamza above/below
         cp == 0x0670 ||                    // superscript alef
         cp == 0x0640 ||                    // tatweel
         (cp >= 0x0610 && cp <= 0x061A) ||  // Quranic annotation signs
         (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E8) ||
         (cp >= 0x06EA && cp <= 0x06ED) ||
         cp == 0x061C ||                    // Arabic letter mark
         (cp >= 0x200B && cp <= 0x200F) ||  // zero-width space/joiners, LRM, RLM
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||  // bidi controls
         cp == 0xFEFF || cp == 0x00AD;      // BOM, soft hyphen
}

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_ = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU NFKC normalizer unavailable: ") + u_errorName(status));
}

std::string Normalizer::normalize(std::string_view utf8) const {
  std::string out;
  out.reserve(utf8.size());
  normalize_append(utf8, out);
  return out;
}

void Normalizer::normalize_append(std::string_view utf8, std::string& out) const {
  bool compat = false;
  std::size_t i = 0;
  while (i < utf8.size()) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t at = i;
    int32_t cp = decode_utf8(utf8, i);
    if (cp < 0) throw InvalidUtf8Error(at, "invalid UTF-8 at byte offset " + std::to_string(at));
    // No early exit: ICU would turn bad bytes after this character into U+FFFD without a word.
    if (needs_nfkc(cp)) compat = true;
  }
  if (!compat) {
    fold_append(utf8, out);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size())), status);
  if (U_FAILURE(status)) throw Error(std::string("NFKC normalization failed: ") + u_errorName(status));
  std::string tmp, result;
  folded.toUTF8String(tmp);
  fold_append(tmp, result);
  // Folding can undo NFKC (a lowercased T before a combining diaeresis composes to ẗ): fold again
  // until NFKC leaves the text as it is, so that normalizing twice changes nothing.
  for (int round = 0; round < 3; ++round) {
    const icu::UnicodeString again = icu::UnicodeString::fromUTF8(result);
    if (nfkc_->isNormalized(again, status) || U_FAILURE(status)) break;
    tmp.clear();
    nfkc_->normalize(again, status).toUTF8String(tmp);
    if (U_FAILURE(status)) break;
    result.clear();
    fold_append(tmp, result);
  }
  if (U_FAILURE(status)) throw Error(std::string("NFKC normalization failed: ") + u_errorName(status));
  out += result;
}

void Normalizer::fold_append(std::string_view utf8, std::string& out) const {
  std::size_t i = 0;
  while (i < utf8.size()) {
    unsigned char b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out.push_back(options_.lowercase && b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    std::size_t at = i;
    int32_t cp = decode_utf8(utf8, i);
    if (cp < 0) throw InvalidUtf8Error(at, "invalid UTF-8 at byte offset " + std::to_string(at));
    if (is_removed_mark(cp)) continue;
    if (!options_.fold_letters && cp >= 0x0621 && cp <= 0x06D5 && !(cp >= 0x0660 && cp <= 0x066C)) {
      append_utf8(out, cp);
      continue;
    }
    switch (cp) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        cp = 0x0627;  // آ أ إ ٱ and wavy-hamza alefs → ا
        break;
      case 0x0649: case 0x0626: case 0x06CC: case 0x06D0:
        cp = 0x064A;  // ى ئ ی ې → ي
        break;
      case 0x0629: case 0x06C0: case 0x06C1: case 0x06BE: case 0x06D5:
        cp = 0x0647;  // ة ۀ ہ ھ ە → ه
        break;
      case 0x0624:
        cp = 0x0648;  // ؤ → و
        break;
      case 0x06A9: case 0x06AA:
        cp = 0x0643;  // ک ڪ → ك
        break;
      case 0x066B:
        cp = '.';  // Arabic decimal separator
        break;
      case 0x066C:
        cp = ',';  // Arabic thousands separator
        break;
      default:
        if (cp >= 0x0660 && cp <= 0x0669) {
          cp = '0' + (cp - 0x0660);
        } else if (cp >= 0x06F0 && cp <= 0x06F9) {
          cp = '0' + (cp - 0x06F0);
        } else if (options_.lowercase && (cp < 0x0600 || cp > 0x06FF)) {
          cp = u_tolower(cp);
        }
    }
    append_utf8(out, cp);
  }
}

}  // namespace marsad::text

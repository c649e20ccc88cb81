#include "common/text/analyzer.h"

#include <algorithm>

#include "common/text/utf8.h"

namespace marsad::text {
namespace {

constexpr std::size_t kMaxCachedWords = 1'000'000;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/** "1,000" and "30.5" as numbers: drop group separators, keep the decimal point. */
std::string number_term(std::string_view normalized) {
  std::string out;
  for (char c : normalized)
    if (c != ',') out.push_back(c);
  return out;
}

constexpr std::string_view kArticle = "ال";

/** Whether the word as written starts with أ إ آ (ignoring marks and tatweel before it). */
bool starts_with_hamza_alef(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size()) {
    int32_t cp = decode_utf8(word, i);
    if (cp < 0) return false;
    if (is_removed_mark(cp)) continue;
    return cp == 0x0622 || cp == 0x0623 || cp == 0x0625;
  }
  return false;
}

/** ئ ↔ ؤ (both two bytes in UTF-8, so in place). */
void swap_hamza_seats(std::string& word) {
  static const std::string ya_seat = "ئ", waw_seat = "ؤ";
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    if (word.compare(i, 2, ya_seat) == 0) {
      word.replace(i, 2, waw_seat);
      ++i;
    } else if (word.compare(i, 2, waw_seat) == 0) {
      word.replace(i, 2, ya_seat);
      ++i;
    }
  }
}

/** The digits of و15, ب٣٠ and the like (a conjunction or preposition before a number), else "". */
std::string number_after_clitic(std::string_view normalized) {
  for (std::string_view clitic : {"وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك"}) {
    if (normalized.substr(0, clitic.size()) != clitic) continue;
    std::string_view rest = normalized.substr(clitic.size());
    if (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      for (char c : rest)
        if (!((c >= '0' && c <= '9') || c == ',' || c == '.')) return {};
      return std::string(rest);
    }
  }
  return {};
}

}  // namespace

std::string AnalyzerSettings::describe(const Lexicon& lexicon) const {
  return "rules=" + std::to_string(kAnalysisRulesVersion) + ";stemmer=" + std::string(to_string(stemmer)) +
         ";lexicon=" + lexicon.fingerprint();
}

Analyzer::Analyzer(AnalyzerSettings settings, const Lexicon& lexicon)
    : settings_(settings),
      lexicon_(lexicon),
      stopwords_(StopWordList::builtin()),
      stemmer_(make_stemmer(settings.stemmer, lexicon)),
      segmenter_([this](std::string_view core) { return stemmer_->attest(core); },
                 [this](std::string_view word) { return stopwords_.contains(word); },
                 &lexicon_) {}

std::vector<AnalyzedToken> Analyzer::analyze(std::string_view text) {
  std::vector<AnalyzedToken> out;
  analyze(text, out);
  return out;
}

void Analyzer::analyze(std::string_view text, std::vector<AnalyzedToken>& out) {
  out.clear();
  if (cache_.size() > kMaxCachedWords) cache_.clear();
  tokenizer_.tokenize(text, tokens_);
  std::size_t position = 0;
  for (const Token& token : tokens_) {
    const WordAnalysis& analysis = cached(text.substr(token.begin, token.end - token.begin), token.kind);
    if (analysis.stem.empty()) continue;  // e.g. a run of tatweel
    out.push_back(AnalyzedToken{token, ++position, &analysis});
  }
}

const WordAnalysis& Analyzer::analyze_word(std::string_view word) {
  if (cache_.size() > kMaxCachedWords) cache_.clear();
  bool numeric = !word.empty();
  for (char c : word)
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.')) numeric = false;
  return cached(word, numeric ? TokenKind::Number : TokenKind::Word);
}

namespace {

/** Fills the lookup readings of a word (WordAnalysis::without_conjunction and the rest). */
void set_lookup_offsets(WordAnalysis& a) {
  if (!a.normalized.empty()) a.readings[a.reading_count++] = {false, 0, 0, lookup_hash(a.normalized)};
  if (a.number) return;
  constexpr std::string_view kWaw = "و", kFa = "ف", kBa = "ب", kKaf = "ك", kLam = "ل", kArticle = "ال";
  std::string_view rest = a.normalized;
  std::size_t removed = 0;
  if ((rest.starts_with(kWaw) || rest.starts_with(kFa)) && count_code_points(rest) >= 4) {
    rest.remove_prefix(kWaw.size());
    ++removed;
    a.without_conjunction = static_cast<std::uint8_t>(a.normalized.size() - rest.size());
  }
  if ((rest.starts_with(kBa) || rest.starts_with(kKaf) || rest.starts_with(kLam)) && count_code_points(rest) >= 4) {
    const bool lam = rest.starts_with(kLam);
    rest.remove_prefix(kBa.size());
    ++removed;
    if (lam && rest.starts_with(kLam) && count_code_points(rest) >= 4) {  // ل + ال is written لل
      rest.remove_prefix(kLam.size());
      ++removed;
    } else if (rest.starts_with(kArticle) && count_code_points(rest) >= 5) {
      rest.remove_prefix(kArticle.size());
      removed += 2;
    }
  } else if (rest.starts_with(kArticle) && count_code_points(rest) >= 5) {
    rest.remove_prefix(kArticle.size());
    removed += 2;
  }
  a.without_proclitics = static_cast<std::uint8_t>(a.normalized.size() - rest.size());
  a.proclitic_letters = static_cast<std::uint8_t>(removed);
  a.core_letters_removed = static_cast<std::uint8_t>(count_code_points(a.segments.proclitic) + count_code_points(a.segments.enclitic));

  auto add = [&a](LookupReading r) {
    std::string_view form = r.core ? std::string_view(a.segments.core) : std::string_view(a.normalized).substr(r.begin);
    if (form.empty()) return;
    for (std::size_t k = 0; k < a.reading_count; ++k)
      if (a.reading(k) == form) return;
    r.hash = lookup_hash(form);
    a.readings[a.reading_count++] = r;
  };
  if (a.without_conjunction > 0) add({false, a.without_conjunction, 1, 0});
  if (a.without_proclitics > 0) add({false, a.without_proclitics, a.proclitic_letters, 0});
  add({true, 0, a.core_letters_removed, 0});
}

}  // namespace

const WordAnalysis& Analyzer::cached(std::string_view word, TokenKind kind) {
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  WordAnalysis analysis = compute(word, kind);
  if (analysis.normalized.size() > kMaxWordBytes) analysis.normalized = fit_with_hash(analysis.normalized, kMaxWordBytes);
  if (analysis.stem.size() > kMaxWordBytes) analysis.stem = fit_with_hash(analysis.stem, kMaxWordBytes);
  set_lookup_offsets(analysis);
  return cache_.emplace(std::string(word), std::move(analysis)).first->second;
}

WordAnalysis Analyzer::compute(std::string_view word, TokenKind kind) {
  WordAnalysis a;
  a.normalized = normalizer_.normalize(word);
  if (a.normalized.empty()) return a;
  if (std::string digits = number_after_clitic(a.normalized); !digits.empty()) {
    a.number = true;
    a.segments.proclitic = a.normalized.substr(0, a.normalized.size() - digits.size());
    a.segments.core = digits;
    a.stem = number_term(digits);
    return a;
  }
  if (kind == TokenKind::Number || all_digits(a.normalized)) {
    a.number = true;
    a.segments.core = a.normalized;
    a.stem = number_term(a.normalized);
    return a;
  }
  const CliticSegmenter::Ending ending = CliticSegmenter::ending_of(word);
  a.segments = segmenter_.segment(a.normalized, starts_with_hamza_alef(word), ending);
  // The seat of a hamza varies in print (مسئول/مسؤول): the word is also read with the other seat,
  // and that reading wins when it is better attested, or as well attested when the word has ئو
  // inside (nearly always a variant of ؤو; not a final ئون, which is ئ + ون as in لاجئون).
  if (word.find("ئ") != std::string_view::npos || word.find("ؤ") != std::string_view::npos) {
    std::string other(word);
    swap_hamza_seats(other);
    std::string normalized_other = normalizer_.normalize(other);
    Segmentation segments_other = segmenter_.segment(normalized_other, starts_with_hamza_alef(other), ending);
    std::string_view w = word;
    std::size_t inner = w.find("ئو");
    bool variant_seat = inner != std::string_view::npos && w.substr(inner) != "ئون" && w.substr(inner) != "ئوا";
    if (segments_other.attestation > a.segments.attestation ||
        (variant_seat && segments_other.attestation == a.segments.attestation && segments_other.attestation != Attestation::Unknown)) {
      a.normalized = std::move(normalized_other);
      a.segments = std::move(segments_other);
    }
  }
  // A clitic on a number (ب30, و2020): the core is the number.
  if (all_digits(a.segments.core)) {
    a.number = true;
    a.stem = a.segments.core;
  } else if (a.segments.attestation == Attestation::Name) {
    // One term per name, with or without its article (الخرطوم, للخرطوم → خرطوم).
    std::string_view core = a.segments.core;
    bool article = core.substr(0, kArticle.size()) == kArticle && lexicon_.is_name(core.substr(kArticle.size()));
    a.stem = article ? core.substr(kArticle.size()) : core;
    // A name spelled another way (ترمب، نتانياهو) is indexed under its canonical spelling.
    if (const std::string* canonical = lexicon_.canonical_spelling(a.stem)) a.stem = stemmer_->stem(*canonical);
  } else {
    a.stem = stemmer_->stem(a.segments.core);
  }
  a.stopword = stopwords_.contains(a.normalized) || stopwords_.contains(a.segments.core);
  // Folding ئ to ي must not turn a word into a function word (فئة "group" into فيه "in it", a stop
  // word never indexed): such a word keeps its hamza, as ء.
  if (a.stopword && word.find("ئ") != std::string_view::npos) {
    std::string kept(word);
    for (std::size_t at = kept.find("ئ"); at != std::string::npos; at = kept.find("ئ", at)) kept.replace(at, 2, "ء");
    return compute(kept, kind);
  }
  return a;
}

}  // namespace marsad::text

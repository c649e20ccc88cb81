#include "common/text/stemmer.h"

#include "common/errors.h"
#include "common/text/strings.h"
#include "common/text/utf8.h"

namespace marsad::text {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view drop_suffix(std::string_view s, std::string_view suffix) {
  return s.substr(0, s.size() - suffix.size());
}

// All literals are in normalized form (ة already folded to ه, ى to ي).
constexpr std::string_view kTaMarbuta = "ه";
constexpr std::string_view kYa = "ي";

/** Which bases a suffix attaches to. */
enum class Base { Any, Noun, Verb };

/** Suffixes whose removal is checked against the lexicon, longest first within each group. */
struct SuffixRule {
  std::string_view suffix;
  std::string_view restore;  // appended to what remains before the lookup ("" or "ه")
  Base base;
};
constexpr SuffixRule kKnownRules[] = {
    {"تان", "ه", Base::Noun}, {"تين", "ه", Base::Noun},  // feminine dual → singular
    {"ات", "ه", Base::Noun},  {"ات", "", Base::Noun},    // sound feminine plural → singular
    {"يون", "ي", Base::Any},  {"يين", "ي", Base::Any},   // nisba plurals
    {"ون", "", Base::Any},    {"ين", "", Base::Any},  {"ان", "", Base::Any},  // masculine plural, dual, يفعلون
    {"وا", "", Base::Verb},   {"تما", "", Base::Verb}, {"تم", "", Base::Verb}, {"تن", "", Base::Verb},
    {"ت", "", Base::Verb},    {"ن", "", Base::Verb},    // verb subject suffixes (نا: see the segmenter)
    {"يه", "ي", Base::Noun},                            // feminine nisba → masculine
    {"ا", "", Base::Noun},                              // accusative tanween alef: جنديا، مدنيا
};

/** Doubled verbs of the news whose two letters, once the shadda is dropped, are all that is left:
 *  ردّ، شنّ، مرّ. The lexicon cannot tell ردت (رد + ت) from a weak verb's form (رمت of رمى). Left
 *  out where the weak verb's form is the commoner in news: جرت (of جرى, not جرّ), عدت، ودت. */
constexpr std::string_view kDoubledVerbs[] = {"رد", "شن", "مر", "حل", "ظل", "دل", "مد", "صد", "سد", "شد", "هز", "حث",
                                              "ضم", "تم", "فر", "حج", "عم", "خص", "مس", "بث", "دس", "شك", "قر", "حط",
                                              "فك", "سل", "هب", "حض", "رص", "فض", "صب", "كف"};

/** Weak verbs of the news (lemmas as the lexicon lists them, normalized: final ى is ي) whose
 *  feminine and plural perfect drop the last letter and so read as a sound verb the lexicon also
 *  lists (أنهت is أنهى's, not أنه's) or as the lexicon garbles them (نفت → فت, تلت → لت); and those
 *  in ا that read with و before them as a noun with tanween (ودعا is و + دعا, not ودع + ا).
 *  Each was checked in the news corpus; left out where the sound verb is the commoner (أكدت of
 *  أكّد, أثرت of أثّر, أجلت of أجّل) or both are common (اصطفت، ألفت). */
constexpr std::string_view kWeakVerbs[] = {"انهي", "اجري", "ابدي", "القي", "تبني", "عاني", "لاقي", "اعتدي", "ارتدي",
                                           "اودي", "اخلي", "امضي", "ادلي", "انقضي", "ارسي", "اولي", "راعي", "اسمي",
                                           "نفي", "تلا", "نوي", "دعا", "عزا", "بدا", "غزا", "نجا", "نما", "دنا"};

bool weak_verb(std::string_view lemma) { return listed(kWeakVerbs, lemma); }
bool doubled_verb(std::string_view base) { return listed(kDoubledVerbs, base); }

}  // namespace

std::size_t letter_count(std::string_view word) { return count_code_points(word); }

StemmerKind parse_stemmer_kind(std::string_view name) {
  if (name == "light") return StemmerKind::Light;
  if (name == "snowball") return StemmerKind::Snowball;
  throw ConfigError("unknown stemmer '" + std::string(name) + "' (expected light or snowball)");
}

std::string_view to_string(StemmerKind kind) { return kind == StemmerKind::Light ? "light" : "snowball"; }

std::string LightStemmer::known_stem(std::string_view core, Attestation* attestation, bool follow_plurals) const {
  // Another spelling of a name or loanword (بوتن، أميركا) takes the canonical one's stem.
  if (const std::string* canonical = lexicon_.canonical_spelling(core)) {
    *attestation = lexicon_.is_name(core) ? Attestation::Name : Attestation::Lexicon;
    return stem(*canonical);
  }
  if (lexicon_.is_name(core)) {
    *attestation = Attestation::Name;
    return std::string(core);
  }
  // A doubled verb with a subject suffix (ردت، ردوا، شنت): its two letters are the verb.
  for (std::string_view suffix : {"وا", "تم", "ت", "ن"}) {
    if (ends_with(core, suffix) && letter_count(drop_suffix(core, suffix)) == 2 && doubled_verb(drop_suffix(core, suffix))) {
      *attestation = Attestation::Inflected;
      return std::string(drop_suffix(core, suffix));
    }
  }
  // A broken plural takes its singular's stem (صواريخ → صاروخ, قتلى → قتيل).
  if (const std::string* singular = follow_plurals ? lexicon_.singular_of(core) : nullptr) {
    std::string stem = known_stem(*singular, attestation, false);
    *attestation = Attestation::Lexicon;
    return stem.empty() ? *singular : stem;
  }
  if (const std::string* lemma = lexicon_.lemma(core)) {
    *attestation = *lemma == core ? Attestation::Lexicon : Attestation::Inflected;
    // The lexicon garbles the lemma of a doubled verb's imperfect plural with an alef (يردون →
    // اردا, يشنون → شنا, يستمرون → استمرا): the singular's lemma (يرد → رد) is the verb's.
    if ((core.substr(0, 2) == "ي" || core.substr(0, 2) == "ت") && ends_with(*lemma, "ا")) {
      for (std::string_view suffix : {"ون", "ين", "ان"}) {
        if (!ends_with(core, suffix)) continue;
        const std::string* singular = lexicon_.lemma(drop_suffix(core, suffix));
        if (singular && (*lemma == *singular + "ا" || *lemma == "ا" + *singular + "ا")) return *singular;
      }
    }
    // A conjugated form whose listed lemma does not start it (اكدت → اكدي) yields to a verb
    // suffix off a lemma that does (اكدت = اكد + ت).
    if (*lemma != core && core.substr(0, lemma->size()) != *lemma) {
      for (std::string_view suffix : {"تما", "تم", "تن", "وا", "ت", "ن"}) {
        if (!ends_with(core, suffix)) continue;
        std::string_view base = drop_suffix(core, suffix);
        if (weak_verb(*lemma) && *lemma == std::string(base) + "ي") return *lemma;
        // Two letters left are a weak verb's (رمت of رمى): there the listed lemma is right, unless
        // the lexicon took the first letter for a person prefix (نفت → فت) of a listed weak verb.
        if (letter_count(base) < 3) {
          for (std::string_view last : {"ي", "ا"}) {
            const std::string weak = std::string(base) + std::string(last);
            if ((suffix == "ت" || suffix == "وا") && weak_verb(weak)) return weak;
          }
          continue;
        }
        const std::string* base_lemma = lexicon_.lemma(base);
        if (base_lemma && lexicon_.can_be_verb(base) && core.substr(0, base_lemma->size()) == *base_lemma) return *base_lemma;
      }
    }
    // Feminine nisba to masculine when both are listed (انسانيه → انساني).
    if (ends_with(core, "يه")) {
      std::string masculine(drop_suffix(core, kTaMarbuta));
      if (const std::string* m = lexicon_.lemma(masculine); m && *m == masculine) return masculine;
    }
    return *lemma;
  }
  std::string candidate;
  for (const SuffixRule& rule : kKnownRules) {
    if (!ends_with(core, rule.suffix)) continue;
    std::string_view rest = drop_suffix(core, rule.suffix);
    // Keep three letters, or two when ة comes back (لغات → لغة); حسين is not حس + ين.
    if (letter_count(rest) < (rule.restore == kTaMarbuta ? 2u : 3u)) continue;
    // Tanween alef never follows ة (accusative ةً has none): زيرها is not زيره + ا. And و or ف
    // before a weak verb of the list is the conjunction on the verb: ودعا is و + دعا, not ودع + ا.
    if (rule.suffix == "ا" && ends_with(rest, kTaMarbuta)) continue;
    if (rule.suffix == "ا" && (core.substr(0, 2) == "و" || core.substr(0, 2) == "ف") && weak_verb(core.substr(2))) continue;
    candidate.assign(rest);
    candidate += rule.restore;
    if (const std::string* canonical = lexicon_.canonical_spelling(candidate)) {  // الأميركيين
      *attestation = Attestation::Derived;
      return stem(*canonical);
    }
    if (lexicon_.is_name(candidate)) {
      *attestation = Attestation::Derived;
      return candidate;
    }
    if (const std::string* lemma = lexicon_.lemma(candidate)) {
      // A verb suffix needs a verb (or a conjugated form); a noun suffix a base that is not only a verb.
      bool verb = lexicon_.can_be_verb(candidate) || *lemma != candidate;
      if ((rule.base == Base::Verb && !verb) || (rule.base == Base::Noun && lexicon_.is_verb(candidate))) continue;
      *attestation = *lemma == candidate ? Attestation::Derived : Attestation::DerivedFromInflected;
      return *lemma;
    }
  }
  // Nisba adjectives (فكري، فكرية) and feminine adjectives (وحيدة) of a known word are words in
  // their own right: attested, but their stem is themselves, so سوري stays apart from سور.
  std::string_view masculine = ends_with(core, "يه") ? drop_suffix(core, kTaMarbuta) : core;
  if (ends_with(masculine, kYa) && letter_count(masculine) >= 4) {
    std::string_view stem = drop_suffix(masculine, kYa);
    const std::string* base = lexicon_.lemma(stem);
    if (base && *base == stem && !lexicon_.is_verb(stem)) {
      *attestation = Attestation::Derived;
      return std::string(masculine);
    }
  }
  // A plural has no feminine: after one, a final ه is the pronoun (جنوده، قواته، مقاتلوه).
  auto plural = [&](std::string_view word) {
    return lexicon_.singular_of(word) != nullptr || ends_with(word, "ات") || ends_with(word, "ون") || ends_with(word, "ين");
  };
  if (ends_with(core, kTaMarbuta) && letter_count(core) >= 4 && !plural(drop_suffix(core, kTaMarbuta))) {
    std::string_view stem = drop_suffix(core, kTaMarbuta);
    const std::string* base = lexicon_.lemma(stem);
    if (base && *base == stem && !lexicon_.is_verb(stem)) {  // استهدفه is a verb + pronoun
      // Well attested when the lexicon inflects the base for gender; otherwise only weakly, so
      // that بطريقة is ب + طريقة rather than the feminine of بطريق.
      *attestation = lexicon_.takes_feminine(stem) ? Attestation::Derived : Attestation::DerivedFromInflected;
      // The feminine of an adjective the lexicon inflects (جديدة of جديد) joins it; a feminine the
      // lexicon lists as a word of its own (مدينة beside مدين) never reaches this point.
      return lexicon_.takes_feminine(stem) ? std::string(stem) : std::string(core);
    }
  }
  // Imperfect verbs in ت/ن/ا share the lemma of the ي form the lexicon lists (تسيطر → يسيطر).
  for (std::string_view person : {"ت", "ن", "ا"}) {
    if (core.substr(0, person.size()) != person || letter_count(core) < 4) continue;
    candidate = "ي";
    candidate.append(core.substr(person.size()));
    for (std::string_view suffix : {"", "ون", "ين", "وا", "ان", "ن"}) {
      if (!ends_with(candidate, suffix) || letter_count(candidate) - letter_count(suffix) < 3) continue;
      const std::string* lemma = lexicon_.lemma(drop_suffix(candidate, suffix));
      if (lemma && *lemma != drop_suffix(candidate, suffix)) {
        *attestation = Attestation::DerivedFromInflected;
        return *lemma;
      }
    }
  }
  *attestation = Attestation::Unknown;
  return {};
}

Attestation LightStemmer::attest(std::string_view core) const {
  Attestation attestation;
  known_stem(core, &attestation);
  return attestation;
}

std::string LightStemmer::stem(std::string_view core) const {
  Attestation attestation;
  std::string known = known_stem(core, &attestation);
  if (attestation != Attestation::Unknown) return known;
  // Unknown word: plain light10-style rules, keeping at least three letters.
  auto strip_if_long = [&](std::string_view suffix, std::string_view restore) -> std::string {
    if (!ends_with(core, suffix)) return {};
    std::string_view rest = drop_suffix(core, suffix);
    if (letter_count(rest) < 3) return {};
    return std::string(rest) + std::string(restore);
  };
  for (auto [suffix, restore] : {std::pair<std::string_view, std::string_view>{"ات", kTaMarbuta},
                                 {"يون", kYa}, {"يين", kYa}, {"ون", ""}, {"ين", ""}, {"يه", kYa}}) {
    std::string s = strip_if_long(suffix, restore);
    if (!s.empty()) return s;
  }
  return std::string(core);
}

std::string SnowballStemmer::stem(std::string_view core) const {
  const std::string* canonical = lexicon_.canonical_spelling(core);
  return snowball_(canonical ? *canonical : std::string(core));
}

Attestation SnowballStemmer::attest(std::string_view core) const {
  if (lexicon_.is_name(core)) return Attestation::Name;
  if (const std::string* lemma = lexicon_.lemma(core))
    return *lemma == core ? Attestation::Lexicon : Attestation::Inflected;
  return Attestation::Unknown;
}

std::unique_ptr<Stemmer> make_stemmer(StemmerKind kind, const Lexicon& lexicon) {
  if (kind == StemmerKind::Snowball) return std::make_unique<SnowballStemmer>(lexicon);
  return std::make_unique<LightStemmer>(lexicon);
}

}  // namespace marsad::text

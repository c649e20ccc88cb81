#include "common/text/clitic_segmenter.h"

#include <array>
#include <optional>

#include "common/text/normalizer.h"
#include "common/text/stemmer.h"
#include "common/text/strings.h"
#include "common/text/utf8.h"

namespace marsad::text {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view x) {
  return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
}

struct Proclitic {
  std::string_view letters;
  bool article;  // ends in the article (ال, or the ل+ال contraction لل)
  bool future;   // ends in س: the rest must be an imperfect verb
  int cost;      // what stripping it costs (see the table)
};

// Cost of taking a letter for a clitic: 4 for the common و ف ب ل, 6 for the rarer ك and س (كانت
// is not ك + انت), 2 for the article, the commonest and least ambiguous clitic.
// Longest first. Normalized letters.
constexpr std::array<Proclitic, 26> kProclitics{{
    {"وبال", true, false, 10}, {"فبال", true, false, 10}, {"وكال", true, false, 12}, {"فكال", true, false, 12},
    {"ولل", true, false, 10},  {"فلل", true, false, 10},  {"وال", true, false, 6},   {"فال", true, false, 6},
    {"بال", true, false, 6},   {"كال", true, false, 8},   {"لل", true, false, 6},    {"ال", true, false, 2},
    {"وس", false, true, 10},   {"فس", false, true, 10},   {"وب", false, false, 8},   {"فب", false, false, 8},
    {"وك", false, false, 10},  {"فك", false, false, 10},  {"ول", false, false, 8},   {"فل", false, false, 8},
    {"و", false, false, 4},    {"ف", false, false, 4},    {"ب", false, false, 4},    {"ك", false, false, 6},
    {"ل", false, false, 4},    {"س", false, true, 6},
}};

// Words whose initial ال is not the article: relative pronouns, الله, and words spelled with a
// hamza-alef that folding turned into ا (إلى, إلا, الآن, آلاف, آلات).
constexpr std::array<std::string_view, 17> kArticleLikeWords{
    "الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللاتي", "اللواتي", "اللايي",
    "الا", "الي", "الان", "الاف", "الات"};

bool article_like(std::string_view word) { return listed(kArticleLikeWords, word); }
constexpr std::string_view kFuture = "س";

// Form VIII verbs of roots that begin with ل, whose forms start ا ل ت like the article before ت,
// where the lexicon also lists the rest as a word (تقي "pious", تف, تجا) and the verb is what news
// means: التقى "met" (325 tokens in the news corpus, with التقت 73, التقيت 50, التقوا 22),
// التف "surrounded", التجأ "took refuge". Left out where the article reading is the commoner:
// التهم (ال + تهم "the charges"), التفت (التفتت is mostly ال + تفتت "the fragmentation").
// Lemmas, normalized; the lexicon gives every conjugation's.
constexpr std::array<std::string_view, 3> kFormEightLamVerbs{"التقي", "التف", "التجا"};

// ي (my) is rare in news and word-final ي is nearly always the nisba ending (عسكري، سوري), so
// it comes off only after a ت that restores to ة (حكومتي → حكومة).
constexpr std::array<std::string_view, 11> kEnclitics{"هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي"};
constexpr std::string_view kFirstPersonEnclitic = "ي";
constexpr std::array<std::string_view, 6> kSafeEnclitics{"هما", "هم", "هن", "ها", "كم", "نا"};

/** How much an attested core outweighs the letters stripped to reach it (same scale as costs). */
int attestation_weight(Attestation a) {
  switch (a) {
    case Attestation::Name: return 16;
    case Attestation::Lexicon: return 14;
    case Attestation::Derived: return 11;
    case Attestation::Inflected: return 9;
    case Attestation::DerivedFromInflected: return 8;
    case Attestation::Unknown: break;
  }
  return 0;
}
constexpr int kFunctionWordWeight = 20;  // beats a listed whole word: فهو is ف + هو
/** What a core restored before a pronoun (مقاتلو → مقاتلون, رؤساو → رؤساء) adds to its weight: it
 *  beats a whole word attested only by derivation, not a listed one (مسؤولية). */
constexpr int kRestoredWeight = 4;
/** What reading a word written with a final ه as one in ة costs: more than taking the ه for the
 *  pronoun, so an attested core with the pronoun wins and an unknown one still reads as ة. */
constexpr int kMisspeltTaMarbutaCost = 6;

bool starts_imperfect(std::string_view rest) {
  return starts_with(rest, "ي") || starts_with(rest, "ت") || starts_with(rest, "ن") || starts_with(rest, "ا");
}

}  // namespace

CliticSegmenter::Ending CliticSegmenter::ending_of(std::string_view written_word) {
  int32_t last = 0;
  std::size_t i = 0;
  while (i < written_word.size()) {
    int32_t cp = decode_utf8(written_word, i);
    if (cp < 0) return Ending::Unknown;
    if (!is_removed_mark(cp)) last = cp;
  }
  if (last == 0x0629 || last == 0xFE93 || last == 0xFE94) return Ending::TaMarbuta;  // and presentation forms
  if (last == 0x0647 || (last >= 0xFEE9 && last <= 0xFEEC)) return Ending::Ha;
  if (last == 0x0623 || last == 0xFE83 || last == 0xFE84) return Ending::HamzaAlef;
  return Ending::Unknown;
}

bool CliticSegmenter::article_is_radical(std::string_view word) const {
  if (lexicon_ == nullptr || !starts_with(word, "الت")) return false;
  const std::string* lemma = lexicon_->lemma(word);
  return lemma != nullptr && listed(kFormEightLamVerbs, *lemma);
}

Segmentation CliticSegmenter::segment(std::string_view word, bool initial_hamza, Ending ending) const {
  struct Candidate {
    Segmentation segmentation;
    int cost = 0;   // what is stripped
    int score = 0;  // cost less the weight of the core's attestation: lowest wins
  };
  std::optional<Candidate> best;

  auto consider = [&](std::string_view proclitic, int proclitic_cost, std::string_view rest) {
    // A noun takes the article or a pronoun, never both (الضفه is a misspelt الضفة, not ال + ضف +
    // ه); a written ة after the article is the feminine ending (المعينة: ال + معين + ة).
    const bool article = ends_with(proclitic, "ال") || ends_with(proclitic, "لل");
    for (std::size_t e = 0; e <= kEnclitics.size(); ++e) {
      std::string_view enclitic = e == kEnclitics.size() ? std::string_view{} : kEnclitics[e];
      if (article && !enclitic.empty() && !(enclitic == "ه" && ending == Ending::TaMarbuta)) continue;
      if (!enclitic.empty() && !ends_with(rest, enclitic)) continue;
      std::string_view core = rest.substr(0, rest.size() - enclitic.size());
      if (letter_count(core) < 2) continue;
      // 4 per letter; a final ه costs more where it may be ة (usually so), less where it is
      // written ه: after a word, then, it is the pronoun far more often than a letter of the word.
      int cost = proclitic_cost + static_cast<int>(letter_count(enclitic)) * 4;
      if (enclitic == "ه") cost += ending == Ending::Ha ? -1 : 2;
      Attestation attestation = attest_(core);
      std::string restored;
      // Before a pronoun, ة is written ت: حكومتها → حكومة + ها.
      bool ta_restored = false;
      // A core in ت read only as a shorter word plus a suffix (مدت، قادت as verb + ت) is the listed
      // noun's in ة (مدة، قادة) first; a listed conjugation keeps its reading.
      const bool short_verb_form = attestation < Attestation::Lexicon &&
                                   (letter_count(core) == 3 || attestation == Attestation::Derived ||
                                    attestation == Attestation::DerivedFromInflected);
      if ((attestation == Attestation::Unknown || enclitic == kFirstPersonEnclitic || short_verb_form) &&
          !enclitic.empty() && ends_with(core, "ت")) {
        restored = std::string(core.substr(0, core.size() - 2)) + "ه";
        Attestation restored_attestation = attest_(restored);
        if (restored_attestation != Attestation::Unknown &&
            (!short_verb_form || attestation == Attestation::Unknown || restored_attestation >= Attestation::Lexicon)) {
          attestation = restored_attestation;
          core = restored;
          ta_restored = true;
        }
      }
      // Before a pronoun, a sound masculine plural drops its ن (مقاتليها، مواطنوه: مقاتلين + ها) and
      // a final hamza takes the seat of its case (رؤساؤه، رؤسائه: رؤساء + ه). Where the word so
      // restored is attested, it wins over the bare core (مقاتلي read as a nisba): the restored
      // letter is what the grammar asks for before a pronoun.
      bool restored_before_pronoun = false;
      const bool third_person = starts_with(enclitic, "ه");
      if (third_person && !ta_restored && (ends_with(core, "ي") || ends_with(core, "و"))) {
        const std::string stem_part(core.substr(0, core.size() - 2));
        for (const std::string& candidate : {std::string(core) + "ن", stem_part + "ء"}) {
          // ي + ه not written ه is far more often a feminine nisba (عسكرية، إسرائيلية) than a plural
          // with "his"; written ه is no ة, so there it is the pronoun (مقاتليه "his fighters"). The
          // hamza's seat moves only after an alef (رؤساؤه، أدائه; not رأيها).
          if (enclitic == "ه" && ends_with(core, "ي") && ends_with(candidate, "ن") && ending != Ending::Ha) continue;
          if (ends_with(candidate, "ء") && !ends_with(stem_part, "ا")) continue;
          if (ends_with(candidate, "ن") && ends_with(stem_part, "ا")) continue;  // ائه, اؤه: a hamza's seat
          // The plural is a noun's (not an imperfect verb's: تلقيها) and no word of its own (جنين).
          if (ends_with(candidate, "ن") && (starts_with(core, "ت") || starts_with(core, "ي"))) continue;
          const Attestation a = attest_(candidate);
          if (ends_with(candidate, "ن") && a != Attestation::Derived) continue;
          // The plural wins a tie with the nisba (مقاتليها: مقاتلين + ها, not مقاتلي + ها).
          const bool plural = ends_with(candidate, "ن");
          if (a == Attestation::Unknown || attestation_weight(a) < attestation_weight(attestation) ||
              (!plural && attestation_weight(a) == attestation_weight(attestation)))
            continue;
          restored = candidate;
          core = restored;
          attestation = a;
          restored_before_pronoun = true;
          break;
        }
      }
      if (attestation == Attestation::Unknown) continue;
      if (enclitic == kFirstPersonEnclitic && !ta_restored) continue;
      // A final أ is no tanween alef: a core in ا attested only by a suffix off a shorter word is
      // not this word.
      if (ending == Ending::HamzaAlef && enclitic.empty() && ends_with(core, "ا") &&
          (attestation == Attestation::Derived || attestation == Attestation::DerivedFromInflected))
        continue;
      int weight = attestation_weight(attestation) + (restored_before_pronoun ? kRestoredWeight : 0);
      // Particles after و/ف (وفي، فهو), and longer ones after ب/ل (بهذا، لذلك، بجميع).
      bool particle_clitic = proclitic == "و" || proclitic == "ف" ||
                             ((proclitic == "ب" || proclitic == "ل") && letter_count(core) >= 3);
      // A preposition follows no preposition: بلدية is no ب + لديه.
      if ((proclitic == "ب" || proclitic == "ل") && starts_with(core, "لدي")) particle_clitic = false;
      if (particle_clitic && enclitic.empty() && is_function_word_ && is_function_word_(core))
        weight = kFunctionWordWeight;
      int score = cost - weight;
      // Written with ه, a core in ه the dictionary spells only with ة is a misspelling at best: the
      // pronoun on an attested word wins (بلاده: بلاد + ه, not بلادة "dullness").
      if (ending == Ending::Ha && enclitic.empty() && ends_with(core, "ه") && attestation != Attestation::Name &&
          lexicon_ != nullptr && !lexicon_->ends_in_radical_ha(core))
        score += kMisspeltTaMarbutaCost;
      // A core starting ال that is no name is far more often article + word than a hamza-initial
      // word (الغاز: ألغاز "riddles" or ال + غاز "gas"), and a whole word starting وو attested only
      // as a conjugated form is و + word (ووقف).
      if (attestation != Attestation::Name && starts_with(core, "ال") && !article_like(core) &&
          !(initial_hamza && proclitic.empty()) && !article_is_radical(core))
        score += 4;
      if (proclitic.empty() && attestation < Attestation::Lexicon && starts_with(word, "وو")) score += 6;
      if (!best || score < best->score || (score == best->score && cost < best->cost))
        best = Candidate{Segmentation{std::string(proclitic), std::string(core), std::string(enclitic), attestation}, cost, score};
    }
  };

  consider({}, 0, word);
  if (article_like(word)) return Segmentation{{}, std::string(word), {}, Attestation::Lexicon};
  for (const Proclitic& p : kProclitics) {
    if (!starts_with(word, p.letters)) continue;
    if (initial_hamza && starts_with(p.letters, "ال")) continue;
    // وال + تقى is و + التقى: the ال of a form VIII verb is not the article.
    if (p.article && ends_with(p.letters, "ال") && article_is_radical(word.substr(p.letters.size() - std::string_view("ال").size())))
      continue;
    std::string_view rest = word.substr(p.letters.size());
    if (letter_count(rest) < 2) continue;
    if (p.future && !starts_imperfect(rest)) continue;
    consider(p.letters, p.cost, rest);
  }
  if (!best) return fallback(word);
  return best->segmentation;
}

Segmentation CliticSegmenter::fallback(std::string_view word) const {
  // Nothing recognized: strip only the article combinations (keeping two letters) or a leading
  // و (keeping three), and the longer pronouns (keeping three). A leading ف stays: unknown words
  // are mostly foreign names (فيسبوك, فيينا).
  Segmentation s;
  std::string_view rest = word;
  for (const Proclitic& p : kProclitics) {
    if (!starts_with(word, p.letters)) continue;
    std::string_view after = word.substr(p.letters.size());
    bool conjunction_only = p.letters == "و";
    if ((p.article && letter_count(after) >= 2) || (conjunction_only && letter_count(after) >= 3)) {
      s.proclitic.assign(p.letters);
      rest = after;
      break;
    }
  }
  for (std::string_view enclitic : kSafeEnclitics) {
    if (ends_with(rest, enclitic) && letter_count(rest) - letter_count(enclitic) >= 3) {
      s.enclitic.assign(enclitic);
      rest.remove_suffix(enclitic.size());
      break;
    }
  }
  s.core.assign(rest);
  return s;
}

}  // namespace marsad::text

#pragma once
// The word knowledge that guards clitic stripping and stemming: a lexicon of Arabic word forms
// with their lemmas (from hunspell-ar) and names from the gazetteer.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace marsad::text {

/** How strongly a candidate core is attested; higher wins when segmentations tie. */
/** Unknown; DerivedFromInflected: a conjugated lexicon form plus a suffix; Inflected: a lexicon
 *  form whose lemma differs (a conjugated verb); Derived: a base form plus an inflectional suffix;
 *  Lexicon: a lexicon base form; Name: a gazetteer name. */
enum class Attestation { Unknown = 0, DerivedFromInflected, Inflected, Derived, Lexicon, Name };

/**
 * Immutable after construction, so one instance is shared by all threads. All strings are
 * normalized (see Normalizer). The lexicon maps a clitic-free word form to its lemma: itself for
 * most nouns, the base verb for conjugated verb forms (hunspell-ar's "st:" morphology).
 */
class Lexicon {
 public:
  /** The lexicon compiled into the binary (hunspell-ar plus the gazetteer and broken plurals under common/data). */
  static const Lexicon& builtin();

  /** An empty lexicon to fill by hand (tests). */
  Lexicon() = default;

  void add_form(std::string form, std::string lemma, bool verb = false);
  /** Marks a base form whose feminine (form + ة) the lexicon generates rather than lists. */
  void add_feminine_taker(std::string form) { feminine_takers_.insert(std::move(form)); }
  void add_name(std::string name);
  void add_broken_plural(std::string plural, std::string singular);
  /** A spelling of a name or loanword that stands for `canonical` (بوتن for بوتين), whatever else
   *  lists it; ignored when `canonical` is itself a variant (no chains) or `variant` has one already. */
  void add_variant(std::string variant, std::string canonical);

  /** Lemma of a clitic-free form, or nullptr when the form is not in the lexicon. */
  const std::string* lemma(std::string_view form) const;
  /** A form whose feminine in ة is an inflection of it (جديد → جديدة), per hunspell-ar's flags. */
  bool takes_feminine(std::string_view form) const { return feminine_takers_.find(form) != feminine_takers_.end(); }
  /** The singular of a broken plural (صواريخ → صاروخ), or nullptr. */
  const std::string* singular_of(std::string_view plural) const;
  /** The canonical spelling of a listed variant (بوتن → بوتين), or nullptr. */
  const std::string* canonical_spelling(std::string_view form) const;
  /** A form ending in ه that the dictionary spells with ه itself (شبه، اتجاه), not only with ة
   *  (بلادة، قتلة): written with ه, it may be the word, not a pronoun on another. */
  bool ends_in_radical_ha(std::string_view form) const { return radical_ha_.find(form) != radical_ha_.end(); }
  /** A gazetteer name (place, person) whose letters must not be taken for clitics. */
  bool is_name(std::string_view word) const;
  /** A form the lexicon lists only as a verb (hunspell-ar's "po:verb"), never as a noun. */
  bool is_verb(std::string_view form) const { return can_be_verb(form) && nouns_.find(form) == nouns_.end(); }
  /** A form the lexicon lists as a verb, perhaps also as a noun (قتل). */
  bool can_be_verb(std::string_view form) const { return verbs_.find(form) != verbs_.end(); }

  std::size_t form_count() const { return lemmas_.size(); }
  std::size_t name_count() const { return names_.size(); }
  /** Changes whenever the data that decides index terms changes; recorded in every index. */
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> lemmas_;
  std::unordered_set<std::string, Hash, std::equal_to<>> names_;
  std::unordered_set<std::string, Hash, std::equal_to<>> verbs_;
  std::unordered_set<std::string, Hash, std::equal_to<>> nouns_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> singulars_;
  std::unordered_set<std::string, Hash, std::equal_to<>> feminine_takers_;
  std::unordered_set<std::string, Hash, std::equal_to<>> radical_ha_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> variants_;  // variant → canonical
  std::string fingerprint_ = "empty";

  friend class LexiconLoader;
};

/** Loads the hunspell .dic/.aff pair, gazetteer TSVs and the broken-plural table into a Lexicon. */
class LexiconLoader {
 public:
  explicit LexiconLoader(Lexicon& target);
  void load_hunspell(std::string_view dic, std::string_view aff);
  /** Gazetteer rows in the format of common/data/README.md (arabic names in the fourth column). */
  void load_gazetteer(std::string_view tsv, bool is_places);
  /** Rows `plural<TAB>singular<TAB>gloss`, '#' comments. */
  void load_broken_plurals(std::string_view tsv);
  /** Rows `variant<TAB>canonical<TAB>gloss`, '#' comments (common/data/spelling_variants.tsv). */
  void load_spelling_variants(std::string_view tsv);
  void set_fingerprint(std::string fingerprint) { target_.fingerprint_ = std::move(fingerprint); }

 private:
  Lexicon& target_;
};

}  // namespace marsad::text

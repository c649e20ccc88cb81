#pragma once
// Stage 4 of the analysis chain: from a clitic-free core to the stem under which it is indexed.
#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/text/lexicon.h"

namespace marsad::text {

enum class StemmerKind { Light, Snowball };

StemmerKind parse_stemmer_kind(std::string_view name);  // "light" | "snowball"; throws ConfigError
std::string_view to_string(StemmerKind kind);

/** Maps a normalized, clitic-free core to its stem. Implementations are immutable and thread-safe. */
class Stemmer {
 public:
  virtual ~Stemmer() = default;
  virtual std::string stem(std::string_view core) const = 0;
  /** How well core is attested as a word (used to choose between clitic segmentations). */
  virtual Attestation attest(std::string_view core) const = 0;
  virtual StemmerKind kind() const = 0;
};

/**
 * A light stemmer in the style of Larkey's light10 (ordered suffix lists with minimum remaining
 * lengths), guided by the lexicon: a suffix comes off only when what remains is a known word, so
 * قوات (forces) and قوة (strength) stay apart; feminine plurals go back to their singular
 * (غارات → غاره), conjugated verbs to their lemma, and broken plurals listed in
 * common/data/broken_plurals.tsv to their singular (صواريخ → صاروخ). Unknown words fall back to
 * plain rules.
 */
class LightStemmer : public Stemmer {
 public:
  explicit LightStemmer(const Lexicon& lexicon) : lexicon_(lexicon) {}
  std::string stem(std::string_view core) const override;
  Attestation attest(std::string_view core) const override;
  StemmerKind kind() const override { return StemmerKind::Light; }

 private:
  /** The lemma reached by known words and known-word-plus-suffix, or empty. */
  std::string known_stem(std::string_view core, Attestation* attestation, bool follow_plurals = true) const;
  const Lexicon& lexicon_;
};

/** Xapian's Snowball "arabic" stemmer applied to the core (selectable for comparison). */
class SnowballStemmer : public Stemmer {
 public:
  explicit SnowballStemmer(const Lexicon& lexicon) : lexicon_(lexicon), snowball_("arabic") {}
  std::string stem(std::string_view core) const override;
  Attestation attest(std::string_view core) const override;
  StemmerKind kind() const override { return StemmerKind::Snowball; }

 private:
  const Lexicon& lexicon_;
  Xapian::Stem snowball_;
};

std::unique_ptr<Stemmer> make_stemmer(StemmerKind kind, const Lexicon& lexicon);

/** Number of code points of a normalized word (Arabic letters are two bytes each). */
std::size_t letter_count(std::string_view word);

}  // namespace marsad::text

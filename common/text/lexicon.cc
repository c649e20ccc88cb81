#include "common/text/lexicon.h"

#include <vector>

#include "common/embedded.h"
#include "common/hash.h"
#include "common/io/text_table.h"
#include "common/text/normalizer.h"

namespace marsad::text {
namespace {

using io::for_each_line;
using io::split;

/** Calls f with the text after `key` of each alias line of a hunspell .aff ("AF …", "AM …"),
 *  skipping the first such line, which holds their count. */
template <typename F>
void for_each_alias(std::string_view aff, std::string_view key, F&& f) {
  bool seen_count = false;
  for_each_line(aff, [&](std::string_view line) {
    if (line.substr(0, key.size()) != key) return;
    if (!seen_count) {
      seen_count = true;
      return;
    }
    f(line.substr(key.size()));
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

constexpr std::string_view kArticle = "\u0627\u0644";  // ال

}  // namespace

const std::string* Lexicon::lemma(std::string_view form) const {
  auto it = lemmas_.find(form);
  return it == lemmas_.end() ? nullptr : &it->second;
}

bool Lexicon::is_name(std::string_view word) const { return names_.find(word) != names_.end(); }

void Lexicon::add_form(std::string form, std::string lemma, bool verb) {
  (verb ? verbs_ : nouns_).insert(form);
  // When a form has several lemmas, keep one deterministically. First a lemma of which the form is
  // the imperfect (تشارك → شارك, even though تشارك is also listed as a noun; the longest when
  // several, so يعلن → اعلن), so that every person of a verb shares a term; then the form itself; then a lemma the form starts with (اكدت → اكد,
  // not اكدي); then the longest (a derived verb over its bare root: يعلن → اعلن, not علن); ties to
  // the smaller string.
  auto [it, inserted] = lemmas_.try_emplace(std::move(form), lemma);
  if (inserted) return;
  const std::string& f = it->first;
  std::string& current = it->second;
  // f is an imperfect of l: a person prefix on l, or on l without its initial ا (form IV: يعلن ← اعلن).
  auto imperfect_of = [&](const std::string& l) {
    for (std::string_view person : {"ت", "ي", "ن"}) {
      if (f.compare(0, person.size(), person) != 0) continue;
      std::string_view rest = std::string_view(f).substr(person.size());
      if (rest == l || (l.size() > 2 && l.compare(0, 2, "ا") == 0 && rest == std::string_view(l).substr(2))) return true;
    }
    return false;
  };
  bool current_imperfect = imperfect_of(current), new_imperfect = imperfect_of(lemma);
  if (current_imperfect || new_imperfect) {
    if (new_imperfect && (!current_imperfect || lemma.size() > current.size() ||
                          (lemma.size() == current.size() && lemma < current)))
      current = std::move(lemma);
    return;
  }
  if (current == f) return;
  auto is_prefix = [&](const std::string& l) { return f.compare(0, l.size(), l) == 0; };
  bool better = lemma == f;
  if (!better && is_prefix(lemma) != is_prefix(current)) {
    better = is_prefix(lemma);
  } else if (!better) {
    better = lemma.size() > current.size() || (lemma.size() == current.size() && lemma < current);
  }
  if (better) current = std::move(lemma);
}

void Lexicon::add_name(std::string name) { names_.insert(std::move(name)); }
void Lexicon::add_broken_plural(std::string plural, std::string singular) {
  singulars_.emplace(std::move(plural), std::move(singular));
}

const std::string* Lexicon::singular_of(std::string_view plural) const {
  auto it = singulars_.find(plural);
  return it == singulars_.end() ? nullptr : &it->second;
}

void Lexicon::add_variant(std::string variant, std::string canonical) {
  if (variants_.count(canonical) || variants_.count(variant)) return;
  variants_.emplace(std::move(variant), std::move(canonical));
}

const std::string* Lexicon::canonical_spelling(std::string_view form) const {
  auto it = variants_.find(form);
  return it == variants_.end() ? nullptr : &it->second;
}

LexiconLoader::LexiconLoader(Lexicon& target) : target_(target) {}

void LexiconLoader::load_hunspell(std::string_view dic, std::string_view aff) {
  Normalizer normalizer;
  // Flag aliases: "AF <count>" then one "AF <two-letter flags>" line per alias, numbered from 1.
  // Flags BA and BB add the feminine ة (and its inflections) to a base form.
  std::vector<bool> alias_feminine{false};
  for_each_alias(aff, "AF ", [&](std::string_view rest) {
    std::string_view flags = rest.substr(0, rest.find(' '));
    bool feminine = false;
    for (std::size_t i = 0; i + 1 < flags.size(); i += 2)
      feminine |= flags.substr(i, 2) == "BA" || flags.substr(i, 2) == "BB";
    alias_feminine.push_back(feminine);
  });
  // Morphological aliases: "AM <count>" then one "AM <fields>" line per alias, numbered from 1.
  std::vector<std::string> alias_lemma{""};
  std::vector<bool> alias_verb{false};
  for_each_alias(aff, "AM ", [&](std::string_view rest) {
    std::string lemma;
    bool verb = false;
    for (std::string_view field : split(rest, ' ')) {
      if (field.substr(0, 3) == "st:") lemma = normalizer.normalize(field.substr(3));
      if (field == "po:verb") verb = true;
    }
    alias_lemma.push_back(std::move(lemma));
    alias_verb.push_back(verb);
  });

  bool first = true;
  for_each_line(dic, [&](std::string_view line) {
    if (first) {  // the entry count
      first = false;
      return;
    }
    std::size_t tab = line.find('\t');
    std::string_view morph = tab == std::string_view::npos ? std::string_view{} : trim(line.substr(tab + 1));
    std::size_t slash = line.find('/');
    std::string_view word = trim(line.substr(0, std::min(tab, slash)));
    if (word.empty()) return;
    std::string form = normalizer.normalize(word);
    constexpr std::string_view ha = "ه";
    if (word.size() > ha.size() && word.substr(word.size() - ha.size()) == ha) target_.radical_ha_.insert(form);
    if (slash != std::string_view::npos && slash < tab) {
      std::string_view flag_alias = line.substr(slash + 1, (tab == std::string_view::npos ? line.size() : tab) - slash - 1);
      std::size_t index = 0;
      for (char c : flag_alias) index = c >= '0' && c <= '9' ? index * 10 + static_cast<std::size_t>(c - '0') : 0;
      if (index > 0 && index < alias_feminine.size() && alias_feminine[index]) target_.add_feminine_taker(form);
    }
    std::string lemma;
    bool verb = false;
    if (!morph.empty()) {
      std::size_t index = 0;
      for (char c : morph) {
        if (c < '0' || c > '9') {
          index = 0;
          break;
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (index > 0 && index < alias_lemma.size()) {
        lemma = alias_lemma[index];
        verb = alias_verb[index];
      }
    }
    if (lemma.empty()) lemma = form;
    target_.add_form(std::move(form), std::move(lemma), verb);
  });
}

void LexiconLoader::load_gazetteer(std::string_view tsv, bool is_places) {
  Normalizer normalizer;
  bool header = true;
  // The feminine of an adjective the lexicon inflects (جديدة of جديد) is no name, even when a
  // place is called so (الجديدة).
  auto ordinary_word = [&](std::string_view w) {
    constexpr std::string_view ta_marbuta = "ه";
    return w.size() > ta_marbuta.size() && w.compare(w.size() - ta_marbuta.size(), ta_marbuta.size(), ta_marbuta) == 0 &&
           target_.takes_feminine(w.substr(0, w.size() - ta_marbuta.size()));
  };
  // A word of a longer name guards only if it is no ordinary word and carries no clitic in front
  // of one (قوات الدعم السريع and الثورة والمعارضة must not turn الدعم or والمعارضة into names).
  auto plain_name_word = [&](std::string_view w) {
    if (w.size() < 6 || target_.lemma(w) || ordinary_word(w) || w.substr(0, kArticle.size()) == kArticle) return false;
    for (std::string_view clitic : {"و", "ف", "ب", "ك", "ل"}) {
      if (w.substr(0, clitic.size()) != clitic) continue;
      std::string_view rest = w.substr(clitic.size());
      if (target_.lemma(rest) || rest.substr(0, kArticle.size()) == kArticle || rest.substr(0, 2) == "ل") return false;
    }
    return true;
  };

  for_each_line(tsv, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    if (header) {
      header = false;
      return;
    }
    auto columns = split(line, '\t');
    if (columns.size() < 4) return;
    bool person = columns[1] == "person";
    for (std::string_view variant : split(columns[3], '|')) {
      std::string name = normalizer.normalize(trim(variant));
      auto words = split(name, ' ');
      if (is_places && words.size() == 1 && name.size() >= 4) {
        // A one-word place: guard it as written and without its article (الموصل → موصل).
        std::string bare = name.substr(0, kArticle.size()) == kArticle ? name.substr(kArticle.size()) : std::string();
        if (ordinary_word(name) || (!bare.empty() && ordinary_word(bare))) continue;
        target_.add_name(name);
        if (bare.size() >= 6) target_.add_name(bare);
        continue;
      }
      if (!is_places && words.size() == 1) {
        // A one-word actor name that is no ordinary word (بوتين, فاغنر, داعش).
        // Forms with the article are mostly plurals of adjectives (الحوثيين): left to the stemmer.
        if (name.size() >= 6 && !target_.lemma(name) && name.substr(0, kArticle.size()) != kArticle)
          target_.add_name(name);
        continue;
      }
      if (!is_places && !person) continue;  // organisations are ordinary words in a row
      for (std::string_view w : words)
        if (plain_name_word(w)) target_.add_name(std::string(w));
    }
  });
}

/** Calls f(first, second) with the first two columns, normalized, of each row of a two-word table
 *  (TAB-separated, '#' comments) whose two words differ. */
template <class F>
void for_each_word_pair(std::string_view tsv, F&& f) {
  Normalizer normalizer;
  for_each_line(tsv, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    auto columns = split(line, '\t');
    if (columns.size() < 2) return;
    std::string first = normalizer.normalize(trim(columns[0]));
    std::string second = normalizer.normalize(trim(columns[1]));
    if (!first.empty() && !second.empty() && first != second) f(std::move(first), std::move(second));
  });
}

void LexiconLoader::load_broken_plurals(std::string_view tsv) {
  for_each_word_pair(tsv, [&](std::string plural, std::string singular) {
    target_.add_broken_plural(std::move(plural), std::move(singular));
  });
}

void LexiconLoader::load_spelling_variants(std::string_view tsv) {
  for_each_word_pair(tsv, [&](std::string variant, std::string canonical) {
    target_.add_variant(std::move(variant), std::move(canonical));
  });
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = [] {
    Lexicon built;
    LexiconLoader loader(built);
    loader.load_hunspell(embedded::hunspell_ar_dic(), embedded::hunspell_ar_aff());
    loader.load_gazetteer(embedded::places_tsv(), true);
    loader.load_gazetteer(embedded::actors_tsv(), false);
    loader.load_broken_plurals(embedded::broken_plurals_tsv());
    loader.load_spelling_variants(embedded::spelling_variants_tsv());
    std::uint64_t h = fnv1a(embedded::hunspell_ar_dic());
    h = fnv1a(embedded::hunspell_ar_aff(), h);
    h = fnv1a(embedded::places_tsv(), h);
    h = fnv1a(embedded::actors_tsv(), h);
    h = fnv1a(embedded::broken_plurals_tsv(), h);
    h = fnv1a(embedded::spelling_variants_tsv(), h);
    loader.set_fingerprint(hex64(h));
    return built;
  }();
  return lexicon;
}

}  // namespace marsad::text

#include "common/tag/entities.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/tag/entity_rules.h"
#include "common/tag/numbers.h"
#include "common/text/utf8.h"

namespace marsad::tag {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kMaxNameTokens = 5;  // tokens of a person's name after its first
constexpr std::size_t kMaxOrgTokens = 5;   // tokens of an organisation's name after its head
constexpr std::size_t kTitleReach = 7;     // tokens after a title within which its person's name starts

/** Where an entry of the tagger's one phrase table comes from; packed with its row in the payload. */
enum class Source : std::uint32_t { Name = 0, Nisba, Title, Given, Head, Region };
constexpr std::uint32_t kSourceShift = 28;
constexpr std::uint32_t kRowMask = (1u << kSourceShift) - 1;
std::uint32_t pack(Source source, std::size_t row) {
  return (static_cast<std::uint32_t>(source) << kSourceShift) | static_cast<std::uint32_t>(row);
}
Source source_of(std::uint32_t payload) { return static_cast<Source>(payload >> kSourceShift); }
std::uint32_t row_of(std::uint32_t payload) { return payload & kRowMask; }


/** What an organisation head (org_heads.tsv `kind`) makes when the gazetteer does not know the name. */
enum class HeadKind { Fixed, Force, Movement, Council, Organisation, Coalition, Agency, Body };
struct Head {
  HeadKind kind = HeadKind::Body;
  EntityKind fixed = EntityKind::Government;  // for HeadKind::Fixed
};

Head parse_head(std::string_view kind) {
  if (kind == "force") return {HeadKind::Force};
  if (kind == "movement") return {HeadKind::Movement};
  if (kind == "council") return {HeadKind::Council};
  if (kind == "organisation") return {HeadKind::Organisation};
  if (kind == "coalition") return {HeadKind::Coalition};
  if (kind == "agency") return {HeadKind::Agency};
  if (auto fixed = parse_entity_kind(kind); fixed && !is_place(*fixed)) return {HeadKind::Fixed, *fixed};
  return {HeadKind::Body};
}

/** The forms a nisba is written in: masculine and feminine, accusative tanwin, plurals and duals. */
std::vector<std::string> nisba_forms(std::string_view nisba) {
  static constexpr std::string_view kSuffixes[] = {"", "ة", "ا", "ون", "ين", "ات", "ان", "تان", "تين"};
  std::vector<std::string> words;
  for (std::size_t start = 0; start <= nisba.size();) {
    std::size_t space = nisba.find(' ', start);
    if (space == std::string_view::npos) space = nisba.size();
    if (space > start) words.emplace_back(nisba.substr(start, space - start));
    start = space + 1;
  }
  std::vector<std::string> out;
  for (std::string_view suffix : kSuffixes) {
    std::string form;
    for (const std::string& w : words) {
      if (!form.empty()) form += ' ';
      form += w;
      form += suffix;
    }
    out.push_back(std::move(form));
  }
  return out;
}

/** `name` with every `from` written `to`, or "" when it has no `from`. */
std::string respelled(std::string_view name, std::string_view from, std::string_view to) {
  if (name.find(from) == std::string_view::npos) return {};
  std::string out(name);
  for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
    out.replace(at, from.size(), to);
  return out;
}

/** The other spellings of a foreign name that Arabic papers print: a hard g as غ or ج (هونغ كونغ،
 *  هونج كونج), -land with or without its alef (تايلاند، تايلند). */
std::vector<std::string> spelling_variants(std::string_view name) {
  std::vector<std::string> out;
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"غ", "ج"}, {"لاند", "لند"}})
    if (std::string v = respelled(name, from, to); !v.empty()) out.push_back(std::move(v));
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
constexpr std::string_view kWaw = "و", kFa = "ف", kBa = "ب", kKaf = "ك", kLam = "ل", kArticle = "ال", kYa = "ي",
                           kAlef = "ا", kTaMarbuta = "ه";

/** A normalized word without و/ف, then ب/ك/ل, then the article (as the lookup rules strip them), and
 *  whether it had the article: بالخرطوم → {خرطوم, true}, للقوات → {قوات, true}. */
std::pair<std::string_view, bool> bare_word(std::string_view w) {
  std::string_view rest = w;
  if ((starts_with(rest, kWaw) || starts_with(rest, kFa)) && text::count_code_points(rest) >= 4) rest.remove_prefix(kWaw.size());
  if ((starts_with(rest, kBa) || starts_with(rest, kKaf) || starts_with(rest, kLam)) && text::count_code_points(rest) >= 4) {
    bool lam = starts_with(rest, kLam);
    std::string_view after = rest.substr(kBa.size());
    if (lam && starts_with(after, kLam) && text::count_code_points(after) >= 4) return {after.substr(kLam.size()), true};
    if (starts_with(after, kArticle) && text::count_code_points(after) >= 5) return {after.substr(kArticle.size()), true};
  }
  if (starts_with(rest, kArticle) && text::count_code_points(rest) >= 5) return {rest.substr(kArticle.size()), true};
  return {rest, false};
}

/** The longest match of each source at one token of a sentence. */
struct Slot {
  bool looked_up = false;
  std::uint8_t name = 0, nisba = 0, title = 0, given = 0, head = 0, region = 0;  // tokens covered; 0 for none
  std::size_t name_removals = 0, given_removals = 0;
  const std::vector<std::uint32_t>* name_payloads = nullptr;
  std::uint32_t nisba_entity = 0, title_row = 0, given_row = 0, head_row = 0;
};

/** A mention in the making. */
struct Candidate {
  std::size_t first = kNone, last = kNone;
  std::size_t entity = kNone;  // gazetteer index, kNone when unlinked
  EntityKind kind = EntityKind::Person;
  bool person = false;
  bool from_nisba = false;  // the mention names a state by a nisba, or ends in one
  const EntityMemory::Entry* remembered = nullptr;  // a last name the document named in full before
  std::size_t length() const { return first == kNone ? 0 : last - first + 1; }
};

/** The tables built once per gazetteer and cue lists; read-only afterwards. */
struct TaggerTables {
  PhraseTable table;
  WordSet first_forms;                // every form of every entry's first word: most tokens are ruled out by one lookup
  std::vector<bool> uncertain_names;  // given_names.tsv row → marked "?"
  std::vector<Head> heads;            // org_heads.tsv row
  WordSet article_words;              // one-word names written with the article, without it (الكويت → كويت)
  WordSet plain_words;                // one-word names written without the article (حلب)
  // The word lists of entity_rules.h, normalized.
  WordSet club_words, name_particles, plural_org_heads, particle_names, media_heads, org_tail_stops;
  WordSet locative, motion, actor_openers, plural_heads, ambiguous, not_family, patronymic, kunya, family_links, regnal;
  WordSet not_before_names, title_heads;
  std::vector<std::size_t> country_of;                         // entity → its country's index, or kNone
  std::unordered_map<std::size_t, std::size_t> capital_actor;  // city → the state or government it stands for
  std::unordered_map<std::size_t, std::size_t> army_of;        // country → its army (الجيش + nisba)
  const text::Lexicon* lexicon = nullptr;

  void add(std::string_view phrase, std::uint32_t payload, text::Analyzer& analyzer) {
    std::vector<text::AnalyzedToken> tokens = analyzer.analyze(phrase);
    if (tokens.empty()) return;
    const std::string& first_word = tokens.front().analysis->normalized;
    if (source_of(payload) == Source::Name && tokens.size() == 1) {
      if (starts_with(first_word, kArticle))
        article_words.insert(first_word.substr(kArticle.size()));
      else
        plain_words.insert(first_word);
    }
    for (std::string& form : entry_word_forms(first_word)) first_forms.insert(std::move(form));
    table.add(phrase, payload, analyzer);
  }
};

}  // namespace

struct EntityTagger::Tables : TaggerTables {};

EntityTagger::EntityTagger(const Gazetteer& gazetteer, const Cues& cues)
    : gazetteer_(gazetteer), cues_(cues), tables_(std::make_unique<Tables>()) {
  text::Analyzer analyzer;
  Tables& t = *tables_;
  t.lexicon = &analyzer.lexicon();
  const std::vector<Entity>& entities = gazetteer.entities();
  for (std::size_t i = 0; i < entities.size(); ++i) {
    for (const std::string& name : entities[i].arabic) {
      t.add(name, pack(Source::Name, i), analyzer);
      // The other spellings of a foreign name too, when they make no dictionary word.
      for (const std::string& variant : spelling_variants(name)) {
        std::vector<text::AnalyzedToken> tokens = analyzer.analyze(variant);
        text::Attestation a = tokens.empty() ? text::Attestation::Unknown : tokens[0].analysis->segments.attestation;
        bool word = tokens.size() == 1 &&
                    (t.lexicon->can_be_verb(tokens[0].analysis->normalized) || a == text::Attestation::Inflected ||
                     a == text::Attestation::Derived || a == text::Attestation::DerivedFromInflected);
        if (!word) t.add(variant, pack(Source::Name, i), analyzer);
      }
    }
    for (const std::string& nisba : entities[i].nisba)
      for (const std::string& form : nisba_forms(nisba)) t.add(form, pack(Source::Nisba, i), analyzer);
  }
  for (std::size_t row = 0; row < cues.titles.rows.size(); ++row) {
    t.add(cues.titles.rows[row].phrase, pack(Source::Title, row), analyzer);
  }
  for (std::size_t row = 0; row < cues.given_names.rows.size(); ++row) {
    t.add(cues.given_names.rows[row].phrase, pack(Source::Given, row), analyzer);
    t.uncertain_names.push_back(ends_with(cues.given_names.column(static_cast<std::uint32_t>(row), "gender"), "?"));
  }
  for (std::size_t row = 0; row < cues.org_heads.rows.size(); ++row) {
    t.add(cues.org_heads.rows[row].phrase, pack(Source::Head, row), analyzer);
    t.heads.push_back(parse_head(cues.org_heads.column(static_cast<std::uint32_t>(row), "kind")));
  }

  for (std::size_t row = 0; row < std::size(entity_rules::kWorldRegions); ++row)
    t.add(entity_rules::kWorldRegions[row], pack(Source::Region, row), analyzer);

  auto fill = [&](WordSet& set, const auto& words) {
    for (std::string_view w : words) set.insert(analyzer.analyze_word(w).normalized);
  };
  fill(t.locative, entity_rules::kLocativeWords);
  fill(t.motion, entity_rules::kMotionWords);
  fill(t.actor_openers, entity_rules::kActorOpeners);
  fill(t.plural_heads, entity_rules::kPluralHeads);
  fill(t.ambiguous, entity_rules::kAmbiguousNames);
  fill(t.not_family, entity_rules::kNotFamilyNames);
  fill(t.patronymic, entity_rules::kPatronymicLinks);
  fill(t.kunya, entity_rules::kKunyaWords);
  fill(t.family_links, entity_rules::kFamilyLinks);
  fill(t.regnal, entity_rules::kRegnalNumbers);
  fill(t.not_before_names, entity_rules::kNotBeforeNames);
  fill(t.club_words, entity_rules::kClubWords);
  fill(t.name_particles, entity_rules::kNameParticles);
  fill(t.plural_org_heads, entity_rules::kPluralOrgHeads);
  fill(t.particle_names, entity_rules::kParticleNames);
  fill(t.media_heads, entity_rules::kMediaHeads);
  fill(t.org_tail_stops, entity_rules::kOrgTailStops);
  fill(t.title_heads, entity_rules::kTitleHeads);

  std::unordered_map<std::string_view, std::size_t> by_id;
  for (std::size_t i = 0; i < entities.size(); ++i) by_id.emplace(entities[i].id, i);
  t.country_of.assign(entities.size(), kNone);
  for (std::size_t i = 0; i < entities.size(); ++i)
    for (const Entity* e : gazetteer.lineage(entities[i].id))
      if (e->kind == EntityKind::Country) {
        t.country_of[i] = by_id.at(e->id);
        break;
      }
  // A state's army is the state force named "الجيش" + the state's nisba (الجيش التركي → turkish-army).
  std::unordered_map<std::string, std::size_t> country_by_nisba;
  for (std::size_t i = 0; i < entities.size(); ++i)
    if (entities[i].kind == EntityKind::Country)
      for (const std::string& nisba : entities[i].nisba)
        country_by_nisba.emplace(analyzer.analyze_word("ال" + nisba).normalized, i);
  const std::string army = analyzer.analyze_word("الجيش").normalized;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].kind != EntityKind::StateForce) continue;
    for (const std::string& name : entities[i].arabic) {
      std::vector<text::AnalyzedToken> words = analyzer.analyze(name);
      if (words.size() != 2 || words[0].analysis->normalized != army) continue;
      auto country = country_by_nisba.find(words[1].analysis->normalized);
      if (country != country_by_nisba.end()) t.army_of.emplace(country->second, i);
    }
  }
  for (const auto& capital : entity_rules::kCapitals) {
    auto city = by_id.find(capital.city), actor = by_id.find(capital.actor);
    if (city != by_id.end() && actor != by_id.end()) t.capital_actor.emplace(city->second, actor->second);
  }
}

EntityTagger::~EntityTagger() = default;

namespace {

/** One find() call: the sentence, its slots, and the rules that read them. */
class SentenceTagger {
 public:
  SentenceTagger(const TaggerTables& tables, const Gazetteer& gazetteer, const Cues& cues, std::string_view text,
                 const std::vector<text::AnalyzedToken>& tokens, std::size_t first, std::size_t last,
                 EntityMemory* memory)
      : t_(tables),
        entities_(gazetteer.entities()),
        cues_(cues),
        text_(text),
        tokens_(tokens),
        first_(first),
        last_(last),
        memory_(memory),
        slots_(last - first + 1) {}

  std::vector<EntityMention> run();

 private:
  // --- token facts ---
  const Slot& slot(std::size_t i);
  const text::WordAnalysis& word(std::size_t i) const { return *tokens_[i].analysis; }
  bool in(std::size_t i) const { return i >= first_ && i <= last_ && i != kNone; }
  /** tokens[i] and tokens[i + 1] are in one segment (no punctuation between them). */
  bool joined(std::size_t i) const { return in(i) && in(i + 1) && separator_after(text_, tokens_, i).empty(); }
  /** The token before i in the same segment, or kNone. */
  std::size_t before(std::size_t i) const { return i > first_ && joined(i - 1) ? i - 1 : kNone; }
  bool any_form_in(std::size_t i, const WordSet& set) const;
  bool stop(std::size_t i) const { return word(i).stopword; }
  bool number(std::size_t i) const { return word(i).number || tokens_[i].token.kind == text::TokenKind::Number; }
  bool definite(std::size_t i) const;
  bool conjoined(std::size_t i) const;  // starts with و or ف
  std::string_view proclitics(std::size_t i, std::size_t removals) const;
  bool unknown_word(std::size_t i);
  bool family_name(std::size_t i);
  /** `verb_form` lets a word that reads as a verb through (هيل، ريد after كريستوفر، ريتشارد). */
  bool surname(std::size_t i, bool verb_form = false);
  /** The word without its proclitics and article (والكويت → كويت). */
  std::string_view article_free(std::size_t i) const;
  /** A verb or an inflected dictionary word that the gazetteer does not keep whole: a name only ICU
   *  knows that is also a common word (ترك "left", وجيزة "brief"). */
  bool common_word(std::size_t i) const;
  /** A verb in the feminine past (قدمت، استضافت), whose subject a state or its capital often is. */
  bool feminine_past_verb(std::size_t i) const {
    std::string_view w = bare_word(word(i).normalized).first;
    if (!ends_with(w, "ت") || text::count_code_points(w) < 4) return false;
    std::string stem(w.substr(0, w.size() - std::string_view("ت").size()));
    return t_.lexicon->can_be_verb(stem);
  }
  /** A quotation mark between tokens[i] and tokens[i + 1]. */
  bool quoted_after(std::size_t i) const {
    return in(i) && separator_after(text_, tokens_, i).find_first_of("\"«»“”") != std::string_view::npos;
  }
  /** The word without و/ف and ب/ك/ل, its article kept (وبالجزيرة → الجزيره). */
  std::string without_particles(std::size_t i) const {
    auto [bare, article] = bare_word(word(i).normalized);
    return article ? std::string(kArticle) + std::string(bare) : std::string(bare);
  }
  bool reporting_verb(std::size_t i) const { return in(i) && cues_.reporting_verbs.at(text_, tokens_, i).tokens > 0; }

  // --- candidates ---
  Candidate gazetteer_at(std::size_t i);
  Candidate organisation_at(std::size_t i);
  /** The name in quotes after a head that ends at `head_end` (صحيفة «الراية»، شركة "أمريكان إكسبريس"):
   *  the quoted tokens, linked when the gazetteer names an actor by them; empty when none. */
  Candidate quoted_name_after(std::size_t head_end);
  /** A city or town named as its sports club: followed by its own state's nisba in the masculine
   *  (برشلونة الإسباني، ليون الفرنسي), where the city itself would take the feminine. */
  bool club_by_nisba(std::size_t i, std::size_t entity);
  Candidate person_at(std::size_t i, bool after_title);
  Candidate nisba_at(std::size_t i);
  /** A person's name that starts one word earlier, at a foreign given name the cue list does not hold
   *  or at a given name it marks as also a common word (غيدو سمير); unlinked then, since the gazetteer's
   *  person may be a relative (رفعت الأسد is not بشار الأسد). */
  void extend_person_left(Candidate& c);
  /** A state's nisba standing for a person of that state before their name, as a title does (فاز
   *  الفرنسي أرنو كليمان على الصربي يانكو تيبساروفيتش): definite, singular, and no noun's adjective. */
  bool nationality_before_name(std::size_t i);
  std::size_t pick_entity(const std::vector<std::uint32_t>& payloads, bool* ambiguous) const;
  bool accept_single_name(std::size_t i, const Entity& entity);
  bool locative_context(std::size_t i, std::string_view prefix) const;
  bool adjective_after_noun(std::size_t i);
  std::size_t title_length(std::size_t i);

  // --- the document's memory ---
  /** The entry tokens[i] is a remembered last name of, with or without clitics; nullptr when none. */
  const EntityMemory::Entry* recalled(std::size_t i) const;
  /** tokens[i] alone as the person the document named in full, when nothing in context says otherwise. */
  Candidate remembered_at(std::size_t i);
  /** A word that may be read as a common word: listed as ambiguous, a verb, or a dictionary noun or
   *  adjective other than a family nisba with the article. */
  bool ordinary_word(std::size_t i) const;
  /** A dictionary word with a pronoun attached (فوزه "his win", زوجته): no name. */
  bool pronoun_suffixed(std::size_t i) const;
  /** A given name the cue list does not mark as also a common word (أحمد, not عمر). */
  bool firm_given_name(std::size_t i);
  /** A word without article, clitics or a feminine, accusative or adjective ending, no verb and no given
   *  name (محفوظ): what a family name that is also a common word looks like. */
  bool plain_noun(std::size_t i);
  /** A word the lexicon knows stands for a name only where a name can: not as the adjective of the noun
   *  before it (طبيب ماهر) nor as the noun of the adjective after it (الأمين العام). */
  bool name_position(std::size_t i);
  /** Remembers a person named in full (two names or more, or a title and a name) under the last name. */
  void remember(const Candidate& c, const EntityMention& m, bool after_title);

  // --- mentions ---
  EntityMention mention(const Candidate& c) const;
  Role role(const Candidate& c, std::size_t& entity) const;
  std::string unlinked_id(std::size_t first, std::size_t last) const;

  const TaggerTables& t_;
  const std::vector<Entity>& entities_;
  const Cues& cues_;
  std::string_view text_;
  const std::vector<text::AnalyzedToken>& tokens_;
  std::size_t first_, last_;
  EntityMemory* memory_;
  std::vector<Slot> slots_;
  std::vector<WordForm> forms_;
  mutable std::vector<WordForm> scratch_;  // reused by any_form_in() and proclitics()
  std::vector<Candidate> found_;
  std::unordered_set<std::size_t> sentence_countries_;
  std::size_t title_until_ = kNone;  // a title's person may start up to this token
  std::size_t title_next_ = kNone;   // where the name after a title starts: past nisbas and the body named
  std::size_t nationality_next_ = kNone;  // where the name after a nationality (الفرنسي) starts
};

bool SentenceTagger::any_form_in(std::size_t i, const WordSet& set) const {
  if (!in(i)) return false;
  std::vector<WordForm>& forms = scratch_;
  text_word_forms(tokens_[i], forms);
  for (const WordForm& f : forms)
    if (set.contains(f.form, f.hash)) return true;
  return false;
}

bool SentenceTagger::definite(std::size_t i) const { return bare_word(word(i).normalized).second; }

bool SentenceTagger::conjoined(std::size_t i) const {
  std::string_view p = word(i).segments.proclitic;
  return starts_with(p, kWaw) || starts_with(p, kFa);
}

/** The letters in front of the form of tokens[i] that lost `removals` letters to match. */
std::string_view SentenceTagger::proclitics(std::size_t i, std::size_t removals) const {
  std::vector<WordForm>& forms = scratch_;
  text_word_forms(tokens_[i], forms);
  std::string_view normalized = word(i).normalized;
  for (const WordForm& f : forms) {
    if (f.removals != removals) continue;
    std::size_t at = normalized.find(f.form);
    if (at != std::string_view::npos) return normalized.substr(0, at);
  }
  return {};
}

/** A word the lexicon does not know: a foreign or rare name (بيسكوف، ستيبانيان). */
bool SentenceTagger::unknown_word(std::size_t i) {
  if (!in(i) || stop(i) || number(i)) return false;
  const text::WordAnalysis& w = word(i);
  // The cheap test first: most words are attested, and the lexicon look-up is a cache miss.
  if (w.segments.attestation != text::Attestation::Unknown &&
      w.segments.attestation != text::Attestation::DerivedFromInflected)
    return false;
  if (text::count_code_points(w.normalized) < 2 || t_.lexicon->lemma(w.normalized) != nullptr) return false;
  const Slot& s = slot(i);
  return s.title == 0 && s.head == 0 && s.nisba == 0;
}

std::string_view SentenceTagger::article_free(std::size_t i) const { return bare_word(word(i).normalized).first; }

bool SentenceTagger::common_word(std::size_t i) const {
  std::string_view core = article_free(i);
  if (t_.lexicon->is_name(core) || t_.lexicon->is_name(word(i).normalized)) return false;
  if (t_.lexicon->can_be_verb(core)) return true;
  text::Attestation a = word(i).segments.attestation;
  return a == text::Attestation::Inflected || a == text::Attestation::Derived ||
         a == text::Attestation::DerivedFromInflected;
}

const Slot& SentenceTagger::slot(std::size_t i) {
  static const Slot kEmpty;
  if (!in(i)) return kEmpty;
  Slot& s = slots_[i - first_];
  if (s.looked_up) return s;
  s.looked_up = true;
  text_word_forms(tokens_[i], forms_);
  bool any = false;
  for (const WordForm& f : forms_) any = any || t_.first_forms.contains(f.form, f.hash);
  if (!any) return s;
  for (const PhraseMatch& m : t_.table.all_at(text_, tokens_, i)) {
    if (i + m.tokens - 1 > last_) continue;
    auto n = static_cast<std::uint8_t>(m.tokens);
    for (std::uint32_t payload : *m.payloads) {
      switch (source_of(payload)) {
        case Source::Name:
          if (n > s.name || (n == s.name && m.removals < s.name_removals)) {
            s.name = n;
            s.name_removals = m.removals;
            s.name_payloads = m.payloads;
          }
          break;
        case Source::Nisba:
          if (n >= s.nisba) s.nisba = n, s.nisba_entity = row_of(payload);
          break;
        case Source::Title:
          if (n >= s.title) s.title = n, s.title_row = row_of(payload);
          break;
        case Source::Given:
          if (n > s.given || (n == s.given && m.removals < s.given_removals))
            s.given = n, s.given_row = row_of(payload), s.given_removals = m.removals;
          break;
        case Source::Head:
          if (n >= s.head) s.head = n, s.head_row = row_of(payload);
          break;
        case Source::Region:
          s.region = std::max(s.region, n);
          break;
      }
    }
  }
  return s;
}

/** Of the entries a name stands for, the one the sentence's other names point to (عمان with العماني is
 *  Oman, with الأردن Amman); else the first. */
std::size_t SentenceTagger::pick_entity(const std::vector<std::uint32_t>& payloads, bool* ambiguous) const {
  std::size_t best = kNone, best_score = 0, count = 0;
  for (std::uint32_t payload : payloads) {
    if (source_of(payload) != Source::Name) continue;
    std::size_t e = row_of(payload);
    ++count;
    std::size_t score = t_.country_of[e] != kNone && sentence_countries_.count(t_.country_of[e]) ? 1 : 0;
    if (best == kNone || score > best_score) best = e, best_score = score;
  }
  if (ambiguous) *ambiguous = count > 1;
  return best;
}

bool SentenceTagger::locative_context(std::size_t i, std::string_view prefix) const {
  if (prefix.find(kBa) != std::string_view::npos || prefix.find(kKaf) != std::string_view::npos) return true;
  std::size_t p = before(i);
  return p != kNone && (any_form_in(p, t_.locative) || any_form_in(p, t_.motion));
}

/** A nisba after a noun that agrees with it is its adjective: جنديا أرمينيا، قاذفة أرمينية، المبادرة السعودية. */
bool SentenceTagger::adjective_after_noun(std::size_t i) {
  if (slot(i).nisba != 1 || conjoined(i)) return false;
  std::size_t p = before(i);
  if (p == kNone || stop(p) || slot(p).name > 0) return false;
  // A definite nisba after a definite noun agrees with it: المبادرة السعودية "the Saudi initiative".
  if (definite(i)) return definite(p) && slot(p).nisba == 0 && slot(p).head == 0 && slot(p).title == 0;
  if (definite(p)) return false;
  std::string_view w = word(i).normalized, prev = word(p).normalized;
  if (number(p)) return true;
  return (ends_with(w, kAlef) && ends_with(prev, kAlef)) || (ends_with(w, kTaMarbuta) && ends_with(prev, kTaMarbuta));
}

/** A one-word name that is also a common word, or a stop word, is a name only in context. */
bool SentenceTagger::accept_single_name(std::size_t i, const Entity& entity) {
  const Slot& s = slot(i);
  std::string_view prefix = proclitics(i, s.name_removals);
  if (adjective_after_noun(i)) return false;
  // A name written without the article does not match a word with it (مالي is no المالي "financial").
  if (definite(i) && !t_.article_words.contains(article_free(i))) return false;
  // …and a name written with it needs it in the text (ورقة is no الرقة, كتبت no التبت).
  if (!definite(i) && !any_form_in(i, t_.plain_words)) return false;
  bool is_stop = stop(i) || t_.particle_names.count(word(i).normalized) > 0;
  bool ambiguous = is_stop || t_.ambiguous.count(without_particles(i)) > 0 ||
                   (is_place(entity.kind) && entity.kind != EntityKind::Country && common_word(i));
  if (!ambiguous) return true;
  if (entity.kind == EntityKind::Person) return title_next_ == i;
  if (is_stop) return is_place(entity.kind) && locative_context(i, prefix);
  if (locative_context(i, prefix)) return true;
  // Joined by و to the name before it (قرب حمص وحماة).
  if (conjoined(i) && !found_.empty() && found_.back().last + 1 == i) return true;
  if (!is_place(entity.kind)) return false;
  // The second term of a construct (مفاوضات جدة، منبر جدة).
  std::size_t p = before(i);
  return p != kNone && !stop(p) && !number(p) && !definite(p) && slot(p).nisba == 0 && !conjoined(p) &&
         !reporting_verb(p) && !any_form_in(p, t_.actor_openers) && word(p).segments.proclitic.empty();
}

Candidate SentenceTagger::gazetteer_at(std::size_t i) {
  const Slot& s = slot(i);
  Candidate c;
  // صحيفة «الشرق الأوسط»: a name quoted after a newspaper or channel is the medium's, and a world
  // region quoted alone («الشرق الأوسط») a newspaper's or a programme's, not the place.
  if ((s.region > 0 || s.name > 0) && i > first_ && quoted_after(i - 1) && any_form_in(i - 1, t_.media_heads)) return c;
  if (s.region > s.name && i > first_ && quoted_after(i - 1) && quoted_after(i + s.region - 1)) return c;
  if (s.region > s.name) {
    c.first = i;
    c.last = i + s.region - 1;
    c.kind = EntityKind::Region;
    return c;
  }
  if (s.name == 0) return c;
  std::size_t e = pick_entity(*s.name_payloads, nullptr);
  if (e == kNone) return c;
  if (s.name == 1 && !accept_single_name(i, entities_[e])) return c;
  // A city beside a club's word names the club (ريال مدريد، مانشستر يونايتد).
  if (is_place(entities_[e].kind) && entities_[e].kind != EntityKind::Country &&
      ((before(i) != kNone && any_form_in(before(i), t_.club_words)) ||
       (joined(i + s.name - 1) && any_form_in(i + s.name, t_.club_words))))
    return c;
  c.first = i;
  c.last = i + s.name - 1;
  c.entity = e;
  c.kind = entities_[e].kind;
  c.person = c.kind == EntityKind::Person;
  c.from_nisba = slot(c.last).nisba == 1 && definite(c.last);
  if (club_by_nisba(c.last, e)) {
    c.entity = kNone;
    c.kind = EntityKind::Club;
  }
  return c;
}

bool SentenceTagger::club_by_nisba(std::size_t i, std::size_t entity) {
  EntityKind kind = entities_[entity].kind;
  if ((kind != EntityKind::City && kind != EntityKind::Town) || !joined(i)) return false;
  // The nisba agrees with a noun before the city (مطار عمان الأردني، ميناء حيفا الإسرائيلي), and a city
  // joined by و to a place is one too (مطاري عمان الأردني ودمشق السوري).
  if (std::size_t p = before(i); p != kNone && !stop(p) && !number(p) && !definite(p) && !reporting_verb(p) &&
                                 !t_.lexicon->can_be_verb(article_free(p)) && !feminine_past_verb(p))
    return false;
  if (conjoined(i) && (found_.empty() || found_.back().kind != EntityKind::Club)) return false;
  std::size_t k = i + 1;
  const Slot& ks = slot(k);
  if (ks.nisba != 1 || !definite(k) || conjoined(k) || !ends_with(word(k).normalized, kYa)) return false;
  std::size_t state = ks.nisba_entity;
  return entities_[state].kind == EntityKind::Country && t_.country_of[entity] == state;
}

Candidate SentenceTagger::quoted_name_after(std::size_t head_end) {
  Candidate c;
  std::size_t j = head_end + 1;
  if (!quoted_after(head_end) || !in(j) || stop(j) || number(j) || conjoined(j) ||
      !word(j).segments.enclitic.empty() || any_form_in(head_end, t_.title_heads))
    return c;
  for (std::size_t k = j; in(k) && k - j < kMaxOrgTokens; ++k) {
    if (quoted_after(k)) {
      c.first = j;
      c.last = k;
      break;
    }
    if (!joined(k)) return c;
  }
  if (c.first == kNone) return c;
  if (const Slot& n = slot(j); n.name == c.length()) {
    std::size_t e = pick_entity(*n.name_payloads, nullptr);
    if (e != kNone && !is_place(entities_[e].kind)) {
      c.entity = e;
      c.kind = entities_[e].kind;
    }
  }
  return c;
}

/** A head noun and the name it opens: a gazetteer actor (حركة حماس), a place (مجلس محافظة الأنبار), a
 *  genitive chain (الهيئة العامة للطيران المدني) or a state's nisba (وزارة الصحة السودانية → sudan). */
Candidate SentenceTagger::organisation_at(std::size_t i) {
  const Slot& s = slot(i);
  Candidate c;
  if (s.head == 0) return c;
  if (!word(i).segments.enclitic.empty()) return c;  // قواتها: its forces, an anaphor
  if (any_form_in(i, t_.locative)) return c;         // محافظة، ولاية: before a name, the place itself
  const Head& head = t_.heads[s.head_row];
  std::size_t end = i + s.head - 1;
  std::size_t j = end + 1;
  if (!joined(end)) {
    c = quoted_name_after(end);
    if (c.length() == 0 || c.entity != kNone) return c;
  } else {
    c.first = i;
  }
  c.kind = head.kind == HeadKind::Fixed ? head.fixed : EntityKind::Government;
  // A business or a club named by an adjective after its head (البنك التجاري، النادي الأهلي).
  const bool business =
      head.kind == HeadKind::Fixed && (head.fixed == EntityKind::Company || head.fixed == EntityKind::Club);
  // A name of the gazetteer right after the head stands alone: the gazetteer lists the forms with a
  // head that are names (حركة حماس، قناة الجزيرة), and the head is a description otherwise (قناة روسيا اليوم).
  if (const Slot& n = slot(j); n.name > 0) {
    std::size_t e = pick_entity(*n.name_payloads, nullptr);
    if (e != kNone && !is_place(entities_[e].kind)) return {};
    if (e != kNone && n.name > 1 && !definite(i)) c.last = j + n.name - 1;  // a place's council: unlinked
  }
  bool state_tail = false;
  if (c.last == kNone) {
    std::size_t words = 0;
    bool named = false;  // the tail holds a name: a place, a state's nisba, a word the lexicon does not know
    for (std::size_t k = j; in(k) && words < kMaxOrgTokens; ++k) {
      if (k > j && !joined(k - 1)) break;
      if (stop(k) || number(k) || reporting_verb(k) || slot(k).title > 0) break;
      std::string_view pro = word(k).segments.proclitic;
      if (!word(k).segments.enclitic.empty() || pro.find(kBa) != std::string_view::npos ||
          pro.find(kKaf) != std::string_view::npos)
        break;
      const Slot& ks = slot(k);
      // After a business's or club's head with the article, only adjectives: no construct, no و.
      if (business && definite(i) && k > j && (!definite(k) || conjoined(k))) break;
      if (ks.nisba > 0 && definite(k)) {
        if (business && words == 0) return {};  // الشركة الأمريكية، النادي الإنجليزي: a description
        std::size_t place = ks.nisba_entity;
        if (entities_[place].kind == EntityKind::Country) {
          // A force of a state is its army when the gazetteer has one (للقوات السورية، سلاح الجو التركي).
          auto army = t_.army_of.find(place);
          bool force =
              head.kind == HeadKind::Force || (head.kind == HeadKind::Fixed && head.fixed == EntityKind::StateForce);
          c.entity = force && army != t_.army_of.end() ? army->second : place;
          c.kind = entities_[c.entity].kind;
          c.from_nisba = true;
        }
        end = k + ks.nisba - 1;
        named = true;
        ++words;
        break;
      }
      if (ks.name > 0) {
        std::size_t e = pick_entity(*ks.name_payloads, nullptr);
        if (conjoined(k) || (words == 0 && definite(i))) break;
        if (e != kNone && is_place(entities_[e].kind) && (ks.name > 1 || !common_word(k))) {
          end = k + ks.name - 1;
          named = true;
          ++words;
          // A bank named by its state and an adjective (مصرف قطر المركزي).
          if (business && joined(end) && definite(end + 1) && !conjoined(end + 1) && !stop(end + 1) &&
              slot(end + 1).nisba == 0 && slot(end + 1).name == 0 && !any_form_in(end + 1, t_.org_tail_stops))
            ++end;
          break;
        }
        if (e != kNone) break;  // another body or a person: not part of this name
      }
      if (unknown_word(k) && !conjoined(k)) {
        end = k;
        named = true;
        ++words;
        continue;
      }
      if (definite(k)) {
        if ((conjoined(k) && words == 0) || any_form_in(k, t_.org_tail_stops)) break;
        std::string_view core = word(k).normalized;
        state_tail = state_tail || core.find("نظام") != std::string_view::npos ||
                     core.find("حكوم") != std::string_view::npos || core.find("جيش") != std::string_view::npos ||
                     core.find("امن") != std::string_view::npos || core.find("تحالف") != std::string_view::npos;
        end = k;
        ++words;
        continue;
      }
      // An indefinite noun opens a construct only when a definite word follows (اتحاد صناعة السيارات),
      // and never after a definite head (القوات مستشفى الأمل is no name).
      text::Attestation a = word(k).segments.attestation;
      if (words == 0 && definite(i)) break;
      if (word(k).segments.proclitic.empty() && word(k).segments.enclitic.empty() && joined(k) && in(k + 1) &&
          definite(k + 1) && !stop(k + 1) && !reporting_verb(k) && !t_.lexicon->can_be_verb(word(k).normalized) &&
          (a == text::Attestation::Lexicon || a == text::Attestation::Name || a == text::Attestation::Unknown)) {
        end = k;
        ++words;
        continue;
      }
      break;
    }
    // A head and one common word is a description (مجلس الوزراء، المجموعة الثانية), not a name.
    // …when the adjective agrees with the head (البنك التجاري, not متطلبات البنك الرأسمالية).
    bool adjective_named = business && definite(i) && words == 1 &&
                           ends_with(word(i).normalized, kTaMarbuta) == ends_with(word(end).normalized, kTaMarbuta);
    if (words == 0 || (!named && !adjective_named && (words < 2 || any_form_in(i, t_.plural_org_heads)))) return {};
    // A gazetteer name that starts with the head wins unless a state's nisba follows it (حزب الله).
    if (s.name > 0 && !c.from_nisba) return {};
    c.last = end;
  }
  if (c.entity == kNone) {
    switch (head.kind) {
      case HeadKind::Fixed:
        c.kind = head.fixed;
        break;
      case HeadKind::Force:
        c.kind = state_tail ? EntityKind::StateForce : EntityKind::ArmedGroup;
        break;
      case HeadKind::Movement:
        c.kind = EntityKind::ArmedGroup;
        break;
      case HeadKind::Coalition:
        c.kind = EntityKind::StateForce;
        break;
      case HeadKind::Agency:
        c.kind = EntityKind::Media;
        break;
      case HeadKind::Organisation:
        c.kind = EntityKind::Ngo;
        break;
      case HeadKind::Council:
      case HeadKind::Body:
        c.kind = EntityKind::Government;
        break;
    }
    if (head.kind == HeadKind::Organisation || head.kind == HeadKind::Council) {
      for (std::size_t k = c.first; k <= c.last; ++k) {
        std::string_view w = word(k).normalized;
        if (w.find("دولي") != std::string_view::npos || w.find("عالمي") != std::string_view::npos ||
            w.find("امم") != std::string_view::npos)
          c.kind = EntityKind::InternationalOrg;
      }
    }
  }
  return c;
}

/** A person's name from tokens[i]: a given name (one marked `?` only before another name or after a
 *  title), a kunya (أبو محمد), or after a title any name-like word; then given names, بن/بنت + name,
 *  unknown words and family names with the article. */
Candidate SentenceTagger::person_at(std::size_t i, bool after_title) {
  Candidate c;
  if (!in(i) || number(i)) return c;
  const Slot& s = slot(i);
  // A given name that is also a particle once normalized (علي/على) is a name only before بن.
  if (stop(i) && !(s.given > 0 && joined(i + s.given - 1) && any_form_in(i + s.given, t_.patronymic))) return c;
  std::size_t end;
  bool uncertain = false, firm_given = false;
  // The article of the name itself (ألكسندر) is no article: only a match that had to strip it is definite.
  const bool with_article = definite(i) && s.given_removals > 0;
  if (any_form_in(i, t_.kunya) && joined(i) &&
      (slot(i + 1).given > 0 || unknown_word(i + 1))) {
    end = i + std::max<std::size_t>(1, slot(i + 1).given);  // أبو محمد، أبو الحسن، أبو طالب
  } else if (s.given > 0) {
    // A name reached only through an enclitic pronoun is a noun (عمرها "her age").
    if (!word(i).segments.enclitic.empty() && s.given_removals > text::count_code_points(word(i).segments.proclitic)) return c;
    end = i + s.given - 1;
    uncertain = t_.uncertain_names[s.given_row] || with_article;
    firm_given = !uncertain;
    // الحسن بن علي، الحسن الثاني: with the article, only before a name, بن or a number, or right after a
    // title (الإمام الحسين).
    if (with_article && !(after_title && title_next_ == i && !any_form_in(i, t_.not_family) &&
                          !any_form_in(i, t_.org_tail_stops))) {
      std::size_t k = end + 1;
      if (!joined(end) || !(slot(k).given > 0 || any_form_in(k, t_.patronymic) || any_form_in(k, t_.regnal)))
        return c;
    }
  } else if (after_title && s.name == 0 && word(i).segments.proclitic.empty() && word(i).segments.enclitic.empty() &&
             (unknown_word(i) || word(i).segments.attestation == text::Attestation::Name ||
              (i == nationality_next_ && joined(i) && unknown_word(i + 1) && !stop(i) && !definite(i) &&
               !t_.lexicon->can_be_verb(word(i).normalized)))) {
    // …or, after a nationality, a word the dictionary has before a foreign one (الفرنسي ديدييه ديشان).
    if (joined(i) && gazetteer_at(i + 1).person) return c;  // وزير دفاعه سيرغي شويغو: the name is further on
    end = i;
  } else if (s.name == 0 && unknown_word(i) && word(i).segments.attestation == text::Attestation::Unknown &&
             word(i).segments.proclitic.empty() && word(i).segments.enclitic.empty() && before(i) != kNone &&
             reporting_verb(before(i))) {
    end = i;  // the speaker after a verb of saying, a name the lexicon does not know (وقال سولانا)
  } else {
    return c;
  }
  const std::size_t first_end = end;
  const bool kunya_first = any_form_in(i, t_.kunya);
  // A foreign given name (كريستوفر، ريتشارد) is followed by the family name, whatever Arabic word it looks like.
  const bool foreign_first = firm_given && unknown_word(i);
  bool strong = false;  // a continuation that makes an uncertain first name a name: a given name, بن, a foreign word
  for (std::size_t words = 0; words < kMaxNameTokens && joined(end); ++words) {
    std::size_t k = end + 1;
    const Slot& ks = slot(k);
    // علي (also the particle على) inside a name, before another name (محمد علي السعدي).
    bool given_particle = stop(k) && ks.given == 1 && ks.given_removals == 0 && joined(k) &&
                          (slot(k + 1).given > 0 || unknown_word(k + 1) || family_name(k + 1));
    if (given_particle && !conjoined(k)) {
      end = k;
      strong = true;
      continue;
    }
    if (conjoined(k) || number(k) || (stop(k) && !any_form_in(k, t_.patronymic))) break;
    // A nom de guerre: a kunya and the nisba of a state (أبو حمزة المصري).
    if (kunya_first && definite(k) && ks.nisba == 1 && entities_[ks.nisba_entity].kind == EntityKind::Country &&
        ends_with(word(k).normalized, kYa)) {
      end = k;
      break;
    }
    if (ks.name > 0 && (!definite(k) || ks.name > 1)) {  // a place, a body or a known person ends the name
      std::size_t e = pick_entity(*ks.name_payloads, nullptr);
      if (e != kNone && (entities_[e].kind != EntityKind::Person || ks.name > 1)) break;
      // A family name the gazetteer knows alone, after given names it does not list (خوسي لويس ثاباتيرو):
      // unlinked, since it may be a relative's (جيب بوش).
      if (e != kNone && !definite(k) && !with_article && (firm_given || strong || after_title)) {
        end = k;
        strong = true;
        continue;
      }
    }
    if ((any_form_in(k, t_.patronymic) || any_form_in(k, t_.family_links)) && joined(k)) {
      if (any_form_in(k + 1, t_.kunya) && joined(k + 1) && (slot(k + 2).given > 0 || surname(k + 2))) {
        end = k + 1 + std::max<std::size_t>(1, slot(k + 2).given);  // سعد بن أبي وقاص
        strong = true;
        continue;
      }
      if (slot(k + 1).given > 0 || unknown_word(k + 1) || surname(k + 1)) {
        end = k + std::max<std::size_t>(1, slot(k + 1).given);
        strong = true;
        continue;
      }
    }
    if (any_form_in(k, t_.name_particles) && joined(k) && (unknown_word(k + 1) || surname(k + 1))) {
      end = k + 1;  // دومينيك دو فيلبان
      continue;
    }
    if (ks.given > 0 && ks.given_removals == 0 && ks.title == 0) {
      end = k + ks.given - 1;
      strong = true;  // two given names (أمين فارس)
      continue;
    }
    if (any_form_in(k, t_.kunya) && joined(k) && slot(k + 1).given > 0) {  // سعود أبو سلطان
      end = k + slot(k + 1).given;
      continue;
    }
    if (unknown_word(k) || (end == first_end && (firm_given || after_title) && surname(k, foreign_first))) {
      strong = strong || unknown_word(k) || firm_given;
      end = k;
      continue;
    }
    if (definite(k) && (any_form_in(k, t_.regnal) || family_name(k))) {
      strong = true;
      end = k;
      continue;
    }
    // After two given names, a definite word is the family name (عباس محمود العقاد).
    if (definite(k) && slot(end).given > 0 && end > i && text::count_code_points(word(k).normalized) >= 5 &&
        !any_form_in(k, t_.not_family) && ks.nisba == 0 && ks.name == 0 && ks.title == 0 && ks.head == 0) {
      end = k;
      continue;
    }
    break;
  }
  if (uncertain && !strong && !after_title) return c;
  c.first = i;
  c.last = end;
  c.person = true;
  c.kind = EntityKind::Person;
  return c;
}

bool SentenceTagger::nationality_before_name(std::size_t i) {
  const Slot& s = slot(i);
  if (s.nisba != 1 || !definite(i) || entities_[s.nisba_entity].kind != EntityKind::Country || !joined(i)) return false;
  std::string_view w = word(i).normalized;
  if (!ends_with(w, kYa) && !ends_with(w, kTaMarbuta)) return false;
  // The article the segmenter took off (الألماني), not the one of the nisba itself (ألماني).
  std::string_view article = word(i).segments.proclitic;
  if (!ends_with(article, kArticle) && !ends_with(article, "لل")) return false;
  // After a verb, a particle, a pause or an indefinite noun it completes (عرقلة الياباني), the nisba is a
  // noun; after a definite noun, its adjective (اللاعب الفرنسي).
  std::size_t p = before(i);
  return p == kNone || (!definite(p) && !number(p) && slot(p).title == 0 && slot(p).head == 0 &&
                        (found_.empty() || found_.back().last != p));
}

void SentenceTagger::extend_person_left(Candidate& c) {
  std::size_t p = before(c.first);
  if (p == kNone || (!found_.empty() && found_.back().last >= p) || c.remembered != nullptr || conjoined(c.first) ||
      any_form_in(c.first, t_.kunya))
    return;
  const Slot& ps = slot(p);
  if (stop(p) || !word(p).segments.enclitic.empty() || ps.title > 0 || ps.head > 0 || ps.name > 0 || number(p) ||
      any_form_in(p, t_.not_family) || any_form_in(p, t_.kunya) || any_form_in(p, t_.patronymic))
    return;
  bool foreign = unknown_word(p) && word(p).segments.attestation == text::Attestation::Unknown &&
                 word(p).segments.proclitic.empty() && !definite(p);
  bool given = ps.given == 1 && ps.given_removals == 0;
  if (!foreign && !given) return;
  c.first = p;
  c.entity = kNone;
}

/** A family name with the article: a nisba-like name (المسماري، البدوي) or a word the lexicon does
 *  not know, but no state's nisba (الأمريكي) and no time word (الماضي). */
bool SentenceTagger::family_name(std::size_t k) {
  const Slot& ks = slot(k);
  if (!definite(k) || any_form_in(k, t_.not_family) || ks.title > 0 || ks.head > 0) return false;
  std::string_view w = word(k).normalized;
  if (ks.nisba > 0 && entities_[ks.nisba_entity].kind == EntityKind::Country) return false;
  if (ks.given > 0) return true;
  if (ks.name > 0) {
    std::size_t e = pick_entity(*ks.name_payloads, nullptr);
    return e != kNone && entities_[e].kind == EntityKind::Person;
  }
  return (ends_with(w, kYa) && text::count_code_points(w) >= 5) || word(k).segments.attestation == text::Attestation::Unknown;
}

/** A word that may follow a given name as its surname: no clitics, no particle, verb, title, head,
 *  nisba or gazetteer place (جورج بوش، كوفي أنان). */
bool SentenceTagger::surname(std::size_t k, bool verb_form) {
  if (!in(k) || stop(k) || number(k) || conjoined(k)) return false;
  const text::WordAnalysis& w = word(k);
  if (text::count_code_points(w.normalized) < 3) return false;
  const Slot& ks = slot(k);
  if (ks.title > 0 || ks.head > 0 || (ks.nisba > 0 && entities_[ks.nisba_entity].kind == EntityKind::Country))
    return false;
  if (ks.name > 0) {
    std::size_t e = pick_entity(*ks.name_payloads, nullptr);
    if (e != kNone && entities_[e].kind != EntityKind::Person) return false;
  }
  if ((!verb_form && t_.lexicon->can_be_verb(w.normalized)) || reporting_verb(k) || any_form_in(k, t_.actor_openers) ||
      any_form_in(k, t_.not_family))
    return false;
  // A verb with a pronoun or an accusative is no name (تشبثه، مؤتمرا).
  if (verb_form && (!w.segments.enclitic.empty() || ends_with(w.normalized, kAlef))) return false;
  if (definite(k)) return !(ks.nisba > 0);
  // The segmenter may cut a foreign name (بوش as ب + وش): the whole word decides.
  // …unless what is left without the particle is a word (تأمر بوقف: ب + وقف).
  if (!w.segments.proclitic.empty() && t_.lexicon->lemma(w.segments.core) != nullptr) return false;
  bool whole =
      w.segments.proclitic.empty() && w.segments.enclitic.empty() &&
      (w.segments.attestation == text::Attestation::Unknown || w.segments.attestation == text::Attestation::Lexicon ||
       w.segments.attestation == text::Attestation::Name);
  return whole || t_.lexicon->lemma(w.normalized) == nullptr;
}

/** A definite nisba that names a state: after a plural head (الجانبين الأرميني) or joined by و to
 *  a mention that ends in one (القوات الأمريكية والبريطانية). */
Candidate SentenceTagger::nisba_at(std::size_t i) {
  const Slot& s = slot(i);
  Candidate c;
  if (s.nisba != 1 || !definite(i)) return c;
  bool after_head = false;
  if (std::size_t p = before(i); p != kNone) after_head = any_form_in(p, t_.plural_heads);
  bool coordinated = conjoined(i) && !found_.empty() && found_.back().last + 1 == i && found_.back().from_nisba;
  if (!after_head && !coordinated) return c;
  c.first = c.last = i;
  c.entity = s.nisba_entity;
  c.kind = entities_[c.entity].kind;
  c.from_nisba = true;
  return c;
}

/** The tokens a title covers, cut before a name of the gazetteer or an organisation inside it
 *  (قائد قوات الدعم السريع: the title is قائد). */
std::size_t SentenceTagger::title_length(std::size_t i) {
  std::size_t n = slot(i).title;
  for (std::size_t k = 1; k < n; ++k)
    if (slot(i + k).name > 1) return k;
  return n;
}

std::string SentenceTagger::unlinked_id(std::size_t first, std::size_t last) const {
  std::string id(EntityMention::kUnlinkedPrefix);
  for (std::size_t k = first; k <= last; ++k) {
    const text::WordAnalysis& w = word(k);
    std::string_view form = w.normalized;
    std::string_view rest = form.substr(std::min(form.size(), w.segments.proclitic.size()));
    if (k == first && !w.segments.proclitic.empty() && starts_with(form, w.segments.proclitic) &&
        (ends_with(w.segments.proclitic, kArticle) || t_.first_forms.count(rest) > 0)) {
      form = rest;  // بيير keeps its ب: no known word is left without it
      if (!ends_with(w.segments.proclitic, kArticle) && starts_with(form, kArticle) &&
          t_.first_forms.count(form.substr(kArticle.size())) > 0)
        form.remove_prefix(kArticle.size());
    } else if (k == first && (starts_with(form, kWaw) || starts_with(form, kFa)) &&
               t_.first_forms.count(form.substr(kWaw.size())) > 0) {
      form.remove_prefix(kWaw.size());  // وشمال أفريقيا: the segmenter kept the conjunction
    }
    if (k > first) id += ' ';
    id += form;
  }
  return id;
}

const EntityMemory::Entry* SentenceTagger::recalled(std::size_t i) const {
  if (memory_ == nullptr || memory_->empty() || !in(i)) return nullptr;
  const text::WordAnalysis& w = word(i);
  std::string_view normalized = w.normalized;
  if (const EntityMemory::Entry* e = memory_->recall(bare_word(normalized).first)) return e;
  // وبأوباما، لشيراك: every proclitic off, as the analysis reads it.
  std::string_view rest = normalized.substr(std::min<std::size_t>(w.without_proclitics, normalized.size()));
  if (rest.size() < normalized.size() && text::count_code_points(rest) >= 3) return memory_->recall(rest);
  return nullptr;
}

Candidate SentenceTagger::remembered_at(std::size_t i) {
  Candidate c;
  if (memory_ == nullptr || memory_->empty() || !in(i) || stop(i) || number(i)) return c;
  const EntityMemory::Entry* entry = recalled(i);
  if (entry == nullptr) return c;
  const Slot& s = slot(i);
  if (s.title > 0 || s.head > 0 || s.given > 1 ||
      (s.nisba > 0 && entities_[s.nisba_entity].kind == EntityKind::Country))
    return c;
  if (any_form_in(i, t_.not_family) || any_form_in(i, t_.regnal) || any_form_in(i, t_.patronymic) ||
      any_form_in(i, t_.kunya) || any_form_in(i, t_.club_words) || pronoun_suffixed(i))
    return c;
  // A last name that is also a common word (الأسد "the lion", صالح "valid") is the name only in a name's
  // position and as it was written (with or without the article); a foreign name or a family nisba
  // (بارزاني، الكاظمي) anywhere, in either form.
  if (ordinary_word(i) && (definite(i) != entry->definite || !name_position(i))) return c;
  c.first = c.last = i;
  c.kind = entry->kind;
  c.person = entry->kind == EntityKind::Person;
  c.remembered = entry;
  return c;
}

bool SentenceTagger::firm_given_name(std::size_t i) {
  const Slot& s = slot(i);
  return s.given > 0 && s.given_removals == 0 && !t_.uncertain_names[s.given_row];
}

bool SentenceTagger::plain_noun(std::size_t i) {
  const text::WordAnalysis& w = word(i);
  std::string_view form = w.normalized;
  return !definite(i) && w.segments.proclitic.empty() && w.segments.enclitic.empty() && slot(i).given == 0 &&
         !t_.lexicon->can_be_verb(form) && !ends_with(form, kTaMarbuta) && !ends_with(form, kAlef) &&
         !ends_with(form, kYa);
}

bool SentenceTagger::pronoun_suffixed(std::size_t i) const {
  const text::Segmentation& seg = word(i).segments;
  return !seg.enclitic.empty() && t_.lexicon->lemma(seg.core) != nullptr;
}

bool SentenceTagger::ordinary_word(std::size_t i) const {
  if (t_.ambiguous.count(without_particles(i)) > 0) return true;
  std::string_view w = word(i).normalized;
  if (definite(i) && ends_with(w, kYa) && text::count_code_points(w) >= 5 && t_.lexicon->lemma(article_free(i)) == nullptr &&
      t_.lexicon->lemma(w) == nullptr)
    return false;
  if (t_.lexicon->can_be_verb(article_free(i))) return true;
  text::Attestation a = word(i).segments.attestation;
  return a == text::Attestation::Lexicon || a == text::Attestation::Inflected || a == text::Attestation::Derived ||
         a == text::Attestation::DerivedFromInflected;
}

bool SentenceTagger::name_position(std::size_t i) {
  if (std::size_t p = before(i); p != kNone) {
    if (any_form_in(p, t_.not_before_names)) return false;
    bool opens = stop(p) || reporting_verb(p) || any_form_in(p, t_.actor_openers) ||
                 t_.lexicon->can_be_verb(article_free(p)) || slot(p).title > 0 ||
                 (!found_.empty() && found_.back().last == p);
    if (!opens) return false;
  }
  if (joined(i)) {
    std::size_t k = i + 1;
    if (definite(k) && !stop(k) && !number(k) && !any_form_in(k, t_.not_family) && slot(k).name == 0) return false;
  }
  return true;
}

void SentenceTagger::remember(const Candidate& c, const EntityMention& m, bool after_title) {
  if (memory_ == nullptr || !c.person || c.remembered != nullptr || (c.length() < 2 && !after_title)) return;
  const std::size_t k = c.last;
  std::string_view last_name = article_free(k);
  if (stop(k) || number(k) || text::count_code_points(last_name) < 3 || any_form_in(k, t_.regnal) || any_form_in(k, t_.not_family) ||
      any_form_in(k, t_.club_words) || pronoun_suffixed(k))
    return;
  // A last name that is also a common word is remembered only from a name the gazetteer knows (عقيلة
  // صالح) or after a sure given name when it is a plain noun (نجيب محفوظ): a person found by rules alone
  // may end in a word that is no name (…الأولى، …زوجته، …رمضان).
  if (c.entity == kNone && ordinary_word(k) && !(firm_given_name(c.first) && plain_noun(k))) return;
  // …nor a verb, a broken plural or an accusative (شنت، سكان، ردا), whatever the segmenter read.
  if (c.entity == kNone && (t_.lexicon->can_be_verb(last_name) || feminine_past_verb(k) ||
                            t_.lexicon->singular_of(last_name) != nullptr ||
                            (ends_with(last_name, kAlef) &&
                             t_.lexicon->lemma(last_name.substr(0, last_name.size() - kAlef.size())) != nullptr)))
    return;
  // The second half of a compound name (عبد الله، نصر الله، نور الدين) is no name alone.
  if (last_name == "الله" || last_name == "دين" || (k > c.first && word(k - 1).normalized == "عبد"))
    return;
  // The father's name after بن, a kunya's name (أبو مازن), a dynasty after آل: not what a person is
  // called by alone; nor the end of a given name of several words (نبيل عبد الله).
  if (k > c.first && (any_form_in(k - 1, t_.patronymic) || any_form_in(k - 1, t_.kunya) ||
                      any_form_in(k - 1, t_.family_links)))
    return;
  for (std::size_t j = c.first; j < k; ++j)
    if (slot(j).given > 1 && j + slot(j).given - 1 >= k) return;
  memory_->remember(std::string(last_name), {m.id, m.kind, definite(k)});
}

Role SentenceTagger::role(const Candidate& c, std::size_t& entity) const {
  std::size_t i = c.first;
  std::size_t p = before(i);
  if (!is_place(c.kind)) {
    // A seat of government named in one word is where things happen after في (في الكرملين); bodies
    // after في are still the ones who act (مصدر في التحالف، سفير روسيا في الأمم المتحدة).
    bool seat = c.kind == EntityKind::Government && c.length() == 1 && c.entity != kNone;
    std::string_view prefix = word(i).segments.proclitic;
    bool in_place = (p != kNone && word(p).normalized == "في") || prefix.find(kBa) != std::string_view::npos;
    return seat && in_place ? Role::Place : Role::Actor;
  }
  std::string_view prefix = word(i).segments.proclitic;
  if (prefix.find(kBa) != std::string_view::npos || prefix.find(kKaf) != std::string_view::npos) return Role::Place;
  // ل: a state is the one given to or acting for (تسليم أراض لأذربيجان); a town is where (الأحياء الشرقية لحلب).
  if (prefix.find(kLam) != std::string_view::npos && !ends_with(prefix, kArticle))
    return c.kind == EntityKind::Country ? Role::Actor : Role::Place;
  if (p != kNone && (any_form_in(p, t_.locative) || any_form_in(p, t_.motion))) return Role::Place;
  auto capital = entity == kNone ? t_.capital_actor.end() : t_.capital_actor.find(entity);
  bool is_capital = capital != t_.capital_actor.end();
  // Joined by و to the mention before: the same part in the sentence.
  if (conjoined(i) && !found_.empty()) {
    const Candidate& prev = found_.back();
    if (prev.last + 1 == i && prev.entity != kNone) {
      std::size_t prev_entity = prev.entity;
      Role prev_role = role(prev, prev_entity);
      if (prev_role == Role::Actor && is_capital) entity = capital->second;
      if (prev_role == Role::Actor && (c.kind == EntityKind::Country || is_capital)) return Role::Actor;
      if (prev_role == Role::Place) return Role::Place;
    }
  }
  if (p != kNone && word(p).normalized == "من") {
    if (c.kind != EntityKind::Country) return Role::Place;
    std::size_t pp = before(p);
    return pp != kNone && (any_form_in(pp, t_.motion)) ? Role::Place : Role::Actor;
  }
  if (c.kind == EntityKind::Country) return Role::Actor;
  if (is_capital) {
    bool acts = p != kNone && (any_form_in(p, t_.actor_openers) || reporting_verb(p) || feminine_past_verb(p));
    // Right after an actor, as the object of its verb (اتهمت يريفان أنقرة).
    if (!acts && p != kNone && !found_.empty() && found_.back().last == p && !conjoined(i)) {
      const Candidate& prev = found_.back();
      acts = prev.person || (prev.entity != kNone && !is_place(entities_[prev.entity].kind)) ||
             (prev.entity != kNone &&
              (entities_[prev.entity].kind == EntityKind::Country || t_.capital_actor.count(prev.entity)));
    }
    if (acts) {
      entity = capital->second;
      return Role::Actor;
    }
  }
  return Role::Place;
}

EntityMention SentenceTagger::mention(const Candidate& c) const {
  EntityMention m;
  m.first_token = c.first;
  m.last_token = c.last;
  m.begin = tokens_[c.first].token.begin;
  m.end = tokens_[c.last].token.end;
  std::size_t entity = c.entity;
  m.role = c.person ? Role::Actor : role(c, entity);
  if (c.remembered != nullptr) {
    m.id = c.remembered->id;
    m.kind = c.remembered->kind;
  } else if (entity != kNone) {
    m.id = entities_[entity].id;
    m.kind = entities_[entity].kind;
  } else {
    m.id = unlinked_id(c.first, c.last);
    m.kind = c.kind;
  }
  return m;
}

std::vector<EntityMention> SentenceTagger::run() {
  // The countries the sentence names without doubt, to choose between entries sharing a name.
  for (std::size_t i = first_; i <= last_; ++i) {
    const Slot& s = slot(i);
    if (s.nisba > 0 && t_.country_of[s.nisba_entity] != kNone)
      sentence_countries_.insert(t_.country_of[s.nisba_entity]);
    if (s.name > 0) {
      bool ambiguous = false;
      std::size_t e = pick_entity(*s.name_payloads, &ambiguous);
      if (e != kNone && !ambiguous && t_.country_of[e] != kNone) sentence_countries_.insert(t_.country_of[e]);
    }
  }
  std::vector<EntityMention> out;
  for (std::size_t i = first_; i <= last_;) {
    if (title_until_ != kNone && i > title_until_) title_until_ = title_next_ = kNone;
    bool after_title = title_next_ == i;
    Candidate best = gazetteer_at(i);
    for (Candidate other : {organisation_at(i), person_at(i, after_title), nisba_at(i)})
      if (other.length() > best.length() && !(best.person && other.person)) best = other;
    // Two gazetteer names that overlap: the one that runs further wins when it is as long (قوات
    // الجيش الوطني الليبي is the Libyan army, not قوات الجيش الوطني + الليبي).
    if (best.entity != kNone && !best.person && best.length() > 1) {
      for (std::size_t k = best.first + 1; k <= best.last; ++k) {
        const Slot& ks = slot(k);
        if (ks.name >= best.length() && k + ks.name - 1 > best.last) {
          best = {};
          break;
        }
      }
    }
    // A title with a pronoun refers back (سموه "his highness"): no name follows it.
    std::size_t title = slot(i).title > 0 && word(i).segments.enclitic.empty() ? title_length(i) : 0;
    if (title > 0) {
      // A title wins over what starts with its words when a name follows it (اللواء أحمد المسماري,
      // الملك عبد الله الثاني), unless the gazetteer names something else there (لواء فاطميون).
      Candidate named = gazetteer_at(i + title);
      bool person_follows = person_at(i + title, true).length() > 0 || named.person;
      bool other_entry = best.entity != kNone && best.entity != named.entity && best.length() > title;
      if (best.length() <= title || (person_follows && !other_entry)) {
        title_until_ = i + title + kTitleReach;
        title_next_ = i + title;
        i += title;
        continue;
      }
    }
    if (best.length() == 0) best = remembered_at(i);
    if (best.person && best.length() == 1 && best.entity == kNone && best.remembered == nullptr)
      best.remembered = recalled(i);  // الرئيس أوباما after باراك أوباما: the same person
    if (best.length() == 0) {
      // Between a title and its name: nisbas, باسم and the like (وزير الخارجية الروسي، المتحدث باسم).
      if (after_title && (slot(i).nisba > 0 || stop(i) || any_form_in(i, t_.patronymic)))
        title_next_ = i + 1;
      else if (after_title)
        title_until_ = title_next_ = kNone;
      else if (nationality_before_name(i))
        title_next_ = title_until_ = nationality_next_ = i + 1;
      ++i;
      continue;
    }
    if (best.person) {
      if (!after_title) extend_person_left(best);
      title_until_ = title_next_ = kNone;
    } else if (after_title) {
      title_next_ = best.last + 1;  // the body the office belongs to (المتحدث باسم الكرملين دميتري بيسكوف)
    }
    out.push_back(mention(best));
    remember(best, out.back(), after_title);
    found_.push_back(best);
    i = best.last + 1;
  }
  return out;
}

}  // namespace

std::vector<EntityMention> EntityTagger::find(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                              std::size_t first, std::size_t last, EntityMemory* memory) const {
  if (tokens.empty() || first > last || first >= tokens.size()) return {};
  last = std::min(last, tokens.size() - 1);
  SentenceTagger sentence(*tables_, gazetteer_, cues_, text, tokens, first, last, memory);
  return sentence.run();
}

}  // namespace marsad::tag

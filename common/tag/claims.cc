// Claim tagging in named steps: scan the sentence once for every cue list, turn numbers into figure
// drafts (counted noun, trigger, total and parts, qualifiers), keep the triggers that make a claim
// (conflict context, presupposition, purpose, opinion, demand, the cue's needs: notes), find who
// claims each, then merge claims of one type, claimant and polarity and attach their figures.
#include "common/tag/claims.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace marsad::tag {
namespace {

using Tokens = std::vector<text::AnalyzedToken>;

/** Cues and numbers of one kind looked at in a sentence: prose never comes near it, and the rules
 *  compare cues pairwise, so a "sentence" of megabytes without a full stop stays linear. */
constexpr std::size_t kMaxHitsPerSentence = 256;

/** One row of a cue list found over tokens [first, last]. */
struct Hit {
  std::size_t first = 0, last = 0;
  std::uint32_t row = 0;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
bool one_of(std::string_view word, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}
/** The first word of a note or field ("at_least (follows the number)" → "at_least"). */
std::string_view first_word(std::string_view s) { return s.substr(0, s.find_first_of(" (;:")); }

// Function words, normalized as Normalizer writes them (ة → ه, ى → ي, أ إ آ → ا).
/** Words after a number that make it a duration, a distance, an age, a sum or a share, not a count. */
bool measure_word(std::string_view w) {
  return one_of(w, {"ساعه", "ساعات", "ساعتين", "دقيقه", "دقائق", "ثانيه", "ثوان", "يوم", "يوما", "ايام", "اسبوع",
                    "اسبوعا", "اسابيع", "شهر", "شهرا", "اشهر", "شهور", "عام", "عاما", "اعوام", "سنه", "سنوات", "سنين",
                    "عقد", "عقود", "قرن", "كيلومتر", "كيلومترا", "كيلومترات", "كم", "كلم", "ميل", "اميال", "متر",
                    "مترا", "امتار", "دولار", "دولارا", "ريال", "ريالا", "يورو", "جنيه", "جنيها", "درهم", "دينار",
                    "دينارا", "ليره", "طن", "اطنان", "برميل", "هكتار", "دونم", "المئه", "بالمئه", "المائه", "بالمائه",
                    "مئويه", "درجه", "نقطه", "نقاط", "هدف", "اهداف", "مرات", "مره", "مليار", "مليارات"});
}
/** Words that open the parts of a total named before: "، بينهم 81 مقاتلا" or "سبعة منهم مدنيون". */
bool breakdown_word(std::string_view w) {
  return one_of(w, {"بينهم", "بينها", "منهم", "منها", "بينهن", "منهن", "وبينهم", "ومنهم", "وبينها", "ومنها"});
}
/** Prepositions that make an event a time reference (بعد تحرير المدينة), not a claim. */
bool time_preposition(std::string_view w) {
  return one_of(w, {"بعد", "قبل", "منذ", "عقب", "وبعد", "وقبل", "ومنذ", "وعقب", "فبعد"});
}
/** Prepositions before a bare definite noun that only presupposes the event (في المعارك). */
bool frame_preposition(std::string_view w) {
  return one_of(w, {"في", "خلال", "اثناء", "ابان", "وفي", "وخلال", "منذ", "بعد", "قبل", "عقب", "جراء"});
}
bool that_word(std::string_view w) { return one_of(w, {"ان", "بان", "وان", "لان"}); }

std::string_view normalized(const Tokens& tokens, std::size_t i) { return tokens[i].analysis->normalized; }

/** Everything the scan of one sentence found, in token order. */
struct Found {
  std::vector<Hit> triggers, verbs, attributions, negations, counted;
};

struct Speaker {
  std::optional<std::size_t> entity;
  std::string surface;
  bool found() const { return entity.has_value() || !surface.empty(); }
};

/** A number that counts something, before figures are grouped into claims. */
struct Draft {
  Figure figure;
  std::size_t first = 0, last = 0;  // the number's tokens and its counted noun
  std::size_t number_last = 0;      // the number's last token
  std::string counted_what, who;    // from counted_nouns.tsv; "" without a counted noun
  std::optional<std::size_t> trigger;  // index into Found::triggers
  std::optional<std::size_t> total;    // index of the draft it is a part of
};

/** A trigger kept as a claim, before claims of one type, claimant and polarity are merged. */
struct Candidate {
  std::optional<std::size_t> trigger;  // index into Found::triggers; empty for a claim made by a verb
  std::size_t cue_first = 0, cue_last = 0;
  std::string type;
  Speaker speaker;
  bool negated = false, hedged = false;
};

class SentenceTagger {
 public:
  SentenceTagger(const Cues& cues, std::string_view text, const Tokens& tokens,
                 const std::vector<NumberMention>& numbers, TaggedSentence& sentence, ClaimContext context)
      : cues_(cues), text_(text), tokens_(tokens), numbers_(numbers), sentence_(sentence), context_(context),
        first_(sentence.first_token), last_(sentence.last_token) {}

  void run() {
    if (last_ < first_ || last_ >= tokens_.size()) return;
    scan();
    drafts();
    std::vector<Candidate> candidates = candidates_from_triggers();
    merge(candidates);
    if (unverified_) cover_paragraph();
  }

 private:
  std::string_view trigger(std::size_t hit, std::string_view column) const {
    return cues_.claim_triggers.column(found_.triggers[hit].row, column);
  }
  std::string_view surface(std::size_t begin, std::size_t end) const { return text_.substr(begin, end - begin); }
  std::string_view separator_after_token(std::size_t i) const { return separator_after(text_, tokens_, i); }

  void scan_list(const CueList& list, std::size_t i, std::vector<Hit>& out, std::size_t& next_free) {
    if (i < next_free || out.size() >= kMaxHitsPerSentence) return;
    PhraseMatch match = list.at(text_, tokens_, i);
    if (match.tokens == 0 || match.payloads == nullptr) return;
    std::size_t end = i + match.tokens - 1;
    if (end > last_) return;
    for (std::uint32_t row : *match.payloads) out.push_back({i, end, row});
    next_free = i + match.tokens;
  }

  void scan() {
    std::size_t free_trigger = 0, free_verb = 0, free_attribution = 0, free_negation = 0, free_counted = 0;
    for (std::size_t i = first_; i <= last_; ++i) {
      if (tokens_[i].token.kind == text::TokenKind::Number) continue;  // no cue starts with digits
      scan_list(cues_.claim_triggers, i, found_.triggers, free_trigger);
      scan_list(cues_.reporting_verbs, i, found_.verbs, free_verb);
      scan_list(cues_.attribution, i, found_.attributions, free_attribution);
      scan_list(cues_.negation, i, found_.negations, free_negation);
      scan_list(cues_.counted_nouns, i, found_.counted, free_counted);
    }
    for (const Hit& hit : found_.negations) {
      std::string_view scope = cues_.negation.column(hit.row, "scope");
      if (scope == "unverified" && verification_note(hit)) unverified_ = true;
      if (scope == "historical" && historical_cue(hit)) historical_ = true;
    }
    // A year of the last century opening the sentence or after في/منذ (1987 - مجلس الأمن …).
    for (const NumberMention& n : numbers_) {
      if (!n.value || *n.value < 1900 || *n.value >= 2000 || n.first_token != n.last_token) continue;
      if (n.first_token == first_ ||
          (n.first_token > first_ && one_of(normalized(tokens_, n.first_token - 1), {"في", "منذ", "عام", "سنه", "العام"})))
        historical_ = true;
    }
    conflict_ = conflict_context();
  }

  /** "من مصدر مستقل" and "التحقق من صحة" mark a claim unverified only after a negation or "could not". */
  bool verification_note(const Hit& hit) const {
    std::string_view note = cues_.negation.column(hit.row, "note");
    if (!contains(note, "only after") && !contains(note, "after a verification verb")) return true;
    for (const Hit& other : found_.negations)
      if (other.last < hit.first && hit.first - other.last <= 6 &&
          (cues_.negation.column(other.row, "scope") == "unverified" ||
           cues_.negation.column(other.row, "scope") == "negation"))
        return true;
    return false;
  }

  /** A year before 2000 after عام; the other historical cues stand alone. */
  bool historical_cue(const Hit& hit) const {
    std::string_view note = cues_.negation.column(hit.row, "note");
    // "خلال حرب الخليج" is history; "خلال الحرب" is the war being reported.
    if (contains(note, "not historical")) return !table_key(tokens_[hit.last]).article;
    if (!contains(note, "year")) return true;
    for (const NumberMention& n : numbers_)
      if (n.first_token == hit.last + 1 && n.value && *n.value >= 1000 && *n.value < 2000) return true;
    return false;
  }

  bool ambiguous(std::size_t hit) const { return contains(trigger(hit, "note"), "ambiguous:"); }

  /** An armed actor, a weapon or a fighting word in the sentence lets ambiguous cues count. */
  bool conflict_context() const {
    for (const EntityMention& e : sentence_.entities)
      if (e.kind == EntityKind::StateForce || e.kind == EntityKind::ArmedGroup) return true;
    for (const Hit& hit : found_.counted) {
      std::string_view who = cues_.counted_nouns.column(hit.row, "who");
      std::string_view what = cues_.counted_nouns.column(hit.row, "what");
      if (one_of(who, {"fighters", "soldiers"}) || one_of(what, {"tanks", "artillery", "killed"}))
        return true;
    }
    for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
      std::string_view type = trigger(t, "type");
      if (!ambiguous(t) && one_of(type, {"attack", "casualties", "destruction", "ceasefire_call", "foreign_involvement"}))
        return true;
    }
    // Head nouns of armed bodies (قوات، جيش، ميليشيات، فصائل، كتائب) even where no name follows.
    for (std::size_t i = first_; i <= last_; ++i) {
      PhraseMatch match = cues_.org_heads.at(text_, tokens_, i);
      if (match.tokens == 0 || match.payloads == nullptr) continue;
      for (std::uint32_t row : *match.payloads)
        if (one_of(cues_.org_heads.column(row, "kind"), {"state-force", "armed-group", "force", "coalition"}) &&
            !one_of(table_key(tokens_[i]).core, {"تنظيم", "جماعه"}))
          return true;
    }
    if (context_.previous != nullptr)
      for (const Claim& claim : context_.previous->claims)
        if (!claim.historical && (claim.type == "attack" || claim.type == "casualties")) return true;
    return false;
  }

  // --- figures ---

  bool excluded_number(const NumberMention& n) const {
    for (const DateMention& d : sentence_.dates)
      if (n.first_token <= d.last_token && d.first_token <= n.last_token) return true;
    std::size_t next = n.last_token + 1;
    std::string_view after = separator_after_token(n.last_token);
    if (after.find('%') != std::string_view::npos || after.find('/') != std::string_view::npos) return true;
    if (n.first_token > 0 && separator_after_token(n.first_token - 1).find('/') != std::string_view::npos) return true;
    if (next <= last_) {
      std::string_view word = normalized(tokens_, next);
      if (measure_word(word) || measure_word(table_key(tokens_[next]).core)) return true;
      if ((word == "في" || word == "من") && next + 1 <= last_ && measure_word(normalized(tokens_, next + 1)))
        return true;
    }
    if (n.value && *n.value >= 1900 && *n.value <= 2100 && n.first_token == n.last_token &&
        !(next <= last_ && counted_at(next)))
      return true;  // a year
    if (n.first_token > first_) {
      std::string_view before = table_key(tokens_[n.first_token - 1]).core;
      if (one_of(before, {"عمر", "سن", "رقم", "الساعه", "ساعه", "المرتبه", "المركز", "الماده", "الفقره", "عام", "سنه"}))
        return true;
    }
    return false;
  }

  std::optional<Hit> counted_at(std::size_t j) const {
    for (const Hit& hit : found_.counted)
      if (hit.first == j) return hit;
    return std::nullopt;
  }

  std::optional<std::size_t> trigger_at(std::size_t j) const {
    std::optional<std::size_t> best;
    for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
      if (found_.triggers[t].first != j) continue;
      if (!best || (trigger(*best, "figure_what") == "-" && trigger(t, "figure_what") != "-")) best = t;
    }
    return best;
  }

  /** The trigger a number belongs to: the counted noun itself, else the nearest fitting one before
   *  it in the clause (مقتل نحو 30), else the nearest after it (21 مدنيا على الأقل قتلوا). */
  std::optional<std::size_t> trigger_for(const Draft& d, bool after) const {
    if (!d.counted_what.empty())
      if (auto t = trigger_at(d.last); t && trigger(*t, "figure_what") != "-") return t;
    bool things = !d.counted_what.empty() && !one_of(d.counted_what, {"people", "killed", "wounded"});
    auto fits = [&](std::size_t t) {
      std::string_view type = trigger(t, "type");
      std::string_view what = trigger(t, "figure_what");
      if (things) return type == "destruction" || (type == "attack" && what != "-");
      if (d.counted_what.empty() && what == "-") return false;
      if (d.counted_what == "killed" || d.counted_what == "wounded") return type == "casualties";
      return one_of(type, {"casualties", "humanitarian", "mobilisation", "foreign_involvement"});
    };
    // Vague "victims" loses to a cue that says killed or wounded on the same side.
    auto weight = [&](std::size_t t) { return trigger(t, "figure_what") == "casualties" ? 3u : 0u; };
    std::optional<std::size_t> best;
    std::size_t best_distance = 0;
    for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
      const Hit& hit = found_.triggers[t];
      if (hit.last >= d.first || d.first - hit.last - 1 > 4 || !fits(t)) continue;
      std::size_t distance = d.first - hit.last - 1 + weight(t);
      if (crosses_clause(hit.last, d.first)) continue;
      if (!best || distance <= best_distance) {
        best = t;
        best_distance = distance;
      }
    }
    // "ارتفعت حصيلة القتلى في صفوف قوات الإقليم إلى 158": a toll reaches its number through إلى.
    if (!best && d.first > first_ && normalized(tokens_, d.first - 1) == "الي") {
      for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
        const Hit& hit = found_.triggers[t];
        if (hit.last >= d.first || d.first - hit.last - 1 > 10 || trigger(t, "type") != "casualties" ||
            trigger(t, "cue").find("حصيلة") == std::string_view::npos || crosses_clause(hit.last, d.first))
          continue;
        best = t;
      }
    }
    if (best || !after) return best;
    for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
      const Hit& hit = found_.triggers[t];
      if (hit.first <= d.last || hit.first - d.last - 1 > 8 || !fits(t)) continue;
      if (crosses_clause(d.last, hit.first)) continue;
      std::size_t distance = hit.first - d.last - 1 + weight(t);
      if (!best || distance < best_distance) {
        best = t;
        best_distance = distance;
      }
    }
    return best;
  }

  /** Punctuation between tokens a and b (a < b) ends the clause a figure can reach across. */
  bool crosses_clause(std::size_t a, std::size_t b) const {
    for (std::size_t k = a; k < b; ++k)
      if (!separator_after_token(k).empty() && separator_after_token(k) != "-") return true;
    return false;
  }

  /** "مقتل وجرح ستة": killed and wounded cues joined before one number count both together. */
  bool coordinated(std::size_t t, const Draft& d) const {
    std::string_view what = trigger(t, "figure_what");
    if (what != "killed" && what != "wounded") return false;
    for (std::size_t u = 0; u < found_.triggers.size(); ++u) {
      const Hit& other = found_.triggers[u];
      std::string_view other_what = trigger(u, "figure_what");
      if (u == t || other.last >= d.first || trigger(u, "type") != "casualties") continue;
      if ((other_what == "killed" || other_what == "wounded") && other_what != what &&
          (other.last + 1 == found_.triggers[t].first || found_.triggers[t].last + 1 == other.first))
        return true;
    }
    return false;
  }

  static std::string object_what(std::string_view counted) {
    if (one_of(counted, {"tanks", "vehicles", "aircraft", "drones", "buildings"})) return "destroyed_" + std::string(counted);
    return "other";
  }

  /** "أحد المواطنين", "إحدى الطائرات": one of them, counted as 1. */
  std::vector<NumberMention> numbers_with_ones() const {
    std::vector<NumberMention> out;
    for (const NumberMention& n : numbers_)
      if (n.first_token >= first_ && n.last_token <= last_ && out.size() < kMaxHitsPerSentence) out.push_back(n);
    for (std::size_t i = first_; i < last_ && out.size() < 2 * kMaxHitsPerSentence; ++i) {
      std::string_view w = normalized(tokens_, i);
      if (!one_of(w, {"احد", "احدي", "واحد"}) || !separator_after_token(i).empty()) continue;
      bool inside = false;
      for (const NumberMention& n : out) inside = inside || (n.first_token <= i && i <= n.last_token);
      bool after_cue = false;
      for (std::size_t t = 0; t < found_.triggers.size(); ++t)
        if (found_.triggers[t].last + 1 == i && trigger(t, "type") == "casualties" &&
            !(found_.triggers[t].first > first_ &&
              one_of(normalized(tokens_, found_.triggers[t].first - 1), {"لم", "ولم", "لا", "ولا", "لن", "ولن"})))
          after_cue = true;  // "لم يقتل أحد" is nobody
      if (inside || !after_cue || tokens_[i + 1].token.kind == text::TokenKind::Number) continue;
      NumberMention one;
      one.begin = tokens_[i].token.begin;
      one.end = tokens_[i].token.end;
      one.first_token = one.last_token = i;
      one.value = 1;
      out.push_back(one);
    }
    // A dual noun counts two by itself (مقتل جنديين).
    for (const Hit& noun : found_.counted) {
      if (!starts_with(cues_.counted_nouns.column(noun.row, "note"), "dual")) continue;
      bool inside = false;
      for (const NumberMention& n : out) inside = inside || (n.first_token <= noun.last && noun.first <= n.last_token + 1);
      if (inside) continue;
      NumberMention two;
      two.begin = tokens_[noun.first].token.begin;
      two.end = tokens_[noun.last].token.end;
      two.first_token = noun.first;
      two.last_token = noun.last;
      two.value = 2;
      out.push_back(two);
    }
    std::sort(out.begin(), out.end(),
              [](const NumberMention& a, const NumberMention& b) { return a.first_token < b.first_token; });
    return out;
  }

  std::optional<std::size_t> last_casualty_before(std::size_t token) const {
    std::optional<std::size_t> best;
    for (std::size_t t = 0; t < found_.triggers.size(); ++t)
      if (found_.triggers[t].last < token && trigger(t, "type") == "casualties" && trigger(t, "figure_what") != "-")
        best = t;
    return best;
  }

  /** ربع مليون، نصف مليون: a fraction word before the number scales it. */
  void scale_by_fraction(Draft& d, const NumberMention& n) const {
    if (!d.figure.count) return;
    std::string_view before = table_key(tokens_[n.first_token - 1]).core;
    int divisor = before == "ربع" ? 4 : before == "نصف" ? 2 : before == "ثلث" ? 3 : 0;
    if (divisor == 0 || !separator_after_token(n.first_token - 1).empty()) return;
    d.figure.count = *d.figure.count / divisor;
    d.figure.begin = tokens_[n.first_token - 1].token.begin;
    d.first = n.first_token - 1;
  }

  /** "مقتل 10 جنود و3 مدنيين", "إضافة إلى ثلاثة من العاملين": a count joined to the one before
   *  shares its trigger. */
  void inherit_trigger(Draft& d) const {
    if (drafts_.empty() || d.counted_what.empty()) return;
    const Draft* previous = nullptr;
    for (std::size_t k = drafts_.size(); k-- > 0;)
      if (!drafts_[k].total) {
        previous = &drafts_[k];
        break;
      }
    if (previous == nullptr || !previous->trigger || previous->last >= d.first || d.first - previous->last > 4) return;
    for (const Hit& hit : found_.triggers)
      if (hit.first > previous->last && hit.last < d.first) return;
    bool things = !one_of(d.counted_what, {"people", "killed", "wounded"});
    bool previous_things = !one_of(previous->counted_what, {"people", "killed", "wounded", ""});
    if (things != previous_things) return;
    d.trigger = previous->trigger;
  }

  void drafts() {
    for (const NumberMention& n : numbers_with_ones()) {
      if (n.first_token < first_ || n.last_token > last_ || excluded_number(n)) continue;
      Draft d;
      d.first = n.first_token;
      d.last = d.number_last = n.last_token;
      d.figure.begin = n.begin;
      d.figure.end = n.end;
      d.figure.count = n.value;
      d.figure.vague = n.vague;
      // The counted noun: right after the number, or after من/منهم (31 من عناصر، سبعة منهم مدنيون).
      std::size_t j = n.last_token + 1;
      bool part_marker = n.first_token > first_ && breakdown_word(normalized(tokens_, n.first_token - 1)),
           partitive = false;
      for (int skip = 0; skip < 2 && j <= last_ && separator_after_token(j - 1).empty(); ++skip) {
        std::string_view w = normalized(tokens_, j);
        if (breakdown_word(w)) part_marker = partitive = true;
        if (w == "من") partitive = true;
        if (w == "من" || breakdown_word(w)) ++j;
        else break;
      }
      if (j <= last_ && separator_after_token(j - 1).empty())
        if (std::optional<Hit> noun = counted_at(j)) {
          d.counted_what = cues_.counted_nouns.column(noun->row, "what");
          std::string_view who = cues_.counted_nouns.column(noun->row, "who");
          if (who != "-" && who != "people") d.who = who;
          d.last = noun->last;
        }
      if (std::optional<Hit> dual = counted_at(n.first_token); dual && dual->last == n.last_token) {
        d.counted_what = cues_.counted_nouns.column(dual->row, "what");
        std::string_view who = cues_.counted_nouns.column(dual->row, "who");
        if (who != "-" && who != "people") d.who = who;
      }
      // "أربعة من قادة الحزب", "16 منهم": a number of people whatever the noun.
      if (d.counted_what.empty() && partitive) {
        d.counted_what = "people";
        d.last = j - 1;
      }
      if (n.first_token > first_) scale_by_fraction(d, n);
      d.trigger = trigger_for(d, false);
      // "قتل 29 منهم": with a cue right before, منهم is "of them", not the parts of a total.
      if (!(d.trigger && !breakdown_word(normalized(tokens_, d.first - (d.first > first_ ? 1 : 0)))))
        mark_part(d, part_marker);
      if (!d.total && !d.trigger) inherit_trigger(d);
      if (!d.total && !d.trigger) d.trigger = trigger_for(d, true);
      // "القتلى …، وبينهم ثمانية": parts of a toll given without a number count on their own.
      if (!d.total && !d.trigger && part_marker) d.trigger = last_casualty_before(d.first);
      drafts_.push_back(std::move(d));
    }
    for (Draft& d : drafts_) describe(d);
  }

  /** A number after بينهم/منهم, or joined by و to such a part, is a part of the total before it. */
  void mark_part(Draft& d, bool marker_after) {
    if (drafts_.empty()) return;
    std::size_t back = 0;
    for (std::size_t k = drafts_.size(); k-- > 0;)
      if (!drafts_[k].total) { back = k; break; }
    const Draft& previous = drafts_.back();
    bool marker_before = false;
    for (std::size_t k = d.first; k > first_ && k + 3 > d.first && k > previous.last + 1; --k)
      if (breakdown_word(normalized(tokens_, k - 1))) marker_before = true;
    bool joined = previous.total && d.first <= previous.last + 2 &&
                  (starts_with(normalized(tokens_, d.first), "و") || normalized(tokens_, d.first - 1) == "و");
    if (marker_before || marker_after || joined) {
      if (drafts_[back].figure.count || !drafts_[back].figure.vague.empty()) {
        d.total = previous.total ? previous.total : std::optional<std::size_t>(back);
        d.trigger.reset();
      }
    }
  }

  void describe(Draft& d) {
    Figure& f = d.figure;
    f.group = d.who;
    if (d.total) {
      const Draft& total = drafts_[*d.total];
      f.what = d.counted_what == "killed" || d.counted_what == "wounded" ? d.counted_what : total.figure.what;
      return;
    }
    if (d.counted_what == "killed" || d.counted_what == "wounded") {
      f.what = d.counted_what;
      return;
    }
    if (!d.trigger) return;
    std::string_view what = trigger(*d.trigger, "figure_what");
    if (what == "-") {
      // "حصيلة قتلاها": the toll's own noun says what it counts.
      const Hit& toll = found_.triggers[*d.trigger];
      if (toll.last < last_)
        if (std::optional<Hit> noun = counted_at(toll.last + 1)) {
          std::string_view counted = cues_.counted_nouns.column(noun->row, "what");
          if (counted == "killed" || counted == "wounded") what = counted;
        }
    }
    if (what == "-") {
      // A toll (حصيلة) counts what its noun says; another trigger of the clause may say it.
      for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
        const Hit& hit = found_.triggers[t];
        if (trigger(t, "type") == "casualties" && trigger(t, "figure_what") != "-" &&
            hit.first + 6 >= d.first && hit.first <= d.last + 4)
          what = trigger(t, "figure_what");
      }
    }
    if (what == "-") return;
    if (d.trigger && coordinated(*d.trigger, d)) what = "casualties";
    if (!d.counted_what.empty() && !one_of(d.counted_what, {"people"})) {
      if (trigger(*d.trigger, "type") == "destruction") {
        f.what = object_what(d.counted_what);
        if (one_of(what, {"damaged", "disabled", "burned"})) add_qualifier(f, std::string(what));
        if (what == "seized") f.what = "other";
      } else {
        f.what = what;
      }
      return;
    }
    f.what = what;
  }

  static void add_qualifier(Figure& f, const std::string& q) {
    if (q.empty()) return;
    for (std::size_t at = 0; at <= f.qualifier.size();) {
      std::size_t end = f.qualifier.find("; ", at);
      if (end == std::string::npos) end = f.qualifier.size();
      if (f.qualifier.compare(at, end - at, q) == 0 && end > at) return;
      at = end + 2;
    }
    if (!f.qualifier.empty()) f.qualifier += "; ";
    f.qualifier += q;
  }

  /** Qualifiers before the number (أكثر من، نحو), after it (على الأقل، تقريبا) and of the whole toll
   *  (حصيلة رسمية، قد تكون جزئية، أولية). */
  void qualify(Draft& d) {
    for (const Hit& hit : found_.negations) {
      if (cues_.negation.column(hit.row, "scope") != "qualifier") continue;
      std::string q(first_word(cues_.negation.column(hit.row, "note")));
      if (q == "vague") continue;
      bool bound = one_of(q, {"more_than", "at_least", "about", "less_than", "range", "so_far"});
      if (bound) {
        bool before = hit.last + 1 == d.first;
        bool after = hit.first == d.last + 1 || hit.first == d.number_last + 1;
        if (before || after) add_qualifier(d.figure, q);
        continue;
      }
      // A one-word toll qualifier (رسمية، جزئية، أولية) counts after a toll word.
      if (hit.first == hit.last && hit.first > first_) {
        std::string_view before = table_key(tokens_[hit.first - 1]).core;
        if (!one_of(before, {"حصيله", "ارقام", "احصائيه", "احصاءات", "تقديرات", "معلومات", "بيانات", "نتائج",
                             "حصيلتها", "احصاء"}))
          continue;
      }
      add_qualifier(d.figure, q);
    }
  }

  // --- claimants ---

  /** A reporting verb that states a fact, unlike an opinion or a forecast (اعتبر، توقع). */
  bool states_fact(const Hit& verb) const {
    std::string_view stance = cues_.reporting_verbs.column(verb.row, "stance");
    return stance != "opinion";
  }

  std::optional<std::size_t> entity_starting_in(std::size_t from, std::size_t to) const {
    for (std::size_t e = 0; e < sentence_.entities.size(); ++e)
      if (sentence_.entities[e].first_token >= from && sentence_.entities[e].first_token <= to) return e;
    return std::nullopt;
  }

  Speaker entity_speaker(std::size_t e) const {
    const EntityMention& m = sentence_.entities[e];
    return Speaker{e, without_clitics(m.first_token, surface(m.begin, m.end))};
  }

  /** A claimant is written without the conjunctions and prepositions glued to it: لوزارة → وزارة,
   *  والجيش → الجيش, للأمم المتحدة → الأمم المتحدة. */
  std::string without_clitics(std::size_t token, std::string_view words) const {
    std::string_view proclitic = tokens_[token].analysis->segments.proclitic;
    std::string out(words);
    for (std::string_view letter : {"و", "ف", "ب", "ك", "ل"}) {
      if (!starts_with(proclitic, letter) || !starts_with(out, letter) || out.size() <= 2 * letter.size()) continue;
      proclitic.remove_prefix(letter.size());
      out.erase(0, letter.size());
      if (letter == "ل" && starts_with(proclitic, "ل") && starts_with(out, "ل")) {
        out.insert(0, "ا");  // لل: the article's alif was dropped after ل
        break;
      }
    }
    return out;
  }

  /** An unnamed source phrase at token j (مصادر محلية، مسؤول أمريكي) with a nisba after it. */
  std::optional<Speaker> source_at(std::size_t j) const {
    for (const Hit& hit : found_.attributions) {
      if (hit.first != j || !starts_with(cues_.attribution.column(hit.row, "note"), "source:")) continue;
      std::size_t end = hit.last;
      if (end + 1 <= last_ && separator_after_token(end).empty()) {
        std::string_view next = normalized(tokens_, end + 1);
        if (next.size() > 4 && (next.ends_with("ي") || next.ends_with("يه") || next.ends_with("يون") ||
                                next.ends_with("يين") || next.ends_with("ين")) &&
            !that_word(next))
          ++end;
      }
      return Speaker{std::nullopt, without_clitics(hit.first, surface(tokens_[hit.first].token.begin, tokens_[end].token.end))};
    }
    return std::nullopt;
  }

  /** Definite words after the verb (قال الجيش الأذربيجاني) when no entity was found there. */
  std::optional<Speaker> definite_after(std::size_t j) const {
    if (j > last_ || !table_key(tokens_[j]).article || tokens_[j].analysis->stopword ||
        !starts_with(normalized(tokens_, j), "ال"))
      return std::nullopt;
    std::size_t end = j;
    auto opens_trigger = [&](std::size_t k) {
      for (const Hit& hit : found_.triggers)
        if (hit.first == k) return true;
      return false;
    };
    while (end + 1 <= last_ && end < j + 2 && separator_after_token(end).empty() && table_key(tokens_[end + 1]).article &&
           !opens_trigger(end + 1))
      ++end;
    return Speaker{std::nullopt, without_clitics(j, surface(tokens_[j].token.begin, tokens_[end].token.end))};
  }

  /** The subject of a reporting verb: an entity or unnamed source right after it (a person first, when
   *  a title or office comes between), or an entity just before it. */
  Speaker subject_of(const Hit& verb) const {
    std::size_t stop = std::min(last_, verb.last + 8);
    for (std::size_t k = verb.last + 1; k <= stop; ++k)
      if (that_word(normalized(tokens_, k)) || !separator_after_token(k).empty()) {
        stop = k;
        break;
      }
    for (std::size_t e = 0; e < sentence_.entities.size(); ++e) {
      const EntityMention& m = sentence_.entities[e];
      if (m.kind == EntityKind::Person && m.first_token > verb.last && m.first_token <= stop) return entity_speaker(e);
    }
    if (auto e = entity_starting_in(verb.last + 1, std::min(stop, verb.last + 4))) return entity_speaker(*e);
    if (verb.last + 1 <= last_)
      if (auto source = source_at(verb.last + 1)) return *source;
    for (std::size_t e = 0; e < sentence_.entities.size(); ++e) {
      const EntityMention& m = sentence_.entities[e];
      if (m.last_token + 1 == verb.first && m.role == Role::Actor) return entity_speaker(e);
    }
    if (auto definite = definite_after(verb.last + 1)) return *definite;
    return {};
  }

  /** The source after بحسب/وفق/نقلا عن, an unnamed source phrase, or the issuer of a statement. */
  Speaker attributed() const {
    Speaker channel;
    for (const Hit& hit : found_.attributions) {
      std::string_view note = cues_.attribution.column(hit.row, "note");
      if (starts_with(note, "marker:")) {
        if (auto e = entity_starting_in(hit.last + 1, hit.last + 3)) return entity_speaker(*e);
        if (auto source = source_at(hit.last + 1)) return *source;
        if (auto source = source_at(hit.last + 2)) return *source;
        if (auto definite = definite_after(hit.last + 1)) return *definite;
      } else if (starts_with(note, "source:")) {
        // A lone source noun (مسؤول، سكان، معلومات) is too often an ordinary word away from a verb.
        if (hit.last == hit.first) continue;
        if (auto source = source_at(hit.first)) return *source;
      } else if (!channel.found()) {
        if (auto e = entity_starting_in(hit.last + 1, hit.last + 2)) channel = entity_speaker(*e);
      }
    }
    return channel;
  }

  Speaker previous_speaker() const {
    if (context_.previous == nullptr) return {};
    for (const Claim& claim : context_.previous->claims)
      if (claim.claimant || !claim.claimant_surface.empty())
        return Speaker{std::nullopt, claim.claimant_surface};
    return {};
  }

  /** Who claims what the tokens from `at` say: the nearest reporting verb before, else the attributed
   *  source; a participle (مؤكدا) or أضاف without a subject continues the previous speaker. */
  Speaker speaker_for(std::size_t at, std::optional<std::size_t>* verb_index) const {
    std::optional<std::size_t> governing;
    for (std::size_t v = 0; v < found_.verbs.size(); ++v)
      if (found_.verbs[v].first <= at && states_fact(found_.verbs[v])) governing = v;
    if (verb_index) *verb_index = governing;
    for (std::optional<std::size_t> v = governing; v; v = *v > 0 ? std::optional<std::size_t>(*v - 1) : std::nullopt) {
      Speaker s = speakers_[*v];
      if (s.found()) return s;
      if (cues_.reporting_verbs.column(found_.verbs[*v].row, "stance") == "add") {
        Speaker before = previous_speaker();
        if (before.found()) return before;
      }
    }
    return attributed();
  }

  // --- claims ---

  bool negated_at(std::size_t t, std::string_view type) const {
    const Hit& cue = found_.triggers[t];
    for (const Hit& hit : found_.negations) {
      if (cues_.negation.column(hit.row, "scope") != "negation") continue;
      std::string_view note = cues_.negation.column(hit.row, "note");
      if (starts_with(note, "foiled")) continue;
      bool no_casualties = starts_with(note, "no casualties");
      if (no_casualties && type != "casualties") continue;
      if (hit.last >= cue.first) {
        if (no_casualties && hit.first <= cue.first && hit.last >= cue.last) return true;  // دون وقوع إصابات
        continue;
      }
      std::size_t gap = cue.first - hit.last - 1;
      std::string_view word = normalized(tokens_, hit.first);
      if (hit.first == hit.last && one_of(word, {"لا", "ولا"}) && hit.last + 1 <= last_ &&
          one_of(normalized(tokens_, hit.last + 1), {"يزال", "تزال", "زال", "زالت", "يزالون", "سيما", "بد"}))
        continue;
      if (word == "غير" && gap > 0) continue;  // غير before a noun is "other than"
      std::size_t reach = no_casualties ? 3 : 2;
      if (gap <= reach) return true;
    }
    return false;
  }

  bool foiled_at(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    for (const Hit& hit : found_.negations)
      if (starts_with(cues_.negation.column(hit.row, "note"), "foiled") && hit.last < cue.first &&
          cue.first - hit.last <= 4)
        return true;
    return false;
  }

  bool hedged_at(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    for (const Hit& hit : found_.negations)
      if (cues_.negation.column(hit.row, "scope") == "hedge" && hit.last < cue.first + 2 && hit.first + 4 >= cue.first)
        return true;
    return false;
  }

  /** A definite verbal noun after في/خلال/بعد (في المعارك، بعد تحرير المدينة) names an event to place
   *  or date something else; it is not claimed. */
  bool presupposed(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    if (cue.first <= first_) return false;
    std::string_view before = normalized(tokens_, cue.first - 1);
    std::string_view type = trigger(t, "type");
    bool definite = table_key(tokens_[cue.first]).article;
    // بعد تحرير المدينة، منذ بدء المواجهات، منذ اندلاع الحرب: the event dates something else.
    if (time_preposition(before) && one_of(type, {"territorial", "ceasefire_call"})) return true;
    if (time_preposition(before) && type == "attack" && definite) return true;  // عقب الاشتباكات
    if (cue.first >= first_ + 2 && one_of(table_key(tokens_[cue.first - 1]).core, {"بدء", "اندلاع", "انطلاق", "بدايه"}) &&
        time_preposition(normalized(tokens_, cue.first - 2)))
      return true;
    std::string_view note = trigger(t, "note");
    bool bare = contains(note, "bare") || contains(note, "presuppos");
    // "في معركة باخموت": a battle named by its place is as presupposed as "في المعارك".
    bool construct = cue.last < last_ && separator_after_token(cue.last).empty() &&
                     (entity_starting_in(cue.last + 1, cue.last + 1) || table_key(tokens_[cue.last + 1]).article);
    return bare && (definite || construct) && frame_preposition(before);
  }

  /** The conditions a cue's note sets with `needs:` (claim_triggers.tsv, header). */
  bool needs_met(std::size_t t) const {
    std::string_view note = trigger(t, "note");
    const Hit& cue = found_.triggers[t];
    if (contains(note, "needs:company")) {
      bool company = false;
      for (std::size_t u = 0; u < found_.triggers.size(); ++u) {
        const Hit& other = found_.triggers[u];
        if (u == t || contains(trigger(u, "note"), "needs:") || trigger(u, "type") == "denial") continue;
        // An aircraft shot down is no attack by it: an attack cue needs an attack or a toll beside it.
        if (trigger(t, "type") == "attack" && !one_of(trigger(u, "type"), {"attack", "casualties"})) continue;
        if (other.first <= cue.last + 4 && other.last + 4 >= cue.first) company = true;
      }
      if (!company) return false;
    }
    if (contains(note, "needs:object")) {
      bool object = false;
      for (const Hit& noun : found_.counted) {
        std::string_view what = cues_.counted_nouns.column(noun.row, "what");
        if (noun.first > cue.last && noun.first <= cue.last + 3 && !one_of(what, {"people", "killed", "wounded"}))
          object = true;
      }
      if (!object) return false;
    }
    if (contains(note, "needs:count")) {
      bool count = false;
      for (const NumberMention& n : numbers_)
        if (n.first_token > cue.last && n.first_token <= cue.last + 2) count = true;
      for (const Hit& noun : found_.counted)
        if (noun.first == cue.last + 1 &&
            one_of(cues_.counted_nouns.column(noun.row, "who"), {"soldiers", "fighters", "police"}))
          count = true;
      if (!count) return false;
    }
    if (contains(note, "needs:direction")) {
      // تقدم نحو المدينة is an advance; تقدم بعرض is an offer.
      bool direction = false;
      for (std::size_t k = cue.last + 1; k <= last_ && k <= cue.last + 2; ++k) {
        std::string_view w = normalized(tokens_, k);
        if (k == cue.last + 1 && one_of(w, {"نحو", "باتجاه", "الي", "داخل", "في", "علي"})) direction = true;
        if (entity_starting_in(k, k) && sentence_.entities[*entity_starting_in(k, k)].role == Role::Place)
          direction = true;
      }
      if (!direction) return false;
    }
    if (contains(note, "needs:state")) {
      bool state = false;
      for (const EntityMention& e : sentence_.entities)
        if (e.kind == EntityKind::Country || e.kind == EntityKind::Government || e.kind == EntityKind::ArmedGroup ||
            e.kind == EntityKind::StateForce || e.kind == EntityKind::InternationalOrg)
          state = true;
      if (!state) return false;
    }
    if (contains(note, "needs:no-weapon")) {
      // سقطت قذيفة، سقوط مقاتلة: a falling shell or aircraft is no loss of ground; nor is سقوط قتلى.
      for (std::size_t u = 0; u < found_.triggers.size(); ++u) {
        const Hit& other = found_.triggers[u];
        std::string_view type = trigger(u, "type");
        if (u == t) continue;
        if (type == "attack" && other.first <= cue.last + 3 && other.last + 5 >= cue.first) return false;
        if (type == "casualties" && other.first > cue.last && other.first <= cue.last + 4) return false;
      }
      for (const NumberMention& n : numbers_)
        if (n.first_token > cue.last && n.first_token <= cue.last + 3) return false;
      for (const Hit& noun : found_.counted)
        if (noun.first > cue.last && noun.first <= cue.last + 2 &&
            !one_of(cues_.counted_nouns.column(noun.row, "what"), {"people", "killed", "wounded", "buildings"}))
          return false;
    }
    return true;
  }

  /** A cue inside a name (قوات الدعم السريع، هيئة تحرير الشام) says nothing. */
  bool inside_name(const Hit& cue) const {
    for (const EntityMention& e : sentence_.entities)
      if (e.first_token <= cue.first && cue.last <= e.last_token && e.first_token < e.last_token) return true;
    return false;
  }

  /** A cue right after one set aside goes with it (بهدف استعادة السيطرة، لشن هجوم). */
  bool skipped_before(const Hit& cue) const {
    for (std::size_t t : skipped_)
      if (found_.triggers[t].last + 1 == cue.first) return true;
    return false;
  }

  /** A purpose (لتحرير المدينة، بهدف استعادة) or a relative clause that describes who holds a place
   *  (التي يسيطر عليها، تحت سيطرة) is not a claim that it happened. */
  bool purpose_or_description(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    std::string_view type = trigger(t, "type");
    const text::Segmentation& segments = tokens_[cue.first].analysis->segments;
    bool lam = segments.proclitic == "ل" || segments.proclitic == "ول" || segments.proclitic == "لل" ||
               segments.proclitic == "ولل" || segments.proclitic == "فل";
    if (type == "territorial" && lam) return true;
    // "تحريرها", "استعادتها", "بالانسحاب": a verbal noun with a pronoun or ب is the object of an intent,
    // a proposal or a demand far more often than a report that it happened.
    // "أعلنت سيطرتها على" states the control it announces.
    if (type == "territorial" && cue.first == cue.last && !starts_with(table_key(tokens_[cue.first]).core, "سيطر") &&
        (!segments.enclitic.empty() || segments.proclitic == "ب" || segments.proclitic == "بال" ||
         segments.proclitic == "وب" || segments.proclitic == "وبال"))
      return true;
    if (type == "attack" && lam && one_of(table_key(tokens_[cue.first]).core, {"شن", "تنفيذ", "قتال", "معركه", "مواجهه"}))
      return true;
    // "بتقديم الصواريخ والطائرات المسيرة": weapons supplied are no attack.
    if (type == "attack" && one_of(trigger(t, "figure_what"), {"missiles", "drones", "shells", "bombs"}))
      for (std::size_t u = 0; u < found_.triggers.size(); ++u)
        if (trigger(u, "type") == "foreign_involvement" && found_.triggers[u].last < cue.first &&
            cue.first - found_.triggers[u].last <= 3)
          return true;
    if (cue.first > first_) {
      std::string_view before = normalized(tokens_, cue.first - 1);
      if (one_of(type, {"attack", "territorial"}) &&
          one_of(before, {"بهدف", "بغيه", "اجل", "استعدادا", "محاوله", "يحاول", "تحاول", "حاولت", "حاول", "يريد",
                          "تريد", "حتي", "سبيل", "لمنع", "يخطط", "تخطط", "تعتزم", "يعتزم", "ينوي", "تنوي", "لشن",
                          "لتنفيذ", "تستعد", "يستعد", "تتاهب", "يتاهب"}))
        return true;
      if (type == "territorial" &&
          one_of(before, {"التي", "الذي", "تحت", "الخاضعه", "الواقعه", "اللتين", "مناطق", "منطقه", "اماكن"}))
        return true;
    }
    // "مواقع يسيطر عليها الحوثيون": a present verb with عليها after a noun describes the noun.
    std::string_view word = normalized(tokens_, cue.first);
    if (type == "territorial" && cue.last < last_ && (starts_with(word, "ي") || starts_with(word, "ت")) &&
        one_of(normalized(tokens_, cue.last + 1), {"عليها", "عليه", "عليهم", "عليهما"}))
      return true;
    return false;
  }

  /** "أسر الشهداء"، "ذوي القتلى"، "للجرحى الشفاء": the fallen named in condolences and ceremonies. */
  bool honorific(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    if (trigger(t, "type") != "casualties") return false;
    if (cue.last < last_) {
      std::string_view next = table_key(tokens_[cue.last + 1]).core;
      if (one_of(next, {"شفاء"})) return true;
      // أسر before a casualty noun is "families", not "captured".
      for (std::size_t u = 0; u < found_.triggers.size(); ++u)
        if (found_.triggers[u].first == cue.last + 1 && trigger(u, "type") == "casualties" && trigger(t, "figure_what") == "captured")
          return true;
    }
    if (cue.first > first_) {
      std::string_view before = table_key(tokens_[cue.first - 1]).core;
      if (one_of(before, {"اسر", "اسره", "ذوي", "ذوو", "ابناء", "عائلات", "عوائل", "اهالي", "ارواح", "تكريم", "يوم",
                          "اهل", "ذكري", "شهاده", "دماء", "تضحيات", "مقابر", "مقبره", "جنازه", "تشييع", "كل"}))
        return true;
    }
    // "الشهيد رئيس رقباء …", "الشهيد محمد": the title of one of the fallen, named.
    if (cue.first == cue.last && cue.last < last_ && trigger(t, "figure_what") == "killed" &&
        one_of(table_key(tokens_[cue.first]).core, {"شهيد"}))
      return true;
    return false;
  }

  /** "اتفاق وقف إطلاق النار", "المبادرة السعودية لوقف إطلاق النار": the deal is the truce itself. */
  bool names_a_truce(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    for (std::size_t u = 0; u < found_.triggers.size(); ++u)
      if (trigger(u, "type") == "ceasefire_call" && found_.triggers[u].first > cue.last &&
          found_.triggers[u].first <= cue.last + 2 && !crosses_clause(cue.last, found_.triggers[u].first))
        return true;
    return false;
  }

  /** A refusal is of talks, a truce or a proposal (رفض الهدنة، رفضت المبادرة), not any "no". */
  bool refusal_has_object(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    for (std::size_t u = 0; u < found_.triggers.size(); ++u) {
      const Hit& other = found_.triggers[u];
      if (one_of(trigger(u, "type"), {"ceasefire_call", "mediation"}) && other.first + 3 >= cue.first &&
          other.first <= cue.last + 12 && (other.first <= cue.last || !crosses_clause(cue.last, other.first)))
        return true;
    }
    for (std::size_t k = cue.last + 1; k <= last_ && k <= cue.last + 6; ++k)
      if (one_of(table_key(tokens_[k]).core, {"عرض", "مقترح", "مقترحات", "مبادره", "قرار", "قرارات", "دعوه", "دعوات",
                                             "شروط", "حل", "حلول", "خطه", "اتفاق", "تسويه", "مشروع"}))
        return true;
    return false;
  }

  /** A definite truce word alone (الهدنة) mostly names a truce already known (خلال الهدنة، بدء سريان
   *  الهدنة); it is claimed with a speech act or an act on the truce before it. */
  bool truce_acted_on(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    if (!table_key(tokens_[cue.first]).article || !one_of(table_key(tokens_[cue.first]).core, {"هدنه", "تهدئه"}))
      return true;
    // "قبل ساعات من بدء سريان الهدنة": a truce used to date something.
    for (std::size_t k = cue.first; k > first_ && k + 5 > cue.first; --k)
      if (time_preposition(normalized(tokens_, k - 1))) return false;
    for (const Hit& verb : found_.verbs) {
      // هدد بقطع الهدنة، تهدد الهدنة: a threat to a truce is no call for one.
      std::string_view stance = cues_.reporting_verbs.column(verb.row, "stance");
      if (verb.last < cue.first && cue.first - verb.last <= 7 && states_fact(verb) && stance != "threat" &&
          stance != "warn")
        return true;
    }
    for (std::size_t k = cue.first; k > first_ && k + 3 > cue.first; --k)
      if (one_of(table_key(tokens_[k - 1]).core, {"احترام", "التزام", "الالتزام", "تمديد", "قبول", "موافقه", "وافق",
                                                   "وافقت", "اعلان", "تثبيت", "دخول", "دخلت", "بدات", "بدا", "سريان",
                                                   "تطبيق", "خرق", "انهيار", "انهارت", "صمود", "طلب",
                                                   "طلبات", "كسر", "يكسر", "اعلنها"}))
        return true;
    // "الهدنة التي أعلنها التحالف", "الهدنة المرفوضة".
    for (std::size_t k = cue.last + 1; k <= last_ && k <= cue.last + 3; ++k) {
      std::string_view w = normalized(tokens_, k);
      for (std::string_view act : {"قرر", "اعلن", "اقترح", "عرض", "مرفوض"})
        if (starts_with(w, act)) return true;
    }
    return false;
  }

  /** What a demand, call, warning or pledge asks for has not happened: no attack, toll or loss of ground. */
  bool requested(std::optional<std::size_t> verb, std::string_view type) const {
    if (!verb || !one_of(type, {"attack", "casualties", "destruction", "territorial"})) return false;
    std::string_view stance = cues_.reporting_verbs.column(found_.verbs[*verb].row, "stance");
    return one_of(stance, {"call", "demand", "warn", "pledge", "threat"});
  }

  std::vector<Candidate> candidates_from_triggers() {
    speakers_.clear();
    for (const Hit& verb : found_.verbs) speakers_.push_back(subject_of(verb));
    // Content after a denial verb is negated up to the next reporting verb.
    std::vector<Candidate> out;
    for (std::size_t t = 0; t < found_.triggers.size(); ++t) {
      const Hit& cue = found_.triggers[t];
      std::string type(trigger(t, "type"));
      if (ambiguous(t) && !conflict_) continue;
      if (inside_name(cue)) continue;
      if (skipped_before(cue)) {
        skipped_.push_back(t);
        continue;
      }
      if (!needs_met(t)) continue;
      if (presupposed(t) || purpose_or_description(t)) {
        skipped_.push_back(t);
        continue;
      }
      if (type == "refusal" && !refusal_has_object(t)) continue;
      if (type == "mediation" && names_a_truce(t)) continue;
      if (honorific(t)) continue;
      if (type == "threat" && contains(trigger(t, "note"), "definite") && table_key(tokens_[cue.first]).article) continue;
      if (type == "ceasefire_call" && !truce_acted_on(t)) continue;
      if (type == "attack" && foiled_at(t)) continue;
      std::optional<std::size_t> verb;
      Candidate c;
      c.trigger = t;
      c.cue_first = cue.first;
      c.cue_last = cue.last;
      c.type = type;
      c.speaker = speaker_for(cue.first, &verb);
      if (opinion_governs(cue.first) || requested(verb, type)) continue;
      c.negated = type != "denial" && negated_at(t, type);
      if (type != "denial" && verb) {
        const Hit& v = found_.verbs[*verb];
        if (cues_.reporting_verbs.column(v.row, "stance") == "deny" && v.last < cue.first) c.negated = true;
      }
      if (type != "denial" && denied_after(t)) c.negated = true;
      c.hedged = hedged_at(t);
      out.push_back(std::move(c));
    }
    conditional_warnings(out);
    return out;
  }

  /** A warning that names what will happen if a party goes on (وحذر من أنه في حال … فسوف يتم التصدي)
   *  is a threat by the speaker. */
  void conditional_warnings(std::vector<Candidate>& out) const {
    for (std::size_t v = 0; v < found_.verbs.size(); ++v) {
      const Hit& verb = found_.verbs[v];
      if (cues_.reporting_verbs.column(verb.row, "stance") != "warn") continue;
      bool condition = false;
      for (std::size_t k = verb.last + 1; k <= last_ && k <= verb.last + 25; ++k)
        if (one_of(normalized(tokens_, k), {"حال", "حاله", "اذا", "والا", "فسوف", "سوف", "وسوف", "فانه", "فان"}))
          condition = true;
      if (!condition || !conflict_) continue;
      bool already = false;
      for (const Candidate& c : out) already = already || c.type == "threat";
      if (already) continue;
      Candidate c;
      c.type = "threat";
      c.speaker = speakers_[v];
      c.cue_first = verb.first;
      c.cue_last = verb.last;
      out.push_back(std::move(c));
    }
  }

  /** An opinion or forecast verb (توقع، اعتبر) right before the content: the event is not claimed. */
  bool opinion_governs(std::size_t at) const {
    std::optional<std::size_t> nearest, before;
    for (std::size_t v = 0; v < found_.verbs.size(); ++v)
      if (found_.verbs[v].last < at) {
        before = nearest;
        nearest = v;
      }
    if (!nearest) return false;
    if (!states_fact(found_.verbs[*nearest])) return true;
    // "توقع … في تصريحات أن": the channel noun does not open a new statement.
    bool channel = contains(cues_.reporting_verbs.column(found_.verbs[*nearest].row, "note"), "noun");
    return channel && before && !states_fact(found_.verbs[*before]);
  }

  /** A predicate of denial after the content ("… عارية عن الصحة") negates it. */
  bool denied_after(std::size_t t) const {
    const Hit& cue = found_.triggers[t];
    for (std::size_t d = 0; d < found_.triggers.size(); ++d) {
      const Hit& hit = found_.triggers[d];
      if (trigger(d, "type") != "denial" || hit.first <= cue.last) continue;
      std::string_view word = normalized(tokens_, hit.first);
      bool predicate = hit.last > hit.first || one_of(table_key(tokens_[hit.first]).core,
                                                      {"كاذبه", "مفبركه", "ملفقه", "مغلوطه", "عار", "عاريه"});
      if (!predicate || one_of(word, {"نفي", "ونفي"})) continue;
      bool verb_between = false;
      for (const Hit& v : found_.verbs)
        if (v.first > cue.last && v.last < hit.first) verb_between = true;
      if (!verb_between) return true;
    }
    return false;
  }

  void merge(std::vector<Candidate>& candidates) {
    std::vector<std::optional<std::size_t>> claim_of_trigger(found_.triggers.size());
    for (Candidate& c : candidates) {
      std::optional<std::size_t> same;
      for (std::size_t k = 0; k < sentence_.claims.size(); ++k) {
        const Claim& claim = sentence_.claims[k];
        if (claim.type == c.type && claim.negated == c.negated && claim.claimant == c.speaker.entity &&
            claim.claimant_surface == c.speaker.surface)
          same = k;
      }
      if (!same) {
        Claim claim;
        claim.type = c.type;
        claim.claimant = c.speaker.entity;
        claim.claimant_surface = c.speaker.surface;
        claim.negated = c.negated;
        claim.hedged = c.hedged;
        claim.historical = historical_;
        claim.unverified = unverified_;
        claim.cue_begin = tokens_[c.cue_first].token.begin;
        claim.cue_end = tokens_[c.cue_last].token.end;
        for (std::size_t e = 0; e < sentence_.entities.size(); ++e)
          if (sentence_.entities[e].role == Role::Place) claim.places.push_back(e);
        if (!sentence_.dates.empty()) claim.date = 0;
        sentence_.claims.push_back(std::move(claim));
        same = sentence_.claims.size() - 1;
      } else {
        sentence_.claims[*same].hedged = sentence_.claims[*same].hedged || c.hedged;
      }
      if (c.trigger) claim_of_trigger[*c.trigger] = same;
    }
    attach_figures(claim_of_trigger);
  }

  void attach_figures(const std::vector<std::optional<std::size_t>>& claim_of_trigger) {
    std::vector<std::optional<std::pair<std::size_t, std::size_t>>> placed(drafts_.size());  // claim, figure
    for (std::size_t k = 0; k < drafts_.size(); ++k) {
      Draft& d = drafts_[k];
      if (d.figure.what.empty()) continue;
      qualify(d);
      if (d.total) {
        if (auto at = placed[*d.total]) sentence_.claims[at->first].figures[at->second].breakdown.push_back(d.figure);
        continue;
      }
      std::optional<std::size_t> claim;
      if (d.trigger) claim = claim_of_trigger[*d.trigger];
      if (!claim && d.trigger && (d.figure.what == "killed" || d.figure.what == "wounded")) {
        // The noun says who died even when its trigger was dropped as presupposed.
        for (std::size_t c = 0; c < sentence_.claims.size(); ++c)
          if (sentence_.claims[c].type == "casualties") claim = c;
      }
      if (!claim) continue;
      std::vector<Figure>& figures = sentence_.claims[*claim].figures;
      figures.push_back(d.figure);
      placed[k] = std::make_pair(*claim, figures.size() - 1);
    }
  }

  /** The note "ولم يتسن التحقق" covers the claims of the sentences before it in the paragraph. */
  void cover_paragraph() {
    for (TaggedSentence& earlier : context_.paragraph)
      for (Claim& claim : earlier.claims) claim.unverified = true;
  }

  const Cues& cues_;
  std::string_view text_;
  const Tokens& tokens_;
  const std::vector<NumberMention>& numbers_;
  TaggedSentence& sentence_;
  ClaimContext context_;
  std::size_t first_, last_;
  Found found_;
  std::vector<Draft> drafts_;
  std::vector<Speaker> speakers_;  // subject of each of found_.verbs
  std::vector<std::size_t> skipped_;  // triggers set aside as purpose, presupposition or inside a name
  bool unverified_ = false, historical_ = false, conflict_ = false;
};

}  // namespace

ClaimTagger::ClaimTagger(const Cues& cues) : cues_(cues) {}

void ClaimTagger::tag(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                      const std::vector<NumberMention>& numbers, TaggedSentence& sentence, ClaimContext context) const {
  SentenceTagger(cues_, text, tokens, numbers, sentence, context).run();
}

}  // namespace marsad::tag

#include "common/tag/numbers.h"

#include <functional>
#include <initializer_list>
#include <unordered_map>
#include <utility>

#include "common/text/normalizer.h"

namespace marsad::tag {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/** The role a number word plays when numbers are joined. */
enum class Kind : std::uint8_t {
  Unit,         // 1–9: ثلاث، ثلاثة، اثنين
  TeenUnit,     // 1–2 only before عشر/عشرة: أحد، إحدى، اثنا، اثنتي
  Ten,          // عشر، عشرة; also the second word of 11–19
  Tens,         // 20–90, nominative and oblique
  Hundreds,     // مئة 100, مئتان 200, ثلاثمئة … تسعمئة
  Scale,        // ألف، ألفا، مليون، مليار: value is the scale
  DualScale,    // ألفان، ألفين، مليونين: two of the scale
  PluralScale,  // آلاف، ملايين، مليارات: after a count, else vague
  Half,         // نصف after a scale: مليون ونصف
  Dozens,       // عشرات
  HundredsVague,  // مئات
  Few,          // بضع، بضعة
  Several,      // عدة
};

struct NumberWord {
  Kind kind;
  std::int64_t value;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using NumberWords = std::unordered_map<std::string, NumberWord, StringHash, std::equal_to<>>;

NumberWords build_number_words() {
  constexpr std::int64_t kThousand = 1'000, kMillion = 1'000'000, kBillion = 1'000'000'000;
  const std::initializer_list<std::pair<std::string_view, NumberWord>> words = {
      {"واحد", {Kind::Unit, 1}},        {"واحدة", {Kind::Unit, 1}},
      {"اثنان", {Kind::Unit, 2}},       {"اثنين", {Kind::Unit, 2}},
      {"اثنتان", {Kind::Unit, 2}},      {"اثنتين", {Kind::Unit, 2}},
      {"ثلاث", {Kind::Unit, 3}},        {"ثلاثة", {Kind::Unit, 3}},
      {"أربع", {Kind::Unit, 4}},        {"أربعة", {Kind::Unit, 4}},
      {"خمس", {Kind::Unit, 5}},         {"خمسة", {Kind::Unit, 5}},
      {"ست", {Kind::Unit, 6}},          {"ستة", {Kind::Unit, 6}},
      {"سبع", {Kind::Unit, 7}},         {"سبعة", {Kind::Unit, 7}},
      {"ثمان", {Kind::Unit, 8}},        {"ثماني", {Kind::Unit, 8}},
      {"ثمانية", {Kind::Unit, 8}},      {"تسع", {Kind::Unit, 9}},
      {"تسعة", {Kind::Unit, 9}},
      {"أحد", {Kind::TeenUnit, 1}},     {"إحدى", {Kind::TeenUnit, 1}},
      {"اثنا", {Kind::TeenUnit, 2}},    {"اثني", {Kind::TeenUnit, 2}},
      {"اثنتا", {Kind::TeenUnit, 2}},   {"اثنتي", {Kind::TeenUnit, 2}},
      {"عشر", {Kind::Ten, 10}},         {"عشرة", {Kind::Ten, 10}},
      {"عشرون", {Kind::Tens, 20}},      {"عشرين", {Kind::Tens, 20}},
      {"ثلاثون", {Kind::Tens, 30}},     {"ثلاثين", {Kind::Tens, 30}},
      {"أربعون", {Kind::Tens, 40}},     {"أربعين", {Kind::Tens, 40}},
      {"خمسون", {Kind::Tens, 50}},      {"خمسين", {Kind::Tens, 50}},
      {"ستون", {Kind::Tens, 60}},       {"ستين", {Kind::Tens, 60}},
      {"سبعون", {Kind::Tens, 70}},      {"سبعين", {Kind::Tens, 70}},
      {"ثمانون", {Kind::Tens, 80}},     {"ثمانين", {Kind::Tens, 80}},
      {"تسعون", {Kind::Tens, 90}},      {"تسعين", {Kind::Tens, 90}},
      {"مئة", {Kind::Hundreds, 100}},   {"مائة", {Kind::Hundreds, 100}},
      {"مئتان", {Kind::Hundreds, 200}}, {"مئتين", {Kind::Hundreds, 200}},
      {"مئتا", {Kind::Hundreds, 200}},  {"مئتي", {Kind::Hundreds, 200}},
      {"مائتان", {Kind::Hundreds, 200}}, {"مائتين", {Kind::Hundreds, 200}},
      {"مائتا", {Kind::Hundreds, 200}}, {"مائتي", {Kind::Hundreds, 200}},
      {"ثلاثمئة", {Kind::Hundreds, 300}}, {"ثلاثمائة", {Kind::Hundreds, 300}},
      {"أربعمئة", {Kind::Hundreds, 400}}, {"أربعمائة", {Kind::Hundreds, 400}},
      {"خمسمئة", {Kind::Hundreds, 500}}, {"خمسمائة", {Kind::Hundreds, 500}},
      {"ستمئة", {Kind::Hundreds, 600}}, {"ستمائة", {Kind::Hundreds, 600}},
      {"سبعمئة", {Kind::Hundreds, 700}}, {"سبعمائة", {Kind::Hundreds, 700}},
      {"ثمانمئة", {Kind::Hundreds, 800}}, {"ثمانمائة", {Kind::Hundreds, 800}},
      {"ثمانيمئة", {Kind::Hundreds, 800}}, {"ثمانيمائة", {Kind::Hundreds, 800}},
      {"تسعمئة", {Kind::Hundreds, 900}}, {"تسعمائة", {Kind::Hundreds, 900}},
      {"ألف", {Kind::Scale, kThousand}}, {"ألفا", {Kind::Scale, kThousand}},
      {"مليون", {Kind::Scale, kMillion}}, {"مليونا", {Kind::Scale, kMillion}},
      {"مليار", {Kind::Scale, kBillion}}, {"مليارا", {Kind::Scale, kBillion}},
      {"ألفان", {Kind::DualScale, kThousand}}, {"ألفين", {Kind::DualScale, kThousand}},
      {"ألفي", {Kind::DualScale, kThousand}},
      {"مليونان", {Kind::DualScale, kMillion}}, {"مليونين", {Kind::DualScale, kMillion}},
      {"مليوني", {Kind::DualScale, kMillion}},
      {"ملياران", {Kind::DualScale, kBillion}}, {"مليارين", {Kind::DualScale, kBillion}},
      {"ملياري", {Kind::DualScale, kBillion}},
      {"آلاف", {Kind::PluralScale, kThousand}}, {"ملايين", {Kind::PluralScale, kMillion}},
      {"مليارات", {Kind::PluralScale, kBillion}},
      {"نصف", {Kind::Half, 0}},
      {"عشرات", {Kind::Dozens, 0}},     {"مئات", {Kind::HundredsVague, 0}},
      {"بضع", {Kind::Few, 0}},          {"بضعة", {Kind::Few, 0}},
      {"عدة", {Kind::Several, 0}},
  };
  NumberWords table;
  for (const auto& [word, entry] : words)
    for (std::string& key : normalized_spellings(word)) table.emplace(std::move(key), entry);
  return table;
}

const NumberWords& number_words() {
  static const NumberWords table = build_number_words();
  return table;
}

/** Ordinals 1–9, whose عشر/عشرة after them makes 11th–19th (القرن الخامس عشر), not ten. */
bool is_ordinal_unit(std::string_view core) {
  static const auto ordinals = [] {
    std::unordered_map<std::string, bool, StringHash, std::equal_to<>> table;
    for (std::string_view word : {"حادي", "حادية", "ثاني", "ثانية", "ثالث", "ثالثة", "رابع", "رابعة", "خامس",
                                  "خامسة", "سادس", "سادسة", "سابع", "سابعة", "ثامن", "ثامنة", "تاسع", "تاسعة"})
      for (std::string& key : normalized_spellings(word)) table.emplace(std::move(key), true);
    return table;
  }();
  return ordinals.contains(core);
}

std::string_view written(std::string_view text, const text::AnalyzedToken& token) {
  return text.substr(token.token.begin, token.token.end - token.token.begin);
}

/** The number word a token is, if any. With the article only vague plurals count (في المئة is not 100).
 *  Where folding hamza and ta marbuta merges words, the word as written decides: وأحد is و + أحد, not
 *  واحد; عدة "several" is written with ة, unlike بعده "after him". */
const NumberWord* number_word(std::string_view text, const text::AnalyzedToken& token, bool* conjunction) {
  TableKey key = table_key(token);
  const NumberWords& words = number_words();
  std::string_view as_written = written(text, token);
  if (key.core.substr(0, 4) == "وا" && token.analysis->segments.proclitic.empty() &&
      as_written.find("أ") != std::string_view::npos) {
    key.core = key.bare = key.core.substr(2);
    key.conjunction = true;
  }
  auto it = words.find(key.core);
  if (it == words.end() && key.bare != key.core) {
    it = words.find(key.bare);
    if (it != words.end()) key.conjunction = true;
  }
  if (it == words.end()) return nullptr;
  Kind kind = it->second.kind;
  if (key.article && kind != Kind::PluralScale && kind != Kind::Dozens && kind != Kind::HundredsVague) return nullptr;
  if (kind == Kind::Several && as_written.find("ة") == std::string_view::npos) return nullptr;
  if (conjunction) *conjunction = key.conjunction;
  return &it->second;
}

/** A number written in digits: value = digits / 10^fraction_digits. */
struct Decimal {
  std::int64_t digits = 0;
  int fraction_digits = 0;
};

/**
 * Reads "2,300", "1.500.000", "2.5", "12,5": one kind of separator repeated between 3-digit groups is a
 * thousands separator; a single separator before other than three digits is a decimal point, and a
 * single "." before three digits is a decimal point only before a scale word (1.500 قتيل, 1.500 مليون).
 * Both kinds in one number: the last is the decimal point. ٫ and ٬ in the text as written decide.
 */
std::optional<Decimal> parse_digits(std::string_view core, std::string_view written, bool before_scale) {
  if (core.empty() || core.front() < '0' || core.front() > '9' || core.back() < '0' || core.back() > '9')
    return std::nullopt;
  std::vector<std::size_t> separators;
  for (std::size_t i = 0; i < core.size(); ++i) {
    char c = core[i];
    if (c == ',' || c == '.') {
      if (core[i - 1] < '0' || core[i - 1] > '9') return std::nullopt;  // two separators in a row
      separators.push_back(i);
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  std::size_t decimal_at = std::string_view::npos;  // position of the decimal point, if any
  if (!separators.empty()) {
    const bool arabic_decimal = written.find("\u066B") != std::string_view::npos;
    const bool arabic_thousands = written.find("\u066C") != std::string_view::npos;
    const char last = core[separators.back()];
    bool mixed = false;
    for (std::size_t at : separators) mixed |= core[at] != last;
    auto three_digit_groups = [&](std::size_t count) {  // the first `count` separators each start a 3-digit group
      if (count == 0) return true;
      if (separators.front() > 3) return false;
      for (std::size_t k = 0; k < count; ++k) {
        std::size_t next = k + 1 < separators.size() ? separators[k + 1] : core.size();
        if (next - separators[k] != 4) return false;
      }
      return true;
    };
    if (mixed || (arabic_decimal && last == '.')) {
      for (std::size_t k = 0; k + 1 < separators.size(); ++k)
        if (core[separators[k]] == last) return std::nullopt;
      if (!three_digit_groups(separators.size() - 1)) return std::nullopt;
      decimal_at = separators.back();
    } else if (separators.size() > 1 || arabic_thousands) {
      if (!three_digit_groups(separators.size())) return std::nullopt;
    } else if (!three_digit_groups(1) || (last == '.' && before_scale)) {
      decimal_at = separators.back();
    }
  }
  Decimal out;
  int digit_count = 0;
  for (std::size_t i = 0; i < core.size(); ++i) {
    char c = core[i];
    if (c < '0' || c > '9') continue;
    if (++digit_count > 15) return std::nullopt;
    out.digits = out.digits * 10 + (c - '0');
    if (decimal_at != std::string_view::npos && i > decimal_at) ++out.fraction_digits;
  }
  return out;
}

std::int64_t power_of_ten(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

/** count × scale when it is a whole number that fits, else nullopt. */
std::optional<std::int64_t> scaled(Decimal count, std::int64_t scale) {
  std::int64_t product;
  if (__builtin_mul_overflow(count.digits, scale, &product)) return std::nullopt;
  std::int64_t divisor = power_of_ten(count.fraction_digits);
  if (product % divisor != 0) return std::nullopt;
  return product / divisor;
}

bool is_digit_token(const text::AnalyzedToken& token) {
  const std::string& core = token.analysis->segments.core;
  return token.analysis->number && !core.empty() && core.front() >= '0' && core.front() <= '9';
}

/** Digits that are hours or minutes of a clock time (10:30). */
bool part_of_clock_time(std::string_view text, const std::vector<text::AnalyzedToken>& tokens, std::size_t i) {
  if (i + 1 < tokens.size() && separator_after(text, tokens, i) == ":" && is_digit_token(tokens[i + 1])) return true;
  return i > 0 && separator_after(text, tokens, i - 1) == ":" && is_digit_token(tokens[i - 1]);
}

/** The vague reading of a scale word alone: آلاف → "thousands". */
std::string_view vague_plural(std::int64_t scale) {
  return scale == 1'000 ? "thousands" : scale == 1'000'000 ? "millions" : "billions";
}

/**
 * A number being read left to right: closed groups (a count times a scale, in descending scales)
 * and the open group below the last scale (hundreds, then units/teens/tens, or digits).
 */
class NumberReader {
 public:
  enum class Step { Taken, Refused, RefusedScale };

  Step take_small(const NumberWord& word, bool conjunction) {
    if (group_empty()) {
      if (started_ && !(conjunction && last_scale_ > 0)) return Step::Refused;
      switch (word.kind) {
        case Kind::Unit: set_below(BelowKind::Unit, word.value); break;
        case Kind::TeenUnit: set_below(BelowKind::TeenUnit, word.value); break;
        case Kind::Ten: set_below(BelowKind::Ten, word.value); break;
        case Kind::Tens: set_below(BelowKind::Tens, word.value); break;
        case Kind::Hundreds: hundreds_ = word.value; break;
        default: return Step::Refused;
      }
      return start_group();
    }
    if (digits_) return Step::Refused;
    const bool unit_before = below_kind_ == BelowKind::Unit || below_kind_ == BelowKind::TeenUnit;
    if (!conjunction) {
      if (word.kind == Kind::Ten && unit_before) {  // ثلاثة عشر، أحد عشر
        set_below(BelowKind::Teen, below_ + 10);
        return Step::Taken;
      }
      if (word.kind == Kind::Hundreds && word.value == 100 && below_kind_ == BelowKind::Unit && hundreds_ == 0 &&
          below_ >= 3) {  // ثلاث مئة
        hundreds_ = below_ * 100;
        set_below(BelowKind::None, 0);
        return Step::Taken;
      }
      return Step::Refused;
    }
    if (hundreds_ > 0 && below_kind_ == BelowKind::None) {  // ثلاثمئة وخمسة
      switch (word.kind) {
        case Kind::Unit: set_below(BelowKind::Unit, word.value); return Step::Taken;
        case Kind::TeenUnit: set_below(BelowKind::TeenUnit, word.value); return Step::Taken;
        case Kind::Ten: set_below(BelowKind::Ten, word.value); return Step::Taken;
        case Kind::Tens: set_below(BelowKind::Tens, word.value); return Step::Taken;
        default: return Step::Refused;
      }
    }
    if (word.kind == Kind::Tens && below_kind_ == BelowKind::Unit) {  // خمسة وعشرون
      set_below(BelowKind::UnitTens, below_ + word.value);
      return Step::Taken;
    }
    return Step::Refused;
  }

  Step take_digits(Decimal value, bool conjunction) {
    if (!group_empty() || (started_ && !(conjunction && last_scale_ > 0))) return Step::Refused;
    digits_ = value;
    return start_group();
  }

  Step take_scale(const NumberWord& word, bool conjunction) {
    Decimal count;
    if (word.kind == Kind::PluralScale || (word.kind == Kind::Scale && !group_empty())) {
      if (group_empty() || conjunction || below_kind_ == BelowKind::TeenUnit) return Step::Refused;
      count = digits_ ? *digits_ : Decimal{hundreds_ + below_, 0};
    } else {  // ألف, مليون, ألفين at the start or after و
      if (!group_empty() || (started_ && !(conjunction && last_scale_ > 0))) return Step::Refused;
      count = Decimal{word.kind == Kind::DualScale ? 2 : 1, 0};
      started_ = true;
    }
    if (last_scale_ > 0 && word.value >= last_scale_) return Step::RefusedScale;
    std::optional<std::int64_t> product = scaled(count, word.value);
    if (!product || __builtin_add_overflow(total_, *product, &total_)) return Step::Refused;
    last_scale_ = word.value;
    clear_group();
    return Step::Taken;
  }

  Step take_half(bool conjunction) {
    if (!conjunction || !group_empty() || last_scale_ == 0 || finished_) return Step::Refused;
    total_ += last_scale_ / 2;
    finished_ = true;
    return Step::Taken;
  }

  bool finished() const { return finished_; }
  bool group_empty() const { return hundreds_ == 0 && below_kind_ == BelowKind::None && !digits_; }

  /** The value read so far, when it is a complete whole number. */
  std::optional<std::int64_t> value() const {
    if (below_kind_ == BelowKind::TeenUnit) return std::nullopt;
    std::int64_t group = hundreds_ + below_;
    if (digits_) {
      if (digits_->fraction_digits > 0) return std::nullopt;
      group = digits_->digits;
    }
    std::int64_t sum;
    if ((last_scale_ > 0 && group >= last_scale_) || __builtin_add_overflow(total_, group, &sum)) return std::nullopt;
    return sum;
  }

 private:
  enum class BelowKind { None, Unit, TeenUnit, Teen, Ten, Tens, UnitTens };

  void set_below(BelowKind kind, std::int64_t value) {
    below_kind_ = kind;
    below_ = value;
  }
  void clear_group() {
    hundreds_ = 0;
    set_below(BelowKind::None, 0);
    digits_.reset();
  }
  Step start_group() {
    started_ = true;
    return Step::Taken;
  }

  std::int64_t total_ = 0;
  std::int64_t last_scale_ = 0;
  std::int64_t hundreds_ = 0;
  std::int64_t below_ = 0;
  BelowKind below_kind_ = BelowKind::None;
  std::optional<Decimal> digits_;
  bool started_ = false;
  bool finished_ = false;
};

bool is_vague(Kind kind) {
  return kind == Kind::PluralScale || kind == Kind::Dozens || kind == Kind::HundredsVague || kind == Kind::Few ||
         kind == Kind::Several;
}

bool is_scale(const NumberWord* word) {
  return word && (word->kind == Kind::Scale || word->kind == Kind::DualScale || word->kind == Kind::PluralScale);
}

NumberMention mention(const std::vector<text::AnalyzedToken>& tokens, std::size_t first, std::size_t last) {
  NumberMention m;
  m.first_token = first;
  m.last_token = last;
  m.begin = tokens[first].token.begin;
  m.end = tokens[last].token.end;
  return m;
}

/** عشرات، مئات الآلاف، بضعة آلاف، عدة … at tokens[i]. */
std::optional<NumberMention> vague_count(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                         std::size_t i, const NumberWord& word) {
  const NumberWord* next = nullptr;
  if (i + 1 < tokens.size() && separator_after(text, tokens, i).empty()) {
    bool conjunction = false;
    next = number_word(text, tokens[i + 1], &conjunction);
    if (conjunction) next = nullptr;
  }
  const bool next_thousands = next && next->kind == Kind::PluralScale && next->value == 1'000;
  std::string_view vague;
  bool two_words = false;
  switch (word.kind) {
    case Kind::PluralScale: vague = vague_plural(word.value); break;
    case Kind::Dozens:
      two_words = next_thousands;
      vague = two_words ? "tens_of_thousands" : "dozens";
      break;
    case Kind::HundredsVague:
      two_words = next_thousands;
      vague = two_words ? "hundreds_of_thousands" : "hundreds";
      break;
    case Kind::Few:
    case Kind::Several:
      two_words = next && (next->kind == Kind::PluralScale || next->kind == Kind::Dozens ||
                           next->kind == Kind::HundredsVague);
      if (!two_words) vague = word.kind == Kind::Few ? "few" : "several";
      else if (next->kind == Kind::PluralScale) vague = vague_plural(next->value);
      else vague = next->kind == Kind::Dozens ? "dozens" : "hundreds";
      break;
    default: return std::nullopt;
  }
  NumberMention m = mention(tokens, i, two_words ? i + 1 : i);
  m.vague = vague;
  return m;
}

}  // namespace

std::string_view separator_after(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                 std::size_t i) {
  if (i + 1 >= tokens.size()) return "\n";
  std::string_view gap = text.substr(tokens[i].token.end, tokens[i + 1].token.begin - tokens[i].token.end);
  if (gap == " ") return {};  // by far the most common
  if (gap.find('\n') != std::string_view::npos) return "\n";
  // Spaces, no-break spaces (U+00A0, U+202F) and direction marks (U+200E, U+200F, U+061C) are trimmed.
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\r", "\u00A0", "\u202F", "\u200E", "\u200F", "\u061C"};
  auto trim = [&](bool front) {
    for (bool again = true; again && !gap.empty();) {
      again = false;
      for (std::string_view space : kSpaces) {
        if (front ? starts_with(gap, space) : ends_with(gap, space)) {
          gap = front ? gap.substr(space.size()) : gap.substr(0, gap.size() - space.size());
          again = true;
        }
      }
    }
  };
  trim(true);
  trim(false);
  return gap;
}

TableKey table_key(const text::AnalyzedToken& token) {
  const text::Segmentation& segments = token.analysis->segments;
  TableKey key;
  key.core = key.bare = segments.core;
  std::string_view proclitic = segments.proclitic;
  key.article = ends_with(proclitic, "ال") || ends_with(proclitic, "لل");
  key.conjunction = starts_with(proclitic, "و") || starts_with(proclitic, "ف");
  if (proclitic.empty() && key.core.size() > 4 && (starts_with(key.core, "و") || starts_with(key.core, "ف")))
    key.bare = key.core.substr(2);  // و and ف are two bytes
  return key;
}

std::vector<std::string> normalized_spellings(std::string_view word) {
  static const text::Normalizer normalizer;
  std::vector<std::string> out{normalizer.normalize(word)};
  // The analysis chain also reads ئ as ؤ and back (مسئول/مسؤول) and keeps the better attested form.
  // Both seats are two bytes in UTF-8, so they swap in place.
  std::string other(word);
  bool swapped = false;
  for (std::size_t at = 0; at + 1 < other.size(); ++at) {
    std::string_view here = std::string_view(other).substr(at, 2);
    if (here == "ئ" || here == "ؤ") {
      other.replace(at, 2, here == "ئ" ? "ؤ" : "ئ");
      swapped = true;
      ++at;
    }
  }
  if (swapped) out.push_back(normalizer.normalize(other));
  return out;
}

std::optional<NumberMention> NumberRecognizer::match_at(std::string_view text,
                                                        const std::vector<text::AnalyzedToken>& tokens,
                                                        std::size_t index) const {
  if (index >= tokens.size()) return std::nullopt;
  if (const NumberWord* first = number_word(text, tokens[index], nullptr)) {
    if (is_vague(first->kind)) return vague_count(text, tokens, index, *first);
    if (first->kind == Kind::Ten && index > 0 && separator_after(text, tokens, index - 1).empty() &&
        is_ordinal_unit(table_key(tokens[index - 1]).core))
      return std::nullopt;  // القرن الخامس عشر
  }
  NumberReader reader;
  std::optional<std::pair<std::size_t, std::int64_t>> best;            // last token and value read so far
  std::optional<std::pair<std::size_t, std::int64_t>> before_group;     // best when the open group began
  bool pending_conjunction = false;  // a free-standing و before this token
  for (std::size_t i = index; i < tokens.size(); ++i) {
    if (i > index && !separator_after(text, tokens, i - 1).empty()) break;
    const text::AnalyzedToken& token = tokens[i];
    if (i > index && token.analysis->normalized == "و" && !pending_conjunction) {
      pending_conjunction = true;
      continue;
    }
    const bool new_group = reader.group_empty();
    NumberReader::Step step = NumberReader::Step::Refused;
    bool conjunction = pending_conjunction;
    if (is_digit_token(token)) {
      if (part_of_clock_time(text, tokens, i)) break;
      conjunction |= table_key(token).conjunction;
      bool before_scale = i + 1 < tokens.size() && separator_after(text, tokens, i).empty() &&
                          is_scale(number_word(text, tokens[i + 1], nullptr));
      if (auto digits = parse_digits(token.analysis->segments.core, written(text, token), before_scale))
        step = reader.take_digits(*digits, conjunction);
    } else if (bool word_conjunction = false; const NumberWord* word = number_word(text, token, &word_conjunction)) {
      conjunction |= word_conjunction;
      if (is_scale(word)) step = reader.take_scale(*word, conjunction);
      else if (word->kind == Kind::Half) step = reader.take_half(conjunction);
      else step = reader.take_small(*word, conjunction);
    }
    pending_conjunction = false;
    if (step == NumberReader::Step::Taken && new_group && i > index) before_group = best;
    if (step == NumberReader::Step::RefusedScale) {
      best = before_group;
      break;
    }
    if (step == NumberReader::Step::Refused) break;
    if (auto value = reader.value()) best = {i, *value};
    if (reader.finished()) break;
  }
  if (!best) return std::nullopt;
  NumberMention m = mention(tokens, index, best->first);
  m.value = best->second;
  return m;
}

std::vector<NumberMention> NumberRecognizer::find(std::string_view text,
                                                  const std::vector<text::AnalyzedToken>& tokens) const {
  std::vector<NumberMention> out;
  for (std::size_t i = 0; i < tokens.size();) {
    if (auto m = match_at(text, tokens, i)) {
      i = m->last_token + 1;
      out.push_back(std::move(*m));
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace marsad::tag

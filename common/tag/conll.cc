#include "common/tag/conll.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <unordered_set>

#include "common/errors.h"
#include "common/text/normalizer.h"
#include "common/text/utf8.h"

namespace marsad::tag {
namespace {

// CoNLL annotation (ANERcorp's among others) tags names, not descriptions: a place's generic
// descriptor or direction and an honorific epithet stay outside the name (مدينة غزة → غزة، جنوب
// لبنان → لبنان، مكة المكرمة → مكة), and a common noun with a state's nisba (الجيش الإسرائيلي، الحكومة
// اللبنانية) is no name at all; after an organisation's name the nisba stays outside (حزب الله اللبناني).
constexpr std::string_view kDescriptors[] = {"مدينة",  "مدينتي", "قطاع",    "دولة",  "منطقة", "إقليم", "ولاية",
                                             "محافظة", "جزيرة",  "بلدة",    "قرية",  "جنوب",  "شمال",  "شرق",
                                             "غرب",    "وسط",    "جمهورية", "مملكة", "إمارة", "سلطنة"};

// Heads that stand before an organisation's own name (حركة حماس → حماس، وكالة فرانس برس → فرانس برس),
// and offices named by the body they serve (الأمين العام للأمم المتحدة → الأمم المتحدة).
constexpr std::string_view kOrganisationHeads[] = {"حركة", "جماعة",  "وكالة",  "قناة", "صحيفة", "جريدة",
                                                   "شركة", "مجموعة", "فضائية", "شبكة", "موقع",  "مجلة"};
// Honorific epithets after a place's name (مكة المكرمة، المدينة المنورة، القدس الشريف).
constexpr std::string_view kEpithets[] = {"المكرمة", "الشريف", "المقدسة", "المحروسة"};
constexpr std::string_view kOffices[] = {"الأمين العام", "المبعوث", "المفوض العام", "المدير العام"};

const text::Normalizer& normalizer() {
  static const text::Normalizer n;
  return n;
}

/** A normalized token without one leading و/ف and one ب/ل/ك (وبمدينة → مدينه). */
std::string bare(std::string_view token) {
  std::string w = normalizer().normalize(token);
  auto strip = [&](std::initializer_list<std::string_view> letters) {
    for (std::string_view l : letters)
      if (w.size() > l.size() + 4 && w.compare(0, l.size(), l) == 0) {
        w.erase(0, l.size());
        return;
      }
  };
  strip({"و", "ف"});
  if (w.size() > 8 && w.compare(0, 4, "لل") == 0) return std::string("ا").append(w, 2);  // ل + ال: للمملكه → المملكه
  strip({"ب", "ل", "ك"});
  return w;
}

template <std::size_t N>
std::unordered_set<std::string> normalized_set(const std::string_view (&words)[N]) {
  std::unordered_set<std::string> s;
  for (std::string_view w : words) s.insert(normalizer().normalize(w));
  return s;
}

const std::unordered_set<std::string>& descriptors() {
  static const std::unordered_set<std::string> set = normalized_set(kDescriptors);
  return set;
}

const std::unordered_set<std::string>& epithets() {
  static const std::unordered_set<std::string> set = normalized_set(kEpithets);
  return set;
}

const std::unordered_set<std::string>& organisation_heads() {
  static const std::unordered_set<std::string> set = normalized_set(kOrganisationHeads);
  return set;
}

/** How many leading words of `words` name an office (الأمين العام), 0 when none do. */
std::size_t office_words(const std::vector<std::string>& words) {
  static const std::vector<std::vector<std::string>> offices = [] {
    std::vector<std::vector<std::string>> out;
    for (std::string_view office : kOffices) {
      std::vector<std::string> parts;
      std::string n = normalizer().normalize(office);
      for (std::size_t start = 0; start <= n.size();) {
        std::size_t space = std::min(n.find(' ', start), n.size());
        parts.push_back(n.substr(start, space - start));
        start = space + 1;
      }
      out.push_back(std::move(parts));
    }
    return out;
  }();
  for (const std::vector<std::string>& office : offices)
    if (words.size() > office.size() && std::equal(office.begin(), office.end(), words.begin())) return office.size();
  return 0;
}

/** The nisbas of the gazetteer's countries, normalized, with and without the article: اسرائيلي،
 *  اللبنانيه … */
const std::unordered_set<std::string>& state_nisbas() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (const Entity& e : Gazetteer::builtin().entities()) {
      if (e.kind != EntityKind::Country) continue;
      for (const std::string& nisba : e.nisba) {
        if (nisba.find(' ') != std::string::npos) continue;
        std::string n = normalizer().normalize(nisba);
        for (std::string_view article : {"", "ال"}) {
          s.insert(std::string(article) + n);
          s.insert(std::string(article) + n + "ه");
        }
      }
    }
    return s;
  }();
  return set;
}

/** Whether `words` (normalized, the first without clitics) spell one of the names of entry `id`. */
bool is_alias(const std::string& id, const std::vector<std::string>& words) {
  static const std::unordered_set<std::string> aliases = [] {
    std::unordered_set<std::string> s;
    for (const Entity& e : Gazetteer::builtin().entities())
      for (const std::string& name : e.arabic) s.insert(e.id + '\t' + normalizer().normalize(name));
    return s;
  }();
  std::string key = id + '\t';
  for (std::size_t i = 0; i < words.size(); ++i) key.append(i ? " " : "").append(words[i]);
  return aliases.count(key) > 0;
}

}  // namespace

std::vector<ConllSentence> read_conll(std::istream& in, const std::string& source) {
  std::vector<ConllSentence> sentences;
  ConllSentence current;
  std::string line;
  std::size_t line_number = 0;
  auto finish = [&] {
    if (!current.tokens.empty()) sentences.push_back(std::move(current));
    current = ConllSentence{};
  };
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (std::size_t bad = text::find_invalid_utf8(line); bad != std::string::npos)
      throw InputError(source + ":" + std::to_string(line_number) + ": invalid UTF-8 at byte " +
                       std::to_string(bad + 1));
    std::size_t begin = line.find_first_not_of(" \t");
    if (begin == std::string::npos) {
      finish();
      continue;
    }
    std::size_t end = line.find_first_of(" \t", begin);
    if (end == std::string::npos) end = line.size();
    if (current.tokens.empty())
      current.first_line = line_number;
    else
      current.text += ' ';
    std::size_t at = current.text.size();
    current.text.append(line, begin, end - begin);
    current.tokens.emplace_back(at, current.text.size());
  }
  finish();
  return sentences;
}

std::vector<std::string> bio_tags(const ConllSentence& sentence, const std::vector<EntityMention>& entities) {
  std::vector<std::string> tags(sentence.tokens.size(), "O");
  for (const EntityMention& e : entities) {
    std::string_view type = e.kind == EntityKind::Person ? "PERS" : is_place(e.kind) ? "LOC" : "ORG";
    std::vector<std::size_t> covered;
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
      auto [begin, end] = sentence.tokens[i];
      if (end > e.begin && begin < e.end && tags[i] == "O") covered.push_back(i);
    }
    std::vector<std::string> words;
    for (std::size_t i : covered) {
      auto [begin, end] = sentence.tokens[i];
      words.push_back(bare(std::string_view(sentence.text).substr(begin, end - begin)));
    }
    // A nisba alone is an adjective, and a noun with a state's nisba a description (الجيش الإسرائيلي);
    // a place that ends in one is an organ named by it (وزارة السياحة الإسرائيلية).
    if (type != "PERS" && state_nisbas().count(words.back()) &&
        (type == "LOC" ? !is_alias(e.id, words) : words.size() <= 2))
      continue;
    std::size_t from = 0;
    if (words.size() > 1 && type == "LOC" && descriptors().count(words[0])) from = 1;
    if (words.size() > 1 && type == "ORG" && organisation_heads().count(words[0])) from = 1;
    if (type == "ORG") from = std::max(from, office_words(words));
    std::size_t to = covered.size();
    if (type == "LOC" && to - from > 1 && epithets().count(words.back())) --to;
    if (type == "ORG" && to - from > 2 && state_nisbas().count(words.back())) --to;  // حزب الله اللبناني
    for (std::size_t k = from; k < to; ++k) tags[covered[k]] = std::string(k == from ? "B-" : "I-").append(type);
  }
  return tags;
}

}  // namespace marsad::tag

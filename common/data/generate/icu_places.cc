// marsad-gazetteer-icu: writes common/data/icu_places.tsv, the gazetteer rows that ICU's own locale
// data gives for every country and territory and for every time-zone exemplar city, named in Arabic
// and English; and checks that the gazetteer files are well formed. See common/data/README.md.
//
//   marsad-gazetteer-icu DATA_DIR                  regenerate DATA_DIR/icu_places.tsv, then check
//   marsad-gazetteer-icu --check DATA_DIR [FILE…]  check the gazetteer files (and user files) only
//   marsad-gazetteer-icu --shared DATA_DIR         list Arabic names that several ids share
//
// Exit code 0 when every file is well formed, 1 when a check fails, 2 on a usage error.
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <array>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/text_table.h"

namespace {

constexpr std::string_view kHeader = "id\tkind\tparent\tarabic\tenglish\tnisba";
constexpr std::size_t kColumns = 6;

constexpr std::array<std::string_view, 9> kPlaceKinds{"country", "region",   "city",     "town", "district",
                                                      "camp",    "crossing", "facility", "sea"};
constexpr std::array<std::string_view, 10> kActorKinds{"state-force", "government", "armed-group", "international-org",
                                                       "party",       "media",      "ngo",         "company",
                                                       "club",        "person"};
// Kinds that always roll up to something (see README: parent rules).
constexpr std::array<std::string_view, 9> kKindsWithParent{"region", "city",     "town",        "district",  "camp",
                                                           "crossing", "facility", "state-force", "government"};
// Kinds whose rows may carry a nisba.
constexpr std::array<std::string_view, 4> kKindsWithNisba{"country", "region", "city", "town"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

/** A gazetteer row; `arabic` and `nisba` are `|`-separated lists. */
struct Row {
  std::string id, kind, parent, arabic, english, nisba;
};

/** One gazetteer file as read, with where each row came from. */
struct Table {
  std::string path;
  std::vector<Row> rows;
  std::vector<std::size_t> lines;  // line number of each row
};

/** What a check found wrong, "file:line: message". */
using Problems = std::vector<std::string>;

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  for (std::string_view part : marsad::io::split(s, separator)) parts.emplace_back(part);
  return parts;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

/** Reads a gazetteer TSV: '#' lines are comments, the first other line is the header. */
Table read_table(const std::string& path, Problems& problems) {
  Table table{path, {}, {}};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back(path + ": cannot open");
    return table;
  }
  std::string line;
  std::size_t number = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::string where = path + ":" + std::to_string(number) + ": ";
    if (header) {
      header = false;
      if (line != kHeader) problems.push_back(where + "header must be: " + std::string(kHeader));
      continue;
    }
    auto columns = split(line, '\t');
    if (columns.size() != kColumns) {
      problems.push_back(where + std::to_string(columns.size()) + " columns, expected " + std::to_string(kColumns));
      continue;
    }
    table.rows.push_back(Row{columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]});
    table.lines.push_back(number);
  }
  if (header) problems.push_back(path + ": no header line");
  return table;
}

bool is_arabic_mark(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x200B && c <= 0x200F) || c == 0x061C;
}

/** Arabic text as the gazetteer writes it: no tashkeel or tatweel, single spaces. */
icu::UnicodeString clean_arabic(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (is_arabic_mark(c)) continue;
    if (u_isUWhiteSpace(c)) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(u' ');
    space = false;
    out.append(c);
  }
  return out;
}

/** The folding the analysis applies (common/text/normalizer.cc), enough to compare names. */
std::string fold_arabic(std::string_view utf8) {
  icu::UnicodeString text = clean_arabic(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: c = 0x0627; break;  // آ أ إ ٱ → ا
      case 0x0649: case 0x0626: case 0x06CC: c = 0x064A; break;               // ى ئ ی → ي
      case 0x0629: c = 0x0647; break;                                         // ة → ه
      case 0x0624: c = 0x0648; break;                                         // ؤ → و
      case 0x06A9: c = 0x0643; break;                                         // ک → ك
      default: break;
    }
    out.append(c);
  }
  return to_utf8(out);
}

bool has_arabic_letter(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
    if (ublock_getCode(text.char32At(i)) == UBLOCK_ARABIC) return true;
  return false;
}

/** An ICU name as a gazetteer alias: a parenthesised qualifier dropped, " - " read as a space. */
std::string arabic_alias(const icu::UnicodeString& name) {
  icu::UnicodeString text(name);
  int32_t open = text.indexOf(u'(');
  if (open >= 0) {
    int32_t close = text.indexOf(u')', open);
    text.remove(open, close < 0 ? text.length() - open : close - open + 1);
  }
  text.findAndReplace(u" - ", u" ");
  return to_utf8(clean_arabic(text));
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/** An English label without a parenthesised qualifier, lower-cased: "Tripoli (Lebanon)" → "tripoli". */
std::string english_key(std::string_view english) {
  std::string s(english.substr(0, english.find(" (")));
  return lower_ascii(s);
}

/** Lower-case ASCII slug of an English name: "Côte d’Ivoire" → "cote-divoire", "St. Kitts & Nevis" → "st-kitts-and-nevis". */
class Slugger {
 public:
  Slugger() {
    UErrorCode status = U_ZERO_ERROR;
    latin_.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU transliterator unavailable: ") + u_errorName(status));
  }

  std::string operator()(const icu::UnicodeString& english) const {
    icu::UnicodeString text(english);
    text.findAndReplace(u"&", u" and ");
    text.findAndReplace(u"\u2019", u"");
    text.findAndReplace(u"'", u"");
    text.findAndReplace(u".", u"");
    latin_->transliterate(text);
    std::string ascii = to_utf8(text), slug;
    for (char c : ascii) {
      bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (keep)
        slug.push_back(c);
      else if (!slug.empty() && slug.back() != '-')
        slug.push_back('-');
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
  }

 private:
  std::unique_ptr<icu::Transliterator> latin_;
};

/**
 * The masculine nisba of a one-word country name, by rule: the article dropped, then
 * ...يا → ...ي (روسيا → روسي), ...ان → ...اني (إيران → إيراني), a final ة or ا → ي (كندا → كندي),
 * a final ي kept (مالي), else + ي (الصين → صيني). Names of several words get none.
 */
std::string derive_nisba(const std::string& arabic_name) {
  icu::UnicodeString name = icu::UnicodeString::fromUTF8(arabic_name);
  if (name.indexOf(u' ') >= 0) return {};
  if (name.startsWith(u"\u0627\u0644") && name.length() > 4) name.remove(0, 2);  // ال
  if (name.length() < 3) return {};
  if (name.endsWith(u"\u064A\u0627")) {  // يا
    name.truncate(name.length() - 1);
  } else if (name.endsWith(u"\u0627\u0646")) {  // ان
    name.append(u'\u064A');
  } else if (name.endsWith(u"\u0629") || name.endsWith(u"\u0627")) {  // ة ا
    name.truncate(name.length() - 1);
    name.append(u'\u064A');
  } else if (!name.endsWith(u"\u064A")) {
    name.append(u'\u064A');
  }
  return to_utf8(name);
}

std::string join(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back(separator);
    out += p;
  }
  return out;
}

/** Adds alias to aliases unless an alias there folds to the same letters. */
void add_alias(std::vector<std::string>& aliases, const std::string& alias) {
  if (alias.empty()) return;
  std::string folded = fold_arabic(alias);
  for (const auto& a : aliases)
    if (fold_arabic(a) == folded) return;
  aliases.push_back(alias);
}

/** The curated rows, indexed for finding the entry that names what ICU names. */
class CuratedPlaces {
 public:
  explicit CuratedPlaces(const std::vector<const Table*>& tables) {
    for (const Table* table : tables)
      for (const Row& row : table->rows) {
        ids_.insert(row.id);
        if (one_of(kPlaceKinds, row.kind)) places_[row.id] = &row;
      }
  }

  bool has_id(const std::string& id) const { return ids_.count(id) != 0; }

  /** The country a curated place lies in (itself for a country), following parents. */
  std::string country_of(const std::string& id) const {
    std::string at = id;
    for (int hops = 0; hops < 16 && !at.empty(); ++hops) {
      auto it = places_.find(at);
      if (it == places_.end()) return {};
      if (it->second->kind == "country") return at;
      at = it->second->parent;
    }
    return {};
  }

  /**
   * The curated place of one of `kinds` named like an ICU entry: by English label (any of
   * `english`) or by folded Arabic name (any of `arabic`). Among several, the one in `country`.
   */
  std::optional<std::string> find(const std::vector<std::string_view>& kinds, const std::vector<std::string>& english,
                                  const std::vector<std::string>& arabic, const std::string& country) const {
    std::set<std::string> english_keys, arabic_keys;
    for (const auto& e : english) english_keys.insert(english_key(e));
    for (const auto& a : arabic) arabic_keys.insert(fold_arabic(a));
    std::vector<std::string> by_english, by_arabic;
    for (const auto& [id, row] : places_) {
      if (std::find(kinds.begin(), kinds.end(), row->kind) == kinds.end()) continue;
      if (english_keys.count(english_key(row->english))) by_english.push_back(id);
      for (const auto& alias : split(row->arabic, '|'))
        if (arabic_keys.count(fold_arabic(alias))) {
          by_arabic.push_back(id);
          break;
        }
    }
    if (!country.empty()) {
      for (const auto* found : {&by_english, &by_arabic})
        for (const auto& id : *found)
          if (country_of(id) == country) return id;
    }
    if (by_english.size() == 1) return by_english.front();
    if (country.empty() && by_arabic.size() == 1) return by_arabic.front();
    return std::nullopt;
  }

 private:
  std::set<std::string> ids_;
  std::map<std::string, const Row*> places_;
};

/** The strings of a table of ICU's "region" data by key (the alternative territory names). */
std::map<std::string, icu::UnicodeString> region_alternatives(const char* locale, const char* table) {
  std::map<std::string, icu::UnicodeString> names;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(U_ICUDATA_NAME "-region", locale, &status);
  UResourceBundle* entries = ures_getByKey(bundle, table, nullptr, &status);
  if (U_SUCCESS(status)) {
    int32_t size = ures_getSize(entries);
    for (int32_t i = 0; i < size; ++i) {
      UErrorCode entry_status = U_ZERO_ERROR;
      const char* key = nullptr;
      int32_t length = 0;
      const UChar* value = ures_getNextString(entries, &length, &key, &entry_status);
      if (U_SUCCESS(entry_status) && key) names[key] = icu::UnicodeString(value, length);
    }
  }
  ures_close(entries);
  ures_close(bundle);
  return names;
}

/** ICU's rows, and the gazetteer id of every ISO country code (curated or generated). */
struct Generated {
  std::vector<Row> rows;
  std::map<std::string, std::string> country_ids;
  std::map<std::string, std::set<std::string>> country_names;  // code → folded Arabic and lower-cased English names
  std::size_t curated_countries = 0, curated_cities = 0, country_named_zones = 0;
};

void add_countries(const CuratedPlaces& curated, const Slugger& slug, Generated& out, std::set<std::string>& taken) {
  const icu::Locale arabic("ar"), english("en");
  auto ar_short = region_alternatives("ar", "Countries%short");
  auto ar_variant = region_alternatives("ar", "Countries%variant");
  auto en_short = region_alternatives("en", "Countries%short");
  auto en_variant = region_alternatives("en", "Countries%variant");
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::Locale territory("", *code);
    icu::UnicodeString ar_name, en_name;
    territory.getDisplayCountry(arabic, ar_name);
    territory.getDisplayCountry(english, en_name);
    if (ar_name == icu::UnicodeString(*code) || en_name == icu::UnicodeString(*code)) continue;  // no data

    std::vector<std::string> aliases;
    add_alias(aliases, arabic_alias(ar_name));
    for (const auto* alternatives : {&ar_short, &ar_variant}) {
      auto it = alternatives->find(*code);
      if (it == alternatives->end()) continue;
      // "جزر فوكلاند - جزر مالفيناس" gives a second name; "الكونغو - كينشاسا" is one name.
      int32_t dash = it->second.indexOf(u" - ");
      if (dash > 0 && fold_arabic(arabic_alias(it->second.tempSubString(0, dash))) == fold_arabic(aliases.front()))
        add_alias(aliases, arabic_alias(it->second.tempSubString(dash + 3)));
      else
        add_alias(aliases, arabic_alias(it->second));
    }
    std::vector<std::string> english_names{to_utf8(en_name)};
    icu::UnicodeString slug_source = en_name;
    if (auto it = en_short.find(*code); it != en_short.end()) {
      english_names.push_back(to_utf8(it->second));
      slug_source = it->second;
    }
    if (auto it = en_variant.find(*code); it != en_variant.end()) english_names.push_back(to_utf8(it->second));
    for (const auto& a : aliases) out.country_names[*code].insert(fold_arabic(a));
    for (const auto& e : english_names) out.country_names[*code].insert(english_key(e));

    std::string id = slug(slug_source);
    std::optional<std::string> curated_id = curated.find({"country"}, english_names, aliases, "");
    if (!curated_id && curated.has_id(id)) curated_id = id;
    if (curated_id) {
      out.country_ids[*code] = *curated_id;
      ++out.curated_countries;
      continue;  // curated wins
    }
    if (taken.count(id)) id.append("-").append(lower_ascii(*code));
    taken.insert(id);
    out.country_ids[*code] = id;
    out.rows.push_back(Row{id, "country", "", join(aliases, '|'), english_names.front(), derive_nisba(aliases.front())});
  }
}

void add_cities(const CuratedPlaces& curated, const Slugger& slug, Generated& out, std::set<std::string>& taken) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> arabic(icu::TimeZoneNames::createInstance(icu::Locale("ar"), status));
  std::unique_ptr<icu::TimeZoneNames> english(icu::TimeZoneNames::createInstance(icu::Locale("en"), status));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU time-zone data unavailable: ") + u_errorName(status));

  // Sorted by zone id so that ids that collide are resolved the same way on every run.
  std::vector<icu::UnicodeString> ids;
  while (const icu::UnicodeString* zone = zones->snext(status)) ids.push_back(*zone);
  std::sort(ids.begin(), ids.end());
  for (const auto& zone : ids) {
    char region[8] = {};
    UErrorCode region_status = U_ZERO_ERROR;
    icu::TimeZone::getRegion(zone, region, sizeof region, region_status);
    auto country = out.country_ids.find(region);
    if (U_FAILURE(region_status) || country == out.country_ids.end()) continue;

    icu::UnicodeString ar_name, en_name;
    arabic->getExemplarLocationName(zone, ar_name);
    english->getExemplarLocationName(zone, en_name);
    std::string alias = arabic_alias(ar_name), label = to_utf8(en_name);
    if (!has_arabic_letter(alias) || label.empty()) continue;  // no Arabic name in ICU

    // A zone named after its country (Asia/Kuwait, Asia/Hong_Kong) adds no city; research stations
    // and the county seats that name American sub-zones ("Knox, Indiana") are no cities of note.
    const auto& country_names = out.country_names[region];
    if (country_names.count(fold_arabic(alias)) || country_names.count(english_key(label))) {
      ++out.country_named_zones;
      continue;
    }
    if (std::string_view(region) == "AQ" || label.find(", ") != std::string::npos) continue;
    if (curated.find({"city", "town", "district"}, {label}, {alias}, country->second)) {
      ++out.curated_cities;
      continue;  // curated wins
    }
    std::string id = slug(en_name);
    if (taken.count(id)) id.append("-").append(country->second);  // two generated cities of one name
    if (taken.count(id) || curated.has_id(id)) {
      ++out.curated_cities;
      continue;  // curated ids are never generated
    }
    taken.insert(id);
    out.rows.push_back(Row{id, "city", country->second, alias, label, ""});
  }
}

Generated generate(const CuratedPlaces& curated) {
  Slugger slug;
  Generated out;
  std::set<std::string> taken;  // generated ids
  add_countries(curated, slug, out, taken);
  add_cities(curated, slug, out, taken);
  auto kind_rank = [](const Row& r) { return r.kind == "country" ? 0 : 1; };
  std::sort(out.rows.begin(), out.rows.end(), [&](const Row& a, const Row& b) {
    return std::make_pair(kind_rank(a), a.id) < std::make_pair(kind_rank(b), b.id);
  });
  return out;
}

void write_table(const std::string& path, const std::vector<Row>& rows) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(path + ": cannot write");
  out << "# Generated from ICU " << U_ICU_VERSION << " locale data (countries and territories, time-zone exemplar cities)"
      << " by marsad-gazetteer-icu; do not edit. Regenerate: cmake --build build --target marsad-gazetteer-icu &&"
      << " build/common/data/generate/marsad-gazetteer-icu common/data\n";
  out << kHeader << '\n';
  for (const Row& r : rows)
    out << r.id << '\t' << r.kind << '\t' << r.parent << '\t' << r.arabic << '\t' << r.english << '\t' << r.nisba << '\n';
  if (!out) throw std::runtime_error(path + ": write failed");
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && id[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

/**
 * Checks one row on its own; `place_file`/`actor_file` restrict the kinds a file may hold, and a row
 * that `extends` a built-in entry may leave its parent and English label empty.
 */
void check_row(const Row& row, const std::string& where, bool place_file, bool actor_file, bool extends, Problems& problems) {
  if (!valid_id(row.id)) problems.push_back(where + "id '" + row.id + "' is not a lower-case slug");
  bool place = one_of(kPlaceKinds, row.kind), actor = one_of(kActorKinds, row.kind);
  if ((!place && !actor) || (place_file && !place) || (actor_file && !actor))
    problems.push_back(where + "kind '" + row.kind + "' is not allowed here");
  if (row.kind == "country" && !row.parent.empty()) problems.push_back(where + "a country has no parent");
  if (row.parent.empty() && !extends && one_of(kKindsWithParent, row.kind))
    problems.push_back(where + "a " + row.kind + " needs a parent");
  if (row.english.empty() && !extends) problems.push_back(where + "no English label");
  if (!row.nisba.empty() && !one_of(kKindsWithNisba, row.kind)) problems.push_back(where + "a " + row.kind + " has no nisba");

  std::set<std::string> seen;
  for (const char* column : {"arabic", "nisba"}) {
    const std::string& list = column == std::string_view("arabic") ? row.arabic : row.nisba;
    if (list.empty()) {
      if (column == std::string_view("arabic")) problems.push_back(where + "no Arabic name");
      continue;
    }
    for (const auto& alias : split(list, '|')) {
      if (alias.empty() || alias.front() == ' ' || alias.back() == ' ' || alias.find("  ") != std::string::npos)
        problems.push_back(where + "empty " + column + " entry or stray spaces: '" + alias + "'");
      else if (!has_arabic_letter(alias))
        problems.push_back(where + column + " entry '" + alias + "' has no Arabic letter");
      else if (!seen.insert(std::string(column) + fold_arabic(alias)).second)
        problems.push_back(where + column + " entry '" + alias + "' repeats another once normalized");
    }
  }
}

/**
 * Checks the tables together: unique ids, parents that exist, places under places, no cycles, and
 * parents only in the same file or an earlier one (the order readers load them in: places.tsv,
 * icu_places.tsv, actors.tsv, user files). A row of a user file (`extends`) may repeat a built-in id,
 * with the same kind, to add names to that entry and replace its parent or English label.
 */
Problems check(const std::vector<const Table*>& tables, const std::vector<bool>& place_file, const std::vector<bool>& actor_file,
               const std::vector<bool>& extends) {
  Problems problems;
  std::map<std::string, std::pair<const Row*, std::string>> by_id;  // id → row as merged, file:line
  std::map<std::string, std::size_t> table_of;                       // id → index of the table that brings it
  std::set<std::string> built_ins, extended;
  std::deque<Row> merged;  // built-in rows with a user's parent or label
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const Table& table = *tables[t];
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const Row& row = table.rows[i];
      std::string location = table.path + ":" + std::to_string(table.lines[i]);
      auto built_in = by_id.find(row.id);
      bool extending = extends[t] && built_ins.count(row.id) && extended.insert(row.id).second;
      check_row(row, location + ": ", place_file[t], actor_file[t], extending, problems);
      if (built_in == by_id.end()) {
        by_id.emplace(row.id, std::make_pair(&row, location));
        table_of.emplace(row.id, t);
        if (!extends[t]) built_ins.insert(row.id);
      } else if (!extending) {
        problems.push_back(location + ": id '" + row.id + "' already used at " + built_in->second.second);
      } else if (row.kind != built_in->second.first->kind) {
        problems.push_back(location + ": kind '" + row.kind + "' differs from '" + built_in->second.first->kind + "' at " +
                           built_in->second.second);
      } else if (!row.parent.empty() || !row.english.empty()) {
        Row& copy = merged.emplace_back(*built_in->second.first);
        if (!row.parent.empty()) copy.parent = row.parent;
        if (!row.english.empty()) copy.english = row.english;
        built_in->second = std::make_pair(&copy, location);
        table_of[row.id] = t;
      }
    }
  }
  for (const auto& [id, entry] : by_id) {
    const auto& [row, location] = entry;
    if (row->parent.empty()) continue;
    auto parent = by_id.find(row->parent);
    if (parent == by_id.end()) {
      problems.push_back(location + ": parent '" + row->parent + "' is no id");
      continue;
    }
    if (one_of(kPlaceKinds, row->kind) && !one_of(kPlaceKinds, parent->second.first->kind))
      problems.push_back(location + ": a place's parent must be a place, not '" + row->parent + "'");
    if (table_of[row->parent] > table_of[id])
      problems.push_back(location + ": parent '" + row->parent + "' is in a file read later (" + parent->second.second + ")");
    std::set<std::string> chain{id};
    for (const Row* at = parent->second.first; at && !at->parent.empty();) {
      if (!chain.insert(at->id).second) {
        problems.push_back(location + ": parents of '" + id + "' form a cycle through '" + at->id + "'");
        break;
      }
      auto next = by_id.find(at->parent);
      at = next == by_id.end() ? nullptr : next->second.first;
    }
  }
  return problems;
}

/** Prints each folded Arabic name that several ids carry, with the ids (ambiguities for the tagger). */
void list_shared(const std::vector<const Table*>& tables) {
  std::map<std::string, std::set<std::string>> ids_by_name;
  std::map<std::string, std::string> written;
  for (const Table* table : tables)
    for (const Row& row : table->rows)
      for (const auto& alias : split(row.arabic, '|')) {
        std::string folded = fold_arabic(alias);
        ids_by_name[folded].insert(row.id);
        written.emplace(folded, alias);
      }
  for (const auto& [name, ids] : ids_by_name)
    if (ids.size() > 1) {
      std::cout << written[name];
      for (const auto& id : ids) std::cout << '\t' << id;
      std::cout << '\n';
    }
}

int usage() {
  std::cerr << "usage: marsad-gazetteer-icu DATA_DIR                 regenerate DATA_DIR/icu_places.tsv and check\n"
               "       marsad-gazetteer-icu --check DATA_DIR [FILE...] check the gazetteer (and user files)\n"
               "       marsad-gazetteer-icu --shared DATA_DIR          list Arabic names several ids share\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  enum class Mode { Generate, Check, Shared } mode = Mode::Generate;
  if (!args.empty() && (args.front() == "--check" || args.front() == "--shared")) {
    mode = args.front() == "--check" ? Mode::Check : Mode::Shared;
    args.erase(args.begin());
  }
  if (args.empty() || (mode != Mode::Check && args.size() != 1) || args.front().rfind("-", 0) == 0) return usage();
  const std::string dir = args.front();
  const std::string places_path = dir + "/places.tsv", actors_path = dir + "/actors.tsv", icu_path = dir + "/icu_places.tsv";

  try {
    Problems problems;
    Table places = read_table(places_path, problems), actors = read_table(actors_path, problems);
    if (mode == Mode::Generate) {
      if (!problems.empty()) {
        for (const auto& p : problems) std::cerr << p << '\n';
        return 1;
      }
      Generated generated = generate(CuratedPlaces({&places, &actors}));
      write_table(icu_path, generated.rows);
      std::size_t countries = std::count_if(generated.rows.begin(), generated.rows.end(), [](const Row& r) { return r.kind == "country"; });
      std::cerr << icu_path << ": " << countries << " countries and " << generated.rows.size() - countries
                << " cities written; " << generated.curated_countries << " countries and " << generated.curated_cities
                << " cities left to the curated files, " << generated.country_named_zones << " zones named after their country\n";
    }
    Table icu = read_table(icu_path, problems);
    std::vector<Table> extra;
    extra.reserve(args.size());
    for (std::size_t i = 1; i < args.size(); ++i) extra.push_back(read_table(args[i], problems));

    std::vector<const Table*> tables{&places, &icu, &actors};  // the order readers load them in
    std::vector<bool> place_file{true, true, false}, actor_file{false, false, true}, extends{false, false, false};
    for (const Table& t : extra) {
      tables.push_back(&t);
      place_file.push_back(false);
      actor_file.push_back(false);
      extends.push_back(true);
    }
    if (mode == Mode::Shared) {
      list_shared(tables);
      return 0;
    }
    Problems found = check(tables, place_file, actor_file, extends);
    problems.insert(problems.end(), found.begin(), found.end());
    for (const auto& p : problems) std::cerr << p << '\n';
    std::size_t rows = 0;
    for (const Table* t : tables) rows += t->rows.size();
    std::cerr << rows << " rows in " << tables.size() << " files: "
              << (problems.empty() ? "all well formed" : std::to_string(problems.size()) + " problems") << '\n';
    return problems.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "marsad-gazetteer-icu: " << e.what() << '\n';
    return 1;
  }
}

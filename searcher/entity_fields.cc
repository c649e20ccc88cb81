#include "searcher/entity_fields.h"

#include <algorithm>
#include <set>

#include "common/errors.h"
#include "common/schema.h"
#include "common/tag/cues.h"
#include "common/tag/tagging.h"
#include "common/text/utf8.h"

namespace marsad::searcher {
namespace {

constexpr std::string_view kArticle = "ال";

/** The words of a name as the analysis normalizes them, one space between. */
std::vector<std::string> words_of(std::string_view name, text::Analyzer& analyzer) {
  std::vector<std::string> words;
  for (const text::AnalyzedToken& t : analyzer.analyze(name)) words.push_back(ascii_lower(t.analysis->normalized));
  return words;
}

std::string join(const std::vector<std::string>& words, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

/** Edit distance over code points (insertions, deletions, substitutions). */
std::size_t distance(std::string_view a, std::string_view b) {
  auto code_points = [](std::string_view s) {
    std::vector<std::int32_t> out;
    for (std::size_t i = 0; i < s.size();) {
      std::int32_t cp = text::decode_utf8(s, i);
      if (cp < 0) ++i;  // a stray byte counts as one character
      out.push_back(cp);
    }
    return out;
  };
  std::vector<std::int32_t> x = code_points(a), y = code_points(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

EntityResolver::EntityResolver(const tag::Gazetteer& gazetteer, text::Analyzer& analyzer) {
  for (const tag::Entity& e : gazetteer.entities()) {
    add(ascii_lower(e.id), e.id, e.id);
    if (!e.english.empty()) add(ascii_lower(e.english), e.id, e.english);
    // "Stepanakert (Khankendi)": each name alone too.
    if (const std::size_t open = e.english.find(" ("); open != std::string::npos && e.english.back() == ')') {
      add(ascii_lower(e.english.substr(0, open)), e.id, "");
      add(ascii_lower(e.english.substr(open + 2, e.english.size() - open - 3)), e.id, "");
    }
    // A person goes by the surname too (Pashinyan, Guterres).
    if (const std::size_t space = e.english.rfind(' ');
        e.kind == tag::EntityKind::Person && space != std::string::npos && e.english.size() - space > 3)
      add(ascii_lower(e.english.substr(space + 1)), e.id, "");
    for (const std::string& alias : e.arabic) {
      std::vector<std::string> words = words_of(alias, analyzer);
      if (words.empty()) continue;
      add(join(words), e.id, alias);
      // Without the article too, as clitic stripping reads بالحوثيين: حوثيين.
      if (words[0].starts_with(kArticle) && text::count_code_points(words[0]) >= 5) {
        words[0] = words[0].substr(kArticle.size());
        add(join(words), e.id, "");
      }
    }
  }
}

void EntityResolver::add(std::string key, const std::string& id, std::string shown) {
  std::vector<std::string>& ids = ids_by_key_[key];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  if (!shown.empty()) names_.emplace_back(std::move(key), std::move(shown));
}

std::vector<std::string> EntityResolver::lookup(const std::string& key) const {
  auto it = ids_by_key_.find(key);
  return it == ids_by_key_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> EntityResolver::resolve(std::string_view name, text::Analyzer& analyzer) const {
  if (auto ids = lookup(ascii_lower(name)); !ids.empty()) return ids;  // an id or an English label as typed
  std::vector<text::AnalyzedToken> tokens = analyzer.analyze(name);
  if (tokens.empty()) return {};
  std::vector<std::string> words;
  for (const text::AnalyzedToken& t : tokens) words.push_back(ascii_lower(t.analysis->normalized));
  if (auto ids = lookup(join(words)); !ids.empty()) return ids;
  // The first word without its clitics (بباكو → باكو, وللحوثيين → حوثيين), fewest letters off first.
  const text::WordAnalysis& first = *tokens[0].analysis;
  for (std::size_t k = 1; k < first.reading_count; ++k) {
    std::string key(first.reading(k));
    if (words.size() > 1) {
      key += ' ';
      key += join(words, 1);
    }
    if (auto ids = lookup(key); !ids.empty()) return ids;
  }
  return {};
}

std::vector<std::string> EntityResolver::resolve_latin(std::string_view name) const {
  return lookup(ascii_lower(name));
}

std::vector<std::string> EntityResolver::closest(std::string_view name, std::size_t n) const {
  const std::string key = ascii_lower(name);
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  for (const auto& [candidate, shown] : names_) scored.emplace_back(distance(key, candidate), &shown);
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& [d, shown] : scored) {
    if (out.size() >= n) break;
    if (seen.insert(*shown).second) out.push_back(*shown);
  }
  return out;
}

EntityFieldProcessor::EntityFieldProcessor(std::string field, std::string_view prefix, const EntityResolver& resolver,
                                           text::Analyzer& analyzer)
    : field_(std::move(field)), prefix_(prefix), resolver_(resolver), analyzer_(analyzer) {}

Xapian::Query EntityFieldProcessor::operator()(const std::string& value) {
  // An unlinked entity is asked for by the id the index gave it.
  if (value.starts_with(tag::EntityMention::kUnlinkedPrefix)) return Xapian::Query(schema::term(prefix_, value));
  std::vector<std::string> ids = resolver_.resolve(value, analyzer_);
  if (ids.empty()) {
    std::string message = field_ + ":" + value + " names no known entity";
    std::vector<std::string> near = resolver_.closest(value, 5);
    if (!near.empty()) {
      message += "; closest known names:";
      for (std::size_t i = 0; i < near.size(); ++i) {
        message += i ? ", " : " ";
        message += near[i];
      }
    }
    throw QueryError(message);
  }
  std::vector<Xapian::Query> terms;
  for (const std::string& id : ids) terms.emplace_back(schema::term(prefix_, id));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query ClaimFieldProcessor::operator()(const std::string& value) {
  const std::string type = ascii_lower(value);
  for (std::string_view known : tag::kClaimTypes)
    if (known == type) return Xapian::Query(schema::term(schema::kClaimPrefix, type));
  std::string message = "claim:" + value + " is no claim type; the types are:";
  for (std::size_t i = 0; i < std::size(tag::kClaimTypes); ++i) {
    message += i ? ", " : " ";
    message += tag::kClaimTypes[i];
  }
  throw QueryError(message);
}

}  // namespace marsad::searcher

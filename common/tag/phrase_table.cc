#include "common/tag/phrase_table.h"

#include <algorithm>

#include "common/tag/numbers.h"
#include "common/text/utf8.h"

namespace marsad::tag {
namespace {

constexpr std::string_view kArticle = "ال";

}  // namespace

namespace {

/** The forms of a token without allocating: its analysis's readings. */
struct TokenForms {
  WordForm items[4];
  std::size_t size = 0;
  explicit TokenForms(const text::AnalyzedToken& token) {
    const text::WordAnalysis& a = *token.analysis;
    for (; size < a.reading_count; ++size) items[size] = {a.reading(size), a.readings[size].removals, a.readings[size].hash};
  }
  const WordForm* begin() const { return items; }
  const WordForm* end() const { return items + size; }
};

}  // namespace

void text_word_forms(const text::AnalyzedToken& token, std::vector<WordForm>& out) {
  TokenForms forms(token);
  out.assign(forms.begin(), forms.end());
}

std::vector<std::string> entry_word_forms(std::string_view normalized) {
  std::vector<std::string> forms{std::string(normalized)};
  if (normalized.starts_with(kArticle) && text::count_code_points(normalized) >= 5) forms.emplace_back(normalized.substr(kArticle.size()));
  return forms;
}

void PhraseTable::add(std::string_view phrase, std::uint32_t payload, text::Analyzer& analyzer) {
  std::vector<std::vector<std::string>> word_forms;
  for (const text::AnalyzedToken& token : analyzer.analyze(phrase))
    word_forms.push_back(entry_word_forms(token.analysis->normalized));
  add_forms(word_forms, payload);
}

void PhraseTable::add_forms(const std::vector<std::vector<std::string>>& word_forms, std::uint32_t payload) {
  if (word_forms.empty()) return;
  // Every combination of the words' forms leads to the payload (a word has one or two forms).
  std::vector<std::uint32_t> frontier{0};
  for (const std::vector<std::string>& forms : word_forms) {
    std::vector<std::uint32_t> next_frontier;
    for (std::uint32_t node : frontier) {
      for (const std::string& form : forms) {
        auto it = nodes_[node].next.find(form);
        std::uint32_t child;
        if (it != nodes_[node].next.end()) {
          child = it->second;
        } else {
          child = static_cast<std::uint32_t>(nodes_.size());
          nodes_[node].next.emplace(form, child);
          nodes_.emplace_back();
          if (node == 0) first_words_.add(form);
        }
        if (std::find(next_frontier.begin(), next_frontier.end(), child) == next_frontier.end())
          next_frontier.push_back(child);
      }
    }
    frontier = std::move(next_frontier);
  }
  for (std::uint32_t node : frontier) {
    auto& payloads = nodes_[node].payloads;
    if (std::find(payloads.begin(), payloads.end(), payload) == payloads.end()) payloads.push_back(payload);
  }
}

void PhraseTable::walk(std::string_view text, const std::vector<text::AnalyzedToken>& tokens, std::size_t index,
                       std::uint32_t node, std::size_t depth, std::size_t removals, bool same_segment,
                       std::vector<PhraseMatch>& out) const {
  if (index >= tokens.size()) return;
  if (depth > 0 && same_segment && !separator_after(text, tokens, index - 1).empty()) return;
  for (const WordForm& form : TokenForms(tokens[index])) {
    if (node == 0 && !first_words_.may_contain_hash(form.hash)) continue;
    auto it = nodes_[node].next.find(form.form);
    if (it == nodes_[node].next.end()) continue;
    const Node& child = nodes_[it->second];
    if (!child.payloads.empty()) {
      PhraseMatch match{depth + 1, removals + form.removals, &child.payloads};
      auto same = std::find_if(out.begin(), out.end(), [&](const PhraseMatch& m) {
        return m.tokens == match.tokens && (m.payloads == match.payloads || *m.payloads == *match.payloads);
      });
      if (same == out.end()) out.push_back(match);
      else if (match.removals < same->removals) *same = match;
    }
    if (!child.next.empty())
      walk(text, tokens, index + 1, it->second, depth + 1, removals + form.removals, same_segment, out);
  }
}

std::vector<PhraseMatch> PhraseTable::all_at(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                             std::size_t index, bool same_segment) const {
  std::vector<PhraseMatch> out;
  walk(text, tokens, index, 0, 0, 0, same_segment, out);
  std::sort(out.begin(), out.end(), [](const PhraseMatch& a, const PhraseMatch& b) {
    return a.tokens != b.tokens ? a.tokens < b.tokens : a.removals < b.removals;
  });
  return out;
}

PhraseMatch PhraseTable::longest_at(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                    std::size_t index, bool same_segment) const {
  if (index >= tokens.size() || nodes_.size() <= 1) return {};
  // Fast path: most tokens start no phrase at all.
  bool any = false;
  for (const WordForm& form : TokenForms(tokens[index]))
    any = any || (first_words_.may_contain_hash(form.hash) && nodes_[0].next.contains(form.form));
  if (!any) return {};
  std::vector<PhraseMatch> out;
  walk(text, tokens, index, 0, 0, 0, same_segment, out);
  PhraseMatch best;
  for (const PhraseMatch& m : out)
    if (m.tokens > best.tokens || (m.tokens == best.tokens && m.removals < best.removals)) best = m;
  return best;
}

}  // namespace marsad::tag

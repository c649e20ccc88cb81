#include "common/tag/phrase_table.h"

#include <algorithm>

#include "common/tag/numbers.h"

namespace marsad::tag {
namespace {

constexpr std::string_view kWaw = "و", kFa = "ف", kBa = "ب", kKaf = "ك", kLam = "ل", kArticle = "ال";

/** Letters (code points) in a UTF-8 string. */
std::size_t letters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

void push_form(std::vector<WordForm>& out, std::string_view form, std::size_t removals) {
  if (form.empty()) return;
  for (const WordForm& f : out)
    if (f.form == form) return;
  out.push_back({form, removals});
}

}  // namespace

void text_word_forms(const text::AnalyzedToken& token, std::vector<WordForm>& out) {
  out.clear();
  const text::WordAnalysis& a = *token.analysis;
  std::string_view word = a.normalized;
  push_form(out, word, 0);
  if (a.number) return;
  std::string_view rest = word;
  std::size_t removed = 0;
  if ((starts(rest, kWaw) || starts(rest, kFa)) && letters(rest) >= 4) {
    rest.remove_prefix(kWaw.size());
    ++removed;
    push_form(out, rest, removed);
  }
  if ((starts(rest, kBa) || starts(rest, kKaf) || starts(rest, kLam)) && letters(rest) >= 4) {
    bool lam = starts(rest, kLam);
    rest.remove_prefix(kBa.size());
    ++removed;
    // ل + ال is written لل: the article's alef is gone.
    if (lam && starts(rest, kLam) && letters(rest) >= 4) {
      rest.remove_prefix(kLam.size());
      ++removed;
    } else if (starts(rest, kArticle) && letters(rest) >= 5) {
      rest.remove_prefix(kArticle.size());
      removed += 2;
    }
  } else if (starts(rest, kArticle) && letters(rest) >= 5) {
    rest.remove_prefix(kArticle.size());
    removed += 2;
  }
  push_form(out, rest, removed);
  push_form(out, a.segments.core, letters(a.segments.proclitic) + letters(a.segments.enclitic));
}

std::vector<std::string> entry_word_forms(std::string_view normalized) {
  std::vector<std::string> forms{std::string(normalized)};
  if (starts(normalized, kArticle) && letters(normalized) >= 5) forms.emplace_back(normalized.substr(kArticle.size()));
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
  std::vector<WordForm> forms;
  text_word_forms(tokens[index], forms);
  for (const WordForm& form : forms) {
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
  std::vector<WordForm> forms;
  text_word_forms(tokens[index], forms);
  bool any = false;
  for (const WordForm& form : forms) any = any || nodes_[0].next.contains(form.form);
  if (!any) return {};
  std::vector<PhraseMatch> out;
  walk(text, tokens, index, 0, 0, 0, same_segment, out);
  PhraseMatch best;
  for (const PhraseMatch& m : out)
    if (m.tokens > best.tokens || (m.tokens == best.tokens && m.removals < best.removals)) best = m;
  return best;
}

}  // namespace marsad::tag

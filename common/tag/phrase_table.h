#pragma once
// Word sequences looked up in analysed text under the lookup rules of common/data/cues/README.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/tag/word_set.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/** A phrase found at a token: how many tokens it covers, the payloads stored under it, and how
 *  many letters of clitics the text words lost to match (fewer is better). */
struct PhraseMatch {
  std::size_t tokens = 0;
  std::size_t removals = 0;
  const std::vector<std::uint32_t>* payloads = nullptr;  // valid while the table lives
};

/**
 * A table of phrases (one or more words) with integer payloads, looked up word by word over
 * analysed tokens. An entry word matches a text word when one of the entry word's forms (its
 * normalized spelling, and without the article when three letters remain) equals one of the text
 * word's forms: its normalized spelling; without one leading و or ف; without its proclitics (و/ف,
 * then ب/ك/ل, then ال, keeping two letters, three after the article); the segmenter's core.
 * Build with add() (needs an Analyzer for the entry words), then read-only and thread-safe.
 */
class PhraseTable {
 public:
  /** Adds `phrase` (words separated by spaces, as written) with `payload`. Empty phrases are ignored. */
  void add(std::string_view phrase, std::uint32_t payload, text::Analyzer& analyzer);
  /** Adds a phrase already given as normalized words, each with the forms it may match as. */
  void add_forms(const std::vector<std::vector<std::string>>& word_forms, std::uint32_t payload);

  /** The longest phrase starting at tokens[index] (ties: fewest removals); tokens == 0 when none.
   *  With `same_segment`, a phrase never runs across punctuation or a line break between tokens. */
  PhraseMatch longest_at(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                         std::size_t index, bool same_segment = true) const;

  /** Every phrase starting at tokens[index], shortest first. */
  std::vector<PhraseMatch> all_at(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                  std::size_t index, bool same_segment = true) const;

  bool empty() const { return nodes_.size() <= 1; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> next;  // word form -> node
    std::vector<std::uint32_t> payloads;
  };
  void walk(std::string_view text, const std::vector<text::AnalyzedToken>& tokens, std::size_t index,
            std::uint32_t node, std::size_t depth, std::size_t removals, bool same_segment,
            std::vector<PhraseMatch>& out) const;
  std::vector<Node> nodes_{1};
  WordFilter first_words_;  // the root's words: most tokens start no phrase
};

/** The forms of a text word, in order of removals (whole word first); each with the letters removed. */
struct WordForm {
  std::string_view form;
  std::size_t removals = 0;
  std::uint64_t hash = 0;  // text::lookup_hash(form)
};
void text_word_forms(const text::AnalyzedToken& token, std::vector<WordForm>& out);

/** The forms of an entry word already normalized: itself, and without ال when three letters remain. */
std::vector<std::string> entry_word_forms(std::string_view normalized);

}  // namespace marsad::tag

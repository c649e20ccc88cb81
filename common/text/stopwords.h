#pragma once
// Arabic stop words: flagged by the analysis, dropped from free-text queries, never from phrases.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

namespace marsad::text {

/**
 * A set of normalized stop words. Stop words are still indexed (so that a phrase such as
 * "وقف إطلاق النار في غزة" matches); the QueryParser stopper built here drops them from free text
 * only, as Xapian never applies a stopper inside a phrase. Immutable and thread-safe once built.
 */
class StopWordList {
 public:
  /** The list compiled in from common/data/stopwords.txt. */
  static const StopWordList& builtin();
  /** One word per line, '#' comments; words are normalized. Throws InputError if unreadable. */
  static StopWordList from_file(const std::string& path);
  /** Parses the same format from text. */
  static StopWordList from_text(std::string_view text);
  /** No stop words at all. */
  StopWordList() = default;

  bool contains(std::string_view normalized_word) const { return words_.count(std::string(normalized_word)) > 0; }
  std::size_t size() const { return words_.size(); }
  /** A new stopper for Xapian::QueryParser::set_stopper (reference-counted by Xapian). */
  Xapian::Stopper* new_query_stopper() const;

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace marsad::text

#pragma once
// Entity tagging: gazetteer names, persons and organisations in analysed text, with their role.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/tag/cues.h"
#include "common/tag/gazetteer.h"
#include "common/tag/phrase_table.h"
#include "common/tag/tagging.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/**
 * The names a document has introduced in full (باراك أوباما، الرئيس السوري بشار الأسد), so that a later
 * mention by the last name alone (أوباما، الأسد) resolves to the same entity. EntityTagger::find fills
 * and reads it; one per document, looking back only (a name first met alone stays unresolved); not
 * thread-safe.
 */
class EntityMemory {
 public:
  /** What a last name stands for in the document: the id and kind of its full mention. */
  struct Entry {
    std::string id;
    EntityKind kind = EntityKind::Person;
    bool definite = false;  // the last name was written with the article (الأسد)
  };

  /** Remembers `entry` under `last_name` (normalized, clitics and article off); a later full name with
   *  the same last name replaces it. */
  void remember(std::string last_name, Entry entry) { entries_[std::move(last_name)] = std::move(entry); }
  /** The entry remembered under `last_name`, or nullptr; valid until clear() (a later remember() of the
   *  same last name changes what it holds). */
  const Entry* recall(std::string_view last_name) const {
    auto it = entries_.find(last_name);
    return it == entries_.end() ? nullptr : &it->second;
  }
  /** Forgets everything: the next document starts. */
  void clear() { entries_.clear(); }
  bool empty() const { return entries_.empty(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

/**
 * Finds entities: the longest gazetteer alias or nisba form over the tokens (clitics off, as
 * PhraseTable matches), persons after titles and by given names, organisations by head nouns
 * followed by a name or a nisba; each resolved to its gazetteer id or to an unlinked id, with a
 * role (actor: acts or speaks; place: after في، إلى، من، قرب…). Ordinary words that are also names
 * (كيف، عمان، الأمل…) and stop words alone are not entities unless context says so.
 * Build once per gazetteer (it analyses every alias), then const and thread-safe (an EntityMemory is
 * the caller's, one per document).
 */
class EntityTagger {
 public:
  EntityTagger(const Gazetteer& gazetteer, const Cues& cues = Cues::builtin());
  ~EntityTagger();

  /** The entities in tokens [first, last] (a sentence) in order, without overlap. With a memory, the
   *  persons the sentence names in full are remembered in it, and a word that is a remembered last name
   *  (and nothing else in context) becomes a mention of that person. */
  std::vector<EntityMention> find(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                  std::size_t first, std::size_t last, EntityMemory* memory = nullptr) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  struct Tables;
  const Gazetteer& gazetteer_;
  const Cues& cues_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace marsad::tag

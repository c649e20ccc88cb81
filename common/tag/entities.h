#pragma once
// Entity tagging: gazetteer names, persons and organisations in analysed text, with their role.
#include <memory>
#include <string_view>
#include <vector>

#include "common/tag/cues.h"
#include "common/tag/gazetteer.h"
#include "common/tag/phrase_table.h"
#include "common/tag/tagging.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/**
 * Finds entities: the longest gazetteer alias or nisba form over the tokens (clitics off, as
 * PhraseTable matches), persons after titles and by given names, organisations by head nouns
 * followed by a name or a nisba; each resolved to its gazetteer id or to an unlinked id, with a
 * role (actor: acts or speaks; place: after في، إلى، من، قرب…). Ordinary words that are also names
 * (كيف، عمان، الأمل…) and stop words alone are not entities unless context says so.
 * Build once per gazetteer (it analyses every alias), then const and thread-safe.
 */
class EntityTagger {
 public:
  EntityTagger(const Gazetteer& gazetteer, const Cues& cues = Cues::builtin());
  ~EntityTagger();

  /** The entities in tokens [first, last] (a sentence) in order, without overlap. */
  std::vector<EntityMention> find(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                                  std::size_t first, std::size_t last) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  struct Tables;
  const Gazetteer& gazetteer_;
  const Cues& cues_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace marsad::tag

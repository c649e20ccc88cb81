#pragma once
// CoNLL NER files: tokens in, BIO tags out (marsad-tag --format conll).
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "common/tag/tagging.h"

namespace marsad::tag {

/** One sentence of a CoNLL file: its tokens joined by spaces into a text, with each token's bytes. */
struct ConllSentence {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> tokens;  // [begin, end) of each input token in text
  std::size_t first_line = 0;                               // input line of the first token
};

/** Reads sentences: the first column of each line (space or TAB separated) is the token, other
 *  columns are ignored, blank lines end a sentence. Lines starting with "-DOCSTART-" are tokens like
 *  others. Throws InputError "source:line: problem" for invalid UTF-8. */
std::vector<ConllSentence> read_conll(std::istream& in, const std::string& source);

/** The BIO tag of every input token: PERS for persons, LOC for places, ORG for other actors, O
 *  elsewhere. A token is inside an entity when its bytes overlap the entity's; the first such
 *  token of each entity gets B-. As CoNLL annotation tags names, not descriptions, a place's leading
 *  descriptor or direction and trailing epithet (مدينة، قطاع، جنوب، المكرمة …), an organisation's
 *  leading head or office (حركة، وكالة، الأمين العام) and trailing state nisba stay O, and so do a
 *  state's nisba alone, a two-word description made of a noun and a state's nisba (الجيش الإسرائيلي)
 *  and a place named by an organ and a nisba (وزارة الصحة السودانية → sudan). */
std::vector<std::string> bio_tags(const ConllSentence& sentence, const std::vector<EntityMention>& entities);

}  // namespace marsad::tag

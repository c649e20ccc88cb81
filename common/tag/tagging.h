#pragma once
// What the tagging passes find in a text: entities, claims and dates, sentence by sentence.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/tag/dates.h"
#include "common/tag/gazetteer.h"

namespace marsad::tag {

/** How a mention takes part: a body that acts or speaks, or a location. */
enum class Role { Actor, Place };
std::string_view to_string(Role role);

/** A name in the text, resolved to a gazetteer entry or to an unlinked entity. */
struct EntityMention {
  std::size_t begin = 0, end = 0;               // byte offsets of the surface in the text
  std::size_t first_token = 0, last_token = 0;  // inclusive token indices
  std::string id;       // gazetteer id, or kUnlinkedPrefix + the normalized surface (articles off)
  EntityKind kind = EntityKind::Country;
  Role role = Role::Place;
  bool linked() const { return id.rfind(kUnlinkedPrefix, 0) != 0; }
  static constexpr std::string_view kUnlinkedPrefix = "unlinked:";
};

/** A number a claim gives and what it counts: "مقتل 103 أشخاص، بينهم 81 مقاتلا" is
 *  {103, killed, breakdown {81 killed fighters, …}}. */
struct Figure {
  std::size_t begin = 0, end = 0;       // the number's bytes
  std::optional<std::int64_t> count;    // empty when vague
  std::string vague;                    // NumberMention::vague ("dozens"), "" for an exact count
  std::string what;       // killed, wounded, missing, destroyed_tanks, strikes… (cue files' figure_what)
  std::string group;      // who was counted: civilians, fighters, children… ("" when not said)
  std::string qualifier;  // about, at_least, more_than, official, partial… ("" when none)
  std::vector<Figure> breakdown;  // parts of this total named in the same sentence
};

/** A claim a sentence makes. */
struct Claim {
  std::string type;  // one of kClaimTypes (cues.h)
  std::optional<std::size_t> claimant;  // index into the sentence's entities; empty when unsaid
  std::string claimant_surface;         // the claimant as written (also for unnamed sources)
  std::vector<Figure> figures;
  bool unverified = false;  // the text says it could not be verified
  bool negated = false;     // not asserted (لم يقتل) or denied by the claimant
  bool historical = false;  // about events before the conflict reported (a war in the 1990s)
  bool hedged = false;      // alleged, believed, possible
  std::vector<std::size_t> places;  // indices into the sentence's entities it concerns
  std::optional<std::size_t> date;  // index into the sentence's dates
  std::size_t cue_begin = 0, cue_end = 0;  // bytes of the trigger
};

/** One sentence and what it carries. Offsets are bytes of the whole text. */
struct TaggedSentence {
  std::size_t begin = 0, end = 0;
  std::size_t first_token = 0, last_token = 0;  // inclusive; last < first for a sentence without tokens
  std::vector<EntityMention> entities;
  std::vector<Claim> claims;
  std::vector<DateMention> dates;
};

struct TaggedText {
  std::vector<TaggedSentence> sentences;
};

}  // namespace marsad::tag

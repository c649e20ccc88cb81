#pragma once
// Claim tagging: what a sentence claims, who claims it, its figures and how firmly.
#include <span>
#include <string_view>
#include <vector>

#include "common/tag/cues.h"
#include "common/tag/numbers.h"
#include "common/tag/tagging.h"
#include "common/text/analyzer.h"

namespace marsad::tag {

/** What the claim tagger may look back on: the claimant of the previous sentence continues a quote
 *  (أضاف، وتابع) and an unverifiability sentence covers the claims before it in the paragraph. */
struct ClaimContext {
  const TaggedSentence* previous = nullptr;
  /** The sentences before this one in its paragraph: an unverifiability note marks their claims
   *  unverified. Empty when the caller does not follow paragraphs. */
  std::span<TaggedSentence> paragraph;
};

/**
 * Finds the claims of one sentence from its tokens, entities, numbers and dates: triggers
 * (claim_triggers.tsv), the claimant (subject of a reporting verb, source after an attribution
 * marker), figures (numbers with counted nouns and qualifiers, a total with its breakdown), and the
 * negated, unverified, historical and hedged flags. Stateless apart from the cues: const, thread-safe.
 */
class ClaimTagger {
 public:
  explicit ClaimTagger(const Cues& cues = Cues::builtin());

  /** Fills sentence.claims; sentence.entities and sentence.dates are already found. */
  void tag(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
           const std::vector<NumberMention>& numbers, TaggedSentence& sentence, ClaimContext context) const;

 private:
  const Cues& cues_;
};

}  // namespace marsad::tag

#pragma once
// Near-duplicate detection for wire copies: a sketch of a text's word shingles (over the analysis
// chain's stems, so clitic and spelling variants do not hide a copy), the keys through which the
// index finds a new report's candidate copies, and the test that decides whether two sketches are
// copies of one story. The sketch keeps the shingles whose hash is 0 modulo kSampleRate (Broder's
// MOD-m sample): unlike a min-hash signature, it estimates containment as well as resemblance, so
// that a short version of a long report is found and recognised.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"

namespace marsad::story {

/** Words per shingle. */
inline constexpr std::size_t kShingleWords = 3;
/** One shingle in kSampleRate is kept in the sketch; one in kKeyRate is also a candidate key. */
inline constexpr std::uint64_t kSampleRate = 4;
inline constexpr std::uint64_t kKeyRate = 24;
/** A text with fewer distinct shingles or samples is too short to tell a copy from a look-alike:
 *  a story of its own. */
inline constexpr std::uint32_t kMinShingles = 12;
inline constexpr std::size_t kMinSamples = 3;
/** Words of a text's opening that make one more candidate key. */
inline constexpr std::size_t kLeadWords = 10;

/** When two sketches are one story: the estimated Jaccard similarity of their shingle sets, or
 *  the share of the smaller set the larger contains (a short version of a long report). */
struct Thresholds {
  /** Chosen on bench/stories/pairs.tsv (bench/README.md has the figures). */
  double jaccard = 0.3;
  double containment = 0.5;
  /** Copies of one dispatch appear within days; two dated reports further apart are two stories
   *  (a weekly statement with the same wording, the fourth and the fifth relief flight). */
  int max_days_apart = 3;
  /** One line naming the thresholds and the sketch's layout, stored in index metadata. */
  std::string describe() const;
};

/** The sketch of a text: its sampled shingle hashes, sorted, and its number of distinct shingles. */
struct Signature {
  std::vector<std::uint32_t> samples;
  std::uint32_t shingles = 0;
  std::uint64_t lead = 0;  // a hash of the first kLeadWords words; 0 for a shorter text (not stored)

  /** Whether the text is long enough to be compared (kMinShingles, kMinSamples). */
  bool comparable() const { return shingles >= kMinShingles && samples.size() >= kMinSamples; }
  /** The sketch of `tokens` (their stems; numbers as written). */
  static Signature of(const std::vector<text::AnalyzedToken>& tokens);
  /** As stored in a value slot; parse() reads it back (nullopt for anything else). */
  std::string serialise() const;
  static std::optional<Signature> parse(std::string_view bytes);
  /** The candidate keys: the samples that are also 0 modulo kKeyRate, and the opening's hash. Two
   *  texts with a key in common are candidates. Empty when the text is not comparable. */
  std::vector<std::uint64_t> candidate_keys() const;
};

/** Samples the two sketches share. */
std::size_t shared_samples(const Signature& a, const Signature& b);
/** Estimated Jaccard similarity of the two shingle sets: shared samples over samples of either. */
double estimated_jaccard(const Signature& a, const Signature& b);
/** Estimated share of the smaller shingle set found in the larger: shared samples over the samples
 *  of the smaller sketch. */
double estimated_containment(const Signature& a, const Signature& b);
/** When `a` and `b` are one story, how alike they are (the larger of the two estimates above, to
 *  choose among several candidates); nullopt when they are not. */
std::optional<double> same_story(const Signature& a, const Signature& b, const Thresholds& thresholds);

}  // namespace marsad::story

#pragma once
// The one description of what a Marsad index holds: term prefixes, value slots and metadata
// keys. The indexer writes and the searcher reads through these names only.
#include <string>
#include <string_view>
#include <xapian.h>

#include "common/text/utf8.h"

namespace marsad::schema {

/** Bumped whenever the layout below changes; the searcher refuses other versions. */
inline constexpr int kVersion = 7;

// ---- Term prefixes (Xapian conventions where one exists) ----
/** Unique record id: exactly one per document, used by replace_document. */
inline constexpr std::string_view kIdPrefix = "Q";
/** Stemmed word, with positions: what free text and phrases match (QueryParser STEM_ALL_Z). */
inline constexpr std::string_view kStemPrefix = "Z";
/** Title words again, stemmed, with positions, for title:WORDS: QueryParser writes a field's
 *  stemmed terms as Z + the field's prefix S. */
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kTitleStemPrefix = "ZS";
/** Normalized word as written, clitics and all, without positions: exact-word matching. */
inline constexpr std::string_view kWordPrefix = "";
/** Boolean filters. Dates are UTC calendar days. */
inline constexpr std::string_view kSourcePrefix = "XSRC";
inline constexpr std::string_view kDayPrefix = "D";    // YYYYMMDD
inline constexpr std::string_view kMonthPrefix = "M";  // YYYYMM
inline constexpr std::string_view kYearPrefix = "Y";   // YYYY
/** Entities by gazetteer id (or unlinked:surface), each with the ids of its ancestors too, so that
 *  a filter on a country finds reports tagged with its towns: an actor named as acting or speaking, a
 *  place named as where, a claim type, and the actor who makes a claim. */
inline constexpr std::string_view kActorPrefix = "XACT";
inline constexpr std::string_view kPlacePrefix = "XPLC";
inline constexpr std::string_view kClaimPrefix = "XCLM";
inline constexpr std::string_view kClaimantPrefix = "XCLT";
/** Stories (copies of one dispatch): every report has the term of its story's id (the id of the
 *  story's earliest report; its own when it has no copy), and one term per candidate key of its
 *  sketch (story::Signature::candidate_keys, as 16 hex digits), through which indexing finds a new
 *  report's candidate copies. */
inline constexpr std::string_view kStoryPrefix = "XSTORY";
inline constexpr std::string_view kCandidateKeyPrefix = "XCOPY";
/** The first report of a story that was later merged into another: one of that story's heads
 *  besides its first report, so that a later copy of it joins the story too. */
inline constexpr std::string_view kStoryHeadTerm = "XHEAD";
/** Documents whose date was taken from their text, not from the record. */
inline constexpr std::string_view kDateFromTextTerm = "XDATETEXT";
/** Documents whose date is unknown, so that they can be counted and found. */
inline constexpr std::string_view kNoDateTerm = "XNODATE";

/** Within-document frequency added per occurrence: title words weigh more than body words. */
inline constexpr Xapian::termcount kTitleWdf = 3;
inline constexpr Xapian::termcount kBodyWdf = 1;
/** Positions of the body start after the title with this gap, so phrases do not span them. */
inline constexpr Xapian::termpos kBodyPositionGap = 100;

// ---- Value slots ----
inline constexpr Xapian::valueno kDateSlot = 0;    // "YYYYMMDD", sorts by date
inline constexpr Xapian::valueno kSourceSlot = 1;  // source as written
/** Facet values: the distinct ids a document mentions (not their ancestors), sorted, '\n'-separated. */
inline constexpr Xapian::valueno kActorsSlot = 2;  // actor ids
inline constexpr Xapian::valueno kPlacesSlot = 3;  // place ids
inline constexpr Xapian::valueno kClaimsSlot = 4;  // claim types
inline constexpr Xapian::valueno kIdSlot = 5;           // the record id (as in the id term)
inline constexpr Xapian::valueno kBodyHashSlot = 6;     // hash of the normalized body: exact duplicates
inline constexpr Xapian::valueno kContentHashSlot = 7;  // hash of the stored record: unchanged on re-run
/** The days the text itself names (dates and periods), earliest and latest: "YYYYMMDD", absent when none. */
inline constexpr Xapian::valueno kTextDateFromSlot = 8;
inline constexpr Xapian::valueno kTextDateToSlot = 9;
inline constexpr Xapian::valueno kClaimantsSlot = 10;  // facet: the ids of the claimants of the report's claims
inline constexpr char kListSeparator = '\n';  // between the ids of a multi-valued slot
/** Every facet value of a document in one slot, so that one read per match counts them all: lines
 *  of a dimension letter and a value (kListSeparator between lines), from the slots above and the
 *  story slot below. */
inline constexpr Xapian::valueno kFacetKeysSlot = 11;
inline constexpr char kFacetActor = 'a', kFacetPlace = 'p', kFacetClaim = 'c', kFacetClaimant = 't',
                      kFacetSource = 's', kFacetDate = 'd', kFacetStory = 'y';
inline constexpr Xapian::valueno kStorySlot = 12;      // the story id (as in the story term): the collapse key
inline constexpr Xapian::valueno kSignatureSlot = 13;  // story::Signature::serialise(), when comparable
/** The exact duplicates kept as this report (record::kDuplicates), one line each: id, day
 *  ("YYYY-MM-DD" or empty) and source, tab-separated; so that a story counts them without parsing. */
inline constexpr Xapian::valueno kDuplicatesSlot = 14;

// ---- Database metadata keys ----
inline constexpr std::string_view kSchemaVersionKey = "marsad.schema";
/** AnalyzerSettings::describe() of the analysis that built the index. */
inline constexpr std::string_view kAnalysisKey = "marsad.analysis";
/** Number of shards and this shard's number ("0".."N-1"), in every shard. */
inline constexpr std::string_view kShardCountKey = "marsad.shards";
inline constexpr std::string_view kShardIndexKey = "marsad.shard";
/** The whole gazetteer the index was tagged with (Gazetteer::to_tsv()) and its fingerprint, so that
 *  queries resolve names to the ids indexing gave them, whatever file a user added. */
inline constexpr std::string_view kGazetteerKey = "marsad.gazetteer";
inline constexpr std::string_view kGazetteerFingerprintKey = "marsad.gazetteer.fingerprint";
/** "K/N" when the index holds partition K of N of its input (marsad-index --partition); absent or
 *  empty when it holds all of it. */
inline constexpr std::string_view kPartitionKey = "marsad.partition";
/** story::Thresholds::describe() of the clustering that grouped the index's reports into stories,
 *  or "off" (marsad-index --no-stories: every report a story of its own). */
inline constexpr std::string_view kStoriesKey = "marsad.stories";
/** "on" or "off" (marsad-index --no-tagging): whether documents carry entity and claim terms. */
inline constexpr std::string_view kTaggingKey = "marsad.tagging";

// ---- Stored record (the document data: one JSON object) ----
namespace record {
inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kBody = "body";
inline constexpr std::string_view kDate = "date";                  // "YYYY-MM-DD" or null
inline constexpr std::string_view kDateAsWritten = "date_as_written";
inline constexpr std::string_view kDateFromText = "date_from_text";  // true: kDate was read in the text
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kUrl = "url";
inline constexpr std::string_view kExtra = "extra";
inline constexpr std::string_view kOrigin = "origin";              // "file:line" it was read from
/** [{"id", "kind", "roles": ["actor", "place"], "mentions": N}] in order of first mention. */
inline constexpr std::string_view kEntities = "entities";
/** The claims of every sentence, as marsad-tag --format json gives them, each with "field" ("title"
 *  or "body") and "sentence": [begin, end] byte offsets into that field. */
inline constexpr std::string_view kClaims = "claims";
/** [{"id", "source", "date"}]: the reports with the same body, kept once as this one. */
inline constexpr std::string_view kDuplicates = "duplicates";
/** {"from", "to"}: the span of the dates the text names; absent when none. */
inline constexpr std::string_view kTextDates = "text_dates";
}  // namespace record

// ---- On-disk layout ----
/** An index is a directory of shard databases (shard-00, shard-01…) plus a Xapian stub file
 *  listing them, so that Xapian::Database(dir) opens all shards as one. */
inline constexpr std::string_view kStubFileName = "XAPIANDB";
inline std::string shard_directory_name(unsigned shard) {
  std::string name = "shard-";
  if (shard < 10) name += '0';
  name += std::to_string(shard);
  return name;
}

/** Xapian's limit on the length of a term, in bytes. */
inline constexpr std::size_t kMaxTermBytes = 245;

/** prefix + value, never longer than kMaxTermBytes: a longer value is cut and ends in a hash of
 *  the whole (text::fit_with_hash), so distinct values keep distinct terms. Every term goes
 *  through here. */
inline std::string term(std::string_view prefix, std::string_view value) {
  std::string t;
  t.reserve(prefix.size() + value.size());
  t.append(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    t.append(value);
  } else {
    t.append(text::fit_with_hash(value, kMaxTermBytes - prefix.size()));
  }
  return t;
}

}  // namespace marsad::schema

#pragma once
// The story step of indexing: each report joins the story of an earlier-indexed copy of it, or
// starts its own. Candidates come from the index itself (the key terms of what is committed) and
// from the reports written since the last commit it can see; each is verified on its signature.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/story/signature.h"
#include "indexer/document_builder.h"
#include "indexer/seen_keys.h"

namespace marsad::indexer {

/** How a story changed its id: its earliest report is now `to` (a report dated before its first). */
struct StoryRelabel {
  std::string from, to;
};

/**
 * Chooses the story of each report written to one index, in the order they are written; runs on
 * one thread. Invariants: a story's id is the id of its earliest-dated report (the first indexed
 * on a tie or without dates); a report whose body is unchanged since it was indexed keeps its
 * story, so that a re-run changes nothing.
 */
class StoryClusterer {
 public:
  /** `index_path` is the index being written (already created); `index_existed` whether it held
   *  reports before this run (else no report can keep a story from an earlier run). */
  StoryClusterer(const std::string& index_path, const story::Thresholds& thresholds, bool index_existed);

  /** Sets the story of `record`'s document. When a report dated before its story's first joins it,
   *  the story takes the report's id, and when it joins two stories split earlier they become one:
   *  the relabels are returned, for the documents already written. */
  std::vector<StoryRelabel> assign(AnalysedRecord& record);
  /** Tells that every commit asked for is complete and none is running (call it between
   *  IndexWriter::wait_for_commits() and the next commit): the reports written before the last commit
   *  are in the index now and need not be kept in memory. The index is read at this revision only,
   *  so that the stories do not depend on how fast the writers go. */
  void committed();

  /** Reports that joined a story of an earlier one (not counting those kept on a re-run). */
  std::uint64_t joined() const { return joined_; }

 private:
  /** What the clusterer compares of a report. */
  struct Report {
    std::string id, day, places;  // day: YYYYMMDD or empty; places: the places slot (ids, sorted)
    story::Signature signature;
  };
  struct Recent {
    Report report;
    std::string story;
    std::uint64_t generation = 0;
  };
  static std::optional<Report> report_of(const Xapian::Document& doc);
  /** `read()`, again on the newest revision when a commit replaced the one being read. */
  template <class Read>
  auto reading(Read&& read) -> decltype(read());
  /** The story an earlier run gave `record`, when its body has not changed since (and the mark of
   *  a head, when it had one). */
  std::optional<std::string> kept_story(AnalysedRecord& record);
  /** How alike `a` and `b` are when one is a copy of the other, else nullopt: the sketches pass the
   *  thresholds, the days are close enough and, when both name places, they name one in common. */
  std::optional<double> copies(const Report& a, const Report& b) const;
  /** The stories `report` joins: among the stories of the copies found, the most alike that has a
   *  head it is a copy of too, then any other whose first report it resembles as a whole and is
   *  related to the first one's. */
  std::vector<std::string> stories_to_join(const Report& report);
  /** Whether two first reports are close enough for a report that resembles both to merge their
   *  stories (a looser test than copies()). */
  bool related(const Report& a, const Report& b) const;
  /** Whether `report` is a copy of one of `story`'s heads: its `first` report (first_report()), or
   *  the first report of a story merged into it (true when the first report is gone). */
  bool copies_a_head(const Report& report, const std::string& story, const std::optional<Report>& first);
  /** Story `from` is merged into `to`: its first report and heads become heads of `to`. */
  void add_heads(const std::string& to, const std::string& from);
  /** `story` after the relabels of this run. */
  std::string current(std::string story) const;
  /** The report whose id is `story`: among the recent ones, or in the index. */
  std::optional<Report> first_report(const std::string& story);
  void remember(const Report& report, const std::string& story);
  /** The sketch of index document `docid`, read once (nullopt for a document without one). */
  const std::optional<story::Signature>& sketch_of(Xapian::docid docid);
  /** Drops the remembered sketch of the document of `id`, about to be replaced. */
  void forget_sketch(const std::string& id);

  story::Thresholds thresholds_;
  Xapian::Database reader_;
  bool index_existed_ = true;
  std::uint64_t generation_ = 0;
  std::deque<Recent> recent_;                                                  // oldest first
  std::uint64_t dropped_ = 0;                                                  // recent_ entries dropped so far
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> recent_keys_;  // candidate key → recent_ numbers
  std::unordered_map<std::string, std::uint64_t> recent_ids_;                  // id → recent_ number
  struct Sketch {
    std::string id;
    std::optional<story::Signature> signature;
  };
  std::unordered_map<Xapian::docid, Sketch> sketches_;               // index documents' sketches, by docid
  std::unordered_map<std::string, Xapian::docid> sketched_ids_;      // their ids
  SeenKeys seen_keys_;  // the keys of the reports in the index that are no longer in recent_
  std::unordered_map<std::string, std::string> relabelled_;                    // old story id → new
  std::unordered_map<std::string, std::vector<std::string>> heads_;            // story → its other heads
  std::uint64_t joined_ = 0;
};

}  // namespace marsad::indexer

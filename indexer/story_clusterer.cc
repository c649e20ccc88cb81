#include "indexer/story_clusterer.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include "common/date/civil_date.h"
#include "common/hash.h"
#include "common/index_terms.h"
#include "common/schema.h"

namespace marsad::indexer {
namespace {

/** Postings walked per key term, the oldest first (a key shared by thousands of reports is
 *  boilerplate, and the oldest reports of a big story include its first), and candidates from the
 *  index verified per report: enough to meet a story and a few look-alikes besides, at a cost that
 *  does not grow with the index (bench/README.md, "bench/stories"). */
constexpr std::size_t kMaxPostingsPerKey = 64;
constexpr std::size_t kMaxVerified = 8;
/** Two stories' first reports are related, so that a report resembling both may merge them, when
 *  they meet this share of the copy thresholds: versions of one dispatch that drifted apart, not a
 *  digest's two unrelated items (bench/README.md, "bench/stories"). */
constexpr double kRelatedShare = 0.5;
/** First reports of the stories merged into one that are kept as its heads besides its first. */
constexpr std::size_t kMaxHeads = 8;
/** Sketches of index documents kept in memory (about 0.5 KB each) before they are all dropped. */
constexpr std::size_t kMaxSketches = 1 << 16;

std::uint64_t from_eight_bytes(const std::string& s) {
  std::uint64_t v = 0;
  for (unsigned char c : s) v = (v << 8) | c;
  return v;
}

/** Days between two days "YYYYMMDD" (0 when either is no day). */
std::int64_t days_apart(const std::string& a, const std::string& b) {
  auto x = date::CivilDate::from_yyyymmdd(a), y = date::CivilDate::from_yyyymmdd(b);
  if (!x || !y) return 0;
  return std::abs(x->days_since_epoch() - y->days_since_epoch());
}

/** Whether two sorted lists of lines (schema::kListSeparator between them) have one in common. */
bool share_a_line(std::string_view a, std::string_view b) {
  auto lines = [](std::string_view list) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t end = list.find(schema::kListSeparator, start);
      if (end == std::string_view::npos) end = list.size();
      if (end > start) out.push_back(list.substr(start, end - start));
      start = end + 1;
    }
    return out;
  };
  const auto x = lines(a), y = lines(b);
  for (std::string_view line : x)
    if (std::find(y.begin(), y.end(), line) != y.end()) return true;
  return false;
}

}  // namespace

/** What the clusterer compares of a document in the index; nullopt without a sketch. */
std::optional<StoryClusterer::Report> StoryClusterer::report_of(const Xapian::Document& doc) {
  std::optional<story::Signature> signature = story::Signature::parse(doc.get_value(schema::kSignatureSlot));
  if (!signature) return std::nullopt;
  return Report{doc.get_value(schema::kIdSlot), doc.get_value(schema::kDateSlot), doc.get_value(schema::kPlacesSlot),
                std::move(*signature)};
}

StoryClusterer::StoryClusterer(const std::string& index_path, const story::Thresholds& thresholds, bool index_existed)
    : thresholds_(thresholds), reader_(index_path), index_existed_(index_existed) {
  if (!index_existed_) return;
  // The keys earlier runs wrote; this run's are added as its reports are assigned.
  const std::string prefix(schema::kCandidateKeyPrefix);
  reading([&] {
    for (auto it = reader_.allterms_begin(prefix); it != reader_.allterms_end(prefix); ++it)
      seen_keys_.add(std::strtoull((*it).c_str() + prefix.size(), nullptr, 16));
    return 0;
  });
}

template <class Read>
auto StoryClusterer::reading(Read&& read) -> decltype(read()) {
  // The writer's commits may replace the revision being read: read the newest one again.
  for (int attempt = 0;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 10) throw;
      reader_.reopen();
    }
  }
}

std::vector<StoryRelabel> StoryClusterer::assign(AnalysedRecord& record) {
  Xapian::Document& doc = record.document;
  forget_sketch(record.id);  // the report is written again: its document will hold this text
  if (auto kept = index_existed_ ? reading([&] { return kept_story(record); }) : std::nullopt) {
    set_story(doc, *kept);
    if (record.signature)
      remember({record.id, doc.get_value(schema::kDateSlot), doc.get_value(schema::kPlacesSlot), *record.signature}, *kept);
    return {};
  }
  if (!record.signature) return {};  // too short to compare: a story of its own
  const Report report{record.id, doc.get_value(schema::kDateSlot), doc.get_value(schema::kPlacesSlot), *record.signature};
  const std::vector<std::string> stories = reading([&] { return stories_to_join(report); });
  if (stories.empty()) {
    remember(report, record.id);
    return {};
  }
  ++joined_;
  // The stories become one, under the id of the earliest first report among them and the report's.
  std::string target = stories.front(), target_day;
  for (const std::string& story : stories) {
    const std::optional<Report> first = reading([&] { return first_report(story); });
    const std::string day = first ? first->day : "";
    if (story == stories.front() || (!day.empty() && (target_day.empty() || day < target_day))) {
      target = story;
      target_day = day;
    }
  }
  if (!report.day.empty() && (target_day.empty() || report.day < target_day)) target = record.id;
  std::vector<StoryRelabel> relabels;
  relabelled_.erase(target);  // a live story again (a report re-indexed under its old id): no cycle
  for (const std::string& story : stories) {
    if (story == target) continue;
    relabels.push_back({story, target});
    relabelled_[story] = target;
    for (Recent& r : recent_)
      if (r.story == story) r.story = target;
    add_heads(target, story);
  }
  set_story(doc, target);
  remember(report, target);
  return relabels;
}

void StoryClusterer::committed() {
  ++generation_;
  reader_.reopen();
  // What was written before the previous commit is in the index now.
  while (!recent_.empty() && recent_.front().generation + 1 < generation_) {
    const Report& old = recent_.front().report;
    for (std::uint64_t key : old.signature.candidate_keys()) {
      seen_keys_.add(key);  // the index answers for it now
      auto it = recent_keys_.find(key);
      if (it == recent_keys_.end()) continue;
      std::erase(it->second, dropped_);
      if (it->second.empty()) recent_keys_.erase(it);
    }
    if (auto it = recent_ids_.find(old.id); it != recent_ids_.end() && it->second == dropped_) recent_ids_.erase(it);
    recent_.pop_front();
    ++dropped_;
  }
}

std::optional<std::string> StoryClusterer::kept_story(AnalysedRecord& record) {
  const std::string id_term = schema::term(schema::kIdPrefix, record.id);
  Xapian::PostingIterator it = reader_.postlist_begin(id_term);
  if (it == reader_.postlist_end(id_term)) return std::nullopt;
  Xapian::Document existing = reader_.get_document(*it, Xapian::DOC_ASSUME_VALID);
  if (from_eight_bytes(existing.get_value(schema::kBodyHashSlot)) != record.body_hash) return std::nullopt;
  std::string story = existing.get_value(schema::kStorySlot);
  if (story.empty()) return std::nullopt;
  // Still a head: looked up in the marker's short posting list, not the document's long term list.
  const std::string marker(schema::kStoryHeadTerm);
  Xapian::PostingIterator head = reader_.postlist_begin(marker);
  head.skip_to(*it);
  if (head != reader_.postlist_end(marker) && *head == *it) record.document.add_boolean_term(marker);
  return current(std::move(story));
}

std::optional<double> StoryClusterer::copies(const Report& a, const Report& b) const {
  if (!a.day.empty() && !b.day.empty() && days_apart(a.day, b.day) > thresholds_.max_days_apart) return std::nullopt;
  if (!a.places.empty() && !b.places.empty() && !share_a_line(a.places, b.places)) return std::nullopt;
  return story::same_story(a.signature, b.signature, thresholds_);
}

bool StoryClusterer::related(const Report& a, const Report& b) const {
  return story::estimated_jaccard(a.signature, b.signature) >= kRelatedShare * thresholds_.jaccard ||
         story::estimated_containment(a.signature, b.signature) >= kRelatedShare * thresholds_.containment;
}

std::vector<std::string> StoryClusterer::stories_to_join(const Report& report) {
  // The stories of the copies found, each with its best similarity.
  std::unordered_map<std::string, double> stories;
  auto consider = [&](const Report& candidate, const std::string& story) {
    if (candidate.id == report.id) return;
    std::optional<double> similarity = copies(report, candidate);
    if (!similarity) return;
    double& best = stories[current(story)];
    best = std::max(best, *similarity);
  };

  const std::vector<std::uint64_t> keys = report.signature.candidate_keys();
  std::unordered_set<std::string> seen_ids;
  for (std::uint64_t key : keys) {
    auto it = recent_keys_.find(key);
    if (it == recent_keys_.end()) continue;
    for (std::uint64_t number : it->second) {
      const Recent& r = recent_[number - dropped_];
      if (seen_ids.insert(r.report.id).second) consider(r.report, r.story);
    }
  }
  // Reports in the index: those that share the most keys first (the likeliest copies), and only a
  // few of them read, since reading a document costs far more than walking a posting list.
  std::unordered_map<Xapian::docid, unsigned> shared_keys;
  for (std::uint64_t key : keys) {
    if (!seen_keys_.might_contain(key)) continue;  // no report the reader sees has it: nothing to open
    const std::string term = schema::term(schema::kCandidateKeyPrefix, hex64(key));
    std::size_t read = 0;
    for (auto it = reader_.postlist_begin(term); it != reader_.postlist_end(term) && read < kMaxPostingsPerKey;
         ++it, ++read)
      ++shared_keys[*it];
  }
  std::vector<std::pair<unsigned, Xapian::docid>> likeliest;
  likeliest.reserve(shared_keys.size());
  for (const auto& [docid, keys_shared] : shared_keys) likeliest.emplace_back(keys_shared, docid);
  const std::size_t verified = std::min(likeliest.size(), kMaxVerified);
  std::partial_sort(likeliest.begin(), likeliest.begin() + static_cast<std::ptrdiff_t>(verified), likeliest.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t i = 0; i < verified; ++i) {
    // Each value is a look-up of its own: the sketch first (remembered, since the reports that
    // share common keys come up again and again), the rest only for a candidate that passes.
    const Xapian::docid docid = likeliest[i].second;
    const std::optional<story::Signature>& signature = sketch_of(docid);
    if (!signature || !story::same_story(report.signature, *signature, thresholds_)) continue;
    Xapian::Document doc = reader_.get_document(docid, Xapian::DOC_ASSUME_VALID);
    const Report candidate{doc.get_value(schema::kIdSlot), doc.get_value(schema::kDateSlot),
                           doc.get_value(schema::kPlacesSlot), *signature};
    if (!seen_ids.count(candidate.id)) consider(candidate, doc.get_value(schema::kStorySlot));
  }

  // The most alike first (then the lower id, so that the order candidates were met in does not
  // matter), if the report is a copy of the story's first report too: a story is the copies of
  // one dispatch, not a chain of look-alikes. Other stories whose first report it resembles as a
  // whole (not only contains) are the same dispatch, split earlier: they are joined too.
  std::vector<std::pair<double, std::string>> ranked;
  for (auto& [story, similarity] : stories) ranked.emplace_back(similarity, story);
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> joined;
  std::optional<Report> joined_first;
  for (const auto& [similarity, story] : ranked) {
    if (story == report.id) continue;
    if (joined.empty()) {
      std::optional<Report> first = first_report(story);
      if (copies_a_head(report, story, first)) {
        joined.push_back(story);
        joined_first = std::move(first);
      }
    } else {
      const std::optional<Report> first = first_report(story);
      if (first && copies(report, *first) &&
          story::estimated_jaccard(report.signature, first->signature) >= thresholds_.jaccard &&
          (!joined_first || related(*joined_first, *first)))
        joined.push_back(story);
    }
  }
  return joined;
}

bool StoryClusterer::copies_a_head(const Report& report, const std::string& story, const std::optional<Report>& first) {
  if (!first) return true;  // no first report any more: the copy found will do
  if (copies(report, *first)) return true;
  // The heads merged in this run, then those the index marks (under the story's id, or under the
  // id of a story merged in this run, until the commit that moves its reports).
  std::vector<std::string> stories{story};
  if (auto it = heads_.find(story); it != heads_.end()) {
    for (const std::string& head : it->second)
      if (std::optional<Report> other = first_report(head); other && copies(report, *other)) return true;
    stories.insert(stories.end(), it->second.begin(), it->second.end());
  }
  const std::string marker(schema::kStoryHeadTerm);
  std::size_t checked = 0;
  for (const std::string& s : stories) {
    const std::string term = schema::term(schema::kStoryPrefix, s);
    Xapian::PostingIterator heads = reader_.postlist_begin(marker);
    for (auto it = reader_.postlist_begin(term); it != reader_.postlist_end(term) && checked < kMaxHeads; ++it) {
      heads.skip_to(*it);
      if (heads == reader_.postlist_end(marker)) break;
      if (*heads != *it) continue;
      ++checked;
      if (std::optional<Report> head = report_of(reader_.get_document(*it, Xapian::DOC_ASSUME_VALID));
          head && head->id != first->id && copies(report, *head))
        return true;
    }
  }
  return false;
}

void StoryClusterer::add_heads(const std::string& to, const std::string& from) {
  std::vector<std::string>& heads = heads_[to];
  auto add = [&](const std::string& head) {
    if (head != to && heads.size() < kMaxHeads && std::find(heads.begin(), heads.end(), head) == heads.end())
      heads.push_back(head);
  };
  add(from);
  if (auto it = heads_.find(from); it != heads_.end()) {
    for (const std::string& head : it->second) add(head);
    heads_.erase(it);
  }
}

const std::optional<story::Signature>& StoryClusterer::sketch_of(Xapian::docid docid) {
  auto it = sketches_.find(docid);
  if (it != sketches_.end()) return it->second.signature;
  if (sketches_.size() >= kMaxSketches) {
    sketches_.clear();
    sketched_ids_.clear();
  }
  Xapian::Document doc = reader_.get_document(docid, Xapian::DOC_ASSUME_VALID);
  std::string id = doc.get_value(schema::kIdSlot);
  sketched_ids_[id] = docid;
  Sketch& sketch = sketches_[docid];
  sketch.id = std::move(id);
  sketch.signature = story::Signature::parse(doc.get_value(schema::kSignatureSlot));
  return sketch.signature;
}

void StoryClusterer::forget_sketch(const std::string& id) {
  auto it = sketched_ids_.find(id);
  if (it == sketched_ids_.end()) return;
  sketches_.erase(it->second);
  sketched_ids_.erase(it);
}

std::string StoryClusterer::current(std::string story) const {
  for (auto it = relabelled_.find(story); it != relabelled_.end(); it = relabelled_.find(story)) story = it->second;
  return story;
}

std::optional<StoryClusterer::Report> StoryClusterer::first_report(const std::string& story) {
  if (auto it = recent_ids_.find(story); it != recent_ids_.end()) return recent_[it->second - dropped_].report;
  const std::string id_term = schema::term(schema::kIdPrefix, story);
  Xapian::PostingIterator it = reader_.postlist_begin(id_term);
  if (it == reader_.postlist_end(id_term)) return std::nullopt;
  return report_of(reader_.get_document(*it, Xapian::DOC_ASSUME_VALID));
}

void StoryClusterer::remember(const Report& report, const std::string& story) {
  const std::uint64_t number = dropped_ + recent_.size();
  recent_.push_back(Recent{report, story, generation_});
  recent_ids_[report.id] = number;
  for (std::uint64_t key : report.signature.candidate_keys()) recent_keys_[key].push_back(number);
}

}  // namespace marsad::indexer

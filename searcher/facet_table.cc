#include "searcher/facet_table.h"

#include <algorithm>
#include <optional>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>

#include "common/schema.h"

namespace marsad::searcher {
namespace {

bool has_ancestors(FacetDimension d) {
  return d == FacetDimension::Actor || d == FacetDimension::Place || d == FacetDimension::Claimant;
}

/** Reports (or stories) per key of a set of reports added one at a time; with the roll-up, a
 *  report counts once toward each ancestor however many of its descendants it names. Stories are
 *  counted at the end: the matches are grouped by story, and a story counts once per key (once in
 *  the date histogram, on its earliest matching day). */
class Counter {
 public:
  Counter(const FacetKeys& table, bool rollup, CountUnit unit, bool keys = true)
      : table_(table), rollup_(rollup), unit_(unit), keys_(keys), counts_(keys ? table.key_count() : 0, 0) {
    if (rollup_ || unit_ == CountUnit::Stories) last_group_.assign(counts_.size(), 0);
  }
  void add(std::size_t shard, Xapian::docid id) {
    if (unit_ == CountUnit::Stories) {
      // The reports of larger stories wait to be grouped; a report alone in its story counts as it
      // would among reports (its keys are distinct, and it has one day at most).
      if (const std::uint32_t story = table_.story(shard, id); story != 0) {
        matches_.push_back({story, table_.story_keys(shard, id)});
        return;
      }
      ++stories_;
    }
    if (!keys_) return;
    if (!rollup_) {
      for (FacetKey k : table_.keys(shard, id)) ++counts_[k];
      return;
    }
    ++group_;
    for (FacetKey k : table_.keys(shard, id)) count_once(k);
  }
  /** The number of stories added (`reports` when counting reports: their number). */
  Xapian::doccount total(Xapian::doccount reports) {
    finish();
    return unit_ == CountUnit::Reports ? reports : stories_;
  }
  /** The tallies of `dimensions`; `reports` is the number of reports added. */
  FacetTallies tallies(const std::vector<FacetDimension>& dimensions, Xapian::doccount reports) {
    FacetTallies t;
    t.total = total(reports);
    t.owner = table_.shared_from_this();
    for (FacetDimension d : dimensions) t.counts[static_cast<std::size_t>(d)].emplace();
    for (FacetKey k = 0; k < counts_.size(); ++k) {
      if (counts_[k] == 0) continue;
      std::optional<ValueCounts>& c = t.counts[static_cast<std::size_t>(table_.dimension(k))];
      if (c) c->emplace_back(table_.value(k), counts_[k]);
    }
    return t;
  }

 private:
  struct Match {
    std::uint32_t story;
    std::span<const FacetKey> keys;  // from FacetKeys::story_keys
  };

  /** Counts key `k` (and its ancestors with the roll-up) toward the current group, once. */
  void count_once(FacetKey k) {
    if (!rollup_) {
      if (last_group_[k] != group_) {
        last_group_[k] = group_;
        ++counts_[k];
      }
      return;
    }
    for (FacetKey each : table_.lineage(k))
      if (last_group_[each] != group_) {
        last_group_[each] = group_;
        ++counts_[each];
      }
  }

  void finish() {
    if (finished_ || unit_ == CountUnit::Reports) return;
    finished_ = true;
    // Grouped by story with a counting sort, since story numbers are dense (a comparison sort of
    // 30,000 matches costs milliseconds); a match without a story is a story of its own.
    std::vector<std::uint32_t> start(static_cast<std::size_t>(table_.story_count()) + 2, 0);
    for (const Match& m : matches_) ++start[m.story + 1];
    for (std::size_t s = 1; s < start.size(); ++s) start[s] += start[s - 1];
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    std::vector<Match> grouped(matches_.size());
    for (const Match& m : matches_) grouped[fill[m.story]++] = m;
    for (std::size_t i = 0; i < grouped.size();) {
      const std::size_t end = grouped[i].story == 0 ? i + 1 : start[grouped[i].story + 1];
      count_story(grouped.data() + i, grouped.data() + end);
      i = end;
    }
  }

  /** Counts one story, whose matches are [first, last): each key once, the date on its earliest day. */
  void count_story(const Match* first, const Match* last) {
    ++stories_;
    ++group_;
    if (!keys_) return;
    std::optional<FacetKey> first_day;
    for (const Match* m = first; m != last; ++m) {
      for (FacetKey k : m->keys) {
        if (table_.dimension(k) != FacetDimension::Date) count_once(k);
        else if (!first_day || table_.value(k) < table_.value(*first_day)) first_day = k;
      }
    }
    if (first_day) ++counts_[*first_day];
  }

  const FacetKeys& table_;
  bool rollup_;
  CountUnit unit_;
  bool keys_;  // whether to count the keys, not just the reports or stories
  std::vector<Xapian::doccount> counts_;  // by key
  std::vector<std::uint32_t> last_group_;  // by key: the last report or story counted toward it
  std::uint32_t group_ = 0;                // the current report or story, from 1
  std::vector<Match> matches_;             // counting stories
  Xapian::doccount stories_ = 0;
  bool finished_ = false;
};

/** Counts the keys of each match of one shard: the document itself is never read. */
class ShardSpy : public Xapian::MatchSpy {
 public:
  ShardSpy(Counter& counter, std::size_t shard) : counter_(counter), shard_(shard) {}
  void operator()(const Xapian::Document& doc, double) override { counter_.add(shard_, doc.get_docid()); }
  std::string name() const override { return "marsad.FacetTableSpy"; }

 private:
  Counter& counter_;
  std::size_t shard_;
};

std::vector<FacetDimension> or_all(const std::vector<FacetDimension>& dimensions) {
  if (!dimensions.empty()) return dimensions;
  return {std::begin(kFacetDimensions), std::end(kFacetDimensions)};
}

}  // namespace

std::shared_ptr<const FacetKeys> FacetKeys::of(const std::vector<std::pair<std::string, Xapian::Database>>& shards,
                                               const tag::Gazetteer& gazetteer) {
  // Keys read by any searcher of the process, by the shards' names and revisions and the gazetteer.
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const FacetKeys>> shared;
  std::string name = gazetteer.fingerprint();
  std::vector<Xapian::Database> databases;
  for (const auto& [where, db] : shards) {
    name += '\n' + where + '@' + std::to_string(db.get_revision());
    databases.push_back(db);
  }
  // Read under the lock: a second searcher after a commit waits for the first's keys.
  std::lock_guard lock(mutex);
  std::erase_if(shared, [](const auto& entry) { return entry.second.expired(); });
  if (auto it = shared.find(name); it != shared.end())
    if (auto keys = it->second.lock()) return keys;
  std::shared_ptr<const FacetKeys> keys(new FacetKeys(databases, gazetteer));
  shared[name] = keys;
  return keys;
}

FacetKeys::FacetKeys(const std::vector<Xapian::Database>& shards, const tag::Gazetteer& gazetteer) {
  lineage_offsets_.push_back(0);
  std::unordered_map<std::string, FacetKey, TransparentHash, std::equal_to<>> interned;  // key line → key
  // Interns a key line (dimension letter + value); an entity's ancestors first, so that its
  // lineage can list their keys.
  auto intern = [&](auto& self, std::string_view line) -> FacetKey {
    if (auto it = interned.find(line); it != interned.end()) return it->second;
    const FacetDimension d = *facet_dimension_of(line.front());
    const std::string_view value = line.substr(1);
    std::vector<FacetKey> ancestors;
    if (has_ancestors(d)) {
      for (const tag::Entity* e : gazetteer.lineage(value)) {
        if (e->id == value) continue;
        std::string ancestor(1, facet_letter(d));
        ancestor += e->id;
        ancestors.push_back(self(self, ancestor));
      }
    }
    const auto key = static_cast<FacetKey>(values_.size());
    values_.emplace_back(value);
    dimensions_.push_back(d);
    interned.emplace(std::string(line), key);
    lineage_.push_back(key);
    lineage_.insert(lineage_.end(), ancestors.begin(), ancestors.end());
    lineage_offsets_.push_back(static_cast<std::uint32_t>(lineage_.size()));
    return key;
  };
  std::unordered_map<std::string, std::uint32_t, TransparentHash, std::equal_to<>> stories;  // story id → number
  auto intern_story = [&](std::string_view id) -> std::uint32_t {
    if (auto it = stories.find(id); it != stories.end()) return it->second;
    const auto number = static_cast<std::uint32_t>(stories.size() + 1);
    stories.emplace(std::string(id), number);
    return number;
  };
  std::vector<FacetKey> doc_keys;
  for (const Xapian::Database& db : shards) {
    Shard& shard = shards_.emplace_back();
    const Xapian::docid last = db.get_lastdocid();
    shard.offsets.assign(static_cast<std::size_t>(last) + 2, 0);
    Xapian::docid next = 1;  // the first document whose offset is not set yet
    const Xapian::valueno slot = schema::kFacetKeysSlot;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      const Xapian::docid id = it.get_docid();
      const std::string lines = *it;
      doc_keys.clear();
      std::uint32_t story = 0;
      for (std::size_t start = 0; start < lines.size();) {
        std::size_t end = lines.find(schema::kListSeparator, start);
        if (end == std::string::npos) end = lines.size();
        const std::string_view line(lines.data() + start, end - start);
        if (line.size() > 1 && facet_dimension_of(line.front())) doc_keys.push_back(intern(intern, line));
        else if (line.size() > 1 && line.front() == schema::kFacetStory) story = intern_story(line.substr(1));
        start = end + 1;
      }
      std::sort(doc_keys.begin(), doc_keys.end());
      doc_keys.erase(std::unique(doc_keys.begin(), doc_keys.end()), doc_keys.end());
      while (next <= id) shard.offsets[next++] = static_cast<std::uint32_t>(shard.keys.size());
      shard.keys.insert(shard.keys.end(), doc_keys.begin(), doc_keys.end());
      if (story != 0) {
        if (shard.stories.size() <= id) shard.stories.resize(static_cast<std::size_t>(last) + 1, 0);
        shard.stories[id] = story;
      }
    }
    while (next <= last + 1) shard.offsets[next++] = static_cast<std::uint32_t>(shard.keys.size());
  }
  // A story of one report is no story to group: its report is marked as one of its own (0).
  std::vector<std::uint32_t> reports_of(stories.size() + 1, 0);
  for (const Shard& shard : shards_)
    for (std::uint32_t story : shard.stories) ++reports_of[story];
  for (Shard& shard : shards_)
    for (std::uint32_t& story : shard.stories)
      if (story != 0 && reports_of[story] == 1) story = 0;
  // The keys of the other stories' reports again, story by story (a counting sort by story).
  std::vector<std::uint32_t> story_start(stories.size() + 2, 0);
  for (const Shard& shard : shards_)
    for (std::size_t id = 0; id < shard.stories.size(); ++id)
      if (shard.stories[id] != 0) story_start[shard.stories[id] + 1] += shard.offsets[id + 1] - shard.offsets[id];
  for (std::size_t i = 1; i < story_start.size(); ++i) story_start[i] += story_start[i - 1];
  story_keys_.resize(story_start.back());
  for (Shard& shard : shards_) {
    shard.story_keys_at.assign(shard.stories.size(), 0);
    for (std::size_t id = 0; id < shard.stories.size(); ++id) {
      const std::uint32_t story = shard.stories[id];
      if (story == 0) continue;
      shard.story_keys_at[id] = story_start[story];
      for (std::uint32_t k = shard.offsets[id]; k < shard.offsets[id + 1]; ++k) story_keys_[story_start[story]++] = shard.keys[k];
    }
  }
  story_count_ = static_cast<std::uint32_t>(stories.size());
}

FacetTable::FacetTable(std::vector<Xapian::Database> shards, std::shared_ptr<const FacetKeys> keys)
    : shards_(std::move(shards)), keys_(std::move(keys)) {}

std::unique_ptr<FacetTable> FacetTable::open(std::vector<std::pair<std::string, Xapian::Database>> shards,
                                             const tag::Gazetteer& gazetteer) {
  std::shared_ptr<const FacetKeys> keys = FacetKeys::of(shards, gazetteer);
  std::vector<Xapian::Database> databases;
  for (auto& [where, db] : shards) databases.push_back(std::move(db));
  return std::make_unique<FacetTable>(std::move(databases), std::move(keys));
}

namespace {

/** The reports `query` matches in every shard, counted (each also added to `counter` when given). */
Xapian::doccount match_every_shard(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                   Counter* counter) {
  Xapian::doccount total = 0;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    Xapian::Enquire enquire(shards[s]);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::optional<ShardSpy> spy;
    if (counter) enquire.add_matchspy(&spy.emplace(*counter, s));
    // Checking every document makes Xapian count the matches instead of estimating them.
    total += enquire.get_mset(0, 0, shards[s].get_doccount()).get_matches_estimated();
  }
  return total;
}

}  // namespace

FacetTallies FacetTable::tally(const Xapian::Query& query, const std::vector<FacetDimension>& dimensions,
                               bool rollup, CountUnit unit) const {
  Counter counter(*keys_, rollup, unit);
  const Xapian::doccount reports = match_every_shard(shards_, query, &counter);
  return counter.tallies(or_all(dimensions), reports);
}

Xapian::doccount FacetTable::count(const Xapian::Query& query, CountUnit unit) const {
  if (unit == CountUnit::Reports) return match_every_shard(shards_, query, nullptr);
  Counter counter(*keys_, false, unit, false);
  return counter.total(match_every_shard(shards_, query, &counter));
}

FacetTallies FacetTable::tally_all(bool rollup, CountUnit unit) const {
  Counter counter(*keys_, rollup, unit);
  Xapian::doccount total = 0;
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    total += shards_[s].get_doccount();
    // Document ids without keys are those of deleted reports (every report has its story's key).
    for (Xapian::docid id = 1; id <= keys_->last_docid(s); ++id)
      if (!keys_->keys(s, id).empty()) counter.add(s, id);
  }
  return counter.tallies(or_all({}), total);
}

}  // namespace marsad::searcher

#include "indexer/index_writer.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <unordered_set>
#include <variant>

#include <nlohmann/json.hpp>

#include "common/errors.h"
#include "common/hash.h"
#include "common/index_metadata.h"
#include "common/index_terms.h"
#include "common/schema.h"

namespace fs = std::filesystem;

namespace marsad::indexer {
namespace {

std::uint64_t from_eight_bytes(const std::string& s) {
  std::uint64_t v = 0;
  for (unsigned char c : s) v = (v << 8) | c;
  return v;
}

struct AddDuplicate {
  std::string kept_id;
  DuplicateReport duplicate;
};
struct RelabelStory {
  std::string from, to;
};
struct Commit {
  std::promise<void> done;
};
using Operation = std::variant<AnalysedRecord, AddDuplicate, RelabelStory, Commit>;

/** A folder or file of the index this process may not write: one clear line rather than Xapian's
 *  report of a lock it could not take. */
void require_writable(const fs::path& path) {
  if (::access(path.c_str(), W_OK) != 0 && errno == EACCES)
    throw InputError(path.string() + ": cannot write to the index: " + std::strerror(errno));
}

Xapian::WritableDatabase open_shard(const std::string& index_path, const std::string& shard_path, int flags) {
  std::error_code ec;
  if (fs::exists(shard_path, ec)) {
    require_writable(shard_path);
    for (const auto& entry : fs::directory_iterator(shard_path, ec)) require_writable(entry.path());
  }
  try {
    return Xapian::WritableDatabase(shard_path, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    if (e.get_error_string() && std::string_view(e.get_error_string()) != "")
      throw InputError(index_path + ": cannot lock shard " + shard_path + ": " + e.get_error_string());
    throw InputError(index_path + " is locked by another writer (is another marsad-index running on it?)");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw InputError(index_path + ": cannot open shard " + shard_path + ": " + e.get_msg());
  }
}

}  // namespace

struct IndexWriter::Shard {
  Xapian::WritableDatabase db;
  BlockingQueue<Operation> queue{256};
  std::thread thread;
  WriteCounts counts;
  bool fresh = false;                        // created by this run: only ids seen below exist
  std::unordered_set<std::string> written;   // ids written to a fresh shard

  void run(IndexWriter& owner) {
    std::optional<std::promise<void>> pending;  // the commit in progress, to be told of a failure
    try {
      while (auto op = queue.pop()) {
        if (auto* record = std::get_if<AnalysedRecord>(&*op)) {
          write(*record);
        } else if (auto* dup = std::get_if<AddDuplicate>(&*op)) {
          add_duplicate(*dup);
        } else if (auto* relabel = std::get_if<RelabelStory>(&*op)) {
          relabel_story(*relabel);
        } else {
          pending = std::move(std::get<Commit>(*op).done);
          db.commit();
          pending->set_value();
          pending.reset();
        }
      }
    } catch (...) {
      std::exception_ptr failure = owner.describe_failure(std::current_exception());
      {
        std::lock_guard lock(owner.failure_mutex_);
        if (!owner.failure_) owner.failure_ = failure;
      }
      // The failure is recorded before anyone waiting on a commit is released.
      if (pending) pending->set_exception(failure);
      queue.close();
      while (auto op = queue.pop())
        if (auto* commit = std::get_if<Commit>(&*op)) commit->done.set_exception(failure);
    }
  }

  void write(AnalysedRecord& record) {
    if (fresh && written.insert(record.id).second) {  // no look-up needed for a new id in a new shard
      db.add_document(record.document);
      ++counts.added;
      return;
    }
    std::string id_term = schema::term(schema::kIdPrefix, record.id);
    Xapian::PostingIterator existing = db.postlist_begin(id_term);
    if (existing == db.postlist_end(id_term)) {
      db.add_document(record.document);
      ++counts.added;
      return;
    }
    Xapian::docid docid = *existing;
    if (from_eight_bytes(db.get_document(docid).get_value(schema::kContentHashSlot)) == record.content_hash) {
      ++counts.unchanged;
      return;
    }
    db.replace_document(docid, record.document);
    ++counts.updated;
  }

  void add_duplicate(const AddDuplicate& dup) {
    std::string id_term = schema::term(schema::kIdPrefix, dup.kept_id);
    Xapian::PostingIterator it = db.postlist_begin(id_term);
    if (it == db.postlist_end(id_term)) return;
    Xapian::Document doc = db.get_document(*it);
    nlohmann::json data = nlohmann::json::parse(doc.get_data());
    auto& list = data[schema::record::kDuplicates];
    if (!list.is_array()) list = nlohmann::json::array();
    for (const auto& existing : list)
      if (existing.value(schema::record::kId, "") == dup.duplicate.id) return;
    nlohmann::json entry{{schema::record::kId, dup.duplicate.id}, {schema::record::kSource, dup.duplicate.source}};
    entry[schema::record::kDate] = dup.duplicate.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(dup.duplicate.date);
    list.push_back(std::move(entry));
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    std::string lines = doc.get_value(schema::kDuplicatesSlot);
    if (!lines.empty()) lines += schema::kListSeparator;
    auto clean = [](std::string field) {  // a tab or line break would split the line
      for (char& c : field)
        if (c == '\t' || c == schema::kListSeparator) c = ' ';
      return field;
    };
    lines += clean(dup.duplicate.id) + '\t' + dup.duplicate.date + '\t' + clean(dup.duplicate.source);
    doc.add_value(schema::kDuplicatesSlot, lines);
    db.replace_document(*it, doc);
  }

  void relabel_story(const RelabelStory& relabel) {
    const std::string term = schema::term(schema::kStoryPrefix, relabel.from);
    std::vector<Xapian::docid> members(db.postlist_begin(term), db.postlist_end(term));
    for (Xapian::docid id : members) {
      Xapian::Document doc = db.get_document(id);
      set_story(doc, relabel.to);
      if (doc.get_value(schema::kIdSlot) == relabel.from) doc.add_boolean_term(std::string(schema::kStoryHeadTerm));
      db.replace_document(id, doc);
    }
  }
};

IndexWriter::IndexWriter(const std::string& path, const text::AnalyzerSettings& settings, const TaggingSettings& tagging,
                         unsigned shards_for_new_index, const std::string& partition, const std::string& stories)
    : path_(path) {
  std::error_code ec;
  fs::path stub = fs::path(path) / schema::kStubFileName;
  existed_ = fs::exists(stub, ec);
  unsigned count = shards_for_new_index;
  if (existed_) {
    Xapian::Database whole;
    try {
      whole = Xapian::Database(path);
    } catch (const Xapian::Error& e) {
      throw InputError(path + ": cannot open existing index: " + e.get_msg());
    }
    check_index_metadata(whole, path, settings);
    check_index_tagging(whole, path, tagging);
    check_index_partition(whole, path, partition);
    check_index_stories(whole, path, stories);
    count = static_cast<unsigned>(std::stoul(whole.get_metadata(std::string(schema::kShardCountKey))));
  } else {
    if (fs::exists(path, ec) && !fs::is_empty(path, ec))
      throw InputError(path + " exists and is not a Marsad index (no " + std::string(schema::kStubFileName) +
                       " file); give an empty or new folder, or remove this one if a run was stopped while creating it");
    fs::create_directories(path, ec);
    if (ec) throw InputError(path + ": cannot create folder: " + ec.message());
    require_writable(path);
    if (count == 0) count = 1;
  }
  for (unsigned i = 0; i < count; ++i) {
    auto shard = std::make_unique<Shard>();
    std::string shard_path = (fs::path(path) / schema::shard_directory_name(i)).string();
    shard->db = open_shard(path, shard_path, existed_ ? Xapian::DB_OPEN : Xapian::DB_CREATE_OR_OPEN);
    if (!existed_) {
      write_index_metadata(shard->db, settings, tagging, i, count, partition, stories);
      shard->db.commit();
      shard->fresh = true;
    }
    shards_.push_back(std::move(shard));
  }
  if (!existed_) {
    // Written last: an index without its stub is an incomplete creation, not an index.
    std::ofstream out(stub);
    for (unsigned i = 0; i < count; ++i) out << "auto " << schema::shard_directory_name(i) << '\n';
    if (!out) throw InputError(stub.string() + ": cannot write");
  }
  for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get()] { s->run(*this); });
}

IndexWriter::~IndexWriter() {
  if (!finished_) {
    for (auto& shard : shards_) shard->queue.close();
    for (auto& shard : shards_)
      if (shard->thread.joinable()) shard->thread.join();
  }
}

std::unordered_map<std::uint64_t, std::string> IndexWriter::existing_body_hashes() const {
  std::unordered_map<std::uint64_t, std::string> hashes;
  for (const auto& shard : shards_) {
    Xapian::ValueIterator body = shard->db.valuestream_begin(schema::kBodyHashSlot);
    Xapian::ValueIterator ids = shard->db.valuestream_begin(schema::kIdSlot);
    for (; body != shard->db.valuestream_end(schema::kBodyHashSlot); ++body) {
      ids.skip_to(body.get_docid());
      if (ids == shard->db.valuestream_end(schema::kIdSlot) || ids.get_docid() != body.get_docid()) continue;
      hashes.emplace(from_eight_bytes(*body), *ids);
    }
  }
  return hashes;
}

IndexWriter::Shard& IndexWriter::shard_for(const std::string& id) {
  return *shards_[fnv1a(id) % shards_.size()];
}

std::exception_ptr IndexWriter::describe_failure(std::exception_ptr failure) const {
  try {
    std::rethrow_exception(failure);
  } catch (const Xapian::Error& e) {
    std::string why = std::string(e.get_type()) + ": " + e.get_msg();
    if (const char* system = e.get_error_string()) why += ": " + std::string(system);
    return std::make_exception_ptr(
        InputError(path_ + ": writing the index failed (" + why + "); what was committed before is intact"));
  } catch (...) {
    return failure;
  }
}

void IndexWriter::rethrow_failure() {
  std::lock_guard lock(failure_mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void IndexWriter::write(AnalysedRecord record) {
  rethrow_failure();
  text_since_commit_ += record.text_bytes;
  Shard& shard = shard_for(record.id);
  shard.queue.push(std::move(record));
}

void IndexWriter::add_duplicate(const std::string& kept_id, const DuplicateReport& duplicate) {
  rethrow_failure();
  shard_for(kept_id).queue.push(AddDuplicate{kept_id, duplicate});
}

void IndexWriter::relabel_story(const std::string& from, const std::string& to) {
  rethrow_failure();
  for (auto& shard : shards_)
    if (!shard->queue.push(RelabelStory{from, to})) rethrow_failure();
}

void IndexWriter::commit() {
  wait_for_commits();
  require_space_for_commit();
  text_since_commit_ = 0;
  for (auto& shard : shards_) {
    Commit commit;
    pending_commits_.push_back(commit.done.get_future());
    if (!shard->queue.push(std::move(commit))) rethrow_failure();
  }
}

void IndexWriter::require_space_for_commit() const {
  // A commit writes a few times the text it indexes (bench/README.md: 13 KB of index per 3 KB report
  // at 100,000 reports, less per report as the index grows); Xapian 1.4 can abort inside a commit that
  // runs out of space, so a commit that would not fit is not started.
  struct statvfs disk {};
  if (::statvfs(path_.c_str(), &disk) != 0) return;  // nothing known: let the commit tell
  const std::uint64_t free = static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize;
  const std::uint64_t needed = (4u << 20) + 16 * text_since_commit_;
  if (free >= needed) return;
  throw InputError(path_ + ": writing the index failed (No space left on device: " + std::to_string(free / 1024) +
                   " KB free, the next commit needs about " + std::to_string(needed / 1024) +
                   " KB); what was committed before is intact");
}

void IndexWriter::wait_for_commits() {
  rethrow_failure();
  std::vector<std::future<void>> pending = std::move(pending_commits_);
  pending_commits_.clear();
  for (auto& f : pending) {
    try {
      f.get();
    } catch (...) {
      rethrow_failure();  // the shard's own error, with the index path
      throw;
    }
  }
}

WriteCounts IndexWriter::finish() {
  commit();
  wait_for_commits();
  for (auto& shard : shards_) shard->queue.close();
  for (auto& shard : shards_) shard->thread.join();
  finished_ = true;
  rethrow_failure();
  WriteCounts total;
  for (auto& shard : shards_) {
    total.added += shard->counts.added;
    total.updated += shard->counts.updated;
    total.unchanged += shard->counts.unchanged;
  }
  return total;
}

}  // namespace marsad::indexer

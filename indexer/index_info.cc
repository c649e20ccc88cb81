#include "indexer/index_info.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <vector>

#include "common/date/civil_date.h"
#include "common/errors.h"
#include "common/index_metadata.h"
#include "common/schema.h"

namespace fs = std::filesystem;

namespace marsad::indexer {
namespace {

std::string iso_of(const std::string& yyyymmdd) {
  auto day = date::CivilDate::from_yyyymmdd(yyyymmdd);
  return day ? day->iso() : yyyymmdd;
}

std::uintmax_t size_on_disk(const std::string& path) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

/** Terms under `prefix` by the number of documents that have them, most first. */
std::vector<std::pair<Xapian::doccount, std::string>> by_frequency(const Xapian::Database& db, std::string_view prefix) {
  std::vector<std::pair<Xapian::doccount, std::string>> out;
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) out.emplace_back(it.get_termfreq(), (*it).substr(p.size()));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  return out;
}

void print_top(std::ostream& out, const char* label, const std::vector<std::pair<Xapian::doccount, std::string>>& terms,
               std::size_t top) {
  out << label << terms.size() << '\n';
  for (std::size_t i = 0; i < terms.size() && i < top; ++i)
    out << "  " << std::setw(8) << terms[i].first << "  " << terms[i].second << '\n';
}

}  // namespace

void print_index_info(const std::string& path, std::ostream& out) {
  if (!fs::exists(fs::path(path) / schema::kStubFileName))
    throw InputError(path + " is not a Marsad index (no " + std::string(schema::kStubFileName) + " file)");
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    throw InputError(path + ": cannot open index: " + e.get_msg());
  }
  out << "index          " << path << " (" << db.get_metadata(std::string(schema::kShardCountKey)) << " shard(s))\n";
  if (const std::string partition = db.get_metadata(std::string(schema::kPartitionKey)); !partition.empty())
    out << "partition      " << partition << " of its input\n";
  out << "documents      " << db.get_doccount() << '\n';
  auto undated = db.get_termfreq(std::string(schema::kNoDateTerm));
  if (db.get_doccount() > undated) {
    out << "date range     " << iso_of(db.get_value_lower_bound(schema::kDateSlot)) << " to "
        << iso_of(db.get_value_upper_bound(schema::kDateSlot)) << '\n';
  }
  out << "without a date " << undated << '\n';
  // Source terms are normalized; show each as written in one of its documents.
  std::vector<std::pair<Xapian::doccount, std::string>> sources;
  const std::string prefix(schema::kSourcePrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string shown = db.get_document(*db.postlist_begin(*it)).get_value(schema::kSourceSlot);
    sources.emplace_back(it.get_termfreq(), shown.empty() ? (*it).substr(prefix.size()) : shown);
  }
  std::sort(sources.rbegin(), sources.rend());
  out << "sources        " << sources.size() << '\n';
  for (const auto& [count, name] : sources) out << "  " << std::setw(8) << count << "  " << name << '\n';
  if (const std::string stories = index_stories(db); stories == "off") {
    out << "stories        off (built with --no-stories)\n";
  } else {
    // A story's term is on each of its reports: its frequency is the story's size.
    const auto all = by_frequency(db, schema::kStoryPrefix);
    std::size_t with_copies = 0;
    Xapian::doccount in_them = 0;
    for (const auto& [size, id] : all)
      if (size > 1) ++with_copies, in_them += size;
    out << "stories        " << all.size() << " (" << with_copies << " with copies, holding " << in_them << " reports)\n";
    for (std::size_t i = 0; i < all.size() && i < 5 && all[i].first > 1; ++i) {
      out << "  " << std::setw(8) << all[i].first << "  " << all[i].second;
      const std::string first = schema::term(schema::kIdPrefix, all[i].second);
      if (db.postlist_begin(first) != db.postlist_end(first)) {
        Xapian::Document doc = db.get_document(*db.postlist_begin(first));
        out << "  " << iso_of(doc.get_value(schema::kDateSlot)) << "  " << doc.get_value(schema::kSourceSlot);
      }
      out << '\n';
    }
    out << "copies         " << stories << '\n';
  }
  if (index_is_tagged(db)) {
    // Entity counts include the entities each rolls up to: a report tagged with Aden counts for Yemen.
    out << "dated from text " << db.get_termfreq(std::string(schema::kDateFromTextTerm)) << '\n';
    print_top(out, "claim types    ", by_frequency(db, schema::kClaimPrefix), 12);
    print_top(out, "actors         ", by_frequency(db, schema::kActorPrefix), 10);
    print_top(out, "places         ", by_frequency(db, schema::kPlacePrefix), 10);
    print_top(out, "claimants      ", by_frequency(db, schema::kClaimantPrefix), 10);
    out << "gazetteer      " << db.get_metadata(std::string(schema::kGazetteerFingerprintKey)) << '\n';
  } else {
    out << "tagging        off (built with --no-tagging)\n";
  }
  out << "schema         " << db.get_metadata(std::string(schema::kSchemaVersionKey)) << '\n';
  out << "analysis       " << db.get_metadata(std::string(schema::kAnalysisKey)) << '\n';
  out << "size on disk   " << std::fixed << std::setprecision(1) << static_cast<double>(size_on_disk(path)) / 1e6 << " MB\n";
}

}  // namespace marsad::indexer

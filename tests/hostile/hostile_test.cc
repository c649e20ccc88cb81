// Hostile inputs for marsad-index, generated at run time: every reader (JSONL, gzipped JSONL, CSV,
// TSV, a folder of .txt, standard input) fed random bytes, NUL bytes, 50 MB lines and words, deep
// JSON; broken gzip, empty files, FIFOs, paths it may not read, bad options. Whatever it is fed, a
// run ends within a minute and 4 GiB of address space with exit code 0 and the problem counted in
// the summary, or exit code 1 or 2 and one line on stderr naming the problem; never by a signal.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "common/schema.h"
#include "tests/support/hostile_inputs.h"
#include "tests/support/limited_command.h"

namespace fs = std::filesystem;
using namespace marsad::testing_support;
using namespace std::chrono_literals;

namespace {

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index";
constexpr std::size_t kRandomBytes = 64 * 1024;
constexpr std::size_t kBigBytes = 50'000'000;

// ---- Inputs: reports and raw bytes, written the way each reader takes them ----

/** The shape of the records a reader takes. */
enum class Format { Jsonl, Csv, Tsv, Text };
/** How the bytes reach the indexer. */
enum class Container { File, Gzip, Folder, Stdin };

struct Reader {
  std::string name;
  Format format;
  Container container;
};

const std::vector<Reader> kReaders = {
    {"Jsonl", Format::Jsonl, Container::File},      {"JsonlGz", Format::Jsonl, Container::Gzip},
    {"Csv", Format::Csv, Container::File},          {"Tsv", Format::Tsv, Container::File},
    {"TxtFolder", Format::Text, Container::Folder}, {"Stdin", Format::Jsonl, Container::Stdin},
};

struct Report {
  std::string id, title, body, source;
};

/** A report, or bytes written as they are (a line, a row, or a whole .txt file). */
struct Piece {
  std::optional<Report> report;
  std::string raw;
};
Piece report(Report r) { return {std::move(r), {}}; }
Piece raw(std::string bytes) { return {std::nullopt, std::move(bytes)}; }

std::string csv_field(const std::string& value) {
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

std::string render(Format format, const Report& r) {
  switch (format) {
    case Format::Jsonl: {
      nlohmann::json object{{"id", r.id}, {"title", r.title}, {"body", r.body}};
      if (!r.source.empty()) object["source"] = r.source;
      return object.dump() + '\n';
    }
    case Format::Csv:
      return csv_field(r.id) + ',' + csv_field(r.title) + ',' + csv_field(r.body) + ',' + csv_field(r.source) + '\n';
    case Format::Tsv:
      return r.id + '\t' + r.title + '\t' + r.body + '\t' + r.source + '\n';
    case Format::Text:
      return r.title + '\n' + r.body + '\n';
  }
  return {};
}

std::string header(Format format) {
  if (format == Format::Csv) return "id,title,body,source\n";
  if (format == Format::Tsv) return "id\ttitle\tbody\tsource\n";
  return {};
}

/** The id the index gives a report read through `reader` (a .txt file's id is its name). */
std::string indexed_id(const Reader& reader, const std::string& report_id) {
  return reader.format == Format::Text ? report_id + ".txt" : report_id;
}

std::string extension(Format format) {
  switch (format) {
    case Format::Jsonl: return ".jsonl";
    case Format::Csv: return ".csv";
    case Format::Tsv: return ".tsv";
    case Format::Text: return ".txt";
  }
  return {};
}

/** Writes `pieces` under `dir` for `reader` (one file, or a folder of .txt files for Text). */
void place(const Reader& reader, const std::vector<Piece>& pieces, const fs::path& dir, bool with_header = true) {
  if (reader.container == Container::Folder) {
    int n = 0;
    for (const Piece& p : pieces) {
      ++n;
      if (p.report) write_file(dir / "in" / (p.report->id + ".txt"), render(reader.format, *p.report));
      else write_file(dir / "in" / ("raw-" + std::to_string(n) + ".txt"), p.raw);
    }
    return;
  }
  std::string content = with_header ? header(reader.format) : "";
  for (const Piece& p : pieces) content += p.report ? render(reader.format, *p.report) : p.raw;
  if (reader.container == Container::Gzip) {
    write_file(dir / "input.jsonl.gz", gzip(content));
  } else {
    write_file(dir / ("input" + extension(reader.format)), content);
  }
}

// ---- Cases ----

/** How the indexer is run; "{dir}" in an argument stands for the case's folder. */
struct Command {
  std::vector<std::string> args;
  std::string stdin_path = {};  // "{dir}/…", piped to standard input
  bool as_nobody_when_root = false;  // permission cases: root would read and write anything
  std::optional<std::chrono::milliseconds> terminate_after = {};
  std::chrono::milliseconds timeout = 60s;
};

struct Expected {
  Outcome outcome = Outcome::Contract;
  std::vector<std::string> says = {};        // Failure: the error line contains each (any case)
  std::vector<std::string> never_says = {};  // nothing on stdout or stderr contains these (any case)
  std::vector<std::string> indexed = {};     // Success: ids (as indexed) found in {dir}/db
  bool counts_a_problem = false;        // Success: the summary counts a skipped or repaired record
};

Expected succeeds(std::vector<std::string> indexed = {}) {
  Expected e;
  e.outcome = Outcome::Success;
  e.indexed = std::move(indexed);
  return e;
}
/** Indexes `indexed` and counts the bad record it met in the summary. */
Expected succeeds_counting(std::vector<std::string> indexed) {
  Expected e = succeeds(std::move(indexed));
  e.counts_a_problem = true;
  return e;
}
Expected fails_naming(std::vector<std::string> says, std::vector<std::string> never_says = {}) {
  Expected e;
  e.outcome = Outcome::Failure;
  e.says = std::move(says);
  e.never_says = std::move(never_says);
  return e;
}
Expected exits_143() {
  Expected e;
  e.outcome = Outcome::Terminated;
  return e;
}

struct IndexCase {
  std::string name;
  std::function<void(const fs::path& dir)> setup;  // writes the inputs into the case's folder
  Command command;
  Expected expected;
};

/** The command line that reads what place() wrote for `reader`, after --db {dir}/db and `options`. */
Command command_for(const Reader& reader, std::vector<std::string> options = {}) {
  Command c;
  c.args = {"--db", "{dir}/db"};
  c.args.insert(c.args.end(), options.begin(), options.end());
  switch (reader.container) {
    case Container::File: c.args.push_back("{dir}/input" + extension(reader.format)); break;
    case Container::Gzip: c.args.push_back("{dir}/input.jsonl.gz"); break;
    case Container::Folder: c.args.push_back("{dir}/in"); break;
    case Container::Stdin:
      c.args.push_back("-");
      c.stdin_path = "{dir}/input" + extension(reader.format);
      break;
  }
  return c;
}

Command args(std::vector<std::string> a, std::string stdin_path = {}) {
  Command c;
  c.args = std::move(a);
  c.stdin_path = std::move(stdin_path);
  return c;
}

/** Big inputs are built once per process: each 50 MB text, and each reader's files of it. */
class BigInputs {
 public:
  static BigInputs& get() {
    static BigInputs instance;
    return instance;
  }
  /** A folder holding what place() writes for `reader` from `kind`'s pieces, made on first use. */
  fs::path placed(const Reader& reader, const std::string& kind) {
    std::lock_guard lock(mutex_);
    fs::path dir = folder_.path() / (reader.name + "-" + kind);
    if (!fs::exists(dir)) {
      fs::create_directories(dir);
      place(reader, pieces(kind), dir);
    }
    return dir;
  }

 private:
  BigInputs() : folder_("hostile-big") {}
  const std::string& text(const std::string& kind) {
    auto [it, added] = texts_.try_emplace(kind);
    if (added) it->second = kind == "words" ? HostileBytes(50).words(kBigBytes) : HostileBytes(51).letters(kBigBytes);
    return it->second;
  }
  std::vector<Piece> pieces(const std::string& kind) {
    if (kind == "body") return {report({"big-body", "تقرير طويل", text("words"), "صحيفة الأفق"})};
    if (kind == "word") return {report({"big-word", "كلمة واحدة", text("letters"), "صحيفة الأفق"})};
    // "line": one 50 MB line of letters that is no record at all, then a good record.
    return {raw(text("letters") + "\n"), report({"after-line", "بعد السطر", "قصف مواقع في حلب", ""})};
  }
  ScratchFolder folder_;
  std::mutex mutex_;
  std::map<std::string, std::string> texts_;
};

/** Copies the big input for `reader` into the case folder as hard links (cheap) or copies. */
void link_big(const Reader& reader, const std::string& kind, const fs::path& dir) {
  fs::path from = BigInputs::get().placed(reader, kind);
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    fs::path to = dir / fs::relative(entry.path(), from);
    if (entry.is_directory()) {
      fs::create_directories(to);
      continue;
    }
    std::error_code ec;
    fs::create_hard_link(entry.path(), to, ec);
    if (ec) fs::copy_file(entry.path(), to);
  }
}

std::vector<std::string> ids(const Reader& reader, std::vector<std::string> report_ids) {
  for (auto& id : report_ids) id = indexed_id(reader, id);
  return report_ids;
}

/** Pieces with NUL bytes inside lines and fields, and a good record after them. */
std::vector<Piece> nul_pieces(const Reader& reader) {
  using namespace std::string_literals;
  if (reader.format == Format::Jsonl)
    return {raw("{\"id\": \"nul-raw\", \"body\": \"قبل\0بعد\"}\n"s),  // a raw NUL in a JSON string: not JSON
            report({"nul-escaped", "عنوان\0مخفي"s, "قبل\0بعد"s, ""}),  // \u0000 inside fields: valid JSON
            raw("\0\0\0\n"s), raw("\0{\"id\": \"nul-first\", \"body\": \"نص\"}\n"s),
            report({"after-nul", "بعد", "قصف مواقع في حلب", ""})};
  if (reader.format == Format::Text)
    return {report({"nul-field", "عنوان\0مخفي"s, "قبل\0بعد"s, ""}), raw("\0\0\0\0"s),
            report({"after-nul", "بعد", "قصف مواقع في حلب", ""})};
  return {report({"nul-field", "عنوان\0مخفي"s, "قبل\0بعد"s, "مصدر\0"s}), raw("\0\0\0\n"s),
          report({"after-nul", "بعد", "قصف مواقع في حلب", ""})};
}

std::vector<std::string> nul_survivors(const Reader& reader) {
  return ids(reader, {reader.format == Format::Jsonl ? "nul-escaped" : "nul-field", "after-nul"});
}

/** A line of JSON whose "extra" field nests `depth` arrays (or objects) deep. */
std::string deep_json_line(std::size_t depth, bool objects) {
  std::string line = "{\"id\": \"deep\", \"body\": \"نص عميق\", \"extra\": ";
  for (std::size_t i = 0; i < depth; ++i) line += objects ? "{\"a\":" : "[";
  line += "1";
  line += std::string(depth, objects ? '}' : ']');
  return line + "}\n";
}

std::vector<Report> many_reports(int n) {
  std::vector<Report> reports;
  HostileBytes words(7);
  for (int i = 0; i < n; ++i)
    reports.push_back({"r-" + std::to_string(i), "تقرير " + std::to_string(i), words.words(300), "صحيفة الأفق"});
  return reports;
}

std::vector<std::string> jsonl_lines(const std::vector<Report>& reports) {
  std::vector<std::string> lines;
  for (const Report& r : reports) lines.push_back(render(Format::Jsonl, r));
  return lines;
}

/** A cut gzip file: the first `lines` lines of reports, then the stream ends (no trailer);
 *  with `mid_block`, cut half-way through the next line's compressed block instead. */
std::string cut_gzip(int lines, bool mid_block) {
  std::vector<std::size_t> boundaries;
  std::string whole = gzip(jsonl_lines(many_reports(200)), &boundaries);
  std::size_t at = boundaries[lines - 1];
  if (mid_block) at += (boundaries[lines] - boundaries[lines - 1]) / 2;
  return whole.substr(0, at);
}

/** A CSV body that needs quoting all through: commas, doubled quotes and line breaks. */
std::string quoted_csv_body(std::size_t bytes, std::uint64_t seed) {
  HostileBytes random(seed);
  std::string body;
  while (body.size() < bytes) {
    body += random.words(200);
    switch (random.below(4)) {
      case 0: body += ", "; break;
      case 1: body += "\"اقتباس\" "; break;
      case 2: body += "\n"; break;
      default: body += "\r\n"; break;
    }
  }
  return body;
}

std::string tall_csv_body(int lines) {
  std::string body;
  for (int i = 0; i < lines; ++i) body += "سطر رقم " + std::to_string(i) + " من تقرير القصف\n";
  return body;
}

void make_unreadable(const fs::path& path) { chmod(path.c_str(), 0); }

/** chmod -R a-w */
void remove_write_permission(const fs::path& path) {
  const auto write_bits = fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
  for (const auto& entry : fs::recursive_directory_iterator(path))
    fs::permissions(entry.path(), write_bits, fs::perm_options::remove);
  fs::permissions(path, write_bits, fs::perm_options::remove);
}

LimitedResult run_indexer(std::vector<std::string> arguments, const CommandLimits& limits = {}) {
  arguments.insert(arguments.begin(), kIndexer);
  return run_limited(arguments, limits);
}

const std::string kGood = R"({"id": "good", "title": "تقرير", "body": "قصف مواقع في حلب"})"
                          "\n";

std::vector<IndexCase> reader_cases() {
  std::vector<IndexCase> cases;
  for (const Reader& reader : kReaders) {
    const bool delimited = reader.format == Format::Csv || reader.format == Format::Tsv;
    for (std::uint64_t seed : {1, 2, 3}) {
      cases.push_back({reader.name + "_RandomBytesSeed" + std::to_string(seed),
                       [reader, seed](const fs::path& dir) { place(reader, {raw(HostileBytes(seed).bytes(kRandomBytes))}, dir); },
                       command_for(reader), {}});
    }
    if (delimited) {
      cases.push_back({reader.name + "_RandomBytesWithoutHeader",
                       [reader](const fs::path& dir) { place(reader, {raw(HostileBytes(4).bytes(kRandomBytes))}, dir, false); },
                       command_for(reader), {}});
    }
    cases.push_back({reader.name + "_NulBytesInLinesAndFields",
                     [reader](const fs::path& dir) { place(reader, nul_pieces(reader), dir); }, command_for(reader),
                     succeeds(nul_survivors(reader))});
    // The default --max-doc-bytes (10 MB) is analysed for JSONL; elsewhere 1 MB keeps the run short,
    // and the 50 MB are read all the same.
    std::vector<std::string> limit;
    if (reader.container != Container::File || reader.format != Format::Jsonl) limit = {"--max-doc-bytes", "1000000"};
    cases.push_back({reader.name + "_50MBBody", [reader](const fs::path& dir) { link_big(reader, "body", dir); },
                     command_for(reader, limit), succeeds_counting(ids(reader, {"big-body"}))});
    cases.push_back({reader.name + "_50MBWordWithoutSpaces", [reader](const fs::path& dir) { link_big(reader, "word", dir); },
                     command_for(reader, limit), succeeds_counting(ids(reader, {"big-word"}))});
    cases.push_back({reader.name + "_50MBLineThatIsNoRecord", [reader](const fs::path& dir) { link_big(reader, "line", dir); },
                     command_for(reader), succeeds_counting(ids(reader, {"after-line"}))});
    cases.push_back({reader.name + "_300LetterWordAnd300ByteSource",
                     [reader](const fs::path& dir) {
                       HostileBytes random(300);
                       std::string body = "في " + random.letters(600) + " " + std::string(300, 'x') + " نهاية";
                       std::string source;
                       while (source.size() < 300) source += "ب";
                       place(reader, {report({"long-word", "كلمة طويلة", body, source})}, dir);
                     },
                     command_for(reader), succeeds(ids(reader, {"long-word"}))});
    if (reader.format == Format::Jsonl) {
      for (bool objects : {false, true}) {
        cases.push_back({reader.name + (objects ? "_ObjectsNested100000Deep" : "_ArraysNested100000Deep"),
                         [reader, objects](const fs::path& dir) {
                           place(reader, {raw(deep_json_line(100'000, objects)), report({"after-deep", "بعد", "قصف مواقع في حلب", ""})}, dir);
                         },
                         command_for(reader),
                         succeeds_counting({"after-deep"})});
      }
    }
  }
  return cases;
}

std::vector<IndexCase> gzip_cases() {
  auto write_as = [](std::string name, std::function<std::string()> content) {
    return [name, content](const fs::path& dir) { write_file(dir / name, content()); };
  };
  const Command cut = args({"--db", "{dir}/db", "{dir}/cut.jsonl.gz"});
  return {
      {"GzipCutAtALineEnd", write_as("cut.jsonl.gz", [] { return cut_gzip(100, false); }), cut,
       fails_naming({"cut.jsonl.gz"})},
      {"GzipCutMidStream", write_as("cut.jsonl.gz", [] { return cut_gzip(100, true); }), cut,
       fails_naming({"cut.jsonl.gz"})},
      {"GzipCutInsideItsHeader", write_as("cut.jsonl.gz", [] { return gzip(kGood).substr(0, 5); }), cut,
       fails_naming({"cut.jsonl.gz"})},
      {"GzipWithABadChecksum",
       write_as("cut.jsonl.gz",
                [] {
                  std::string z = gzip(jsonl_lines(many_reports(20)));
                  z[z.size() - 6] = static_cast<char>(z[z.size() - 6] ^ 0x5a);  // inside the CRC-32 of the trailer
                  return z;
                }),
       cut, fails_naming({"cut.jsonl.gz"})},
      {"GzNameButPlainJsonl", write_as("plain.jsonl.gz", [] { return kGood; }),
       args({"--db", "{dir}/db", "{dir}/plain.jsonl.gz"}), fails_naming({"plain.jsonl.gz"})},
      {"GzNameButRandomBytes", write_as("garbage.jsonl.gz", [] { return HostileBytes(5).bytes(kRandomBytes); }),
       args({"--db", "{dir}/db", "{dir}/garbage.jsonl.gz"}), fails_naming({"garbage.jsonl.gz"})},
      {"EmptyJsonl", write_as("empty.jsonl", [] { return std::string(); }), args({"--db", "{dir}/db", "{dir}/empty.jsonl"}),
       succeeds()},
      {"EmptyGzFileOfZeroBytes", write_as("empty.jsonl.gz", [] { return std::string(); }),
       args({"--db", "{dir}/db", "{dir}/empty.jsonl.gz"}), {}},
      {"GzipOfNothing", write_as("nothing.jsonl.gz", [] { return gzip(std::string()); }),
       args({"--db", "{dir}/db", "{dir}/nothing.jsonl.gz"}), succeeds()},
      {"EmptyCsv", write_as("empty.csv", [] { return std::string(); }), args({"--db", "{dir}/db", "{dir}/empty.csv"}), {}},
      {"EmptyTsv", write_as("empty.tsv", [] { return std::string(); }), args({"--db", "{dir}/db", "{dir}/empty.tsv"}), {}},
      {"EmptyTxtInAFolder", write_as("in/empty.txt", [] { return std::string(); }), args({"--db", "{dir}/db", "{dir}/in"}), {}},
      {"EmptyStdin", [](const fs::path& dir) { write_file(dir / "empty", ""); },
       args({"--db", "{dir}/db", "-"}, "{dir}/empty"), succeeds()},
  };
}

std::vector<IndexCase> csv_cases() {
  // Reports are made when a case runs, not when the table is listed.
  using Reports = std::function<std::vector<Report>()>;
  auto csv = [](Reports reports, std::string tail = {}) {
    return [reports, tail](const fs::path& dir) {
      std::string content = header(Format::Csv);
      for (const Report& r : reports()) content += render(Format::Csv, r);
      write_file(dir / "sheet.csv", content + tail);
    };
  };
  const Report after{"after", "بعد", "قصف مواقع في حلب", "صحيفة الأفق"};
  Reports wide = [after] { return std::vector<Report>{{"wide", "حقل عريض", quoted_csv_body(2'000'000, 20), "صحيفة الأفق"}, after}; };
  Reports tall = [after] { return std::vector<Report>{{"tall", "حقل طويل", tall_csv_body(20'000), "صحيفة الأفق"}, after}; };
  Reports just_after = [after] { return std::vector<Report>{after}; };
  auto sheet = [](std::vector<std::string> options) {
    Command c = args({"--db", "{dir}/db"});
    c.args.insert(c.args.end(), options.begin(), options.end());
    c.args.push_back("{dir}/sheet.csv");
    return c;
  };
  auto read_whole = [](std::string id, bool truncated) {
    Expected e = truncated ? succeeds_counting({id, "after"}) : succeeds({id, "after"});
    e.never_says = {"unterminated"};
    return e;
  };
  return {
      {"CsvQuotedField2MB", csv(wide), sheet({}), read_whole("wide", false)},
      {"CsvQuotedField2MBOverMaxDocBytes", csv(wide), sheet({"--max-doc-bytes", "100000"}), read_whole("wide", true)},
      {"CsvQuotedFieldOf20000Lines", csv(tall), sheet({}), read_whole("tall", false)},
      {"CsvQuotedFieldOf20000LinesOverMaxDocBytes", csv(tall), sheet({"--max-doc-bytes", "100000"}), read_whole("tall", true)},
      {"CsvUnterminatedQuoteAtTheEnd", csv(just_after, "open,عنوان,\"نص لا ينتهي\nسطر آخر\nوسطر ثالث\n"), sheet({}),
       succeeds_counting({"after"})},
      {"CsvUnterminatedQuoteWithoutFinalNewline", csv(just_after, "open,عنوان,\"نص لا ينتهي"), sheet({}),
       succeeds_counting({"after"})},
  };
}

std::vector<IndexCase> path_and_option_cases() {
  auto good_in = [](std::string name) { return [name](const fs::path& dir) { write_file(dir / name, kGood); }; };
  Command nobody = args({"--db", "{dir}/db", "{dir}/in"});
  nobody.as_nobody_when_root = true;
  Command nobody_file = args({"--db", "{dir}/db", "{dir}/secret.jsonl"});
  nobody_file.as_nobody_when_root = true;
  Command nobody_top = args({"--db", "{dir}/db", "{dir}/sealed-folder"});
  nobody_top.as_nobody_when_root = true;
  Command protected_index = args({"--db", "{dir}/db", "{dir}/more.jsonl"});
  protected_index.as_nobody_when_root = true;
  Command fifo = args({"--db", "{dir}/db", "{dir}/feed.jsonl"});
  fifo.terminate_after = 1s;
  fifo.timeout = 6s;
  const Command mapped = args({"--db", "{dir}/db", "--field", "body=article_text", "{dir}/in.jsonl"});
  auto with_input = [](std::vector<std::string> a) {
    a.push_back("{dir}/in.jsonl");
    return args(std::move(a));
  };
  return {
      {"UnreadableFileInsideAFolder",
       [](const fs::path& dir) {
         write_file(dir / "in" / "good.jsonl", kGood);
         write_file(dir / "in" / "secret.jsonl", kGood);
         make_unreadable(dir / "in" / "secret.jsonl");
       },
       nobody, fails_naming({"secret.jsonl"})},
      {"UnreadableFolderInsideAFolder",
       [](const fs::path& dir) {
         write_file(dir / "in" / "good.jsonl", kGood);
         write_file(dir / "in" / "closed-folder" / "x.jsonl", kGood);
         make_unreadable(dir / "in" / "closed-folder");
       },
       nobody, fails_naming({"closed-folder"})},
      {"UnreadableTopLevelFolder",
       [](const fs::path& dir) {
         write_file(dir / "sealed-folder" / "good.jsonl", kGood);
         make_unreadable(dir / "sealed-folder");
       },
       nobody_top, fails_naming({"sealed-folder"})},
      {"UnreadableFileGivenByName",
       [](const fs::path& dir) {
         write_file(dir / "secret.jsonl", kGood);
         make_unreadable(dir / "secret.jsonl");
       },
       nobody_file, fails_naming({"secret.jsonl"})},
      {"WriteProtectedExistingIndex",
       [](const fs::path& dir) {
         write_file(dir / "first.jsonl", kGood);
         write_file(dir / "more.jsonl", R"({"id": "more", "body": "نص آخر"})" "\n");
         LimitedResult built = run_indexer({"--db", (dir / "db").string(), "--quiet", (dir / "first.jsonl").string()});
         ASSERT_TRUE(built.exited && built.exit_code == 0) << built.describe() << ": " << excerpt(built.err);
         remove_write_permission(dir / "db");
       },
       protected_index, fails_naming({"permission"}, {"locked"})},
      {"FifoWithNoWriterEndedBySigterm", [](const fs::path& dir) { ASSERT_EQ(mkfifo((dir / "feed.jsonl").c_str(), 0600), 0); },
       fifo, exits_143()},
      {"FieldMapsBodyToAnotherName",
       [](const fs::path& dir) { write_file(dir / "in.jsonl", R"({"id": "mapped", "article_text": "قصف مواقع في حلب"})" "\n"); },
       mapped, succeeds({"mapped"})},
      {"FieldWithoutEqualsSign", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--field", "bodyx"}),
       fails_naming({"--field"})},
      {"FieldWithUnknownCanonicalName", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--field", "bodyx=text"}),
       fails_naming({"--field"})},
      {"FieldWithEmptyName", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--field", "body="}), fails_naming({"--field"})},
      {"UnknownLongOption", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--no-such-option"}),
       fails_naming({"--no-such-option"})},
      {"UnknownShortOption", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "-Z"}), fails_naming({"-Z"})},
      {"ThreadsNotANumber", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--threads", "many"}),
       fails_naming({"--threads"})},
      {"ThreadsZero", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--threads", "0"}), fails_naming({"--threads"})},
      {"BatchNegative", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--batch", "-5"}), fails_naming({"--batch"})},
      {"UnknownInputFormat", good_in("in.jsonl"), with_input({"--db", "{dir}/db", "--input-format", "xml"}),
       fails_naming({"--input-format"})},
      {"MissingDb", good_in("in.jsonl"), with_input({}), fails_naming({"--db"})},
      {"DbWithoutValue", good_in("in.jsonl"), args({"--db"}), fails_naming({"--db"})},
      {"FileOfUnknownKind", [](const fs::path& dir) { write_file(dir / "notes.pdf", "%PDF-1.4"); },
       args({"--db", "{dir}/db", "{dir}/notes.pdf"}), fails_naming({"notes.pdf"})},
      {"DbIsAFile", [](const fs::path& dir) { write_file(dir / "db", "not an index"); write_file(dir / "in.jsonl", kGood); },
       args({"--db", "{dir}/db", "{dir}/in.jsonl"}), fails_naming({"db"})},
  };
}

void PrintTo(const IndexCase& c, std::ostream* os) { *os << c.name; }

std::vector<IndexCase> all_cases() {
  std::vector<IndexCase> cases = reader_cases();
  for (auto group : {gzip_cases(), csv_cases(), path_and_option_cases()}) cases.insert(cases.end(), group.begin(), group.end());
  return cases;
}

std::string expand(std::string text, const fs::path& dir) {
  for (std::size_t at; (at = text.find("{dir}")) != std::string::npos;) text.replace(at, 5, dir.string());
  return text;
}

/** Counted problems in marsad-index's summary: skipped records plus records indexed with a warning. */
std::uint64_t counted_problems(const std::string& summary) {
  std::uint64_t total = 0;
  static const std::regex skipped(R"(^skipped\s+(\d+))"), warned(R"(^warning: .*?(\d+) \(indexed\))");
  for (const std::string& line : non_empty_lines(summary)) {
    std::smatch m;
    if (std::regex_search(line, m, skipped) || std::regex_search(line, m, warned)) total += std::stoull(m[1]);
  }
  return total;
}

class MarsadIndexHostile : public testing::TestWithParam<IndexCase> {};

TEST_P(MarsadIndexHostile, EndsWithTheContractedExit) {
  const IndexCase& c = GetParam();
  ScratchFolder scratch("hostile-index");
  const fs::path& dir = scratch.path();
  const bool as_nobody = c.command.as_nobody_when_root && running_as_root();
  if (as_nobody) scratch.open_to_everyone();
  c.setup(dir);
  if (HasFatalFailure()) return;

  std::vector<std::string> argv{kIndexer};
  for (const auto& a : c.command.args) argv.push_back(expand(a, dir));
  CommandLimits limits;
  limits.timeout = c.command.timeout;
  limits.terminate_after = c.command.terminate_after;
  limits.as_nobody = as_nobody;
  if (!c.command.stdin_path.empty()) limits.stdin_path = expand(c.command.stdin_path, dir);
  LimitedResult r = run_limited(argv, limits);
  if (as_nobody && !r.launch_error.empty()) GTEST_SKIP() << "cannot run marsad-index as nobody here: " << r.launch_error;

  const std::string context = "\n  " + r.describe() + " in " + std::to_string(r.seconds).substr(0, 5) + " s\n  stderr: " +
                              excerpt(r.err) + "\n  stdout: " + excerpt(r.out);
  RecordProperty("result", excerpt(r.describe() + (r.exit_code == 0 ? "" : ": " + error_line(r, "marsad-index"))));
  std::string violation = contract_violation(r, "marsad-index", c.expected.outcome, /*log_lines_allowed=*/true);
  EXPECT_EQ(violation, "") << context;
  if (!violation.empty()) return;

  if (r.exit_code != 0) {
    std::string line = error_line(r, "marsad-index");
    for (const auto& word : c.expected.says) EXPECT_TRUE(mentions(line, word)) << "the error line should name '" << word << "'" << context;
  }
  for (const auto& word : c.expected.never_says)
    EXPECT_FALSE(mentions(r.out + r.err, word)) << "the output should not say '" << word << "'" << context;
  if (r.exit_code == 0 && c.expected.outcome != Outcome::Terminated) {
    EXPECT_TRUE(mentions(r.out, "records read")) << "exit 0 without a summary" << context;
    if (c.expected.counts_a_problem) {
      EXPECT_GT(counted_problems(r.out), 0u) << "the summary should count the skipped or repaired record" << context;
    }
    if (!c.expected.indexed.empty()) {
      try {
        Xapian::Database db((dir / "db").string());
        for (const auto& id : c.expected.indexed) {
          EXPECT_EQ(db.get_termfreq(marsad::schema::term(marsad::schema::kIdPrefix, id)), 1u)
              << "report '" << id << "' should be found by its id" << context;
        }
      } catch (const Xapian::Error& e) {
        ADD_FAILURE() << "the index cannot be opened: " << e.get_description() << context;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Inputs, MarsadIndexHostile, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<IndexCase>& info) { return info.param.name; });

/** Writes `content` into the FIFO at `path` once a reader opens it; gives up when `stop` is set. */
void feed_fifo(const fs::path& path, const std::string& content, const std::atomic<bool>& stop) {
  int fd = -1;
  while (!stop && (fd = open(path.c_str(), O_WRONLY | O_NONBLOCK)) < 0) std::this_thread::sleep_for(10ms);
  if (fd < 0) return;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  for (std::size_t at = 0; at < content.size() && !stop;) {
    ssize_t n = write(fd, content.data() + at, std::min<std::size_t>(content.size() - at, 4096));
    if (n <= 0) break;  // the reader went away (SIGPIPE is ignored while commands run)
    at += static_cast<std::size_t>(n);
    if (at % (64 * 1024) < 4096) std::this_thread::sleep_for(1ms);  // arrive in pieces, as from a download
  }
  close(fd);
}

TEST(MarsadIndexHostileFifo, IndexesWhatAWriterSendsThroughAFifo) {
  ScratchFolder scratch("hostile-fifo");
  fs::path fifo = scratch.path() / "feed.jsonl";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::vector<Report> reports = many_reports(300);
  std::string content;
  for (const auto& line : jsonl_lines(reports)) content += line;
  std::atomic<bool> stop{false};
  std::thread writer(feed_fifo, fifo, content, std::cref(stop));
  LimitedResult r = run_indexer({"--db", (scratch.path() / "db").string(), fifo.string()});
  stop = true;
  writer.join();
  const std::string context = "\n  " + r.describe() + "\n  stderr: " + excerpt(r.err) + "\n  stdout: " + excerpt(r.out);
  ASSERT_EQ(contract_violation(r, "marsad-index", Outcome::Success, true), "") << context;
  Xapian::Database db((scratch.path() / "db").string());
  EXPECT_EQ(db.get_doccount(), reports.size()) << context;
  for (const Report& report : reports)
    ASSERT_EQ(db.get_termfreq(marsad::schema::term(marsad::schema::kIdPrefix, report.id)), 1u) << report.id << context;
}

}  // namespace

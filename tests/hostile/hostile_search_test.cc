// Hostile queries for marsad-search, against a small index the test builds: whatever a user types
// (unbalanced quotes and brackets, lone operators, broken dates, control characters, invalid UTF-8,
// 100 KB queries, a thousand ORed terms…) ends with exit 0, or exit 1 and one line on stderr; never
// a signal. Text output never carries raw control characters, even from a title in the index.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/hostile_inputs.h"
#include "tests/support/limited_command.h"

namespace fs = std::filesystem;
using namespace marsad::testing_support;

namespace {

const std::string kIndexer = std::string(MARSAD_BINARY_DIR) + "/indexer/marsad-index";
const std::string kSearcher = std::string(MARSAD_BINARY_DIR) + "/searcher/marsad-search";

// A report whose id, title, source and body carry terminal escapes, a bell and other control bytes.
const std::string kControlId = "ctl-\x07-1";
const std::string kControlTitle = "عنوان \x1b[31mأحمر\x07 وجرس";
const std::string kControlWord = "مراقبة";

/** The index every query runs against: a few reports, built once per process. */
const fs::path& search_index() {
  static ScratchFolder folder("hostile-search");
  static fs::path db = [] {
    std::vector<nlohmann::json> reports = {
        {{"id", "r1"}, {"title", "قصف على حلب"}, {"body", "قصف الجيش مواقع في حلب وأعلنت المعارضة مقتل مدنيين"},
         {"source", "صحيفة الأفق"}, {"date", "2020-05-01"}},
        {{"id", "r2"}, {"title", "هدنة في غزة"}, {"body", "ودعا الوسيط إلى وقف إطلاق النار في غزة"},
         {"source", "إذاعة الساحل"}, {"date", "2021-01-01"}},
        {{"id", "r3"}, {"title", "غارات بالطائرات"}, {"body", "وَقَصَفَتِ الطَّائِرَاتُ مَوَاقِعَ بِغَزَّةَ وَحَلَبَ"},
         {"source", "صحيفة الأفق"}, {"date", "2021-06-15"}},
        {{"id", kControlId}, {"title", kControlTitle},
         {"body", "خبر عن " + kControlWord + " \x1b[0m الحدود\x01 ثم\tانتهى\x7f\r هنا"}, {"source", "مصدر\x1b[1m\x08"},
         {"date", "2022-02-02"}},
    };
    std::string jsonl;
    for (const auto& r : reports) jsonl += r.dump() + '\n';
    write_file(folder.path() / "reports.jsonl", jsonl);
    fs::path path = folder.path() / "db";
    LimitedResult built = run_limited({kIndexer, "--db", path.string(), "--quiet", (folder.path() / "reports.jsonl").string()});
    if (!built.exited || built.exit_code != 0)
      ADD_FAILURE() << "building the index to search: " << built.describe() << ": " << excerpt(built.err);
    return path;
  }();
  return db;
}

LimitedResult search(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), kSearcher);
  return run_limited(arguments);
}

/** The first raw control byte (below 0x20 other than newline, or 0x7f) in `text`, or npos. */
std::size_t find_control_byte(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return i;
  }
  return std::string::npos;
}

std::string report(const LimitedResult& r) {
  return "\n  " + r.describe() + "\n  stderr: " + excerpt(r.err) + "\n  stdout: " + excerpt(r.out);
}

/** Checks one run of marsad-search against the contract: text output without raw control bytes,
 *  --json output that parses. */
void expect_contract(const std::vector<std::string>& arguments, bool json, Outcome outcome = Outcome::Contract) {
  std::vector<std::string> args{"--db", search_index().string()};
  if (json) args.push_back("--json");
  args.insert(args.end(), arguments.begin(), arguments.end());
  LimitedResult r = search(args);
  std::string violation = contract_violation(r, "marsad-search", outcome, /*log_lines_allowed=*/false);
  EXPECT_EQ(violation, "") << report(r);
  if (!violation.empty() || r.exit_code != 0) return;
  if (json) {
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << "--json output is not JSON" << report(r);
    return;
  }
  std::size_t at = find_control_byte(r.out);
  EXPECT_EQ(at, std::string::npos) << "raw control byte 0x" << std::hex
                                   << (at == std::string::npos ? 0 : int(static_cast<unsigned char>(r.out[at])))
                                   << " in the text output" << report(r);
}

/** A kind of hostile query, with the queries that stand for it (each one argument, as a shell
 *  passes a quoted query). */
struct QueryKind {
  std::string name;
  std::vector<std::string> queries;
  bool json_too = false;  // also run with --json (for kinds that test how output is encoded)
};

std::string repeated(const std::string& unit, std::size_t times, const std::string& separator = " ") {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += (i ? separator : "") + unit;
  return out;
}

std::string numbered_terms(std::size_t n, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? separator : "") + "غزة" + std::to_string(i);
  return out;
}

std::vector<QueryKind> query_kinds() {
  return {
      {"UnbalancedQuotes", {"\"وقف إطلاق", "وقف إطلاق\"", "\"", "\"\"\"", "\"\" غزة"}},
      {"UnbalancedBrackets",
       {"((غزة", "غزة))", "(", ")", "()", "[غزة] {حلب} <قصف>", std::string(10'000, '(') + "غزة" + std::string(10'000, ')')}},
      {"LoneOperators",
       {"AND", "OR", "NOT", "-", "+", "AND OR NOT XOR NEAR ADJ", "غزة AND", "OR غزة", "NOT غزة", "غزة AND NOT NOT حلب", "-غزة",
        "+غزة", "غزة NEAR/99999999999 حلب", "غزة ADJ/3"}},
      {"BadDates",
       {"date:2020-13-45..x", "date:..", "date:", "date:2021-12-31..2020-01-01 غزة", "date:99999999999999999999..1",
        "date:2020-01-01..2020-12-31 date:2019-01-01..2019-12-31", "date:٢٠٢٠-٠١-٠١..٢٠٢١-١٢-٣١", "date:2020-02-30"}},
      {"BadSources", {"source:", "source:\"\"", "source:\"صحيفة", "source:\"\" source:", "foo:bar غزة"}},
      {"VeryLongQueries",
       {HostileBytes(100).words(100 * 1024), HostileBytes(101).letters(100 * 1024), "\"" + HostileBytes(102).words(20 * 1024) + "\""},
       true},
      {"OnlyPunctuation", {".,;:!?؟،؛«»…—()[]{}<>/\\|@#$%^&~`'", "...", "،،،", "!"}},
      {"Wildcards", {"*", "***", "غز*", "*غزة", "ا*", "\"غز*\""}},
      {"ControlCharacters", {"غزة\x01حلب\x1b[31m\x07\x7f", "\x01", "\x1b]0;title\x07\x1b[2J", "غزة\nحلب\r\n", "\t"}, true},
      {"InvalidUtf8", {"\xff\xfe", "غز\xd8", "\xc0\xaf\xe0\x80\xaf", "\xed\xa0\x80غزة", "غزة \xf8\x88\x80\x80\x80"}, true},
      {"DirectionAndInvisibleMarks", {"\u200fغزة \u200e\u202eحلب\u202c", "غ\u200dزة\u200c", "\ufeffغزة", "\u200f"}, true},
      {"ArabicWithTashkeelAndTatweel",
       {"قَصَفَ الجَيْشُ مَوَاقِعَ", "ـــــ" /* U+0640 tatweel */, "َُِّْ" /* U+064E..U+0652 */, "٣٠ قتيلا", "99999999999999999999999999"}},
      {"OnlyStopWords", {"في من على إلى عن", "\"في من على\"", "و", "ال"}},
      {"ThousandTerms", {numbered_terms(1000, " OR "), numbered_terms(1000, " "), repeated("غز* OR حل*", 500, " OR ")}},
      {"EmptyOrBlank", {"", "   \t  "}},
  };
}

void PrintTo(const QueryKind& kind, std::ostream* os) { *os << kind.name; }

class MarsadSearchHostile : public testing::TestWithParam<QueryKind> {};

TEST_P(MarsadSearchHostile, AnswersOrSaysWhyInOneLine) {
  for (const std::string& query : GetParam().queries) {
    SCOPED_TRACE("query: " + excerpt(query, 120));
    expect_contract({query}, /*json=*/false);
    if (GetParam().json_too) expect_contract({query}, /*json=*/true);
  }
}

INSTANTIATE_TEST_SUITE_P(Queries, MarsadSearchHostile, testing::ValuesIn(query_kinds()),
                         [](const testing::TestParamInfo<QueryKind>& info) { return info.param.name; });

struct OptionCase {
  std::string name;
  std::vector<std::string> arguments;  // after the executable; "{db}" is the test index, "{empty}" an empty folder
  Outcome outcome;
};

void PrintTo(const OptionCase& c, std::ostream* os) { *os << c.name; }

class MarsadSearchHostileOptions : public testing::TestWithParam<OptionCase> {};

TEST_P(MarsadSearchHostileOptions, AnswersOrSaysWhyInOneLine) {
  ScratchFolder empty("hostile-empty");
  std::vector<std::string> args = GetParam().arguments;
  for (auto& a : args) {
    if (a == "{db}") a = search_index().string();
    if (a == "{empty}") a = empty.path().string();
  }
  LimitedResult r = search(args);
  EXPECT_EQ(contract_violation(r, "marsad-search", GetParam().outcome, /*log_lines_allowed=*/false), "") << report(r);
}

INSTANTIATE_TEST_SUITE_P(
    Options, MarsadSearchHostileOptions,
    testing::Values(OptionCase{"UnknownOption", {"--db", "{db}", "--no-such-option", "غزة"}, Outcome::Failure},
                    OptionCase{"NoQuery", {"--db", "{db}"}, Outcome::Failure},
                    OptionCase{"NoDb", {"غزة"}, Outcome::Failure},
                    OptionCase{"DbThatDoesNotExist", {"--db", "/nonexistent/marsad-index", "غزة"}, Outcome::Failure},
                    OptionCase{"DbThatIsAnEmptyFolder", {"--db", "{empty}", "غزة"}, Outcome::Failure},
                    OptionCase{"LimitZero", {"--db", "{db}", "--limit", "0", "غزة"}, Outcome::Contract},
                    OptionCase{"LimitNotANumber", {"--db", "{db}", "--limit", "many", "غزة"}, Outcome::Failure},
                    OptionCase{"OffsetNegative", {"--db", "{db}", "--offset", "-1", "غزة"}, Outcome::Contract},
                    OptionCase{"OffsetHuge", {"--db", "{db}", "--offset", "18446744073709551615", "غزة"}, Outcome::Contract},
                    OptionCase{"StopwordsFileMissing", {"--db", "{db}", "--stopwords", "/nonexistent/stop.txt", "غزة"}, Outcome::Failure},
                    OptionCase{"CsvOfStats", {"--db", "{db}", "--format", "csv", "stats"}, Outcome::Failure},
                    OptionCase{"JsonAndFormatBoth", {"--db", "{db}", "--json", "--format", "csv", "غزة"}, Outcome::Failure},
                    OptionCase{"UnknownMode", {"--db", "{db}", "--mode", "fuzzy", "غزة"}, Outcome::Failure},
                    OptionCase{"ClaimsWithoutQuery", {"--db", "{db}", "claims"}, Outcome::Failure},
                    OptionCase{"ClaimsGroupedJson", {"--db", "{db}", "claims", "--group", "--json", "قتلى"}, Outcome::Contract}),
    [](const testing::TestParamInfo<OptionCase>& info) { return info.param.name; });

TEST(MarsadSearchHostileOutput, ControlCharactersInTheIndexReachTheTerminalEscaped) {
  const std::string db = search_index().string();
  LimitedResult json = search({"--db", db, "--json", kControlWord});
  ASSERT_EQ(contract_violation(json, "marsad-search", Outcome::Success, false), "") << report(json);
  ASSERT_TRUE(nlohmann::json::accept(json.out)) << report(json);
  auto hits = nlohmann::json::parse(json.out)["hits"];
  ASSERT_EQ(hits.size(), 1u) << "the report with control characters should be found" << report(json);
  EXPECT_EQ(hits[0]["id"].get<std::string>(), kControlId) << "--json keeps the id exactly (JSON escapes it)";
  EXPECT_EQ(hits[0]["title"].get<std::string>(), kControlTitle) << "--json keeps the title exactly (JSON escapes it)";

  LimitedResult text = search({"--db", db, kControlWord});
  ASSERT_EQ(contract_violation(text, "marsad-search", Outcome::Success, false), "") << report(text);
  std::size_t at = find_control_byte(text.out);
  EXPECT_EQ(at, std::string::npos) << "raw control byte in the text output (title, id, source or snippet)" << report(text);
  EXPECT_NE(text.out.find("أحمر"), std::string::npos) << "the rest of the title is shown" << report(text);
}

}  // namespace

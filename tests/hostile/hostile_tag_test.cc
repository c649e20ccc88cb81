// Hostile inputs for marsad-tag in both formats, with and without --lossy: random bytes, NUL bytes,
// a 50 MB line, invalid UTF-8. A run ends with exit 0, or exit 1 and one line on stderr (naming the
// byte offset for invalid UTF-8), within a minute and a bounded address space (2 GiB for JSON of a
// 50 MB line); the byte offsets of --format tokens always point into the input as it was given.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/text/utf8.h"
#include "tests/support/hostile_inputs.h"
#include "tests/support/limited_command.h"

namespace fs = std::filesystem;
using namespace marsad::testing_support;

namespace {

const std::string kTagger = std::string(MARSAD_BINARY_DIR) + "/common/marsad-tag";
constexpr std::size_t kBigBytes = 50'000'000;
constexpr std::uint64_t kGiB = 1ull << 30;
const std::string kReplacementCharacter = "\xef\xbf\xbd";  // U+FFFD

struct TagCase {
  std::string name;
  std::function<std::string()> input;   // made when the case runs
  std::vector<std::string> options;     // before the input's path
  Outcome outcome;
  std::vector<std::string> says = {};   // Failure: the error line contains each
  std::uint64_t address_space = 4 * kGiB;
  bool through_stdin = false;           // give the input as "-" on standard input
};

/** kBigBytes of words on one line, then a bad byte (at offset kBigBytes) and a word. */
std::string big_line() {
  std::string line = HostileBytes(60).words(kBigBytes);
  line.resize(line.rfind(' ', kBigBytes));
  line.resize(kBigBytes, ' ');
  line += "\xff حلب";
  return line + "\n";
}

std::string random_bytes(std::uint64_t seed) { return HostileBytes(seed).bytes(64 * 1024); }

const std::string kNulLines = std::string("غزة\0حلب\n\0\0\nقصف \0 مواقع\n\0", 34);

void PrintTo(const TagCase& c, std::ostream* os) { *os << c.name; }

std::vector<TagCase> tag_cases() {
  std::vector<TagCase> cases;
  for (std::string format : {"terms", "tokens", "json"}) {
    const std::string f = format == "terms" ? "Terms" : format == "tokens" ? "Tokens" : "Tagged";
    const std::uint64_t big_limit = format == "terms" ? 4 * kGiB : 2 * kGiB;
    for (std::uint64_t seed : {1, 2, 3}) {
      const std::string s = std::to_string(seed);
      cases.push_back({f + "_RandomBytesSeed" + s, [seed] { return random_bytes(seed); }, {"-f", format},
                       Outcome::Failure, {"byte offset"}});
      cases.push_back({f + "Lossy_RandomBytesSeed" + s, [seed] { return random_bytes(seed); }, {"-f", format, "--lossy"},
                       Outcome::Success});
    }
    cases.push_back({f + "Lossy_RandomBytesOnStdin", [] { return random_bytes(4); }, {"-f", format, "--lossy"},
                     Outcome::Success, {}, 4 * kGiB, true});
    cases.push_back({f + "_NulBytes", [] { return kNulLines; }, {"-f", format}, Outcome::Success});
    cases.push_back({f + "Lossy_NulBytes", [] { return kNulLines; }, {"-f", format, "--lossy"}, Outcome::Success});
    cases.push_back({f + "_50MBLineWithABadByteAtTheEnd", [] { return big_line(); }, {"-f", format}, Outcome::Failure,
                     {"byte offset " + std::to_string(kBigBytes)}, big_limit});
    cases.push_back({f + "Lossy_50MBLineWithABadByteAtTheEnd", [] { return big_line(); }, {"-f", format, "--lossy"},
                     Outcome::Success, {}, big_limit});
    cases.push_back({f + "_InvalidUtf8NamesTheByteOffset", [] { return std::string("سطر\nحلب \xff\n"); }, {"-f", format},
                     Outcome::Failure, {"byte offset 14"}});
    cases.push_back({f + "_InvalidUtf8OnTheFirstByte", [] { return std::string("\x80غزة\n"); }, {"-f", format},
                     Outcome::Failure, {"byte offset 0"}});
    cases.push_back({f + "Lossy_BadBytesBeforeAWord", [] { return std::string("\xff\xfeمرحبا\n"); }, {"-f", format, "--lossy"},
                     Outcome::Success});
    cases.push_back({f + "Lossy_BadBytesOnSeveralLines",
                     [] { return std::string("غزة \xff\xfe\xfd حلب\n\xc3 مرحبا \xe2\x82\nقصف\xed\xa0\x80مواقع\r\nنهاية"); },
                     {"-f", format, "--lossy"}, Outcome::Success});
  }
  cases.push_back({"JsonLossy_CrlfAndTashkeel", [] { return std::string("قَصَفَ\r\nغزة\r\n"); }, {"-f", "tokens", "--lossy"},
                   Outcome::Success});
  cases.push_back({"Conll_InvalidUtf8NamesTheLine", [] { return std::string("غزة O\nحلب\xff B-LOC\n"); },
                   {"-f", "conll"}, Outcome::Failure, {"input.txt:2:", "invalid UTF-8"}});
  cases.push_back({"Conll_NulBytesAndBlankLines", [] { return std::string("\n\nغزة\0\tO\n\n\n\0\nقصف\n", 24); },
                   {"-f", "conll"}, Outcome::Success});
  cases.push_back({"Conll_RandomBytes", [] { return random_bytes(5); }, {"-f", "conll"}, Outcome::Failure, {"invalid UTF-8"}});
  cases.push_back({"BadPublicationDate", [] { return std::string("غزة\n"); }, {"-f", "json", "--date", "2020-13-45"},
                   Outcome::Failure, {"2020-13-45"}});
  cases.push_back({"UnknownOption", [] { return std::string("غزة\n"); }, {"--no-such-option"}, Outcome::Failure, {"--no-such-option"}});
  cases.push_back({"UnknownFormat", [] { return std::string("غزة\n"); }, {"-f", "xml"}, Outcome::Failure, {"xml"}});
  cases.push_back({"UnknownStemmer", [] { return std::string("غزة\n"); }, {"--stemmer", "porter"}, Outcome::Failure, {"porter"}});
  return cases;
}

/** Every sentence and entity of --format json output must name its own bytes, as tokens do; with
 *  --lossy, of the input as read, bad bytes blanked. */
void expect_tagged_offsets_point_into_the_input(std::string input, const std::string& output, bool lossy) {
  if (lossy) marsad::text::blank_invalid_utf8(input);
  ASSERT_TRUE(nlohmann::json::accept(output)) << "not one JSON document: " << excerpt(output);
  const nlohmann::json parsed = nlohmann::json::parse(output);
  auto check = [&](const nlohmann::json& item, const char* key) {
    std::string text = item[key].get<std::string>();
    std::size_t begin = item["begin"].get<std::size_t>(), end = item["end"].get<std::size_t>();
    if (text.find(kReplacementCharacter) != std::string::npos) return;
    ASSERT_LE(begin, end) << item.dump();
    ASSERT_LE(end, input.size()) << item.dump();
    EXPECT_TRUE(input.compare(begin, end - begin, text) == 0) << "offsets of " << excerpt(item.dump())
                                                              << " do not point at its text in the input";
  };
  for (const auto& sentence : parsed["sentences"]) {
    check(sentence, "text");
    for (const auto& entity : sentence["entities"]) check(entity, "surface");
  }
}

/** Every token of --format tokens output must name its own bytes: input.substr(begin, end - begin) is
 *  its text (tokens holding a replacement character stand for bad bytes and are let be). */
void expect_offsets_point_into_the_input(const std::string& input, const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    ASSERT_TRUE(nlohmann::json::accept(line)) << "not a JSON line: " << excerpt(line);
    const nlohmann::json parsed = nlohmann::json::parse(line);
    for (const auto& token : parsed["tokens"]) {
      std::string text = token["text"].get<std::string>();
      std::size_t begin = token["begin"].get<std::size_t>(), end = token["end"].get<std::size_t>();
      if (text.find(kReplacementCharacter) != std::string::npos) continue;
      ASSERT_LE(begin, end) << token.dump();
      ASSERT_LE(end, input.size()) << token.dump();
      EXPECT_TRUE(input.compare(begin, end - begin, text) == 0)
          << "offsets of " << token.dump() << " are not byte offsets into the input, which holds there: "
          << excerpt(input.substr(begin, end - begin));
    }
  }
}

class MarsadTagHostile : public testing::TestWithParam<TagCase> {};

TEST_P(MarsadTagHostile, EndsWithTheContractedExit) {
  const TagCase& c = GetParam();
  ScratchFolder scratch("hostile-tag");
  std::string input = c.input();
  const fs::path path = scratch.path() / "input.txt";
  write_file(path, input);
  std::vector<std::string> argv{kTagger};
  argv.insert(argv.end(), c.options.begin(), c.options.end());
  argv.push_back(c.through_stdin ? "-" : path.string());
  CommandLimits limits;
  limits.address_space_bytes = c.address_space;
  if (c.through_stdin) limits.stdin_path = path.string();
  limits.keep_stdout_bytes = 16u << 20;
  LimitedResult r = run_limited(argv, limits);
  const std::string context = "\n  " + r.describe() + " in " + std::to_string(r.seconds).substr(0, 5) + " s, " +
                              std::to_string(r.out_bytes) + " bytes out\n  stderr: " + excerpt(r.err) + "\n  stdout: " + excerpt(r.out);
  RecordProperty("result", excerpt(r.describe() + (r.exit_code == 0 ? "" : ": " + error_line(r, "marsad-tag"))));
  std::string violation = contract_violation(r, "marsad-tag", c.outcome, /*log_lines_allowed=*/false);
  ASSERT_EQ(violation, "") << context;
  if (r.exit_code != 0) {
    std::string line = error_line(r, "marsad-tag");
    for (const auto& word : c.says) EXPECT_TRUE(mentions(line, word)) << "the error line should say '" << word << "'" << context;
    return;
  }
  const bool tokens = std::find(c.options.begin(), c.options.end(), "tokens") != c.options.end();
  const bool tagged = std::find(c.options.begin(), c.options.end(), "json") != c.options.end();
  if (tokens && r.out_bytes == r.out.size()) expect_offsets_point_into_the_input(input, r.out);
  const bool lossy = std::find(c.options.begin(), c.options.end(), "--lossy") != c.options.end();
  if (tagged && r.out_bytes == r.out.size()) expect_tagged_offsets_point_into_the_input(input, r.out, lossy);
}

INSTANTIATE_TEST_SUITE_P(Inputs, MarsadTagHostile, testing::ValuesIn(tag_cases()),
                         [](const testing::TestParamInfo<TagCase>& info) { return info.param.name; });

// The word after two bad bytes starts at byte 2 and ends at byte 12 (five two-byte letters).
TEST(MarsadTagHostileOffsets, LossyOffsetsAreByteOffsetsIntoTheInput) {
  ScratchFolder scratch("hostile-tag");
  const std::string input = "\xff\xfeمرحبا\n";
  write_file(scratch.path() / "input.txt", input);
  LimitedResult r = run_limited({kTagger, "-f", "tokens", "--lossy", (scratch.path() / "input.txt").string()});
  ASSERT_EQ(contract_violation(r, "marsad-tag", Outcome::Success, false), "") << r.describe() << ": " << excerpt(r.err);
  ASSERT_TRUE(nlohmann::json::accept(non_empty_lines(r.out).at(0))) << excerpt(r.out);
  bool found = false;
  const nlohmann::json parsed = nlohmann::json::parse(non_empty_lines(r.out).at(0));
  for (const auto& token : parsed["tokens"]) {
    if (token["text"].get<std::string>() != "مرحبا") continue;
    found = true;
    EXPECT_EQ(token["begin"].get<std::size_t>(), 2u) << token.dump();
    EXPECT_EQ(token["end"].get<std::size_t>(), 12u) << token.dump();
  }
  EXPECT_TRUE(found) << "no token مرحبا in " << excerpt(r.out);
}

}  // namespace

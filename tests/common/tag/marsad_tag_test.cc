// End-to-end: the marsad-tag executable on files the test writes.
#include <gtest/gtest.h>

#include "tests/support/run_command.h"
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace {

struct Result {
  int status;
  std::string out;
};

Result run(const std::string& args) {
  auto r = marsad::testing_support::run_command(std::string(MARSAD_BINARY_DIR) + "/common/marsad-tag " + args);
  return {r.status, r.output};
}

std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(MarsadTag, TermsFormatGivesTokenAsWrittenAndItsIndexTerm) {
  auto path = write_temp("words.txt", "وبـاكو\nلأرمينيا قُتِلَ\n");
  Result r = run(path);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "وبـاكو\tZباكو\nلأرمينيا\tZارمينيا\nقُتِلَ\tZقتل\n");
}

TEST(MarsadTag, JsonFormatShowsSegmentsAndOffsets) {
  auto path = write_temp("line.txt", "سطر\nبالمفاوضات\n");
  Result r = run("--format json " + path);
  ASSERT_EQ(r.status, 0) << r.out;
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  auto json = nlohmann::json::parse(second);
  EXPECT_EQ(json["line"], 2);
  auto token = json["tokens"][0];
  EXPECT_EQ(token["proclitic"], "بال");
  EXPECT_EQ(token["core"], "مفاوضات");
  EXPECT_EQ(token["stem"], "مفاوضه");
  EXPECT_EQ(token["begin"], 7);  // byte offset in the whole input
}

TEST(MarsadTag, InvalidUtf8NamesTheByteOffsetAndFails) {
  auto path = write_temp("bad.txt", std::string("غزة\nحلب \xff\n"));
  Result r = run(path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("invalid UTF-8 at byte offset 14 (line 2)"), std::string::npos) << r.out;
}

TEST(MarsadTag, LossyReplacesInvalidBytes) {
  auto path = write_temp("bad2.txt", std::string("حلب \xff غزة\n"));
  Result r = run("--lossy " + path);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("غزة\tZغزه"), std::string::npos) << r.out;
}

TEST(MarsadTag, LossyOffsetsCountInputBytes) {
  const std::string input = std::string("\xff\xfe") + "حلب \xd8 غزة\n";
  auto path = write_temp("bad3.txt", input);
  Result r = run("--lossy --format json " + path);
  ASSERT_EQ(r.status, 0) << r.out;
  auto tokens = nlohmann::json::parse(r.out)["tokens"];
  ASSERT_EQ(tokens.size(), 2u);
  for (const auto& token : tokens) {
    std::size_t begin = token["begin"], end = token["end"];
    EXPECT_EQ(input.substr(begin, end - begin), token["text"].get<std::string>());
  }
}

TEST(MarsadTag, ALineLongerThanAPieceKeepsOffsetsAndPositions) {
  std::string line;
  for (int i = 0; i < 200000; ++i) line += i % 2 ? "غزة " : "حلب ";  // 1.4 MB: two pieces
  auto path = write_temp("long.txt", "x\n" + line + "\n");
  Result r = run("--format json " + path);
  ASSERT_EQ(r.status, 0);
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  auto tokens = nlohmann::json::parse(second)["tokens"];
  ASSERT_EQ(tokens.size(), 200000u);
  for (std::size_t i : {std::size_t{0}, std::size_t{131071}, std::size_t{131072}, std::size_t{199999}}) {
    EXPECT_EQ(tokens[i]["position"], i + 1);
    std::size_t begin = tokens[i]["begin"];
    EXPECT_EQ(begin, 2 + 7 * i);  // "x\n", then 7 bytes a word
  }
}

TEST(MarsadTag, CommandLineErrorsAreOneLineAndExitCode1) {
  Result r = run("--no-such-option");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "marsad-tag: The following argument was not expected: --no-such-option; see --help\n");
}

TEST(MarsadTag, MissingFileIsAClearError) {
  Result r = run("/nonexistent/file.txt");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("/nonexistent/file.txt"), std::string::npos);
}

}  // namespace

// End-to-end: the marsad-tag executable on files the test writes.
#include <gtest/gtest.h>

#include "tests/support/run_command.h"
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <set>
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

TEST(MarsadTag, TokensFormatShowsSegmentsAndOffsets) {
  auto path = write_temp("line.txt", "سطر\nبالمفاوضات\n");
  Result r = run("--format tokens " + path);
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
  Result r = run("--lossy --format tokens " + path);
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
  Result r = run("--format tokens " + path);
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

TEST(MarsadTag, JsonFormatIsOneDocumentOfSentencesWithEntitiesClaimsAndDates) {
  const std::string input =
      "تمهيد.\nأعلنت وزارة الدفاع الأذربيجانية أمس مقتل 12 جنديا أرمينيا في ناغورني قره باغ. وقال الكرملين إنه مستعد للوساطة.\n";
  auto path = write_temp("tagged.txt", input);
  Result r = run("--format json --date 2020-09-28 " + path);
  ASSERT_EQ(r.status, 0) << r.out;
  ASSERT_TRUE(nlohmann::json::accept(r.out)) << r.out;
  auto doc = nlohmann::json::parse(r.out);
  auto sentences = doc["sentences"];
  ASSERT_EQ(sentences.size(), 3u) << r.out;
  EXPECT_EQ(sentences[0]["line"], 1);
  EXPECT_EQ(sentences[1]["line"], 2);
  EXPECT_EQ(sentences[2]["line"], 2);
  for (const auto& s : sentences) {
    std::size_t begin = s["begin"], end = s["end"];
    EXPECT_EQ(input.substr(begin, end - begin), s["text"].get<std::string>());
    for (const auto& e : s["entities"]) {
      std::size_t b = e["begin"], en = e["end"];
      EXPECT_EQ(input.substr(b, en - b), e["surface"].get<std::string>());
    }
  }
  std::set<std::string> ids;
  for (const auto& e : sentences[1]["entities"]) ids.insert(e["id"].get<std::string>() + "/" + e["role"].get<std::string>());
  EXPECT_TRUE(ids.count("azerbaijani-mod/actor")) << sentences[1]["entities"].dump();
  EXPECT_TRUE(ids.count("nagorno-karabakh/place")) << sentences[1]["entities"].dump();
  bool killed = false;
  for (const auto& c : sentences[1]["claims"]) {
    if (c["type"] != "casualties") continue;
    EXPECT_EQ(c["claimant"]["id"], "azerbaijani-mod");
    for (const auto& f : c["figures"]) killed = killed || (f["count"] == 12 && f["what"] == "killed");
  }
  EXPECT_TRUE(killed) << sentences[1]["claims"].dump();
  ASSERT_EQ(sentences[1]["dates"].size(), 1u);
  EXPECT_EQ(sentences[1]["dates"][0]["date"], "2020-09-27");
  bool mediation = false;
  for (const auto& c : sentences[2]["claims"]) mediation = mediation || c["type"] == "mediation";
  EXPECT_TRUE(mediation) << sentences[2].dump();
}

TEST(MarsadTag, JsonFormatOfEmptyInputIsAnEmptyDocument) {
  auto path = write_temp("empty.txt", "");
  Result r = run("--format json " + path);
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(R"({"sentences":[]})"));
}

TEST(MarsadTag, ConllFormatTagsEveryInputTokenInOrder) {
  const std::string input = "-DOCSTART- O\n\nقال\tO\nالرئيس\tO\nفلاديمير\tB-PERS\nبوتين\tI-PERS\nفي\tO\nموسكو\tB-LOC\n\n"
                            "وصل\tO\nإلى\tO\nبغداد\tB-LOC\n.\tO\n";
  auto path = write_temp("ner.conll", input);
  Result r = run("--format conll " + path);
  ASSERT_EQ(r.status, 0) << r.out;
  std::vector<std::string> in_tokens, out_lines;
  std::istringstream in(input), out(r.out);
  for (std::string line; std::getline(in, line);) in_tokens.push_back(line.empty() ? "" : line.substr(0, line.find_first_of(" \t")));
  for (std::string line; std::getline(out, line);) out_lines.push_back(line);
  ASSERT_EQ(out_lines.size(), in_tokens.size()) << r.out;
  for (std::size_t i = 0; i < in_tokens.size(); ++i) {
    if (in_tokens[i].empty()) {
      EXPECT_EQ(out_lines[i], "") << "line " << i + 1;
      continue;
    }
    EXPECT_EQ(out_lines[i].substr(0, out_lines[i].find('\t')), in_tokens[i]) << "line " << i + 1;
  }
  EXPECT_EQ(out_lines[4], "فلاديمير\tB-PERS");
  EXPECT_EQ(out_lines[5], "بوتين\tI-PERS");
  EXPECT_EQ(out_lines[7], "موسكو\tB-LOC");
  EXPECT_EQ(out_lines[11], "بغداد\tB-LOC");
  EXPECT_EQ(out_lines[2], "قال\tO");
}

TEST(MarsadTag, AnUnreadablePublicationDateIsAnError) {
  auto path = write_temp("d.txt", "غزة\n");
  Result r = run("--format json --date 2020-02-30 " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("--date"), std::string::npos) << r.out;
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

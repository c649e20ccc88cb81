#include "indexer/input/record_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/errors.h"

namespace fs = std::filesystem;

namespace marsad::indexer {
namespace {

struct Read {
  std::vector<Record> records;
  std::vector<ReadProblem> problems;
};

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / "record_reader" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

Read read_all(const std::string& path, const FieldMap& fields = {}, ReaderOptions options = {}) {
  Read out;
  for (const InputFile& input : find_inputs({path}, InputFormat::Auto)) {
    auto reader = open_reader(input, fields, options);
    Record record;
    std::optional<ReadProblem> problem;
    while (reader->next(record, problem)) {
      if (problem) {
        out.problems.push_back(*problem);
      } else {
        out.records.push_back(record);
      }
    }
  }
  return out;
}

TEST(JsonlReader, ReadsCanonicalFieldsAndKeepsTheRest) {
  auto dir = scratch("jsonl");
  write_file(dir / "a.jsonl",
             "{\"id\": \"r1\", \"title\": \"عنوان\", \"body\": \"نص\", \"date\": \"2020-09-30\", \"source\": \"وكالة\", "
             "\"url\": \"https://x\", \"tags\": [\"a\", \"b\"], \"words\": 12}\n"
             "\n"
             "{\"id\": 7, \"headline\": \"t\", \"text\": \"b\", \"published\": 1601424000}\n");
  Read r = read_all((dir / "a.jsonl").string());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].id, "r1");
  EXPECT_EQ(r.records[0].body, "نص");
  EXPECT_EQ(r.records[0].extra["tags"], nlohmann::json::array({"a", "b"}));
  EXPECT_EQ(r.records[0].extra["words"], 12);
  EXPECT_EQ(r.records[0].origin.describe(), "a.jsonl:1");
  EXPECT_EQ(r.records[1].id, "7");
  EXPECT_EQ(r.records[1].title, "t");
  EXPECT_EQ(r.records[1].body, "b");
  EXPECT_EQ(r.records[1].date, "1601424000");
  EXPECT_EQ(r.records[1].origin.line, 3u);
}

TEST(JsonlReader, MalformedLinesAreProblemsWithTheirLine) {
  auto dir = scratch("bad");
  write_file(dir / "b.jsonl", "{\"body\": \"ok\"}\n{\"body\": \"broken\"\n[1, 2]\n{\"body\": \"ok too\"}\n");
  Read r = read_all((dir / "b.jsonl").string());
  ASSERT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].origin.line, 2u);
  EXPECT_EQ(r.problems[0].reason, "malformed JSON");
  EXPECT_NE(r.problems[0].message.find("b.jsonl:2"), std::string::npos);
  EXPECT_EQ(r.problems[1].origin.line, 3u);
  EXPECT_EQ(r.records[1].origin.line, 4u);
}

TEST(JsonlReader, FieldMappingRenamesTheBody) {
  auto dir = scratch("map");
  write_file(dir / "m.jsonl", "{\"article_text\": \"النص\", \"body\": \"not this\"}\n");
  FieldMap fields;
  fields.apply("body=article_text");
  Read r = read_all((dir / "m.jsonl").string(), fields);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].body, "النص");
  EXPECT_EQ(r.records[0].extra["body"], "not this");
  EXPECT_THROW(fields.apply("bodytext"), ConfigError);
  EXPECT_THROW(fields.apply("colour=x"), ConfigError);
}

TEST(JsonlReader, ReadsGzip) {
  auto dir = scratch("gz");
  gzFile gz = gzopen((dir / "c.jsonl.gz").c_str(), "wb");
  std::string line = "{\"id\": \"z\", \"body\": \"مضغوط\"}\n";
  gzwrite(gz, line.data(), static_cast<unsigned>(line.size()));
  gzclose(gz);
  Read r = read_all((dir / "c.jsonl.gz").string());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].body, "مضغوط");
}

TEST(DelimitedRecordReader, MapsCsvColumnsAndReportsBadRows) {
  auto dir = scratch("csv");
  write_file(dir / "r.csv", "id,title,body,region\nx1,عنوان,\"نص، مع فاصلة\nوسطر ثان\",حلب\nx2,bad\nx3,t,b,r\n");
  Read r = read_all((dir / "r.csv").string());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].body, "نص، مع فاصلة\nوسطر ثان");
  EXPECT_EQ(r.records[0].extra["region"], "حلب");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].origin.line, 4u);
  EXPECT_EQ(r.problems[0].reason, "wrong field count");
  EXPECT_EQ(r.records[1].origin.line, 5u);
}

TEST(TextFileReader, FirstLineIsTheTitleAndTheNameGivesIdAndDate) {
  auto dir = scratch("txt");
  fs::create_directories(dir / "sub");
  write_file(dir / "sub" / "2023-04-15-khartoum.txt", "\n  \nاشتباكات في الخرطوم\nالنص الكامل\nسطر آخر\n");
  write_file(dir / "undated.md", "عنوان\nنص\n");
  write_file(dir / "ignored.pdf", "x");
  ReaderOptions options;
  options.default_date = "2020-01-01";
  Read r = read_all(dir.string(), {}, options);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].id, "sub/2023-04-15-khartoum.txt");
  EXPECT_EQ(r.records[0].title, "اشتباكات في الخرطوم");
  EXPECT_EQ(r.records[0].body, "النص الكامل\nسطر آخر\n");
  EXPECT_EQ(r.records[0].date, "2023-04-15");
  EXPECT_EQ(r.records[1].date, "2020-01-01");
}

TEST(FindInputs, WalksFoldersInOrderAndRejectsBadPaths) {
  auto dir = scratch("walk");
  write_file(dir / "b.jsonl", "");
  write_file(dir / "a.csv", "");
  write_file(dir / "notes.docx", "");
  auto inputs = find_inputs({dir.string()}, InputFormat::Auto);
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].relative_name, "a.csv");
  EXPECT_EQ(inputs[0].format, InputFormat::Csv);
  EXPECT_EQ(inputs[1].format, InputFormat::Jsonl);
  EXPECT_THROW(find_inputs({(dir / "missing.jsonl").string()}, InputFormat::Auto), InputError);
  EXPECT_THROW(find_inputs({(dir / "notes.docx").string()}, InputFormat::Auto), InputError);
  EXPECT_EQ(find_inputs({(dir / "notes.docx").string()}, InputFormat::Jsonl).size(), 1u);
}

TEST(RecordReader, JsonNestedTooDeeplyIsSkippedAndCounted) {
  fs::path dir = scratch("deep");
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  write_file(dir / "a.jsonl", "{\"id\":\"1\",\"body\":\"x\"}\n{\"id\":\"2\",\"body\":\"y\",\"meta\":" + deep +
                                  "}\n{\"id\":\"3\",\"body\":\"z\",\"note\":\"[[[[ in a string ]]]]\"}\n");
  Read read = read_all((dir / "a.jsonl").string());
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[1].id, "3");
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].reason, "JSON nested too deeply");
  EXPECT_EQ(read.problems[0].origin.line, 2u);
}

TEST(RecordReader, ANulByteSpoilsOnlyItsOwnLine) {
  fs::path dir = scratch("nul");
  write_file(dir / "a.jsonl", std::string("{\"id\":\"1\",\"body\":\"a\"}\n{\"id\":\"2\",\"bo\0dy\":\"b\"}\n{\"id\":\"3\",\"body\":\"c\"}\nbad\n", 71));
  Read read = read_all((dir / "a.jsonl").string());
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0].id, "1");
  EXPECT_EQ(read.records[1].id, "3");
  EXPECT_EQ(read.records[1].origin.line, 3u);
  ASSERT_EQ(read.problems.size(), 2u);
  EXPECT_EQ(read.problems[0].origin.line, 2u);
  EXPECT_EQ(read.problems[1].origin.line, 4u);
}

TEST(RecordReader, CsvFieldsOverTheLimitAreCutWithANote) {
  fs::path dir = scratch("csvcut");
  write_file(dir / "a.csv", "id,body\n1,\"" + std::string(5000, 'x') + "\n" + std::string(5000, 'y') + "\"\n2,short\n");
  ReaderOptions options;
  options.max_field_bytes = 1000;
  Read read = read_all((dir / "a.csv").string(), {}, options);
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0].body, std::string(1000, 'x'));
  ASSERT_EQ(read.records[0].reader_notes.size(), 1u);
  EXPECT_EQ(read.records[0].reader_notes[0].first, "field truncated");
  EXPECT_NE(read.records[0].reader_notes[0].second.find("a.csv:2: field 'body' of 10001 bytes"), std::string::npos)
      << read.records[0].reader_notes[0].second;
  EXPECT_TRUE(read.records[1].reader_notes.empty());
}

TEST(RecordReader, UnreadablePathsInAFolderAreErrorsNamingThem) {
  if (::geteuid() == 0) GTEST_SKIP() << "runs as root, who reads everything (the hostile suite tests this as nobody)";
  fs::path dir = scratch("unreadable");
  fs::create_directories(dir / "sub");
  write_file(dir / "sub" / "a.jsonl", "{}\n");
  fs::permissions(dir / "sub", fs::perms::none);
  try {
    find_inputs({dir.string()}, InputFormat::Auto);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "sub").string() + ": cannot read folder"), std::string::npos) << e.what();
  }
  fs::permissions(dir / "sub", fs::perms::owner_all);
}

}  // namespace
}  // namespace marsad::indexer

#include "common/io/line_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "common/errors.h"

namespace marsad::io {
namespace {

std::vector<std::string> read_all(const std::string& path) {
  LineReader reader(path);
  std::vector<std::string> lines;
  std::string line;
  while (reader.next(line)) lines.push_back(line);
  return lines;
}

TEST(LineReader, ReadsPlainLinesWithoutTheirEnds) {
  std::string path = testing::TempDir() + "lines.txt";
  std::ofstream(path, std::ios::binary) << "أول\r\nثان\n\nأخير بلا نهاية";
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"أول", "ثان", "", "أخير بلا نهاية"}));
}

TEST(LineReader, ReadsLinesLongerThanItsBuffer) {
  std::string path = testing::TempDir() + "long.txt";
  std::string longline(300000, 'x');
  std::ofstream(path, std::ios::binary) << longline << "\nend\n";
  auto lines = read_all(path);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), longline.size());
}

TEST(LineReader, ReadsGzipAndReportsCompressedOffset) {
  std::string path = testing::TempDir() + "lines.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "سطر مكرر " + std::to_string(i) + "\n";
  gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
  LineReader reader(path);
  std::string line;
  int n = 0;
  while (reader.next(line)) ++n;
  EXPECT_EQ(n, 1000);
  EXPECT_GT(reader.offset(), 0u);
  EXPECT_LT(reader.offset(), content.size());  // compressed bytes, not text bytes
}

TEST(LineReader, AMissingFileIsAnInputErrorNamingIt) {
  try {
    LineReader reader("/nonexistent/x.jsonl");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/x.jsonl"), std::string::npos);
  }
}

}  // namespace
}  // namespace marsad::io

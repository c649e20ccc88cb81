#include "common/io/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "common/errors.h"

namespace marsad::io {
namespace {

/** A file name of this test process alone: ctest runs the tests of this file in parallel processes. */
std::string temp_path(const std::string& name) { return testing::TempDir() + std::to_string(getpid()) + "-" + name; }


std::vector<std::string> read_all(const std::string& path) {
  LineReader reader(path);
  std::vector<std::string> lines;
  std::string line;
  while (reader.next(line)) lines.push_back(line);
  return lines;
}

TEST(LineReader, ReadsPlainLinesWithoutTheirEnds) {
  std::string path = temp_path("lines.txt");
  std::ofstream(path, std::ios::binary) << "أول\r\nثان\n\nأخير بلا نهاية";
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"أول", "ثان", "", "أخير بلا نهاية"}));
}

TEST(LineReader, ReadsLinesLongerThanItsBuffer) {
  std::string path = temp_path("long.txt");
  std::string longline(300000, 'x');
  std::ofstream(path, std::ios::binary) << longline << "\nend\n";
  auto lines = read_all(path);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), longline.size());
}

TEST(LineReader, ReadsGzipAndReportsCompressedOffset) {
  std::string path = temp_path("lines.gz");
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

std::string gzip_of(const std::string& content) {
  std::string path = temp_path("whole.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(LineReader, ANulByteIsPartOfItsLine) {
  std::string path = temp_path("nul.txt");
  std::ofstream(path, std::ios::binary) << std::string("one\ntw\0o\nthree\n", 15);
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"one", std::string("tw\0o", 4), "three"}));
}

TEST(LineReader, TruncatedGzipIsAnErrorNamingTheFile) {
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "سطر رقم " + std::to_string(i) + "\n";
  const std::string gz = gzip_of(content);
  // Cut inside the stream, and cut where the data ends on a line end but the gzip trailer is missing.
  for (std::size_t cut : {gz.size() / 2, gz.size() - 8}) {
    std::string path = temp_path("cut.jsonl.gz");
    std::ofstream(path, std::ios::binary) << gz.substr(0, cut);
    try {
      read_all(path);
      ADD_FAILURE() << "no error for a gzip cut at " << cut << " of " << gz.size();
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(path + ": truncated gzip"), std::string::npos) << e.what();
    }
  }
}

TEST(LineReader, ConcatenatedGzipMembersAreOneInput) {
  std::string path = temp_path("two.gz");
  std::ofstream(path, std::ios::binary) << gzip_of("a\nb\n") << gzip_of("c\n");
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(LineReader, ANameEndingInGzMustHoldGzip) {
  std::string path = temp_path("fake.jsonl.gz");
  std::ofstream(path, std::ios::binary) << "{\"id\":\"1\"}\n";
  try {
    read_all(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": not gzip data"), std::string::npos) << e.what();
  }
  // Gzip data under any other name is still read.
  std::string other = temp_path("plain-name.jsonl");
  std::ofstream(other, std::ios::binary) << gzip_of("x\n");
  EXPECT_EQ(read_all(other), (std::vector<std::string>{"x"}));
}

TEST(LineReader, AFifoIsReadAsAStream) {
  std::string path = temp_path("lines.fifo");
  ::unlink(path.c_str());
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::ofstream(path, std::ios::binary) << "first\nsecond\n";
  });
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"first", "second"}));
  writer.join();
}

TEST(LineReader, AnInterruptEndsAWaitForAFifoWriter) {
  std::string path = temp_path("silent.fifo");
  ::unlink(path.c_str());
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::atomic<bool> interrupt{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    interrupt = true;
  });
  LineReader reader(path, &interrupt);  // nobody ever writes: only the interrupt ends this
  std::string line;
  EXPECT_FALSE(reader.next(line));
  EXPECT_TRUE(reader.interrupted());
  stopper.join();
}

}  // namespace
}  // namespace marsad::io

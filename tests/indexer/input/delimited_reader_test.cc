#include "indexer/input/delimited_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace marsad::indexer {
namespace {

using Fields = std::vector<std::string>;
using Dialect = DelimitedReader::Dialect;

// One result of next(): a row, or an error (then `fields` is empty and `message` set).
struct Result {
  std::size_t line = 0;
  Fields fields;
  std::string message;
  bool error = false;
  std::vector<TruncatedField> truncated;
};

std::vector<Result> read_all(DelimitedReader& reader) {
  std::vector<Result> out;
  DelimitedRow row;
  std::optional<DelimitedRowError> error;
  while (reader.next(row, error)) {
    if (error) {
      EXPECT_TRUE(row.fields.empty());
      out.push_back({error->line, {}, error->message, true, {}});
    } else {
      out.push_back({row.line, row.fields, "", false, row.truncated});
    }
    if (out.size() > 1000) break;  // guards against a reader that never ends
  }
  return out;
}

void expect_row(const Result& r, std::size_t line, const Fields& fields) {
  EXPECT_FALSE(r.error) << r.message;
  EXPECT_EQ(r.line, line);
  EXPECT_EQ(r.fields, fields);
}

void expect_error(const Result& r, std::size_t line, const std::string& message) {
  EXPECT_TRUE(r.error);
  EXPECT_EQ(r.line, line);
  EXPECT_EQ(r.message, message);
}

TEST(DelimitedReader, SimpleCsv) {
  std::istringstream in("id,title,date\n1,raid,2024-01-02\n2,strike,2024-01-03\n");
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.header(), (Fields{"id", "title", "date"}));
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  expect_row(rows[0], 2, {"1", "raid", "2024-01-02"});
  expect_row(rows[1], 3, {"2", "strike", "2024-01-03"});
}

TEST(DelimitedReader, LastLineWithoutNewlineAndEmptyFields) {
  std::istringstream in("a,b,c\n,x,\n1,2,3");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  expect_row(rows[0], 2, {"", "x", ""});
  expect_row(rows[1], 3, {"1", "2", "3"});
}

TEST(DelimitedReader, QuotedCommas) {
  std::istringstream in("id,place\n1,\"Gaza, Shujaiya\"\n2,\"\"\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  expect_row(rows[0], 2, {"1", "Gaza, Shujaiya"});
  expect_row(rows[1], 3, {"2", ""});
}

TEST(DelimitedReader, DoubledQuotesAreOneQuote) {
  std::istringstream in("id,quote\n1,\"he said \"\"stop\"\"\"\n2,\"\"\"\"\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  expect_row(rows[0], 2, {"1", "he said \"stop\""});
  expect_row(rows[1], 3, {"2", "\""});
}

TEST(DelimitedReader, EmbeddedNewlinesAdvanceLineNumbers) {
  std::istringstream in("id,body\n1,\"first\nsecond\nthird\"\n2,next\n3,\"a\n\nb\"\n4,last\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 4u);
  expect_row(rows[0], 2, {"1", "first\nsecond\nthird"});
  expect_row(rows[1], 5, {"2", "next"});
  expect_row(rows[2], 6, {"3", "a\n\nb"});
  expect_row(rows[3], 9, {"4", "last"});
}

TEST(DelimitedReader, CrlfLineEnds) {
  std::string input = "id,title\r\n1,\"x\"\r\n2,y\r\n3,\"multi\r\nline\"\r\n";
  std::istringstream in(input);
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.header(), (Fields{"id", "title"}));
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  expect_row(rows[0], 2, {"1", "x"});
  expect_row(rows[1], 3, {"2", "y"});
  expect_row(rows[2], 4, {"3", "multi\r\nline"});  // line ends inside quotes are kept as written
  EXPECT_EQ(reader.bytes_read(), input.size());
}

TEST(DelimitedReader, BomBeforeHeaderIsSkipped) {
  std::string input = "\xEF\xBB\xBFid,title\n1,\xEF\xBB\xBFx\n";
  std::istringstream in(input);
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.header(), (Fields{"id", "title"}));
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 1u);
  expect_row(rows[0], 2, {"1", "\xEF\xBB\xBFx"});  // only the leading BOM is special
  EXPECT_EQ(reader.bytes_read(), input.size());
}

TEST(DelimitedReader, TsvKeepsQuotesLiterally) {
  std::istringstream in("id\ttitle\tnote\n1\t\"quoted\"\ta,b\n2\t\"open\t\n3\t\t\"\"\r\n");
  DelimitedReader reader(in, Dialect::Tsv);
  EXPECT_EQ(reader.header(), (Fields{"id", "title", "note"}));
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  expect_row(rows[0], 2, {"1", "\"quoted\"", "a,b"});
  expect_row(rows[1], 3, {"2", "\"open", ""});
  expect_row(rows[2], 4, {"3", "", "\"\""});
}

TEST(DelimitedReader, TsvFieldCountMismatch) {
  std::istringstream in("a\tb\n1\n2\t3\n");
  DelimitedReader reader(in, Dialect::Tsv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  expect_error(rows[0], 2, "expected 2 fields, found 1");
  expect_row(rows[1], 3, {"2", "3"});
}

TEST(DelimitedReader, QuoteInsideUnquotedFieldIsLiteral) {
  std::istringstream in("a,b\nx\"y,5\"\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 1u);
  expect_row(rows[0], 2, {"x\"y", "5\""});
}

TEST(DelimitedReader, CharacterAfterClosingQuoteIsAnError) {
  std::istringstream in("a,b\n\"ab\"c,1\n\"ok\",2\n\"x\" ,3\n4,\"multi\nline\"z\n5,6\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 6u);
  expect_error(rows[0], 2, "unexpected character after closing quote");
  expect_row(rows[1], 3, {"ok", "2"});
  expect_error(rows[2], 4, "unexpected character after closing quote");
  expect_error(rows[3], 5, "unexpected character after closing quote");
  // The row spanned lines 5-6, so line 6 is read again on its own.
  expect_error(rows[4], 6, "expected 2 fields, found 1");
  expect_row(rows[5], 7, {"5", "6"});
}

TEST(DelimitedReader, StrayQuoteClosingAcrossLinesResynchronisesAfterRowStart) {
  std::istringstream in("id,title,body\n1,\"a,b\n2,c,d\n3,\"e\",f\n4,g,h\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 4u);
  expect_error(rows[0], 2, "unexpected character after closing quote");
  expect_row(rows[1], 3, {"2", "c", "d"});
  expect_row(rows[2], 4, {"3", "e", "f"});
  expect_row(rows[3], 5, {"4", "g", "h"});
}

TEST(DelimitedReader, FieldCountMismatchIsReportedAndReadingGoesOn) {
  std::istringstream in("a,b,c,d,e\n1,2,3,4,5\n1,2,3,4,5,6,7\n1,2\n9,8,7,6,5\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 4u);
  expect_row(rows[0], 2, {"1", "2", "3", "4", "5"});
  expect_error(rows[1], 3, "expected 5 fields, found 7");
  expect_error(rows[2], 4, "expected 5 fields, found 2");
  expect_row(rows[3], 5, {"9", "8", "7", "6", "5"});
}

TEST(DelimitedReader, UnterminatedQuoteNearTheEndRecoversFollowingRows) {
  std::string input =
      "id,title,body\n"   // 1
      "1,a,b\n"           // 2
      "2,\"broken,c\n"    // 3
      "3,d,e\n"           // 4
      "4,f,g\n"           // 5
      "5,h,i\n";          // 6
  std::istringstream in(input);
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 5u);
  expect_row(rows[0], 2, {"1", "a", "b"});
  expect_error(rows[1], 3, "unterminated quoted field");
  expect_row(rows[2], 4, {"3", "d", "e"});
  expect_row(rows[3], 5, {"4", "f", "g"});
  expect_row(rows[4], 6, {"5", "h", "i"});
  EXPECT_EQ(reader.bytes_read(), input.size());
}

TEST(DelimitedReader, SecondBadQuoteInsideReplayedLines) {
  std::istringstream in("a,b\n1,\"x\n2,y\n3,\"z\n4,w\n5,v\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 5u);
  expect_error(rows[0], 2, "unexpected character after closing quote");  // line 4's quote closes it
  expect_row(rows[1], 3, {"2", "y"});
  expect_error(rows[2], 4, "unterminated quoted field");
  expect_row(rows[3], 5, {"4", "w"});
  expect_row(rows[4], 6, {"5", "v"});
}

TEST(DelimitedReader, QuotedFieldsOfAnyLengthAreReadToTheirEnd) {
  std::string many_lines;
  for (int i = 0; i < 20'000; ++i) many_lines += "line\n";
  const std::string big(3'000'000, 'x');
  std::istringstream in("h1,h2\na,\"" + many_lines + "end\"\nb,\"" + big + "\"\nc,ok\n");
  DelimitedReader reader(in, Dialect::Csv);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  expect_row(rows[0], 2, {"a", many_lines + "end"});
  expect_row(rows[1], 20'003, {"b", big});
  expect_row(rows[2], 20'004, {"c", "ok"});
}

TEST(DelimitedReader, LongFieldsAreCutOnACharacterBoundary) {
  DelimitedReader::Limits limits;
  limits.max_field_bytes = 5;
  // "عربي" is 8 bytes: 5 would split the third letter, so 4 bytes are kept.
  std::istringstream in("h1,h2\n1,\"عربي\nx\"\n2,abcdefgh\n3,abc\n");
  DelimitedReader reader(in, Dialect::Csv, limits);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  expect_row(rows[0], 2, {"1", "عر"});
  ASSERT_EQ(rows[0].truncated.size(), 1u);
  EXPECT_EQ(rows[0].truncated[0].index, 1u);
  EXPECT_EQ(rows[0].truncated[0].bytes, 10u);  // 8 bytes, the newline, "x"
  expect_row(rows[1], 4, {"2", "abcde"});
  ASSERT_EQ(rows[1].truncated.size(), 1u);
  EXPECT_EQ(rows[1].truncated[0].bytes, 8u);
  expect_row(rows[2], 5, {"3", "abc"});
  EXPECT_TRUE(rows[2].truncated.empty());
}

TEST(DelimitedReader, TsvFieldsAreCutToo) {
  DelimitedReader::Limits limits;
  limits.max_field_bytes = 3;
  std::istringstream in("h1\th2\n1\tabcdef\n");
  DelimitedReader reader(in, Dialect::Tsv, limits);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 1u);
  expect_row(rows[0], 2, {"1", "abc"});
  EXPECT_EQ(rows[0].truncated.size(), 1u);
}

TEST(DelimitedReader, UnterminatedQuotePastTheResyncWindowSaysWhatIsLost) {
  DelimitedReader::Limits limits;
  limits.max_resync_bytes = 12;
  std::istringstream in("h1,h2\n1,\"never closed\n2,b\n3,c\n4,d\n");
  DelimitedReader reader(in, Dialect::Csv, limits);
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].error);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_NE(rows[0].message.find("unterminated quoted field (it runs from line 2 to line 5"), std::string::npos)
      << rows[0].message;
  EXPECT_NE(rows[0].message.find("lost"), std::string::npos);
}

TEST(DelimitedReader, BlankLinesAreSkipped) {
  std::istringstream in("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n");
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.header(), (Fields{"a", "b"}));
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 2u);
  expect_row(rows[0], 5, {"1", "2"});
  expect_row(rows[1], 8, {"3", "4"});
}

TEST(DelimitedReader, EmptyInput) {
  for (Dialect dialect : {Dialect::Csv, Dialect::Tsv}) {
    std::istringstream in("");
    DelimitedReader reader(in, dialect);
    EXPECT_TRUE(reader.header().empty());
    DelimitedRow row;
    std::optional<DelimitedRowError> error;
    EXPECT_FALSE(reader.next(row, error));
    EXPECT_FALSE(error.has_value());
    EXPECT_FALSE(reader.next(row, error));
    EXPECT_EQ(reader.bytes_read(), 0u);
  }
}

TEST(DelimitedReader, HeaderOnly) {
  std::istringstream in("a,b\n");
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.header(), (Fields{"a", "b"}));
  EXPECT_TRUE(read_all(reader).empty());
}

TEST(DelimitedReader, MalformedHeaderIsReportedOnce) {
  std::istringstream in("id,\"title\n1,x\n");
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_TRUE(reader.header().empty());
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 1u);
  expect_error(rows[0], 1, "malformed header: unterminated quoted field");
}

TEST(DelimitedReader, ArabicFieldsRoundTripByteExact) {
  const std::string title = "قصف على حي الشجاعية، وسقوط ضحايا";
  const std::string body = "قالت مصادر محلية إن \"الغارة\" استهدفت منزلاً,\nوأسفرت عن إصابات";
  const std::string place = "غزة";
  std::string input = "العنوان,النص,المكان\n";
  input += title + ",\"قالت مصادر محلية إن \"\"الغارة\"\" استهدفت منزلاً,\nوأسفرت عن إصابات\"," + place + "\n";
  std::istringstream in(input);
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.header(), (Fields{"العنوان", "النص", "المكان"}));
  auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 1u);
  expect_row(rows[0], 2, {title, body, place});

  std::istringstream tsv_in("المكان\tالنص\n" + place + "\t" + title + "\n");
  DelimitedReader tsv(tsv_in, Dialect::Tsv);
  auto tsv_rows = read_all(tsv);
  ASSERT_EQ(tsv_rows.size(), 1u);
  expect_row(tsv_rows[0], 2, {place, title});
}

TEST(DelimitedReader, BytesReadTracksProgressAndEndsAtInputSize) {
  const std::string input = "a,b\n1,2\n\n3,\"x\ny\"\n4,5";
  std::istringstream in(input);
  DelimitedReader reader(in, Dialect::Csv);
  EXPECT_EQ(reader.bytes_read(), 4u);  // the header line
  DelimitedRow row;
  std::optional<DelimitedRowError> error;
  ASSERT_TRUE(reader.next(row, error));
  EXPECT_EQ(reader.bytes_read(), 8u);
  while (reader.next(row, error)) {
  }
  EXPECT_EQ(reader.bytes_read(), input.size());
}

}  // namespace
}  // namespace marsad::indexer

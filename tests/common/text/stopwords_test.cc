#include "common/text/stopwords.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "common/errors.h"
#include "common/text/xapian_stem.h"

namespace marsad::text {
namespace {

Xapian::Query parse(const StopWordList& stopwords, const std::string& query) {
  Xapian::QueryParser parser;
  parser.set_stemmer(make_xapian_stem());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_stopper(stopwords.new_query_stopper());
  return parser.parse_query(Normalizer(NormalizerOptions{.lowercase = false}).normalize(query),
                            Xapian::QueryParser::FLAG_DEFAULT);
}

std::set<std::string> terms(const Xapian::Query& q) { return {q.get_terms_begin(), q.get_terms_end()}; }

TEST(StopWordList, BuiltinHoldsNormalizedParticles) {
  const StopWordList& list = StopWordList::builtin();
  EXPECT_GT(list.size(), 100u);
  EXPECT_TRUE(list.contains("في"));
  EXPECT_TRUE(list.contains("الي"));  // إلى, normalized
  EXPECT_FALSE(list.contains("قصف"));
}

TEST(StopWordList, FreeTextQueriesDropStopWords) {
  EXPECT_EQ(terms(parse(StopWordList::builtin(), "قصف في غزة")), (std::set<std::string>{"Zغزه", "Zقصف"}));
}

TEST(StopWordList, PhrasesKeepStopWords) {
  auto t = terms(parse(StopWordList::builtin(), "\"وقف إطلاق النار في غزة\""));
  EXPECT_EQ(t.count("Zفي"), 1u);
}

TEST(StopWordList, AUserListReplacesTheBuiltinOne) {
  std::string path = testing::TempDir() + "stop.txt";
  std::ofstream(path) << "# mine\nقصف\n";
  StopWordList mine = StopWordList::from_file(path);
  EXPECT_EQ(mine.size(), 1u);
  EXPECT_EQ(terms(parse(mine, "قصف في غزة")), (std::set<std::string>{"Zغزه", "Zفي"}));
}

TEST(StopWordList, EmptyListKeepsEverything) {
  EXPECT_EQ(terms(parse(StopWordList(), "قصف في")).size(), 2u);
}

TEST(StopWordList, UnreadableFileIsAnInputError) {
  EXPECT_THROW(StopWordList::from_file("/nonexistent/stop.txt"), InputError);
}

}  // namespace
}  // namespace marsad::text

#include "common/tag/gazetteer.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/errors.h"

namespace marsad::tag {
namespace {

constexpr std::string_view kHeader = "id\tkind\tparent\tarabic\tenglish\tnisba\n";

TEST(Gazetteer, BuiltinEntriesRollUpToTheirCountry) {
  const Gazetteer& g = Gazetteer::builtin();
  EXPECT_GT(g.entities().size(), 1500u);
  const Entity* aden = g.find("aden");
  ASSERT_NE(aden, nullptr);
  EXPECT_EQ(aden->kind, EntityKind::City);
  auto lineage = g.lineage("aden");
  ASSERT_GE(lineage.size(), 2u);
  EXPECT_EQ(lineage.front()->id, "aden");
  EXPECT_EQ(lineage.back()->id, "yemen");
  EXPECT_EQ(g.lineage("syrian-army").back()->id, "syria");
  EXPECT_TRUE(g.lineage("no-such-id").empty());
}

TEST(Gazetteer, CompaniesAndClubsAreActorKinds) {
  EXPECT_EQ(parse_entity_kind("company"), EntityKind::Company);
  EXPECT_EQ(parse_entity_kind("club"), EntityKind::Club);
  EXPECT_EQ(to_string(EntityKind::Club), "club");
  EXPECT_FALSE(is_place(EntityKind::Company));
  const Entity* nokia = Gazetteer::builtin().find("nokia");
  ASSERT_NE(nokia, nullptr);
  EXPECT_EQ(nokia->kind, EntityKind::Company);
  EXPECT_EQ(Gazetteer::builtin().lineage("real-madrid").back()->id, "spain");
}

TEST(Gazetteer, BuiltinCountriesCarryANisba) {
  const Gazetteer& g = Gazetteer::builtin();
  for (std::string_view id : {"azerbaijan", "armenia", "yemen", "russia"}) {
    const Entity* e = g.find(id);
    ASSERT_NE(e, nullptr) << id;
    EXPECT_FALSE(e->nisba.empty()) << id;
  }
}

TEST(Gazetteer, AUserFileAddsAndExtendsEntries) {
  Gazetteer g = Gazetteer::builtin();
  const std::size_t before = g.entities().size();
  const std::size_t aden_names = g.find("aden")->arabic.size();
  g.add(std::string(kHeader) + "al-mualla\tdistrict\taden\tالمعلا\tAl-Mualla\t\n"
                               "aden\tcity\t\tعدن الصغرى|عدن\t\t\n",
        "mine.tsv", /*extend=*/true);
  EXPECT_EQ(g.entities().size(), before + 1);
  EXPECT_EQ(g.lineage("al-mualla").back()->id, "yemen");
  EXPECT_EQ(g.find("aden")->arabic.size(), aden_names + 1);  // عدن was there already
  EXPECT_EQ(g.find("aden")->parent, Gazetteer::builtin().find("aden")->parent);
  EXPECT_NE(g.fingerprint(), Gazetteer::builtin().fingerprint());
}

TEST(Gazetteer, BadRowsAreErrorsNamingFileAndLine) {
  struct Case {
    std::string rows, message;
  };
  const Case cases[] = {
      {"x\tcity\tyemen\tس", "mine.tsv:2: expected 6 TAB-separated columns, found 4"},  // 5 pass: nisba empty
      {"Bad Id\tcity\tyemen\tس\tX\t", "mine.tsv:2: id 'Bad Id' is not a slug"},
      {"x\tvillage\tyemen\tس\tX\t", "mine.tsv:2: unknown kind 'village'"},
      {"x\tcity\tnowhere\tس\tX\t", "mine.tsv:2: parent 'nowhere' of 'x' is no id of the gazetteer"},
      {"x\tcity\ty\tس\tX\t\ny\tcity\tx\tص\tY\t", "mine.tsv:2: parents of 'x' loop back"},
      {"aden\tcountry\t\tعدن\tAden\t", "mine.tsv:2: 'aden' is a city, not a country"},
      {"x\tcity\tyemen\t\tX\t", "mine.tsv:2: no Arabic name for 'x'"},
  };
  for (const Case& c : cases) {
    Gazetteer g = Gazetteer::builtin();
    const std::size_t before = g.entities().size();
    try {
      g.add(std::string(kHeader) + c.rows + "\n", "mine.tsv", true);
      ADD_FAILURE() << "no error for " << c.rows;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).substr(0, c.message.size()), c.message) << e.what();
    }
    EXPECT_EQ(g.entities().size(), before);  // unchanged after a failure
  }
  Gazetteer g;
  EXPECT_THROW(g.add("id\tkind\n", "bad-header.tsv", true), InputError);
  EXPECT_THROW(g.add(std::string(kHeader) + "a\tcity\t\tس\tA\t\na\tcity\t\tس\tA\t\n", "twice.tsv", false), InputError);
}

TEST(Gazetteer, BuiltinWithReadsAFile) {
  std::string path = testing::TempDir() + "user_gazetteer.tsv";
  std::ofstream(path) << "# my places\n" << kHeader << "al-mualla\tdistrict\taden\tالمعلا\tAl-Mualla\t\n";
  EXPECT_NE(Gazetteer::builtin_with(path).find("al-mualla"), nullptr);
  EXPECT_THROW(Gazetteer::builtin_with(testing::TempDir() + "missing.tsv"), InputError);
}

}  // namespace
}  // namespace marsad::tag

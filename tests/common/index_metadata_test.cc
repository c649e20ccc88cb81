#include "common/index_metadata.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/schema.h"

namespace marsad {
namespace {

TEST(IndexMetadata, AnIndexWithTheSameSettingsPasses) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  write_index_metadata(db, {}, {}, 0, 2);
  EXPECT_NO_THROW(check_index_metadata(db, "x", {}));
  EXPECT_EQ(db.get_metadata(std::string(schema::kShardCountKey)), "2");
}

TEST(IndexMetadata, OtherSettingsAreRefusedWithARebuildHint) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  write_index_metadata(db, text::AnalyzerSettings{text::StemmerKind::Snowball}, {}, 0, 1);
  try {
    check_index_metadata(db, "reports.db", {});
    FAIL() << "no exception";
  } catch (const ConfigError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("reports.db"), std::string::npos);
    EXPECT_NE(message.find("stemmer=snowball"), std::string::npos);
    EXPECT_NE(message.find("rebuild"), std::string::npos);
  }
}

TEST(IndexMetadata, OtherSchemaVersionsAndForeignDatabasesAreRefused) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  EXPECT_THROW(check_index_metadata(db, "x", {}), ConfigError);  // no Marsad metadata at all
  write_index_metadata(db, {}, {}, 0, 1);
  db.set_metadata(std::string(schema::kSchemaVersionKey), "0");
  EXPECT_THROW(check_index_metadata(db, "x", {}), ConfigError);
}

TEST(IndexMetadata, TheGazetteerTravelsWithTheIndex) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  tag::Gazetteer user = tag::Gazetteer::builtin();
  user.add("id\tkind\tparent\tarabic\tenglish\tnisba\nwadi-x\ttown\tyemen\tوادي القمر\tWadi al-Qamar\t\n", "user.tsv", true);
  write_index_metadata(db, {}, TaggingSettings{true, &user}, 0, 1);

  tag::Gazetteer stored = index_gazetteer(db, "reports.db");
  EXPECT_EQ(stored.fingerprint(), user.fingerprint());
  ASSERT_NE(stored.find("wadi-x"), nullptr);
  EXPECT_EQ(stored.lineage("wadi-x").back()->id, "yemen");
  EXPECT_EQ(stored.entities().size(), user.entities().size());

  // Adding to it needs the same gazetteer and tagging.
  EXPECT_NO_THROW(check_index_tagging(db, "reports.db", TaggingSettings{true, &user}));
  try {
    check_index_tagging(db, "reports.db", TaggingSettings{});
    FAIL() << "another gazetteer was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("--gazetteer"), std::string::npos) << e.what();
  }
  EXPECT_THROW(check_index_tagging(db, "reports.db", TaggingSettings{false, &user}), ConfigError);
}

TEST(IndexMetadata, AStoredGazetteerThatWasChangedIsRefused) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  write_index_metadata(db, {}, {}, 0, 1);
  EXPECT_TRUE(index_is_tagged(db));
  std::string tsv = db.get_metadata(std::string(schema::kGazetteerKey));
  db.set_metadata(std::string(schema::kGazetteerKey), tsv.substr(0, tsv.rfind('\n', tsv.size() - 2) + 1));
  EXPECT_THROW(index_gazetteer(db, "x"), ConfigError);
  db.set_metadata(std::string(schema::kGazetteerKey), "");
  EXPECT_THROW(index_gazetteer(db, "x"), ConfigError);
}

}  // namespace
}  // namespace marsad

#include "common/index_metadata.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/schema.h"

namespace marsad {
namespace {

TEST(IndexMetadata, AnIndexWithTheSameSettingsPasses) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  write_index_metadata(db, {}, 0, 2);
  EXPECT_NO_THROW(check_index_metadata(db, "x", {}));
  EXPECT_EQ(db.get_metadata(std::string(schema::kShardCountKey)), "2");
}

TEST(IndexMetadata, OtherSettingsAreRefusedWithARebuildHint) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  write_index_metadata(db, text::AnalyzerSettings{text::StemmerKind::Snowball}, 0, 1);
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
  write_index_metadata(db, {}, 0, 1);
  db.set_metadata(std::string(schema::kSchemaVersionKey), "0");
  EXPECT_THROW(check_index_metadata(db, "x", {}), ConfigError);
}

}  // namespace
}  // namespace marsad

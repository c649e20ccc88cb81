// A field processor's error reaches the caller after parse_query has returned, never through it.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "searcher/guarded_field.h"

namespace marsad::searcher {
namespace {

/** f:VALUE is the term XVALUE; f:bad throws. */
class Picky : public Xapian::FieldProcessor {
 public:
  explicit Picky(int& calls) : calls_(calls) {}
  Xapian::Query operator()(const std::string& value) override {
    ++calls_;
    if (value.starts_with("bad")) throw std::invalid_argument("f:" + value + " is bad");
    return Xapian::Query("X" + value);
  }

 private:
  int& calls_;
};

struct GuardCase {
  const char* query;
  const char* error;  // what the parse raises afterwards; "" for none
  const char* parsed;  // the query's description when there is no error
};

class GuardedFieldTest : public testing::TestWithParam<GuardCase> {};

TEST_P(GuardedFieldTest, RaisesTheFirstErrorAfterTheParse) {
  const GuardCase& c = GetParam();
  int calls = 0;
  ParseErrors errors;
  Xapian::QueryParser parser;
  parser.add_boolean_prefix("f", (new GuardedFieldProcessor(std::make_unique<Picky>(calls), errors))->release());
  errors.clear();
  const Xapian::Query query = parser.parse_query(c.query);  // does not throw
  EXPECT_GT(calls, 0);
  if (*c.error == '\0') {
    EXPECT_NO_THROW(errors.rethrow());
    EXPECT_EQ(query.get_description(), c.parsed);
    return;
  }
  try {
    errors.rethrow();
    FAIL() << c.query << ": no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), c.error);
  }
  errors.clear();
  EXPECT_NO_THROW(errors.rethrow()) << "clear() forgets it";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GuardedFieldTest,
    testing::Values(GuardCase{"f:good", "", "Query(0 * Xgood)"},
                    GuardCase{"f:bad", "f:bad is bad", ""},
                    GuardCase{"word f:bad1 f:bad2", "f:bad1 is bad", ""},
                    GuardCase{"f:good f:bad", "f:bad is bad", ""}));

}  // namespace
}  // namespace marsad::searcher

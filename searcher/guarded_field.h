#pragma once
// Field processors that never throw into Xapian's QueryParser: 1.4 leaks its parse state when a
// FieldProcessor throws (date:2020-13, actor:nobody), which a server answering bad queries all day
// cannot afford. The error is kept and raised once parse_query has returned.
#include <exception>
#include <memory>
#include <string>

#include <xapian.h>

namespace marsad::searcher {

/** The first exception a guarded processor caught during one parse. */
class ParseErrors {
 public:
  /** Forgets any earlier error: call before each parse. */
  void clear() { first_ = nullptr; }
  void record(std::exception_ptr error) {
    if (!first_) first_ = std::move(error);
  }
  /** Rethrows the recorded error, if any. */
  void rethrow() const {
    if (first_) std::rethrow_exception(first_);
  }

 private:
  std::exception_ptr first_;
};

/** Runs `inner` and turns what it throws into a recorded error and a query that matches nothing. */
class GuardedFieldProcessor : public Xapian::FieldProcessor {
 public:
  GuardedFieldProcessor(std::unique_ptr<Xapian::FieldProcessor> inner, ParseErrors& errors)
      : inner_(std::move(inner)), errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override;

 private:
  std::unique_ptr<Xapian::FieldProcessor> inner_;
  ParseErrors& errors_;
};

}  // namespace marsad::searcher

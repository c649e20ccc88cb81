#include "searcher/guarded_field.h"

namespace marsad::searcher {

Xapian::Query GuardedFieldProcessor::operator()(const std::string& value) {
  try {
    return (*inner_)(value);
  } catch (...) {
    errors_.record(std::current_exception());
    return Xapian::Query::MatchNothing;
  }
}

}  // namespace marsad::searcher

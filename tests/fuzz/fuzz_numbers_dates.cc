// Fuzz target: the number and date recognizers over analysed text, and the record date parser.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/date/civil_date.h"
#include "common/tag/dates.h"
#include "common/tag/numbers.h"
#include "common/text/utf8.h"
#include "tests/fuzz/fuzz_input.h"

using namespace marsad;

namespace {

/** Mentions are in order, without overlap, and inside the text and the token vector. */
template <typename Mention>
void check_spans(const std::vector<Mention>& mentions, std::size_t text_size, std::size_t token_count) {
  std::size_t after = 0;
  for (const Mention& m : mentions) {
    if (m.begin < after || m.begin >= m.end || m.end > text_size) std::abort();
    if (m.first_token > m.last_token || m.last_token >= token_count) std::abort();
    after = m.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static text::Analyzer analyzer;
  static const tag::NumberRecognizer numbers;
  static const tag::DateRecognizer dates;

  std::string_view input(reinterpret_cast<const char*>(data), size);
  date::parse_record_date(input);  // the date field of a record, as written
  const auto publication = fuzz::take_publication(input);
  const std::string text = text::repair_utf8(input);  // as the indexer reads records

  std::vector<text::AnalyzedToken> tokens;
  analyzer.analyze(text, tokens);
  const auto found = numbers.find(text, tokens);
  check_spans(found, text.size(), tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (auto m = numbers.match_at(text, tokens, i); m && (m->first_token != i || m->last_token >= tokens.size()))
      std::abort();
    tag::separator_after(text, tokens, i);
  }
  const auto days = dates.find(text, tokens, publication);
  check_spans(days, text.size(), tokens.size());
  for (const tag::DateMention& d : days)
    if (d.to < d.from) std::abort();
  return 0;
}

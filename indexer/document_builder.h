#pragma once
// The analysis stage of indexing: a Record in, a ready Xapian document out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/story/signature.h"
#include "common/tag/claims.h"
#include "common/tag/entities.h"
#include "common/tag/tagger.h"
#include "common/text/analyzer.h"
#include "indexer/input/record.h"

namespace marsad::indexer {

/** A record turned into a document, with what the writer and the summary need to know. */
struct AnalysedRecord {
  std::string id;              // the record's id, or "h:" + hash of source, title and body
  Xapian::Document document;   // terms, values and stored data as schema.h describes them
  std::uint64_t body_hash = 0;     // of the normalized body: equal for exact duplicates
  std::uint64_t content_hash = 0;  // of the stored data: equal when a record is unchanged
  /** Of the analysed body (the title when there is none), for finding copies; absent without
   *  BuildOptions::stories or when the text is too short to compare. */
  std::optional<story::Signature> signature;
  bool has_date = false;
  std::size_t text_bytes = 0;  // title + body as read
  std::vector<std::pair<std::string, std::string>> warnings;  // (reason, message): repaired, not skipped
  std::optional<std::pair<std::string, std::string>> skipped;  // (reason, message): not indexed
};

struct BuildOptions {
  std::size_t max_doc_bytes = 10 * 1024 * 1024;  // longer bodies are cut at a character boundary
  std::size_t max_title_bytes = 4096;             // a longer "title" is no headline: cut the same way
  bool stories = true;  // sketches and key terms for finding copies (else each report is its own story)
};

/** The tagging passes every builder thread shares; documents are tagged when `entities` is set. */
struct SharedTaggers {
  const tag::EntityTagger* entities = nullptr;
  const tag::ClaimTagger* claims = nullptr;
};

/** Builds documents; holds an Analyzer and a Tagger, so use one DocumentBuilder per thread. */
class DocumentBuilder {
 public:
  DocumentBuilder(text::AnalyzerSettings settings, BuildOptions options, SharedTaggers taggers = {});
  AnalysedRecord build(Record record);

 private:
  text::Analyzer analyzer_;
  BuildOptions options_;
  std::optional<tag::Tagger> tagger_;
  const tag::Gazetteer* gazetteer_ = nullptr;
  std::vector<text::AnalyzedToken> tokens_;
};

/** The id a record without one gets: stable across runs for the same source, title and body. */
std::string derived_id(const Record& record);

}  // namespace marsad::indexer

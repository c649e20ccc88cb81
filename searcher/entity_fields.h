#pragma once
// The entity fields of the query language (actor:, place:, claimant:, claim:): what a user types,
// resolved to the ids the indexer wrote, through the gazetteer stored in the index.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/tag/gazetteer.h"
#include "common/text/analyzer.h"

namespace marsad::searcher {

/** `text` with the ASCII capitals made small: ids and English labels match in any case. */
std::string ascii_lower(std::string_view text);

/**
 * Finds the entities a name stands for: a canonical id (`azerbaijani-mod`), any Arabic alias with or
 * without clitics and the article (`بباكو`, `"قره باغ"`), or the English label in any case
 * (`Azerbaijan`). Built once per gazetteer; resolve() uses the caller's Analyzer (one per thread).
 */
class EntityResolver {
 public:
  EntityResolver(const tag::Gazetteer& gazetteer, text::Analyzer& analyzer);

  /** The ids `name` stands for (several when an alias is shared: عمان), empty when none. */
  std::vector<std::string> resolve(std::string_view name, text::Analyzer& analyzer) const;
  /** The ids whose id or English label is `name` in any case: a person's surname and either name of
   *  a label like "Stepanakert (Khankendi)" count as labels too. */
  std::vector<std::string> resolve_latin(std::string_view name) const;
  /** Up to `n` known names closest in spelling to `name`, for "did you mean" messages. */
  std::vector<std::string> closest(std::string_view name, std::size_t n) const;

 private:
  std::vector<std::string> lookup(const std::string& key) const;
  void add(std::string key, const std::string& id, std::string shown);

  std::unordered_map<std::string, std::vector<std::string>> ids_by_key_;  // normalized name → ids
  std::vector<std::pair<std::string, std::string>> names_;                 // (key, name as shown)
};

/** The query of one entity field: the field's filter term of every id the value stands for, ORed.
 *  An unknown name is a QueryError naming the closest known names. */
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(std::string field, std::string_view prefix, const EntityResolver& resolver,
                       text::Analyzer& analyzer);
  Xapian::Query operator()(const std::string& value) override;

 private:
  std::string field_;
  std::string prefix_;
  const EntityResolver& resolver_;
  text::Analyzer& analyzer_;
};

/** claim:TYPE, one of the twelve claim types; another word is a QueryError listing them. */
class ClaimFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override;
};

}  // namespace marsad::searcher

#pragma once
// The places and actors Marsad knows by name, in the format of common/data/README.md.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace marsad::tag {

enum class EntityKind {
  Country, Region, City, Town, District, Camp, Crossing, Facility, Sea,
  Government, StateForce, ArmedGroup, InternationalOrg, Party, Media, Ngo, Company, Club, Person,
};

/** The kind's name in the gazetteer files ("state-force"). */
std::string_view to_string(EntityKind kind);
std::optional<EntityKind> parse_entity_kind(std::string_view name);
bool is_place(EntityKind kind);

/** One entry: a stable id, what it is, the entry it rolls up to, and its names. */
struct Entity {
  std::string id;
  EntityKind kind = EntityKind::Country;
  std::string parent;                // an id, or empty
  std::vector<std::string> arabic;   // as written in the file, the usual name first
  std::string english;
  std::vector<std::string> nisba;    // masculine singular relative adjectives, without the article
};

/**
 * A gazetteer: entries from files in one format, checked as they are added. Built once, then
 * read-only, so one instance serves every thread. Invariants after every successful add(): ids are
 * unique, every parent exists and following parents never loops.
 */
class Gazetteer {
 public:
  /** The built-in entries: icu_places.tsv, places.tsv and actors.tsv of common/data. */
  static const Gazetteer& builtin();

  /**
   * Adds the rows of `tsv`, named `source` in messages. A new id adds an entry. With `extend`, a
   * known id extends it (names and nisbas added, a non-empty parent or English label replaces the
   * old one; the kind must match), as a user's file does; without it a repeated id is an error.
   * Throws InputError "source:line: problem" at the first bad row, and for a parent that does not
   * exist or loops; the gazetteer is then unchanged.
   */
  void add(std::string_view tsv, std::string_view source, bool extend);
  /** The same for several files read as one: parents may point from one into another. */
  void add(const std::vector<std::pair<std::string, std::string_view>>& files, bool extend);

  /** The built-in gazetteer extended by the file at `path` (marsad-index --gazetteer). */
  static Gazetteer builtin_with(const std::string& path);

  const Entity* find(std::string_view id) const;
  /** The entry with `id`, then its parent, its parent's parent…; empty for an unknown id. */
  std::vector<const Entity*> lineage(std::string_view id) const;
  const std::vector<Entity>& entities() const { return entities_; }
  /** A hash of every entry: equal for gazetteers that name the same things the same way. */
  std::string fingerprint() const;
  /** Every entry as one file in the format add() reads: add(to_tsv()) into an empty gazetteer gives
   *  one with the same fingerprint. An index stores it, so that queries resolve names as indexing did. */
  std::string to_tsv() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> by_id_;
};

}  // namespace marsad::tag

#include "common/tag/gazetteer.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "common/embedded.h"
#include "common/errors.h"
#include "common/hash.h"
#include "common/io/input_stream.h"
#include "common/io/text_table.h"

namespace marsad::tag {
namespace {

constexpr std::array<std::pair<EntityKind, std::string_view>, 19> kKindNames{{
    {EntityKind::Country, "country"},
    {EntityKind::Region, "region"},
    {EntityKind::City, "city"},
    {EntityKind::Town, "town"},
    {EntityKind::District, "district"},
    {EntityKind::Camp, "camp"},
    {EntityKind::Crossing, "crossing"},
    {EntityKind::Facility, "facility"},
    {EntityKind::Sea, "sea"},
    {EntityKind::Government, "government"},
    {EntityKind::StateForce, "state-force"},
    {EntityKind::ArmedGroup, "armed-group"},
    {EntityKind::InternationalOrg, "international-org"},
    {EntityKind::Party, "party"},
    {EntityKind::Media, "media"},
    {EntityKind::Ngo, "ngo"},
    {EntityKind::Company, "company"},
    {EntityKind::Club, "club"},
    {EntityKind::Person, "person"},
}};

constexpr std::string_view kHeader = "id\tkind\tparent\tarabic\tenglish\tnisba";

std::vector<std::string> names(std::string_view column) {
  std::vector<std::string> out;
  for (std::string_view name : io::split(column, '|')) {
    std::size_t first = name.find_first_not_of(' '), last = name.find_last_not_of(' ');
    if (first != std::string_view::npos) out.emplace_back(name.substr(first, last - first + 1));
  }
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

void append_new(std::vector<std::string>& target, const std::vector<std::string>& more) {
  for (const std::string& s : more)
    if (std::find(target.begin(), target.end(), s) == target.end()) target.push_back(s);
}

}  // namespace

std::string_view to_string(EntityKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "?";
}

std::optional<EntityKind> parse_entity_kind(std::string_view name) {
  for (const auto& [k, n] : kKindNames)
    if (n == name) return k;
  return std::nullopt;
}

bool is_place(EntityKind kind) { return kind <= EntityKind::Sea; }

void Gazetteer::add(std::string_view tsv, std::string_view source, bool extend) {
  add({{std::string(source), tsv}}, extend);
}

void Gazetteer::add(const std::vector<std::pair<std::string, std::string_view>>& files, bool extend) {
  std::vector<Entity> entities = entities_;
  auto by_id = by_id_;
  std::unordered_map<std::string, std::string> where;  // id → "file:line", for messages about parents
  std::string_view source;
  auto fail = [&](std::size_t line, const std::string& problem) {
    throw InputError(std::string(source) + ":" + std::to_string(line) + ": " + problem);
  };
  for (const auto& [name, tsv] : files) {
  source = name;

  bool header_seen = false;
  std::size_t line_number = 0;
  io::for_each_line(tsv, [&](std::string_view line) {
    ++line_number;
    if (line.empty() || line.front() == '#') return;
    if (!header_seen) {
      if (line != kHeader) fail(line_number, "the header must be: id, kind, parent, arabic, english, nisba (TAB-separated)");
      header_seen = true;
      return;
    }
    std::vector<std::string> columns;
    for (std::string_view column : io::split(line, '\t')) columns.emplace_back(column);
    if (columns.size() == 5) columns.emplace_back();
    if (columns.size() != 6) fail(line_number, "expected 6 TAB-separated columns, found " + std::to_string(columns.size()));
    Entity entity;
    entity.id = columns[0];
    if (!valid_id(entity.id)) fail(line_number, "id '" + entity.id + "' is not a slug of a-z, 0-9 and -");
    std::optional<EntityKind> kind = parse_entity_kind(columns[1]);
    if (!kind) fail(line_number, "unknown kind '" + columns[1] + "'");
    entity.kind = *kind;
    entity.parent = columns[2];
    entity.arabic = names(columns[3]);
    entity.english = columns[4];
    entity.nisba = names(columns[5]);
    where[entity.id] = std::string(source) + ":" + std::to_string(line_number);

    auto known = by_id.find(entity.id);
    if (known == by_id.end()) {
      if (entity.arabic.empty()) fail(line_number, "no Arabic name for '" + entity.id + "'");
      by_id.emplace(entity.id, entities.size());
      entities.push_back(std::move(entity));
      return;
    }
    if (!extend) fail(line_number, "id '" + entity.id + "' is given twice");
    Entity& target = entities[known->second];
    if (target.kind != entity.kind)
      fail(line_number, "'" + entity.id + "' is a " + std::string(to_string(target.kind)) + ", not a " +
                            std::string(to_string(entity.kind)));
    if (!entity.parent.empty()) target.parent = entity.parent;
    if (!entity.english.empty()) target.english = entity.english;
    append_new(target.arabic, entity.arabic);
    append_new(target.nisba, entity.nisba);
  });
  if (!header_seen && line_number > 0) fail(1, "no header line");
  }

  // Parents, once every file is in: every one exists, and following them ends.
  for (const Entity& e : entities) {
    if (e.parent.empty()) continue;
    auto problem = [&](const std::string& what) {
      auto it = where.find(e.id);
      throw InputError((it == where.end() ? std::string("gazetteer") : it->second) + ": " + what);
    };
    if (!by_id.count(e.parent)) problem("parent '" + e.parent + "' of '" + e.id + "' is no id of the gazetteer");
    std::unordered_set<std::string_view> seen{e.id};
    for (const Entity* p = &entities[by_id.at(e.parent)]; p; p = p->parent.empty() ? nullptr : &entities[by_id.at(p->parent)]) {
      if (!seen.insert(p->id).second) problem("parents of '" + e.id + "' loop back");
    }
  }
  entities_ = std::move(entities);
  by_id_ = std::move(by_id);
}

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer gazetteer = [] {
    Gazetteer g;
    g.add({{"icu_places.tsv", embedded::icu_places_tsv()},
           {"places.tsv", embedded::places_tsv()},
           {"actors.tsv", embedded::actors_tsv()}},
          false);
    return g;
  }();
  return gazetteer;
}

Gazetteer Gazetteer::builtin_with(const std::string& path) {
  const std::string content = io::read_whole_file(path);
  Gazetteer g = builtin();
  g.add(content, path, true);
  return g;
}

const Entity* Gazetteer::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

std::vector<const Entity*> Gazetteer::lineage(std::string_view id) const {
  std::vector<const Entity*> out;
  for (const Entity* e = find(id); e; e = e->parent.empty() ? nullptr : find(e->parent)) out.push_back(e);
  return out;
}

std::string Gazetteer::fingerprint() const {
  std::uint64_t h = kFnvOffset;
  for (const Entity& e : entities_) {
    for (std::string_view part : {std::string_view(e.id), to_string(e.kind), std::string_view(e.parent), std::string_view(e.english)})
      h = fnv1a("\x1f", fnv1a(part, h));
    for (const std::string& name : e.arabic) h = fnv1a("|", fnv1a(name, h));
    for (const std::string& name : e.nisba) h = fnv1a("+", fnv1a(name, h));
    h = fnv1a("\n", h);
  }
  return hex64(h);
}

std::string Gazetteer::to_tsv() const {
  std::string out(kHeader);
  out += '\n';
  auto join = [&](const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += '|';
      out += names[i];
    }
  };
  for (const Entity& e : entities_) {
    out.append(e.id).append("\t").append(to_string(e.kind)).append("\t").append(e.parent).append("\t");
    join(e.arabic);
    out.append("\t").append(e.english).append("\t");
    join(e.nisba);
    out += '\n';
  }
  return out;
}

}  // namespace marsad::tag

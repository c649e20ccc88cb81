#include "common/tag/tagger.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/tag/sentences.h"

namespace marsad::tag {

std::string_view to_string(Role role) { return role == Role::Actor ? "actor" : "place"; }

namespace {

/** A "sentence" longer than this (a table, a list, text without punctuation) is tagged in parts of
 *  this many tokens, so that the work and the claims of one sentence stay bounded. */
constexpr std::size_t kMaxSentenceTokens = 200;

std::vector<SentenceSpan> bounded(std::vector<SentenceSpan> spans, const std::vector<text::AnalyzedToken>& tokens) {
  std::vector<SentenceSpan> out;
  out.reserve(spans.size());
  for (const SentenceSpan& span : spans) {
    if (span.last_token - span.first_token < kMaxSentenceTokens) {
      out.push_back(span);
      continue;
    }
    for (std::size_t first = span.first_token; first <= span.last_token; first += kMaxSentenceTokens) {
      const std::size_t last = std::min(span.last_token, first + kMaxSentenceTokens - 1);
      out.push_back({first == span.first_token ? span.begin : tokens[first].token.begin,
                     last == span.last_token ? span.end : tokens[last].token.end, first, last});
    }
  }
  return out;
}

}  // namespace

Tagger::Tagger(const EntityTagger& entities, const ClaimTagger& claims) : entities_(entities), claims_(claims) {}

TaggedText Tagger::tag(std::string_view text, const std::vector<text::AnalyzedToken>& tokens,
                       std::optional<date::CivilDate> publication) {
  TaggedText tagged;
  if (tokens.empty()) return tagged;
  const std::vector<NumberMention> numbers = numbers_.find(text, tokens);
  const std::vector<DateMention> dates = dates_.find(text, tokens, publication);
  std::size_t next_number = 0, next_date = 0;
  std::vector<NumberMention> sentence_numbers;
  std::size_t paragraph_start = 0;
  EntityMemory memory;  // the text is one document: a name given in full resolves its later last name
  for (const SentenceSpan& span : bounded(split_sentences(text, tokens), tokens)) {
    TaggedSentence& sentence = tagged.sentences.emplace_back();
    sentence.begin = span.begin;
    sentence.end = span.end;
    sentence.first_token = span.first_token;
    sentence.last_token = span.last_token;
    sentence.entities = entities_.find(text, tokens, span.first_token, span.last_token, &memory);
    // Numbers and dates that start in the sentence belong to it.
    while (next_date < dates.size() && dates[next_date].first_token < span.first_token) ++next_date;
    // A date inside a name (روسيا اليوم، the channel) is part of the name.
    for (; next_date < dates.size() && dates[next_date].first_token <= span.last_token; ++next_date) {
      const DateMention& d = dates[next_date];
      const bool in_name = std::any_of(sentence.entities.begin(), sentence.entities.end(), [&](const EntityMention& e) {
        return e.first_token <= d.last_token && d.first_token <= e.last_token;
      });
      if (!in_name) sentence.dates.push_back(d);
    }
    sentence_numbers.clear();
    while (next_number < numbers.size() && numbers[next_number].first_token < span.first_token) ++next_number;
    while (next_number < numbers.size() && numbers[next_number].first_token <= span.last_token)
      sentence_numbers.push_back(numbers[next_number++]);
    // A paragraph ends at a line break; the claims tagger looks back over the sentences of this one.
    const std::size_t index = tagged.sentences.size() - 1;
    if (index > 0 && text.substr(tagged.sentences[index - 1].end, sentence.begin - tagged.sentences[index - 1].end)
                             .find('\n') != std::string_view::npos)
      paragraph_start = index;
    ClaimContext context;
    if (index > 0) context.previous = &tagged.sentences[index - 1];
    context.paragraph = std::span(tagged.sentences.data() + paragraph_start, index - paragraph_start);
    claims_.tag(text, tokens, sentence_numbers, sentence, context);
  }
  return tagged;
}

namespace {

template <typename json>
json figure_json(std::string_view text, const Figure& f, std::size_t offset) {
  json j = {{"count", f.count ? json(*f.count) : json(nullptr)},
            {"what", f.what},
            {"text", text.substr(f.begin, f.end - f.begin)},
            {"begin", offset + f.begin},
            {"end", offset + f.end}};
  if (!f.vague.empty()) j["vague"] = f.vague;
  if (!f.group.empty()) j["group"] = f.group;
  if (!f.qualifier.empty()) j["qualifier"] = f.qualifier;
  if (!f.breakdown.empty()) {
    json parts = json::array();
    for (const Figure& part : f.breakdown) parts.push_back(figure_json<json>(text, part, offset));
    j["breakdown"] = std::move(parts);
  }
  return j;
}

template <typename json>
json date_json(std::string_view text, const DateMention& d, std::size_t offset) {
  json j = {{"text", text.substr(d.begin, d.end - d.begin)}, {"begin", offset + d.begin}, {"end", offset + d.end}};
  if (d.from == d.to) {
    j["date"] = d.from.iso();
  } else {
    j["from"] = d.from.iso();
    j["to"] = d.to.iso();
  }
  if (d.relative) j["relative"] = true;
  return j;
}

}  // namespace

template <typename json>
json claim_json(std::string_view text, const TaggedSentence& s, const Claim& c, std::size_t offset) {
  json claimant = nullptr;
  if (c.claimant && *c.claimant < s.entities.size()) {
    claimant = {{"id", s.entities[*c.claimant].id}, {"surface", c.claimant_surface}};
  } else if (!c.claimant_surface.empty()) {
    claimant = {{"id", nullptr}, {"surface", c.claimant_surface}};
  }
  json figures = json::array();
  for (const Figure& f : c.figures) figures.push_back(figure_json<json>(text, f, offset));
  json places = json::array();
  for (std::size_t p : c.places)
    if (p < s.entities.size()) places.push_back(s.entities[p].id);
  return {{"type", c.type},
          {"claimant", std::move(claimant)},
          {"figures", std::move(figures)},
          {"unverified", c.unverified},
          {"negated", c.negated},
          {"historical", c.historical},
          {"hedged", c.hedged},
          {"places", std::move(places)},
          {"date", c.date && *c.date < s.dates.size() ? date_json<json>(text, s.dates[*c.date], offset) : json(nullptr)},
          {"cue", text.substr(c.cue_begin, c.cue_end - c.cue_begin)}};
}

template <typename json>
json to_json(std::string_view text, const TaggedText& tagged, const Gazetteer& gazetteer, std::size_t offset,
             std::size_t line) {
  json sentences = json::array();
  for (const TaggedSentence& s : tagged.sentences) {
    json entities = json::array();
    for (const EntityMention& e : s.entities) {
      json j = {{"id", e.id},
                {"kind", to_string(e.kind)},
                {"role", to_string(e.role)},
                {"surface", text.substr(e.begin, e.end - e.begin)},
                {"begin", offset + e.begin},
                {"end", offset + e.end}};
      if (const Entity* entity = e.linked() ? gazetteer.find(e.id) : nullptr) {
        if (!entity->english.empty()) j["english"] = entity->english;
      }
      entities.push_back(std::move(j));
    }
    json claims = json::array();
    for (const Claim& c : s.claims) claims.push_back(claim_json<json>(text, s, c, offset));
    json dates = json::array();
    for (const DateMention& d : s.dates) dates.push_back(date_json<json>(text, d, offset));
    json sentence;
    if (line > 0) sentence["line"] = line;
    sentence["begin"] = offset + s.begin;
    sentence["end"] = offset + s.end;
    sentence["text"] = text.substr(s.begin, s.end - s.begin);
    sentence["entities"] = std::move(entities);
    sentence["claims"] = std::move(claims);
    sentence["dates"] = std::move(dates);
    sentences.push_back(std::move(sentence));
  }
  return sentences;
}

template nlohmann::json claim_json<nlohmann::json>(std::string_view, const TaggedSentence&, const Claim&, std::size_t);
template nlohmann::json to_json<nlohmann::json>(std::string_view, const TaggedText&, const Gazetteer&, std::size_t,
                                                std::size_t);
template nlohmann::ordered_json to_json<nlohmann::ordered_json>(std::string_view, const TaggedText&, const Gazetteer&,
                                                                std::size_t, std::size_t);

}  // namespace marsad::tag

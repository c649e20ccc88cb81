#include "common/story/signature.h"

#include <algorithm>
#include <cstdio>

#include "common/hash.h"

namespace marsad::story {
namespace {


void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}
std::uint32_t get32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}

}  // namespace

std::string Thresholds::describe() const {
  char line[220];
  std::snprintf(line, sizeof line,
                "mod-%llu sample of %zu-word shingles, keys mod %llu, jaccard >= %.2f or containment >= %.2f, "
                "within %d days of the first report",
                static_cast<unsigned long long>(kSampleRate), kShingleWords, static_cast<unsigned long long>(kKeyRate),
                jaccard, containment, max_days_apart);
  return line;
}

Signature Signature::of(const std::vector<text::AnalyzedToken>& tokens) {
  Signature signature;
  if (tokens.size() < kShingleWords) return signature;
  std::vector<std::uint64_t> words;
  words.reserve(tokens.size());
  for (const auto& t : tokens) words.push_back(fnv1a(t.analysis->stem));
  std::vector<std::uint64_t> shingles;
  shingles.reserve(words.size());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t shingle = 0;
    for (std::size_t k = 0; k < kShingleWords; ++k) shingle = mix64(shingle ^ words[i + k]);
    shingles.push_back(shingle);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  signature.shingles = static_cast<std::uint32_t>(shingles.size());
  for (std::uint64_t shingle : shingles)
    if (shingle % kSampleRate == 0) signature.samples.push_back(static_cast<std::uint32_t>(shingle >> 32));
  std::sort(signature.samples.begin(), signature.samples.end());
  signature.samples.erase(std::unique(signature.samples.begin(), signature.samples.end()), signature.samples.end());
  if (words.size() >= kLeadWords) {
    std::uint64_t lead = mix64(0x6c656164);  // "lead"
    for (std::size_t i = 0; i < kLeadWords; ++i) lead = mix64(lead ^ words[i]);
    signature.lead = lead;
  }
  return signature;
}

std::string Signature::serialise() const {
  std::string out;
  out.reserve(4 * (samples.size() + 1));
  put32(out, shingles);
  for (std::uint32_t v : samples) put32(out, v);
  return out;
}

std::optional<Signature> Signature::parse(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.size() % 4 != 0) return std::nullopt;
  Signature signature;
  signature.shingles = get32(bytes, 0);
  for (std::size_t at = 4; at < bytes.size(); at += 4) signature.samples.push_back(get32(bytes, at));
  if (!std::is_sorted(signature.samples.begin(), signature.samples.end())) return std::nullopt;
  return signature;
}

std::vector<std::uint64_t> Signature::candidate_keys() const {
  std::vector<std::uint64_t> keys;
  if (!comparable()) return keys;
  // A sample is a key when its own value says so: one in kKeyRate / kSampleRate of the samples.
  static_assert(kKeyRate % kSampleRate == 0);
  constexpr std::uint32_t kKeyEvery = static_cast<std::uint32_t>(kKeyRate / kSampleRate);
  for (std::uint32_t v : samples)
    if (v % kKeyEvery == 0) keys.push_back(v);
  if (lead != 0) keys.push_back(lead | (1ull << 63));  // never equal to a sample's key
  return keys;
}

std::size_t shared_samples(const Signature& a, const Signature& b) {
  std::size_t shared = 0;
  auto x = a.samples.begin(), y = b.samples.begin();
  while (x != a.samples.end() && y != b.samples.end()) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      ++shared, ++x, ++y;
    }
  }
  return shared;
}

double estimated_jaccard(const Signature& a, const Signature& b) {
  const std::size_t shared = shared_samples(a, b);
  const std::size_t either = a.samples.size() + b.samples.size() - shared;
  return either ? static_cast<double>(shared) / static_cast<double>(either) : 0.0;
}

double estimated_containment(const Signature& a, const Signature& b) {
  const std::size_t smaller = std::min(a.samples.size(), b.samples.size());
  return smaller ? static_cast<double>(shared_samples(a, b)) / static_cast<double>(smaller) : 0.0;
}

std::optional<double> same_story(const Signature& a, const Signature& b, const Thresholds& thresholds) {
  if (!a.comparable() || !b.comparable()) return std::nullopt;
  const double j = estimated_jaccard(a, b), c = estimated_containment(a, b);
  if (j < thresholds.jaccard && c < thresholds.containment) return std::nullopt;
  return std::max(j, c);
}

}  // namespace marsad::story

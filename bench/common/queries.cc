#include "bench/common/queries.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/errors.h"

namespace marsad::bench {

namespace {

/** Whether a query uses field syntax: a Latin word followed by ':' (actor:, date:…). */
bool uses_fields(const std::string& text) {
  static const std::regex field(R"((^|[\s(+-])[A-Za-z_]+:)");
  return std::regex_search(text, field);
}

/** Whether s holds nothing but white space. */
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

/** The TAB-separated cells of a line, an empty last cell included. */
std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
  if (!line.empty() && line.back() == '\t') cells.emplace_back();
  return cells;
}

/** The position of column `name` in the header; InputError when it is absent. */
std::size_t column(const std::vector<std::string>& header, const std::string& name, const std::string& path) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) throw InputError(path + ": no column '" + name + "' in the header");
  return static_cast<std::size_t>(it - header.begin());
}

}  // namespace

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line)) throw InputError(path + ": empty");
  const auto header = split_tabs(line);
  const std::size_t query_col = column(header, "query", path), category_col = column(header, "category", path);
  const auto id_it = std::find(header.begin(), header.end(), "id");
  std::vector<Query> queries;
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank(line)) continue;
    const auto cells = split_tabs(line);
    if (cells.size() <= std::max(query_col, category_col))
      throw InputError(path + ":" + std::to_string(number) + ": fewer columns than the header");
    Query q;
    q.id = id_it != header.end() && static_cast<std::size_t>(id_it - header.begin()) < cells.size()
               ? cells[id_it - header.begin()]
               : "line " + std::to_string(number);
    q.category = cells[category_col];
    q.text = cells[query_col];
    q.free_text = !uses_fields(q.text) && !blank(q.text);
    queries.push_back(std::move(q));
  }
  if (queries.empty()) throw InputError(path + ": no queries");
  return queries;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Summary summarize(std::vector<double> samples, std::size_t queries) {
  std::sort(samples.begin(), samples.end());
  Summary s{queries, samples.size()};
  s.p50 = percentile(samples, 0.50);
  s.p95 = percentile(samples, 0.95);
  s.p99 = percentile(samples, 0.99);
  for (double x : samples) s.mean += x;
  if (!samples.empty()) s.mean /= static_cast<double>(samples.size());
  return s;
}

double median(std::vector<double> samples) { return summarize(std::move(samples), 1).p50; }

std::string describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const Xapian::Error& x) {
    return x.get_type() + std::string(": ") + x.get_msg();
  } catch (const std::exception& x) {
    return x.what();
  }
}

}  // namespace marsad::bench

#pragma once
// What the query benchmarks share: the query set (bench/search/queries.tsv), latency summaries of
// timed runs, and one line for a query that failed.
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

namespace marsad::bench {

/** A row of the query set. */
struct Query {
  std::string id, category, text;
  bool free_text = true;  // no field syntax (actor:, date:…): a plain engine can run it too
};

/** The rows of a TSV with a header naming at least `category` and `query` (`id` optional); InputError
 *  naming the file (and line) when it cannot be read or holds no query. */
std::vector<Query> read_queries(const std::string& path);

/** Latency of a set of timed runs, in milliseconds. */
struct Summary {
  std::size_t queries = 0, samples = 0;
  double p50 = 0, p95 = 0, p99 = 0, mean = 0;
};

/** Nearest-rank percentile (p in 0..1) of sorted samples; 0 when there are none. */
double percentile(const std::vector<double>& sorted, double p);

/** Percentiles and mean of the timed runs of `queries` queries. */
Summary summarize(std::vector<double> samples, std::size_t queries);

/** The median of one query's timed runs. */
double median(std::vector<double> samples);

/** One line for an exception of Marsad, Xapian or the standard library. */
std::string describe(const std::exception_ptr& e);

}  // namespace marsad::bench

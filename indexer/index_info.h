#pragma once
// marsad-index --info: what an index holds and how it was built.
#include <iosfwd>
#include <string>

namespace marsad::indexer {

/** Prints document count, date range, sources, shards, schema and analysis settings of the index
 *  at path. Throws InputError when path is not a Marsad index. */
void print_index_info(const std::string& path, std::ostream& out);

}  // namespace marsad::indexer

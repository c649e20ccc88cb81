#pragma once
// What a benchmark records about the machine it ran on.
#include <string>

namespace marsad::bench {

/** CPU model, cores and load average, for the record. */
std::string machine();

/** The load average over the last minute (0 when it cannot be read): how busy the machine was with
 *  other work while a figure was measured. */
double load_average();

}  // namespace marsad::bench

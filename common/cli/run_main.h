#pragma once
// The boundary between Marsad's exceptions and a process exit code.
#include <functional>
#include <string_view>

namespace marsad::cli {

/** Calls body; any exception becomes one line "<program>: <message>" on stderr and kExitFailure. */
int run_main(std::string_view program, const std::function<int()>& body);

}  // namespace marsad::cli

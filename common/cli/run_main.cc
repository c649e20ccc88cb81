#include "common/cli/run_main.h"

#include <xapian.h>

#include <iostream>

#include "common/cli/exit_codes.h"
#include "common/errors.h"
#include "common/text/utf8.h"

namespace marsad::cli {

int run_main(std::string_view program, const std::function<int()>& body) {
  try {
    return body();
  } catch (const Error& e) {
    std::cerr << program << ": " << text::printable(e.what()) << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << program << ": " << e.get_type() << ": " << text::printable(e.get_msg()) << '\n';
  } catch (const std::exception& e) {
    std::cerr << program << ": internal error: " << text::printable(e.what()) << '\n';
  }
  return kExitFailure;
}

}  // namespace marsad::cli

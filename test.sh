#!/usr/bin/env bash
# Installs what Marsad needs (Debian 12, as root), builds it and runs the whole test suite.
# Tests labelled "external" read ../shared/data and skip with a message when it is absent; the
# browser test (label "browser") drives the page in Debian's Chromium, screenshots in build/screenshots/.
#   ./test.sh              Release build in build/, every test
#   ./test.sh --sanitize   the same suite built with AddressSanitizer and UBSan in build-sanitize/
#   ./test.sh --fuzz       the libFuzzer targets of tests/fuzz, built with clang in build-fuzz/, each for a bounded time
# Other arguments go to ctest (e.g. ./test.sh -L core, ./test.sh -R Searcher).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/deps.sh
if [ "${1:-}" = "--fuzz" ]; then
  shift
  marsad_packages+=("${marsad_fuzz_packages[@]}")
  marsad_install_deps
  marsad_build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DMARSAD_FUZZ=ON -DMARSAD_BUILD_TESTS=OFF -DMARSAD_BUILD_BENCH=OFF
  ctest --test-dir build-fuzz --output-on-failure -L fuzz "$@"
  exit
fi
marsad_install_deps
marsad_install_browser_test
if [ "${1:-}" = "--sanitize" ]; then
  shift
  marsad_build build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMARSAD_SANITIZE=ON -DMARSAD_BUILD_BENCH=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-sanitize --output-on-failure -j2 "$@"
else
  marsad_build build
  ctest --test-dir build --output-on-failure -j2 "$@"
fi

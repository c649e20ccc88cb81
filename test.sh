#!/usr/bin/env bash
# Installs what Marsad needs (Debian 12, as root), builds it and runs the whole test suite.
# Tests labelled "external" read ../shared/data and skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/deps.sh
marsad_install_deps
marsad_build
ctest --test-dir build --output-on-failure -j2 "$@"

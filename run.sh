#!/usr/bin/env bash
# Installs what Marsad needs (Debian 12, as root), builds it and shows the analysis of the
# shipped sample corpus.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/deps.sh
marsad_install_deps
marsad_build >/dev/null
echo "== The analysis of the first sample report (token, index term):"
head -n 1 corpus/reports.jsonl | build/common/marsad-tag --format terms | head -n 60

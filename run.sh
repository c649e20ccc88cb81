#!/usr/bin/env bash
# Installs what Marsad needs (Debian 12, as root), builds it, indexes the shipped sample corpus
# and runs example searches over it.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/deps.sh
marsad_install_deps
marsad_build >/dev/null

index=build/sample-index
rm -rf "$index"
echo "== Indexing corpus/reports.jsonl into $index"
build/indexer/marsad-index --db "$index" --quiet corpus/reports.jsonl
echo
build/indexer/marsad-index --db "$index" --info
search() {
  echo
  echo "== marsad-search $*"
  build/searcher/marsad-search --db "$index" -n 3 "$@"
}
search 'بالخرطوم'
search '"وقف إطلاق النار"' 'date:2020-01-01..2020-12-31'
search 'وساطة' source:صحيفة الأفق
# The analyst's question: casualty reports about Nagorno-Karabakh in the war's first days, who
# claimed them, and how far apart their figures are.
search claim:casualties place:قره باغ --from 2020-09-27 --to 2020-10-07
search claims --group claim:casualties place:قره باغ --from 2020-09-27 --to 2020-10-07
echo
echo "== How the analysis sees a sentence (token, index term):"
echo "وأعلنت وزارة الصحة بغزة مقتل ٣٠ مدنيا في الغارات" | build/common/marsad-tag
echo
echo "== The same over HTTP, with a page for the browser (Ctrl-C stops it):"
echo "   build/searcher/marsad-search --db $index serve    # then open http://127.0.0.1:8080"

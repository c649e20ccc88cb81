#!/usr/bin/env bash
# The HTTP server under load: wrk sends the search benchmark's queries (bench/search/queries.tsv) to
# GET /api/search on the news-corpus index, one connection at a time and then eight at once, and the
# same queries are timed in process (marsad-bench-search) in the same run, so that the server's own
# cost (HTTP, JSON) reads as a ratio. Run from the checkout's root after a build:
#   bench/serve/run.sh [--work-dir /tmp/snn] [--seconds 20] [--threads 2]
# The work directory is marsad-bench-search's (its index is built there when missing).
set -euo pipefail
work=/tmp/snn
seconds=20
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --work-dir) work=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--work-dir DIR] [--seconds N] [--threads N]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "bench/serve: wrk is missing; apt-get install wrk" >&2; exit 1; }
[ -x build/searcher/marsad-search ] || { echo "bench/serve: build first (build/searcher/marsad-search)" >&2; exit 1; }

# The in-process figures, and the index, from the search benchmark.
build/bench/marsad-bench-search --work-dir "$work" --reuse --rounds 3 --json "$work/in-process.json" > "$work/in-process.txt"
index="$work/corpus/marsad.db"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/marsad-bench-serve.XXXXXX")
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

# One request path per query of the set, percent-encoded, cycled by wrk.
python3 - bench/search/queries.tsv "$scratch/paths.lua" <<'PY'
import csv, sys, urllib.parse
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
paths = ["/api/search?q=" + urllib.parse.quote(r["query"], safe="") for r in rows if r["query"].strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("paths = {\n" + "".join('  "%s",\n' % p for p in paths) + "}\n")
    out.write("i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
print(len(paths), "queries", file=sys.stderr)
PY

build/searcher/marsad-search --db "$index" serve --port 0 --threads "$threads" --quiet > "$scratch/server.out" &
server=$!
for _ in $(seq 1 100); do grep -q "^listening on" "$scratch/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$scratch/server.out")
# Warm up: every query once (the facet table is read by the first).
while read -r path; do curl -s -o /dev/null "$url$path"; done < <(sed -n 's/^  "\(.*\)",$/\1/p' "$scratch/paths.lua")

echo "== one connection, $seconds s"
wrk -t1 -c1 -d"${seconds}s" --latency -s "$scratch/paths.lua" "$url" | tee "$scratch/one.txt"
echo "== eight connections, $threads server threads, $seconds s"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$scratch/paths.lua" "$url" | tee "$scratch/eight.txt"

python3 - "$work/in-process.json" "$scratch/one.txt" "$scratch/eight.txt" <<'PY'
import json, re, sys
def ms(text, label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
def rate(text):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
inproc = json.load(open(sys.argv[1]))
run = next(r for r in inproc["runs"] if r["label"] == "corpus")["marsad_all"]
engine = {"p50": run["p50_ms"], "p99": run["p99_ms"]}
one, eight = open(sys.argv[2]).read(), open(sys.argv[3]).read()
print("\n== summary (ms)")
print("in process, all queries   p50 %.2f  p99 %.2f" % (engine["p50"], engine["p99"]))
print("HTTP, one connection      p50 %.2f  p99 %.2f  %.0f requests/s" % (ms(one, "50%"), ms(one, "99%"), rate(one)))
print("HTTP, eight connections   p50 %.2f  p99 %.2f  %.0f requests/s" % (ms(eight, "50%"), ms(eight, "99%"), rate(eight)))
print("HTTP / in process, p50    %.2fx" % (ms(one, "50%") / engine["p50"]))
PY

#!/usr/bin/env bash
# The page in a real browser: indexes the sample corpus plus one hostile record, serves the index with
# `marsad-search serve` and drives the page in headless Chromium (browser_test.mjs).
#   usage: run_browser_test.sh MARSAD_INDEX_BIN MARSAD_SEARCH_BIN OUT_DIR
# OUT_DIR receives the screenshots. The exit status is the browser test's. With MARSAD_ASSETS=DIR the
# server reads the page from DIR (--assets) instead of the copy built into it.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: $0 MARSAD_INDEX_BIN MARSAD_SEARCH_BIN OUT_DIR" >&2
  exit 2
fi
index_bin=$1
search_bin=$2
out_dir=$3
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../../corpus/reports.jsonl"
chromium=${CHROMIUM:-/usr/bin/chromium}

# Without the browser or its driver the test is skipped (exit 77, as ctest counts a skip); ./test.sh
# installs both.
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "browser test skipped: playwright-core is not installed; run npm ci --prefix tests/web" >&2
  exit 77
fi
if [ ! -x "$chromium" ]; then
  echo "browser test skipped: $chromium is missing; run apt-get install chromium" >&2
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/marsad-browser-test.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A title that would run if the page ever inserted report text as HTML.
cat > "$tmp/xss.jsonl" <<'EOF'
{"id": "xss-1", "title": "<script>alert(1)</script> عنوان", "body": "نص تجريبي عن قصف في مدينة حلب أسفر عن قتلى", "date": "2020-10-01", "source": "اختبار"}
EOF

if ! "$index_bin" --quiet --db "$tmp/index" "$corpus" "$tmp/xss.jsonl" >"$tmp/index.log" 2>&1; then
  echo "browser test: indexing the sample corpus failed:" >&2
  cat "$tmp/index.log" >&2
  exit 1
fi

serve_args=(serve --port 0)
if [ -n "${MARSAD_ASSETS:-}" ]; then
  serve_args+=(--assets "$MARSAD_ASSETS")
fi
"$search_bin" --db "$tmp/index" "${serve_args[@]}" >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!

# The server prints "listening on http://127.0.0.1:PORT" once it is bound (port 0: any free one).
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$tmp/server.out" | head -n 1)
  if [ -n "$port" ] || ! kill -0 "$server_pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "browser test: the server did not say where it listens within 20 s" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

mkdir -p "$out_dir"
status=0
MARSAD_URL="http://127.0.0.1:$port" SCREENSHOT_DIR="$out_dir" CHROMIUM="$chromium" \
  node "$here/browser_test.mjs" || status=$?
exit "$status"

#!/usr/bin/env bash
# Scale and layout: runs marsad-bench-scale (the news corpus replicated to 500,000 and 100,000 reports,
# indexed into 1, 2 and 4 local shards and into 2 partitions served by xapian-tcpsrv), keeps its
# report and JSON, and plots them with gnuplot. Run from the checkout's root after a build:
#   bench/scale/run.sh [--build DIR] [--out DIR] [--plot-only] [marsad-bench-scale options...]
# e.g. bench/scale/run.sh --work-dir /srv/tmp/scale --records 20000 --small 5000 --rounds 1
# --out (default bench/scale) receives scale.txt, scale.json and scale.png; --plot-only redraws
# scale.png from the scale.json already there.
set -euo pipefail
build=build
out=bench/scale
plot_only=0
status=0
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --plot-only) plot_only=1; shift ;;
    -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done
command -v gnuplot >/dev/null || { echo "bench/scale: gnuplot is missing; apt-get install gnuplot-nox" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench/scale: python3 is missing; apt-get install python3" >&2; exit 1; }
mkdir -p "$out"

if [ "$plot_only" = 0 ]; then
  bench="$build/bench/marsad-bench-scale"
  [ -x "$bench" ] || { echo "bench/scale: build first ($bench)" >&2; exit 1; }
  command -v xapian-tcpsrv >/dev/null || { echo "bench/scale: xapian-tcpsrv is missing; apt-get install xapian-tools" >&2; exit 1; }
  "$bench" --json "$out/scale.json" ${pass[@]+"${pass[@]}"} | tee "$out/scale.txt" || status=${PIPESTATUS[0]}
  [ "$status" = 77 ] && exit 77  # no corpus: SKIP was printed
  [ -s "$out/scale.json" ] || { echo "bench/scale: no figures in $out/scale.json" >&2; exit 1; }
fi
[ -s "$out/scale.json" ] || { echo "bench/scale: $out/scale.json not found; run without --plot-only first" >&2; exit 1; }

# The figures as gnuplot data: one row per layout, one column per size.
data=$(mktemp -d "${TMPDIR:-/tmp}/marsad-bench-scale-plot.XXXXXX")
trap 'rm -rf "$data"' EXIT
python3 - "$out/scale.json" "$data" <<'PY'
import json, sys
figures = json.load(open(sys.argv[1]))
runs, folder = figures["runs"], sys.argv[2]
sizes = sorted({r["records"] for r in runs})
layouts = list(dict.fromkeys(r["layout"] for r in runs))
at = {(r["layout"], r["records"]): r for r in runs}
def cell(layout, records, value):
    run = at.get((layout, records))
    return "%.3f" % value(run) if run else "NaN"
def label(records):
    return "%s reports" % format(records, ",")
with open(folder + "/sizes.txt", "w") as f:
    f.write("\n".join(label(s) for s in sizes) + "\n")
with open(folder + "/speed.dat", "w") as f:
    for layout in layouts:
        speed = " ".join(cell(layout, s, lambda r: r["mb_per_s"]) for s in sizes)
        if not any(at.get((layout, s), {}).get("partitions", 0) for s in sizes):
            f.write('"%s" %s\n' % (layout, speed))
            continue
        # A partitioned layout twice: its partitions built in turn on this machine, and in parallel (one
        # machine each: the longest partition).
        f.write('"%s,\\nin turn" %s\n' % (layout, speed))
        f.write('"%s,\\nin parallel" %s\n'
                % (layout, " ".join(cell(layout, s, lambda r: r["parallel_mb_per_s"]) for s in sizes)))
with open(folder + "/latency.dat", "w") as f:
    for layout in layouts:
        p50 = [cell(layout, s, lambda r: r["latency_ms"]["p50"]) for s in sizes]
        p95 = [cell(layout, s, lambda r: r["latency_ms"]["p95"]) for s in sizes]
        f.write('"%s" %s\n' % (layout, " ".join(p50 + p95)))
with open(folder + "/meta.gp", "w") as f:
    f.write("sizes = %d\n" % len(sizes))
    f.write("p95_target = %g\n" % figures["targets"]["p95_ms"])
    f.write('machine = "%s"\n' % figures["machine"].split(", load")[0].replace('"', "'"))
    speeds = [max(r["mb_per_s"], r["parallel_mb_per_s"]) for r in runs]
    latencies = [r["latency_ms"]["p95"] for r in runs] + [figures["targets"]["p95_ms"]]
    f.write("speed_top = %g\n" % (max(speeds) * 1.35))
    f.write("latency_top = %g\n" % (max(latencies) * 6))
    f.write("latency_bottom = %g\n" % (min(r["latency_ms"]["p50"] for r in runs) / 2))
PY

size_1=$(sed -n 1p "$data/sizes.txt")
size_2=$(sed -n 2p "$data/sizes.txt")
gnuplot <<GP
load "$data/meta.gp"
set terminal pngcairo size 1400,560 font "DejaVu Sans,11"
set output "$out/scale.png"
set multiplot layout 1,2 title "Marsad at scale: the news corpus replicated with new ids (" . machine . ")"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top left
set xtics nomirror font ",10"
set bmargin 4

set title "Indexing speed (MB of JSON per second)"
set ylabel "MB/s"
set yrange [0:speed_top]
if (sizes == 2) {
  plot "$data/speed.dat" using 2:xtic(1) title "$size_1" lc rgb "#9ecae1", \
       "" using 3 title "$size_2" lc rgb "#3182bd"
} else {
  plot "$data/speed.dat" using 2:xtic(1) title "$size_1" lc rgb "#3182bd"
}

set title "Query latency, top 10 with snippets, exact total and every facet"
set ylabel "ms (log scale)"
set logscale y
set yrange [latency_bottom:latency_top]
set key top left
# The target line: p95 at most this on 2 local shards at 500,000 reports.
set arrow 1 from graph 0, first p95_target to graph 1, first p95_target nohead lc rgb "#d62728" dt 2 lw 2
set label 1 sprintf("target: p95 <= %g ms", p95_target) at graph 0.02, first p95_target * 1.25 left tc rgb "#d62728"
if (sizes == 2) {
  plot "$data/latency.dat" using 2:xtic(1) title "p50, $size_1" lc rgb "#a1d99b", \
       "" using 3 title "p50, $size_2" lc rgb "#31a354", \
       "" using 4 title "p95, $size_1" lc rgb "#fdae6b", \
       "" using 5 title "p95, $size_2" lc rgb "#e6550d"
} else {
  plot "$data/latency.dat" using 2:xtic(1) title "p50, $size_1" lc rgb "#31a354", \
       "" using 3 title "p95, $size_1" lc rgb "#e6550d"
}
unset multiplot
GP
echo "bench/scale: figures in $out/scale.txt and $out/scale.json, plot in $out/scale.png" >&2
exit "$status"  # 1 when a query failed (the report lists it)

#!/usr/bin/env python3
"""Scores the ranking modes against the graded judgments: nDCG@10, P@10 and unjudged reports.

Reads topics.tsv, judgments.tsv (header `topic report_id grade`, grades 0, 1, 2, TAB-separated) and a run
file of pool.py (`topic mode rank report_id score`), or with --runs-from-index IDX runs pool.py's run
step afresh on the Marsad index IDX (and on --plain-db for the baseline), so that the scores follow
changes to the code. For every mode:

* nDCG@10: gain 2^grade - 1, discount log2(rank + 1), the ideal ranking made of every judged report
  of the topic; an unjudged report counts as grade 0, and a report a ranking holds twice (the plain
  baseline returns exact duplicates) gains nothing the second time;
* P@10: the share of the ten places taken by a report graded 1 or 2;
* unjudged@10: how many of the reports in the mode's top ten have no grade, against how many reports
  the top tens hold (a high share makes the mode's scores a lower bound).

nDCG@10 and P@10 are averaged over the topics that have a report graded 1 or 2 (a topic without one
cannot be scored); unjudged@10 is counted over every topic. The table is sorted by mean nDCG@10;
--per-topic adds each topic's nDCG@10 per mode.

--min-ndcg MODE=X (repeatable) checks a target. Exit status: 0 when every target is met, 1 when a
mode's mean nDCG@10 is below its target, 2 for a usage or data error or a failing tool, 77 when the
run is skipped: the index, the corpus to build it from or a tool is absent, or no topic has a
relevant judgment yet.

Python 3 standard library only.
"""
import argparse
import math
import os
import shutil
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import pool as pooling  # noqa: E402

PROJECT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_JUDGMENTS = os.path.join(HERE, "judgments.tsv")
DEFAULT_CORPUS = os.path.join(PROJECT, "..", "shared", "data", "saudinewsnet", "saudinewsnet.jsonl.gz")
DEFAULT_INDEXER = os.path.join(PROJECT, "build", "indexer", "marsad-index")
JUDGMENT_HEADER = ("topic", "report_id", "grade")
GRADES = (0, 1, 2)
CUTOFF = 10
EXIT_OK, EXIT_TARGET_MISSED, EXIT_USAGE, EXIT_SKIP = 0, 1, 2, 77


def read_judgments(path, topics):
    """{topic: {report_id: grade}} of a judgments file; `topics` holds the known topic ids."""
    judged = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\r\n").split("\t")
            if number == 1:
                if tuple(fields) != JUDGMENT_HEADER:
                    raise ValueError(f"{path}:1: the header must be " + "<TAB>".join(JUDGMENT_HEADER))
                continue
            if not line.strip():
                continue
            if len(fields) != 3 or not fields[1]:
                raise ValueError(f"{path}:{number}: expected topic, report_id and grade")
            topic, report_id, grade_text = fields
            if topic not in topics:
                raise ValueError(f"{path}:{number}: unknown topic {topic}")
            if grade_text not in ("0", "1", "2"):
                raise ValueError(f"{path}:{number}: grade must be 0, 1 or 2, not {grade_text!r}")
            grade = int(grade_text)
            earlier = judged.setdefault(topic, {}).get(report_id)
            if earlier is not None and earlier != grade:
                raise ValueError(f"{path}:{number}: {topic} {report_id} graded {earlier} before, {grade} here")
            judged[topic][report_id] = grade
    return judged


def gain(grade):
    return 2 ** grade - 1


def dcg(grades):
    return sum(gain(g) / math.log2(rank + 1) for rank, g in enumerate(grades, 1))


def top_grades(ranking, graded, cutoff=CUTOFF):
    """Grades of the first `cutoff` places of `ranking`; a report seen before in it counts as 0."""
    seen, out = set(), []
    for report_id in ranking[:cutoff]:
        out.append(0 if report_id in seen else graded.get(report_id, 0))
        seen.add(report_id)
    return out


def ndcg(ranking, graded, cutoff=CUTOFF):
    """nDCG@cutoff of `ranking`, or None when no judged report of the topic is relevant."""
    ideal = dcg(sorted(graded.values(), reverse=True)[:cutoff])
    return dcg(top_grades(ranking, graded, cutoff)) / ideal if ideal > 0 else None


def precision(ranking, graded, cutoff=CUTOFF):
    return sum(1 for g in top_grades(ranking, graded, cutoff) if g >= 1) / cutoff


def rankings_of(rows):
    """({(topic, mode): [report_id, best first]}, [modes in order of appearance])."""
    ranked, modes = {}, []
    for topic, mode, rank, report_id, _ in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
        ranked.setdefault((topic, mode), []).append(report_id)
    for _, mode, _, _, _ in rows:
        if mode not in modes:
            modes.append(mode)
    known = [m for m in pooling.ALL_MODES if m in modes]
    return ranked, known + [m for m in modes if m not in known]


def evaluate(topic_ids, judged, ranked, modes):
    """{mode: {"ndcg": {topic: value}, "p10": {topic: value}, "unjudged": n, "top": n}}."""
    scores = {}
    for mode in modes:
        s = {"ndcg": {}, "p10": {}, "unjudged": 0, "top": 0}
        for topic in topic_ids:
            ranking = ranked.get((topic, mode), [])
            graded = judged.get(topic, {})
            top = set(ranking[:CUTOFF])
            s["top"] += len(top)
            s["unjudged"] += sum(1 for r in top if r not in graded)
            value = ndcg(ranking, graded)
            if value is not None:
                s["ndcg"][topic] = value
                s["p10"][topic] = precision(ranking, graded)
        scores[mode] = s
    return scores


def mean(values):
    return sum(values) / len(values) if values else None


def fmt(value, width=8):
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.3f}"


def print_report(topic_ids, judged, scores, modes, per_topic, out):
    scored = [t for t in topic_ids if any(t in scores[m]["ndcg"] for m in modes)]
    grades = sum(len(v) for v in judged.values())
    print(f"judgments: {grades} grades; {len(scored)} of {len(topic_ids)} topics have a relevant report "
          f"(nDCG@10 and P@10 are means over those; unjudged@10 counts every topic)", file=out)
    order = sorted(modes, key=lambda m: (-(mean(list(scores[m]["ndcg"].values())) or 0.0), modes.index(m)))
    width = max(11, *(len(m) for m in modes))
    print(f"{'mode':<{width}} {'nDCG@10':>8} {'P@10':>8} {'unjudged@10':>14}", file=out)
    for mode in order:
        s = scores[mode]
        unjudged = f"{s['unjudged']}/{s['top']}"
        print(f"{mode:<{width}} {fmt(mean(list(s['ndcg'].values())))} {fmt(mean(list(s['p10'].values())))} "
              f"{unjudged:>14}", file=out)
    if per_topic:
        column = max(8, *(len(m) for m in order))
        print(file=out)
        print("nDCG@10 per topic (- : no relevant report judged)", file=out)
        print(f"{'topic':<6} " + " ".join(f"{m:>{column}}" for m in order), file=out)
        for topic in topic_ids:
            print(f"{topic:<6} " + " ".join(fmt(scores[m]["ndcg"].get(topic), column) for m in order), file=out)
    return order


def parse_targets(texts):
    targets = {}
    for text in texts:
        mode, sep, value = text.partition("=")
        try:
            if not sep or not mode:
                raise ValueError
            targets[mode] = float(value)
        except ValueError:
            raise ValueError(f"--min-ndcg takes MODE=X, not {text!r}") from None
    return targets


def build_index(indexer, corpus, db):
    """Builds the Marsad index `db` from `corpus` with default options."""
    print(f"building {db} from {corpus} ...", file=sys.stderr)
    try:
        done = subprocess.run([indexer, "--quiet", "--db", db, corpus], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
    except OSError as error:
        raise pooling.ToolError(f"cannot run {indexer}: {error}") from error
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise pooling.ToolError(f"{indexer} exited with {done.returncode}: {lines[-1] if lines else ''}")


def fresh_runs(args, topics):
    """Rows of pool.py's run step on the indexes of --runs-from-index and --plain-db."""
    modes = args.modes.split(",") if args.modes else list(pooling.MARSAD_MODES)
    unknown = [m for m in modes if m not in pooling.MARSAD_MODES]
    if unknown:
        print(f"score.py: unknown mode(s): {', '.join(unknown)}", file=sys.stderr)
        raise SystemExit(2)
    if args.rebuild and os.path.isdir(args.runs_from_index):
        shutil.rmtree(args.runs_from_index)
    modes += [pooling.PLAIN_MODE] if args.plain_db else []
    if not os.path.isdir(args.runs_from_index):
        if not os.path.isfile(args.corpus):
            raise pooling.Absent(f"no index at {args.runs_from_index} and no corpus at {args.corpus} to build it from")
        if not pooling.find_tool(args.index_tool):
            raise pooling.Absent(f"no index at {args.runs_from_index} and no marsad-index at {args.index_tool}")
        build_index(pooling.find_tool(args.index_tool), args.corpus, args.runs_from_index)
    return pooling.make_runs(topics, modes, args.runs_from_index, args.plain_db, args.search, args.quest,
                             args.delve, args.depth)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet end when the reader (head, less) stops
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default=pooling.DEFAULT_TOPICS, help="topics file (default: %(default)s)")
    parser.add_argument("--judgments", default=DEFAULT_JUDGMENTS, help="judgments file (default: %(default)s)")
    parser.add_argument("--runs", default=os.path.join(pooling.DEFAULT_WORK, "runs.tsv"),
                        help="run file of pool.py (default: %(default)s)")
    parser.add_argument("--runs-from-index", metavar="IDX",
                        help="run the topics afresh on this Marsad index instead of reading --runs "
                             "(built from --corpus with --index-tool when it does not exist)")
    parser.add_argument("--plain-db", help="with --runs-from-index: also run the plain baseline on this index")
    parser.add_argument("--write-runs", metavar="PATH", help="with --runs-from-index: also save the fresh runs here")
    parser.add_argument("--search", default=pooling.DEFAULT_SEARCH, help="marsad-search executable (default: %(default)s)")
    parser.add_argument("--index-tool", default=DEFAULT_INDEXER, help="marsad-index executable (default: %(default)s)")
    parser.add_argument("--quest", default="quest", help="Xapian's quest, for the plain baseline (default: %(default)s)")
    parser.add_argument("--delve", default="xapian-delve", help="Xapian's delve, for the plain baseline (default: %(default)s)")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus to build the index from (default: %(default)s)")
    parser.add_argument("--depth", type=int, default=pooling.DEFAULT_DEPTH, help="hits per mode in fresh runs (default: %(default)s)")
    parser.add_argument("--rebuild", action="store_true", help="with --runs-from-index: build IDX afresh even if it exists")
    parser.add_argument("--modes", help="with --runs-from-index: comma-separated Marsad modes to run (default: all)")
    parser.add_argument("--per-topic", action="store_true", help="also print nDCG@10 per topic and mode")
    parser.add_argument("--min-ndcg", action="append", default=[], metavar="MODE=X",
                        help="exit 1 when MODE's mean nDCG@10 is below X (repeatable)")
    args = parser.parse_args()

    try:
        targets = parse_targets(args.min_ndcg)
        topics = pooling.read_topics(args.topics)
        judged = read_judgments(args.judgments, {t for t, _, _ in topics})
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.depth < CUTOFF:
        print(f"error: --depth must be at least {CUTOFF}", file=sys.stderr)
        return EXIT_USAGE

    if args.runs_from_index:
        try:
            rows = fresh_runs(args, topics)
        except pooling.Absent as error:
            print(f"skipped: {error}", file=sys.stderr)
            return EXIT_SKIP
        except pooling.ToolError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_USAGE
        if args.write_runs:
            try:
                pooling.write_runs(args.write_runs, rows)
            except OSError as error:
                print(f"error: {error}", file=sys.stderr)
                return EXIT_USAGE
        print(f"runs: fresh, on {args.runs_from_index}" + (f" and {args.plain_db}" if args.plain_db else ""))
    else:
        try:
            rows = pooling.read_runs(args.runs)
        except (OSError, ValueError) as error:
            print(f"error: {error} (pool.py writes the run file; or use --runs-from-index)", file=sys.stderr)
            return EXIT_USAGE
        print(f"runs: {args.runs}")

    topic_ids = [t for t, _, _ in topics]
    ranked, modes = rankings_of(rows)
    missing = [m for m in targets if m not in modes]
    if missing:
        print(f"error: no run of mode(s) {', '.join(missing)}; the runs hold {', '.join(modes)}", file=sys.stderr)
        return EXIT_USAGE
    scores = evaluate(topic_ids, judged, ranked, modes)
    print_report(topic_ids, judged, scores, modes, args.per_topic, sys.stdout)

    if not targets:
        return EXIT_OK
    if not any(scores[m]["ndcg"] for m in modes):
        print(f"skipped: no topic has a report graded 1 or 2 in {args.judgments} yet", file=sys.stderr)
        return EXIT_SKIP
    failed = []
    for mode, target in targets.items():
        value = mean(list(scores[mode]["ndcg"].values())) or 0.0
        if value < target:
            failed.append(f"{mode} {value:.3f} < {target:.3f}")
    if failed:
        print("below target: " + "; ".join(failed), file=sys.stderr)
        return EXIT_TARGET_MISSED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

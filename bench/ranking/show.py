#!/usr/bin/env python3
"""Prints the pooled reports of one topic so that a judge can read and grade them.

On top: the topic's id, description and query. Then, for each report (by default the topic's pool
less the reports already graded for it in judgments.tsv; or the report ids given after the topic),
its id, date, source, title and the beginning of its body, read from the corpus file at run time.
Reports come in the pool's order (by id), which says nothing about any mode's ranking.

With --template it prints only the lines to fill in (`topic TAB report_id TAB`), to be completed with
a grade and added to judgments.tsv; the grading rules are in README.md.

Exit status: 0 on success, 2 for a usage or data error, 77 when the corpus file is absent.

Python 3 standard library only.
"""
import argparse
import gzip
import json
import os
import re
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import pool as pooling  # noqa: E402
from score import read_judgments  # noqa: E402

PROJECT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.join(PROJECT, "..", "shared", "data", "saudinewsnet", "saudinewsnet.jsonl.gz")
DEFAULT_JUDGMENTS = os.path.join(HERE, "judgments.tsv")
DEFAULT_POOL = os.path.join(pooling.DEFAULT_WORK, "pool.tsv")
EXIT_OK, EXIT_USAGE, EXIT_SKIP = 0, 2, 77
SPACE = re.compile(r"\s+")


def read_records(path, wanted):
    """{id: record} of the corpus records whose id is in `wanted` (JSONL, gzip or not)."""
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    found = {}
    if not wanted:
        return found
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and str(record.get("id")) in wanted:
                found[str(record["id"])] = record
                if len(found) == len(wanted):
                    break
    return found


def excerpt(text, limit):
    """`text` with its white space runs made single spaces, cut after `limit` characters at a word end."""
    flat = SPACE.sub(" ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit + 1)
    return flat[:cut if cut > limit // 2 else limit].rstrip() + " …"


def field(record, key):
    value = record.get(key)
    return "" if value is None else str(value)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet end when the reader (head, less) stops
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topic", help="topic id, e.g. t01")
    parser.add_argument("report_ids", nargs="*", help="reports to show (default: the topic's pool less those judged)")
    parser.add_argument("--pool", default=DEFAULT_POOL, help="pool file of pool.py (default: %(default)s)")
    parser.add_argument("--judgments", default=DEFAULT_JUDGMENTS, help="judgments file (default: %(default)s)")
    parser.add_argument("--topics", default=pooling.DEFAULT_TOPICS, help="topics file (default: %(default)s)")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus file, JSONL (default: %(default)s)")
    parser.add_argument("--chars", type=int, default=700, help="characters of each body to show (default: %(default)s)")
    parser.add_argument("--all", action="store_true", help="the whole pool of the topic, judged reports too")
    parser.add_argument("--template", action="store_true",
                        help="print only `topic TAB report_id TAB` lines, to be completed with grades")
    args = parser.parse_args()

    try:
        topics = {t: (description, query) for t, description, query in pooling.read_topics(args.topics)}
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.topic not in topics:
        print(f"error: no topic {args.topic} in {args.topics}", file=sys.stderr)
        return EXIT_USAGE
    description, query = topics[args.topic]

    try:
        judged = read_judgments(args.judgments, topics) if os.path.exists(args.judgments) else {}
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    graded = judged.get(args.topic, {})
    if args.report_ids:
        ids = list(dict.fromkeys(args.report_ids))
        pooled = None
    else:
        try:
            pooled = [r for t, r in pooling.read_pool(args.pool) if t == args.topic]
        except (OSError, ValueError) as error:
            print(f"error: {error} (pool.py writes the pool)", file=sys.stderr)
            return EXIT_USAGE
        ids = pooled if args.all else [r for r in pooled if r not in graded]

    if args.template:
        for report_id in ids:
            print(f"{args.topic}\t{report_id}\t")
        return EXIT_OK
    if not os.path.isfile(args.corpus):
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return EXIT_SKIP

    print(f"{args.topic}: {description}")
    print(f"query: {query}")
    if pooled is not None:
        print(f"pool: {len(pooled)} reports, {sum(1 for r in pooled if r in graded)} judged, "
              f"{sum(1 for r in pooled if r not in graded)} to judge; showing {len(ids)}")
    records = read_records(args.corpus, set(ids))
    missing = 0
    for number, report_id in enumerate(ids, 1):
        print()
        grade = f"   (graded {graded[report_id]})" if report_id in graded else ""
        print(f"=== [{number}/{len(ids)}] {report_id}{grade}")
        record = records.get(report_id)
        if record is None:
            print("    (not in the corpus file)")
            missing += 1
            continue
        print(f"date:   {field(record, 'date')}")
        print(f"source: {field(record, 'source')}")
        print(f"title:  {excerpt(field(record, 'title'), 10 * args.chars)}")
        print(f"body:   {excerpt(field(record, 'body'), args.chars)}")
    if missing:
        print(f"warning: {missing} report(s) not found in {args.corpus}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

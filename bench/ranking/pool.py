#!/usr/bin/env python3
"""Runs every topic of topics.tsv through every ranking mode and pools the top reports for judging.

For each topic, the topic's `query` goes through
  * `marsad-search --db DB --json --no-facets -n DEPTH --mode M` for each mode M of the searcher
    (and, or, and-or, or-all, or-near, and-or-near, or-title, and-or-title), and
  * the baseline `plain`: Xapian's BM25 with the default operator OR over the plain index
    (bench/index/plain_indexer.cc: TermGenerator + Snowball arabic), through Xapian's `quest` tool
    (`quest -d PLAIN -m DEPTH -s arabic QUERY`). The plain indexer stores each JSON record as the
    document data, which quest prints under each hit: the report id is read from it.

marsad-index keeps one report of a set of exact duplicates (the others' ids are listed in its stored
record); the plain index holds them all. A report id that the plain baseline returns and that is a
duplicate is written as the id of the report Marsad kept (read from the Marsad index with
`xapian-delve`), so that each text is judged once; a ranking that returns the same text twice then
holds that id twice, and the scorer gives the second one no gain.

Writes the run file (TAB-separated, header `topic mode rank report_id score`, ranks from 1) and the
pool file (header `topic report_id`: the union of every mode's top DEPTH per topic, sorted), and
prints the pool's size per topic with the number of hits of every mode.

Exit status: 0 on success, 2 for a usage error or a failing tool, 77 when an index or a tool is absent.

Python 3 standard library only; score.py imports the run step from here.
"""
import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TOPICS = os.path.join(HERE, "topics.tsv")
DEFAULT_SEARCH = os.path.join(PROJECT, "build", "searcher", "marsad-search")
DEFAULT_WORK = "/tmp/rank"
MARSAD_MODES = ("and", "or", "and-or", "or-all", "or-near", "and-or-near", "or-title", "and-or-title")
PLAIN_MODE = "plain"
ALL_MODES = MARSAD_MODES + (PLAIN_MODE,)
DEFAULT_DEPTH = 20
# Marsad writes a value in this slot (the body hash, common/schema.h) for every document: listing
# the slot lists the document ids.
EVERY_DOCUMENT_SLOT = 6
RUN_HEADER = ("topic", "mode", "rank", "report_id", "score")
POOL_HEADER = ("topic", "report_id")
EXIT_OK, EXIT_USAGE, EXIT_SKIP = 0, 2, 77


class ToolError(Exception):
    """A tool failed or printed what cannot be read: exit status 2."""


class Absent(Exception):
    """An index or a tool is not there: the run is skipped (exit status 77)."""


def read_topics(path):
    """[(id, description, query)] of a topics file (header id, description, query)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0][:3] != ["id", "description", "query"]:
        raise ValueError(f"{path}: the header must be id, description, query")
    topics, seen = [], set()
    for number, row in enumerate(rows[1:], 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 3 or not row[0] or not row[2].strip():
            raise ValueError(f"{path}:{number}: expected id, description and query")
        if row[0] in seen:
            raise ValueError(f"{path}:{number}: topic {row[0]} given twice")
        seen.add(row[0])
        topics.append((row[0], row[1], row[2].strip()))
    return topics


def find_tool(name_or_path):
    """The executable's path, or None when it is not there."""
    if os.sep in name_or_path:
        return name_or_path if os.path.isfile(name_or_path) and os.access(name_or_path, os.X_OK) else None
    return shutil.which(name_or_path)


def run_tool(argv):
    try:
        done = subprocess.run(argv, capture_output=True, check=False)
    except OSError as error:
        raise ToolError(f"cannot run {argv[0]}: {error}") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise ToolError(f"{' '.join(argv[:2])} ... exited with {done.returncode}: {message[-1] if message else ''}")
    return done.stdout.decode("utf-8", errors="replace")


def marsad_hits(search, db, query, mode, depth):
    """[(report_id, score)] of one marsad-search run, best first."""
    out = run_tool([search, "--db", db, "--json", "--no-facets", "-n", str(depth), "--mode", mode, "--", query])
    try:
        answer = json.loads(out)
        return [(hit["id"], float(hit["score"])) for hit in answer["hits"]]
    except (ValueError, KeyError, TypeError) as error:
        raise ToolError(f"marsad-search --mode {mode}: unreadable answer for {query!r}: {error}") from error


QUEST_HIT = re.compile(r"^(\d+): \[([-+0-9.eE]+|inf|nan)\]$")


def quest_hits(quest, db, query, depth):
    """[(report_id, score)] of `quest -d DB -m DEPTH -s arabic QUERY`, best first.

    quest prints `DOCID: [WEIGHT]` for each hit and the document data on the next line; the plain
    indexer's data is the record's JSON line."""
    out = run_tool([quest, "-d", db, "-m", str(depth), "-s", "arabic", "--", query])
    lines = out.split("\n")
    hits = []
    for i, line in enumerate(lines):
        m = QUEST_HIT.match(line)
        if not m:
            continue
        data = lines[i + 1] if i + 1 < len(lines) else ""
        try:
            record, _ = json.JSONDecoder().raw_decode(data)
            report_id = record["id"]
        except (ValueError, KeyError, TypeError) as error:
            raise ToolError(f"quest: no JSON record under hit {m.group(1)} for {query!r}: {error}") from error
        hits.append((str(report_id), float(m.group(2))))
    return hits


def duplicate_map(delve, db):
    """{duplicate id: id of the report kept}, from the `duplicates` lists of the Marsad index's records."""
    listing = run_tool([delve, "-1", f"-V{EVERY_DOCUMENT_SLOT}", db])
    docids = [line.split(":", 1)[0] for line in listing.split("\n") if re.match(r"^\d+:", line)]
    if not docids:
        raise ToolError(f"{delve}: no document of {db} has a value in slot {EVERY_DOCUMENT_SLOT}")
    mapping = {}
    for start in range(0, len(docids), 5000):
        argv = [delve, db, "-d", "-t", "XNO-SUCH-TERM"]
        for docid in docids[start:start + 5000]:
            argv += ["-r", docid]
        lines = run_tool(argv).split("\n")
        for i, line in enumerate(lines):
            if not line.startswith("Data for record #") or i + 1 >= len(lines) or '"duplicates"' not in lines[i + 1]:
                continue
            try:
                record = json.loads(lines[i + 1])
            except ValueError:
                continue
            for duplicate in record.get("duplicates") or []:
                mapping[str(duplicate)] = str(record["id"])
    return mapping


def check_tools(modes, db, plain_db, search, quest, delve):
    """Raises Absent when an index or a tool that the modes need is not there."""
    if any(m in MARSAD_MODES for m in modes):
        if not os.path.isdir(db):
            raise Absent(f"no Marsad index at {db}")
        if not find_tool(search):
            raise Absent(f"no marsad-search at {search}")
    if PLAIN_MODE in modes:
        if not plain_db or not os.path.isdir(plain_db):
            raise Absent(f"no plain index at {plain_db}")
        for tool in (quest, delve):
            if not find_tool(tool):
                raise Absent(f"no {tool} (Debian package xapian-tools)")
        if not os.path.isdir(db):
            raise Absent(f"no Marsad index at {db} (needed to map duplicates)")


def make_runs(topics, modes, db, plain_db, search, quest, delve, depth, progress=None):
    """[(topic, mode, rank, report_id, score)] for every topic and mode, ranks from 1."""
    check_tools(modes, db, plain_db, search, quest, delve)
    search, quest, delve = find_tool(search), find_tool(quest), find_tool(delve)
    kept = duplicate_map(delve, db) if PLAIN_MODE in modes else {}
    rows = []
    for topic, _, query in topics:
        for mode in modes:
            if mode == PLAIN_MODE:
                hits = [(kept.get(report_id, report_id), score) for report_id, score in quest_hits(quest, plain_db, query, depth)]
            else:
                hits = marsad_hits(search, db, query, mode, depth)
            for rank, (report_id, score) in enumerate(hits[:depth], 1):
                rows.append((topic, mode, rank, report_id, score))
        if progress:
            progress(topic)
    return rows


def write_runs(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(RUN_HEADER) + "\n")
        for topic, mode, rank, report_id, score in rows:
            f.write(f"{topic}\t{mode}\t{rank}\t{report_id}\t{score:.4f}\n")


def read_runs(path):
    """[(topic, mode, rank, report_id, score)] of a run file."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if number == 1 and tuple(fields) == RUN_HEADER:
                continue
            if not line.strip():
                continue
            try:
                topic, mode, rank, report_id, score = fields
                rows.append((topic, mode, int(rank), report_id, float(score)))
            except ValueError as error:
                raise ValueError(f"{path}:{number}: expected topic, mode, rank, report_id, score") from error
    return rows


def pool_of(rows, depth):
    """Sorted (topic, report_id) pairs: the union of every mode's top `depth` per topic."""
    return sorted({(topic, report_id) for topic, _, rank, report_id, _ in rows if rank <= depth})


def write_pool(path, pool):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(POOL_HEADER) + "\n")
        for topic, report_id in pool:
            f.write(f"{topic}\t{report_id}\n")


def read_pool(path):
    """Sorted (topic, report_id) pairs of a pool file."""
    pairs = set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if (number == 1 and tuple(fields) == POOL_HEADER) or not line.strip():
                continue
            if len(fields) != 2:
                raise ValueError(f"{path}:{number}: expected topic, report_id")
            pairs.add((fields[0], fields[1]))
    return sorted(pairs)


def print_summary(topics, modes, rows, pool, depth, out):
    hits = {}
    for topic, mode, _, _, _ in rows:
        hits[(topic, mode)] = hits.get((topic, mode), 0) + 1
    sizes = {}
    for topic, _ in pool:
        sizes[topic] = sizes.get(topic, 0) + 1
    width = max(6, *(len(m) for m in modes))
    print(f"{'topic':<6} {'pool':>5}  " + " ".join(f"{m:>{width}}" for m in modes), file=out)
    for topic, _, _ in topics:
        counts = " ".join(f"{hits.get((topic, m), 0):>{width}}" for m in modes)
        print(f"{topic:<6} {sizes.get(topic, 0):>5}  {counts}", file=out)
    print(f"{'total':<6} {len(pool):>5}  (hits per mode, top {depth})", file=out)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet end when the reader (head, less) stops
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.path.join(DEFAULT_WORK, "marsad"), help="Marsad index (default: %(default)s)")
    parser.add_argument("--plain-db", default=os.path.join(DEFAULT_WORK, "plain"),
                        help="plain Xapian index of marsad-bench-plain-indexer (default: %(default)s)")
    parser.add_argument("--search", default=DEFAULT_SEARCH, help="marsad-search executable (default: %(default)s)")
    parser.add_argument("--quest", default="quest", help="Xapian's quest (default: %(default)s)")
    parser.add_argument("--delve", default="xapian-delve", help="Xapian's delve (default: %(default)s)")
    parser.add_argument("--topics", default=DEFAULT_TOPICS, help="topics file (default: %(default)s)")
    parser.add_argument("--modes", default=",".join(ALL_MODES),
                        help="comma-separated modes to run, `plain` for the baseline (default: %(default)s)")
    parser.add_argument("--depth", type=int, default=DEFAULT_DEPTH, help="hits per mode and topic (default: %(default)s)")
    parser.add_argument("--runs", default=os.path.join(DEFAULT_WORK, "runs.tsv"), help="run file to write (default: %(default)s)")
    parser.add_argument("--pool", default=os.path.join(DEFAULT_WORK, "pool.tsv"), help="pool file to write (default: %(default)s)")
    args = parser.parse_args()

    modes = [m for m in args.modes.split(",") if m]
    unknown = [m for m in modes if m not in ALL_MODES]
    if unknown or not modes:
        print(f"error: unknown mode(s) {', '.join(unknown) or '(none given)'}; known: {', '.join(ALL_MODES)}", file=sys.stderr)
        return EXIT_USAGE
    if args.depth < 1:
        print("error: --depth must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        topics = read_topics(args.topics)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE

    try:
        rows = make_runs(topics, modes, args.db, args.plain_db, args.search, args.quest, args.delve, args.depth,
                         progress=lambda t: print(f"ran {t}", file=sys.stderr))
    except Absent as error:
        print(f"skipped: {error}", file=sys.stderr)
        return EXIT_SKIP
    except ToolError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    pool = pool_of(rows, args.depth)
    try:
        for path in (args.runs, args.pool):
            if os.path.dirname(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
        write_runs(args.runs, rows)
        write_pool(args.pool, pool)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print_summary(topics, modes, rows, pool, args.depth, sys.stdout)
    print(f"runs: {args.runs}\npool: {args.pool}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

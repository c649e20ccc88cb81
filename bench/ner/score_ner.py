#!/usr/bin/env python3
"""Scores Marsad's entity tagging on a CoNLL NER file (ANERcorp's training split by default).

Runs `marsad-tag --format conll FILE`, compares its BIO tags with the file's gold tags and prints
entity-level precision, recall and F1 per class (PERS, LOC, ORG) with CoNLL semantics: an entity
counts when its span and type are exactly right. MISC in the gold file is scored as O. With --errors it
first lists every missed and every wrongly tagged entity, to read what the tagger gets wrong.

Exit status: 0 when every class reaches its --min-* target, 1 when one does not, 2 for a usage or
tagger error, 77 when the data file is absent (the run is skipped).
"""
import argparse
import os
import subprocess
import sys

CLASSES = ("PERS", "LOC", "ORG")
HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATA = os.path.join(PROJECT, "..", "shared", "data", "anercorp", "train.conll")
DEFAULT_TAGGER = os.path.join(PROJECT, "build", "common", "marsad-tag")
EXIT_SKIP = 77


def read_columns(text):
    """Sentences of a CoNLL text as lists of (token, tag) pairs; the tag is the last column."""
    sentences, current = [], []
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            if current:
                sentences.append(current)
                current = []
            continue
        current.append((fields[0], fields[-1] if len(fields) > 1 else "O"))
    if current:
        sentences.append(current)
    return sentences


def spans(tags):
    """Entity spans (type, first, last) of a BIO tag sequence, MISC and unknown types dropped.

    An I- tag that does not continue an entity of its type opens one, as conlleval does."""
    out, open_type, start = [], None, 0
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        if kind not in CLASSES:
            prefix, kind = "O", ""
        continues = prefix == "I" and kind == open_type
        if open_type is not None and not continues:
            out.append((open_type, start, i - 1))
            open_type = None
        if prefix in ("B", "I") and not continues:
            open_type, start = kind, i
    return out


def score(gold_sentences, predicted_sentences):
    counts = {c: {"gold": 0, "predicted": 0, "correct": 0} for c in CLASSES}
    for number, (gold, predicted) in enumerate(zip(gold_sentences, predicted_sentences), 1):
        if len(gold) != len(predicted):
            raise ValueError(f"sentence {number}: {len(gold)} gold tokens but {len(predicted)} tagged")
        gold_spans = set(spans([tag for _, tag in gold]))
        predicted_spans = set(spans([tag for _, tag in predicted]))
        for kind, _, _ in gold_spans:
            counts[kind]["gold"] += 1
        for kind, _, _ in predicted_spans:
            counts[kind]["predicted"] += 1
        for kind, _, _ in gold_spans & predicted_spans:
            counts[kind]["correct"] += 1
    return counts


def print_errors(gold_sentences, predicted_sentences, out):
    """One TAB-separated line per missed (miss) and per wrongly tagged (false) entity: the mark, the class,
    the sentence's number, the entity's words, and the same words with three either side."""
    for number, (gold, predicted) in enumerate(zip(gold_sentences, predicted_sentences), 1):
        gold_spans = set(spans([tag for _, tag in gold]))
        predicted_spans = set(spans([tag for _, tag in predicted]))
        words = [token for token, _ in gold]
        for mark, wrong in (("miss", gold_spans - predicted_spans), ("false", predicted_spans - gold_spans)):
            for kind, first, last in sorted(wrong, key=lambda s: s[1]):
                left = " ".join(words[max(0, first - 3):first])
                right = " ".join(words[last + 1:last + 4])
                name = " ".join(words[first:last + 1])
                print(f"{mark}\t{kind}\t{number}\t{name}\t{left} [{name}] {right}", file=out)


def f1(c):
    precision = c["correct"] / c["predicted"] if c["predicted"] else 0.0
    recall = c["correct"] / c["gold"] if c["gold"] else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tagger", default=DEFAULT_TAGGER, help="the marsad-tag executable (default: %(default)s)")
    parser.add_argument("--data", default=DEFAULT_DATA, help="CoNLL file with gold tags (default: %(default)s)")
    parser.add_argument("--min-loc", type=float, default=0.0, help="F1 that LOC must reach")
    parser.add_argument("--min-pers", type=float, default=0.0, help="F1 that PERS must reach")
    parser.add_argument("--min-org", type=float, default=0.0, help="F1 that ORG must reach")
    parser.add_argument("--errors", action="store_true",
                        help="also print each missed (miss) and wrongly tagged (false) entity, tab-separated: "
                             "mark, class, sentence number, words, words in context")
    args = parser.parse_args()

    if not os.path.isfile(args.data):
        print(f"skipped: no evaluation data at {args.data}", file=sys.stderr)
        return EXIT_SKIP
    with open(args.data, encoding="utf-8") as f:
        gold = read_columns(f.read())
    try:
        run = subprocess.run([args.tagger, "--format", "conll", args.data], capture_output=True, check=False)
    except OSError as error:
        print(f"error: cannot run {args.tagger}: {error}", file=sys.stderr)
        return 2
    if run.returncode != 0:
        print(f"error: {args.tagger} exited with {run.returncode}: {run.stderr.decode(errors='replace').strip()}",
              file=sys.stderr)
        return 2
    predicted = read_columns(run.stdout.decode("utf-8", errors="replace"))
    if len(predicted) != len(gold):
        print(f"error: {len(gold)} gold sentences but {len(predicted)} tagged", file=sys.stderr)
        return 2
    try:
        counts = score(gold, predicted)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if args.errors:
        print_errors(gold, predicted, sys.stdout)
    targets = {"PERS": args.min_pers, "LOC": args.min_loc, "ORG": args.min_org}
    print(f"{'class':<6} {'gold':>6} {'tagged':>7} {'correct':>8} {'P':>7} {'R':>7} {'F1':>7} {'target':>7}")
    failed = []
    for kind in CLASSES:
        c = counts[kind]
        precision, recall, f = f1(c)
        mark = "" if f >= targets[kind] else "  below"
        print(f"{kind:<6} {c['gold']:>6} {c['predicted']:>7} {c['correct']:>8} {precision:>7.3f} {recall:>7.3f} "
              f"{f:>7.3f} {targets[kind]:>7.2f}{mark}")
        if f < targets[kind]:
            failed.append(kind)
    total = {k: sum(counts[c][k] for c in CLASSES) for k in ("gold", "predicted", "correct")}
    precision, recall, f = f1(total)
    print(f"{'all':<6} {total['gold']:>6} {total['predicted']:>7} {total['correct']:>8} {precision:>7.3f} "
          f"{recall:>7.3f} {f:>7.3f}")
    if failed:
        print("below target: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

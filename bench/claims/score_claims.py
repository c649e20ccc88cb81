#!/usr/bin/env python3
"""Score a claim tagger against the labelled development set of real news sentences.

The development set (dev_set.tsv) names each sentence by article id and byte offsets into the
article body of the external SaudiNewsNet corpus; this script cuts the sentences out of the corpus,
writes them one per line to a temporary file, runs the tagger once on that file
(``TAGGER --format json FILE``) and compares the claims it reports with the labels:

* micro precision, recall and F1 over (sentence, claim type) pairs, and the same per type (claims the
  tagger marks ``historical`` are left out: a toll of an earlier war is not a current claim);
* the share of labelled killed figures that the tagger reports exactly (a figure with
  ``what == "killed"`` and the same count on the same input line).

Exit status: 0 when the targets given with --min-f1 / --min-figures are met (or none is given),
1 when a target is missed, 77 when the corpus file is absent (the benchmark is skipped),
2 for a usage or data error or when the tagger fails.

Python 3 standard library only.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = PROJECT_ROOT / ".." / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
DEFAULT_DEV_SET = PROJECT_ROOT / "bench" / "claims" / "dev_set.tsv"

CLAIM_TYPES = (
    "casualties", "destruction", "attack", "territorial", "ceasefire_call", "mediation",
    "refusal", "mobilisation", "foreign_involvement", "denial", "threat", "humanitarian",
)
DEV_SET_COLUMNS = ["id", "begin", "end", "types", "killed", "claimant", "note"]

EXIT_OK, EXIT_TARGET_MISSED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 77

# Characters a line reader may take as the end of a line; a sentence must stay on one line.
LINE_BREAKS = str.maketrans({c: " " for c in "\r\n\v\f\x85\u2028\u2029"})


class UsageError(Exception):
    """A problem with the arguments, the development set or the tagger: exit status 2."""


class LabelledSentence:
    """One row of the development set: where the sentence is and what it claims."""

    def __init__(self, article_id, begin, end, types, killed):
        self.article_id = article_id
        self.begin = begin
        self.end = end
        self.types = types      # frozenset of claim type names
        self.killed = killed    # tuple of int
        self.text = None        # filled in from the corpus

    @property
    def key(self):
        return f"{self.article_id}:{self.begin}"


class TaggerResult:
    """What the tagger reported for one input line, gathered over the sentences it split it into."""

    def __init__(self):
        self.types = set()
        self.killed = set()


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Score a claim tagger on the labelled development set of news sentences.")
    parser.add_argument("--tagger", required=True,
                        help="the tagger executable, e.g. build/common/marsad-tag")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                        help="the SaudiNewsNet JSONL file, gzipped or not "
                             "(default: ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz "
                             "beside the checkout)")
    parser.add_argument("--dev", default=str(DEFAULT_DEV_SET),
                        help="the labelled development set (default: bench/claims/dev_set.tsv)")
    parser.add_argument("--min-f1", type=float, default=None,
                        help="target for the micro F1 over (sentence, type) pairs")
    parser.add_argument("--min-figures", type=float, default=None,
                        help="target for the share of labelled killed figures found")
    parser.add_argument("--errors", action="store_true",
                        help="list every line the tagger got wrong (types and figures only)")
    return parser.parse_args(argv)


def parse_int_field(value, what, line_number):
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"dev set line {line_number}: {what} is not an integer: {value!r}")


def read_dev_set(path):
    """Read and check the development set; returns a list of LabelledSentence in file order."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read the dev set {path}: {error.strerror}")
    sentences = []
    seen = set()
    with handle:
        header = handle.readline().rstrip("\n").split("\t")
        if header != DEV_SET_COLUMNS:
            raise UsageError(f"dev set {path}: the header must be: {' '.join(DEV_SET_COLUMNS)}")
        for line_number, line in enumerate(handle, start=2):
            line = line.rstrip("\n")
            if not line:
                continue
            fields = line.split("\t")
            if len(fields) != len(DEV_SET_COLUMNS):
                raise UsageError(f"dev set line {line_number}: expected {len(DEV_SET_COLUMNS)} "
                                 f"tab-separated columns, found {len(fields)}")
            article_id, begin, end, types, killed = fields[:5]
            begin = parse_int_field(begin, "begin", line_number)
            end = parse_int_field(end, "end", line_number)
            if not 0 <= begin < end:
                raise UsageError(f"dev set line {line_number}: empty or reversed span")
            type_set = frozenset() if types == "-" else frozenset(types.split(","))
            unknown = sorted(type_set - set(CLAIM_TYPES))
            if unknown:
                raise UsageError(f"dev set line {line_number}: unknown claim type {unknown[0]!r}")
            figures = () if killed == "-" else tuple(
                parse_int_field(value, "a killed figure", line_number) for value in killed.split(","))
            if (article_id, begin) in seen:
                raise UsageError(f"dev set line {line_number}: {article_id}:{begin} is listed twice")
            seen.add((article_id, begin))
            sentences.append(LabelledSentence(article_id, begin, end, type_set, figures))
    if not sentences:
        raise UsageError(f"dev set {path} has no sentences")
    return sentences


def open_corpus(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def attach_sentence_texts(sentences, corpus_path):
    """Cut each sentence out of its article body (byte offsets into the UTF-8 body)."""
    by_article = defaultdict(list)
    for sentence in sentences:
        by_article[sentence.article_id].append(sentence)
    try:
        scan_corpus(corpus_path, by_article)
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read the corpus {corpus_path}: {error}")
    if by_article:
        missing = sorted(by_article)
        raise UsageError(f"{len(missing)} article(s) of the dev set are not in the corpus, "
                         f"e.g. {missing[0]}")


def scan_corpus(corpus_path, by_article):
    """Fill in the texts of the wanted sentences, removing each article from by_article once read."""
    with open_corpus(corpus_path) as corpus:
        for line in corpus:
            if not line.strip():
                continue
            record = json.loads(line)
            wanted = by_article.pop(record.get("id"), None)
            if wanted is None:
                continue
            body = (record.get("body") or "").encode("utf-8")
            for sentence in wanted:
                if sentence.end > len(body):
                    raise UsageError(f"{sentence.key}: the span ends beyond the article body")
                try:
                    text = body[sentence.begin:sentence.end].decode("utf-8")
                except UnicodeDecodeError:
                    raise UsageError(f"{sentence.key}: the span does not fall on character boundaries")
                text = text.translate(LINE_BREAKS).strip()
                if not text:
                    raise UsageError(f"{sentence.key}: the span holds no text")
                sentence.text = text
            if not by_article:
                break


def run_tagger(tagger, sentences):
    """Run the tagger once over all sentences; returns {input line: TaggerResult}."""
    with tempfile.TemporaryDirectory(prefix="marsad-claims-") as work_dir:
        input_path = os.path.join(work_dir, "sentences.txt")
        with open(input_path, "w", encoding="utf-8") as handle:
            for sentence in sentences:
                handle.write(sentence.text + "\n")
        try:
            completed = subprocess.run([tagger, "--format", "json", input_path],
                                       capture_output=True, check=False)
        except OSError as error:
            raise UsageError(f"cannot run the tagger {tagger}: {error.strerror}")
    if completed.returncode != 0:
        stderr = completed.stderr.decode("utf-8", errors="replace").rstrip()
        raise UsageError(f"the tagger exited with status {completed.returncode}"
                         + (f":\n{stderr}" if stderr else ""))
    try:
        document = json.loads(completed.stdout.decode("utf-8"))
    except ValueError as error:
        raise UsageError(f"the tagger's output is not one JSON document ({error})")
    if not isinstance(document, dict) or not isinstance(document.get("sentences"), list):
        raise UsageError('the tagger\'s output has no "sentences" array')
    try:
        return gather_claims(document, len(sentences))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise UsageError(f"unexpected sentence or claim in the tagger's output: {error!r}")


def gather_claims(document, line_count):
    """Collect claim types and killed counts per 1-based input line."""
    results = defaultdict(TaggerResult)
    for sentence in document["sentences"]:
        line = int(sentence["line"])
        if not 1 <= line <= line_count:
            raise ValueError(f"sentence on line {line}, but the input has {line_count} lines")
        result = results[line]
        for claim in sentence.get("claims") or []:
            if claim.get("historical"):
                continue  # a toll of an earlier war is not a current claim (the labelling conventions)
            result.types.add(str(claim["type"]))
            for figure in claim.get("figures") or []:
                count = figure.get("count")
                if figure.get("what") == "killed" and isinstance(count, (int, float)) \
                        and float(count).is_integer():
                    result.killed.add(int(count))
    return results


class Counts:
    def __init__(self):
        self.true_positives = 0
        self.false_positives = 0
        self.false_negatives = 0

    @property
    def gold(self):
        return self.true_positives + self.false_negatives

    @property
    def predicted(self):
        return self.true_positives + self.false_positives

    @property
    def precision(self):
        return self.true_positives / self.predicted if self.predicted else None

    @property
    def recall(self):
        return self.true_positives / self.gold if self.gold else None

    @property
    def f1(self):
        total = 2 * self.true_positives + self.false_positives + self.false_negatives
        return 2 * self.true_positives / total if total else None


class Score:
    def __init__(self):
        self.micro = Counts()
        self.per_type = defaultdict(Counts)
        self.figures_labelled = 0
        self.figures_found = 0
        self.figures_unlabelled = 0
        self.wrong_lines = []   # (sentence, result)


def score(sentences, results):
    outcome = Score()
    for line, sentence in enumerate(sentences, start=1):
        result = results.get(line, TaggerResult())
        for claim_type in sentence.types | result.types:
            counts = outcome.per_type[claim_type]
            if claim_type in sentence.types and claim_type in result.types:
                counts.true_positives += 1
                outcome.micro.true_positives += 1
            elif claim_type in sentence.types:
                counts.false_negatives += 1
                outcome.micro.false_negatives += 1
            else:
                counts.false_positives += 1
                outcome.micro.false_positives += 1
        outcome.figures_labelled += len(sentence.killed)
        outcome.figures_found += sum(1 for count in sentence.killed if count in result.killed)
        outcome.figures_unlabelled += len(result.killed - set(sentence.killed))
        if sentence.types != result.types or set(sentence.killed) != result.killed:
            outcome.wrong_lines.append((sentence, result))
    return outcome


def format_ratio(value):
    return "    -" if value is None else f"{value:5.3f}"


def print_report(sentences, outcome, show_errors):
    articles = len({sentence.article_id for sentence in sentences})
    without_claims = sum(1 for sentence in sentences if not sentence.types)
    print(f"claims dev set: {len(sentences)} sentences from {articles} articles, "
          f"{without_claims} without a claim")
    print(f"{'type':<20} {'gold':>5} {'tagged':>6} {'right':>5}  {'P':>5}  {'R':>5}  {'F1':>5}")
    extra_types = sorted(set(outcome.per_type) - set(CLAIM_TYPES))
    for claim_type in list(CLAIM_TYPES) + extra_types:
        counts = outcome.per_type.get(claim_type, Counts())
        label = claim_type if claim_type in CLAIM_TYPES else f"{claim_type} (unknown)"
        print(f"{label:<20} {counts.gold:>5} {counts.predicted:>6} {counts.true_positives:>5}  "
              f"{format_ratio(counts.precision)}  {format_ratio(counts.recall)}  "
              f"{format_ratio(counts.f1)}")
    micro = outcome.micro
    print(f"{'all (micro)':<20} {micro.gold:>5} {micro.predicted:>6} {micro.true_positives:>5}  "
          f"{format_ratio(micro.precision)}  {format_ratio(micro.recall)}  "
          f"{format_ratio(micro.f1)}")
    share = figure_share(outcome)
    print(f"killed figures found: {outcome.figures_found}/{outcome.figures_labelled} "
          f"({format_ratio(share).strip()}); killed figures reported but not labelled: "
          f"{outcome.figures_unlabelled}")
    print(f"lines with a difference: {len(outcome.wrong_lines)}")
    if show_errors:
        for sentence, result in outcome.wrong_lines:
            print(f"  {sentence.key:<28} expected {describe(sentence.types, sentence.killed)}"
                  f"  got {describe(result.types, result.killed)}")


def describe(types, killed):
    type_text = ",".join(sorted(types)) or "-"
    killed_text = ",".join(str(count) for count in sorted(killed)) or "-"
    return f"[{type_text}] killed {killed_text}"


def figure_share(outcome):
    if not outcome.figures_labelled:
        return None
    return outcome.figures_found / outcome.figures_labelled


def check_targets(outcome, min_f1, min_figures):
    """Print each target's verdict; returns True when every given target is met."""
    met = True
    for name, value, target in (("micro F1", outcome.micro.f1, min_f1),
                                ("killed figures found", figure_share(outcome), min_figures)):
        if target is None:
            continue
        value = value or 0.0
        ok = value >= target
        met = met and ok
        print(f"target {name} >= {target:.2f}: {value:.3f} {'met' if ok else 'MISSED'}")
    return met


def main(argv):
    arguments = parse_arguments(argv)
    try:
        sentences = read_dev_set(arguments.dev)
        if not os.path.isfile(arguments.corpus):
            print(f"SKIP: claims benchmark skipped, corpus not found: {arguments.corpus}")
            return EXIT_SKIPPED
        attach_sentence_texts(sentences, arguments.corpus)
        results = run_tagger(arguments.tagger, sentences)
    except UsageError as error:
        print(f"score_claims: {error}", file=sys.stderr)
        return EXIT_USAGE
    outcome = score(sentences, results)
    print_report(sentences, outcome, arguments.errors)
    met = check_targets(outcome, arguments.min_f1, arguments.min_figures)
    return EXIT_OK if met else EXIT_TARGET_MISSED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

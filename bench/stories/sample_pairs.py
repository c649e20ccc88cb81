#!/usr/bin/env python3
"""Propose candidate report pairs for the same-story (near-duplicate) development set.

Reads the SaudiNewsNet JSONL corpus and draws candidate pairs from five independent generators:

  opening   pairs whose bodies open with the same first 15 normalized words;
  jaccard   pairs drawn across strata of word-3-gram Jaccard similarity, preferring different
            sources, plus a "contain" stratum: one text mostly contained in a much longer one;
  conflict  hard-negative candidates: same date (or one day apart), both opening on the same
            Yemeni/Iraqi/Syrian place and a conflict word, with little 3-gram overlap;
  random    a few random pairs;
  headline  same or next day, different sources, headlines sharing three rarer words, bodies
            below 0.3 Jaccard (separately written reports of one event, or heavy rewrites).

Output: one candidate per line, tab-separated:
  a  b  generator  stratum  jaccard  containment  words_a  words_b  source_a  source_b  date_a  date_b

Usage (from the checkout's root):
  python3 bench/stories/sample_pairs.py [CORPUS] > /tmp/candidates.tsv
  python3 bench/stories/sample_pairs.py --show A B           # both reports in full
  python3 bench/stories/sample_pairs.py --show A B --brief   # opening, middle and end only
  python3 bench/stories/sample_pairs.py --show A B --mark    # with each paragraph's share of
                                                             # 3-grams found in the other report

Standard library only; deterministic (fixed seed, corpus order, no string hashing). The whole
corpus takes one to two minutes and about 3.5 GB of memory.
"""

import argparse
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from datetime import date

DEFAULT_CORPUS = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz"
SEED = 20150701

OPENING_WORDS = 15
MAX_DF = 40            # 3-grams carried by more documents than this are boilerplate: not indexed
MIN_SHARED = 3         # fewest shared indexed 3-grams for a pair to be measured

# (low, high, how many) — Jaccard strata of generator "jaccard"
STRATA = [(0.10, 0.30, 40), (0.30, 0.50, 35), (0.50, 0.70, 30), (0.70, 0.90, 25), (0.90, 1.01, 20)]
N_OPENING = 45
N_CONTAIN = 25         # containment >= 0.6, Jaccard < 0.5, longer text >= 2x the shorter
N_CONFLICT = 70
N_RANDOM = 12
N_HEADLINE = 25

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TRANS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_WORD = re.compile(r"\w+")


def normalize(text):
    return _DIACRITICS.sub("", text).translate(_TRANS)


def words(text):
    return _WORD.findall(normalize(text))


PLACES = [
    # Yemen
    "صنعاء", "عدن", "تعز", "مارب", "لحج", "ابين", "الحديده", "صعده", "شبوه", "الضالع", "حضرموت",
    "البيضاء", "ذمار", "حجه", "عمران", "الجوف", "المكلا", "اب", "يريم", "كرش", "العند",
    # Iraq
    "بغداد", "الموصل", "الرمادي", "الانبار", "الفلوجه", "تكريت", "ديالي", "نينوي", "كركوك",
    "بيجي", "سامراء", "البصره", "الحويجه", "هيت", "حديثه",
    # Syria
    "حلب", "دمشق", "حمص", "حماه", "ادلب", "درعا", "الزبداني", "الرقه", "دير", "الحسكه", "دوما",
    "تدمر", "اللاذقيه", "القنيطره", "الغوطه", "جسر", "القلمون", "كوباني", "عين",
]
# "دير" (Deir ez-Zor), "جسر" (Jisr al-Shughur) and "عين" (Ain al-Arab) only count before their second word
PLACE_PAIRS = {"دير": "الزور", "جسر": "الشغور", "عين": "العرب"}
CONFLICT_STEMS = [
    "قصف", "غاره", "غارات", "هجوم", "هجمات", "مقتل", "قتلي", "قتل", "اشتباكات", "اشتباك", "معارك",
    "تفجير", "انفجار", "مفخخه", "قذائف", "صواريخ", "جرحي", "مصرع",
]
PREFIXES = ("وبال", "فال", "بال", "كال", "وال", "لل", "ال", "و", "ف", "ب", "ل")
_PLACE_SET = set(PLACES)
_CONFLICT_SET = set(CONFLICT_STEMS)


def strip_prefix(w):
    """Drop a one-letter proclitic (wa-, fa-, bi-, li-) in front of a known place name."""
    for p in ("و", "ف", "ب", "ل"):
        if w.startswith(p) and len(w) > 3 and w[1:] in _PLACE_SET:
            return w[1:]
    return w


def places_in(ws):
    found = set()
    for i, w in enumerate(ws):
        w = strip_prefix(w)
        if w in _PLACE_SET:
            nxt = PLACE_PAIRS.get(w)
            if nxt is None or (i + 1 < len(ws) and ws[i + 1] == nxt):
                found.add(w)
    return found


def conflict_in(ws):
    for w in ws:
        for p in ("",) + PREFIXES:
            if w.startswith(p) and w[len(p):] in _CONFLICT_SET:
                return True
    return False


def load(path):
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                docs.append(json.loads(line))
    return docs


def shingle_sets(docs):
    vocab = {}
    out = []
    for d in docs:
        ws = words(d.get("body") or "")
        ids = [vocab.setdefault(w, len(vocab)) for w in ws]
        out.append((ws, {(ids[i], ids[i + 1], ids[i + 2]) for i in range(len(ids) - 2)}))
    return out


def measured_pairs(sets):
    """Exact 3-gram Jaccard and containment of every pair sharing >= MIN_SHARED rarer 3-grams."""
    postings = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            postings[g].append(i)
    shared = defaultdict(int)
    for plist in postings.values():
        n = len(plist)
        if n < 2 or n > MAX_DF:
            continue
        for x in range(n):
            a = plist[x]
            for y in range(x + 1, n):
                shared[(a, plist[y])] += 1
    del postings
    result = {}
    for (a, b), c in shared.items():
        if c < MIN_SHARED:
            continue
        sa, sb = sets[a], sets[b]
        inter = len(sa & sb)
        union = len(sa) + len(sb) - inter
        result[(a, b)] = (inter / union, inter / min(len(sa), len(sb)))
    return result


def day_gap(a, b):
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def propose(docs, seed=SEED):
    rng = random.Random(seed)
    parsed = shingle_sets(docs)
    word_lists = [p[0] for p in parsed]
    sets = [p[1] for p in parsed]
    print(f"# {len(docs)} documents", file=sys.stderr)
    measured = measured_pairs(sets)
    print(f"# {len(measured)} measured pairs", file=sys.stderr)

    chosen = {}   # (a, b) -> (generator, stratum)

    def key(i, j):
        return (i, j) if i < j else (j, i)

    def take(pool, n, gen, stratum, prefer_cross=True):
        pool = [p for p in pool if p not in chosen]
        rng.shuffle(pool)
        if prefer_cross:
            cross = [p for p in pool if docs[p[0]]["source"] != docs[p[1]]["source"]]
            same = [p for p in pool if docs[p[0]]["source"] == docs[p[1]]["source"]]
            # at most a quarter from one source, when enough cross-source pairs exist
            k_same = max(n // 4, n - len(cross))
            pool = cross[: n - min(k_same, len(same))] + same[:k_same]
        got = 0
        used_docs = defaultdict(int)
        for p in pool:
            if got >= n:
                break
            # spread: a document appears at most twice within one generator stratum
            if used_docs[p[0]] >= 2 or used_docs[p[1]] >= 2:
                continue
            chosen[p] = (gen, stratum)
            used_docs[p[0]] += 1
            used_docs[p[1]] += 1
            got += 1

    # (a) same opening words
    groups = defaultdict(list)
    for i, ws in enumerate(word_lists):
        if len(ws) >= OPENING_WORDS + 5:
            groups[tuple(ws[:OPENING_WORDS])].append(i)
    opening_pool = []
    for members in groups.values():
        if len(members) < 2:
            continue
        # one or two pairs per group, so that one boilerplate opening does not fill the stratum
        pairs = [key(members[x], members[y]) for x in range(len(members))
                 for y in range(x + 1, len(members))]
        rng.shuffle(pairs)
        opening_pool.extend(pairs[:2])
    # half from pairs whose texts otherwise differ a lot (low Jaccard), half from the rest
    low = [p for p in opening_pool if measured.get(p, (0, 0))[0] < 0.5]
    high = [p for p in opening_pool if measured.get(p, (0, 0))[0] >= 0.5]
    take(low, N_OPENING // 2 + 5, "opening", "low", prefer_cross=False)
    take(high, N_OPENING - (N_OPENING // 2 + 5), "opening", "high")

    # (b) Jaccard strata and containment
    for lo, hi, n in STRATA:
        pool = [p for p, (j, c) in measured.items() if lo <= j < hi]
        take(pool, n, "jaccard", f"{lo:.1f}-{min(hi, 1.0):.1f}")
    contain = []
    for p, (j, c) in measured.items():
        la, lb = len(sets[p[0]]), len(sets[p[1]])
        if c >= 0.6 and j < 0.5 and max(la, lb) >= 2 * min(la, lb) and min(la, lb) >= 30:
            contain.append(p)
    take(contain, N_CONTAIN, "jaccard", "contain")

    # (c) hard-negative candidates: same or next day, same place and conflict word in both openings
    lead = []
    for i, ws in enumerate(word_lists):
        head = words(docs[i].get("title") or "") + ws[:60]
        pl = places_in(head)
        lead.append(pl if pl and conflict_in(head) else set())
    by_place = defaultdict(list)
    for i, pl in enumerate(lead):
        for p in pl:
            by_place[p].append(i)
    conflict_pool = set()
    for place, members in sorted(by_place.items()):
        members.sort(key=lambda i: docs[i]["date"])
        for x in range(len(members)):
            a = members[x]
            for y in range(x + 1, len(members)):
                b = members[y]
                if day_gap(docs[a]["date"], docs[b]["date"]) > 1:
                    break
                p = key(a, b)
                if measured.get(p, (0, 0))[0] < 0.1:
                    conflict_pool.add(p)
    # keep the pairs closest in vocabulary (same event, written separately), not merely same place
    df = defaultdict(int)
    for ws in word_lists:
        for w in set(ws):
            df[w] += 1
    rare = len(docs) // 50
    content = [{w for w in ws if df[w] <= rare} for ws in word_lists]
    scored = []
    for a, b in sorted(conflict_pool):
        ca, cb = content[a], content[b]
        if ca and cb:
            scored.append((len(ca & cb) / min(len(ca), len(cb)), (a, b)))
    scored.sort(key=lambda t: (-t[0], t[1]))
    top = [p for _, p in scored[: 4 * N_CONFLICT]]
    take(top, N_CONFLICT, "conflict", "low")

    # (d) random pairs
    pool = []
    while len(pool) < N_RANDOM * 3:
        a, b = rng.randrange(len(docs)), rng.randrange(len(docs))
        if a != b:
            pool.append(key(a, b))
    take(pool, N_RANDOM, "random", "-", prefer_cross=False)

    # (e) headline pairs: same or next day, different sources, headlines sharing three or more
    # rarer words, bodies below 0.3 Jaccard (separate reports of one event, or heavy rewrites)
    title_words = [{w for w in words(d.get("title") or "") if len(w) >= 3 and df[w] <= rare}
                   for d in docs]
    by_word = defaultdict(list)
    for i, ws in enumerate(title_words):
        for w in ws:
            by_word[w].append(i)
    shared_title = defaultdict(int)
    for w in sorted(by_word):
        members = by_word[w]
        if len(members) > 60:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared_title[key(members[x], members[y])] += 1
    headline_pool = []
    for (a, b), n in sorted(shared_title.items()):
        if n < 3 or docs[a]["source"] == docs[b]["source"]:
            continue
        if min(len(word_lists[a]), len(word_lists[b])) < 30:   # caption-only bodies
            continue
        if day_gap(docs[a]["date"], docs[b]["date"]) > 1:
            continue
        if measured.get((a, b), (0, 0))[0] < 0.3:
            headline_pool.append((a, b))
    take(headline_pool, N_HEADLINE, "headline", "low")

    rows = []
    for (a, b), (gen, stratum) in chosen.items():
        sa, sb = sets[a], sets[b]
        if (a, b) in measured:
            j, c = measured[(a, b)]
        else:
            inter = len(sa & sb)
            j = inter / max(1, len(sa) + len(sb) - inter)
            c = inter / max(1, min(len(sa), len(sb)))
        da, db = docs[a], docs[b]
        ida, idb = da["id"], db["id"]
        if idb < ida:
            ida, idb, da, db, wa, wb = idb, ida, db, da, len(word_lists[b]), len(word_lists[a])
        else:
            wa, wb = len(word_lists[a]), len(word_lists[b])
        rows.append((ida, idb, gen, stratum, f"{j:.3f}", f"{c:.3f}", str(wa), str(wb),
                     da["source"], db["source"], da["date"], db["date"]))
    order = {"opening": 0, "jaccard": 1, "conflict": 2, "random": 3, "headline": 4}
    rows.sort(key=lambda r: (order[r[2]], r[3], r[0], r[1]))
    return rows


def paragraphs(body):
    return [p.strip() for p in re.split(r"\n\s*\n|\n", body or "") if p.strip()]


def excerpt(text, n):
    ws = text.split()
    return " ".join(ws[:n]) + (" …" if len(ws) > n else "")


def _grams(text):
    ws = words(text)
    return {tuple(ws[i:i + 3]) for i in range(len(ws) - 2)}


def show(docs, ida, idb, brief, mark=False, out=sys.stdout):
    """Print two reports one after the other, paragraph by paragraph.

    brief: long texts show only the opening, middle and closing paragraphs (or, for a text in one
    long paragraph, its first, middle and last words). mark: prefix each paragraph with the share
    of its word 3-grams found anywhere in the other report, as a guide for where to look.
    """
    by_id = {d["id"]: d for d in docs}
    pair = [by_id.get(ida), by_id.get(idb)]
    for n, (tag, i) in enumerate((("A", ida), ("B", idb))):
        d = pair[n]
        if d is None:
            print(f"== {tag}: {i} not found", file=out)
            continue
        other = pair[1 - n]
        other_grams = _grams(other.get("body") or "") if (mark and other) else None
        paras = paragraphs(d.get("body"))
        sizes = [len(p.split()) for p in paras]
        print(f"== {tag} {d['id']}  {d['source']}  {d['date']}  {sum(sizes)} words in "
              f"{len(paras)} paragraphs ({' '.join(map(str, sizes))})", file=out)
        print(f"   title: {d.get('title') or '-'}", file=out)

        def line(k, text):
            tag_ = f"{k + 1:2d}"
            if other_grams is not None:
                g = _grams(paras[k])
                tag_ += f" [{len(g & other_grams) / max(1, len(g)):.2f}]"
            print(f"   {tag_}| {text}", file=out)

        if brief and sum(sizes) > 220 and len(paras) < 4:
            ws = " ".join(paras).split()
            m = len(ws) // 2
            print(f"   {' '.join(ws[:60])} […] {' '.join(ws[m - 20:m + 20])} […] "
                  f"{' '.join(ws[-50:])}", file=out)
        elif brief and sum(sizes) > 220:
            mid = len(paras) // 2
            last = -1
            for k in sorted({0, 1, mid, len(paras) - 1}):
                if k != last + 1:
                    print("   [...]", file=out)
                text = paras[k]
                if k == len(paras) - 1 and sizes[k] > 55:
                    text = "… " + " ".join(text.split()[-55:])
                else:
                    text = excerpt(text, 55)
                line(k, text)
                last = k
        else:
            for k, p in enumerate(paras):
                line(k, p)
        print(file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    ap.add_argument("--show", nargs=2, metavar=("A", "B"), help="print two reports for reading")
    ap.add_argument("--brief", action="store_true", help="with --show: opening, middle and end")
    ap.add_argument("--mark", action="store_true",
                    help="with --show: share of each paragraph's 3-grams found in the other report")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    try:
        docs = load(args.corpus)
    except FileNotFoundError:
        print(f"SKIP: corpus not found at {args.corpus}", file=sys.stderr)
        return 77
    if args.show:
        show(docs, args.show[0], args.show[1], args.brief, args.mark)
        return 0
    rows = propose(docs, args.seed)
    print("a\tb\tgenerator\tstratum\tjaccard\tcontainment\twords_a\twords_b"
          "\tsource_a\tsource_b\tdate_a\tdate_b")
    for r in rows:
        print("\t".join(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure the places stage on gold toponyms (e.g. ``../shared/eval/geo/lgl.jsonl``).

Usage: ``python scripts/eval_places.py PATH.jsonl [--limit N] [--errors N]``

Metrics follow ``shared/eval/README.md``: a predicted place matches a gold toponym
when their spans overlap (one-to-one, greedy in text order); recognition P/R/F1 over
gold toponyms that carry coordinates (a prediction that overlaps only a gold toponym
without coordinates counts neither way); on matched pairs the great-circle error:
acc@161, AUC (mean of ln(err+1)/ln(20039)) and the median. A matched mention left
unresolved counts as the maximal error (20,039 km). Also reports the stage's time
against spaCy's ``nlp.pipe`` on the same texts. Reads the data in place; copies nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter

from dateline.models import Article
from dateline.pipeline import create_stage
from dateline.places.resolve import _haversine_km

MAX_KM = 20039.0


def _match(gold: list[dict], pred: list) -> list[tuple[dict, object]]:
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda g: g["start"]):
        for i, p in enumerate(pred):
            if i not in used and p.start < g["end"] and g["start"] < p.end:
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent wrong resolutions")
    ap.add_argument("--missed", type=int, default=0, help="print the N most frequent missed / spurious names")
    args = ap.parse_args(argv)

    with open(args.path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        rows = rows[: args.limit]

    nlp = create_stage("nlp")
    places = create_stage("places")
    articles = [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    t0 = time.perf_counter()
    articles = list(nlp.pipe(articles))
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    articles = [places(a) for a in articles]
    t_places = time.perf_counter() - t0

    tp = fp = fn = 0
    errors: list[float] = []
    wrong: Counter = Counter()
    missed: Counter = Counter()
    spurious: Counter = Counter()
    for row, art in zip(rows, articles):
        gold_all = row.get("places", [])
        gold = [g for g in gold_all if g.get("lat") is not None]
        pairs = _match(gold, art.places)
        matched_pred = {id(p) for _, p in pairs}
        matched_gold = {id(g) for g, _ in pairs}
        tp += len(pairs)
        fn += len(gold) - len(pairs)
        missed.update(g["text"] for g in gold if id(g) not in matched_gold)
        for p in art.places:
            if id(p) in matched_pred:
                continue
            if any(p.start < g["end"] and g["start"] < p.end for g in gold_all):
                continue  # overlaps a gold toponym without coordinates
            fp += 1
            spurious[p.text] += 1
        for g, p in pairs:
            err = MAX_KM if p.lat is None else _haversine_km(g["lat"], g["lon"], p.lat, p.lon)
            errors.append(err)
            if err > 161:
                wrong[(g["text"], p.name, p.country_code, p.feature)] += 1

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    acc = sum(e <= 161 for e in errors) / len(errors) if errors else 0.0
    auc = statistics.fmean(math.log(e + 1) / math.log(MAX_KM) for e in errors) if errors else 0.0
    print(f"articles {len(rows)}  gold {tp + fn}  predicted {tp + fp}")
    print(f"recognition P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    print(f"resolution  acc@161 {acc:.3f}  AUC {auc:.3f}  median {statistics.median(errors):.0f} km  (n={len(errors)})")
    print(f"time: spaCy {t_nlp:.1f} s, places {t_places:.2f} s ({100 * t_places / t_nlp:.1f}% of spaCy)")
    for (text, name, cc, feat), n in wrong.most_common(args.errors):
        print(f"  wrong {n:3d}  {text!r} -> {name} ({cc}, {feat})")
    for text, n in missed.most_common(args.missed):
        print(f"  missed {n:3d}  {text!r}")
    for text, n in spurious.most_common(args.missed):
        print(f"  spurious {n:3d}  {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Measure the events stage on PLV gold sentences (``../shared/eval/events/plv-train.jsonl``).

Metrics as defined in ``shared/eval/README.md``: **type accuracy** (per sentence, the top predicted event's
type equals a gold type; CONCEDE and RETREAT count as YIELD; a sentence with no prediction counts as wrong)
and **tuple recall** (a gold event is found when some predicted event has its type and overlapping source
and target spans, where gold gives them). Measuring only: nothing here feeds the shipped lexicon.

Run: ``.venv/bin/python scripts/eval_events.py [--limit N]``
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dateline.models import Article
from dateline.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "events" / "plv-train.jsonl"
_YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def _overlap(span, arg) -> bool:
    if not span:
        return True
    return arg is not None and arg.start < span[1] and span[0] < arg.end


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.path.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    pipe = Pipeline.create(("nlp", "events"))
    articles = (Article(id=r["id"], text=r["text"]) for r in rows)
    correct = covered = gold_n = found = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for row, art in zip(rows, pipe.pipe(articles), strict=True):
        gold_types = {e["type"] for e in row["events"]}
        preds = sorted(art.events, key=lambda e: (-e.confidence, e.hypothetical, e.negated))
        top = _YIELD.get(preds[0].type, preds[0].type) if preds else "NONE"
        covered += bool(preds)
        correct += top in gold_types
        confusion[(sorted(gold_types)[0], top)] += 1
        for g in row["events"]:
            gold_n += 1
            found += any(
                _YIELD.get(p.type, p.type) == g["type"]
                and _overlap(g.get("source_span"), p.source)
                and _overlap(g.get("target_span"), p.target)
                for p in preds
            )
    n = len(rows)
    print(f"sentences {n}; with a prediction {covered} ({covered / n:.2f})")
    print(f"type accuracy {correct / n:.3f} (over sentences with a prediction: {correct / max(covered, 1):.3f})")
    print(f"tuple recall {found / max(gold_n, 1):.3f} over {gold_n} gold events")
    print("most common (gold, predicted) confusions:")
    for (g, p), c in confusion.most_common(15):
        print(f"  {g:10} -> {p:10} {c}")


if __name__ == "__main__":
    main()

"""Measure the times stage: TempEval-3 style F1 on gold TIMEX3 data, and its cost vs spaCy.

Usage::

    .venv/bin/python scripts/eval_times.py --gold ../shared/eval/time/tbaq.jsonl
    .venv/bin/python scripts/eval_times.py --speed ../shared/eval/geo/lgl.jsonl

Metrics (definitions from ``shared/eval/README.md``): strict F1 (exact span), relaxed F1
(overlapping spans, matched one-to-one greedily), and value F1: a relaxed match counts
only when the TIMEX3 value is equal too (precision over all predictions, recall over
all gold expressions). Gold data is read from outside the repository, never copied in.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from dateline.models import Article
from dateline.nlp import load_model
from dateline.pipeline import create_stage


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _match(pred: list, gold: list[dict]) -> list[tuple[object, dict]]:
    """One-to-one greedy matching of overlapping spans, largest overlap first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            overlap = min(p.end, g["end"]) - max(p.start, g["start"])
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((pred[i], gold[j]))
    return out


def evaluate(path: Path, show_errors: int = 0) -> dict[str, float]:
    """Run nlp + times over a gold JSONL file and score it."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    nlp = create_stage("nlp")
    times = create_stage("times")
    articles = (Article(id=r["id"], text=r["text"], published=r.get("published")) for r in records)
    n_pred = n_gold = strict = relaxed = value_ok = type_ok = 0
    errors: Counter[tuple[str, str | None, str | None]] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for record, article in zip(records, times.pipe(nlp.pipe(articles))):
        gold = record["times"]
        pred = article.times
        n_pred += len(pred)
        n_gold += len(gold)
        pairs = _match(pred, gold)
        relaxed += len(pairs)
        matched_g = {id(g) for _, g in pairs}
        matched_p = {id(p) for p, _ in pairs}
        for p, g in pairs:
            strict += p.start == g["start"] and p.end == g["end"]
            value_ok += p.value == g["value"]
            type_ok += p.type == g["type"]
            if p.value != g["value"]:
                errors[(g["text"].lower(), g["value"], p.value)] += 1
        missed.update(g["text"].lower() for g in gold if id(g) not in matched_g)
        spurious.update(p.text.lower() for p in pred if id(p) not in matched_p)
    result = {}
    for name, correct in (("strict", strict), ("relaxed", relaxed), ("value", value_ok), ("type", type_ok)):
        p = correct / n_pred if n_pred else 0.0
        r = correct / n_gold if n_gold else 0.0
        result[f"{name}_p"], result[f"{name}_r"], result[f"{name}_f1"] = p, r, _f1(p, r)
    result["n_gold"], result["n_pred"] = n_gold, n_pred
    if show_errors:
        print("wrong values:", errors.most_common(show_errors))
        print("missed:", missed.most_common(show_errors))
        print("spurious:", spurious.most_common(show_errors))
    return result


def speed(path: Path, repeats: int = 3) -> dict[str, float]:
    """Seconds per article for spaCy ``nlp.pipe`` and for the times stage on its output."""
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    nlp = load_model()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - t0
    stage = create_stage("times")
    articles = []
    for text, doc in zip(texts, docs):
        article = Article(id="a", text=text, published="2015-05-20")
        article.doc = doc
        articles.append(article)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for article in articles:
            stage(article)
        best = min(best, time.perf_counter() - t0)
    n = len(texts)
    return {"articles": n, "spacy_ms_per_article": 1000 * spacy_s / n, "times_ms_per_article": 1000 * best / n,
            "times_share_of_spacy": best / spacy_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, help="JSONL with a 'times' key (e.g. shared/eval/time/tbaq.jsonl)")
    parser.add_argument("--speed", type=Path, help="JSONL with a 'text' key (e.g. shared/eval/geo/lgl.jsonl)")
    parser.add_argument("--errors", type=int, default=0, help="show the N most common errors")
    args = parser.parse_args()
    if args.gold:
        print(json.dumps(evaluate(args.gold, args.errors), indent=2))
    if args.speed:
        print(json.dumps(speed(args.speed), indent=2))


if __name__ == "__main__":
    main()

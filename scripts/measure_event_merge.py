#!/usr/bin/env python3
"""Measure :func:`dateline.events_merge.merge_events` on a corpus with repeated reporting (measuring only).

The corpus: analysed articles (e.g. the 588 LGL texts, as ``dateline analyze lgl.jsonl -f jsonl`` wrote them)
plus re-reports of a seeded sample of them, made here and analysed with the full pipeline:

- **wire**: the article republished verbatim by another outlet the same day (syndication);
- **brief**: its first two sentences published by another outlet the next day (so relative dates such as
  "yesterday" resolve one day later, as they would).

Gold: an event of a re-report and the event of its original with the same type, trigger word and sentence text
are one event. Reported: **pair recall** (share of those gold pairs that end in the same merged record) and the
cross-article pairs merged that are not gold pairs, with a sample printed to judge by hand (some may be true:
distinct local papers sometimes cover the same story).

Run: ``.venv/bin/python scripts/measure_event_merge.py ANALYSED.jsonl INPUTS.jsonl [--n 100]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import time
from datetime import date, timedelta
from pathlib import Path

import msgspec

from dateline import Article, Pipeline
from dateline.events_merge import merge_events

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("analysed", type=Path, help="JSONL of analysed articles (dateline analyze -f jsonl)")
    ap.add_argument("inputs", type=Path, help="the input JSONL they came from (for the texts to re-report)")
    ap.add_argument("--n", type=int, default=100, help="articles to re-report")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample", type=int, default=15, help="non-gold merges to print")
    args = ap.parse_args()

    originals = [msgspec.convert(json.loads(line), Article) for line in args.analysed.open(encoding="utf-8")]
    by_id = {a.id: a for a in originals}
    inputs = {r["id"]: r for r in map(json.loads, args.inputs.open(encoding="utf-8")) if r["id"] in by_id}
    rng = random.Random(args.seed)
    chosen = rng.sample(sorted(i for i in inputs if by_id[i].events), args.n)
    copies: list[Article] = []
    for k, aid in enumerate(chosen):
        rec = inputs[aid]
        if k % 2 == 0:
            copies.append(Article(id=aid + "/wire", text=rec["text"], published=rec.get("published"), source="wire"))
        else:
            brief = " ".join(_SENT.split(rec["text"])[:2])
            pub = rec.get("published")
            nxt = (date.fromisoformat(pub) + timedelta(days=1)).isoformat() if pub else None
            copies.append(Article(id=aid + "/brief", text=brief, published=nxt, source="brief"))
    t0 = time.perf_counter()
    copies = list(Pipeline.create().pipe(copies))
    print(f"analysed {len(copies)} re-reports in {time.perf_counter() - t0:.0f} s")

    gold: set[frozenset[tuple[str, int]]] = set()
    for c in copies:
        o = by_id[c.id.split("/")[0]]
        for i, e in enumerate(c.events):
            stext = c.text[e.sentence[0] : e.sentence[1]]
            for j, f in enumerate(o.events):
                if (f.type, f.trigger.text if f.trigger else None) == (
                    e.type,
                    e.trigger.text if e.trigger else None,
                ) and (o.text[f.sentence[0] : f.sentence[1]] == stext):
                    gold.add(frozenset({(c.id, i), (o.id, j)}))
                    break

    corpus = originals + copies
    t0 = time.perf_counter()
    merged = merge_events(corpus)
    took = time.perf_counter() - t0
    n_events = sum(len(a.events) for a in corpus)
    print(f"{len(corpus)} articles, {n_events} events -> {len(merged)} merged records in {took:.2f} s")
    group = {(m.article, m.event): g for g, rec in enumerate(merged) for m in rec.mentions}
    found = sum(1 for p in gold if len({group[x] for x in p}) == 1)
    print(f"gold re-report pairs: {len(gold)}; merged together: {found} (pair recall {found / max(len(gold), 1):.3f})")
    for kind in ("wire", "brief"):
        pairs = [p for p in gold if any(x[0].endswith("/" + kind) for x in p)]
        ok = sum(1 for p in pairs if len({group[x] for x in p}) == 1)
        print(f"  {kind}: {len(pairs)} pairs, pair recall {ok / max(len(pairs), 1):.3f}")

    cross, non_gold, same_article = 0, [], 0
    for rec in merged:
        for x, y in itertools.combinations(rec.mentions, 2):
            if x.article == y.article:
                same_article += 1
                continue
            cross += 1
            pair = frozenset({(x.article, x.event), (y.article, y.event)})
            base = {x.article.split("/")[0], y.article.split("/")[0]}
            if pair not in gold and len(base) == 2:
                non_gold.append((rec, x, y))
    print(f"cross-article pairs merged: {cross}; between different original stories (not gold): {len(non_gold)}")
    print(f"same-article pairs merged (one event told twice in an article, or wrongly joined): {same_article}")
    texts = {a.id: a.text for a in corpus}
    for rec, x, y in rng.sample(non_gold, min(args.sample, len(non_gold))):
        print(f"\n{rec.type} source={rec.source!r} target={rec.target!r} place={rec.place!r} {rec.date_start}")
        for m in (x, y):
            print(f"  [{m.article}] {m.date} {texts[m.article][m.sentence[0] : m.sentence[1]][:160]!r}")


if __name__ == "__main__":
    main()

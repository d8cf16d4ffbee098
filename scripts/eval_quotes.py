"""Measure the quotes stage on gold attributions (PolNeAR JSONL, see ../shared/eval/README.md).

Metrics (README definitions): a predicted quote matches a gold one when it covers more
than 30% (also 80%) of the gold content's characters. Precision: share of predicted
quotes matching any gold attribution (direct or not); recall: share of gold direct
quotes matched; F1 of the two; recall over all gold attributions. Matching is not
one-to-one: the two halves of a split quote (“...,” he said. “...”) may both match
the one gold span. Speaker accuracy, on matched gold direct quotes with a gold speaker:
the best-covering prediction's speaker mention overlaps the gold speaker span, or the
last word of its canonical speaker name occurs in the gold speaker text.

    .venv/bin/python scripts/eval_quotes.py [--data PATH] [--stages nlp,actors,quotes] [--merge-split]
    .venv/bin/python scripts/eval_quotes.py --timing ../shared/eval/geo/lgl.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from dateline.models import Article
from dateline.pipeline import Pipeline

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / "polnear-dev.jsonl"


def coverage(pred, gold) -> float:
    overlap = min(pred.end, gold["end"]) - max(pred.start, gold["start"])
    return max(0, overlap) / max(1, gold["end"] - gold["start"])


def speaker_ok(pred, gold) -> bool:
    if pred.speaker_start is not None and pred.speaker_start < gold["speaker_end"] and gold["speaker_start"] < pred.speaker_end:
        return True
    return bool(pred.speaker) and pred.speaker.split()[-1].lower() in gold["speaker"].lower()


def evaluate(rows, articles, threshold: float, direct_only: bool) -> dict[str, float]:
    n_pred = n_pred_ok = n_direct = n_direct_hit = n_all = n_all_hit = n_spk = n_spk_ok = 0
    for row, art in zip(rows, articles):
        golds = row["quotes"]
        preds = [q for q in art.quotes if q.direct or not direct_only]
        n_pred += len(preds)
        n_pred_ok += sum(any(coverage(p, g) > threshold for g in golds) for p in preds)
        for g in golds:
            best = max(preds, key=lambda p: coverage(p, g), default=None)
            hit = best is not None and coverage(best, g) > threshold
            n_all += 1
            n_all_hit += hit
            if g["direct"]:
                n_direct += 1
                n_direct_hit += hit
                if hit and g.get("speaker") and g.get("speaker_start") is not None:
                    n_spk += 1
                    n_spk_ok += speaker_ok(best, g)
    p = n_pred_ok / max(1, n_pred)
    r = n_direct_hit / max(1, n_direct)
    return {"predicted": n_pred, "P": p, "R_direct": r, "F1": 2 * p * r / max(1e-9, p + r),
            "R_all": n_all_hit / max(1, n_all), "speaker_acc": n_spk_ok / max(1, n_spk), "speaker_n": n_spk}


def merge_split(quotes):
    """PolNeAR's convention for a split quote: one span from the first part to the last,
    attribution included. Joins consecutive direct quotes with the same speaker mention
    less than 300 characters apart."""
    out = []
    for q in sorted(quotes, key=lambda q: q.start):
        prev = out[-1] if out else None
        if (prev is not None and q.direct and prev.direct and q.speaker_start is not None
                and (q.speaker_start, q.speaker_end) == (prev.speaker_start, prev.speaker_end) and q.start - prev.end < 300):
            out[-1] = replace(prev, end=max(prev.end, q.end))
        else:
            out.append(q)
    return out


def timing(path: Path, stages: list[str]) -> None:
    """Seconds for spaCy alone vs the quotes stage alone over the texts of ``path``."""
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    pipe = Pipeline.create(stages, keep_doc=True)
    quotes = pipe.get("quotes")
    t0 = time.perf_counter()
    articles = list(Pipeline(pipe.stages[:-1], keep_doc=True).pipe(Article(id=str(i), text=t) for i, t in enumerate(texts)))
    t1 = time.perf_counter()
    for art in articles:
        quotes(art)
    t2 = time.perf_counter()
    n = len(texts)
    print(f"{n} texts: stages before quotes {t1 - t0:.2f}s; quotes {t2 - t1:.3f}s "
          f"({1000 * (t2 - t1) / n:.2f} ms/article, {100 * (t2 - t1) / (t1 - t0):.1f}% of the rest)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--stages", default="nlp,quotes")
    ap.add_argument("--merge-split", action="store_true", help="score split quotes as one span (PolNeAR convention)")
    ap.add_argument("--timing", type=Path, help="time the stage on the texts of this JSONL file instead")
    args = ap.parse_args()
    stages = args.stages.split(",")
    if args.timing:
        timing(args.timing, stages)
        return
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    pipe = Pipeline.create(stages)
    articles = list(pipe.pipe(Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows))
    if args.merge_split:
        for art in articles:
            art.quotes = merge_split(art.quotes)
    for threshold in (0.3, 0.8):
        for direct_only in (True, False):
            m = evaluate(rows, articles, threshold, direct_only)
            label = "direct predictions" if direct_only else "all predictions   "
            print(f">{threshold:.0%} {label} n={m['predicted']:4d} P={m['P']:.3f} R(direct)={m['R_direct']:.3f} "
                  f"F1={m['F1']:.3f} R(all)={m['R_all']:.3f} speaker={m['speaker_acc']:.3f} (n={m['speaker_n']})")


if __name__ == "__main__":
    main()

"""``dateline eval quotes FILE.jsonl``: score quotes and their speakers against gold attributions.

Metrics (the definitions of the evaluation data's README, the Gender Gap Tracker convention):

* A predicted quote **matches** a gold attribution when it covers more than 30% (also
  reported: 80%) of the gold content's characters. Matching is not one-to-one.
* **Direct**: precision = share of predicted direct quotes that match any gold attribution
  (direct or not: PolNeAR marks a quote "mixed" when a cue sits inside it); recall = share of
  gold direct quotes matched by a predicted direct quote; F1 of the two.
* **All**: the same over every prediction (reported speech too); recall over all gold
  attributions.
* **Speaker accuracy**, on matched gold direct quotes with a gold speaker: the best-covering
  prediction's speaker mention overlaps the gold speaker span, or the last word of its
  canonical speaker name occurs in the gold speaker text. Also broken down by the kind of
  gold speaker mention (a name, a pronoun, a description such as "the spokesman"), which
  measures speaker coreference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import click

from ..models import Article, Quote

DEFAULT_STAGES = ("structure", "nlp", "actors", "quotes")
THRESHOLDS = (0.3, 0.8)
_PRONOUNS = frozenset("he she they it we i you him her them his its their".split())


def coverage(pred: Quote, gold: dict[str, Any]) -> float:
    """Share of the gold content's characters that ``pred`` covers."""
    overlap = min(pred.end, gold["end"]) - max(pred.start, gold["start"])
    return max(0, overlap) / max(1, gold["end"] - gold["start"])


def speaker_kind(text: str) -> str:
    """"pronoun", "description" or "name": what kind of mention a gold speaker span is."""
    words = text.split()
    if not words:
        return "name"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    # A name has a capitalised word beyond an opening determiner ("the Pentagon" is a name,
    # "the spokesman" and "officials" are descriptions).
    rest = words[1:] if words[0].lower() in ("the", "a", "an") else words
    return "name" if any(w[:1].isupper() for w in rest) else "description"


def speaker_ok(pred: Quote, gold: dict[str, Any]) -> bool:
    """The predicted speaker mention overlaps the gold one, or the canonical name's last word is in it."""
    if (
        pred.speaker_start is not None
        and pred.speaker_end is not None
        and pred.speaker_start < gold["speaker_end"]
        and gold["speaker_start"] < pred.speaker_end
    ):
        return True
    return bool(pred.speaker) and pred.speaker.split()[-1].lower() in gold["speaker"].lower()


@dataclass
class _Counts:
    predicted: int = 0
    predicted_ok: int = 0
    gold: int = 0
    gold_hit: int = 0

    def scores(self) -> dict[str, float]:
        p = self.predicted_ok / self.predicted if self.predicted else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass
class QuoteScores:
    """Counts at one coverage threshold; :meth:`as_dict` gives the metrics."""

    threshold: float
    direct: _Counts = field(default_factory=_Counts)  # direct predictions vs gold direct quotes
    all: _Counts = field(default_factory=_Counts)  # every prediction vs every gold attribution
    speaker: dict[str, list[int]] = field(default_factory=dict)  # kind -> [correct, total]

    def as_dict(self) -> dict[str, Any]:
        direct, every = self.direct.scores(), self.all.scores()
        ok = sum(c for c, _ in self.speaker.values())
        n = sum(t for _, t in self.speaker.values())
        return {
            "coverage": self.threshold,
            "direct": {**direct, "predicted": self.direct.predicted, "gold": self.direct.gold},
            "all": {**every, "predicted": self.all.predicted, "gold": self.all.gold},
            "speaker_accuracy": ok / n if n else 0.0,
            "speaker_n": n,
            "speaker_by_kind": {k: {"accuracy": c / t if t else 0.0, "n": t} for k, (c, t) in sorted(self.speaker.items())},
        }


def score_article(
    golds: Sequence[dict[str, Any]], preds: Sequence[Quote], scores: QuoteScores, errors: list[dict[str, Any]] | None = None
) -> None:
    """Add one article's counts to ``scores``; append per-quote errors to ``errors`` when given."""
    t = scores.threshold
    direct_preds = [p for p in preds if p.direct]
    for counts, subset in ((scores.direct, direct_preds), (scores.all, preds)):
        counts.predicted += len(subset)
        for p in subset:
            hit = any(coverage(p, g) > t for g in golds)
            counts.predicted_ok += hit
            if not hit and errors is not None and subset is preds:
                errors.append({"error": "spurious", "direct": p.direct, "pred": _pred_row(p)})
    for g in golds:
        best_all = max(preds, key=lambda p: coverage(p, g), default=None)
        hit_all = best_all is not None and coverage(best_all, g) > t
        scores.all.gold += 1
        scores.all.gold_hit += hit_all
        if not g.get("direct"):
            if not hit_all and errors is not None:
                errors.append(_gold_error("missed", g, best_all))
            continue
        best = max(direct_preds, key=lambda p: coverage(p, g), default=None)
        hit = best is not None and coverage(best, g) > t
        scores.direct.gold += 1
        scores.direct.gold_hit += hit
        if not hit:
            if errors is not None:
                errors.append(_gold_error("missed", g, best))
            continue
        if g.get("speaker") and g.get("speaker_start") is not None:
            kind = speaker_kind(g["speaker"])
            tally = scores.speaker.setdefault(kind, [0, 0])
            ok = speaker_ok(best, g)
            tally[0] += ok
            tally[1] += 1
            if not ok and errors is not None:
                errors.append({**_gold_error("speaker", g, best), "speaker_kind": kind})


def _pred_row(p: Quote) -> dict[str, Any]:
    return {
        "start": p.start, "end": p.end, "text": p.text, "cue": p.cue, "speaker": p.speaker,
        "speaker_start": p.speaker_start, "speaker_end": p.speaker_end,
    }


def _gold_error(kind: str, g: dict[str, Any], best: Quote | None) -> dict[str, Any]:
    gold = {k: g.get(k) for k in ("start", "end", "text", "cue", "speaker", "speaker_start", "speaker_end")}
    row: dict[str, Any] = {"error": kind, "direct": bool(g.get("direct")), "gold": gold, "pred": None}
    if best is not None and coverage(best, g) > 0:
        row["pred"] = {**_pred_row(best), "coverage": round(coverage(best, g), 3)}
    return row


def evaluate(
    pairs: Iterable[tuple[dict[str, Any], Article]], thresholds: Sequence[float] = THRESHOLDS,
    errors: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Metrics at each coverage threshold over (gold record, analysed article) pairs. Errors, when
    a list is given, are those at the first (loosest) threshold, plus "partial" matches that fail
    the strictest one, each with the article ``id``."""
    all_scores = [QuoteScores(t) for t in thresholds]
    for record, article in pairs:
        golds = record.get("quotes")
        if golds is None:
            continue  # the record does not annotate quotes
        article_errors: list[dict[str, Any]] | None = [] if errors is not None else None
        for i, scores in enumerate(all_scores):
            score_article(golds, article.quotes, scores, article_errors if i == 0 else None)
        if errors is not None and article_errors is not None:
            if len(thresholds) > 1:
                strict = max(thresholds)
                for g in golds:
                    preds = [p for p in article.quotes if p.direct or not g.get("direct")]
                    best = max(preds, key=lambda p: coverage(p, g), default=None)
                    if best is not None and min(thresholds) < coverage(best, g) <= strict:
                        article_errors.append(_gold_error("partial", g, best))
            errors.extend({"id": record.get("id"), **e} for e in article_errors)
    return [s.as_dict() for s in all_scores]


def format_report(results: Sequence[dict[str, Any]], n_articles: int) -> str:
    """The metrics as a small plain-text table."""
    lines = [f"{n_articles} articles"]
    for r in results:
        d, a = r["direct"], r["all"]
        kinds = ", ".join(f"{k} {v['accuracy']:.3f} (n={v['n']})" for k, v in r["speaker_by_kind"].items())
        lines += [
            f"coverage > {r['coverage']:.0%}",
            f"  direct  P {d['P']:.3f}  R {d['R']:.3f}  F1 {d['F1']:.3f}  (predicted {d['predicted']}, gold {d['gold']})",
            f"  all     P {a['P']:.3f}  R {a['R']:.3f}  F1 {a['F1']:.3f}  (predicted {a['predicted']}, gold {a['gold']})",
            f"  speaker accuracy {r['speaker_accuracy']:.3f} (n={r['speaker_n']}): {kinds}",
        ]
    return "\n".join(lines)


@click.command("quotes")
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write per-quote errors (missed, partial, spurious, wrong speaker) as JSONL here.")
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Stages to run.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def command(gold_file: str, limit: int | None, errors_path: str | None, stages: str, as_json: bool) -> None:
    """Score quotes and speakers against GOLD_FILE (JSONL with a "quotes" list per article).

    A prediction matches a gold quote when it covers more than 30% (and 80%) of its characters.
    """
    import json

    from . import analyze_gold, read_gold, write_jsonl

    records = read_gold(gold_file, limit=limit)
    errors: list[dict[str, Any]] | None = [] if errors_path else None
    results = evaluate(analyze_gold(records, stages.split(",")), errors=errors)
    n = sum(1 for r in records if r.get("quotes") is not None)
    click.echo(json.dumps({"articles": n, "results": results}, indent=2) if as_json else format_report(results, n))
    if errors_path and errors is not None:
        count = write_jsonl(errors_path, errors)
        click.echo(f"{count} errors written to {errors_path}", err=True)

"""``dateline eval times FILE.jsonl``: TempEval-3 style scores for the times stage.

Metrics (the definitions of the evaluation data's README, so figures compare with published
ones such as HeidelTime's):

* **relaxed** span P/R/F1: a prediction matches a gold expression when their spans overlap
  (one-to-one, greedy, largest overlap first);
* **strict** span P/R/F1: a matched pair whose spans are identical;
* **value** P/R/F1: a matched pair whose TIMEX3 values are equal too (precision over all
  predictions, recall over all gold expressions), and **value accuracy** on matched pairs;
* **type** accuracy on matched pairs, and relaxed and value F1 **per type** (DATE, TIME,
  DURATION, SET): recall over the gold expressions of that type, precision over the
  predictions of that type.

The scoring functions (:func:`match`, :func:`score`, :func:`errors`) are pure and take gold
dicts and predicted :class:`~dateline.models.Time` records, so they are tested without spaCy.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click

from ..models import Time
from . import SPLITS, analyze_gold, in_split, read_gold, write_jsonl

__all__ = ["TYPES", "command", "errors", "match", "score", "speed"]

TYPES = ("DATE", "TIME", "DURATION", "SET")
STAGES = ("structure", "nlp", "times")


def match(pred: Sequence[Time], gold: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """Index pairs (prediction, gold) of overlapping spans, one-to-one, largest overlap first.

    An identical span always wins over a mere overlap of the same length, so a strict match
    is never lost to a neighbour.
    """
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            overlap = min(p.end, g["end"]) - max(p.start, g["start"])
            if overlap > 0:
                exact = p.start == g["start"] and p.end == g["end"]
                candidates.append((-overlap, not exact, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _prf(correct_p: int, n_pred: int, correct_r: int, n_gold: int) -> dict[str, float]:
    p = correct_p / n_pred if n_pred else 0.0
    r = correct_r / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(items: Iterable[tuple[Sequence[dict[str, Any]], Sequence[Time]]]) -> dict[str, Any]:
    """Scores over (gold expressions, predicted times) per article; see the module docstring."""
    n_articles = n_pred = n_gold = relaxed = strict = value_ok = type_ok = 0
    by_type: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for gold, pred in items:
        n_articles += 1
        n_pred += len(pred)
        n_gold += len(gold)
        for p in pred:
            by_type.setdefault(p.type, Counter())["n_pred"] += 1
        for g in gold:
            by_type.setdefault(g.get("type", "DATE"), Counter())["n_gold"] += 1
        for i, j in match(pred, gold):
            p, g = pred[i], gold[j]
            same_value = p.value == g.get("value")
            relaxed += 1
            strict += p.start == g["start"] and p.end == g["end"]
            value_ok += same_value
            type_ok += p.type == g.get("type")
            # a pair counts for the prediction's type in precision and the gold type in recall
            by_type[p.type]["relaxed_p"] += 1
            by_type[p.type]["value_p"] += same_value
            gold_type = g.get("type", "DATE")
            by_type[gold_type]["relaxed_r"] += 1
            by_type[gold_type]["value_r"] += same_value
    per_type = {
        t: {
            "n_gold": c["n_gold"],
            "n_pred": c["n_pred"],
            "relaxed": _prf(c["relaxed_p"], c["n_pred"], c["relaxed_r"], c["n_gold"]),
            "value": _prf(c["value_p"], c["n_pred"], c["value_r"], c["n_gold"]),
        }
        for t, c in by_type.items()
    }
    return {
        "articles": n_articles,
        "n_gold": n_gold,
        "n_pred": n_pred,
        "strict": _prf(strict, n_pred, strict, n_gold),
        "relaxed": _prf(relaxed, n_pred, relaxed, n_gold),
        "value": _prf(value_ok, n_pred, value_ok, n_gold),
        "value_accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "per_type": per_type,
    }


def errors(article_id: str, gold: Sequence[dict[str, Any]], pred: Sequence[Time]) -> Iterator[dict[str, Any]]:
    """Per-item errors of one article: ``missed``, ``spurious``, ``span``, ``value`` and ``type``.

    A matched pair can be wrong in several ways at once (span, value, type): it gives one row
    listing every way in ``kinds``, with ``kind`` the first of them.
    """
    pairs = match(pred, gold)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}

    def g_row(g: dict[str, Any]) -> dict[str, Any]:
        return {k: g.get(k) for k in ("start", "end", "text", "type", "value")}

    def p_row(p: Time) -> dict[str, Any]:
        return {"start": p.start, "end": p.end, "text": p.text, "type": p.type, "value": p.value}

    rows: list[dict[str, Any]] = []
    for i, j in pairs:
        p, g = pred[i], gold[j]
        kinds = []
        if (p.start, p.end) != (g["start"], g["end"]):
            kinds.append("span")
        if p.value != g.get("value"):
            kinds.append("value")
        if p.type != g.get("type"):
            kinds.append("type")
        if kinds:
            rows.append({"id": article_id, "kind": kinds[0], "kinds": kinds, "gold": g_row(g), "pred": p_row(p)})
    rows += [{"id": article_id, "kind": "missed", "kinds": ["missed"], "gold": g_row(g), "pred": None}
             for j, g in enumerate(gold) if j not in matched_g]
    rows += [{"id": article_id, "kind": "spurious", "kinds": ["spurious"], "gold": None, "pred": p_row(p)}
             for i, p in enumerate(pred) if i not in matched_p]
    rows.sort(key=lambda r: (r["gold"] or r["pred"])["start"])
    yield from rows


def speed(records: Sequence[dict[str, Any]], *, repeats: int = 3, batch_size: int = 32) -> dict[str, float]:
    """Seconds of the bare spaCy ``nlp.pipe`` vs the times stage (best of ``repeats``) on the same texts."""
    from ..models import Article
    from ..pipeline import create_stage

    articles = [Article(id=str(r.get("id", i)), text=r["text"], published=r.get("published")) for i, r in enumerate(records)]
    articles = list(create_stage("structure").pipe(articles))
    nlp = create_stage("nlp")
    t0 = time.perf_counter()
    articles = list(nlp.pipe(articles, batch_size=batch_size))
    spacy_s = time.perf_counter() - t0
    stage = create_stage("times")
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for article in articles:
            stage(article)
        best = min(best, time.perf_counter() - t0)
    return {"spacy_s": round(spacy_s, 3), "times_s": round(best, 4), "times_share_of_spacy": round(best / spacy_s, 4)}


def _report(result: dict[str, Any]) -> str:
    if "n_gold" not in result:
        return _speed_line(result["speed"])
    lines = [f"{result['articles']} articles, {result['n_gold']} gold expressions, {result['n_pred']} predicted", ""]
    lines.append(f"{'':16}{'P':>8}{'R':>8}{'F1':>8}")
    for name in ("strict", "relaxed", "value"):
        m = result[name]
        lines.append(f"{name + ' span' if name != 'value' else 'value':16}{m['p']:8.3f}{m['r']:8.3f}{m['f1']:8.3f}")
    lines.append(f"value accuracy on matched spans {result['value_accuracy']:.3f}; type accuracy {result['type_accuracy']:.3f}")
    lines += ["", f"{'type':10}{'gold':>6}{'pred':>6}{'relaxed F1':>12}{'value F1':>10}"]
    for t, m in result["per_type"].items():
        lines.append(f"{t:10}{m['n_gold']:6}{m['n_pred']:6}{m['relaxed']['f1']:12.3f}{m['value']['f1']:10.3f}")
    if "speed" in result:
        lines += ["", _speed_line(result["speed"])]
    return "\n".join(lines)


def _speed_line(s: dict[str, float]) -> str:
    return (f"{s['articles']} texts: spaCy {s['spacy_s']:.2f} s, times stage {s['times_s']:.3f} s "
            f"({100 * s['times_share_of_spacy']:.1f}% of spaCy)")


@click.command("times")
@click.argument("gold_file", metavar="FILE.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, writable=True), metavar="FILE.jsonl",
              help="Write per-item errors (missed, spurious, span, value, type) there as JSONL.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="Score a deterministic half of the articles: 'dev' (SHA-1 of the id even) for developing "
                   "rules and reading errors, 'test' (odd) held out for reporting.")
@click.option("--speed", "with_speed", is_flag=True,
              help="Also time the times stage against the spaCy stage on the same texts (all of them, annotated or not).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(
    gold_file: str, errors_file: str | None, limit: int | None, split: str, with_speed: bool, as_json: bool
) -> None:
    """Score temporal expressions against gold TIMEX3 annotations (the 'times' key of FILE.jsonl).

    Runs structure, nlp and times over each article with its 'published' date, then prints
    strict and relaxed span F1, value F1, value accuracy on matched spans and per-type scores.
    With --speed, any JSONL of texts will do (e.g. the LGL geo set) for the timing alone.
    """
    from ..errors import InputError

    try:
        records = read_gold(gold_file, limit=limit)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    records = [r for i, r in enumerate(records) if in_split(str(r.get("id", i)), split)]
    annotated = [r for r in records if "times" in r]
    if not annotated and not with_speed:
        raise click.ClickException(f"{gold_file}: no record has a 'times' key")
    result: dict[str, Any] = {}
    if annotated:
        items = []
        error_rows: list[dict[str, Any]] = []
        for record, article in analyze_gold(annotated, STAGES):
            items.append((record["times"], article.times))
            if errors_file:
                error_rows.extend(errors(article.id, record["times"], article.times))
        result = score(items)
    if with_speed:
        result["speed"] = speed(records)
        result["speed"]["articles"] = len(records)
    click.echo(json.dumps(result, indent=2) if as_json else _report(result))
    if errors_file and annotated:
        n = write_jsonl(errors_file, error_rows)
        click.echo(f"{n} errors written to {errors_file}", err=True)

"""``dateline eval events FILE``: score the events stage.

Three kinds of gold data, told apart by the file:

- **JSONL** in the team's gold format (e.g. PLV, ``events/plv-train.jsonl``): each sentence's ``events`` carry a
  PLOVER ``type`` and optional ``source_span``/``target_span``. Metrics as the evaluation README defines them:
  **type accuracy** (the top predicted event's type is one of the gold types; CONCEDE and RETREAT count as the older
  YIELD; a sentence without a prediction is wrong), **tuple recall** (a gold event is found when a predicted event
  has its type and source/target spans overlapping the gold ones, where gold gives them) and **macro-F1 over
  types** of the per-sentence top type.
- **TSV** ``sentence<TAB>label`` (the ConfliBERT pentacode set, ``conflibert-cameo/cameo_class/test.tsv``), or the
  folder holding it: the class of the top event's CAMEO root as the Phoenix pipeline that coded the data assigns it
  (0 statements and appeals, 1 verbal cooperation ... 4 material conflict; see ``pentacode``) against the label,
  with no event read as class 0; macro-F1 over the 5 classes, and beside it the macro-F1 of the PLOVER type's quad
  class (``macro_f1_plover_quad``), how it was scored before.
- ``--event-places`` with Halterman's event-location data (``labeled_text.jsonl.zip`` or its JSONL, records with a
  VERB span and an optional LOCATION span): for each gold verb the event dateline finds at that verb, whether its
  place overlaps the gold LOCATION (or is empty when gold has none). Scores the ``RELABEL`` gold subset unless
  ``--all-sources``.

Measuring only: nothing here feeds a shipped model or lexicon.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from ..models import Article, Event
from . import analyze_gold, read_gold, write_jsonl

__all__ = [
    "command",
    "macro_f1",
    "plover_type",
    "read_event_locations",
    "read_pentacode",
    "score_event_places",
    "score_pentacode",
    "score_plv",
    "top_event",
]

#: PLV uses PLOVER's older YIELD where current PLOVER has CONCEDE (verbal) and RETREAT (material).
_YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
PENTACODE_LABELS = ("statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


def plover_type(name: str) -> str:
    """A type as the PLV gold spells it (CONCEDE/RETREAT -> YIELD)."""
    return _YIELD.get(name, name)


def top_event(events: Sequence[Event]) -> Event | None:
    """The sentence's main event: highest confidence, asserted before hypothetical, affirmed before negated."""
    if not events:
        return None
    return min(events, key=lambda e: (-e.confidence, e.hypothetical, e.negated, e.trigger.start if e.trigger else 0))


def macro_f1(pairs: Iterable[tuple[str, str]], labels: Iterable[str] | None = None) -> tuple[float, dict[str, tuple[float, float, float, int]]]:
    """Macro-F1 of (gold, predicted) label pairs over ``labels`` (default: every gold label).

    Returns the macro average and, per label, (precision, recall, F1, gold count).
    """
    pairs = list(pairs)
    gold_n = Counter(g for g, _ in pairs)
    pred_n = Counter(p for _, p in pairs)
    hit = Counter(g for g, p in pairs if g == p)
    per: dict[str, tuple[float, float, float, int]] = {}
    for label in labels if labels is not None else sorted(gold_n):
        p = hit[label] / pred_n[label] if pred_n[label] else 0.0
        r = hit[label] / gold_n[label] if gold_n[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[label] = (p, r, f, gold_n[label])
    return (sum(v[2] for v in per.values()) / len(per) if per else 0.0), per


def _overlap(span: Sequence[int] | None, item: Any) -> bool:
    if not span:
        return True  # gold gives no span: any (or no) argument will do
    return item is not None and item.start < span[1] and span[0] < item.end


def score_plv(pairs: Iterable[tuple[dict[str, Any], Article]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Type accuracy, tuple recall and per-type macro-F1 over (gold record, analysed article) pairs.

    Returns the summary and one error row per sentence whose top type is wrong or whose gold event was missed.
    """
    n = covered = correct = gold_n = found = 0
    type_pairs: list[tuple[str, str]] = []
    errors: list[dict[str, Any]] = []
    for gold, article in pairs:
        n += 1
        gold_types = [g["type"] for g in gold.get("events", [])]
        top = top_event(article.events)
        predicted = plover_type(top.type) if top else "NONE"
        covered += top is not None
        ok = predicted in gold_types
        correct += ok
        type_pairs.append((predicted if ok else (gold_types[0] if gold_types else "NONE"), predicted))
        missed = []
        for g in gold.get("events", []):
            gold_n += 1
            hit = any(
                plover_type(p.type) == g["type"] and _overlap(g.get("source_span"), p.source) and _overlap(g.get("target_span"), p.target)
                for p in article.events
            )
            found += hit
            if not hit:
                missed.append(g)
        if not ok or missed:
            errors.append(
                {
                    "id": gold.get("id"),
                    "text": gold["text"],
                    "gold": gold.get("events", []),
                    "predicted": [_event_row(e) for e in article.events],
                    "top": predicted,
                    "missed": missed,
                }
            )
    f1, per_type = macro_f1(type_pairs)
    summary = {
        "sentences": n,
        "with_prediction": covered,
        "type_accuracy": correct / n if n else 0.0,
        "gold_events": gold_n,
        "tuple_recall": found / gold_n if gold_n else 0.0,
        "macro_f1": f1,
        "per_type": per_type,
        "confusion": Counter(
            (row["gold"][0]["type"] if row["gold"] else "NONE", row["top"]) for row in errors if row["top"] not in {g["type"] for g in row["gold"]}
        ).most_common(15),
    }
    return summary, errors


# ConfliBERT's five classes are those of the Phoenix pipeline, which coded its data (openeventdata/phoenix_pipeline,
# postprocess.py, ``quad_conversion``), by CAMEO root: 01-02 statements and appeals (0), 03-05 verbal cooperation (1),
# 06-08 material cooperation (2), 09-13 and 16 verbal conflict (3), 14, 15 and 17-20 material conflict (4). They
# differ from the quad class of a PLOVER type: an appeal (02, PLOVER REQUEST) is a statement, an easing (08,
# CONCEDE) material cooperation, reducing relations (16, SANCTION) verbal conflict.
_PENTACLASS_OF_ROOT = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3, "11": 3, "12": 3,
    "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4,
}  # fmt: skip
# The CAMEO root each PLOVER type stands for in CAMEO2PLOVER (its most common root), for events the classifier typed,
# which carry no CAMEO code.
_ROOT_OF_TYPE = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08", "RETREAT": "08",
    "YIELD": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}  # fmt: skip


def pentacode(event: Event | None) -> int:
    """ConfliBERT's 5-class label of a sentence from its top event: the class of its CAMEO root (or of the root its
    PLOVER type stands for), or 0 (statement) when there is no event."""
    if event is None:
        return 0
    root = (event.cameo or "")[:2] or _ROOT_OF_TYPE.get(event.type, "")
    return _PENTACLASS_OF_ROOT.get(root, event.quad or 0)


def plover_quad(event: Event | None) -> int:
    """The quad class of the top event's PLOVER type, or 0 when there is no event (how ConfliBERT was scored before
    the CAMEO-root classes; reported beside them)."""
    return event.quad if event is not None and event.quad else 0


def score_pentacode(pairs: Iterable[tuple[dict[str, Any], Article]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Accuracy and macro-F1 of the quad class of each sentence's top event against the gold pentacode label."""
    label_pairs: list[tuple[str, str]] = []
    quad_pairs: list[tuple[str, str]] = []
    errors = []
    for gold, article in pairs:
        top = top_event(article.events)
        g, p = str(gold["label"]), str(pentacode(top))
        label_pairs.append((g, p))
        quad_pairs.append((g, str(plover_quad(top))))
        if g != p:
            errors.append({"id": gold["id"], "text": gold["text"], "gold": int(g), "predicted": int(p), "events": [_event_row(e) for e in article.events]})
    f1, per = macro_f1(label_pairs, labels=[str(i) for i in range(5)])
    n = len(label_pairs)
    summary = {
        "sentences": n,
        "accuracy": sum(g == p for g, p in label_pairs) / n if n else 0.0,
        "macro_f1": f1,
        "per_class": {f"{k} {PENTACODE_LABELS[int(k)]}": v for k, v in per.items()},
        "macro_f1_plover_quad": macro_f1(quad_pairs, labels=[str(i) for i in range(5)])[0],
    }
    return summary, errors


def read_pentacode(path: str | Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """ConfliBERT ``sentence<TAB>label`` rows (a folder means its ``cameo_class/test.tsv``) as gold records."""
    path = Path(path)
    if path.is_dir():
        path = next(p for p in (path / "cameo_class" / "test.tsv", path / "test.tsv") if p.exists())
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not text or not label.strip().isdigit():
            raise click.ClickException(f"{path}:{lineno}: expected 'sentence<TAB>label'")
        records.append({"id": f"{path.stem}-{lineno}", "text": text, "label": int(label)})
        if limit is not None and len(records) >= limit:
            break
    return records


def _char_span(rec: dict[str, Any], span: dict[str, Any]) -> tuple[int, int]:
    """A Prodigy span's character offsets. Some records (many of the RELABEL gold subset's LOCATION spans) give
    token indices in ``start``/``end``; their ``token_start``/``token_end`` (inclusive) and the record's tokens
    give the characters, which must then spell the span's ``text``."""
    start, end = span["start"], span["end"]
    text = rec["text"]
    if span.get("text") is None or text[start:end] == span["text"]:
        return start, end
    tokens = {t.get("id"): t for t in rec.get("tokens") or []}
    first, last = tokens.get(span.get("token_start")), tokens.get(span.get("token_end"))
    if first is not None and last is not None and text[first["start"] : last["end"]] == span["text"]:
        return first["start"], last["end"]
    found = text.find(span["text"])  # last resort: the span's own text, first occurrence
    return (found, found + len(span["text"])) if found >= 0 else (start, end)


def read_event_locations(path: str | Path, *, all_sources: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Halterman's event-location records (zip or JSONL; each line a list of records) as gold records with
    ``verb`` and ``location`` character spans (location None when the event has no place in the sentence)."""
    path = Path(path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            name = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
            lines: Iterable[str] = io.TextIOWrapper(zf.open(name), encoding="utf-8").read().splitlines()
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
    records: list[dict[str, Any]] = []
    for line in lines:
        if not line.strip():
            continue
        items = json.loads(line)
        for rec in items if isinstance(items, list) else [items]:
            if not all_sources and rec.get("source") != "RELABEL":
                continue
            spans = rec.get("spans") or []
            verb = next((s for s in spans if s.get("label") == "VERB"), None)
            if verb is None:
                continue
            loc = next((s for s in spans if s.get("label") == "LOCATION"), None)
            records.append(
                {
                    "id": f"evloc-{len(records)}",
                    "text": rec["text"],
                    "verb": _char_span(rec, verb),
                    "location": _char_span(rec, loc) if loc else None,
                }
            )
            if limit is not None and len(records) >= limit:
                return records
    return records


def score_event_places(pairs: Iterable[tuple[dict[str, Any], Article]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Event geolocation: for gold verbs that dateline also codes as an event, is the event's place right?

    ``located_accuracy``: share of gold verbs with a LOCATION whose event place overlaps it; ``unlocated_accuracy``:
    share of gold verbs without one whose event has no place; ``accuracy`` over both.
    """
    n = detected = located = located_ok = unlocated = unlocated_ok = 0
    errors = []
    for gold, article in pairs:
        n += 1
        v0, v1 = gold["verb"]
        event = next((e for e in article.events if e.trigger and e.trigger.start < v1 and v0 < e.trigger.end), None)
        if event is None:
            continue
        detected += 1
        place = article.places[event.place] if event.place is not None else None
        loc = gold["location"]
        if loc is not None:
            located += 1
            ok = place is not None and place.start < loc[1] and loc[0] < place.end
            located_ok += ok
        else:
            unlocated += 1
            ok = place is None
            unlocated_ok += ok
        if not ok:
            errors.append(
                {
                    "id": gold["id"],
                    "text": gold["text"],
                    "verb": gold["text"][v0:v1],
                    "gold": gold["text"][loc[0] : loc[1]] if loc else None,
                    "predicted": place.text if place else None,
                }
            )
    summary = {
        "verbs": n,
        "detected": detected,
        "accuracy": (located_ok + unlocated_ok) / detected if detected else 0.0,
        "located": located,
        "located_accuracy": located_ok / located if located else 0.0,
        "unlocated": unlocated,
        "unlocated_accuracy": unlocated_ok / unlocated if unlocated else 0.0,
    }
    return summary, errors


def _event_row(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "trigger": e.trigger.text if e.trigger else None,
        "source": e.source.text if e.source else None,
        "target": e.target.text if e.target else None,
        "confidence": e.confidence,
        "hypothetical": e.hypothetical,
        "negated": e.negated,
    }


def _print_summary(summary: dict[str, Any]) -> None:
    for key, value in summary.items():
        if isinstance(value, float):
            click.echo(f"{key:20} {value:.3f}")
        elif isinstance(value, dict):
            click.echo(f"{key}:")
            for label, (p, r, f, g) in value.items():
                click.echo(f"  {label:26} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {g})")
        elif isinstance(value, list):
            click.echo(f"{key} (gold -> predicted):")
            for (g, p), c in value:
                click.echo(f"  {g:10} -> {p:10} {c}")
        else:
            click.echo(f"{key:20} {value}")


@click.command("events")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), help="Write wrong sentences here (JSONL).")
@click.option("--event-places", is_flag=True, help="PATH is event-location data (Halterman 2019): score event places.")
@click.option("--all-sources", is_flag=True, help="With --event-places: every record, not only the RELABEL gold subset.")
@click.option("--model", default=None, help="spaCy pipeline for the nlp stage.")
def command(path: Path, limit: int | None, errors_path: Path | None, event_places: bool, all_sources: bool, model: str | None) -> None:
    """Score event coding: PLV-style JSONL, ConfliBERT pentacode TSV (or its folder), or --event-places data."""
    config = {"nlp": {"model": model}} if model else {}
    if event_places:
        records = read_event_locations(path, all_sources=all_sources, limit=limit)
        stages: tuple[str, ...] = ("nlp", "actors", "places", "events")
        scorer = score_event_places
    elif path.is_dir() or path.suffix == ".tsv":
        records, stages, scorer = read_pentacode(path, limit=limit), ("nlp", "events"), score_pentacode
    else:
        records, stages, scorer = read_gold(path, limit=limit), ("nlp", "events"), score_plv
    if not records:
        raise click.ClickException(f"{path}: no gold records")
    started = time.perf_counter()
    summary, errors = scorer(analyze_gold(records, stages, config=config, progress=False))
    click.echo(f"{path}: {len(records)} records, {time.perf_counter() - started:.1f} s")
    _print_summary(summary)
    if errors_path is not None:
        click.echo(f"{write_jsonl(errors_path, errors)} error rows -> {errors_path}")

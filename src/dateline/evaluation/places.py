"""``dateline eval places FILE.jsonl``: toponym recognition and resolution against gold places.

Metrics as the evaluation data's README defines them, so figures compare with published ones:

- a predicted place **matches** a gold toponym when their spans overlap, one-to-one and greedy
  (gold toponyms in text order, each taking the first unused overlapping prediction);
- **recognition** precision, recall and F1 over gold toponyms that carry coordinates; a
  prediction that overlaps only a gold toponym without coordinates counts neither way;
- on matched pairs, the great-circle **error**: ``acc@161`` (share within 161 km), ``AUC``
  (mean of ln(error + 1) / ln(20039), lower is better) and the median. A matched mention the
  pipeline left unresolved counts as the largest possible error (20,039 km), as in the
  published evaluations of unresolved toponyms.

The command also reports what the places stage cost against the nlp stage (spaCy) on the same
texts, the ratio the speed target is stated in.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import click

from ..geo import haversine_km as great_circle_km
from ..models import Article, Place
from . import SPLITS, in_split, read_gold, write_jsonl

__all__ = ["EARTH_HALF_CIRCUMFERENCE_KM", "PlaceScores", "command", "great_circle_km", "match_places", "score_places"]

#: The largest great-circle distance, and the error of a matched but unresolved mention.
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACC_KM = 161.0  # 100 miles: the customary "accurate" radius
# The stages the places stage reads from in the full pipeline (actors: party names such as "NZ First").
STAGES = ("structure", "nlp", "actors", "places")


def match_places(gold: Sequence[dict[str, Any]], predicted: Sequence[Place]) -> list[tuple[dict[str, Any], int]]:
    """Greedy one-to-one overlap matching: (gold toponym, index of its predicted place) pairs."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda g: (g["start"], g["end"])):
        for i, p in enumerate(predicted):
            if i not in used and p.start < g["end"] and g["start"] < p.end:
                used.add(i)
                pairs.append((g, i))
                break
    return pairs


@dataclass
class PlaceScores:
    """Counts and errors accumulated over documents; the metrics are properties."""

    documents: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors_km: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        e = self.errors_km
        return sum(x <= ACC_KM for x in e) / len(e) if e else 0.0

    @property
    def auc(self) -> float:
        e = self.errors_km
        return statistics.fmean(math.log(x + 1) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) for x in e) if e else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The metrics, rounded, for printing or JSON."""
        return {
            "documents": self.documents,
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": len(self.errors_km),
            "acc@161": round(self.acc161, 4),
            "auc": round(self.auc, 4),
            "median_km": round(self.median_km, 1),
        }


def _place_row(p: Place) -> dict[str, Any]:
    return {"start": p.start, "end": p.end, "text": p.text, "name": p.name, "lat": p.lat, "lon": p.lon,
            "country_code": p.country_code, "feature": p.feature}  # fmt: skip


def score_document(scores: PlaceScores, record: dict[str, Any], article: Article) -> dict[str, Any]:
    """Add one document to ``scores``; returns its errors (missed, spurious and wrong places)."""
    gold_all = record.get("places") or []
    gold = [g for g in gold_all if g.get("lat") is not None and g.get("lon") is not None]
    predicted = article.places
    pairs = match_places(gold, predicted)
    matched_pred = {i for _, i in pairs}
    matched_gold = {id(g) for g, _ in pairs}
    spurious = [
        p
        for i, p in enumerate(predicted)
        if i not in matched_pred and not any(p.start < g["end"] and g["start"] < p.end for g in gold_all)
    ]
    wrong = []
    for g, i in pairs:
        p = predicted[i]
        if p.lat is None or p.lon is None:
            err = EARTH_HALF_CIRCUMFERENCE_KM
        else:
            err = great_circle_km(g["lat"], g["lon"], p.lat, p.lon)
        scores.errors_km.append(err)
        if err > ACC_KM:
            wrong.append({"gold": {k: g.get(k) for k in ("start", "end", "text", "lat", "lon", "geonameid")},
                          "predicted": _place_row(p), "error_km": round(err, 1)})  # fmt: skip
    missed = [{k: g.get(k) for k in ("start", "end", "text", "lat", "lon")} for g in gold if id(g) not in matched_gold]
    scores.documents += 1
    scores.tp += len(pairs)
    scores.fn += len(missed)
    scores.fp += len(spurious)
    return {
        "id": record.get("id"),
        "tp": len(pairs),
        "fp": len(spurious),
        "fn": len(missed),
        "wrong": wrong,
        "missed": missed,
        "spurious": [_place_row(p) for p in spurious],
    }


def score_places(pairs: Iterable[tuple[dict[str, Any], Article]]) -> tuple[PlaceScores, list[dict[str, Any]]]:
    """Scores over (gold record, analysed article) pairs, and each document's errors."""
    scores = PlaceScores()
    documents = [score_document(scores, record, article) for record, article in pairs]
    return scores, documents


class _StageClock:
    """Wall time each stage spends on its own work (self time, as a profiler counts it).

    Stages are chained generators: pulling an article from stage k runs stage k-1 inside it.
    Each wrapped pull therefore subtracts the time its nested pulls already accounted for.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._accounted = 0.0

    def wrap(self, name: str, stream: Iterator[Article]) -> Iterator[Article]:
        self.seconds.setdefault(name, 0.0)
        while True:
            before, t0 = self._accounted, time.perf_counter()
            try:
                item = next(stream)
            except StopIteration:
                item = None
            own = time.perf_counter() - t0 - (self._accounted - before)
            self.seconds[name] += own
            self._accounted += own
            if item is None:
                return
            yield item


def analyze_timed(
    records: Sequence[dict[str, Any]],
    config: dict[str, dict[str, Any]] | None = None,
    *,
    progress: bool = False,
    keep_docs: bool = False,
) -> tuple[list[tuple[dict[str, Any], Article]], dict[str, float]]:
    """Run structure, nlp, actors and places over the gold texts; returns the results and each stage's seconds.

    Each article carries its record's title, URL and source (the outlet, for outlet homes)."""
    from ..pipeline import Pipeline

    pipeline = Pipeline.create(STAGES, config or {})
    clock = _StageClock()
    stream: Iterator[Article] = iter(
        Article(
            id=str(r.get("id", i)), text=r["text"], published=r.get("published"), title=r.get("title"),
            url=r.get("url"), source=r.get("source"),
        )
        for i, r in enumerate(records)
    )  # fmt: skip
    for stage in pipeline.stages:
        stream = clock.wrap(stage.name, iter(stage.pipe(stream)))
    if progress:
        from rich.progress import track

        stream = iter(track(stream, total=len(records), description="analysing", transient=True))
    articles = []
    for article in stream:
        if not keep_docs:
            article.doc = None  # free the Doc: only the places are scored
        articles.append(article)
    return list(zip(records, articles)), clock.seconds


def _with_learned_homes(
    pairs: list[tuple[dict[str, Any], Article]], config: dict[str, dict[str, Any]] | None
) -> list[tuple[dict[str, Any], Article]]:
    """Learn outlet homes from the analysed articles, then resolve their places again with them."""
    import tempfile
    from pathlib import Path

    from ..pipeline import create_stage
    from ..places.homes import learn_homes_from_articles, outlet_of, write_homes

    homes = learn_homes_from_articles(a for _, a in pairs)
    outlets = {outlet_of(a) for _, a in pairs} - {None}
    click.echo(f"outlet homes: {len(homes)} learned for {len(outlets)} outlets")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "homes.toml"
        path.write_text(write_homes(homes), encoding="utf-8")
        stage = create_stage("places", **(config or {}).get("places", {}), homes=str(path))
    for _, article in pairs:
        article.places, article.spatial = [], []
        stage(article)
        article.doc = None
    return pairs


@click.command("places")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N articles.")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write each document's missed, spurious and wrongly resolved places to this JSONL file.",
)
@click.option("--user-places", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A user places file (TOML or CSV) for the places stage.")  # fmt: skip
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="Score a deterministic half of the articles: 'dev' (SHA-1 of the id even) for developing "
                   "rules and reading errors, 'test' (odd) held out for reporting.")  # fmt: skip
@click.option("--learn-homes", is_flag=True,
              help="Learn each outlet's home from this run's own results (as `dateline homes` does from a store), "
                   "then resolve again with them.")  # fmt: skip
def command(
    path: str, limit: int | None, errors_path: str | None, user_places: str | None, split: str, learn_homes: bool
) -> None:
    """Score toponym recognition and resolution against gold places in PATH (JSONL).

    Prints recognition precision, recall and F1 over gold places with coordinates, and on
    matched places acc@161, AUC and the median error, plus the places stage's time as a share
    of spaCy's.
    """
    records = read_gold(path, limit=limit)
    records = [r for i, r in enumerate(records) if in_split(str(r.get("id", i)), split)]
    config = {"places": {"user_places": user_places}} if user_places else None
    pairs, seconds = analyze_timed(records, config, progress=True, keep_docs=learn_homes)
    if learn_homes:
        pairs = _with_learned_homes(pairs, config)
    scores, documents = score_places(pairs)
    m = scores.as_dict()
    half = "" if split == "all" else f" ({split} half)"
    click.echo(f"{path}{half}: {m['documents']} articles, {m['gold']} gold places, {m['predicted']} predicted")
    click.echo(f"recognition  P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    click.echo(
        f"resolution   acc@161 {m['acc@161']:.3f}  AUC {m['auc']:.3f}  median {m['median_km']:.0f} km"
        f"  (n={m['matched']})"
    )
    nlp_s, places_s = seconds.get("nlp", 0.0), seconds.get("places", 0.0)
    share = f" ({100 * places_s / nlp_s:.1f}% of spaCy)" if nlp_s > 0 else ""
    click.echo(f"time         spaCy {nlp_s:.1f} s, places {places_s:.2f} s{share}")
    if errors_path:
        n = write_jsonl(errors_path, documents)
        click.echo(f"per-document errors: {n} lines in {errors_path}")

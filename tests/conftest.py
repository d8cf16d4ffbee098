"""Shared fixtures: the real English pipeline (loaded once), the specimen article, and
an ``analyze`` helper that runs any list of stages over a text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.models import Article
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
SPECIMEN_PUBLISHED = "2015-05-20"


@pytest.fixture(scope="session")
def specimen_text() -> str:
    return (EXAMPLES / "nz-troops-iraq-2015.txt").read_text(encoding="utf-8")


_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def run_stages(text: str, stages: tuple[str, ...], published: str | None = None, **fields: object) -> Article:
    """Run the named stages (built once per list and cached) over one text."""
    if stages not in _PIPELINES:
        _PIPELINES[stages] = Pipeline.create(stages, keep_doc=True)
    return _PIPELINES[stages](Article(id="test", text=text, published=published, **fields))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def analyze():
    """``analyze(text, stages=(...), published=None)`` -> Article, with the Doc kept on ``article.doc``."""

    def _analyze(text: str, stages: tuple[str, ...] = ("structure", "nlp"), published: str | None = None, **fields):
        return run_stages(text, tuple(stages), published, **fields)

    return _analyze


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def rules():
    """The events stage with its dictionary rules only (no classifier)."""
    from dateline.events import EventStage

    return EventStage(classifier=None)


def event_on(analyze, stage, text: str, trigger: str):
    """The event ``stage`` codes on the word ``trigger`` of ``text`` (parsed by the nlp stage); fails when none."""
    events = stage(analyze(text, stages=("nlp",))).events
    hits = [e for e in events if e.trigger.text == trigger]
    assert hits, f"no event on {trigger!r}: {[(e.type, e.trigger.text) for e in events]}"
    return hits[0]


@pytest.fixture(scope="session")
def gazetteer():
    """The default gazetteer (embedded tier, built once in the user cache)."""
    from dateline.places.gazetteer import Gazetteer

    return Gazetteer.default()


def place_mention(text: str, label: str = "GPE", **kw: object):
    """A places-stage mention of ``text`` alone (offsets 0..len), for handing to the resolver."""
    from dateline.places.gazetteer import normalize
    from dateline.places.recognize import Mention

    return Mention(0, len(text), text, normalize(text), label, **kw)


def article_with_entities(text: str, *entities: tuple[str, str]) -> Article:
    """An article whose entities are the given (surface, label) pairs, found in order (no spaCy)."""
    from dateline.models import Entity

    found, pos = [], 0
    for surface, label in entities:
        start = text.index(surface, pos)
        found.append(Entity(start=start, end=start + len(surface), text=surface, label=label))
        pos = start + len(surface)
    return Article(id="t", text=text, entities=found)


def timex_found(text: str, anchor, tense: str | None = None) -> list[tuple[str, str, str | None]]:
    """(span text, TIMEX3 type, value) for every expression the times grammar finds in ``text``."""
    from dateline.times import normalise, recognise, timex_type

    return [(text[c.start : c.end], timex_type(c.parts), normalise(c.parts, anchor, tense)) for c in recognise(text)]


def assert_valid_timex(expression: str, anchor, tense: str | None = None) -> None:
    """Every expression the grammar finds in ``expression`` gets a valid TimeML value or none, and a TIMEX3 type."""
    from dateline.times import TIMEX3_VALUE, normalise, recognise, timex_type

    for c in recognise(expression):
        value = normalise(c.parts, anchor, tense)
        assert value is None or TIMEX3_VALUE.match(value), (expression, anchor, value)
        assert timex_type(c.parts) in ("DATE", "TIME", "DURATION", "SET")

"""Every fact of a stored article as spans over its text, cut into segments for highlighting.

Like displaCy's ``style="span"``: spans may overlap (a place inside a quote, an actor inside an
event's source), so the text is cut at every span boundary and each piece carries the kinds and
labels of all the spans that cover it. Pieces are plain text: the template escapes each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Segment", "Span", "article_spans", "segments"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # actor | entity | place | time | quote | speaker | event
    label: str


@dataclass
class Segment:
    start: int
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    anchor: bool = False  # a span starts here: the side panel links to it


def _area(p: dict[str, Any]) -> str:
    """Country and first-level area, "US-OH" (which Dublin)."""
    return "-".join(x for x in (p.get("country_code"), p.get("admin1")) if x)


def _place_label(p: dict[str, Any]) -> str:
    if p.get("lat") is None or p.get("lon") is None:
        return f"place: {p.get('name') or p['text']} (unresolved)"
    label = f"place: {p.get('name') or p['text']} {_area(p)} ({p['lat']:.3f}, {p['lon']:.3f}), confidence {p.get('confidence') or 0:.2f}"
    # the readings the resolver turned down (the first candidate is the one it chose), where the
    # store kept them (--place-candidates)
    others = (p.get("candidates") or [])[1:]
    if others:
        label += "; also weighed: " + ", ".join(f"{c['name']} {_area(c)} {c['score']:.2f}" for c in others)
    return label


def article_spans(record: dict[str, Any]) -> list[Span]:
    """The spans of every fact in a record as :func:`dateline.store.queries.article_record` gives it."""
    spans: list[Span] = []
    covered: set[tuple[int, int]] = set()
    for actor in record["actors"]:
        roles = f", {', '.join(actor['roles'])}" if actor.get("roles") else ""
        for m in actor.get("mentions") or []:
            spans.append(Span(m["start"], m["end"], "actor", f"actor {actor['actor_id']}: {actor['name']} ({actor['type']}{roles})"))
            covered.add((m["start"], m["end"]))
    for e in record["entities"]:
        if (e["start"], e["end"]) not in covered:
            spans.append(Span(e["start"], e["end"], "entity", f"entity: {e['label']}"))
    for p in record["places"]:
        spans.append(Span(p["start"], p["end"], "place", _place_label(p)))
    for t in record["times"]:
        spans.append(Span(t["start"], t["end"], "time", f"{t['type'].lower()}: {t.get('value') or 'no value'}"))
    for q in record["quotes"]:
        speaker = q.get("speaker") or "unattributed"
        spans.append(Span(q["start"], q["end"], "quote", f"{'quote' if q['direct'] else 'reported speech'}: {speaker}"))
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            spans.append(Span(q["speaker_start"], q["speaker_end"], "speaker", f"speaker: {speaker}"))
    for ev in record["events"]:
        if ev.get("trigger_start") is not None and ev.get("trigger_end") is not None:
            who = f"{ev.get('source_text') or '?'} → {ev.get('target_text') or '?'}"
            mode = f"/{ev['mode']}" if ev.get("mode") else ""
            spans.append(Span(ev["trigger_start"], ev["trigger_end"], "event", f"event {ev['type']}{mode}: {who}"))
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """``text`` cut at every span boundary; spans outside the text are dropped, not trusted."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    starts = {s.start for s in valid}
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in valid if s.start <= a and b <= s.end]
        kinds = sorted({s.kind for s in covering})
        labels = list(dict.fromkeys(s.label for s in covering))
        out.append(Segment(a, text[a:b], kinds, labels, a in starts))
    return out

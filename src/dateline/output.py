"""Write analysed articles: JSON records (the output contract) and a readable text report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import msgspec

from .models import Article, Place

__all__ = ["JsonArrayWriter", "JsonlWriter", "TextWriter", "to_dict", "to_json"]

_encoder = msgspec.json.Encoder()


def to_json(article: Article) -> bytes:
    """The article's JSON record (compact, UTF-8), as documented in docs/output-schema.md."""
    return _encoder.encode(article)


def to_dict(article: Article) -> dict[str, Any]:
    """The article's JSON record as plain Python objects."""
    return msgspec.to_builtins(article)  # type: ignore[no-any-return]


class JsonlWriter:
    """One compact JSON record per line."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, article: Article) -> None:
        self.stream.write(to_json(article) + b"\n")

    def close(self) -> None:
        self.stream.flush()


class JsonArrayWriter:
    """A pretty-printed JSON array of records, streamed item by item."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0

    def write(self, article: Article) -> None:
        body = msgspec.json.format(to_json(article), indent=2)
        body = b"\n".join(b"  " + line for line in body.split(b"\n"))
        self.stream.write((b"[\n" if self.count == 0 else b",\n") + body)
        self.count += 1

    def close(self) -> None:
        self.stream.write(b"[]\n" if self.count == 0 else b"\n]\n")
        self.stream.flush()


class TextWriter:
    """A readable report per article, rendered with rich."""

    def __init__(self, stream: Any, *, color: bool | None = None, width: int | None = None) -> None:
        from rich.console import Console

        self.console = Console(file=stream, force_terminal=color, no_color=color is False, width=width, highlight=False)

    def write(self, article: Article) -> None:
        render_report(article, self.console)

    def close(self) -> None:
        self.console.file.flush()


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _table(title: str, columns: Iterable[str]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _add_row(table: Any, *cells: str) -> None:
    """Add a row of plain text: article text may contain rich markup such as "[bold]" and must not be interpreted."""
    from rich.text import Text

    table.add_row(*(Text(cell) for cell in cells))


def _who(arg: Any, actors: dict[str, str]) -> str:
    """An event argument as written, with the actor it names where that reads differently ("he = John Key")."""
    if arg is None:
        return ""
    name = actors.get(arg.actor) if arg.actor else None
    return arg.text if not name or name.lower() in arg.text.lower() else f"{arg.text} = {name}"


def render_report(article: Article, console: Any) -> None:
    """Print one article's facts to a rich console; all article text is printed as plain text, never markup."""
    from rich.rule import Rule
    from rich.text import Text

    heading = Text(article.title or article.source or article.id, style="bold")
    console.print(Rule(heading))
    meta = f"id {article.id}  published {article.published or 'unknown'}"
    if article.url:
        meta += f"  {article.url}"
    console.print(Text(meta, style="dim"))
    for warning in article.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))

    s = article.structure
    if s.captions or s.credits or s.datelines or s.attributions or s.contacts:
        t = _table("Structure", ["kind", "text", "parsed"])
        for c in s.captions:
            _add_row(t, "caption", _clip(c.text), c.label or "(unmarked)")
        for c in s.credits:
            _add_row(t, "credit", c.text, ", ".join(x for x in (c.agency, c.photographer) if x))
        for d in s.datelines:
            _add_row(t, "dateline", d.text, ", ".join(x for x in (d.place, d.date, d.agency) if x))
        for a in s.attributions:
            _add_row(t, "attribution", a.text, a.outlet)
        for c in s.contacts:
            _add_row(t, "contact", _clip(c.text), f"{c.kind}: {c.value}")
        console.print(t)

    if article.actors:
        t = _table("Actors", ["id", "name", "type", "roles", "affiliation", "country", "code", "mentions"])
        for a in article.actors:
            _add_row(t, 
                a.id, a.name, a.type, ", ".join(a.roles), a.affiliation or "", a.country or "", a.code or "",
                str(len(a.mentions)),
            )
        console.print(t)

    if article.quotes:
        t = _table("Quotes", ["speaker", "cue", "kind", "quote"])
        for q in article.quotes:
            _add_row(t, q.speaker or "?", q.cue or "", "direct" if q.direct else "indirect", _clip(q.text, 100))
        console.print(t)

    if article.places:
        # One row per place, with every way the article names it ("Iraq", "Iraqi" ×5), in order of first mention.
        t = _table("Places", ["place", "mentions", "lat, lon", "country", "feature", "conf"])
        grouped: dict[tuple, tuple[Place, dict[str, int]]] = {}
        for p in article.places:
            key = (p.name, p.lat, p.lon, p.geonameid) if p.lat is not None else (None, p.text.lower())
            forms = grouped.setdefault(key, (p, {}))[1]
            forms[p.text] = forms.get(p.text, 0) + 1
        for p, forms in grouped.values():
            where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "unresolved"
            named = ", ".join(f"{text} ×{n}" if n > 1 else text for text, n in forms.items())
            country = "-".join(x for x in (p.country_code, p.admin1) if x)  # "US-OH": which Dublin
            _add_row(t, p.name or p.text, named, where, country, p.feature or "", f"{p.confidence:.2f}")
        console.print(t)

    if article.spatial:
        t = _table("Distances and directions", ["expression", "from", "place", "claimed", "computed", "check"])
        for r in article.spatial:
            anchor = article.places[r.anchor] if 0 <= r.anchor < len(article.places) else None
            subject = article.places[r.subject] if r.subject is not None and 0 <= r.subject < len(article.places) else None
            claimed = " ".join(x for x in (
                f"{r.distance_km:g} km" if r.distance_km is not None else "",
                f"{r.bearing:g}°" if r.bearing is not None else "",
            ) if x) or r.relation
            computed = " ".join(x for x in (
                f"{r.computed_distance_km:g} km" if r.computed_distance_km is not None else "",
                f"{r.computed_bearing:g}°" if r.computed_bearing is not None else "",
            ) if x)
            check = {True: "consistent", False: "INCONSISTENT", None: "not checkable"}[r.consistent]
            _add_row(t, r.text, (anchor.name or anchor.text) if anchor else "", (subject.name or subject.text) if subject else "",
                     claimed, computed, check)
        console.print(t)

    if article.times:
        t = _table("Times", ["expression", "type", "value"])
        for tm in article.times:
            _add_row(t, tm.text, tm.type, tm.value or "(unresolved)")
        console.print(t)

    if article.events:
        t = _table("Events", ["type", "mode", "source", "trigger", "target", "place", "time", "flags"])
        actors = {a.id: a.name for a in article.actors}
        for e in article.events:
            flags = ", ".join(f for f, on in (("negated", e.negated), ("hypothetical", e.hypothetical)) if on)
            place = ""
            if e.place is not None and e.place < len(article.places):
                place = article.places[e.place].name or article.places[e.place].text
            time = ""
            if e.time is not None and e.time < len(article.times):
                tm = article.times[e.time]
                time = f"{tm.text} ({tm.value})" if tm.value else tm.text
            elif e.date:
                time = f"{e.date} (inferred)" if e.date_inferred else e.date
            _add_row(t, e.type, e.mode or "", _who(e.source, actors), e.trigger.text if e.trigger else "",
                     _who(e.target, actors), place, time, flags)
        console.print(t)
    console.print()

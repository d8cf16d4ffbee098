"""Read-side queries over a store: filtered events, facets, timeline buckets, map points, articles.

Every query takes a :class:`Filters` (text + place + time, as the web app's URL and the export
command's options give them) and runs parameterised SQL: user input never becomes SQL text.
Free text goes to FTS5 as quoted terms (so ``"`` or ``NEAR(`` in a query are words, not syntax).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..tables import ITEM_TABLES, columns, decode_json

__all__ = [
    "FACETS",
    "FACET_SIZE",
    "INTERVALS",
    "Filters",
    "Selection",
    "actor_profile",
    "article_record",
    "count_events",
    "event_rows",
    "facets",
    "fts_query",
    "map_points",
    "place_grid",
    "place_points",
    "count_places",
    "quote_rows",
    "timeline",
    "top_actors",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    assert value is not None
    if _MONTH.match(value):
        value += "-01"
    if not _DATE.match(value):
        raise ValueError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a real date") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"min_lon,min_lat,max_lon,max_lat"`` (the GeoJSON/Leaflet order) as floats, validated."""
    if value in (None, ""):
        return None
    assert value is not None
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError(f"bbox: {value!r} must be min_lon,min_lat,max_lon,max_lat")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox: {value!r} must be four numbers") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ValueError("bbox: numbers must be finite")
    if not (-90 <= south <= north <= 90):
        raise ValueError("bbox: latitudes must satisfy -90 <= min_lat <= max_lat <= 90")
    if west > east:
        raise ValueError("bbox: min_lon must not exceed max_lon")
    return west, south, east, north


@dataclasses.dataclass(frozen=True)
class Filters:
    """What the user asked for: text, place and time, plus facet selections.

    Build one with :meth:`parse` from strings (URL parameters, CLI options); it raises
    ``ValueError`` with a message for the user on anything malformed.
    """

    q: str | None = None  # words in an article's title or text, or in one of its quotes
    type: tuple[str, ...] = ()  # PLOVER event types (any of)
    actor: tuple[str, ...] = ()  # canonical actor names, as source or target (any of)
    country: tuple[str, ...] = ()  # ISO alpha-2 of the event's place (any of)
    source: tuple[str, ...] = ()  # the article's outlet (any of)
    month: tuple[str, ...] = ()  # YYYY-MM of the event date (any of)
    since: str | None = None  # event date >= (YYYY-MM-DD)
    until: str | None = None  # event date <= (YYYY-MM-DD)
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat

    @classmethod
    def parse(cls, params: Mapping[str, Any]) -> Filters:
        """Filters from a mapping of strings or lists of strings (unknown keys are ignored)."""

        def many(name: str) -> tuple[str, ...]:
            value = params.get(name)
            values = [value] if isinstance(value, str) else list(value or [])
            out: list[str] = []
            for v in values:
                if not isinstance(v, str):
                    raise ValueError(f"{name}: expected text")
                # Codes may come comma-separated (--type ASSAULT,COERCE); names may hold commas.
                out.extend(v.split(",") if name in ("type", "country", "month") else [v])
            return tuple(dict.fromkeys(v.strip() for v in out if v.strip()))

        def one(name: str) -> str | None:
            value = params.get(name)
            if isinstance(value, (list, tuple)):
                if len(value) > 1:
                    raise ValueError(f"{name}: give one value, not {len(value)}")
                value = value[0] if value else None
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name}: expected text")
            return value

        months = many("month")
        for m in months:
            if not _MONTH.match(m):
                raise ValueError(f"month: {m!r} is not a month (use YYYY-MM)")
        q = one("q")
        since, until = _date("since", one("since")), _date("until", one("until"))
        if since and until and since > until:
            raise ValueError(f"since ({since}) is after until ({until})")
        return cls(
            q=(q or "").strip() or None,
            type=tuple(t.upper() for t in many("type")),
            actor=many("actor"),
            country=tuple(c.upper() for c in many("country")),
            source=many("source"),
            month=months,
            since=since,
            until=until,
            bbox=parse_bbox(one("bbox")),
        )

    def params(self) -> dict[str, list[str]]:
        """The filters as URL parameters (the inverse of :meth:`parse`)."""
        out: dict[str, list[str]] = {}
        if self.q:
            out["q"] = [self.q]
        for name in ("type", "actor", "country", "source", "month"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.since:
            out["since"] = [self.since]
        if self.until:
            out["until"] = [self.until]
        if self.bbox:
            out["bbox"] = [",".join(f"{v:g}" for v in self.bbox)]
        return out

    def toggle(self, name: str, value: str) -> Filters:
        """These filters with ``value`` added to or removed from the facet ``name``."""
        current = getattr(self, name)
        new = tuple(v for v in current if v != value) if value in current else (*current, value)
        return dataclasses.replace(self, **{name: new})

    def article_only(self) -> bool:
        """True if only article-level filters (q, source) are set."""
        return not (self.type or self.actor or self.country or self.month or self.since or self.until or self.bbox)


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word quoted (all must match), so no FTS syntax leaks in."""
    words = re.findall(r"\w+(?:['’]\w+)*", text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _matching_articles(q: str) -> tuple[str, list[Any]]:
    match = fts_query(q)
    if not match:
        # Only punctuation: nothing can match; say so with an always-false condition.
        return "SELECT NULL WHERE 0", []
    sql = (
        "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
        "UNION SELECT q.article_id FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid WHERE quotes_fts MATCH ?"
    )
    return sql, [match, match]


def _in(column: str, values: tuple[str, ...], args: list[Any]) -> str:
    args.extend(values)
    return f"{column} IN ({', '.join('?' * len(values))})"


def event_where(f: Filters, alias: str = "e", *, skip: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (without the keyword) selecting events, and its parameters.

    ``skip`` leaves one facet's own selection out, so its counts show the alternatives.
    """
    clauses: list[str] = []
    args: list[Any] = []
    if f.q:
        sql, qargs = _matching_articles(f.q)
        clauses.append(f"{alias}.article_id IN ({sql})")
        args.extend(qargs)
    if f.type and skip != "type":
        clauses.append(_in(f"{alias}.type", f.type, args))
    if f.actor and skip != "actor":
        a1 = _in(f"{alias}.source_name", f.actor, args)
        a2 = _in(f"{alias}.target_name", f.actor, args)
        clauses.append(f"({a1} OR {a2})")
    if f.country and skip != "country":
        clauses.append(_in(f"{alias}.country_code", f.country, args))
    if f.source and skip != "source":
        clauses.append(f"{alias}.article_id IN (SELECT id FROM articles WHERE {_in('source', f.source, args)})")
    if f.month and skip != "month":
        clauses.append(_in(f"substr({alias}.event_date, 1, 7)", f.month, args))
    if f.since:
        clauses.append(f"{alias}.event_date >= ?")
        args.append(f.since)
    if f.until:
        clauses.append(f"{alias}.event_date <= ?")
        args.append(f.until)
    if f.bbox:
        west, south, east, north = f.bbox
        clauses.append(
            f"{alias}.rowid IN (SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?)"
        )
        args.extend([south, north, west, east])
    return (" AND ".join(clauses) or "1"), args


def article_where(f: Filters, alias: str = "a") -> tuple[str, list[Any]]:
    """The WHERE clause selecting articles by the article-level filters (q, source, since/until on
    the publication date)."""
    clauses: list[str] = []
    args: list[Any] = []
    if f.q:
        sql, qargs = _matching_articles(f.q)
        clauses.append(f"{alias}.id IN ({sql})")
        args.extend(qargs)
    if f.source:
        clauses.append(_in(f"{alias}.source", f.source, args))
    if f.since:
        clauses.append(f"{alias}.published >= ?")
        args.append(f.since)
    if f.until:
        clauses.append(f"{alias}.published <= ?")
        args.append(f.until)
    return (" AND ".join(clauses) or "1"), args


#: Event columns shown in lists and popups (the whole row is in exports).
_LIST_COLUMNS = (
    "e.article_id, e.idx, e.type, e.mode, e.cameo, e.event_date, e.date_from, e.lat, e.lon, e.place_name, "
    "e.country_code, e.source_name, e.target_name, e.source_text, e.target_text, e.trigger_text, "
    "e.negated, e.hypothetical, e.confidence, e.sentence_start, e.sentence_end, a.title, a.source AS outlet, "
    "a.published, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence"
)


#: Facets: name -> SQL over events ``e`` (``actor`` is special: source or target).
FACETS: dict[str, str] = {
    "type": "e.type",
    "actor": "",
    "country": "e.country_code",
    "source": "e.article_source",
    "month": "substr(e.event_date, 1, 7)",
}
#: How many values a facet lists at most (the most frequent; months: the latest).
FACET_SIZE = 10


#: The per-connection temporary table holding the ids of the articles a text search matched.
_MATCHED = "temp.dl_matched_articles"
#: Its complement, filled when most articles match.
_UNMATCHED = "temp.dl_unmatched_articles"
#: Below this share of all articles, events are found by seeking each matched article's events;
#: above it, by one scan that checks each event's article against the matched set.
_SEEK_SHARE = 0.05


class Selection:
    """The events matching a request's filters, queried for a count, rows, facets, days and map cells.

    The full-text match runs once per Selection: the matched article ids go into a temporary
    table of the connection (so use one Selection at a time per connection; the web app has a
    connection per thread and makes one Selection per request), which every later statement
    reads. Those statements read covering indexes ordered for their GROUP BY (migration
    ``0005_query_indexes``), so SQLite streams groups from an index instead of reading wide rows
    or building a temporary B-tree; the type/country/outlet/month facets share one grouped scan
    whose cells are summed here, each facet with the other facets' selections but not its own
    (so a user sees the alternatives, as in Datasette).
    """

    def __init__(self, conn: sqlite3.Connection, f: Filters) -> None:
        self.conn, self.filters = conn, f
        self._seek = False
        self._excluded = False
        self._total: int | None = None
        clauses: list[str] = []
        args: list[Any] = []
        if f.q:
            match = fts_query(f.q)
            if not match:
                clauses.append("0")  # only punctuation: nothing can match
            else:
                conn.execute(f"CREATE TABLE IF NOT EXISTS {_MATCHED} (id TEXT PRIMARY KEY) WITHOUT ROWID")
                conn.execute(f"DELETE FROM {_MATCHED}")
                # `+rowid`: look the FTS rowids up in the narrow id index, not in the wide rows.
                conn.execute(
                    f"INSERT OR IGNORE INTO {_MATCHED} SELECT id FROM articles WHERE +rowid IN "
                    "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) "
                    "UNION SELECT article_id FROM quotes WHERE rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
                    (match, match),
                )
                matched = conn.execute(f"SELECT count(*) FROM {_MATCHED}").fetchone()[0]
                total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                self._seek = matched <= _SEEK_SHARE * total
                if matched > total / 2:
                    # Most articles match: test events against the few that do not (a common word
                    # matching everything then costs nothing per event).
                    self._excluded = True
                    if matched < total:
                        conn.execute(f"CREATE TABLE IF NOT EXISTS {_UNMATCHED} (id TEXT PRIMARY KEY) WITHOUT ROWID")
                        conn.execute(f"DELETE FROM {_UNMATCHED}")
                        conn.execute(f"INSERT INTO {_UNMATCHED} SELECT id FROM articles EXCEPT SELECT id FROM {_MATCHED}")
                        clauses.append(self.text_clause("e.article_id"))
                else:
                    clauses.append(self.text_clause("e.article_id"))
        if f.since:
            clauses.append("e.event_date >= ?")
            args.append(f.since)
        if f.until:
            clauses.append("e.event_date <= ?")
            args.append(f.until)
        if f.bbox:
            west, south, east, north = f.bbox
            box = [south, north, west, east]
            # A small area is found fastest in the R*Tree; a large one (more than a few percent of
            # the events) by comparing the coordinates that the covering indexes already hold.
            probe = max(200, int(_SEEK_SHARE * self._event_count()))
            inside = conn.execute(
                "SELECT count(*) FROM (SELECT id FROM events_rtree "
                "WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ? LIMIT ?)",
                [*box, probe],
            ).fetchone()[0]
            if inside < probe:
                clauses.append(
                    "e.rowid IN (SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?)"
                )
            else:
                clauses.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?")
            args += box
        self._base = " AND ".join(clauses) or "1"
        self._base_args = args

    def _event_count(self) -> int:
        # The events table's size, from the precomputed facet cells (a full count would scan).
        return int(self.conn.execute("SELECT coalesce(sum(n), 0) FROM event_facet_cells").fetchone()[0])

    def text_clause(self, column: str) -> str:
        """``column`` (an article id) is among the articles the text search matched."""
        if self._excluded:  # most articles matched: test against those that did not
            return f"+{column} NOT IN (SELECT id FROM {_UNMATCHED})"
        # `+` keeps SQLite from driving the query by article id when most articles match.
        return f"{'' if self._seek else '+'}{column} IN (SELECT id FROM {_MATCHED})"

    def where(self, *, skip: str | None = None) -> tuple[str, list[Any]]:
        """The condition on events ``e`` (without WHERE) and its parameters; ``skip`` leaves one
        facet's own selection out."""
        f = self.filters
        clauses = [self._base]
        args = list(self._base_args)
        for name in FACETS:
            values = getattr(f, name)
            if not values or name == skip:
                continue
            if name == "actor":
                a1 = _in("e.source_name", values, args)
                a2 = _in("e.target_name", values, args)
                clauses.append(f"({a1} OR {a2})")
            else:
                clauses.append(_in(FACETS[name], values, args))
        return " AND ".join(clauses), args

    def count(self, *, located: bool = False) -> int:
        """Matching events (``located``: only those with coordinates)."""
        if not located and self._total is not None:
            return self._total
        where, args = self.where()
        if located:
            where += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        return int(self.conn.execute(f"SELECT count(*) FROM events e WHERE {where}", args).fetchone()[0])

    def rows(self, *, limit: int | None = 50, offset: int = 0, located: bool = False) -> list[dict[str, Any]]:
        """Matching events, newest first, with their article's title, outlet and evidence sentence."""
        where, args = self.where()
        if located:
            where += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            args = [*args, limit, offset]
        # Order and page over the index, then read the wide rows of that page only.
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM (SELECT e.rowid AS eid FROM events e WHERE {where} "
            f"ORDER BY e.event_date DESC, e.article_id, e.idx{page}) m "
            "JOIN events e ON e.rowid = m.eid JOIN articles a ON a.id = e.article_id "
            "ORDER BY e.event_date DESC, e.article_id, e.idx"
        )
        return [dict(row) for row in self.conn.execute(sql, args)]

    def facets(self, *, size: int = FACET_SIZE) -> dict[str, dict[str, Any]]:
        """Counts of the matching events per facet value.

        ``{facet: {"values": [{value, count, selected}], "more": bool}}``: the ``size`` most
        frequent values (months: the latest), ``more`` true when others were left out. A selected
        value always shows (count None when it falls outside the list).
        """
        f = self.filters
        single = [name for name in FACETS if name != "actor"]
        # With no text, area or date filter the counts come from the cells the store keeps up to
        # date (migration 0007_facet_cells) instead of a scan of every event.
        precomputed = self._base == "1"
        # One grouped scan over the single-column facets (only the actor selection applied): each
        # facet's counts are the sums over the cells that pass the *other* facets' selections.
        if precomputed and not f.actor:
            cells = [
                tuple(v or None for v in row[:-1]) + (row[-1],)
                for row in self.conn.execute(f"SELECT {', '.join(single)}, n FROM event_facet_cells")
            ]
        else:
            where, args = self._with_actor()
            cells = self.conn.execute(
                f"SELECT {', '.join(FACETS[n] for n in single)}, count(*) FROM events e WHERE {where} GROUP BY 1, 2, 3, 4",
                args,
            ).fetchall()
        wanted = [set(getattr(f, n)) for n in single]
        counts: dict[str, dict[str, int]] = {n: {} for n in single}
        total = 0
        for cell in cells:
            n = cell[-1]
            fails = [i for i in range(len(single)) if wanted[i] and cell[i] not in wanted[i]]
            total += n if not fails else 0
            for i, name in enumerate(single):
                if cell[i] is not None and (not fails or fails == [i]):
                    counts[name][cell[i]] = counts[name].get(cell[i], 0) + n
        actors: dict[str, int] = {}
        if precomputed:
            args = []
            chosen = [_in(name, tuple(v or "" for v in getattr(f, name)), args) for name in single if getattr(f, name)]
            sql = f"SELECT actor, sum(n) FROM event_actor_cells WHERE {' AND '.join(chosen) or '1'} GROUP BY 1"
            actors = dict(self.conn.execute(sql, args).fetchall())
        else:
            # Actors as source and as target: two scans, each streaming from its own index.
            where, args = self.where(skip="actor")
            for column in ("source_name", "target_name"):
                for value, n in self.conn.execute(
                    f"SELECT e.{column}, count(*) FROM events e WHERE {where} AND e.{column} IS NOT NULL GROUP BY 1", args
                ):
                    actors[value] = actors.get(value, 0) + n
        counts["actor"] = actors
        self._total = total  # the cells passing every selection: count() needs no scan of its own
        out: dict[str, dict[str, Any]] = {}
        for name in FACETS:
            if name == "month":
                ranked = sorted(counts[name].items(), reverse=True)
            else:
                ranked = sorted(counts[name].items(), key=lambda kv: (-kv[1], kv[0]))
            selected = getattr(f, name)
            rows = [{"value": v, "count": n, "selected": v in selected} for v, n in ranked[:size]]
            shown = {r["value"] for r in rows}
            rows.extend({"value": v, "count": None, "selected": True} for v in selected if v not in shown)
            out[name] = {"values": rows, "more": len(ranked) > size}
        return out

    def _with_actor(self) -> tuple[str, list[Any]]:
        """The base filters plus the actor selection (the single-column facets' shared scan)."""
        args = list(self._base_args)
        where = self._base
        if self.filters.actor:
            a1 = _in("e.source_name", self.filters.actor, args)
            a2 = _in("e.target_name", self.filters.actor, args)
            where += f" AND ({a1} OR {a2})"
        return where, args

    def day_counts(self) -> list[tuple[str, str, int]]:
        """``(day, type, count)`` of the dated matching events."""
        where, args = self.where()
        sql = f"SELECT e.event_date, e.type, count(*) FROM events e WHERE {where} AND e.event_date IS NOT NULL GROUP BY 1, 2"
        return [tuple(r) for r in self.conn.execute(sql, args)]

    def grid(self, cell: float) -> list[dict[str, Any]]:
        """Located matching events counted per grid cell of ``cell`` degrees, at the cell's mean
        position (a map's clusters, computed in SQL: nothing is dropped)."""
        where, args = self.where()
        sql = (
            f"SELECT count(*), avg(e.lat), avg(e.lon) FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
            # Shifted to non-negative so that CAST truncation is floor (no math functions needed).
            "GROUP BY CAST((e.lat + 90) / ? AS INTEGER), CAST((e.lon + 180) / ? AS INTEGER)"
        )
        return [{"count": n, "lat": lat, "lon": lon} for n, lat, lon in self.conn.execute(sql, [*args, cell, cell])]


def count_events(conn: sqlite3.Connection, f: Filters) -> int:
    """How many events match the filters."""
    return Selection(conn, f).count()


def event_rows(conn: sqlite3.Connection, f: Filters, *, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching the filters, newest first, with their article's title and evidence sentence."""
    return Selection(conn, f).rows(limit=limit, offset=offset)


def facets(conn: sqlite3.Connection, f: Filters, *, size: int = FACET_SIZE) -> dict[str, dict[str, Any]]:
    """Facet counts of the events matching the filters (see :meth:`Selection.facets`)."""
    return Selection(conn, f).facets(size=size)


INTERVALS = ("day", "week", "month", "year")
MAX_BUCKETS = 5000


def _bucket_start(day: dt.date, interval: str) -> dt.date:
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())  # the Monday on or before the date
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


def _next_bucket(day: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return day + dt.timedelta(days=1)
    if interval == "week":
        return day + dt.timedelta(days=7)
    if interval == "year":
        return day.replace(year=day.year + 1, month=1, day=1)
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def timeline(conn: sqlite3.Connection, f: Filters | Selection, interval: str = "week", *, baseline: int = 4) -> dict[str, Any]:
    """Event counts per time bucket, split by type, with a baseline.

    Every bucket between the first and last event is present (zeros included), so a chart shows
    gaps honestly. ``baseline`` is the mean total of the previous ``baseline`` buckets (ACLED's
    "this week against the previous four"); ``change`` is the relative difference (None without
    a baseline). Raises ValueError when the span needs more than 5000 buckets (pick a coarser
    interval) rather than silently truncating. ``f`` may be a :class:`Selection` already made.
    """
    if interval not in INTERVALS:
        raise ValueError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    selection = f if isinstance(f, Selection) else Selection(conn, f)
    # SQL counts per day and type (a few thousand groups at most); weeks and months are summed
    # here, which is cheaper than a date function evaluated on every event row.
    counts: dict[dt.date, dict[str, int]] = {}
    types: dict[str, int] = {}
    for day_text, type_, n in selection.day_counts():
        try:
            day = _bucket_start(dt.date.fromisoformat(day_text), interval)
        except ValueError:  # not a stored YYYY-MM-DD: cannot be placed on the axis
            continue
        by_type = counts.setdefault(day, {})
        by_type[type_] = by_type.get(type_, 0) + n
        types[type_] = types.get(type_, 0) + n
    buckets: list[dict[str, Any]] = []
    if counts:
        day, last = min(counts), max(counts)
        totals: list[int] = []
        while day <= last:
            if len(buckets) >= MAX_BUCKETS:
                raise ValueError(
                    f"the events span more than {MAX_BUCKETS} {interval}s: choose a coarser interval or a date range"
                )
            by_type = counts.get(day, {})
            total = sum(by_type.values())
            previous = totals[-baseline:] if baseline else []
            base = sum(previous) / len(previous) if len(previous) == baseline and baseline else None
            change = (total - base) / base if base else None
            buckets.append({"start": day.isoformat(), "total": total, "by_type": by_type, "baseline": base, "change": change})
            totals.append(total)
            day = _next_bucket(day, interval)
    return {
        "interval": interval,
        "baseline_buckets": baseline,
        "types": sorted(types, key=lambda t: (-types[t], t)),
        "buckets": buckets,
    }


def map_points(conn: sqlite3.Connection, f: Filters | Selection, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """GeoJSON features of the located events matching the filters (with the evidence sentence)."""
    selection = f if isinstance(f, Selection) else Selection(conn, f)
    for props in selection.rows(limit=limit, located=True):
        lat, lon = props.pop("lat"), props.pop("lon")
        yield {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def _place_where(conn: sqlite3.Connection, f: Filters | Selection) -> tuple[str, list[Any]]:
    """Located places of the articles matching the article-level filters, in the area and countries asked."""
    selection = f if isinstance(f, Selection) else Selection(conn, f)
    f = selection.filters
    clauses = ["p.lat IS NOT NULL", "p.lon IS NOT NULL"]
    args: list[Any] = []
    if f.q:
        clauses.append(selection.text_clause("p.article_id"))
    if f.source or f.since or f.until:
        where, args = article_where(dataclasses.replace(f, q=None))
        clauses.append(f"p.article_id IN (SELECT a.id FROM articles a WHERE {where})")
    if f.bbox:
        west, south, east, north = f.bbox
        clauses.append("p.rowid IN (SELECT id FROM places_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?)")
        args = [*args, south, north, west, east]
    if f.country:
        clauses.append(_in("p.country_code", f.country, args))
    return " AND ".join(clauses), args


def count_places(conn: sqlite3.Connection, f: Filters | Selection) -> int:
    """Located place mentions in the articles matching the article-level filters."""
    where, args = _place_where(conn, f)
    return int(conn.execute(f"SELECT count(*) FROM places p WHERE {where}", args).fetchone()[0])


def place_grid(conn: sqlite3.Connection, f: Filters | Selection, cell: float) -> list[dict[str, Any]]:
    """Located place mentions counted per grid cell of ``cell`` degrees (clusters, like
    :meth:`Selection.grid`)."""
    where, args = _place_where(conn, f)
    sql = (
        f"SELECT count(*), avg(p.lat), avg(p.lon) FROM places p WHERE {where} "
        "GROUP BY CAST((p.lat + 90) / ? AS INTEGER), CAST((p.lon + 180) / ? AS INTEGER)"
    )
    return [{"count": n, "lat": lat, "lon": lon} for n, lat, lon in conn.execute(sql, [*args, cell, cell])]


def place_points(conn: sqlite3.Connection, f: Filters | Selection) -> list[dict[str, Any]]:
    """Located places of the articles matching the article-level filters, one feature per
    distinct place (by name and coordinates) with its mention count."""
    where, args = _place_where(conn, f)
    sql = (
        "SELECT coalesce(p.name, p.text) AS name, p.lat, p.lon, p.country_code, count(*) AS mentions, "
        "count(DISTINCT p.article_id) AS articles, min(p.article_id) AS example_article "
        f"FROM places p WHERE {where} GROUP BY name, p.lat, p.lon ORDER BY mentions DESC"
    )
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: row[k] for k in ("name", "country_code", "mentions", "articles", "example_article")},
        }
        for row in conn.execute(sql, args)
    ]


def article_record(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The stored article with its items: ``{"article": {...}, "entities": [...], ...}``.

    JSON text columns come back decoded; booleans as booleans.
    """
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    out: dict[str, Any] = {"article": _decode("articles", dict(row))}
    for table in ITEM_TABLES:
        out[table] = [
            _decode(table, dict(r))
            for r in conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY idx", (article_id,))
        ]
    return out


def _decode(table: str, row: dict[str, Any]) -> dict[str, Any]:
    for column in columns(table):
        if column.name in row:
            if column.kind == "json":
                row[column.name] = decode_json(row[column.name])
            elif column.kind == "bool" and row[column.name] is not None:
                row[column.name] = bool(row[column.name])
    return row


def quote_rows(conn: sqlite3.Connection, q: str | None = None, speaker: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Quotes by words (FTS) and/or speaker (exact canonical name), with their article's title."""
    clauses, args = [], []
    if q:
        match = fts_query(q)
        if not match:
            return []
        clauses.append("qu.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(match)
    if speaker:
        clauses.append("qu.speaker = ?")
        args.append(speaker)
    where = " AND ".join(clauses) or "1"
    sql = (
        "SELECT qu.article_id, qu.idx, qu.text, qu.speaker, qu.direct, qu.cue, a.title, a.published, a.source AS outlet "
        f"FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {where} ORDER BY a.published DESC, qu.article_id, qu.idx LIMIT ?"
    )
    return [dict(r) for r in conn.execute(sql, [*args, limit])]


def _counts(values: Iterable[Any]) -> list[dict[str, Any]]:
    """``[{value, count}]`` most frequent first, None and empty values left out."""
    tally: dict[Any, int] = {}
    for v in values:
        if v not in (None, ""):
            tally[v] = tally.get(v, 0) + 1
    return [{"value": v, "count": n} for v, n in sorted(tally.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def actor_profile(conn: sqlite3.Connection, name: str, *, limit: int = 100) -> dict[str, Any] | None:
    """Everything stored about the actor with this canonical name, or None if it is unknown.

    ``{name, articles, types, roles, affiliations, countries, codes, quotes: {total, rows},
    as_source: {total, types, rows}, as_target: {...}}``: the lists of rows hold at most
    ``limit`` items (newest first) and say their total, so nothing is dropped silently.
    """
    mentions = conn.execute(
        "SELECT article_id, type, roles, affiliation, country, code FROM actors WHERE name = ?", (name,)
    ).fetchall()
    roles: list[str] = []
    for row in mentions:
        value = decode_json(row["roles"])
        roles.extend(value if isinstance(value, list) else [])
    # Quotes by the actor: attributed to one of its mentions (quotes.actor) or with its name as speaker.
    quote_where = (
        "qu.speaker = ? OR qu.rowid IN (SELECT q2.rowid FROM actors x JOIN quotes q2 "
        "ON q2.article_id = x.article_id AND q2.actor = x.actor_id WHERE x.name = ?)"
    )
    quote_total = conn.execute(f"SELECT count(*) FROM quotes qu WHERE {quote_where}", (name, name)).fetchone()[0]
    quotes = [
        dict(r)
        for r in conn.execute(
            "SELECT qu.article_id, qu.idx, qu.text, qu.speaker, qu.direct, qu.cue, a.title, a.published, a.source AS outlet "
            f"FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {quote_where} "
            "ORDER BY a.published DESC, qu.article_id, qu.idx LIMIT ?",
            (name, name, limit),
        )
    ]

    def events_as(column: str) -> dict[str, Any]:
        types = [
            {"value": t, "count": n}
            for t, n in conn.execute(
                f"SELECT type, count(*) AS n FROM events WHERE {column} = ? GROUP BY type ORDER BY n DESC, type", (name,)
            )
        ]
        rows = [
            dict(r)
            for r in conn.execute(
                f"SELECT {_LIST_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE e.{column} = ? "
                "ORDER BY e.event_date DESC, e.article_id, e.idx LIMIT ?",
                (name, limit),
            )
        ]
        return {"total": sum(t["count"] for t in types), "types": types, "rows": rows}

    as_source, as_target = events_as("source_name"), events_as("target_name")
    if not mentions and not quote_total and not as_source["total"] and not as_target["total"]:
        return None
    return {
        "name": name,
        "articles": len({row["article_id"] for row in mentions}),
        "types": _counts(row["type"] for row in mentions),
        "roles": _counts(roles),
        "affiliations": _counts(row["affiliation"] for row in mentions),
        "countries": _counts(row["country"] for row in mentions),
        "codes": _counts(row["code"] for row in mentions),
        "quotes": {"total": quote_total, "rows": quotes},
        "as_source": as_source,
        "as_target": as_target,
        "limit": limit,
    }


def top_actors(conn: sqlite3.Connection, *, column: str = "source_name", size: int = 30) -> list[dict[str, Any]]:
    """The actors most often in events as ``source_name`` (or ``target_name``), with counts."""
    if column not in ("source_name", "target_name"):
        raise ValueError(f"column: {column!r}")
    return [
        {"value": v, "count": n}
        for v, n in conn.execute(
            f"SELECT {column}, count(*) AS n FROM events WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
            (size,),
        )
    ]

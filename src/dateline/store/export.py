"""Streaming exports of a store: CSV, JSONL, GeoJSON and Parquet, with the web app's filters.

Rows stream from SQLite in chunks and go out as they come: an export of any size runs in
constant memory and is never capped. ``dateline export`` and the web app's download links both
call :func:`export`, so they give the same files.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from typing import IO, Any

from ..tables import columns
from .merged import MERGED_COLUMNS, merged_rows
from .queries import Filters, article_where, event_where
from .schema import TABLES, table_columns

__all__ = ["FORMATS", "MEDIA_TYPES", "export", "export_rows", "stream"]

FORMATS = ("csv", "jsonl", "geojson", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}
_CHUNK = 2000
#: The pseudo-table of merged events (one row per real-world event).
MERGED = "merged"

#: Columns of the article an event export adds to every event row.
_EVENT_EXTRAS = [("title", "TEXT"), ("url", "TEXT"), ("outlet", "TEXT"), ("published", "TEXT"), ("evidence", "TEXT")]


#: One row per event and actor (ACLED's "actor-based" shape): the event's own columns repeated.
_EVENT_ACTOR_COLUMNS = [
    ("article_id", "TEXT"), ("idx", "INTEGER"), ("role", "TEXT"), ("actor", "TEXT"), ("actor_text", "TEXT"),
    ("actor_type", "TEXT"), ("actor_code", "TEXT"), ("actor_country", "TEXT"), ("type", "TEXT"), ("mode", "TEXT"),
    ("cameo", "TEXT"), ("quad", "INTEGER"), ("goldstein", "REAL"), ("negated", "INTEGER"), ("hypothetical", "INTEGER"),
    ("event_date", "TEXT"), ("place_name", "TEXT"), ("country_code", "TEXT"), ("lat", "REAL"), ("lon", "REAL"),
    *_EVENT_EXTRAS,
]
#: The pseudo-table of event × actor rows.
EVENT_ACTORS = "event_actors"


def _event_actors_query(f: Filters) -> tuple[str, list[Any], list[tuple[str, str]]]:
    where, args = event_where(f)
    parts = []
    for role in ("source", "target"):
        parts.append(
            f"SELECT e.article_id, e.idx, '{role}' AS role, coalesce(e.{role}_name, e.{role}_text) AS actor, "
            f"e.{role}_text AS actor_text, ac.type AS actor_type, ac.code AS actor_code, ac.country AS actor_country, "
            "e.type, e.mode, e.cameo, e.quad, e.goldstein, e.negated, e.hypothetical, e.event_date, e.place_name, "
            "e.country_code, e.lat, e.lon, a.title, a.url, a.source AS outlet, a.published, "
            "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            f"LEFT JOIN actors ac ON ac.article_id = e.article_id AND ac.actor_id = e.{role}_actor "
            f"WHERE ({where}) AND e.{role}_text IS NOT NULL"
        )
    # "source" sorts after "target": order the roles explicitly.
    sql = f"SELECT * FROM ({parts[0]} UNION ALL {parts[1]}) ORDER BY article_id, idx, role = 'target'"
    return sql, [*args, *args], _EVENT_ACTOR_COLUMNS


def _query(table: str, f: Filters) -> tuple[str, list[Any], list[tuple[str, str]]]:
    """SQL, parameters and output columns ``(name, SQL type)`` for a table under the filters."""
    if table == EVENT_ACTORS:
        return _event_actors_query(f)
    if table not in TABLES:
        raise ValueError(f"table: {table!r} is not one of {', '.join(TABLES)}")
    cols = table_columns(table)
    if table == "events":
        where, args = event_where(f)
        select = ", ".join(f'e."{n}"' for n, _ in cols)
        sql = (
            f"SELECT {select}, a.title, a.url, a.source AS outlet, a.published, "
            "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} ORDER BY e.article_id, e.idx"
        )
        return sql, args, cols + _EVENT_EXTRAS
    # Other tables: article-level filters; place filters only where the table has places.
    event_only = [n for n in ("type", "actor", "month") if getattr(f, n)]
    if table != "places":
        event_only += [n for n in ("country", "bbox") if getattr(f, n)]
    if event_only:
        raise ValueError(f"filter {', '.join(event_only)} applies to events, not to {table}")
    where, args = article_where(f)
    if table == "articles":
        select = ", ".join(f'a."{n}"' for n, _ in cols)
        return f"SELECT {select} FROM articles a WHERE {where} ORDER BY a.id", args, cols
    select = ", ".join(f't."{n}"' for n, _ in cols)
    clauses = [where]
    if table == "places" and f.bbox:
        west, south, east, north = f.bbox
        clauses.append("t.rowid IN (SELECT id FROM places_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?)")
        args = [*args, south, north, west, east]
    if table == "places" and f.country:
        clauses.append(f"t.country_code IN ({', '.join('?' * len(f.country))})")
        args = [*args, *f.country]
    sql = f"SELECT {select} FROM {table} t JOIN articles a ON a.id = t.article_id WHERE {' AND '.join(clauses)} ORDER BY t.article_id, t.idx"
    return sql, args, cols


def export_rows(
    conn: sqlite3.Connection, table: str, f: Filters, *, radius_km: float = 50.0, window_days: int = 3
) -> tuple[list[tuple[str, str]], Iterator[tuple[Any, ...]]]:
    """The output columns and a lazy iterator over every matching row (as tuples).

    ``table`` ``merged`` gives one row per real-world event (:mod:`dateline.store.merged`; events
    within ``radius_km`` and ``window_days`` of each other may merge).
    """
    if table == MERGED:
        return [(n, t) for n, t, _ in MERGED_COLUMNS], merged_rows(conn, f, radius_km=radius_km, window_days=window_days)
    sql, args, cols = _query(table, f)
    cursor = conn.execute(sql, args)

    def rows() -> Iterator[tuple[Any, ...]]:
        while chunk := cursor.fetchmany(_CHUNK):
            yield from (tuple(r) for r in chunk)

    return cols, rows()


def _kinds(table: str) -> dict[str, str]:
    if table == MERGED:
        return {n: kind for n, _, kind in MERGED_COLUMNS}
    if table == EVENT_ACTORS:
        return {"negated": "bool", "hypothetical": "bool"}
    return {c.name: c.kind for c in columns(table)}


def _json_row(names: list[str], kinds: dict[str, str], row: tuple[Any, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in zip(names, row):
        kind = kinds.get(name)
        if value is not None and kind == "json":
            value = json.loads(value)
        elif value is not None and kind == "bool":
            value = bool(value)
        out[name] = value
    return out


def stream(conn: sqlite3.Connection, table: str, f: Filters, fmt: str, **merge: Any) -> Iterator[bytes]:
    """The export as chunks of bytes (CSV, JSONL or GeoJSON); ``merge``: options of the ``merged`` table."""
    if fmt not in ("csv", "jsonl", "geojson"):
        raise ValueError(f"format: {fmt!r} cannot stream as text (one of csv, jsonl, geojson)")
    if fmt == "geojson" and table not in ("events", "places", MERGED, EVENT_ACTORS):
        raise ValueError(f"geojson needs coordinates: export events, merged events or places, not {table}")
    cols, rows = export_rows(conn, table, f, **merge)
    names = [n for n, _ in cols]
    kinds = _kinds(table)
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
    elif fmt == "geojson":
        buffer.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for row in rows:
        if fmt == "csv":
            writer.writerow(row)
        else:
            record = _json_row(names, kinds, row)
            if fmt == "jsonl":
                buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                lat, lon = record.pop("lat"), record.pop("lon")
                # Unlocated rows stay in (null geometry, valid GeoJSON): an export drops nothing.
                geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
                feature = {"type": "Feature", "geometry": geometry, "properties": record}
                buffer.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
                first = False
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if fmt == "geojson":
        buffer.write("\n]}\n")
    yield buffer.getvalue().encode("utf-8")


def write_parquet(conn: sqlite3.Connection, table: str, f: Filters, out: str | IO[bytes], **merge: Any) -> int:
    """Write the export as Parquet (row groups of a few thousand rows); returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols, rows = export_rows(conn, table, f, **merge)
    kinds = _kinds(table)
    types = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
    fields = [pa.field(n, pa.bool_() if kinds.get(n) == "bool" else types[t]) for n, t in cols]
    schema = pa.schema(fields)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[tuple[Any, ...]] = []

        def flush() -> None:
            arrays = [
                pa.array([None if r[i] is None else bool(r[i]) for r in batch], pa.bool_())
                if field.type == pa.bool_()
                else pa.array([r[i] for r in batch], field.type)
                for i, field in enumerate(fields)
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))

        for row in rows:
            batch.append(row)
            if len(batch) >= _CHUNK * 5:
                flush()
                count += len(batch)
                batch = []
        if batch or count == 0:
            flush()
            count += len(batch)
    return count


def export(conn: sqlite3.Connection, table: str, f: Filters, fmt: str, out: IO[bytes], **merge: Any) -> None:
    """Write the export of ``table`` under the filters in ``fmt`` to a binary stream (``merge``:
    ``radius_km``/``window_days`` for the ``merged`` table)."""
    if fmt == "parquet":
        write_parquet(conn, table, f, out, **merge)
        return
    for chunk in stream(conn, table, f, fmt, **merge):
        out.write(chunk)

"""Watch zones: a named point and radius ("Camp Taji, 100 km") and the events inside it.

Zones come from a TOML file::

    [[zone]]
    name = "Camp Taji"
    lat = 33.53
    lon = 44.26
    radius_km = 100
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sqlite3
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..geo import EARTH_RADIUS_KM, haversine_km

__all__ = ["Zone", "event_key", "events_in_zone", "haversine_km", "load_zones", "new_events", "zone_report"]

@dataclass(frozen=True)
class Zone:
    name: str
    lat: float
    lon: float
    radius_km: float

    def bbox(self) -> tuple[float, float, float, float]:
        """A box (min_lat, max_lat, min_lon, max_lon) holding the circle, for the R*Tree prefilter."""
        dlat = math.degrees(self.radius_km / EARTH_RADIUS_KM)
        coslat = max(math.cos(math.radians(self.lat)), 1e-6)
        dlon = min(180.0, dlat / coslat)
        return self.lat - dlat, self.lat + dlat, self.lon - dlon, self.lon + dlon


def load_zones(path: str | Path) -> list[Zone]:
    """Zones from a TOML file; raises ValueError naming the zone and field that is wrong."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    zones = []
    for i, z in enumerate(data.get("zone", [])):
        try:
            zone = Zone(str(z["name"]), float(z["lat"]), float(z["lon"]), float(z["radius_km"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: zone {i + 1} needs name, lat, lon and radius_km ({exc})") from exc
        if not (-90 <= zone.lat <= 90 and -180 <= zone.lon <= 180 and zone.radius_km > 0):
            raise ValueError(f"{path}: zone {zone.name!r} has coordinates or a radius out of range")
        zones.append(zone)
    return zones


def event_key(row: Mapping[str, Any]) -> str:
    """A stable identity of a stored event: its article, type and mode, trigger offsets, date and
    place. Unlike the rowid (or ``idx``, which shifts when an earlier event appears or goes) it
    survives re-ingesting the article; an event the new analysis changes counts as a new one."""
    parts = (row["article_id"], row["type"], row["mode"], row["trigger_start"], row["trigger_end"], row["event_date"],
             row["place_name"])
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def events_in_zone(conn: sqlite3.Connection, zone: Zone, *, after_rowid: int = 0) -> list[dict[str, Any]]:
    """Located events within the zone's radius (rowid above ``after_rowid``), in storage order,
    each with its distance (km) and stable ``key``."""
    min_lat, max_lat, min_lon, max_lon = zone.bbox()
    rows = conn.execute(
        "SELECT e.rowid AS rowid, e.article_id, e.idx, e.type, e.mode, e.trigger_start, e.trigger_end, e.event_date, "
        "e.lat, e.lon, e.place_name, e.source_name, e.target_name, e.sentence_start, a.title, "
        "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.rowid > ? AND e.rowid IN "
        "(SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?) "
        "ORDER BY e.rowid",
        (after_rowid, min_lat, max_lat, min_lon, max_lon),
    ).fetchall()
    out = []
    for row in rows:
        distance = haversine_km(zone.lat, zone.lon, row["lat"], row["lon"])
        if distance <= zone.radius_km:
            out.append({**dict(row), "distance_km": round(distance, 1), "key": event_key(row)})
    return out


def new_events(conn: sqlite3.Connection, zone: Zone, *, remember: bool = True) -> list[dict[str, Any]]:
    """Events in the zone not reported before (by :func:`event_key`), remembered as reported
    unless ``remember`` is false. ``conn`` must be writable and in autocommit mode."""
    events = events_in_zone(conn, zone)
    seen = {r[0] for r in conn.execute("SELECT event_key FROM _watch_seen WHERE zone = ?", (zone.name,))}
    if not seen:
        # A database checked before the seen-set existed remembered a rowid: what lay at or
        # below it was reported then.
        row = conn.execute("SELECT last_rowid FROM _watch_state WHERE zone = ?", (zone.name,)).fetchone()
        if row is not None:
            seen = {e["key"] for e in events if e["rowid"] <= row[0]}
    fresh = [e for e in events if e["key"] not in seen]
    if remember:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT OR IGNORE INTO _watch_seen (zone, event_key, seen_at) VALUES (?, ?, ?)",
                [(zone.name, key, now) for key in seen | {e["key"] for e in fresh}],
            )
            conn.execute(
                "INSERT INTO _watch_state (zone, last_rowid, checked_at) VALUES (?, ?, ?) "
                "ON CONFLICT(zone) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid), checked_at = excluded.checked_at",
                (zone.name, max([0, *(e["rowid"] for e in events)]), now),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return fresh


def _monday(day: str | None) -> dt.date | None:
    try:
        d = dt.date.fromisoformat(day or "")
    except ValueError:
        return None
    return d - dt.timedelta(days=d.weekday())


def _weeks(first: dt.date, last: dt.date, limit: int = 5000) -> list[dt.date]:
    weeks = []
    while first <= last and len(weeks) < limit:
        weeks.append(first)
        first += dt.timedelta(days=7)
    return weeks


def zone_report(conn: sqlite3.Connection, zone: Zone, *, actor: str | None = None, limit: int = 100) -> dict[str, Any]:
    """What a watch-zone page shows: the events inside the zone per week (by type), the newest
    ``limit`` of them, and, for ``actor``, the distance from the zone's centre of the nearest
    event the actor took part in as source, week by week (is the threat getting closer?).

    Weeks start on Monday; both series share one axis, every week between the first and the last
    event of either (a week without events has count 0, or distance None), so a chart shows gaps
    honestly.
    """
    # Distances in SQL through a Python function (exact great-circle km; SQLite builds may lack
    # math functions), so that only per-day aggregates and the shown rows come back.
    conn.create_function("dateline_km", 4, haversine_km, deterministic=True)
    min_lat, max_lat, min_lon, max_lon = zone.bbox()
    inside = (
        "e.rowid IN (SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?) "
        "AND dateline_km(?, ?, e.lat, e.lon) <= ?"
    )
    inside_args = (min_lat, max_lat, min_lon, max_lon, zone.lat, zone.lon, zone.radius_km)
    per_week: dict[dt.date, dict[str, int]] = {}
    total = 0
    for day, type_, n in conn.execute(
        f"SELECT e.event_date, e.type, count(*) FROM events e WHERE {inside} GROUP BY 1, 2", inside_args
    ):
        total += n
        week = _monday(day)
        if week is not None:
            by_type = per_week.setdefault(week, {})
            by_type[type_] = by_type.get(type_, 0) + n
    newest = [
        {**dict(row), "distance_km": round(row["distance_km"], 1)}
        for row in conn.execute(
            "SELECT e.article_id, e.idx, e.type, e.event_date, e.lat, e.lon, e.place_name, e.source_name, e.target_name, "
            "e.sentence_start, a.title, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence, "
            f"dateline_km(?, ?, e.lat, e.lon) AS distance_km FROM events e JOIN articles a ON a.id = e.article_id WHERE {inside} "
            "ORDER BY e.event_date DESC, e.article_id, e.idx LIMIT ?",
            (zone.lat, zone.lon, *inside_args, limit),
        )
    ]
    report: dict[str, Any] = {
        "zone": {"name": zone.name, "lat": zone.lat, "lon": zone.lon, "radius_km": zone.radius_km},
        "events_total": total,
        "weeks": [],
        "events": newest,
        "actor": actor,
        "nearest": [],
    }
    nearest: dict[dt.date, dict[str, Any]] = {}
    if actor:
        # The nearest event of each day (SQLite returns the other columns of the row holding the
        # min), then of each week.
        for row in conn.execute(
            "SELECT e.event_date, min(dateline_km(?, ?, e.lat, e.lon)) AS distance_km, e.article_id, e.idx, e.type, "
            "e.lat, e.lon, e.place_name, e.sentence_start FROM events e "
            "WHERE e.source_name = ? AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.event_date IS NOT NULL GROUP BY 1",
            (zone.lat, zone.lon, actor),
        ):
            week = _monday(row["event_date"])
            if week is not None and (week not in nearest or row["distance_km"] < nearest[week]["distance_km"]):
                nearest[week] = dict(row)
    # One week axis for both series, so the page can draw them one above the other.
    known = [*per_week, *nearest]
    axis = _weeks(min(known), max(known)) if known else []
    for week in axis:
        by_type = per_week.get(week, {})
        report["weeks"].append({"week": week.isoformat(), "total": sum(by_type.values()), "by_type": by_type})
        if actor:
            found = nearest.get(week)
            report["nearest"].append(
                {"week": week.isoformat(), **({**found, "distance_km": round(found["distance_km"], 1)} if found
                                               else {"distance_km": None})}
            )
    return report

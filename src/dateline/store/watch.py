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

__all__ = ["Zone", "event_key", "events_in_zone", "haversine_km", "load_zones", "new_events"]

EARTH_RADIUS_KM = 6371.0088


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


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


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
        "e.lat, e.lon, e.place_name, e.source_name, e.target_name, a.title, "
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

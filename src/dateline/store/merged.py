"""One record per real-world event over a store: :func:`merged_rows` runs
:func:`dateline.events_merge.merge_events` on the stored articles whose events match the filters.

The filters choose the reports (events) that are merged, as they choose the rows of an event
export: with ``source=AP`` the result is AP's events, merged among themselves. Each merged event
keeps every mention (article, outlet, sentence offsets and the sentence itself as evidence).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..events_merge import MergedEvent, merge_events
from ..models import Article
from ..tables import ITEM_TABLES, article_from_rows
from .queries import Filters, event_where

__all__ = ["MERGED_COLUMNS", "load_article", "merged_events", "merged_rows"]

#: Output columns of a merged-event export: (name, SQL type, kind for JSON/CSV/Parquet writers).
MERGED_COLUMNS: list[tuple[str, str, str]] = [
    ("id", "TEXT", "str"),
    ("type", "TEXT", "str"),
    ("mode", "TEXT", "str"),
    ("cameo", "TEXT", "str"),
    ("quad", "INTEGER", "int"),
    ("negated", "INTEGER", "bool"),
    ("hypothetical", "INTEGER", "bool"),
    ("source", "TEXT", "str"),
    ("target", "TEXT", "str"),
    ("place", "TEXT", "str"),
    ("lat", "REAL", "float"),
    ("lon", "REAL", "float"),
    ("date_start", "TEXT", "str"),
    ("date_end", "TEXT", "str"),
    ("reports", "INTEGER", "int"),  # mentions of the event
    ("article_count", "INTEGER", "int"),
    ("outlets", "TEXT", "json"),  # distinct outlets, in order of first mention
    ("articles", "TEXT", "json"),  # distinct article ids, in order of first mention
    ("evidence", "TEXT", "str"),  # the first mention's sentence
    ("mentions", "TEXT", "json"),  # every mention, with its sentence as evidence
]


def load_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    """The stored article rebuilt as an :class:`~dateline.models.Article` (as the pipeline made it), or None."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    rows: dict[str, list[dict[str, Any]]] = {"articles": [dict(row)]}
    for table in ITEM_TABLES:
        rows[table] = [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY idx", (article_id,))]
    return article_from_rows(rows)


def merged_events(
    conn: sqlite3.Connection, f: Filters, *, radius_km: float = 50.0, window_days: int = 3
) -> tuple[list[MergedEvent], dict[str, Article]]:
    """The events matching ``f`` merged into one record per real-world event, and the articles they come from.

    Holds the matching articles in memory (the merge compares the reports within each date
    window): narrow a very large store with filters first.
    """
    where, args = event_where(f)
    matched: dict[str, set[int]] = {}
    for article_id, idx in conn.execute(f"SELECT e.article_id, e.idx FROM events e WHERE {where}", args):
        matched.setdefault(article_id, set()).add(idx)
    articles: dict[str, Article] = {}
    for article_id in sorted(matched):
        article = load_article(conn, article_id)
        if article is not None:
            articles[article_id] = article
    # Only the chosen reports take part: an excluded event of the same article could otherwise link two
    # chosen ones or shape the merged record's actors, place and dates.
    merged = merge_events(articles.values(), radius_km=radius_km, window_days=window_days, only=matched)
    return merged, articles


def merged_rows(
    conn: sqlite3.Connection, f: Filters, *, radius_km: float = 50.0, window_days: int = 3
) -> Iterator[tuple[Any, ...]]:
    """Rows of :data:`MERGED_COLUMNS`, one per merged event (JSON columns as JSON text, like the
    store's own rows)."""
    events, articles = merged_events(conn, f, radius_km=radius_km, window_days=window_days)
    for event in events:
        mentions = []
        for m in event.mentions:
            article = articles[m.article]
            start, end = m.sentence
            mentions.append({
                "article_id": m.article,
                "event_idx": m.event,
                "outlet": m.source_outlet,
                "title": article.title,
                "published": article.published,
                "sentence_start": start,
                "sentence_end": end,
                "evidence": article.text[start:end],
                "trigger": m.trigger[2] if m.trigger else None,
                "source": m.source,
                "target": m.target,
                "place": m.place,
                "date": m.date,
                "date_inferred": m.date_inferred,
                "reported": m.reported,
            })
        outlets = list(dict.fromkeys(m["outlet"] for m in mentions if m["outlet"]))
        yield (
            event.id, event.type, event.mode, event.cameo, event.quad, event.negated, event.hypothetical,
            event.source, event.target, event.place, event.lat, event.lon, event.date_start, event.date_end,
            len(mentions), len(event.articles), _json(outlets), _json(event.articles),
            mentions[0]["evidence"] if mentions else None, _json(mentions),
        )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)

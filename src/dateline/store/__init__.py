"""The SQLite store: analysed articles kept as plain tables, searchable, mappable, datasette-ready.

::

    store = Store("news.db")            # creates or migrates the file
    store.save_many(pipeline.pipe(articles), stages=pipeline.names)
    store.article("a1c3ec3d4b83e80e")   # the stored record as a dict

The layout is described in :mod:`dateline.store.schema`; queries (search, facets, timeline,
map) are in :mod:`dateline.store.queries`. Plain ``sqlite3``, WAL journal: readers (the web app)
never block the writer (an ingest), and a killed ingest loses nothing it committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DatelineError
from ..models import Article
from ..tables import ITEM_TABLES, article_rows
from .schema import TABLES, migrate, table_columns

__all__ = ["Store", "StoreError", "event_day", "text_hash"]


class StoreError(DatelineError):
    """A database that cannot be opened or used as a dateline store."""


def text_hash(text: str) -> str:
    """The hash an ingest compares to decide whether an article changed (SHA-256 of its text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def event_day(value: str | None) -> str | None:
    """A TIMEX3 value precise to the day or week as ``YYYY-MM-DD`` (a week: its Monday, a weekend:
    its Saturday); None for coarser or relative values ("2014-SU", "2015", "PAST_REF")."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1).isoformat()
    except ValueError:  # "2015-02-30", "2015-W54": not a real day
        return None
    return None


class Store:
    """A dateline SQLite database (created and migrated on open).

    One ``Store`` is one connection; use it from one thread (the web app opens one per request).
    ``readonly=True`` opens an existing file without migrating or writing.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise StoreError(f"{self.path}: no such database")
                uri = "file:" + Path(self.path).resolve().as_posix() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self.conn.execute("PRAGMA journal_mode=WAL")
                # In WAL mode NORMAL is durable against a killed process (not a power cut) and much faster.
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.row_factory = sqlite3.Row
            if readonly:
                tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if "_migrations" not in tables or not set(TABLES) <= tables:
                    raise StoreError(f"{self.path}: not a dateline database (run `dateline ingest` to make one)")
                self.migrations_run: list[str] = []
            else:
                self.migrations_run = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc
        self._columns = {table: [name for name, _ in table_columns(table)] for table in TABLES}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def save_many(self, articles: Iterable[Article], *, stages: Iterable[str] = (), batch_size: int = 64) -> int:
        """Store articles, committing every ``batch_size`` articles in one transaction.

        An article already stored (same id) is replaced with all its items, so re-ingesting never
        duplicates. Returns the number of articles saved. If the iterator or a write fails, the
        batches committed before stay; the failing batch is rolled back whole.
        """
        stage_list = ",".join(stages)
        saved = 0
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                saved += self._save_batch(batch, stage_list)
                batch = []
        if batch:
            saved += self._save_batch(batch, stage_list)
        return saved

    def save(self, article: Article, *, stages: Iterable[str] = ()) -> None:
        """Store one article in its own transaction."""
        self._save_batch([article], ",".join(stages))

    def _save_batch(self, batch: list[Article], stage_list: str) -> int:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for article in batch:
                self._replace(article_rows(article), stage_list, now)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return len(batch)

    def load_rows(self, rows_by_table: dict[str, list[dict[str, Any]]], *, stages: Iterable[str] = ()) -> int:
        """Store articles given as table rows, in one transaction; returns the number of articles.

        ``rows_by_table`` holds rows as :func:`dateline.tables.article_rows` makes them (``articles``
        and any item tables), e.g. read back from ``dateline batch`` Parquet output, for whole
        articles: every item row's article must be among the ``articles`` rows. Each article
        replaces its stored version with all its items, exactly as :meth:`save_many` would store
        the same record (the store's own columns are derived from the rows). ``stages``: the
        stages that made the rows, recorded for :meth:`is_current`.
        """
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        stage_list = ",".join(stages)
        articles = rows_by_table.get("articles", [])
        by_article: dict[str, dict[str, list[dict[str, Any]]]] = {
            row["id"]: {table: [] for table in ITEM_TABLES} for row in articles
        }
        for table in ITEM_TABLES:
            for row in rows_by_table.get(table, []):
                if row["article_id"] not in by_article:
                    raise StoreError(f"{table} row for article {row['article_id']!r}, which is not among the articles")
                by_article[row["article_id"]][table].append(row)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for row in articles:
                items = by_article[row["id"]]
                for rows in items.values():
                    rows.sort(key=lambda r: r["idx"])  # events refer to places and times by idx
                self._replace({"articles": [dict(row)], **items}, stage_list, now)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return len(articles)

    def _replace(self, rows: dict[str, list[dict[str, Any]]], stage_list: str, now: str) -> None:
        """Delete one article and insert its rows, with the store's own columns (inside a transaction)."""
        [row] = rows["articles"]
        self._delete(row["id"])
        row.update(ingest_hash=text_hash(row["text"]), ingest_stages=stage_list, ingested_at=now)
        self._insert("articles", [row])
        for event_row in rows.get("events", []):
            event_row.update(_event_extras(row, rows, event_row))
        for table in ITEM_TABLES:
            self._insert(table, rows.get(table, []))

    def _delete(self, article_id: str) -> None:
        # Items first, explicitly: the FK cascade does the same, but only where foreign_keys is on.
        for table in ITEM_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        names = self._columns[table]
        sql = f"INSERT INTO {table} ({', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)}) VALUES ({', '.join('?' * len(names))})"
        self.conn.executemany(sql, [tuple(row.get(n) for n in names) for row in rows])

    def delete(self, article_id: str) -> bool:
        """Remove an article and its items; False if it was not stored."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            found = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
            self._delete(article_id)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return found

    # -- reading ---------------------------------------------------------------------------

    def is_current(self, article: Article, stages: Iterable[str] = ()) -> bool:
        """True if this article is stored with the same text and at least these stages run."""
        row = self.conn.execute(
            "SELECT ingest_hash, ingest_stages FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if row is None or row["ingest_hash"] != text_hash(article.text):
            return False
        have = set(filter(None, (row["ingest_stages"] or "").split(",")))
        return set(stages) <= have

    def count(self, table: str = "articles") -> int:
        """Rows in a store table."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def article_ids(self) -> Iterator[str]:
        """Every stored article id, in id order."""
        for row in self.conn.execute("SELECT id FROM articles ORDER BY id"):
            yield row[0]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article and its items as plain dicts (JSON text columns decoded), or None."""
        from .queries import article_record

        return article_record(self.conn, article_id)

    def rebuild_fts(self) -> None:
        """Rebuild the full-text indexes from their tables (after editing the file by hand)."""
        for table in ("articles", "quotes"):
            self.conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")


def _event_extras(article: dict[str, Any], rows: dict[str, list[dict[str, Any]]], event: dict[str, Any]) -> dict[str, Any]:
    """The store's own event columns: day, coordinates and actor names, resolved from the article's rows.

    Works on table rows (not records) so that articles analysed here and rows loaded from batch
    Parquet get the same values.
    """
    times = {t["idx"]: t for t in rows.get("times", [])}
    places = {p["idx"]: p for p in rows.get("places", [])}
    day, date_from = None, None
    # The events stage may date the event itself (``date``, with ``date_inferred`` when that is
    # only the publication date); older records only point at a time expression.
    own = event.get("date")
    if own and not event.get("date_inferred"):
        day = event_day(own)
        date_from = "time" if day else None
    if day is None and event.get("time") in times:
        day = event_day(times[event["time"]]["value"])
        date_from = "time" if day else None
    if day is None and article.get("published"):
        day, date_from = article["published"][:10], "published"
    lat = lon = name = country = None
    if event.get("place") in places:
        place = places[event["place"]]
        lat, lon, name, country = place["lat"], place["lon"], place["name"] or place["text"], place["country_code"]
    actors = {actor["actor_id"]: actor["name"] for actor in rows.get("actors", [])}
    return {
        "event_date": day,
        "date_from": date_from,
        "lat": lat,
        "lon": lon,
        "place_name": name,
        "country_code": country,
        "source_name": actors.get(event.get("source_actor")) if event.get("source_actor") else None,
        "target_name": actors.get(event.get("target_actor")) if event.get("target_actor") else None,
        "article_source": article.get("source"),
    }

"""The store's SQLite schema, built from :mod:`dateline.tables`, and its migrations.

Tables follow the record classes: ``articles`` (primary key ``id``) and one table per list of
items (``entities``, ``actors``, ``places``, ``times``, ``quotes``, ``events``; primary key
``(article_id, idx)``, foreign key to ``articles`` with ``ON DELETE CASCADE``). The store adds a
few columns of its own (prefixed or named so they cannot meet a record field; checked below):

- ``articles.ingest_hash`` / ``ingest_stages`` / ``ingested_at``: what was stored and when, so an
  ingest can skip articles already stored with the same text and stages;
- ``events.event_date`` (YYYY-MM-DD: the event's own date where its time is precise to the day or
  week, else the article's publication date; ``date_from`` says which), ``lat``/``lon``/
  ``place_name``/``country_code`` (from the event's place), ``source_name``/``target_name`` (the
  canonical names of the actors), ``article_source`` (the article's outlet), so searches, maps
  and timelines need no joins.

Search: FTS5 tables ``articles_fts`` (title, text) and ``quotes_fts`` (text, speaker), external
content kept in sync by triggers (the layout sqlite-utils makes, which Datasette detects).
Coordinates: R*Tree tables ``events_rtree`` and ``places_rtree`` keyed by the row's rowid, kept in
sync by triggers.

Migrations are named steps recorded in ``_migrations``; each runs in its own transaction with its
record, so a crash leaves either the whole step or none of it. Columns that a record class gained
since the database was made are added by ``add_column:<table>.<name>`` steps.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from ..tables import ITEM_TABLES, columns

_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER", "json": "TEXT"}

#: Columns the store adds to the tables of :mod:`dateline.tables`: table -> [(name, SQL type)].
EXTRA_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("ingest_hash", "TEXT"), ("ingest_stages", "TEXT"), ("ingested_at", "TEXT")],
    "events": [
        ("event_date", "TEXT"),
        ("date_from", "TEXT"),
        ("lat", "REAL"),
        ("lon", "REAL"),
        ("place_name", "TEXT"),
        ("country_code", "TEXT"),
        ("source_name", "TEXT"),
        ("target_name", "TEXT"),
        ("article_source", "TEXT"),
    ],
}

TABLES: tuple[str, ...] = ("articles", *ITEM_TABLES)


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction.

    ``Connection.executescript`` would COMMIT the open transaction first, which would break a
    migration step's all-or-nothing promise; so split on ``;`` where a statement is complete
    (trigger bodies hold ``;`` of their own).
    """
    statement = ""
    for piece in sql.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                conn.execute(statement)
            statement = ""
    if statement.strip(" \n;"):
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def table_columns(table: str) -> list[tuple[str, str]]:
    """Every column of a store table as ``(name, SQL type)``, keys first."""
    keys = [("id", "TEXT")] if table == "articles" else [("article_id", "TEXT"), ("idx", "INTEGER")]
    record = [(c.name, _SQL_TYPES[c.kind]) for c in columns(table) if not (table == "articles" and c.name == "id")]
    extra = EXTRA_COLUMNS.get(table, [])
    names = [n for n, _ in keys + record]
    clash = {n for n, _ in extra} & set(names)
    if clash:
        # A record field now has the name of a store column: rename the store's, do not shadow data.
        raise RuntimeError(f"record fields {sorted(clash)} clash with store columns of {table!r}")
    return keys + record + extra


def _create_table(conn: sqlite3.Connection, table: str) -> None:
    cols = ", ".join(f'"{n}" {t}' for n, t in table_columns(table))
    if table == "articles":
        conn.execute(f"CREATE TABLE articles ({cols}, PRIMARY KEY (id))")
    else:
        conn.execute(
            f"CREATE TABLE {table} ({cols}, PRIMARY KEY (article_id, idx), "
            "FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE)"
        )


def _initial(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        _create_table(conn, table)
    _script(conn, 
        """
        CREATE INDEX idx_articles_published ON articles(published);
        CREATE INDEX idx_articles_source ON articles(source);
        CREATE INDEX idx_events_type ON events(type);
        CREATE INDEX idx_events_date ON events(event_date);
        CREATE INDEX idx_events_country ON events(country_code);
        CREATE INDEX idx_events_source_name ON events(source_name);
        CREATE INDEX idx_events_target_name ON events(target_name);
        CREATE INDEX idx_places_latlon ON places(lat, lon);
        CREATE INDEX idx_places_country ON places(country_code);
        CREATE INDEX idx_actors_name ON actors(name);
        CREATE INDEX idx_actors_actor_id ON actors(article_id, actor_id);
        CREATE INDEX idx_quotes_speaker ON quotes(speaker);
        """
    )


def _fts(conn: sqlite3.Connection) -> None:
    # External-content FTS5 over the tables' rowids, with triggers: the layout of sqlite-utils'
    # enable_fts(create_triggers=True), which Datasette detects for ?_search=.
    for table, cols in (("articles", ("title", "text")), ("quotes", ("text", "speaker"))):
        names = ", ".join(cols)
        new = ", ".join(f"new.{c}" for c in cols)
        old = ", ".join(f"old.{c}" for c in cols)
        _script(conn, 
            f"""
            CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content='{table}', content_rowid='rowid');
            CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
              INSERT INTO {table}_fts (rowid, {names}) VALUES (new.rowid, {new});
            END;
            CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
              INSERT INTO {table}_fts ({table}_fts, rowid, {names}) VALUES ('delete', old.rowid, {old});
            END;
            CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN
              INSERT INTO {table}_fts ({table}_fts, rowid, {names}) VALUES ('delete', old.rowid, {old});
              INSERT INTO {table}_fts (rowid, {names}) VALUES (new.rowid, {new});
            END;
            """
        )


def _rtree(conn: sqlite3.Connection) -> None:
    # Point boxes (min == max) of every located event and place, for bounding-box queries.
    for table in ("events", "places"):
        _script(conn, 
            f"""
            CREATE VIRTUAL TABLE {table}_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
            INSERT INTO {table}_rtree SELECT rowid, lat, lat, lon, lon FROM {table} WHERE lat IS NOT NULL AND lon IS NOT NULL;
            CREATE TRIGGER {table}_rtree_ai AFTER INSERT ON {table} WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
              INSERT INTO {table}_rtree VALUES (new.rowid, new.lat, new.lat, new.lon, new.lon);
            END;
            CREATE TRIGGER {table}_rtree_ad AFTER DELETE ON {table} BEGIN
              DELETE FROM {table}_rtree WHERE id = old.rowid;
            END;
            CREATE TRIGGER {table}_rtree_au AFTER UPDATE OF lat, lon ON {table} BEGIN
              DELETE FROM {table}_rtree WHERE id = old.rowid;
              INSERT INTO {table}_rtree SELECT new.rowid, new.lat, new.lat, new.lon, new.lon
                WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
            END;
            """
        )


def _watch_state(conn: sqlite3.Connection) -> None:
    # `dateline watch` remembers, per zone, the last event it reported (by events.rowid).
    conn.execute("CREATE TABLE _watch_state (zone TEXT PRIMARY KEY, last_rowid INTEGER NOT NULL, checked_at TEXT)")


def _query_indexes(conn: sqlite3.Connection) -> None:
    # The read side (see queries.Selection) needs the article's outlet on each event (a facet)
    # without reading article rows, which also hold the whole text.
    have = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    if "article_source" not in have:  # databases made before this step
        conn.execute('ALTER TABLE events ADD COLUMN "article_source" TEXT')
    conn.execute("UPDATE events SET article_source = (SELECT source FROM articles WHERE id = events.article_id)")
    # Covering indexes, each ordered for one kind of GROUP BY so SQLite streams the groups from
    # the index instead of building a temporary B-tree of every matching event (the dominant
    # cost over tens of thousands of events): facets by type/country/outlet/month, actors as
    # source and as target, days (timeline, newest-first lists, map). They replace the
    # single-column indexes they start with.
    rest = "country_code, article_source, event_date, source_name, target_name, article_id, lat, lon"
    _script(conn,
        f"""
        DROP INDEX IF EXISTS idx_events_type;
        DROP INDEX IF EXISTS idx_events_date;
        DROP INDEX IF EXISTS idx_events_source_name;
        DROP INDEX IF EXISTS idx_events_target_name;
        CREATE INDEX idx_events_by_type ON events(type, {rest});
        CREATE INDEX idx_events_by_date ON events(event_date, type, country_code, article_source, source_name, target_name, article_id, lat, lon);
        CREATE INDEX idx_events_by_source ON events(source_name, type, country_code, article_source, event_date, article_id);
        CREATE INDEX idx_events_by_target ON events(target_name, type, country_code, article_source, event_date, article_id);
        """
    )


def _watch_seen(conn: sqlite3.Connection) -> None:
    # `dateline watch` remembers, per zone, which events it has reported by a stable identity
    # (article id + what the event is and where its trigger sits), not by rowid: re-ingesting an
    # article gives its events new rowids, and they must not be reported as new again.
    conn.execute(
        "CREATE TABLE _watch_seen (zone TEXT NOT NULL, event_key TEXT NOT NULL, seen_at TEXT, "
        "PRIMARY KEY (zone, event_key)) WITHOUT ROWID"
    )


#: The facet dimensions kept in the precomputed cells (column -> SQL over the event row ``r``);
#: NULL is stored as '' because a primary key treats every NULL as distinct.
_CELL_DIMENSIONS = {
    "type": "coalesce(r.type, '')",
    "country": "coalesce(r.country_code, '')",
    "source": "coalesce(r.article_source, '')",
    "month": "coalesce(substr(r.event_date, 1, 7), '')",
}


def _facet_cells(conn: sqlite3.Connection) -> None:
    # Event counts per (type, country, outlet, month) and per actor and those four, kept by
    # triggers as events come and go, so that a search with no text, area or date filter reads
    # a few hundred cells instead of scanning every event (queries.Selection.facets).
    dims = ", ".join(_CELL_DIMENSIONS)
    key = f"PRIMARY KEY ({dims})"
    conn.execute(f"CREATE TABLE event_facet_cells ({', '.join(f'{d} TEXT NOT NULL' for d in _CELL_DIMENSIONS)}, n INTEGER NOT NULL, {key}) WITHOUT ROWID")
    conn.execute(
        f"CREATE TABLE event_actor_cells (actor TEXT NOT NULL, {', '.join(f'{d} TEXT NOT NULL' for d in _CELL_DIMENSIONS)}, "
        f"n INTEGER NOT NULL, PRIMARY KEY (actor, {dims})) WITHOUT ROWID"
    )

    def values(row: str) -> str:
        return ", ".join(expr.replace("r.", f"{row}.") for expr in _CELL_DIMENSIONS.values())

    def matches(row: str) -> str:
        return " AND ".join(f"{d} = {expr.replace('r.', f'{row}.')}" for d, expr in _CELL_DIMENSIONS.items())

    def add(row: str) -> str:
        # `WHERE true` lets SQLite parse the upsert after a SELECT.
        actors = "".join(
            f"INSERT INTO event_actor_cells SELECT {row}.{col}, {values(row)}, 1 WHERE {row}.{col} IS NOT NULL "
            "ON CONFLICT DO UPDATE SET n = n + 1;\n"
            for col in ("source_name", "target_name")
        )
        return f"INSERT INTO event_facet_cells VALUES ({values(row)}, 1) ON CONFLICT DO UPDATE SET n = n + 1;\n{actors}"

    def remove(row: str) -> str:
        actors = "".join(
            f"UPDATE event_actor_cells SET n = n - 1 WHERE actor = {row}.{col} AND {matches(row)};\n"
            for col in ("source_name", "target_name")
        )
        return (
            f"UPDATE event_facet_cells SET n = n - 1 WHERE {matches(row)};\n{actors}"
            "DELETE FROM event_facet_cells WHERE n <= 0;\nDELETE FROM event_actor_cells WHERE n <= 0;\n"
        )

    watched = "type, country_code, article_source, event_date, source_name, target_name"
    _script(conn,
        f"""
        CREATE TRIGGER events_cells_ai AFTER INSERT ON events BEGIN
        {add("new")}END;
        CREATE TRIGGER events_cells_ad AFTER DELETE ON events BEGIN
        {remove("old")}END;
        CREATE TRIGGER events_cells_au AFTER UPDATE OF {watched} ON events BEGIN
        {remove("old")}{add("new")}END;
        """
    )
    group = ", ".join(_CELL_DIMENSIONS.values())
    conn.execute(f"INSERT INTO event_facet_cells SELECT {group}, count(*) FROM events r GROUP BY {', '.join(f'{i + 1}' for i in range(4))}")
    for col in ("source_name", "target_name"):
        conn.execute(
            f"INSERT INTO event_actor_cells SELECT r.{col}, {group}, count(*) FROM events r WHERE r.{col} IS NOT NULL "
            "GROUP BY 1, 2, 3, 4, 5 ON CONFLICT DO UPDATE SET n = n + excluded.n"
        )


#: Named migration steps, in order. Never edit or reorder a released step: add a new one.
MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("0001_tables", _initial),
    ("0002_fts", _fts),
    ("0003_rtree", _rtree),
    ("0004_watch_state", _watch_state),
    ("0005_query_indexes", _query_indexes),
    ("0006_watch_seen", _watch_seen),
    ("0007_facet_cells", _facet_cells),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order they ran."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY id")]


def _run_step(conn: sqlite3.Connection, name: str, step: Callable[[sqlite3.Connection], None]) -> bool:
    """Run one step and record it in one transaction; False if another process ran it first."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        step(conn)
        conn.execute(
            "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
            (name, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
        )
        conn.execute("COMMIT")
        return True
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Bring the database up to date; returns the names of the steps run now (none if current).

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step opens its own
    transaction.
    """
    done = set(applied(conn))
    ran: list[str] = []
    for name, step in MIGRATIONS:
        if name not in done and _run_step(conn, name, step):
            ran.append(name)
    # Fields added to the record classes since the database was made become new columns.
    for table in TABLES:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for column, sql_type in table_columns(table):
            if column not in have:
                name = f"add_column:{table}.{column}"

                def add(c: sqlite3.Connection, table: str = table, column: str = column, sql_type: str = sql_type) -> None:
                    c.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {sql_type}')

                if _run_step(conn, name, add):
                    ran.append(name)
    return ran

"""The output folder of ``dateline batch``: Parquet files per table and shard, and the manifest.

Layout of ``DIR``::

    DIR/articles/part-<shard id>.parquet     one row per article (columns: dateline.tables)
    DIR/entities/ actors/ places/ times/ quotes/ events/   one row per item, with article_id and idx
    DIR/rejects/part-<shard id>.parquet      records that could not be read or analysed: shard, source, reason
    DIR/_manifest.sqlite                     the plan (options, shards) and which shards are done

Every shard writes one file to every table folder (possibly with no rows), each to a hidden
temporary name renamed into place, so a file is either complete or absent. A shard counts as done
only once the manifest says so, after all its files are in place; a shard redone after a crash
rewrites the same file names, so nothing is ever written twice.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..tables import ITEM_TABLES, columns
from .shards import Shard

__all__ = ["REJECT_COLUMNS", "TABLES", "Manifest", "arrow_schema", "write_shard"]

#: Every table folder, in a fixed order.
TABLES: tuple[str, ...] = ("articles", *ITEM_TABLES, "rejects")

#: Columns of the rejects table: the shard, the record (file:line, URL or file) and why it was rejected.
REJECT_COLUMNS = ("shard", "source", "reason")

MANIFEST = "_manifest.sqlite"
LOCK = "_manifest.lock"


def arrow_schema(table: str) -> Any:
    """The Arrow schema of a table, derived from :mod:`dateline.tables` (JSON columns are strings)."""
    import pyarrow as pa

    if table == "rejects":
        return pa.schema([pa.field(name, pa.string(), nullable=name != "shard") for name in REJECT_COLUMNS])
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "json": pa.string()}
    fields = []
    if table != "articles":
        fields += [pa.field("article_id", pa.string(), nullable=False), pa.field("idx", pa.int64(), nullable=False)]
    fields += [pa.field(c.name, types[c.kind], nullable=c.nullable) for c in columns(table)]
    return pa.schema(fields)


def shard_file(out_dir: str | Path, table: str, shard_id: str) -> Path:
    return Path(out_dir) / table / f"part-{shard_id}.parquet"


def write_shard(out_dir: str | Path, shard_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write one shard's rows to every table, each file atomically (temporary name, then rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table in TABLES:
        final = shard_file(out_dir, table, shard_id)
        final.parent.mkdir(parents=True, exist_ok=True)
        # Hidden name: DuckDB's *.parquet globs and pyarrow datasets never pick up a half-written file.
        tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
        pq.write_table(pa.Table.from_pylist(rows.get(table, []), schema=arrow_schema(table)), tmp, compression="zstd")
        os.replace(tmp, final)


class Manifest:
    """The plan and progress of one output folder, in SQLite; one driver at a time holds it.

    ``options`` (inputs, shard size, stages, model, publication date) fix the plan: a rerun with
    the same options resumes, one with different options is refused rather than mixing outputs.
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        # An advisory lock: a second driver on the same folder would redo the same shards.
        self._lock = open(self.dir / LOCK, "w")  # noqa: SIM115 - held for the manifest's lifetime
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise ConfigError(f"another dateline batch is writing {self.dir}") from None
        self.db = sqlite3.connect(self.dir / MANIFEST)
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shards (
                id TEXT PRIMARY KEY, seq INTEGER NOT NULL, shard TEXT NOT NULL,
                done INTEGER NOT NULL DEFAULT 0, articles INTEGER, rejects INTEGER,
                seconds REAL, peak_mb REAL, finished_at TEXT
            );
            """
        )

    def options(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'options'").fetchone()
        return json.loads(row[0]) if row else None

    def planned(self) -> bool:
        return self.db.execute("SELECT value FROM meta WHERE key = 'planned'").fetchone() is not None

    def check_options(self, options: dict[str, Any]) -> None:
        """Record ``options`` on first use; refuse different ones later."""
        known = self.options()
        if known is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('options', ?)", (json.dumps(options, sort_keys=True),))
            return
        differ = sorted(k for k in set(known) | set(options) if known.get(k) != options.get(k))
        if differ:
            raise ConfigError(
                f"{self.dir} holds a run with other options ({', '.join(differ)} differ); "
                "rerun with the same options to resume, or use a new --out"
            )

    def set_plan(self, shards: list[Shard]) -> None:
        """Record the shards, once, in one transaction."""
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO shards (id, seq, shard) VALUES (?, ?, ?)",
                [(s.id, i, json.dumps(s.to_dict(), sort_keys=True)) for i, s in enumerate(shards)],
            )
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('planned', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))

    def shards(self, *, pending: bool = False) -> list[Shard]:
        sql = "SELECT shard FROM shards" + (" WHERE done = 0" if pending else "") + " ORDER BY seq"
        return [Shard.from_dict(json.loads(row[0])) for row in self.db.execute(sql)]

    def mark_done(self, result: dict[str, Any]) -> None:
        """Record a finished shard (its files are already in place)."""
        with self.db:
            self.db.execute(
                "UPDATE shards SET done = 1, articles = ?, rejects = ?, seconds = ?, peak_mb = ?, finished_at = ? WHERE id = ?",
                (result["articles"], result["rejects"], result["seconds"], result["peak_mb"],
                 time.strftime("%Y-%m-%dT%H:%M:%S"), result["shard"]),
            )

    def totals(self) -> dict[str, int]:
        shards, done, articles, rejects = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(done), 0), COALESCE(SUM(articles), 0), COALESCE(SUM(rejects), 0) FROM shards"
        ).fetchone()
        return {"shards": shards, "done": done, "articles": articles, "rejects": rejects}

    def close(self) -> None:
        self.db.close()
        self._lock.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def remove_temporaries(out_dir: str | Path) -> None:
    """Delete temporary files a killed run left behind (only while holding the manifest lock)."""
    for table in TABLES:
        for tmp in (Path(out_dir) / table).glob(".part-*.tmp-*"):
            tmp.unlink(missing_ok=True)

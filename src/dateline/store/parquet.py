"""Load the Parquet output of ``dateline batch`` into the store (``dateline ingest --from-parquet``).

The unit of work is the batch shard: one ``part-<shard>.parquet`` file per table. A shard's rows
are streamed a row group batch at a time (items follow their articles' order in the files the
batch workers write), each batch committed in one transaction through :meth:`Store.load_rows`, so
memory stays bounded by the batch, not the shard or the run. Once all its rows are in, the shard is
recorded in ``_parquet_loads`` with a fingerprint of its files: a rerun skips shards loaded with
the same files and reloads the rest. Reloading is always safe, because each article replaces its
stored version, so a load killed mid-shard simply redoes that shard.

Where the folder has the batch manifest, only shards it marks done are loaded (a shard still being
written may have some tables and not others); the others are reported as pending.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..tables import ITEM_TABLES
from . import Store, StoreError

__all__ = ["ParquetLoad", "load_parquet"]

MANIFEST = "_manifest.sqlite"  # as dateline.batch.output.MANIFEST (not imported: the store does not need the batch engines)


@dataclasses.dataclass
class ParquetLoad:
    """What a load did, per shard: loaded now, skipped (loaded before), failed; and the rejects seen."""

    shards: int = 0
    loaded: int = 0
    skipped: int = 0
    pending: list[str] = dataclasses.field(default_factory=list)  # shards the batch manifest has not marked done
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (shard, error)
    articles: int = 0
    rejects: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # rows of the rejects table: shard, source, reason


def _shard_ids(folder: Path) -> tuple[list[str], list[str]]:
    """(shards to load, shards the batch has not finished), in the batch's order when it left a manifest."""
    manifest = folder / MANIFEST
    if manifest.is_file():
        uri = "file:" + manifest.resolve().as_posix() + "?mode=ro"
        try:
            with sqlite3.connect(uri, uri=True, timeout=5) as db:
                rows = db.execute("SELECT id, done FROM shards ORDER BY seq").fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{manifest}: {exc}") from exc
        return [i for i, done in rows if done], [i for i, done in rows if not done]
    # Plain Parquet (copied without the manifest): every complete file is a finished shard.
    return sorted(p.stem.removeprefix("part-") for p in (folder / "articles").glob("part-*.parquet")), []


def _files(folder: Path, shard: str) -> dict[str, Path]:
    files = {table: folder / table / f"part-{shard}.parquet" for table in ("articles", *ITEM_TABLES)}
    missing = [table for table, path in files.items() if not path.is_file()]
    if missing:
        raise StoreError(f"missing {', '.join(missing)} file(s) for shard {shard}")
    return files


def _fingerprint(files: dict[str, Path]) -> str:
    """Size and modification time of each file: a batch rerun into this folder rewrites them."""
    return json.dumps({t: [p.stat().st_size, p.stat().st_mtime_ns] for t, p in sorted(files.items())})


def _rows(path: Path, batch_size: int) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as pf:
        for batch in pf.iter_batches(batch_size=batch_size):
            yield from batch.to_pylist()


def _in_article_order(files: dict[str, Path]) -> bool:
    """True if every item row belongs to a shard article and rows come in article order (cheap: id columns only)."""
    import pyarrow.parquet as pq

    order = {aid: i for i, aid in enumerate(pq.read_table(files["articles"], columns=["id"]).column("id").to_pylist())}
    for table in ITEM_TABLES:
        positions = [order.get(aid, -1) for aid in pq.read_table(files[table], columns=["article_id"]).column("article_id").to_pylist()]
        if any(p < 0 for p in positions) or any(a > b for a, b in zip(positions, positions[1:])):
            return False
    return True


def _batches(files: dict[str, Path], size: int) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """The shard's rows, ``size`` articles at a time, each with all its item rows."""
    items = {table: _rows(path, size * 8) for table, path in files.items() if table != "articles"}
    ahead: dict[str, dict[str, Any] | None] = {table: next(it, None) for table, it in items.items()}
    articles = _rows(files["articles"], size)
    while True:
        chunk = [row for _, row in zip(range(size), articles)]
        if not chunk:
            leftover = [table for table, row in ahead.items() if row is not None]
            if leftover:  # cannot happen after _in_article_order; a guard against loading items silently short
                raise StoreError(f"{', '.join(leftover)} rows left after the last article")
            return
        ids = {row["id"] for row in chunk}
        out: dict[str, list[dict[str, Any]]] = {"articles": chunk}
        for table, it in items.items():
            out[table] = []
            while ahead[table] is not None and ahead[table]["article_id"] in ids:  # type: ignore[index]
                out[table].append(ahead[table])  # type: ignore[arg-type]
                ahead[table] = next(it, None)
        yield out


def load_parquet(
    store: Store,
    folder: str | Path,
    *,
    force: bool = False,
    batch_size: int = 64,
    on_shard: Callable[[str, int, str | None], None] | None = None,
) -> ParquetLoad:
    """Load every finished shard of a ``dateline batch`` output folder into ``store``.

    Shards already loaded from the same files are skipped unless ``force``. ``batch_size``:
    articles per transaction. ``on_shard(shard, articles, error)`` after each shard (error None
    when loaded). A shard that fails (unreadable file, rows that do not fit) is reported and the
    load goes on; the batches of it committed before the failure stay, and a rerun redoes it.
    """
    import pyarrow.parquet as pq

    folder = Path(folder)
    if not (folder / "articles").is_dir():
        raise StoreError(f"{folder}: no articles/ table (not the output folder of `dateline batch`)")
    stages = ""
    if (folder / MANIFEST).is_file():
        try:
            with sqlite3.connect("file:" + (folder / MANIFEST).resolve().as_posix() + "?mode=ro", uri=True) as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'options'").fetchone()
            stages = ",".join(json.loads(row[0]).get("stages", [])) if row else ""
        except sqlite3.Error as exc:
            raise StoreError(f"{folder / MANIFEST}: {exc}") from exc
    conn = store.conn
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _parquet_loads (shard TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
        "articles INTEGER NOT NULL, loaded_at TEXT NOT NULL)"
    )
    shards, pending = _shard_ids(folder)
    result = ParquetLoad(shards=len(shards) + len(pending), pending=pending)
    for shard in shards:
        loaded = 0
        try:
            files = _files(folder, shard)
            fingerprint = _fingerprint(files)
            seen = conn.execute("SELECT fingerprint FROM _parquet_loads WHERE shard = ?", (shard,)).fetchone()
            if seen and seen[0] == fingerprint and not force:
                result.skipped += 1
                continue
            stage_list = stages.split(",") if stages else ()
            if _in_article_order(files):
                for rows in _batches(files, batch_size):
                    loaded += store.load_rows(rows, stages=stage_list)
            else:
                # Files not written by dateline batch: load the shard whole, in one transaction (which
                # load_rows refuses, before writing anything, if an item's article is missing).
                loaded = store.load_rows({t: pq.read_table(p).to_pylist() for t, p in files.items()}, stages=stage_list)
            conn.execute(
                "INSERT OR REPLACE INTO _parquet_loads VALUES (?, ?, ?, ?)",
                (shard, fingerprint, loaded, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
            )
        except (OSError, ValueError, KeyError, sqlite3.Error, StoreError) as exc:
            # pyarrow's errors (ArrowInvalid, ArrowIOError) are ValueError/OSError subclasses.
            result.failed.append((shard, f"{type(exc).__name__}: {exc}"))
            result.articles += loaded
            if on_shard:
                on_shard(shard, loaded, str(exc))
            continue
        result.loaded += 1
        result.articles += loaded
        if on_shard:
            on_shard(shard, loaded, None)
    rejects = folder / "rejects"
    if rejects.is_dir():
        done = set(shards)
        for path in sorted(rejects.glob("part-*.parquet")):
            if path.stem.removeprefix("part-") in done:
                result.rejects.extend(pq.read_table(path).to_pylist())
    return result

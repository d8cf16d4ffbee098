"""Deterministic shards of the input: each file cut into ranges of records, and the readers for them.

A :class:`Shard` is one range of records of one file (``count`` JSONL lines, WARC response records
or Parquet rows from ``start``), with the byte offset where that range begins so a worker seeks
straight to it. The same inputs and shard size always give the same shards with the same ids, which
is what makes a rerun skip exactly the shards that are done and rewrite the same output files.

Paths are local files or folders, or URLs that ``pyarrow.fs`` opens (``s3://``, ``gs://``,
``hdfs://``, ``file://``); folders are walked for files with the suffixes in :data:`BATCH_FORMATS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import io
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..errors import InputError
from ..ingest import warc_articles
from ..models import Article

__all__ = ["BATCH_FORMATS", "Shard", "expand_batch_inputs", "plan_file", "read_shard"]

#: Batch input formats by file-name suffix (checked in this order).
BATCH_FORMATS: dict[str, str] = {
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc.gz": "warc",
    ".warc": "warc",
    ".parquet": "parquet",
}

#: Columns read from Parquet input (``text`` is required, the rest optional), as in JSONL records.
PARQUET_COLUMNS = ("id", "text", "title", "url", "published", "source")


@dataclasses.dataclass(frozen=True)
class Shard:
    """``count`` records of ``path`` from record ``start`` (0-based), beginning at byte ``offset``.

    ``fmt`` is ``jsonl``, ``warc``, ``parquet``, or ``error`` for an input that could not be planned
    (``reason`` says why; processing it records one reject). For JSONL, records are physical lines
    and ``offset`` is in the decompressed stream; for WARC, records are response records and
    ``offset`` is in the file (each record of a .warc.gz is its own gzip member, so it is seekable).
    """

    path: str
    fmt: str
    start: int = 0
    count: int = 0
    offset: int = 0
    reason: str | None = None

    @property
    def id(self) -> str:
        """Stable name: a hash of the path and the first record number (also the output file stem)."""
        digest = hashlib.sha1(self.path.encode("utf-8")).hexdigest()[:12]
        return f"{digest}-{self.start:010d}"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Shard:
        return cls(**data)


def _is_url(path: str) -> bool:
    return "://" in path


def _format_of(path: str) -> str | None:
    name = path.lower().rstrip("/")
    for suffix, fmt in BATCH_FORMATS.items():
        if name.endswith(suffix):
            return fmt
    return None


def expand_batch_inputs(inputs: Iterable[str]) -> list[str]:
    """Files to read: local folders walked recursively (sorted, hidden entries skipped), everything else as given.

    Local paths become absolute, so a rerun from another working directory finds the same shards.
    """
    files: list[str] = []
    for item in inputs:
        if _is_url(item):
            files.append(item)
        elif os.path.isdir(item):
            for root, dirs, names in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith(".") and _format_of(name):
                        files.append(os.path.abspath(os.path.join(root, name)))
        else:
            files.append(os.path.abspath(item))
    return files


def _open(path: str) -> IO[bytes]:
    """A seekable binary stream over a local file or a URL pyarrow understands."""
    if _is_url(path):
        import pyarrow.fs

        fs, inner = pyarrow.fs.FileSystem.from_uri(path)
        # Buffered: pyarrow's files read and seek but cannot be iterated by line.
        return io.BufferedReader(fs.open_input_file(inner))  # type: ignore[arg-type]
    return open(path, "rb")


def _cannot_read(path: str, exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {type(exc).__name__}: {exc}"


# --- planning ---------------------------------------------------------------------------


def plan_file(path: str, shard_size: int) -> list[Shard]:
    """Cut one file into shards of ``shard_size`` records; an unreadable file becomes one ``error`` shard."""
    fmt = _format_of(path)
    if fmt is None:
        suffixes = ", ".join(BATCH_FORMATS)
        return [Shard(path, "error", reason=f"unknown input format (expected one of {suffixes})")]
    try:
        shards = {"jsonl": _plan_jsonl, "warc": _plan_warc, "parquet": _plan_parquet}[fmt](path, shard_size)
    except InputError as exc:
        return [Shard(path, "error", reason=exc.reason)]
    except Exception as exc:  # noqa: BLE001 - any failure to read a file is reported as that file's reject
        return [Shard(path, "error", reason=_cannot_read(path, exc))]
    return shards or [Shard(path, "error", reason="empty: no records")]


def _plan_jsonl(path: str, size: int) -> list[Shard]:
    shards: list[Shard] = []
    start = offset = position = n = 0
    with _open(path) as raw:
        stream = gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw
        for line in stream:
            if n - start == size:
                shards.append(Shard(path, "jsonl", start, size, offset))
                start, offset = n, position
            n += 1
            position += len(line)
    if n > start:
        shards.append(Shard(path, "jsonl", start, n - start, offset))
    return shards


def _plan_warc(path: str, size: int) -> list[Shard]:
    from warcio.archiveiterator import ArchiveIterator

    shards: list[Shard] = []
    n = start = offset = 0
    with _open(path) as raw:
        records = ArchiveIterator(raw)
        for record in records:
            if record.rec_type != "response":
                continue
            if n % size == 0:
                if n:
                    shards.append(Shard(path, "warc", start, size, offset))
                # (reads the record to its end: fine here, the planner needs no payloads)
                start, offset = n, records.get_record_offset()
            n += 1
    if n > start:
        shards.append(Shard(path, "warc", start, n - start, offset))
    return shards


def _plan_parquet(path: str, size: int) -> list[Shard]:
    import pyarrow.parquet as pq

    with _open(path) as raw:
        meta = pq.ParquetFile(raw)
        if "text" not in meta.schema_arrow.names:
            raise InputError(path, "no 'text' column")
        rows = meta.metadata.num_rows
    return [Shard(path, "parquet", start, min(size, rows - start)) for start in range(0, rows, size)]


# --- reading ----------------------------------------------------------------------------


def read_shard(shard: Shard, published: str | None = None) -> Iterator[Article | InputError]:
    """The shard's articles in input order, with an InputError for each record that cannot be read.

    A file that fails part-way yields one InputError for the rest of the shard and stops.
    """
    if shard.fmt == "error":
        yield InputError(shard.path, shard.reason or "unreadable input")
        return
    reader = {"jsonl": _read_jsonl, "warc": _read_warc, "parquet": _read_parquet}[shard.fmt]
    try:
        yield from reader(shard, published)
    except Exception as exc:  # noqa: BLE001 - a broken file rejects the rest of its shard, never the job
        yield InputError(f"{shard.path} (records {shard.start + 1}–{shard.start + shard.count})", _cannot_read(shard.path, exc))


def _read_jsonl(shard: Shard, published: str | None) -> Iterator[Article | InputError]:
    from ..ingest import jsonl_article

    with _open(shard.path) as raw:
        stream = gzip.GzipFile(fileobj=raw) if shard.path.lower().endswith(".gz") else raw
        stream.seek(shard.offset)  # forward seek in a gzip stream decompresses up to it
        for i in range(shard.count):
            line = stream.readline()
            where = f"{shard.path}:{shard.start + i + 1}"
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(where, f"not valid UTF-8 (bad byte at offset {exc.start})")
                continue
            if i == 0 and shard.start == 0:
                text = text.removeprefix("\ufeff")
            if text.strip():
                try:
                    yield jsonl_article(text, where, published)
                except InputError as exc:
                    yield exc


def _read_warc(shard: Shard, published: str | None) -> Iterator[Article | InputError]:
    with _open(shard.path) as raw:
        raw.seek(shard.offset)
        yield from warc_articles(raw, shard.path, published, first=shard.start, count=shard.count)


def _read_parquet(shard: Shard, published: str | None) -> Iterator[Article | InputError]:
    import pyarrow.parquet as pq

    from ..ingest import record_article

    with _open(shard.path) as raw:
        pf = pq.ParquetFile(raw)
        columns = [c for c in PARQUET_COLUMNS if c in pf.schema_arrow.names]
        # Only the row groups that overlap the shard's rows are read.
        groups, first_row, row = [], None, 0
        for g in range(pf.metadata.num_row_groups):
            n = pf.metadata.row_group(g).num_rows
            if row + n > shard.start and row < shard.start + shard.count:
                groups.append(g)
                first_row = row if first_row is None else first_row
            row += n
        table = pf.read_row_groups(groups, columns=columns).slice(shard.start - (first_row or 0), shard.count)
    for i, record in enumerate(table.to_pylist()):
        where = f"{shard.path}:row {shard.start + i + 1}"
        if isinstance(record.get("published"), dt.date):  # date and timestamp columns
            record["published"] = record["published"].isoformat()
        if isinstance(record.get("id"), bytes | bytearray):
            record["id"] = record["id"].decode("utf-8", "replace")
        try:
            yield record_article(record, where, published)
        except InputError as exc:
            yield exc


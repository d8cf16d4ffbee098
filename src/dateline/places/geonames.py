"""The full GeoNames tier: an index built from a GeoNames dump (``allCountries.zip``, a
country file such as ``IQ.zip``, or the ``.txt`` inside one).

This tier holds what the embedded data lacks: facilities such as military bases ("Camp
Taji") and airports, villages under 500 people, hills and rivers, and GeoNames' own points
for countries and administrative areas. It is built by ``dateline gazetteer install`` into
``<cache dir>/geonames.sqlite`` and, once there, consulted before the embedded tier.

Dump format (https://download.geonames.org/export/dump/readme.txt): one place a line, 19
tab-separated columns: geonameid, name, asciiname, alternatenames (comma-separated),
latitude, longitude, feature class, feature code, country code, cc2, admin1 .. admin4,
population, elevation, dem, timezone, modification date.

Attribution: GeoNames (https://www.geonames.org/), CC BY 4.0.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from ..errors import InputError
from .gazetteer import KIND_ALTERNATE, KIND_NAME, SQLiteSource, _useful_alternate, default_cache_dir, write_index

__all__ = ["DOWNLOAD_URL", "GeoNamesSource", "default_index_path", "download_url", "dump_records", "install"]

#: Where GeoNames publishes its dumps; ``$DATELINE_GEONAMES_URL`` overrides it (mirrors, tests).
DOWNLOAD_URL = "https://download.geonames.org/export/dump/"
COLUMNS = 19
INDEX_NAME = "geonames.sqlite"

Progress = Callable[[int, int], None]  # (bytes done, bytes in all; 0 when unknown)


def default_index_path() -> Path:
    """``<cache dir>/geonames.sqlite``."""
    return default_cache_dir() / INDEX_NAME


def download_url(name: str) -> str:
    """The URL of a dump by file stem: ``allCountries``, ``IQ``, ``cities500``..."""
    base = os.environ.get("DATELINE_GEONAMES_URL") or DOWNLOAD_URL
    return base.rstrip("/") + f"/{name}.zip"


class GeoNamesSource(SQLiteSource):
    """The index built from a GeoNames dump."""

    tier = "geonames"

    def __init__(self, path: str | Path | None = None) -> None:
        path = Path(path) if path else default_index_path()
        if not path.exists():
            raise InputError(str(path), "no GeoNames index here: run `dateline gazetteer install`")
        self._open(path)
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        self.version = row[0] if row else "geonames"


def _open_dump(path: Path) -> tuple[IO[bytes], int]:
    """The dump's text stream and its size in bytes, from a zip or a plain file."""
    if zipfile.is_zipfile(path):
        try:
            archive = zipfile.ZipFile(path)
            members = [
                m for m in archive.infolist() if m.filename.endswith(".txt") and "readme" not in m.filename.lower()
            ]
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(str(path), f"not a readable zip archive ({exc})") from None
        if not members:
            raise InputError(str(path), "the zip archive holds no GeoNames .txt file")
        member = max(members, key=lambda m: m.file_size)
        return archive.open(member), member.file_size
    if path.suffix.lower() == ".zip":
        raise InputError(str(path), "truncated or corrupt zip archive (no zip directory found)")
    return path.open("rb"), path.stat().st_size


def _lines(path: Path, progress: Progress | None) -> Iterator[tuple[int, str]]:
    stream, total = _open_dump(path)
    done = 0
    try:
        with stream:
            for lineno, raw in enumerate(stream, start=1):
                done += len(raw)
                if progress and lineno % 10_000 == 0:
                    progress(done, total)
                try:
                    yield lineno, raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    raise InputError(f"{path}:{lineno}", "not UTF-8 text: not a GeoNames dump") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(str(path), f"truncated or corrupt zip archive ({exc})") from None
    if progress:
        progress(done, total)


def dump_records(path: str | Path, progress: Progress | None = None) -> Iterator[tuple[tuple, list[tuple[str, int]]]]:
    """Index records (place row, names) from a GeoNames dump; a malformed line or an empty
    dump is an :class:`InputError` naming the file (and line)."""
    path = Path(path)
    count = 0
    for lineno, line in _lines(path, progress):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != COLUMNS:
            raise InputError(
                f"{path}:{lineno}",
                f"not a GeoNames dump line (expected {COLUMNS} tab-separated columns, found {len(cols)})",
            )
        try:
            geonameid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError:
            raise InputError(
                f"{path}:{lineno}", "not a GeoNames dump line (bad id, coordinates or population)"
            ) from None
        feature = f"{cols[6]}.{cols[7]}" if cols[7] else cols[6]
        row = (geonameid, cols[1], lat, lon, feature, cols[8] or None, cols[10] or None, population)
        names = [(cols[1], KIND_NAME)]
        if cols[2] and cols[2] != cols[1]:
            names.append((cols[2], KIND_NAME))  # the ASCII spelling is the same name
        names += [(alt, KIND_ALTERNATE) for alt in cols[3].split(",") if _useful_alternate(alt)]
        count += 1
        yield row, names
    if count == 0:
        raise InputError(str(path), "no places in this file: not a GeoNames dump, or an empty one")


def _download(url: str, dest: Path, progress: Progress | None) -> None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=60) as response, dest.open("wb") as out:  # noqa: S310 - user-given URL
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        if total and done < total:
            raise InputError(url, f"download cut short ({done} of {total} bytes)")
    except (urllib.error.URLError, OSError) as exc:
        raise InputError(url, f"cannot download ({exc})") from None


def install(
    source: str | Path | Sequence[str | Path],
    index: str | Path | None = None,
    *,
    download_progress: Progress | None = None,
    build_progress: Progress | None = None,
) -> tuple[Path, int]:
    """Build the GeoNames index from one or more dump files or URLs (``IQ.zip`` and
    ``SY.zip`` together make one index); returns (index path, places).

    The index is replaced only once the new one is complete: a truncated, malformed or
    empty dump raises :class:`InputError` and leaves an existing index as it was.
    """
    sources = [source] if isinstance(source, (str, Path)) else list(source)
    if not sources:
        raise InputError("gazetteer install", "no dump given")
    index = Path(index) if index else default_index_path()
    tmp_dir = None
    try:
        dumps = []
        for item in sources:
            text = str(item)
            if text.startswith(("http://", "https://")):
                if tmp_dir is None:
                    index.parent.mkdir(parents=True, exist_ok=True)
                    tmp_dir = Path(tempfile.mkdtemp(prefix="geonames-download.", dir=index.parent))
                dump = tmp_dir / f"{len(dumps)}-{Path(text.split('?')[0]).name or 'dump.zip'}"
                _download(text, dump, download_progress)
            else:
                dump = Path(item)
                if not dump.is_file():
                    raise InputError(text, "no such file")
            dumps.append(dump)
        count = 0

        def records() -> Iterator[tuple[tuple, list[tuple[str, int]]]]:
            nonlocal count
            for dump in dumps:
                for record in dump_records(dump, build_progress):
                    count += 1
                    yield record

        version = "geonames-" + "+".join(Path(str(s).split("?")[0]).stem for s in sources)
        write_index(index, records(), version, tier="geonames")
        return index, count
    finally:
        if tmp_dir is not None:
            shutil.rmtree(tmp_dir, ignore_errors=True)

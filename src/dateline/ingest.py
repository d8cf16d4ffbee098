"""Read articles from plain text, HTML, JSONL (optionally gzipped), folders and stdin.

:func:`read_inputs` yields one :class:`~dateline.models.Article` per article, or an
:class:`~dateline.errors.InputError` for an input that cannot be read, so a caller
can report it and go on with the rest of the batch.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .models import Article

__all__ = [
    "FORMATS", "article_id", "count_articles", "expand_paths", "html_article", "jsonl_article", "normalise_date",
    "read_inputs", "record_article",
]

#: Input formats by file-name suffix. Anything else given explicitly is read as plain text.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
}

STDIN = "-"
MAX_BYTES = 50 * 1024 * 1024  # a single text/HTML article larger than this is not an article


def article_id(text: str) -> str:
    """A deterministic id for an article that came without one: a hash of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise_date(value: object) -> str | None:
    """Return ``YYYY-MM-DD`` for a date or ISO date-time string, else None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError as exc:
        raise ValueError(f"not an ISO date: {value!r}") from exc


def _suffix_format(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, fmt in FORMATS.items():
        if name.endswith(suffix):
            return fmt
    return None


def expand_paths(inputs: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Expand inputs to ``(path, format)`` pairs; folders are walked recursively in sorted order.

    Inside folders only files with a known suffix are taken (hidden files are skipped);
    a file named explicitly is read as plain text when its suffix is unknown.
    """
    for item in inputs:
        if item == STDIN:
            yield STDIN, "auto"
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    fmt = _suffix_format(child)
                    if fmt and not name.startswith("."):
                        yield str(child), fmt
        else:
            yield item, _suffix_format(path) or "text"


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid UTF-8 text (bad byte at offset {exc.start})") from None
    return text


def _read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(path, f"file too large for one article ({size:,} bytes)")
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _text_article(text: str, source: str, published: str | None) -> Article:
    if not text.strip():
        raise InputError(source, "empty: no text")
    name = "<stdin>" if source == STDIN else Path(source).name
    return Article(id=article_id(text), text=text, published=published, source=name,
                   published_source="input" if published else None)


def html_article(html: str, source: str, published: str | None, *, url: str | None = None) -> Article:
    """An Article from an HTML page (trafilatura's main text, title, date, URL and site name).

    ``source`` names the page in errors; ``url``, where known (a crawled page), is the address it
    was fetched from: the URL when the page states none, and its host the outlet when the page
    names none (else the file name is). Raises :class:`InputError`.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken markup
        raise InputError(source, f"unparsable HTML ({type(exc).__name__}: {exc})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(source, "no article text found in the HTML")
    found_date = None
    try:
        found_date = normalise_date(getattr(doc, "date", None))
    except ValueError:
        found_date = None
    if url:
        from urllib.parse import urlsplit

        name = urlsplit(url).hostname or url
    else:
        name = "<stdin>" if source == STDIN else Path(source).name
    return Article(
        id=article_id(text),
        text=text,
        title=getattr(doc, "title", None) or None,
        url=getattr(doc, "url", None) or url or None,
        published=found_date or published,
        published_source="input" if (found_date or published) else None,
        source=getattr(doc, "sitename", None) or name,
    )


def jsonl_article(line: str, where: str, published: str | None) -> Article:
    """An Article from one JSONL line; ``where`` (``file:line``) names it in errors. Raises :class:`InputError`."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    return record_article(record, where, published)


def record_article(record: dict, where: str, published: str | None) -> Article:
    """An Article from a mapping with ``text`` and optional ``id``, ``title``, ``url``, ``published``, ``source``.

    The one validation for JSONL lines and table rows (Parquet input of ``dateline batch``);
    ``where`` names the record in errors. Raises :class:`InputError` for a bad record.
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no 'text' (a non-empty string is required)")
    warnings: list[str] = []
    try:
        record_published = normalise_date(record.get("published"))
    except ValueError as exc:
        record_published = None
        warnings.append(f"ignored 'published': {exc}")
    given_id = record.get("id")
    if given_id is not None and not isinstance(given_id, (str, int)):
        raise InputError(where, "'id' must be a string or a number")
    fields = {}
    for key in ("title", "url", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"'{key}' must be a string")
        fields[key] = value or None
    article = Article(
        id=str(given_id) if given_id is not None and str(given_id) else article_id(text),
        text=text,
        published=record_published or published,
        published_source="input" if (record_published or published) else None,
        **fields,
    )
    article.warnings.extend(warnings)
    return article


def _iter_lines(path: str) -> Iterator[str]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as raw:  # type: ignore[operator]
        yield from io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict")


def _jsonl_items(lines: Iterable[str], name: str, published: str | None) -> Iterator[Article | InputError]:
    """An Article or InputError per non-blank JSONL line of ``lines`` (a file's or stdin's), named ``name:line``."""
    seen = False
    lineno = 0
    try:
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            seen = True
            try:
                yield jsonl_article(line, f"{name}:{lineno}", published)
            except InputError as exc:
                yield exc
    except FileNotFoundError:
        yield InputError(name, "no such file")
        return
    except UnicodeDecodeError as exc:
        yield InputError(f"{name}:{lineno + 1}", f"not valid UTF-8 (bad byte at offset {exc.start}); rest of file skipped")
        return
    except (OSError, EOFError) as exc:
        yield InputError(name, f"cannot read: {exc}")
        return
    if not seen:
        yield InputError(name, "empty: no JSON lines")


def read_inputs(inputs: Iterable[str], *, published: str | None = None) -> Iterator[Article | InputError]:
    """Yield an Article per article in ``inputs`` (paths, folders or ``-``), or an InputError per bad input.

    published: the publication date (``YYYY-MM-DD``) for articles whose input gives none.
    """
    for path, fmt in expand_paths(inputs):
        if fmt == "jsonl":
            yield from _jsonl_items(_iter_lines(path), path, published)
            continue
        try:
            data = _read_bytes(path)
            source = "<stdin>" if path == STDIN else path
            if fmt == "auto":
                fmt = _sniff(data)
                if fmt == "jsonl":
                    text = _decode(data, source)
                    yield from _jsonl_items(text.splitlines(), "<stdin>", published)
                    continue
            text = _decode(data, source)
            if fmt == "html":
                yield html_article(text, source, published)
            else:
                yield _text_article(text, path, published)
        except InputError as exc:
            yield exc


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article")):
        return "html"
    return "text"


def count_articles(inputs: Iterable[str]) -> int | None:
    """Count the articles ``inputs`` will yield (for a progress bar), or None when unknown (stdin)."""
    total = 0
    for path, fmt in expand_paths(inputs):
        if path == STDIN:
            return None
        if fmt == "jsonl":
            try:
                opener = gzip.open if path.lower().endswith(".gz") else open
                with opener(path, "rb") as fh:  # type: ignore[operator]
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                total += 1
        else:
            total += 1
    return total

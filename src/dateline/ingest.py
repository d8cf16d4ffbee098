"""Read articles from plain text, HTML, JSONL (optionally gzipped), RSS/Atom feeds, WARC archives,
folders and stdin.

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
from typing import IO, Any

from .errors import InputError
from .models import Article

__all__ = [
    "FORMATS", "article_id", "count_articles", "decode_html", "expand_paths", "feed_articles", "html_article",
    "jsonl_article", "normalise_date", "read_inputs", "record_article", "warc_articles", "warc_responses",
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
    ".ndjson.gz": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
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
            # An .xml file named explicitly is taken for a feed (in folders, sitemaps and the like are not).
            yield item, _suffix_format(path) or ("feed" if path.name.lower().endswith(".xml") else "text")


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


# --- WARC archives ------------------------------------------------------------------------


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def decode_html(payload: bytes, content_type: str | None = None) -> str:
    """A page's text: the charset its HTTP header declares, else trafilatura's guess."""
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    from trafilatura.utils import decode_file  # guesses the encoding of pages that do not declare one

    return decode_file(payload)


def warc_responses(stream: IO[bytes]) -> Iterator[Any]:
    """The response records of a WARC stream (request, metadata and warcinfo records are skipped)."""
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(stream):
        if record.rec_type == "response":
            yield record


def warc_articles(
    stream: IO[bytes], name: str, published: str | None, *, first: int = 0, count: int | None = None
) -> Iterator[Article | InputError]:
    """An Article (or InputError) per HTML response record of a WARC stream, ``count`` of them at
    most; ``first`` numbers the first record in messages. Pages are named by their URL."""
    done = 0
    for record in warc_responses(stream):
        if done == count:
            break
        done += 1
        url = record.rec_headers.get_header("WARC-Target-URI")
        where = url or f"{name} (response record {first + done})"
        content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
        if content_type and "html" not in content_type.lower():
            yield InputError(where, f"not HTML (Content-Type: {content_type})")
            continue
        try:
            yield html_article(decode_html(record.content_stream().read(), content_type), where, published, url=url)
        except InputError as exc:
            yield exc


def _warc_file(path: str, published: str | None) -> Iterator[Article | InputError]:
    try:
        with open(path, "rb") as raw:
            seen = False
            for item in warc_articles(raw, path, published):
                seen = True
                yield item
            if not seen:
                yield InputError(path, "no response records in the WARC file")
    except FileNotFoundError:
        yield InputError(path, "no such file")
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on a truncated or foreign file
        # warcio quotes a foreign file's first line ("Unknown archive format, first line: [...]"): of a binary
        # file that is noise in an error message, so keep what precedes it
        detail = str(exc).split(", first line:")[0].strip()[:120]
        yield InputError(path, f"unreadable WARC ({type(exc).__name__}: {detail}); rest of file skipped")


# --- RSS and Atom feeds --------------------------------------------------------------------

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption"}


def _html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's body), one paragraph per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml's parser errors on broken markup: keep the text as it is
        return html.strip()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in ("script", "style"):
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = [" ".join(p.split()) for p in root.text_content().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _feed_date(value: str | None) -> str | None:
    """An RSS (RFC 822) or Atom (ISO 8601) date as YYYY-MM-DD, or None."""
    if not value or not value.strip():
        return None
    import email.utils

    try:
        return email.utils.parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return normalise_date(value.strip())
    except ValueError:
        return None


def feed_articles(data: bytes, source: str, published: str | None) -> Iterator[Article | InputError]:
    """An Article per item of an RSS 2.0 / RSS 1.0 (RDF) feed or entry of an Atom feed.

    The text is the item's full content (``content:encoded``, Atom ``content``) when the feed
    carries it, else its description or summary: many feeds only carry a summary. The id is the
    item's guid (Atom ``id``), else its link, else a hash of the text, so fetching the same feed
    again updates its items in a store instead of duplicating them. External entities and DTDs
    are never loaded.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        yield InputError(source, f"not a well-formed RSS/Atom feed ({exc})")
        return

    def local(element: Any) -> str:
        return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""

    kind = local(root)
    if kind not in ("rss", "feed", "rdf"):
        yield InputError(source, f"not an RSS or Atom feed (root element <{etree.QName(root).localname}>)")
        return
    channel_title = None
    items = [e for e in root.iter() if local(e) in ("item", "entry")]
    for e in root.iter():
        if local(e) in ("channel", "feed") and channel_title is None:
            channel_title = next((c.text for c in e if local(c) == "title" and c.text), None)
    name = channel_title.strip() if channel_title else ("<stdin>" if source == STDIN else Path(source).name)
    if not items:
        yield InputError(source, "empty: the feed has no items")
        return
    for number, item in enumerate(items, start=1):
        fields: dict[str, str] = {}
        link = None
        for child in item:
            tag = local(child)
            if tag == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = link or href
                elif child.text and child.text.strip():
                    link = link or child.text.strip()
            elif tag == "encoded" or (tag == "content" and child.get("type", "text") in ("html", "xhtml", "text")):
                body = child.text or ""
                if child.get("type") == "xhtml" or len(child):
                    body = "".join(etree.tostring(c, encoding="unicode") for c in child) or body
                fields.setdefault("content", body)
            elif tag in ("title", "description", "summary", "guid", "id", "pubdate", "published", "updated", "date"):
                fields.setdefault(tag, "".join(child.itertext()))
        where = f"{source} (item {number})"
        raw = fields.get("content") or fields.get("description") or fields.get("summary") or ""
        text = _html_fragment_text(raw)
        title = " ".join((fields.get("title") or "").split()) or None
        if not text:
            yield InputError(link or where, "feed item without text (no content, description or summary)")
            continue
        item_date = next((d for d in map(_feed_date, (fields.get(k) for k in ("pubdate", "published", "date", "updated"))) if d), None)
        given_id = (fields.get("guid") or fields.get("id") or link or "").strip()
        yield Article(
            id=given_id or article_id(text),
            text=text,
            title=title,
            url=link,
            published=item_date or published,
            published_source="input" if (item_date or published) else None,
            source=name,
        )


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
        if fmt == "warc":
            yield from _warc_file(path, published)
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
            if fmt == "feed":
                yield from feed_articles(data, source, published)
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
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")) or (head.startswith(b"<?xml") and (b"<rss" in data[:2000].lower() or b"<feed" in data[:2000].lower())):
        return "feed"
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
        elif fmt in ("warc", "feed"):
            return None  # counting would read (and for feeds parse) the whole input once more
        else:
            total += 1
    return total

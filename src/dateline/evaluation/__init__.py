"""``dateline eval``: score the pipeline against gold data in the team's JSONL format.

The gold format (one article per line: ``id``, ``text``, ``published`` and, where a data set
annotates them, ``places``, ``quotes``, ``times``, ``events`` with character offsets) is described
in the README of the evaluation data. Each module of this package scores one kind of item and
defines ``command``, a click command added to ``dateline eval`` under its own name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article
from ..pipeline import Pipeline

__all__ = ["SPLITS", "analyze_gold", "in_split", "read_gold", "write_jsonl"]

SPLITS = ("dev", "test", "all")


def in_split(article_id: str, split: str) -> bool:
    """Whether an article belongs to a split: ``dev`` when the SHA-1 of its id is even, ``test`` when odd.

    A fixed hash of the id (not the file order) keeps the halves stable when a gold file is
    re-ordered or extended. Rules are developed by reading errors of the ``dev`` half only; the
    ``test`` half is held out and reported, so its figures show how well the rules generalise.
    """
    if split == "all":
        return True
    even = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 0
    return even if split == "dev" else not even


def read_gold(path: str | Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records from a JSONL file; a malformed line is an :class:`InputError` naming it."""
    records: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}", f"malformed JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(f"{path}:{lineno}", "a gold record needs a 'text' string")
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def analyze_gold(
    records: Sequence[dict[str, Any]],
    stages: Iterable[str],
    *,
    config: dict[str, dict[str, Any]] | None = None,
    batch_size: int = 32,
    progress: bool = False,
) -> Iterator[tuple[dict[str, Any], Article]]:
    """Run the named stages over gold records' texts (with their publication dates), in order."""
    pipeline = Pipeline.create(list(stages), config or {})
    articles = (
        Article(id=str(r.get("id", i)), text=r["text"], published=r.get("published")) for i, r in enumerate(records)
    )
    outputs = pipeline.pipe(articles, batch_size=batch_size)
    if progress:
        from rich.progress import track

        outputs = track(outputs, total=len(records), description="analysing", transient=True)
    yield from zip(records, outputs)


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as JSONL (for per-item error files); returns the count."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n

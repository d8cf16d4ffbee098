"""Article records as flat tables: one row per item, for the SQLite store and Parquet output.

Tables: ``articles`` (one row per article) and one table per list of items in the record:
``entities``, ``actors``, ``places``, ``times``, ``quotes``, ``events``. Every item row carries
``article_id`` and ``idx`` (its position in the article's list: events refer to places and times
by that index). Columns follow the record classes in :mod:`dateline.models` automatically:

- scalar fields (str, int, float, bool, possibly null) are columns of that type;
- a nested record (an event's ``source``: an Argument) becomes prefixed columns
  (``source_start``, ``source_end``, ``source_text``, ``source_actor``);
- a ``(start, end)`` pair (an event's ``sentence``) becomes ``sentence_start``, ``sentence_end``;
- lists and other structures (an actor's ``roles`` and ``mentions``, the article's ``structure``)
  are JSON text columns.

So a field added to a record appears as a column without changes here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any

import msgspec

from .models import Actor, Article, Entity, Event, Place, Quote, Time

__all__ = ["ITEM_TABLES", "Column", "article_from_rows", "article_rows", "columns"]

#: Item tables: table name -> (Article field, record class).
ITEM_TABLES: dict[str, tuple[str, type]] = {
    "entities": ("entities", Entity),
    "actors": ("actors", Actor),
    "places": ("places", Place),
    "times": ("times", Time),
    "quotes": ("quotes", Quote),
    "events": ("events", Event),
}


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str" | "int" | "float" | "bool" | "json"
    nullable: bool
    path: tuple[str, ...]  # attribute path from the record, e.g. ("source", "start"); ("sentence", 0) for pairs


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(inner type, nullable) for ``X | None``."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(tp))
        return (args[0] if len(args) == 1 else Any), nullable
    return tp, False


_SCALARS = {str: "str", int: "int", float: "float", bool: "bool"}


def _columns_of(cls: type, prefix: str = "", path: tuple[str, ...] = (), nullable: bool = False) -> list[Column]:
    hints = typing.get_type_hints(cls)
    out: list[Column] = []
    for f in dataclasses.fields(cls):
        tp, null = _unwrap(hints[f.name])
        name = f"{prefix}{f.name}"
        here = (*path, f.name)
        if tp in _SCALARS:
            out.append(Column(name, _SCALARS[tp], nullable or null, here))
        elif dataclasses.is_dataclass(tp):
            out.extend(_columns_of(tp, f"{name}_", here, nullable or null))
        elif typing.get_origin(tp) is tuple and typing.get_args(tp) == (int, int):
            out.append(Column(f"{name}_start", "int", nullable or null, (*here, 0)))  # type: ignore[arg-type]
            out.append(Column(f"{name}_end", "int", nullable or null, (*here, 1)))  # type: ignore[arg-type]
        else:
            out.append(Column(name, "json", nullable or null, here))
    return out


@functools.cache
def columns(table: str) -> tuple[Column, ...]:
    """The columns of a table, after ``article_id`` (and ``idx`` for item tables)."""
    if table == "articles":
        return tuple(c for c in _columns_of(Article) if c.name not in ITEM_FIELDS)
    _, cls = ITEM_TABLES[table]
    cols = _columns_of(cls)
    # An actor's own id is "actor_id" in its table (item tables already have "actor" for the link).
    return tuple(dataclasses.replace(c, name="actor_id") if table == "actors" and c.name == "id" else c for c in cols)


ITEM_FIELDS = frozenset(field for field, _ in ITEM_TABLES.values())


def _get(obj: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        if obj is None:
            return None
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    return obj


def _value(column: Column, obj: Any) -> Any:
    value = _get(obj, column.path)
    if column.kind == "json" and value is not None:
        return msgspec.json.encode(value).decode("utf-8")
    return value


def article_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """The article as rows of every table: ``{"articles": [row], "places": [...], ...}``."""
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [{c.name: _value(c, article) for c in columns("articles")}]
    }
    for table, (field, _) in ITEM_TABLES.items():
        cols = columns(table)
        rows[table] = [
            {"article_id": article.id, "idx": i, **{c.name: _value(c, item) for c in cols}}
            for i, item in enumerate(getattr(article, field))
        ]
    return rows


def decode_json(value: str | None) -> Any:
    """Read back a JSON text column."""
    return None if value is None else json.loads(value)


def _record(cls: type, cols: tuple[Column, ...], row: dict[str, Any]) -> Any:
    """One record of ``cls`` from a flat row (the inverse of :func:`_value` over ``cols``)."""
    tree: dict[str, Any] = {}
    for column in cols:
        value = row.get(column.name)
        if column.kind == "json" and isinstance(value, str):
            value = json.loads(value)
        elif column.kind == "bool" and value is not None:
            value = bool(value)  # SQLite gives 0/1
        node = tree
        *parents, last = column.path
        for step in parents:
            node = node.setdefault(step, {})
        node[last] = value
    return msgspec.convert({k: _nested(v) for k, v in tree.items()}, cls)


def _nested(node: Any) -> Any:
    """A nested record whose columns are all null was absent (an event without a target); pairs become lists."""
    if not isinstance(node, dict):
        return node
    if all(isinstance(k, int) for k in node):  # a (start, end) pair
        return None if all(v is None for v in node.values()) else [node[k] for k in sorted(node)]
    values = {k: _nested(v) for k, v in node.items()}
    return values if any(v is not None for v in values.values()) else None


def article_from_rows(rows: dict[str, list[dict[str, Any]]]) -> Article:
    """An Article rebuilt from its rows in every table (as :func:`article_rows` made them, from the
    store or Parquet): ``rows["articles"]`` holds the one article row; item rows come in ``idx`` order.
    JSON columns may be text or already decoded."""
    article = _record(Article, columns("articles"), rows["articles"][0])
    for table, (field, cls) in ITEM_TABLES.items():
        items = sorted(rows.get(table, []), key=lambda r: r["idx"])
        setattr(article, field, [_record(cls, columns(table), r) for r in items])
    return article

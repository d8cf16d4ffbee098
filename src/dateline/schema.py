"""The JSON Schema of dateline's output record, generated from :mod:`dateline.models`.

``docs/output-schema.json`` is this schema, written by ``scripts/build_schema.py``; a test
keeps the two equal, so the documented contract cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .models import SCHEMA_VERSION, Article

__all__ = ["output_schema"]


def _require_all(node: Any) -> None:
    # dateline writes every field of every record (null or [] when empty), so all are required.
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["required"] = sorted(node["properties"])
            node["additionalProperties"] = False
            for prop in node["properties"].values():
                prop.pop("default", None)
        for value in node.values():
            _require_all(value)
    elif isinstance(node, list):
        for value in node:
            _require_all(value)


def output_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every output record validates against."""
    schema: dict[str, Any] = msgspec.json.schema(Article)
    _require_all(schema)
    article = schema["$defs"]["Article"]
    article["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://dateline.invalid/schema/article-{SCHEMA_VERSION}.json",
        "title": "dateline article record",
        "description": f"One analysed article, schema version {SCHEMA_VERSION}. See docs/output-schema.md.",
        **schema,
    }

"""No module of the package binds one top-level name twice.

A second assignment to a module constant silently replaces the first for every function that reads it (in the sixth
session a new ``_PLACE_PREPS`` in ``events.py`` rebound the one the event-place step reads, and event geolocation
fell without an error). Ruff flags redefined functions only when unused; this checks constants, functions and
classes alike.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dateline"


def _top_level_names(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_top_level_name_is_bound_twice(path):
    names = _top_level_names(ast.parse(path.read_text(encoding="utf-8")))
    assert [n for n, count in names.items() if count > 1] == []


def test_the_check_finds_a_rebound_constant():
    tree = ast.parse("_PREPS = {'in'}\ndef f(): return _PREPS\n_PREPS = {'to'}\n")
    assert _top_level_names(tree)["_PREPS"] == 2

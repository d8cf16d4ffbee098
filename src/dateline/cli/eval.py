"""``dateline eval KIND FILE.jsonl``: score the pipeline against gold data.

Each module of :mod:`dateline.evaluation` (places, quotes, times, events, ...) defines a click
command named after the kind of item it scores.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from .. import evaluation


@click.group("eval")
def command() -> None:
    """Score the pipeline against gold data (JSONL with character offsets)."""


for _module in sorted(m.name for m in pkgutil.iter_modules(evaluation.__path__) if not m.name.startswith("_")):
    command.add_command(importlib.import_module(f"{evaluation.__name__}.{_module}").command)

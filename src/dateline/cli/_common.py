"""Helpers shared by the command modules."""

from __future__ import annotations


def escape_markup(text: str) -> str:
    """Escape rich markup in text that comes from articles or users before printing it with rich."""
    from rich.markup import escape

    return escape(text)

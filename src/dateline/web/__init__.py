"""The web app over a store: search, article view, map, timeline, quotes, exports.

``create_app(db_path)`` returns a FastAPI app; ``dateline serve`` runs it with uvicorn. Every
HTML page has a JSON twin (``/search`` and ``/search.json``: the URL is the saved state and the
API). Pages are server-rendered Jinja2 templates with autoescaping on: article text, titles,
quotes and names are untrusted and reach the page only escaped. All assets are vendored under
``static/`` (no CDN), the world base layer included. Bad parameters get a 400 with a message.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

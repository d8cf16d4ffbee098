"""``dateline serve``: the web app over a store (search, map, timeline, articles, exports)."""

from __future__ import annotations

import click

from ..errors import DatelineError


@click.command("serve")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0 exposes it to your network).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--watch", "watch_file", type=click.Path(exists=True, dir_okay=False), help="Watch zones (TOML) to draw on the map.")
def serve(db: str, host: str, port: int, watch_file: str | None) -> None:
    """Serve the web app for a store made by `dateline ingest`.

    Every page has a JSON twin (/search and /search.json, /map.json, /timeline.json,
    /articles/ID.json); /export.csv (jsonl, geojson, parquet) downloads what a page shows.
    """
    import uvicorn

    from ..store.watch import load_zones
    from ..web import create_app

    try:
        zones = load_zones(watch_file) if watch_file else []
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--watch") from exc
    from ..store import Store, StoreError

    try:
        Store(db, readonly=True).close()  # a dateline store, not some other SQLite file
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        # Bring an older store up to date (its query indexes make the pages fast); a file the
        # user cannot write is served as it is.
        Store(db).close()
    except StoreError as exc:
        click.echo(f"dateline: not migrating {db} ({exc}); serving it as it is", err=True)
    try:
        app = create_app(db, zones=zones)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"dateline: serving {db} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


command = serve

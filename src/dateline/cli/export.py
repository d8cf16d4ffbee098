"""``dateline export``: write the events (or any table) of a store as CSV, JSONL, GeoJSON or Parquet."""

from __future__ import annotations

import sys

import click

from ..errors import DatelineError

TABLES = ("events", "merged", "event_actors", "articles", "entities", "actors", "places", "times", "quotes")
FORMATS = ("csv", "jsonl", "geojson", "parquet")


@click.command("export")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-", help="Write here instead of stdout (Parquet needs a file).")
@click.option("--table", type=click.Choice(TABLES), default="events", show_default=True,
              help="What to export: 'merged' is one row per real-world event, with every report of it; "
              "'event_actors' one row per event and actor (source, target).")
@click.option("--q", "q", metavar="TEXT", help="Words in the article's title or text, or in one of its quotes.")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="PLOVER event type (repeat or comma-separate).")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="Actor name, as source or target (repeatable).")
@click.option("--country", "countries", multiple=True, metavar="CC", help="ISO alpha-2 country of the event's place (repeatable).")
@click.option("--source", "sources", multiple=True, metavar="OUTLET", help="The article's source outlet (repeatable).")
@click.option("--month", "months", multiple=True, metavar="YYYY-MM", help="Month of the event date (repeatable).")
@click.option("--since", metavar="YYYY-MM-DD", help="Event date on or after (publication date for other tables).")
@click.option("--until", metavar="YYYY-MM-DD", help="Event date on or before (publication date for other tables).")
@click.option("--bbox", metavar="W,S,E,N", help="Only places inside min_lon,min_lat,max_lon,max_lat.")
@click.option("--radius-km", type=click.FloatRange(min=0), default=50.0, show_default=True,
              help="--table merged: reports of one event lie at most this far apart.")
@click.option("--window-days", type=click.IntRange(min=0), default=3, show_default=True,
              help="--table merged: reports of one event are dated at most this many days apart.")
def export(
    db: str,
    fmt: str,
    output: str,
    table: str,
    q: str | None,
    types: tuple[str, ...],
    actors: tuple[str, ...],
    countries: tuple[str, ...],
    sources: tuple[str, ...],
    months: tuple[str, ...],
    since: str | None,
    until: str | None,
    bbox: str | None,
    radius_km: float,
    window_days: int,
) -> None:
    """Export every matching row of a store, streamed (no row limit).

    The filters are those of the web app's search page; a filter that does not apply to the
    table (such as --type for places) is an error rather than silently ignored. ``--table merged``
    groups the matching events' reports into one row per real-world event (same type, compatible
    actors, places within --radius-km, dates within --window-days), each with all its mentions.
    """
    from ..store import Store
    from ..store.export import export as run_export
    from ..store.queries import Filters

    try:
        filters = Filters.parse(
            {"q": q, "type": list(types), "actor": list(actors), "country": list(countries), "source": list(sources),
             "month": list(months), "since": since, "until": until, "bbox": bbox}
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give -o FILE or redirect stdout")
    try:
        store = Store(db, readonly=True)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        with click.open_file(output, "wb") as out:
            merge = {"radius_km": radius_km, "window_days": window_days} if table == "merged" else {}
            run_export(store.conn, table, filters, fmt, out, **merge)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    finally:
        store.close()


command = export

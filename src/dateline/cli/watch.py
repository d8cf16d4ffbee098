"""``dateline watch``: print events inside watch zones that are new since the last check."""

from __future__ import annotations

import sys

import click

from ..errors import DatelineError

NEW_EVENTS_EXIT = 3


@click.command("watch")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--zones", "zones_file", default="examples/watch.toml", show_default=True,
              type=click.Path(dir_okay=False), help="Watch zones (TOML: [[zone]] name, lat, lon, radius_km).")
@click.option("--all", "show_all", is_flag=True, help="Print every event in the zones, not only those new since the last check.")
@click.option("--dry-run", is_flag=True, help="Do not remember this check.")
def watch(db: str, zones_file: str, show_all: bool, dry_run: bool) -> None:
    """Print events inside any watch zone that were stored since the last check.

    Exit codes (for scripts and cron): 0 nothing new, 3 new events printed, 1 error, 2 bad usage.
    The events reported per zone are remembered in the database by a stable identity (article,
    type, trigger offsets, date, place), so re-ingesting an article does not report its events again.
    """
    from ..store import Store
    from ..store.watch import events_in_zone, load_zones, new_events

    try:
        zones = load_zones(zones_file)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--zones") from exc
    try:
        store = Store(db)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    found = 0
    for zone in zones:
        fresh = new_events(store.conn, zone, remember=not dry_run)
        events = events_in_zone(store.conn, zone) if show_all else fresh
        for e in events:
            click.echo(
                f"{zone.name}\t{e['distance_km']:.0f} km\t{e['event_date'] or 'undated'}\t{e['type']}\t"
                f"{e['place_name'] or ''}\t{e['article_id']}\t{(e['evidence'] or '').strip()[:200]}"
            )
        found += len(events)
    store.close()
    click.echo(f"{found} event{'s' if found != 1 else ''} in {len(zones)} zone{'s' if len(zones) != 1 else ''}", err=True)
    sys.exit(NEW_EVENTS_EXIT if found else 0)


command = watch

"""``dateline homes``: learn each outlet's home place from a store, for ``--homes``."""

from __future__ import annotations

import click

from ..errors import DatelineError


@click.command("homes")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write the TOML here instead of stdout.")
def homes(db: str, output) -> None:  # noqa: ANN001 - click's file type
    """Learn each outlet's home from the articles stored in DB (`dateline ingest`) and print it as TOML.

    An outlet (an article's source, else its URL's host) with 3 or more articles gets a home when
    one state or province holds a confidently resolved place in at least half of them, and two
    distinct places in all: the town there its articles name most. An outlet on a country's domain
    (".ca", ".co.uk") is at home in that country only. Give the file to `--homes` (analyze, ingest, batch) and ambiguous
    names in that outlet's articles lean towards its home ("Dublin" in an Ohio paper); ingest again
    with --force to re-resolve what is stored. Edit the file freely: it is yours.
    """
    from ..places.gazetteer import Gazetteer
    from ..places.homes import learn_homes_from_store, write_homes
    from ..store import Store

    try:
        store = Store(db, readonly=True)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        learned = learn_homes_from_store(store.conn, Gazetteer.default())
        articles = store.count("articles")
    output.write(write_homes(learned))
    click.echo(f"{len(learned)} home{'s' if len(learned) != 1 else ''} learned from {articles} articles", err=True)


command = homes

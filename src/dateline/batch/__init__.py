"""Batch mode: analyse many articles on all local cores or a Ray cluster, into Parquet, exactly once.

:func:`run_batch` cuts the inputs (JSONL, JSONL.gz, WARC/WARC.gz, Parquet; local paths or URLs
pyarrow opens) into deterministic shards, records the plan in a manifest in the output folder and
hands pending shards to an engine (``local``: one process per core; ``ray``: a Ray Data actor
pool). Each worker loads the pipeline once and writes every table of a shard as Parquet
(:mod:`dateline.batch.output` describes the layout); the driver marks each finished shard done.
Rerunning the same command after a crash skips the done shards and redoes the rest, so every
input record ends up exactly once in ``articles`` or ``rejects``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..pipeline import DEFAULT_STAGES
from .output import TABLES, Manifest, arrow_schema, remove_temporaries
from .shards import Shard, expand_batch_inputs

__all__ = ["TABLES", "BatchSummary", "Shard", "arrow_schema", "plan_inputs", "run_batch"]

DEFAULT_SHARD_SIZE = 500


@dataclasses.dataclass
class BatchSummary:
    """What a run did: shards in the plan, skipped as already done, finished now, failed now."""

    shards: int = 0
    skipped: int = 0
    finished: int = 0
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (shard id, error)
    articles: int = 0  # written by this run
    rejects: int = 0  # written by this run
    seconds: float = 0.0
    busy_seconds: float = 0.0  # worker time spent on shards (start-up and waiting excluded), summed over workers
    peak_mb_per_worker: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.failed and self.skipped + self.finished == self.shards


def plan_inputs(inputs: Iterable[str], shard_size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    """The shards of ``inputs`` (files, folders, URLs), in input order."""
    from .engines import plan_local

    return plan_local(expand_batch_inputs(inputs), shard_size, workers=1)


def run_batch(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    stages: Sequence[str] = DEFAULT_STAGES,
    model: str | None = None,
    published: str | None = None,
    batch_size: int = 32,
    user_places: str | None = None,
    place_candidates: int = 0,
    homes: str | None = None,
    on_plan: Callable[[int, int], None] | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
    on_build: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Analyse ``inputs`` into Parquet tables under ``out_dir``, resuming a previous run there.

    engine: ``local`` (``workers`` processes, default all cores) or ``ray`` (``workers`` actors,
    default the cluster's CPUs; ``address`` as for ``ray.init``). ``shard_size``, ``stages``,
    ``model``, ``published``, ``user_places`` and ``homes`` (a places file and an outlet homes
    file every worker can read) and ``place_candidates`` (gazetteer candidates listed on each
    place) define the run: a rerun must give the same ones.
    Callbacks: ``on_plan(records_pending, shards_skipped)`` once planned, ``on_result(result)``
    per finished shard, ``on_build(message)`` if the gazetteer index must be built first.
    """
    from .engines import ENGINES, plan_local, plan_ray, ray_session, run_local, run_ray

    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if shard_size < 1:
        raise ConfigError("shard size must be at least 1")
    stages = list(stages)
    files = expand_batch_inputs(inputs)
    options = {"files": files, "shard_size": shard_size, "stages": stages, "model": model, "published": published}
    if user_places:  # only when given, so that runs started without the option still resume
        user_places = str(Path(user_places).resolve())
        options["places"] = user_places
    if place_candidates:
        options["place_candidates"] = place_candidates
    if homes:
        homes = str(Path(homes).resolve())
        options["homes"] = homes
    summary = BatchSummary()
    started = time.perf_counter()
    local_workers = workers or os.cpu_count() or 1
    with Manifest(out_dir) as manifest, contextlib.ExitStack() as session:
        manifest.check_options(options)
        remove_temporaries(out_dir)
        totals = manifest.totals()
        if not manifest.planned() or totals["done"] < totals["shards"]:
            _check_pipeline(stages, model, on_build, user_places, homes)  # a bad configuration fails before any worker starts
            if engine == "ray":
                session.enter_context(ray_session(address, workers))  # one Ray session plans and runs
        if not manifest.planned():
            # Files are planned where they will be analysed: many at once on the workers.
            manifest.set_plan(plan_ray(files, shard_size) if engine == "ray" else plan_local(files, shard_size, local_workers))
        pending = manifest.shards(pending=True)
        summary.shards = manifest.totals()["shards"]
        summary.skipped = summary.shards - len(pending)
        if on_plan:
            on_plan(sum(s.count or 1 for s in pending), summary.skipped)

        def finished(result: dict[str, Any]) -> None:
            if "error" in result:
                summary.failed.append((result["shard"], result["error"]))
            else:
                manifest.mark_done(result)
                summary.finished += 1
                summary.articles += result["articles"]
                summary.rejects += result["rejects"]
                summary.busy_seconds += result.get("seconds", 0.0)
                summary.peak_mb_per_worker = max(summary.peak_mb_per_worker, result["peak_mb"])
            if on_result:
                on_result(result)

        worker_options = {"stages": stages, "model": model, "published": published, "batch_size": batch_size,
                          "user_places": user_places, "place_candidates": place_candidates,
                          "homes": homes}
        if pending and engine == "local":
            run_local(pending, worker_options, out_dir, local_workers, finished)
        elif pending:
            run_ray(pending, worker_options, out_dir, workers, finished, address=address)
        # a worker killed while writing leaves its temporary file even when the run retried and finished its shard
        remove_temporaries(out_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def _check_pipeline(
    stages: list[str],
    model: str | None,
    on_build: Callable[[str], None] | None,
    user_places: str | None = None,
    homes: str | None = None,
) -> None:
    """Fail fast in the driver on a bad stage list, and build the gazetteer index once before workers start.

    Without this every worker would find a bad configuration only after starting, and on a fresh
    machine each would build the same gazetteer index at once.
    """
    from ..pipeline import get_stage_info

    seen: list[str] = []
    for name in stages:
        missing = [r for r in get_stage_info(name).requires if r not in seen]
        if missing:
            raise ConfigError(f"stage {name!r} needs {missing} to run before it")
        seen.append(name)
    if "nlp" in stages and model:
        import spacy.util

        if not (spacy.util.is_package(model) or Path(model).exists()):
            raise ConfigError(f"spaCy model {model!r} is not installed (nor a path)")
    if "places" in stages:
        from ..places.gazetteer import EmbeddedSource

        EmbeddedSource(on_build=on_build).close()
        if user_places:
            from ..places.gazetteer import UserSource

            UserSource(user_places)  # a bad file is named with the reason, before any worker starts
        if homes:
            from ..places.homes import read_homes

            read_homes(homes)

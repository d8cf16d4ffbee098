"""Engines that run shards on workers: local processes, or a Ray cluster through Ray Data.

Both give each worker one loaded pipeline (spaCy model, gazetteer, lexicons) and feed it whole
shards; workers write the shard's files themselves and hand back counts, and the driver records
each finished shard in the manifest. So the output is the same whichever engine ran it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import DatelineError
from .shards import Shard, plan_file
from .worker import ShardWorker

__all__ = ["ENGINES", "plan_local", "plan_ray", "ray_session", "run_local", "run_ray"]

#: Below this many input files, planning reads them in the driver (starting workers costs more).
PARALLEL_PLAN_FILES = 4

OnResult = Callable[[dict[str, Any]], None]

# --- local: one process per worker ------------------------------------------------------

_WORKER: ShardWorker | None = None


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the driver dies (kill -9 gives the driver no chance to stop it)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers exit when they next find the driver gone
        return


def _init_local(options: dict[str, Any], parent: int) -> None:
    global _WORKER
    _die_with_parent()
    if os.getppid() != parent:  # the driver died before the line above took effect
        os._exit(1)
    _WORKER = ShardWorker(**options)


def _process_local(shard: dict[str, Any], out_dir: str) -> dict[str, Any]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.process(Shard.from_dict(shard), out_dir)


def run_local(
    shards: Sequence[Shard], options: dict[str, Any], out_dir: str | Path, workers: int, on_result: OnResult
) -> None:
    """Process ``shards`` on ``workers`` local processes; ``on_result`` gets each shard's result as it finishes.

    A shard whose worker raises gets a result with ``error``; a worker that dies (killed, out of
    memory) stops the run with a :class:`DatelineError` (rerunning resumes from the manifest).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: the driver may hold threads (progress bar) and nothing else it loaded is needed.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_local, initargs=(options, os.getpid())
    ) as pool:
        futures = {pool.submit(_process_local, shard.to_dict(), str(out_dir)): shard for shard in shards}
        try:
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    on_result(future.result())
                except BrokenProcessPool:
                    raise
                except Exception as exc:  # noqa: BLE001 - one shard's failure (disk full, bug) must not stop the rest
                    on_result({"shard": shard.id, "records": shard.count, "error": f"{type(exc).__name__}: {exc}"})
        except BrokenProcessPool as exc:
            for future in futures:
                future.cancel()
            raise DatelineError(f"a worker process died ({exc}); rerun the same command to resume") from None


def plan_local(files: Sequence[str], shard_size: int, workers: int) -> list[Shard]:
    """Shards of every file, in input order; many files are read by ``workers`` processes at once.

    Planning reads each file once (to find record boundaries): with hundreds of WARC files that
    pass is long, and it parallelises like the analysis.
    """
    if workers <= 1 or len(files) < PARALLEL_PLAN_FILES:
        return [shard for path in files for shard in plan_file(path, shard_size)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(files)), mp_context=multiprocessing.get_context("spawn")) as pool:
        return [shard for shards in pool.map(plan_file, files, [shard_size] * len(files)) for shard in shards]


# --- Ray: an actor pool through Ray Data --------------------------------------------------


@contextlib.contextmanager
def ray_session(address: str | None, workers: int | None) -> Iterator[None]:
    """Use the Ray session already initialised in this process, or start one (``address``: ``auto``,
    ``ray://host:10001``; without one a local Ray with ``workers`` CPUs) and shut it down after."""
    import ray

    if ray.is_initialized():
        yield
        return
    import logging

    # Workers' output and Ray's INFO and WARNING lines (about its own defaults) would drown the CLI's own report;
    # its errors still show, and every failed shard is reported by dateline itself.
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    if address:
        kwargs["address"] = address
    elif workers:
        kwargs["num_cpus"] = workers
    ray.init(**kwargs)
    try:
        yield
    finally:
        ray.shutdown()


def plan_ray(files: Sequence[str], shard_size: int) -> list[Shard]:
    """Shards of every file, in input order, each file planned by a Ray task on the cluster (needs a
    :func:`ray_session`); few files are planned in the driver."""
    if len(files) < PARALLEL_PLAN_FILES:
        return plan_local(files, shard_size, workers=1)
    import ray

    task = ray.remote(num_cpus=1)(plan_file)
    return [shard for shards in ray.get([task.remote(path, shard_size) for path in files]) for shard in shards]


class RayShardWorker:
    """A Ray Data actor: builds a :class:`ShardWorker` once, then maps shards (one per batch) to results."""

    def __init__(self, options: dict[str, Any], out_dir: str) -> None:
        self.worker = ShardWorker(**options)
        self.out_dir = out_dir

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        results = []
        for text in batch["shard"]:
            shard = Shard.from_dict(json.loads(str(text)))
            try:
                result = self.worker.process(shard, self.out_dir)
            except Exception as exc:  # noqa: BLE001 - reported per shard; the driver decides
                result = {"shard": shard.id, "records": shard.count, "error": f"{type(exc).__name__}: {exc}"}
            results.append(json.dumps(result))
        return {"result": results}


def run_ray(
    shards: Sequence[Shard],
    options: dict[str, Any],
    out_dir: str | Path,
    workers: int | None,
    on_result: OnResult,
    *,
    address: str | None = None,
) -> None:
    """Process ``shards`` on a Ray cluster with a fixed pool of ``workers`` actors (default: the cluster's CPUs).

    Uses the Ray session already initialised in this process if there is one; otherwise connects to
    ``address`` (``auto``, ``ray://host:10001``) or, without one, starts a local Ray. ``out_dir`` must
    be a path every node can write (a shared filesystem) when the cluster has more than one machine.
    """
    import ray
    import ray.data

    with ray_session(address, workers):
        size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the CLI shows its own
        import logging

        # Ray Data logs each dataset's start, plan and end at INFO, and warns that its progress bars are off.
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        context.execution_options.preserve_order = False  # record shards as they finish
        rows = [{"shard": json.dumps(s.to_dict(), sort_keys=True)} for s in shards]
        # One shard per block, so that each actor call is one shard and shards spread over all actors.
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, len(rows)))
        dataset = dataset.map_batches(
            RayShardWorker,
            fn_constructor_kwargs={"options": options, "out_dir": str(out_dir)},
            batch_size=1,
            num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=size, max_tasks_in_flight_per_actor=1),
        )
        for row in dataset.iter_rows():
            on_result(json.loads(row["result"]))


ENGINES = ("local", "ray")

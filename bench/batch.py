"""Throughput of `dateline batch` (local processes and Ray) against bare spaCy and the in-process pipeline.

Usage:
    .venv/bin/python bench/batch.py [FILE.jsonl] [--repeat R] [--limit N] [--shard-size S] [--workers 1,2] [--skip-ray]

FILE defaults to ../shared/eval/geo/lgl.jsonl (588 local news articles). The texts (repeated R
times, with distinct ids) are run through: bare spaCy ``nlp.pipe`` and the full pipeline in this
process (model and gazetteer loaded before timing), then ``run_batch`` with the local engine and
with a local Ray (``ray.init(num_cpus=max workers)``, started before timing) for each worker
count. Batch timings are wall clock from the call to the last shard recorded, so they include
each worker loading the pipeline (a few seconds), planning and writing Parquet. Peak memory is
the largest RSS of any worker. A benchmark, not a test: the machine is shared and noisy, so
compare the ratios within one run. CPU seconds (user + system, of this process or of the local
engine's worker processes; Ray's workers are not children of this process, so not measured) give a
per-core cost that other jobs on the machine disturb far less than wall clock does.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "geo" / "lgl.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--shard-size", type=int, default=50)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--skip-ray", action="store_true")
    args = parser.parse_args()
    worker_counts = [int(w) for w in args.workers.split(",")]

    from dateline.batch import run_batch
    from dateline.models import Article
    from dateline.nlp import DEFAULT_MODEL, load_model
    from dateline.pipeline import DEFAULT_STAGES, Pipeline

    texts = [json.loads(line)["text"] for line in args.input.open(encoding="utf-8") if line.strip()]
    texts = (texts[: args.limit] if args.limit else texts) * args.repeat
    n = len(texts)
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    corpus = work / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"b{i}", "text": text, "published": "2015-05-20"}) + "\n")
    print(f"input: {args.input} x {args.repeat}: {n} articles, {sum(len(t.split()) for t in texts):,} words")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {platform.platform()}")

    rows: list[tuple[str, float, float, float | None]] = []  # (run, seconds, peak MB per worker, CPU seconds)
    busy: dict[str, tuple[float, int]] = {}  # batch run -> (worker seconds spent on shards, workers)

    def cpu(who: int) -> float:
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    nlp = load_model(DEFAULT_MODEL)
    pipeline = Pipeline.create(DEFAULT_STAGES)
    list(pipeline.pipe([Article(id="warm", text=t, published="2015-05-20") for t in texts[:3]]))
    start, cpu0 = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    rows.append(("bare spaCy nlp.pipe, 1 process", time.perf_counter() - start, 0.0, cpu(resource.RUSAGE_SELF) - cpu0))
    start, cpu0 = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    for _ in pipeline.pipe((Article(id=str(i), text=t, published="2015-05-20") for i, t in enumerate(texts)), batch_size=32):
        pass
    in_process = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("dateline pipeline, 1 process", time.perf_counter() - start, in_process, cpu(resource.RUSAGE_SELF) - cpu0))
    del nlp, pipeline

    def batch(label: str, **kwargs: object) -> None:
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        start, cpu0 = time.perf_counter(), cpu(resource.RUSAGE_CHILDREN)
        summary = run_batch([str(corpus)], out, shard_size=args.shard_size, **kwargs)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        assert summary.complete and summary.articles == n, summary
        # The local engine's workers have exited and been reaped by now, so their CPU time is counted.
        workers_cpu = cpu(resource.RUSAGE_CHILDREN) - cpu0 if kwargs["engine"] == "local" else None
        rows.append((label, seconds, summary.peak_mb_per_worker, workers_cpu))
        busy[label] = (summary.busy_seconds, int(kwargs["workers"]))  # type: ignore[call-overload]
        print(f"  {label}: {seconds:.1f} s", flush=True)

    for w in worker_counts:
        batch(f"batch, local engine, {w} worker{'s' if w > 1 else ''}", engine="local", workers=w)
    if not args.skip_ray:
        import ray

        ray.init(num_cpus=max(worker_counts), include_dashboard=False, log_to_driver=False)
        for w in worker_counts:
            batch(f"batch, Ray engine, {w} worker{'s' if w > 1 else ''}", engine="ray", workers=w)
        ray.shutdown()
    shutil.rmtree(work, ignore_errors=True)

    spacy_rate, spacy_cpu = n / rows[0][1], rows[0][3]
    print()
    print("| run | seconds | articles/s | × bare spaCy | CPU s | bare spaCy CPU / this CPU | peak RSS per worker |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, seconds, peak, cpu_s in rows:
        rate = n / seconds
        cpu_cells = f"{cpu_s:.1f} | {spacy_cpu / cpu_s:.2f}" if cpu_s and spacy_cpu else "– | –"
        print(f"| {label} | {seconds:.1f} | {rate:.1f} | {rate / spacy_rate:.2f} | {cpu_cells} | {f'{peak:.0f} MB' if peak else '–'} |")
    print()
    print("Batch runs without start-up: articles per second of worker time spent on shards (each worker's own")
    print("clock from reading its shard to writing its Parquet files), against bare spaCy; start-up = wall clock")
    print("× workers − that time (process or actor start, imports, model and gazetteer loading, scheduling).")
    print()
    print("| run | worker-seconds on shards | articles per worker-second | × bare spaCy | start-up and idle, worker-seconds |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, seconds, _, _ in rows:
        if label in busy:
            worker_s, w = busy[label]
            rate = n / worker_s
            print(f"| {label} | {worker_s:.1f} | {rate:.1f} | {rate / spacy_rate:.2f} | {seconds * w - worker_s:.1f} |")
    print()
    by_label = {label: n / seconds for label, seconds, _, _ in rows}
    for engine in ("local", "Ray"):
        one = by_label.get(f"batch, {engine} engine, 1 worker")
        for w in worker_counts[1:]:
            many = by_label.get(f"batch, {engine} engine, {w} workers")
            if one and many:
                print(f"{engine}: {w} workers / 1 worker = {many / one:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

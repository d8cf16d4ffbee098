"""Throughput of the dateline pipeline against bare spaCy on the same texts, in one process.

Usage:
    .venv/bin/python bench/throughput.py [FILE.jsonl] [--limit N] [--repeat R]

FILE defaults to ../shared/eval/geo/lgl.jsonl (588 local news articles) when present, else the
bundled examples. Both runs use the same model, the same texts and batch size 32, one process.
Reports articles/s and words/s of each, their ratio, each stage's share of the pipeline's time
and the process's peak memory (RSS). A benchmark, not a test: the machine is shared and noisy,
so compare the ratio, not the absolute numbers, and run it more than once.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "geo" / "lgl.jsonl"


def load_texts(path: Path | None, limit: int | None, repeat: int) -> list[str]:
    if path is None:
        texts = [(REPO / "examples" / "nz-troops-iraq-2015.txt").read_text(encoding="utf-8")]
        texts += [json.loads(line)["text"] for line in (REPO / "examples" / "wikinews-health.jsonl").open(encoding="utf-8")]
    else:
        texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    texts = texts[:limit] if limit else texts
    return texts * repeat


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT if DEFAULT_INPUT.exists() else None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from dateline.models import Article
    from dateline.nlp import DEFAULT_MODEL, load_model
    from dateline.pipeline import DEFAULT_STAGES, Pipeline

    texts = load_texts(args.input, args.limit, args.repeat)
    words = sum(len(t.split()) for t in texts)
    print(f"input: {args.input or 'bundled examples'}: {len(texts)} articles, {words:,} words")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {platform.platform()}")

    nlp = load_model(DEFAULT_MODEL)
    pipeline = Pipeline.create(DEFAULT_STAGES)
    # Warm up: lazily loaded resources (gazetteer, lexicons) load on first use, not in the timing.
    list(pipeline.pipe([Article(id="warm", text=t, published="2015-05-20") for t in texts[:3]]))
    print(f"after loading: peak RSS {peak_mb():.0f} MB")

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    spacy_s = time.perf_counter() - start

    # Time each stage by wrapping its pipe; stages are lazy generators, so time is attributed
    # to the stage whose code is running when the next item is pulled.
    stage_time: dict[str, float] = defaultdict(float)

    def timed(stage, inner):
        def run(articles, batch_size=32):
            it = iter(inner(articles, batch_size=batch_size))
            while True:
                t0 = time.perf_counter()
                try:
                    article = next(it)
                except StopIteration:
                    stage_time[stage.name] += time.perf_counter() - t0
                    return
                stage_time[stage.name] += time.perf_counter() - t0
                yield article

        return run

    for stage in pipeline.stages:
        stage.pipe = timed(stage, stage.pipe)  # type: ignore[method-assign]

    articles = (Article(id=str(i), text=t, published="2015-05-20") for i, t in enumerate(texts))
    start = time.perf_counter()
    done = sum(1 for _ in pipeline.pipe(articles, batch_size=args.batch_size))
    full_s = time.perf_counter() - start
    assert done == len(texts)

    # The `dateline analyze` path: reading the JSONL, the error-isolating runner and JSONL writing.
    cli_s = None
    if args.input is not None and args.limit is None and args.repeat == 1:
        import os

        from dateline.ingest import read_inputs
        from dateline.output import JsonlWriter
        from dateline.pipeline import run_resilient

        for stage in pipeline.stages:  # drop the timing wrappers
            del stage.pipe
        with open(os.devnull, "wb") as sink:
            writer = JsonlWriter(sink)
            start = time.perf_counter()
            for item in run_resilient(pipeline, read_inputs([str(args.input)], published="2015-05-20"), batch_size=args.batch_size):
                writer.write(item)
            cli_s = time.perf_counter() - start

    # Nested generators: each stage's measured time includes the stages before it; subtract.
    own: dict[str, float] = {}
    previous = 0.0
    for stage in pipeline.stages:
        own[stage.name] = stage_time[stage.name] - previous
        previous = stage_time[stage.name]

    print()
    print("| run | seconds | articles/s | words/s |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| bare spaCy nlp.pipe ({DEFAULT_MODEL}) | {spacy_s:.1f} | {len(texts) / spacy_s:.1f} | {words / spacy_s:,.0f} |")
    print(f"| dateline pipeline ({', '.join(pipeline.names)}) | {full_s:.1f} | {len(texts) / full_s:.1f} | {words / full_s:,.0f} |")
    if cli_s is not None:
        print(f"| analyze path (read JSONL, pipeline, write JSONL) | {cli_s:.1f} | {len(texts) / cli_s:.1f} | {words / cli_s:,.0f} |")
    print()
    print(f"pipeline throughput / bare spaCy: {spacy_s / full_s:.2f}")
    if cli_s is not None:
        print(f"analyze path throughput / bare spaCy: {spacy_s / cli_s:.2f}")
    print(f"peak RSS: {peak_mb():.0f} MB")
    print()
    print("| stage | seconds | share of pipeline |")
    print("| --- | ---: | ---: |")
    for name, seconds in own.items():
        print(f"| {name} | {seconds:.2f} | {seconds / full_s:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

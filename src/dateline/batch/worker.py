"""One worker's job: load the pipeline once, then turn shards into Parquet files."""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..models import Article
from ..pipeline import Pipeline, run_resilient
from ..tables import article_rows
from .output import TABLES, write_shard
from .shards import Shard, read_shard

__all__ = ["ShardWorker", "pipeline_config"]


def pipeline_config(
    stages: Sequence[str],
    model: str | None,
    user_places: str | None = None,
    place_candidates: int = 0,
    homes: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Stage configuration for a batch worker: spaCy in-process (the engines give each core its own worker)."""
    config: dict[str, dict[str, Any]] = {}
    if "nlp" in stages:
        config["nlp"] = {"n_process": 1, **({"model": model} if model else {})}
    if "places" in stages:
        places: dict[str, Any] = {}
        if user_places:
            places["user_places"] = user_places
        if place_candidates:
            places["candidates"] = place_candidates
        if homes:
            places["homes"] = homes
        if places:
            config["places"] = places
    return config


class ShardWorker:
    """Holds a loaded pipeline (spaCy model, gazetteer, lexicons) and processes shards with it."""

    def __init__(
        self, *, stages: Sequence[str], model: str | None = None, published: str | None = None, batch_size: int = 32,
        user_places: str | None = None, place_candidates: int = 0, homes: str | None = None,
    ) -> None:
        self.pipeline = Pipeline.create(
            list(stages), pipeline_config(stages, model, user_places, place_candidates, homes)
        )
        self.published = published
        self.batch_size = batch_size

    def process(self, shard: Shard, out_dir: str | Path) -> dict[str, Any]:
        """Analyse one shard and write its files; returns counts, seconds and this process's peak memory."""
        started = time.perf_counter()
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        articles = 0
        for item in run_resilient(self.pipeline, read_shard(shard, self.published), batch_size=self.batch_size):
            if isinstance(item, Article):
                articles += 1
                for table, table_rows in article_rows(item).items():
                    rows[table].extend(table_rows)
            else:
                rows["rejects"].append({"shard": shard.id, "source": item.source, "reason": item.reason})
        write_shard(out_dir, shard.id, rows)
        return {
            "shard": shard.id,
            "articles": articles,
            "rejects": len(rows["rejects"]),
            "records": shard.count,
            "seconds": time.perf_counter() - started,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }

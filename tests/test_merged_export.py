"""Merged events from a store: stored articles rebuilt exactly, syndicated reports merged, every format."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import msgspec
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.pipeline import DEFAULT_STAGES
from dateline.store import Store
from dateline.store.export import export
from dateline.store.merged import load_article, merged_events
from dateline.store.queries import Filters
from dateline.tables import article_from_rows, article_rows

from .conftest import SPECIMEN_PUBLISHED


@pytest.fixture(scope="module")
def specimen(analyze, specimen_text):
    return analyze(specimen_text, stages=DEFAULT_STAGES, published=SPECIMEN_PUBLISHED, source="Stuff")


def _same(a, b) -> bool:
    return msgspec.json.encode(a) == msgspec.json.encode(b)


def test_rows_turn_back_into_the_same_article(specimen):
    assert _same(article_from_rows(article_rows(specimen)), specimen)


@pytest.fixture(scope="module")
def syndicated_db(specimen, tmp_path_factory):
    """The specimen as published by two outlets (wire copy): every event is reported twice."""
    db = tmp_path_factory.mktemp("merged") / "news.db"
    copy = dataclasses.replace(specimen, id="wire-copy", source="NZ Herald")
    with Store(db) as store:
        store.save_many([specimen, copy])
    return db


def test_a_stored_article_loads_as_the_pipeline_made_it(specimen, syndicated_db):
    with Store(syndicated_db, readonly=True) as store:
        assert _same(load_article(store.conn, specimen.id), specimen)
        assert load_article(store.conn, "no such id") is None


def test_each_event_of_a_syndicated_copy_merges_with_its_original(specimen, syndicated_db):
    with Store(syndicated_db, readonly=True) as store:
        merged, _ = merged_events(store.conn, Filters())
    assert sum(len(m.mentions) for m in merged) == 2 * len(specimen.events) > 0
    group_of = {(x.article, x.event): m.id for m in merged for x in m.mentions}
    for i in range(len(specimen.events)):
        assert group_of[(specimen.id, i)] == group_of[("wire-copy", i)], specimen.events[i]
    assert len(merged) <= len(specimen.events)


def test_filters_choose_the_reports_that_are_merged(syndicated_db):
    def merged(f: Filters) -> list[dict]:
        out = io.BytesIO()
        with Store(syndicated_db, readonly=True) as store:
            export(store.conn, "merged", f, "jsonl", out)
        return [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]

    both = merged(Filters())
    assert both and all(set(r["outlets"]) == {"Stuff", "NZ Herald"} for r in both)
    for row in both:
        assert row["reports"] == len(row["mentions"]) >= 2 and row["article_count"] == 2
        for m in row["mentions"]:
            assert m["evidence"] and m["trigger"] and m["trigger"] in m["evidence"]
    one_outlet = merged(Filters(source=("NZ Herald",)))
    assert one_outlet and all(r["outlets"] == ["NZ Herald"] and r["article_count"] == 1 for r in one_outlet)
    assert sum(r["reports"] for r in one_outlet) * 2 == sum(r["reports"] for r in both)
    assembled = merged(Filters(type=("ASSAULT",)))
    assert assembled and all(r["type"] == "ASSAULT" for r in assembled)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
def test_every_format_writes_one_row_per_merged_event(syndicated_db, tmp_path, fmt):
    out = tmp_path / f"merged.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(syndicated_db), "--table", "merged", "--format", fmt, "-o", str(out),
                                      "--radius-km", "25", "--window-days", "2"])
    assert result.exit_code == 0, result.output
    with Store(syndicated_db, readonly=True) as store:
        expected = len(merged_events(store.conn, Filters(), radius_km=25, window_days=2)[0])
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert json.loads(rows[0]["mentions"])[0]["evidence"]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert isinstance(rows[0]["negated"], bool) and isinstance(rows[0]["articles"], list)
    elif fmt == "geojson":
        rows = json.loads(out.read_text(encoding="utf-8"))["features"]
        assert any(f["geometry"] and f["geometry"]["type"] == "Point" for f in rows)
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
        assert rows[0]["reports"] == 2
    assert len(rows) == expected


def test_merge_options_are_checked(syndicated_db):
    result = CliRunner().invoke(cli, ["export", str(syndicated_db), "--table", "merged", "--radius-km", "-1"])
    assert result.exit_code == 2 and "radius-km" in result.output

"""`dateline ingest` and `dateline export`: idempotent re-ingest, kill -9 and resume, every export format."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.store import Store

from .conftest import EXAMPLES

FAST = ["--stages", "structure", "--no-progress"]
MAIN = [sys.executable, "-c", "from dateline.cli import main; main()"]


def write_articles(path, n: int, prefix: str = "art") -> list[str]:
    ids = [f"{prefix}-{i:05d}" for i in range(n)]
    with open(path, "w", encoding="utf-8") as fh:
        for i, article_id in enumerate(ids):
            text = f"Article {i}. Fighting near Baghdad on Monday, officials said.\n\n\"We will hold,\" said General Smith."
            fh.write(json.dumps({"id": article_id, "text": text, "published": "2015-05-20", "source": "wire"}) + "\n")
    return ids


def test_ingest_twice_stores_once(tmp_path):
    inputs = tmp_path / "in.jsonl"
    write_articles(inputs, 20)
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(inputs), "--db", db, *FAST])
    assert first.exit_code == 0, first.output
    assert "20 articles stored, 0 already stored" in first.output
    second = runner.invoke(cli, ["ingest", str(inputs), "--db", db, *FAST])
    assert "0 articles stored, 20 already stored" in second.output
    forced = runner.invoke(cli, ["ingest", str(inputs), "--db", db, "--force", *FAST])
    assert "20 articles stored" in forced.output
    with Store(db) as store:
        assert store.count("articles") == 20


def test_ingest_reports_bad_inputs_and_goes_on(tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text('{"id": "ok", "text": "Fine text."}\nnot json\n{"id": "ok2", "text": "More text."}\n')
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db, *FAST])
    assert result.exit_code == 1
    assert "in.jsonl:2" in result.output and "2 articles stored" in result.output


def test_kill_9_mid_ingest_then_resume_loses_and_duplicates_nothing(tmp_path):
    inputs = tmp_path / "in.jsonl"
    ids = write_articles(inputs, 600)
    db = tmp_path / "news.db"
    cmd = [*MAIN, "ingest", str(inputs), "--db", str(db), "--commit-every", "1", *FAST]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    with sqlite3.connect(db) as conn:
                        stored_at_kill = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:  # schema not made yet
                    stored_at_kill = 0
                if stored_at_kill >= 20:
                    break
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    with sqlite3.connect(db) as conn:
        after_kill = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 20 <= after_kill < len(ids)

    resumed = subprocess.run([*MAIN, "ingest", str(inputs), "--db", str(db), *FAST], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{after_kill} already stored" in resumed.stderr
    with Store(db) as store:
        assert list(store.article_ids()) == ids
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        # Every article is whole: its structure was stored with it.
        assert conn.execute("SELECT count(*) FROM articles WHERE structure_paragraphs = '[]'").fetchone()[0] == 0


@pytest.fixture(scope="module")
def specimen_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("store") / "news.db")
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", db, "--published", "2015-05-20", "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


def test_specimen_events_are_stored_with_places_and_dates(specimen_db):
    with Store(specimen_db, readonly=True) as store:
        rows = store.conn.execute("SELECT type, event_date, lat, place_name FROM events WHERE article_id = 'a1c3ec3d4b83e80e'").fetchall()
    assert len(rows) >= 5
    assert all(r["event_date"] for r in rows)
    assert any(r["place_name"] == "Ramadi" and r["lat"] for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
def test_every_export_format_holds_every_event(specimen_db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(cli, ["export", specimen_db, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    with Store(specimen_db, readonly=True) as store:
        expected = store.count("events")
    if fmt == "csv":
        import csv

        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert {"evidence", "title", "type", "lat"} <= set(rows[0])
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert isinstance(rows[0]["negated"], bool)
    elif fmt == "geojson":
        rows = json.loads(out.read_text(encoding="utf-8"))["features"]
        assert any(f["geometry"] is None for f in rows) or all(f["geometry"]["type"] == "Point" for f in rows)
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    assert len(rows) == expected


def test_export_filters_and_their_errors(specimen_db):
    runner = CliRunner()
    some = runner.invoke(cli, ["export", specimen_db, "-f", "jsonl", "--bbox", "40,29,48,38", "--type", "ASSAULT,COERCE"])
    assert some.exit_code == 0
    rows = [json.loads(line) for line in some.output.splitlines()]
    assert rows and all(r["type"] in ("ASSAULT", "COERCE") and 29 <= r["lat"] <= 38 for r in rows)
    places = runner.invoke(cli, ["export", specimen_db, "-f", "geojson", "--table", "places", "--country", "IQ"])
    assert places.exit_code == 0 and all(f["properties"]["country_code"] == "IQ" for f in json.loads(places.output)["features"])
    for bad, message in [(["--since", "May"], "since"), (["--table", "quotes", "--type", "X"], "applies to events"),
                         (["--table", "quotes", "-f", "geojson"], "coordinates")]:
        result = runner.invoke(cli, ["export", specimen_db, *bad])
        assert result.exit_code == 2 and message in result.output, result.output


def test_watch_reports_new_events_once(specimen_db, tmp_path):
    zones = tmp_path / "zones.toml"
    zones.write_text('[[zone]]\nname = "Camp Taji"\nlat = 33.53\nlon = 44.26\nradius_km = 100\n')
    runner = CliRunner()
    first = runner.invoke(cli, ["watch", specimen_db, "--zones", str(zones)])
    assert first.exit_code == 3 and "Camp Taji" in first.output and "Ramadi" in first.output
    again = runner.invoke(cli, ["watch", specimen_db, "--zones", str(zones)])
    assert again.exit_code == 0 and "0 events" in again.output
    bad = runner.invoke(cli, ["watch", specimen_db, "--zones", str(tmp_path / "missing.toml")])
    assert bad.exit_code == 2


def test_watch_does_not_report_a_reingested_article_again(specimen_db, tmp_path):
    import shutil

    db = str(tmp_path / "copy.db")
    shutil.copy(specimen_db, db)
    with sqlite3.connect(db) as conn:  # forget the checks other tests made on the shared store
        conn.execute("DELETE FROM _watch_seen")
        conn.execute("DELETE FROM _watch_state")
    zones = tmp_path / "zones.toml"
    zones.write_text('[[zone]]\nname = "Camp Taji"\nlat = 33.53\nlon = 44.26\nradius_km = 100\n')
    runner = CliRunner()
    assert runner.invoke(cli, ["watch", db, "--zones", str(zones)]).exit_code == 3
    with Store(db, readonly=True) as store:
        before = {r[0] for r in store.conn.execute("SELECT rowid FROM events")}
    again = runner.invoke(cli, ["ingest", str(EXAMPLES / "nz-troops-iraq-2015.txt"), "--db", db, "--published", "2015-05-20",
                                "--force", "--no-progress"])
    assert again.exit_code == 0, again.output
    with Store(db, readonly=True) as store:
        after = {r[0] for r in store.conn.execute("SELECT rowid FROM events WHERE article_id = 'a1c3ec3d4b83e80e'")}
    assert after and not after & before  # the events were stored anew, with new rowids
    check = runner.invoke(cli, ["watch", db, "--zones", str(zones)])
    assert check.exit_code == 0 and "0 events" in check.output, check.output


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_event_actor_export_has_a_row_per_event_and_actor(specimen_db, tmp_path, fmt):
    out = tmp_path / f"event_actors.{fmt}"
    result = CliRunner().invoke(cli, ["export", specimen_db, "--table", "event_actors", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    with Store(specimen_db, readonly=True) as store:
        expected = store.conn.execute(
            "SELECT (SELECT count(*) FROM events WHERE source_text IS NOT NULL) + (SELECT count(*) FROM events WHERE target_text IS NOT NULL)"
        ).fetchone()[0]
        isis = store.conn.execute("SELECT code FROM actors WHERE name = 'ISIS' AND code IS NOT NULL").fetchone()
    if fmt == "csv":
        import csv

        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert {r["role"] for r in rows} == {"source", "target"}
        keys = [(r["article_id"], int(r["idx"]), r["role"] == "target") for r in rows]
        assert keys == sorted(keys)
        if isis:
            assert any(r["actor"] == "ISIS" and r["actor_code"] == isis[0] for r in rows)
    else:
        rows = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(rows) == expected > 0


def test_a_new_places_file_makes_stored_articles_stale(tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps({"id": "t", "text": "Trainers at Camp Taji stayed.", "published": "2015-05-20"}) + "\n")
    db = str(tmp_path / "news.db")
    places = tmp_path / "places.csv"
    places.write_text("name,lat,lon\nCamp Taji,33.53,44.26\n", encoding="utf-8")
    stages = ["--stages", "structure,nlp,places", "--no-progress"]
    runner = CliRunner()
    assert "1 article stored" in runner.invoke(cli, ["ingest", str(inputs), "--db", db, *stages]).output
    with_file = runner.invoke(cli, ["ingest", str(inputs), "--db", db, "--places", str(places), *stages])
    assert "1 article stored, 0 already stored" in with_file.output
    again = runner.invoke(cli, ["ingest", str(inputs), "--db", db, "--places", str(places), *stages])
    assert "0 articles stored, 1 already stored" in again.output
    places.write_text("name,lat,lon\nCamp Taji,33.52,44.25\n", encoding="utf-8")
    edited = runner.invoke(cli, ["ingest", str(inputs), "--db", db, "--places", str(places), *stages])
    assert "1 article stored, 0 already stored" in edited.output
    with Store(db, readonly=True) as store:
        assert store.conn.execute("SELECT lat FROM places WHERE text = 'Camp Taji'").fetchone()[0] == 33.52


def test_ingest_stores_place_candidates_and_asking_for_them_refreshes(tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps({"id": "t", "text": "Protesters gathered in Paris.", "published": "2015-05-20"}) + "\n")
    db = str(tmp_path / "news.db")
    stages = ["--stages", "structure,nlp,places", "--no-progress"]
    runner = CliRunner()
    assert "1 article stored" in runner.invoke(cli, ["ingest", str(inputs), "--db", db, *stages]).output
    with Store(db, readonly=True) as store:
        assert store.conn.execute("SELECT candidates FROM places WHERE text = 'Paris'").fetchone()[0] is None
    asked = runner.invoke(cli, ["ingest", str(inputs), "--db", db, "--place-candidates", "2", *stages])
    assert "1 article stored, 0 already stored" in asked.output  # stored without candidates: not current
    with Store(db, readonly=True) as store:
        (raw,) = store.conn.execute("SELECT candidates FROM places WHERE text = 'Paris'").fetchone()
        (name, confidence) = store.conn.execute("SELECT name, confidence FROM places WHERE text = 'Paris'").fetchone()
    candidates = json.loads(raw)
    assert 1 <= len(candidates) <= 2 and candidates[0]["name"] == name and candidates[0]["score"] == confidence
    again = runner.invoke(cli, ["ingest", str(inputs), "--db", db, *stages])
    assert "0 articles stored, 1 already stored" in again.output  # holds more than a plain ingest asks for

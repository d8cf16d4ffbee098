"""`dateline batch`: shard planning and readers, Parquet output, rejects, resuming, and local vs Ray engines."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.batch import TABLES, plan_inputs, run_batch
from dateline.batch.output import arrow_schema
from dateline.batch.shards import read_shard
from dateline.errors import ConfigError, DatelineError, InputError
from dateline.ingest import read_inputs
from dateline.models import Article

REPO = Path(__file__).resolve().parent.parent
FAST = ("structure", "nlp")


def corpus(n: int) -> list[dict]:
    """n distinct records: the specimen's paragraphs and the bundled Wikinews articles, in turn."""
    texts = [p for p in (REPO / "examples" / "nz-troops-iraq-2015.txt").read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    texts += [json.loads(line)["text"] for line in (REPO / "examples" / "wikinews-health.jsonl").open(encoding="utf-8")]
    return [{"id": f"a{i:04d}", "text": texts[i % len(texts)], "published": "2015-05-20"} for i in range(n)]


def write_jsonl(path: Path, records: list[dict], extra_lines: dict[int, str] | None = None) -> Path:
    lines = [json.dumps(r) for r in records]
    for position, line in sorted((extra_lines or {}).items(), reverse=True):
        lines.insert(position, line)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def read_table(out: Path, table: str) -> list[dict]:
    rows = pads.dataset(out / table, format="parquet").to_table().to_pylist()
    key = {"articles": lambda r: r["id"], "rejects": lambda r: (r["shard"], r["source"] or "")}.get(
        table, lambda r: (r["article_id"], r["idx"])
    )
    return sorted(rows, key=key)


# --- planning and reading ------------------------------------------------------------------


def _read_all(path: Path, size: int) -> list[str]:
    """Ids of the articles and sources of the errors, reading shard by shard."""
    out = []
    for shard in plan_inputs([str(path)], size):
        for item in read_shard(shard):
            out.append(item.id if isinstance(item, Article) else f"error {item.source}")
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(1, 12),
    size=st.integers(1, 5),
    gz=st.booleans(),
    bad=st.dictionaries(st.integers(0, 12), st.sampled_from(["", "{not json", "[1]", '{"text": ""}']), max_size=3),
)
def test_shards_read_the_same_records_as_ingest_in_order(tmp_path, n, size, gz, bad):
    path = write_jsonl(tmp_path / ("in.jsonl.gz" if gz else "in.jsonl"), corpus(n), bad)
    expected = [
        item.id if isinstance(item, Article) else f"error {item.source}" for item in read_inputs([str(path)])
    ]
    # ingest reports an all-blank file once as a whole; batch always reads line by line
    assert _read_all(path, size) == [e for e in expected if not e.endswith(str(path))]
    shards = plan_inputs([str(path)], size)
    assert [s.id for s in shards] == [s.id for s in plan_inputs([str(path)], size)]  # deterministic
    data = gzip.decompress(path.read_bytes()) if gz else path.read_bytes()
    assert sum(s.count for s in shards) == len(data.splitlines())  # every line in exactly one shard


HTML = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"


def make_warc(path: Path) -> list[str]:
    """A CC-NEWS-like WARC: request/response pairs, a non-HTML response and a page without article text."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bodies = [
        "Prime Minister John Key announced on Monday that New Zealand troops will stay in Iraq for another year. " * 3,
        "Health officials in Wellington reported a rise in influenza cases across the country this winter. " * 3,
        "Mourners gathered in Najaf on Friday after the attack on the market that killed twelve people. " * 3,
    ]
    urls = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        pages = [(f"https://news.example.org/story-{i}", "text/html; charset=utf-8", HTML.format(title=f"Story {i}", body=b).encode()) for i, b in enumerate(bodies)]
        pages.insert(1, ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n"))
        pages.append(("https://news.example.org/empty", "text/html", b"<html><body></body></html>"))
        for url, ctype, payload in pages:
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
            urls.append(url)
    return urls


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_responses_become_articles_and_the_rest_rejects(tmp_path, name):
    urls = make_warc(tmp_path / name)
    shards = plan_inputs([str(tmp_path / name)], 2)
    assert [s.count for s in shards] == [2, 2, 1]  # response records only
    items = [item for shard in shards for item in read_shard(shard, published="2015-05-20")]
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.title for a in articles] == ["Story 0", "Story 1", "Story 2"]
    assert all(a.url in urls and a.source == "news.example.org" and a.published == "2015-05-20" for a in articles)
    assert "Najaf" in articles[2].text
    assert [(e.source, e.reason) for e in errors] == [
        ("https://news.example.org/logo.png", "not HTML (Content-Type: image/png)"),
        ("https://news.example.org/empty", "no article text found in the HTML"),
    ]


def test_parquet_input_across_row_groups(tmp_path):
    import datetime as dt

    records = corpus(7)
    table = pa.table({
        "id": [r["id"] for r in records],
        "text": [r["text"] if i != 3 else None for i, r in enumerate(records)],
        "published": [dt.date(2015, 5, 20)] * 7,
        "title": [f"t{i}" for i in range(7)],
    })
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=2)
    url = (tmp_path / "in.parquet").as_uri()  # file:// goes through pyarrow.fs, as s3:// would
    items = [item for shard in plan_inputs([url], 3) for item in read_shard(shard)]
    assert [i.id if isinstance(i, Article) else i.source for i in items] == [
        "a0000", "a0001", "a0002", f"{url}:row 4", "a0004", "a0005", "a0006"
    ]
    assert items[0].published == "2015-05-20" and items[0].title == "t0"
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "notext.parquet")
    (shard,) = plan_inputs([str(tmp_path / "notext.parquet")], 3)
    assert shard.fmt == "error" and shard.reason == "no 'text' column"


def test_table_schemas_follow_dateline_tables():
    from dateline.tables import columns

    assert arrow_schema("places").names[:2] == ["article_id", "idx"]
    assert arrow_schema("events").names[2:] == [c.name for c in columns("events")]
    assert arrow_schema("articles").names == [c.name for c in columns("articles")]


# --- the local engine: output, rejects, rerun -----------------------------------------------


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("batch-in")
    records = corpus(8)
    write_jsonl(folder / "a.jsonl", records[:5], {2: "{broken", 4: '{"id": "empty", "text": "  "}'})
    write_jsonl(folder / "b.jsonl.gz", records[5:])
    return folder, [r["id"] for r in records]


@pytest.fixture(scope="module")
def local_out(small_corpus, tmp_path_factory) -> Path:
    folder, _ = small_corpus
    out = tmp_path_factory.mktemp("batch-local")
    summary = run_batch([str(folder)], out, engine="local", workers=2, shard_size=3)
    assert summary.complete and summary.failed == []
    return out


def test_local_engine_writes_every_article_once_and_rejects_with_reasons(small_corpus, local_out):
    _, ids = small_corpus
    articles = read_table(local_out, "articles")
    assert [a["id"] for a in articles] == sorted(ids)
    assert {t for t in TABLES} == {p.name for p in local_out.iterdir() if p.is_dir()}
    rejects = read_table(local_out, "rejects")
    assert sorted(r["reason"] for r in rejects) == sorted([
        "malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        "no 'text' (a non-empty string is required)",
    ])
    assert all(r["source"].endswith(("a.jsonl:3", "a.jsonl:6")) for r in rejects)
    places = read_table(local_out, "places")
    by_id = {a["id"]: a["text"] for a in articles}
    assert places and all(by_id[p["article_id"]][p["start"]:p["end"]] == p["text"] for p in places)
    events = read_table(local_out, "events")
    assert events and all(e["place"] is None or e["place"] < sum(p["article_id"] == e["article_id"] for p in places) for e in events)


def test_rerun_skips_done_shards_and_refuses_other_options(small_corpus, local_out):
    folder, _ = small_corpus
    before = {p: p.stat().st_mtime_ns for p in local_out.rglob("*.parquet")}
    summary = run_batch([str(folder)], local_out, engine="local", workers=2, shard_size=3)
    assert summary.complete and summary.finished == 0 and summary.skipped == summary.shards == 4  # a.jsonl: 7 lines, b.jsonl.gz: 3
    assert {p: p.stat().st_mtime_ns for p in local_out.rglob("*.parquet")} == before
    with pytest.raises(ConfigError, match="shard_size"):
        run_batch([str(folder)], local_out, shard_size=4)


# --- Ray: the same records as the local engine ----------------------------------------------


@pytest.fixture(scope="module")
def ray_session():
    ray = pytest.importorskip("ray", reason="ray[data] is a pinned dependency: install requirements.txt")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside ray.data's own configuration
def test_ray_engine_gives_the_same_records_as_the_local_engine(small_corpus, local_out, ray_session, tmp_path):
    folder, _ = small_corpus
    summary = run_batch([str(folder)], tmp_path / "ray", engine="ray", workers=2, shard_size=3)
    assert summary.complete and summary.articles == 8 and summary.rejects == 2
    for table in TABLES:
        assert read_table(tmp_path / "ray", table) == read_table(local_out, table), table


# --- crash and resume ----------------------------------------------------------------------


def _done(out: Path) -> int:
    try:
        with sqlite3.connect(out / "_manifest.sqlite", timeout=0.1) as db:
            return db.execute("SELECT COALESCE(SUM(done), 0) FROM shards").fetchone()[0]
    except sqlite3.Error:
        return 0


def _start_and_wait(command: list[str], out: Path, *, timeout: float) -> subprocess.Popen:
    """Start ``dateline batch`` in its own session and return once it has finished 3 shards (or stopped)."""
    driver = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + timeout
    while _done(out) < 3 and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return driver


@pytest.mark.slow
def test_kill_9_of_the_driver_then_rerun_loses_and_duplicates_nothing(tmp_path):
    records = corpus(80)
    path = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "dateline"), "batch", str(path), "--out", str(out), "--workers", "1", "--shard-size", "2", "--stages", ",".join(FAST), "--no-progress"]
    driver = _start_and_wait(command, out, timeout=60)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    done_at_kill = _done(out)
    assert 3 <= done_at_kill < 40, "the driver must be killed mid-run"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"resuming: {done_at_kill} shards already done" in rerun.stderr
    ids = [a["id"] for a in read_table(out, "articles")]
    assert len(ids) == len(set(ids)) == 80 and set(ids) == {r["id"] for r in records}
    assert len(list((out / "articles").glob("part-*.parquet"))) == 40
    assert not list(out.rglob(".part-*"))  # no temporary file left behind


def test_every_batch_option_is_in_the_readme():
    from dateline.cli.batch import command

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Scale out"):]
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}" in section or f"/ {opt}" in section, opt


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz"])
def test_urls_read_like_local_paths(tmp_path, name):
    path = write_jsonl(tmp_path / name, corpus(5), {2: "{broken"})
    assert [r.split(" ")[-1] if r.startswith("error") else r for r in _read_all(path.as_uri(), 2)] == [
        r.split(" ")[-1].replace(str(path), path.as_uri()) if r.startswith("error") else r for r in _read_all(path, 2)
    ]


# --- back into the store: ingest --from-parquet ---------------------------------------------


def _store_rows(db: Path) -> dict[str, list[dict]]:
    """Every row of every store table, in key order, without the ingest time."""
    from dateline.store.schema import TABLES as STORE_TABLES

    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        out = {}
        for table in STORE_TABLES:
            key = "id" if table == "articles" else "article_id, idx"
            out[table] = [{k: r[k] for k in r.keys() if k != "ingested_at"} for r in conn.execute(f"SELECT * FROM {table} ORDER BY {key}")]
    return out


def test_ingest_from_parquet_stores_the_same_rows_as_a_direct_ingest(small_corpus, local_out, tmp_path):
    from click.testing import CliRunner

    from dateline.cli.ingest import command as ingest

    folder, ids = small_corpus
    runner = CliRunner()
    direct = runner.invoke(ingest, [str(folder / "a.jsonl"), str(folder / "b.jsonl.gz"), "--db", str(tmp_path / "direct.db"), "--no-progress"])
    assert direct.exit_code == 1 and "8 articles stored" in direct.output  # the two broken lines fail
    loaded = runner.invoke(ingest, ["--from-parquet", str(local_out), "--db", str(tmp_path / "batch.db"), "--commit-every", "2"])
    assert loaded.exit_code == 1, loaded.output  # rejects are reported, as a direct ingest reports them
    assert "8 articles loaded from 4 shards" in loaded.output and "2 rejects" in loaded.output
    assert "a.jsonl:3" in loaded.output and "malformed JSON" in loaded.output
    expected = _store_rows(tmp_path / "direct.db")
    got = _store_rows(tmp_path / "batch.db")
    assert [a["id"] for a in got["articles"]] == sorted(ids)
    assert expected["events"] and any(e["event_date"] for e in expected["events"])  # the store's own columns are compared too
    for table in expected:
        assert got[table] == expected[table], table

    # Rerun: nothing to do. --force: every shard again, replacing, never duplicating.
    again = runner.invoke(ingest, ["--from-parquet", str(local_out), "--db", str(tmp_path / "batch.db")])
    assert "0 articles loaded from 0 shards, 4 shards loaded before" in again.output
    forced = runner.invoke(ingest, ["--from-parquet", str(local_out), "--db", str(tmp_path / "batch.db"), "--force"])
    assert "8 articles loaded from 4 shards" in forced.output
    assert _store_rows(tmp_path / "batch.db") == expected

    # Resuming a load that stopped mid-shard: the unrecorded shard is loaded again, the others skipped.
    with sqlite3.connect(tmp_path / "batch.db") as conn:
        shard = conn.execute("SELECT shard FROM _parquet_loads ORDER BY shard LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM _parquet_loads WHERE shard = ?", (shard,))
    resumed = runner.invoke(ingest, ["--from-parquet", str(local_out), "--db", str(tmp_path / "batch.db")])
    assert "from 1 shards, 3 shards loaded before" in resumed.output
    assert _store_rows(tmp_path / "batch.db") == expected


def test_load_rows_refuses_items_of_unknown_articles_and_writes_nothing(tmp_path):
    from dateline.store import Store, StoreError

    with Store(tmp_path / "s.db") as store:
        article = {"id": "x1", "text": "Rain in Wellington.", "published": "2015-05-20"}
        with pytest.raises(StoreError, match="not among the articles"):
            store.load_rows({"articles": [article], "places": [{"article_id": "other", "idx": 0, "start": 8, "end": 18, "text": "Wellington"}]})
        assert store.count("articles") == 0
        assert store.load_rows({"articles": [article]}) == 1 and store.article("x1")["article"]["text"] == "Rain in Wellington."


def test_from_parquet_loads_only_shards_the_batch_finished(small_corpus, local_out, tmp_path):
    import shutil

    from dateline.store import Store
    from dateline.store.parquet import load_parquet

    out = tmp_path / "copy"
    shutil.copytree(local_out, out)
    with sqlite3.connect(out / "_manifest.sqlite") as db:  # as if the batch were still running this shard
        shard, articles = db.execute("SELECT id, articles FROM shards ORDER BY seq LIMIT 1").fetchone()
        db.execute("UPDATE shards SET done = 0 WHERE id = ?", (shard,))
    with Store(tmp_path / "s.db") as store:
        result = load_parquet(store, out)
        assert result.pending == [shard] and result.loaded == 3 and store.count("articles") == 8 - articles


# --- a worker killed mid-run ---------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc (Linux)")
def test_kill_9_of_a_worker_then_rerun_loses_and_duplicates_nothing(tmp_path):
    records = corpus(40)
    path = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "dateline"), "batch", str(path), "--out", str(out), "--workers", "2", "--shard-size", "2", "--stages", ",".join(FAST), "--no-progress"]
    driver = _start_and_wait(command, out, timeout=60)
    # The pool's workers are the driver's children running multiprocessing's spawn entry point.
    workers = [c for c in _children(driver.pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
    assert workers, "the driver must still be running with its workers"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = driver.communicate(timeout=60)
    done_at_kill = _done(out)
    assert driver.returncode != 0 and "a worker process died" in stderr
    assert 3 <= done_at_kill < 20, "the worker must be killed mid-run"
    assert all(not Path(f"/proc/{w}").exists() for w in workers), "no worker outlives the driver"

    # The worker count is not part of the run's options: resume on one worker (less start-up on a busy machine).
    rerun = subprocess.run([*command, "--workers", "1"], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"resuming: {done_at_kill} shards already done" in rerun.stderr
    ids = [a["id"] for a in read_table(out, "articles")]
    assert len(ids) == len(set(ids)) == 40 and set(ids) == {r["id"] for r in records}
    assert read_table(out, "rejects") == []
    assert not list(out.rglob(".part-*"))


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc (Linux)")
def test_kill_9_of_a_ray_worker_loses_and_duplicates_nothing(tmp_path):
    pytest.importorskip("ray", reason="ray[data] is a pinned dependency: install requirements.txt")
    records = corpus(40)
    path = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "dateline"), "batch", str(path), "--out", str(out), "--engine", "ray",
               "--workers", "2", "--shard-size", "2", "--stages", ",".join(FAST), "--no-progress"]
    driver = _start_and_wait(command, out, timeout=120)
    # The driver started its own local Ray: the actors are processes below it named after the map.
    actors = [p for p in _descendants(driver.pid) if b"MapWorker" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert actors, "the driver must still be running with its Ray actors"
    os.kill(actors[0], signal.SIGKILL)
    _, stderr = driver.communicate(timeout=180)
    done_at_kill = _done(out)
    # Ray may restart the actor and finish the run itself; if it gives up instead, a rerun resumes.
    if driver.returncode != 0 or done_at_kill < 20:
        rerun = subprocess.run(command, capture_output=True, text=True, timeout=180)
        assert rerun.returncode == 0, rerun.stderr
    assert _done(out) == 20
    ids = [a["id"] for a in read_table(out, "articles")]
    assert len(ids) == len(set(ids)) == 40 and set(ids) == {r["id"] for r in records}
    assert len(list((out / "articles").glob("part-*.parquet"))) == 20
    assert not list(out.rglob(".part-*"))


def test_many_files_are_planned_in_parallel_like_one_by_one(tmp_path, ray_session):
    from dateline.batch.engines import PARALLEL_PLAN_FILES, plan_local, plan_ray

    files = []
    for i in range(PARALLEL_PLAN_FILES + 2):
        files.append(str(write_jsonl(tmp_path / f"in{i}.jsonl{'.gz' if i % 2 else ''}", corpus(3 + i))))
    files.append(str(tmp_path / "missing.jsonl"))
    one_by_one = plan_inputs(files, 2)
    assert any(s.fmt == "error" for s in one_by_one) and len(one_by_one) > len(files)
    assert plan_local(files, 2, workers=2) == one_by_one
    assert plan_ray(files, 2) == one_by_one


def test_batch_workers_use_your_places_and_a_bad_file_stops_the_run_first(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "t1", "text": "Trainers at Camp Taji were told to stay, officials said on Monday.", "published": "2015-05-20"},
    ])
    places = REPO / "examples" / "places.toml"
    stages = ["structure", "nlp", "actors", "places"]
    summary = run_batch([str(path)], tmp_path / "out", workers=1, stages=stages, user_places=str(places))
    assert summary.complete
    taji = [p for p in read_table(tmp_path / "out", "places") if p["text"] == "Camp Taji"]
    assert taji and taji[0]["lat"] == 33.53 and taji[0]["feature"] == "S.MILB"
    with pytest.raises(ConfigError, match="places"):  # the run's options include the places file
        run_batch([str(path)], tmp_path / "out", workers=1, stages=stages)
    bad = tmp_path / "bad.toml"
    bad.write_text("[[place]]\nname = 'X'\n", encoding="utf-8")
    with pytest.raises(DatelineError, match="bad.toml"):
        run_batch([str(path)], tmp_path / "out2", workers=1, stages=stages, user_places=str(bad))
    assert not list((tmp_path / "out2").rglob("*.parquet"))


def test_batch_lists_place_candidates_when_asked(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "t1", "text": "Protesters gathered in Paris.", "published": "2015-05-20"}])
    stages = ["structure", "nlp", "places"]
    summary = run_batch([str(path)], tmp_path / "out", workers=1, stages=stages, place_candidates=2)
    assert summary.complete
    [paris] = [p for p in read_table(tmp_path / "out", "places") if p["text"] == "Paris"]
    candidates = json.loads(paris["candidates"])
    assert 1 <= len(candidates) <= 2 and candidates[0]["name"] == paris["name"]
    with pytest.raises(ConfigError, match="place_candidates"):  # a rerun must ask for the same
        run_batch([str(path)], tmp_path / "out", workers=1, stages=stages)


def test_batch_workers_read_outlet_homes(tmp_path):
    from dateline.places.homes import Home, write_homes

    homes = tmp_path / "homes.toml"
    homes.write_text(write_homes([Home("thisweeknews.com", "Dublin", 40.09923, -83.11408, "US", "OH")]), encoding="utf-8")
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "t1", "text": "Police in Dublin arrested a man.", "url": "https://www.thisweeknews.com/1"},
        {"id": "t2", "text": "Police in Dublin arrested a man.", "url": "https://www.irishtimes.com/1"},
    ])  # fmt: skip
    summary = run_batch([str(path)], tmp_path / "out", workers=1, stages=["structure", "nlp", "places"], homes=str(homes))
    assert summary.complete
    by_article = {p["article_id"]: p["country_code"] for p in read_table(tmp_path / "out", "places")}
    assert by_article == {"t1": "US", "t2": "IE"}


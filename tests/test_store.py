"""The SQLite store: schema from the records, migrations, idempotent saves, FTS, R*Tree, queries."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.models import Actor, Argument, Article, Event, Mention, Place, Quote, Time
from dateline.store import Store, StoreError, event_day, schema
from dateline.store.queries import Filters, count_events, event_rows, facets, fts_query, quote_rows, timeline
from dateline.tables import ITEM_TABLES


def make_article(article_id: str = "a1", text: str = "ISIS took Ramadi. Officials said so.", *, lat: float = 33.42,
                 lon: float = 43.31, day: str | None = "2015-05-16", type_: str = "COERCE", title: str = "Ramadi falls",
                 source: str = "Reuters") -> Article:
    article = Article(id=article_id, text=text, published="2015-05-20", title=title, source=source)
    article.actors = [Actor(id="A1", name="ISIS", type="ORG", mentions=[Mention(start=0, end=4, text="ISIS")])]
    article.places = [Place(start=10, end=16, text="Ramadi", name="Ramadi", lat=lat, lon=lon, country_code="IQ")]
    article.times = [Time(start=0, end=0, text="", type="DATE", value=day)]
    article.quotes = [Quote(start=18, end=36, text=text[18:36], direct=False, speaker="Officials")]
    article.events = [
        Event(type=type_, trigger=Mention(start=5, end=9, text="took"),
              source=Argument(start=0, end=4, text="ISIS", actor="A1"), sentence=(0, 17), place=0, time=0)
    ]
    return article


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "news.db") as s:
        yield s


def test_tables_follow_the_records(store):
    for table in schema.TABLES:
        have = [row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")]
        assert have == [name for name, _ in schema.table_columns(table)]
    fks = store.conn.execute("PRAGMA foreign_key_list(events)").fetchall()
    assert [(fk["table"], fk["from"], fk["to"], fk["on_delete"]) for fk in fks] == [("articles", "article_id", "id", "CASCADE")]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "news.db"
    first = Store(path)
    assert first.migrations_run == [name for name, _ in schema.MIGRATIONS]
    first.close()
    again = Store(path)
    assert again.migrations_run == []
    assert [r[0] for r in again.conn.execute("SELECT name FROM _migrations ORDER BY id")] == [n for n, _ in schema.MIGRATIONS]


def test_a_new_record_field_becomes_a_column(tmp_path):
    path = tmp_path / "news.db"
    Store(path).close()
    # An older database: made before events had "cameo".
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE events DROP COLUMN cameo")
    conn.commit()
    conn.close()
    store = Store(path)
    assert store.migrations_run == ["add_column:events.cameo"]
    store.save(make_article())
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_a_failing_migration_leaves_nothing(tmp_path, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ("0099_broken", broken)])
    with pytest.raises(RuntimeError):
        Store(tmp_path / "news.db")
    conn = sqlite3.connect(tmp_path / "news.db")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in names and "events" in names
    assert conn.execute("SELECT count(*) FROM _migrations WHERE name = '0099_broken'").fetchone()[0] == 0


def test_resaving_replaces_instead_of_duplicating(store):
    store.save_many([make_article()])
    store.save_many([make_article()])
    counts = {t: store.count(t) for t in ("articles", *ITEM_TABLES)}
    assert counts == {"articles": 1, "entities": 0, "actors": 1, "places": 1, "times": 1, "quotes": 1, "events": 1}
    assert store.conn.execute("SELECT count(*) FROM events_rtree").fetchone()[0] == 1
    # A changed text replaces the old one everywhere, the full-text index included.
    store.save(make_article(text="ISIS took Mosul. Officials said so."))
    assert count_events(store.conn, Filters(q="Mosul")) == 1
    assert count_events(store.conn, Filters(q="Ramadi")) == 1  # the title still says Ramadi
    assert count_events(store.conn, Filters(q="took Ramadi")) == 1
    store.save(make_article(text="ISIS took Mosul. Officials said so.", title="Mosul falls"))
    assert count_events(store.conn, Filters(q="Ramadi")) == 0
    store.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    store.conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")


def test_is_current_compares_text_and_stages(store):
    article = make_article()
    assert not store.is_current(article)
    store.save(article, stages=["structure", "nlp"])
    assert store.is_current(article, ["structure"]) and store.is_current(article, ["structure", "nlp"])
    assert not store.is_current(article, ["structure", "nlp", "events"])
    assert not store.is_current(make_article(text="Another text entirely."), ["structure"])


def test_a_failing_batch_is_rolled_back_whole(store):
    def articles():
        yield make_article("ok1")
        yield make_article("ok2")
        yield make_article("bad")
        raise RuntimeError("reader died")

    with pytest.raises(RuntimeError):
        store.save_many(articles(), batch_size=2)
    assert list(store.article_ids()) == ["ok1", "ok2"]


def test_search_filters_and_facets(store):
    store.save_many([
        make_article("a1"),
        make_article("a2", text="Rebels attacked Mosul. Witnesses said so.", lat=36.34, lon=43.13, day="2015-06-02",
                     type_="ASSAULT", source="AP", title="Mosul attack"),
        make_article("a3", text="Talks held in Paris. Diplomats said so.", lat=48.85, lon=2.35, day="2015-06-20",
                     type_="CONSULT", source="AP", title="Paris talks"),
    ])
    conn = store.conn
    assert count_events(conn, Filters()) == 3
    assert [r["article_id"] for r in event_rows(conn, Filters(q="mosul"))] == ["a2"]
    assert [r["article_id"] for r in event_rows(conn, Filters(q="witnesses"))] == ["a2"]  # quote text
    assert [r["article_id"] for r in event_rows(conn, Filters.parse({"bbox": "40,30,50,40"}))] == ["a2", "a1"]
    assert [r["article_id"] for r in event_rows(conn, Filters.parse({"since": "2015-06-01", "until": "2015-06-10"}))] == ["a2"]
    row = event_rows(conn, Filters(type=("CONSULT",)))[0]
    assert row["evidence"] == "Talks held in Par" and row["place_name"] == "Ramadi" and row["source_name"] == "ISIS"
    f = facets(conn, Filters(type=("ASSAULT",)))
    # A facet's own selection does not narrow its counts; the others' do.
    assert {r["value"]: r["count"] for r in f["type"]["values"]} == {"ASSAULT": 1, "COERCE": 1, "CONSULT": 1}
    assert {r["value"]: r["count"] for r in f["source"]["values"]} == {"AP": 1}
    assert [r["value"] for r in f["month"]["values"]] == ["2015-06"]
    assert not f["type"]["more"]
    assert facets(conn, Filters(), size=2)["type"]["more"]  # three types, two shown: the list says it is cut
    assert [q["article_id"] for q in quote_rows(conn, q="diplomats")] == ["a3"]


def test_timeline_buckets_fill_gaps_and_compare_to_baseline(store):
    days = ["2015-05-04", "2015-05-05", "2015-05-12", "2015-05-26", "2015-06-01", "2015-06-02", "2015-06-03"]
    store.save_many([make_article(f"a{i}", day=d) for i, d in enumerate(days)])
    weeks = timeline(store.conn, Filters(), "week", baseline=2)
    assert [(b["start"], b["total"]) for b in weeks["buckets"]] == [
        ("2015-05-04", 2), ("2015-05-11", 1), ("2015-05-18", 0), ("2015-05-25", 1), ("2015-06-01", 3)
    ]
    assert weeks["buckets"][2]["baseline"] == 1.5 and weeks["buckets"][4]["change"] == pytest.approx((3 - 0.5) / 0.5)
    months = timeline(store.conn, Filters(), "month")
    assert [(b["start"], b["by_type"]) for b in months["buckets"]] == [("2015-05-01", {"COERCE": 4}), ("2015-06-01", {"COERCE": 3})]
    store.save(make_article("a-2017", day="2017-02-03"))
    years = timeline(store.conn, Filters(), "year")
    assert [(b["start"], b["total"]) for b in years["buckets"]] == [("2015-01-01", 7), ("2016-01-01", 0), ("2017-01-01", 1)]
    with pytest.raises(ValueError):
        timeline(store.conn, Filters(), "fortnight")


@pytest.mark.parametrize(
    ("value", "day"),
    [("2014-01-10", "2014-01-10"), ("2015-05-20T10:00", "2015-05-20"), ("2015-W20", "2015-05-11"),
     ("2015-W20-WE", "2015-05-16"), ("2014-SU", None), ("2015", None), ("PAST_REF", None), ("2015-02-30", None), (None, None)],
)
def test_event_day(value, day):
    assert event_day(value) == day


@pytest.mark.parametrize(
    "params",
    [{"since": "yesterday"}, {"since": "2015-02-30"}, {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "0,80,1,70"},
     {"bbox": "nan,0,1,1"}, {"month": "May"}, {"since": "2015-06-01", "until": "2015-05-01"}],
)
def test_bad_filters_say_why(params):
    with pytest.raises(ValueError, match=next(iter(params)) if "until" not in params else "after"):
        Filters.parse(params)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_search_text_is_safe_for_fts(text):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    query = fts_query(text)
    if query:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["q", "type", "since", "until", "bbox", "month", "actor"]), st.text(max_size=30)))
def test_filters_parse_accepts_or_explains(params):
    try:
        f = Filters.parse(params)
    except ValueError as exc:
        assert str(exc)
    else:
        assert Filters.parse({k: v for k, v in f.params().items()}) == f


def test_readonly_refuses_a_foreign_file(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)")
    with pytest.raises(StoreError, match="not a dateline database"):
        Store(other, readonly=True)
    with pytest.raises(StoreError, match="no such"):
        Store(tmp_path / "missing.db", readonly=True)


def test_facets_match_a_brute_force_count_under_every_selection(store):
    """Each facet counts the events passing every *other* selection; the total passes all."""
    import itertools
    import random

    rng = random.Random(3)
    types, sources, days, actors = ["ASSAULT", "COERCE", "AID"], ["AP", "BBC"], ["2015-05-16", "2015-06-02"], ["ISIS", "UN"]
    articles = []
    for i in range(24):
        a = make_article(f"r{i}", type_=rng.choice(types), source=rng.choice(sources), day=rng.choice(days))
        a.actors[0].name = rng.choice(actors)
        articles.append(a)
    store.save_many(articles)
    events = [
        {"type": a.events[0].type, "source": a.source, "month": a.times[0].value[:7], "actor": a.actors[0].name, "country": "IQ"}
        for a in articles
    ]
    choices = {"type": [(), ("ASSAULT",), ("ASSAULT", "AID")], "source": [(), ("BBC",)], "month": [(), ("2015-06",)],
               "actor": [(), ("UN",)]}
    for picked in itertools.product(*choices.values()):
        f = Filters(**dict(zip(choices, picked)))
        got = facets(store.conn, f, size=100)

        def passes(e, skip=None, f=f):
            return all(not getattr(f, n) or e[n] in getattr(f, n) for n in ("type", "source", "month", "actor", "country") if n != skip)

        for name in ("type", "source", "month", "actor"):
            expected: dict[str, int] = {}
            for e in events:
                if passes(e, skip=name):
                    expected[e[name]] = expected.get(e[name], 0) + 1
            assert {r["value"]: r["count"] for r in got[name]["values"] if r["count"] is not None} == expected, (name, f)
        assert count_events(store.conn, f) == sum(passes(e) for e in events)


def test_an_old_database_gains_the_outlet_column_and_query_indexes(tmp_path, monkeypatch):
    # A database made before 0005: events without article_source, the old single-column indexes.
    old_steps = [step for step in schema.MIGRATIONS if step[0] < "0005"]
    monkeypatch.setattr(schema, "MIGRATIONS", old_steps)
    monkeypatch.setitem(schema.EXTRA_COLUMNS, "events", [c for c in schema.EXTRA_COLUMNS["events"] if c[0] != "article_source"])
    with Store(tmp_path / "old.db") as old:
        old.save(make_article("a1", source="AP"))
    monkeypatch.undo()
    with Store(tmp_path / "old.db") as new:
        assert "0005_query_indexes" in new.migrations_run
        assert new.conn.execute("SELECT article_source FROM events").fetchone()[0] == "AP"
        indexes = {r[0] for r in new.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"idx_events_by_type", "idx_events_by_date"} <= indexes and "idx_events_type" not in indexes
        assert facets(new.conn, Filters())["source"]["values"][0]["value"] == "AP"


def test_watch_keys_events_on_a_stable_identity(store):
    from dateline.store.watch import Zone, new_events

    taji = Zone("Camp Taji", 33.53, 44.26, 100)
    store.save(make_article("w1", lat=33.6, lon=44.3))
    assert [e["article_id"] for e in new_events(store.conn, taji)] == ["w1"]
    store.save(make_article("w1", lat=33.6, lon=44.3))  # re-ingested: same event, new rowid
    assert new_events(store.conn, taji) == []
    store.save(make_article("w1", lat=33.6, lon=44.3, type_="ASSAULT"))  # the analysis changed the event
    assert [e["type"] for e in new_events(store.conn, taji, remember=False)] == ["ASSAULT"]
    assert [e["type"] for e in new_events(store.conn, taji)] == ["ASSAULT"]  # remember=False kept it new
    assert new_events(store.conn, taji) == []
    store.save(make_article("far", lat=36.34, lon=43.13))  # Mosul: outside the 100 km
    assert new_events(store.conn, taji) == []


def test_watch_seeds_its_seen_set_from_the_old_rowid_state(store):
    from dateline.store.watch import Zone, new_events

    taji = Zone("Camp Taji", 33.53, 44.26, 100)
    store.save(make_article("old", lat=33.6, lon=44.3))
    last = store.conn.execute("SELECT max(rowid) FROM events").fetchone()[0]
    store.conn.execute("INSERT INTO _watch_state (zone, last_rowid) VALUES ('Camp Taji', ?)", (last,))
    store.save(make_article("new", lat=33.6, lon=44.3))
    assert [e["article_id"] for e in new_events(store.conn, taji)] == ["new"]


def test_zone_report_fills_empty_weeks(store):
    from dateline.store.watch import Zone, zone_report

    taji = Zone("Camp Taji", 33.53, 44.26, 100)
    store.save_many([
        make_article("z1", lat=33.6, lon=44.3, day="2015-05-05"),  # ~9 km from the centre, week of 05-04
        make_article("z2", lat=33.42, lon=43.31, day="2015-05-20"),  # Ramadi, ~89 km, week of 05-18
        make_article("z3", lat=36.34, lon=43.13, day="2015-05-21"),  # Mosul: outside, and farther that week
        make_article("z4", lat=36.34, lon=43.13, day="2015-06-03"),  # Mosul again, ~330 km, week of 06-01
    ])
    report = zone_report(store.conn, taji, actor="ISIS")
    # One axis for both series: to the last event of either.
    assert [(w["week"], w["total"]) for w in report["weeks"]] == [
        ("2015-05-04", 1), ("2015-05-11", 0), ("2015-05-18", 1), ("2015-05-25", 0), ("2015-06-01", 0)
    ]
    assert [(n["week"], n["distance_km"] and round(n["distance_km"] / 10)) for n in report["nearest"]] == [
        ("2015-05-04", 1), ("2015-05-11", None), ("2015-05-18", 9), ("2015-05-25", None), ("2015-06-01", 33)
    ]
    assert report["nearest"][2]["article_id"] == "z2"  # nearer than Mosul the same week
    assert report["events_total"] == 2 and [e["article_id"] for e in report["events"]] == ["z2", "z1"]
    assert zone_report(store.conn, taji)["nearest"] == []


def _cells_by_scan(conn: sqlite3.Connection) -> tuple[set, set]:
    facet = set(map(tuple, conn.execute(
        "SELECT coalesce(type, ''), coalesce(country_code, ''), coalesce(article_source, ''), "
        "coalesce(substr(event_date, 1, 7), ''), count(*) FROM events GROUP BY 1, 2, 3, 4"
    )))
    actor: dict[tuple, int] = {}
    for column in ("source_name", "target_name"):
        for *key, n in conn.execute(
            f"SELECT {column}, coalesce(type, ''), coalesce(country_code, ''), coalesce(article_source, ''), "
            f"coalesce(substr(event_date, 1, 7), ''), count(*) FROM events WHERE {column} IS NOT NULL GROUP BY 1, 2, 3, 4, 5"
        ):
            actor[tuple(key)] = actor.get(tuple(key), 0) + n
    return facet, {(*k, n) for k, n in actor.items()}


def test_precomputed_facet_cells_follow_saves_resaves_and_deletes(store):
    store.save_many([make_article(f"c{i}", type_=["AID", "COERCE"][i % 2], day=None if i == 3 else "2015-05-16") for i in range(6)])
    store.save(make_article("c1", text="ISIS took Ramadi. Officials said so again.", type_="ASSAULT", source="AP"))
    store.delete("c2")
    facet, actor = _cells_by_scan(store.conn)
    assert set(map(tuple, store.conn.execute("SELECT * FROM event_facet_cells"))) == facet
    assert set(map(tuple, store.conn.execute("SELECT * FROM event_actor_cells"))) == actor
    for article_id in ("c0", "c1", "c3", "c4", "c5"):
        store.delete(article_id)
    assert store.conn.execute("SELECT count(*) FROM event_facet_cells").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM event_actor_cells").fetchone()[0] == 0


def test_an_old_database_gains_facet_cells_for_its_events(tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "MIGRATIONS", [step for step in schema.MIGRATIONS if step[0] < "0007"])
    with Store(tmp_path / "old.db") as old:
        old.save_many([make_article(f"o{i}", type_=["AID", "COERCE", "AID"][i]) for i in range(3)])
    monkeypatch.undo()
    with Store(tmp_path / "old.db") as new:
        assert "0007_facet_cells" in new.migrations_run
        facet, actor = _cells_by_scan(new.conn)
        assert set(map(tuple, new.conn.execute("SELECT * FROM event_facet_cells"))) == facet
        assert set(map(tuple, new.conn.execute("SELECT * FROM event_actor_cells"))) == actor


@pytest.mark.parametrize("q", ["troops", "ramadi", "ceasefire", "troops ceasefire", "nothing"])
def test_text_search_counts_whether_few_or_most_articles_match(store, q):
    # 10 of 12 articles say "troops", 2 say "ceasefire", all say "Ramadi": the search keeps the
    # matched set when few match and the unmatched set when most do; the answers must agree.
    texts = [f"ISIS took Ramadi. {'Troops' if i < 10 else 'A ceasefire'} held {i}." for i in range(12)]
    store.save_many([make_article(f"t{i}", text=t, type_=["AID", "COERCE"][i % 2]) for i, t in enumerate(texts)])
    words = q.split()
    expected = [i for i, t in enumerate(texts) if all(w in t.lower() for w in words)]
    assert count_events(store.conn, Filters(q=q)) == len(expected)
    got = facets(store.conn, Filters(q=q, type=("AID",)))
    assert sum(r["count"] or 0 for r in got["type"]["values"]) == len(expected)
    assert {r["article_id"] for r in event_rows(store.conn, Filters(q=q), limit=None)} == {f"t{i}" for i in expected}


def test_an_area_gives_the_same_events_whether_small_or_large(store):
    import random

    rng = random.Random(5)
    points = [(rng.uniform(30, 36), rng.uniform(40, 47)) for _ in range(300)]
    store.save_many([make_article(f"b{i}", lat=lat, lon=lon) for i, (lat, lon) in enumerate(points)])
    for bbox in [(43.0, 33.0, 43.5, 33.5), (40.0, 30.0, 47.0, 36.0), (41.0, 31.0, 45.0, 35.0)]:
        west, south, east, north = bbox
        expected = {f"b{i}" for i, (lat, lon) in enumerate(points) if south <= lat <= north and west <= lon <= east}
        got = {r["article_id"] for r in event_rows(store.conn, Filters(bbox=bbox), limit=None)}
        assert got == expected, bbox

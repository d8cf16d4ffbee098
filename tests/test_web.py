"""The web app: pages and their JSON twins, highlights by offsets, 4xx on bad input, escaping."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dateline.models import Actor, Argument, Article, Event, Mention, Place, PlaceCandidate, Quote, Time  # noqa: E402
from dateline.store import Store  # noqa: E402
from dateline.store.watch import Zone  # noqa: E402
from dateline.web import create_app  # noqa: E402
from dateline.web.highlight import Span, segments  # noqa: E402

#: Script-injection strings (OWASP XSS filter-evasion classics) put into every text field.
INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "</textarea><script>alert(4)</script>",
    "<iframe src=javascript:alert(5)>",
    '<a href="javascript:alert(6)">x</a>',
    "{{ 7*7 }}<b onmouseover=alert(8)>",
]


def hostile_article(i: int, payload: str) -> Article:
    speaker = f"Gen {payload}"
    text = f"{payload} said the town fell. “We hold {payload},” said {speaker} in Ramadi on Monday."
    q_start = text.index("“") + 1
    q_end = text.index("”")
    s_start = text.index(speaker)
    r_start = text.index("Ramadi")
    m_start = text.index("Monday")
    article = Article(id=f"evil-{i}", text=text, title=f"Title {payload}", source=f"Outlet {payload}",
                      url=f"javascript:alert({i})", published="2015-05-20")
    article.actors = [Actor(id="A1", name=speaker, type="PERSON", roles=[payload],
                            mentions=[Mention(start=s_start, end=s_start + len(speaker), text=speaker)])]
    candidates = [
        PlaceCandidate(name=f"Ramadi {payload}", geonameid=1, lat=33.42, lon=43.31, country_code="IQ", feature="P.PPLA",
                       population=1, score=0.9),
        PlaceCandidate(name=f"Other {payload}", geonameid=2, lat=1.0, lon=2.0, country_code="XX", feature="P.PPL",
                       population=1, score=0.1),
    ]  # fmt: skip
    article.places = [Place(start=r_start, end=r_start + 6, text="Ramadi", name=f"Ramadi {payload}", lat=33.42, lon=43.31,
                            country_code="IQ", confidence=0.9, candidates=candidates)]  # fmt: skip
    article.times = [Time(start=m_start, end=m_start + 6, text="Monday", type="DATE", value="2015-05-18")]
    article.quotes = [Quote(start=q_start, end=q_end, text=text[q_start:q_end], direct=True, speaker=speaker,
                            speaker_start=s_start, speaker_end=s_start + len(speaker), cue="said")]
    fell = text.index("fell")
    article.events = [Event(type="COERCE", mode=payload, trigger=Mention(start=fell, end=fell + 4, text="fell"),
                            source=Argument(start=0, end=len(payload), text=payload, actor="A1"),
                            sentence=(0, text.index(".") + 1), place=0, time=0)]
    return article


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "news.db"
    with Store(db) as store:
        store.save_many([hostile_article(i, p) for i, p in enumerate(INJECTIONS)])
    return TestClient(create_app(db, zones=[Zone("Camp Taji", 33.53, 44.26, 100)]))


PAGES = ["/search", "/search?q=hold", "/map", "/timeline?interval=day", "/quotes?q=hold", "/quotes?speaker=x",
         "/zones", "/zones/Camp%20Taji",
         *[f"/articles/evil-{i}" for i in range(len(INJECTIONS))],
         *[f"/actors/{quote('Gen ' + p, safe='')}" for p in INJECTIONS],
         *[f"/zones/Camp%20Taji?actor={quote('Gen ' + p, safe='')}" for p in INJECTIONS]]


@pytest.mark.parametrize("path", PAGES)
def test_no_injection_string_reaches_a_page_unescaped(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    for payload in INJECTIONS:
        assert payload not in html, (path, payload)
    for tag in ("<script>alert", "<img src=x", "<svg onload", "<iframe", 'href="javascript:', "onerror=alert(2)>"):
        assert tag not in html, (path, tag)


def test_the_article_view_escapes_and_highlights(client):
    html = client.get("/articles/evil-0").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="hl hl-place' in html and "hl-event" in html and "hl-quote" in html and "hl-speaker" in html


def test_the_article_view_shows_confidence_and_the_readings_turned_down(client):
    html = client.get("/articles/evil-1").text
    assert "confidence 0.90" in html
    assert "also weighed: Other &#34;&gt;&lt;img" in html or "also weighed: Other &quot;&gt;&lt;img" in html
    assert "(1.000, 2.000) 0.10" in html


def test_the_article_view_says_where_the_publication_date_came_from(tmp_path):
    with Store(tmp_path / "dates.db") as store:
        store.save_many([
            Article(id="wire", text="NAJAF, Iraq, Jan 10 (Reuters) - Fighting.", published="2014-01-10", published_source="dateline"),
            Article(id="undated", text="Fighting went on last week."),
        ])
    client = TestClient(create_app(tmp_path / "dates.db"))
    assert "published 2014-01-10 (read from the dateline)" in client.get("/articles/wire").text
    assert "publication date unknown" in client.get("/articles/undated").text


def test_segments_cut_at_every_boundary_and_keep_the_text():
    text = "ISIS took Ramadi today"
    spans = [Span(0, 16, "quote", "q"), Span(10, 16, "place", "p"), Span(5, 9, "event", "e"), Span(18, 99, "bad", "x")]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.kinds) for s in segs] == [
        ("ISIS ", ["quote"]), ("took", ["event", "quote"]), (" ", ["quote"]), ("Ramadi", ["place", "quote"]), (" today", [])
    ]


def test_json_twins(client):
    data = client.get("/search.json", params={"q": "hold", "type": "COERCE"}).json()
    assert data["total"] == len(INJECTIONS)
    assert {f["value"] for f in data["facets"]["type"]["values"]} == {"COERCE"}
    assert data["facets"]["type"]["values"][0]["toggle_url"].startswith("/search?")
    assert data["facet_size"] == 10 and data["facets"]["type"]["more"] is False
    record = client.get("/articles/evil-1.json").json()
    assert record["article"]["title"] == f"Title {INJECTIONS[1]}"  # JSON carries the raw text, as data
    geo = client.get("/map.json").json()
    assert geo["located_events"] == len(INJECTIONS) and geo["features"][0]["properties"]["evidence"]
    assert geo["zones"][0]["name"] == "Camp Taji"
    timeline = client.get("/timeline.json", params={"interval": "day"}).json()
    assert timeline["buckets"] == [{"start": "2015-05-18", "total": 7, "by_type": {"COERCE": 7}, "baseline": None, "change": None}]
    zones = client.get("/zones.json").json()
    assert len(zones["zones"][0]["events"]) == len(INJECTIONS)


def test_map_clusters_instead_of_dropping(client):
    geo = client.get("/map.json", params={"cluster_over": 2}).json()
    assert geo["clustered"] and sum(f["properties"]["count"] for f in geo["features"]) == len(INJECTIONS)


@pytest.mark.parametrize(
    "path",
    ["/search?since=yesterday", "/search.json?bbox=1,2,3", "/search?bbox=0,95,1,99", "/map.json?month=May",
     "/timeline?interval=decade", "/timeline.json?until=2015-13-01", "/search?page=0", "/search?page=abc",
     "/quotes.json?limit=-1", "/export.xml", "/export.geojson?table=quotes", "/export.csv?table=nope",
     "/export.csv?table=quotes&type=X", "/search?q=a&q=b", "/articles/missing", "/articles/missing.json",
     "/actors/Nobody", "/actors/Nobody.json", "/zones/Atlantis", "/zones/Atlantis.json", "/zones/Camp%20Taji?limit=0",
     "/zones/Camp%20Taji.json?actor=" + "x" * 400],
)
def test_bad_parameters_get_4xx_with_a_message(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    if path.split("?")[0].endswith(".json") or path.startswith("/export"):
        assert response.json()["error"]
    else:
        assert "<h1>" in response.text


@pytest.mark.parametrize("q", ['"', "NEAR(", "a OR", "*", "^", "title:x", "'; DROP TABLE articles; --", "\x00"])
def test_fts_syntax_in_the_search_box_is_just_text(client, q):
    assert client.get("/search.json", params={"q": q}).status_code == 200


def test_exports_match_the_page(client):
    page = client.get("/search.json", params={"q": "hold"}).json()
    csv_text = client.get("/export.csv", params={"q": "hold"}).text
    assert len(csv_text.strip().splitlines()) == page["total"] + 1
    lines = client.get("/export.jsonl", params={"q": "hold"}).text.splitlines()
    assert {json.loads(line)["article_id"] for line in lines} == {e["article_id"] for e in page["events"]}
    response = client.get("/export.parquet")
    assert response.status_code == 200 and response.content[:4] == b"PAR1"
    merged_link = page["merged_exports"]["jsonl"]
    assert "table=merged" in merged_link
    merged = [json.loads(line) for line in client.get(merged_link).text.splitlines()]
    assert sum(r["reports"] for r in merged) == page["total"]


def test_serve_binds_loopback_by_default():
    from dateline.cli import cli

    host = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_actor_page_and_its_json_twin(client):
    name = "Gen " + INJECTIONS[0]
    data = client.get(f"/actors/{quote(name, safe='')}.json").json()
    assert data["name"] == name and data["articles"] == 1
    assert data["roles"] == [{"value": INJECTIONS[0], "count": 1}]
    assert data["as_source"]["total"] == 1 and data["as_source"]["types"] == [{"value": "COERCE", "count": 1}]
    assert data["as_target"]["total"] == 0
    assert data["quotes"]["total"] == 1 and data["quotes"]["rows"][0]["article_id"] == "evil-0"
    html = client.get(f"/actors/{quote(name, safe='')}").text
    assert "As source" in html and "/search?actor=" in html


def test_zone_page_counts_weeks_and_the_nearest_event_of_an_actor(client):
    data = client.get("/zones/Camp%20Taji.json").json()
    assert data["events_total"] == len(INJECTIONS)  # Ramadi is about 90 km from Camp Taji
    assert data["weeks"] == [{"week": "2015-05-18", "total": len(INJECTIONS), "by_type": {"COERCE": len(INJECTIONS)}}]
    assert data["nearest"] == []
    name = "Gen " + INJECTIONS[1]
    near = client.get("/zones/Camp%20Taji.json", params={"actor": name}).json()["nearest"]
    assert [(n["week"], n["article_id"]) for n in near] == [("2015-05-18", "evil-1")]
    assert 80 < near[0]["distance_km"] < 100
    html = client.get("/zones/Camp%20Taji", params={"actor": name}).text
    assert "<polyline" in html and "Is it getting closer?" in html

"""End to end in a real headless Chromium: `dateline serve` over a store ingested from examples/.

Needs Debian's Chromium at /usr/bin/chromium (``scripts/install_browser.sh``) and the Python
``playwright`` package, which drives it (never ``playwright install``: no browser downloads).
Skipped when either is missing. Screenshots of each main page go to ``tests/.artifacts/``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.models import Article, Event, Mention, Place, Quote
from dateline.store import Store

from .conftest import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / ".artifacts"
SPECIMEN = "a1c3ec3d4b83e80e"
HOSTILE = "evil-1"
#: Every payload sets window.__pwned if the browser ever runs it.
PAYLOADS = [
    "<script>window.__pwned = 'title'</script>",
    '"><img src=x onerror="window.__pwned = \'img\'">',
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
]

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed (run scripts/install_browser.sh)", allow_module_level=True)


def hostile_article() -> Article:
    """An article whose every shown field carries script payloads, located inside Camp Taji's zone."""
    payload = " ".join(PAYLOADS)
    text = f"{payload} Militants shelled Taji on Monday. “{payload} we stand,” said a spokesman."
    place = text.index("Taji")
    shelled = text.index("shelled")
    q_start, q_end = text.index("“") + 1, text.index("”")
    article = Article(id=HOSTILE, text=text, title=f"Alert {payload}", source=f"Outlet {payload}", published="2015-05-18")
    article.places = [Place(start=place, end=place + 4, text="Taji", name=f"Taji {payload}", lat=33.53, lon=44.26,
                            country_code="IQ")]
    article.quotes = [Quote(start=q_start, end=q_end, text=text[q_start:q_end], direct=True, speaker=f"spokesman {payload}")]
    article.events = [Event(type="ASSAULT", trigger=Mention(start=shelled, end=shelled + 7, text="shelled"),
                            sentence=(0, text.index(".") + 1), place=0)]
    return article


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("browser") / "news.db")
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", db, "--published", "2015-05-20", "--places", str(EXAMPLES / "places.toml"), "--no-progress"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        store.save(hostile_article())
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from dateline.cli import main; main()", "serve", db, "--port", str(port),
         "--watch", str(EXAMPLES / "watch.toml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/search.json", timeout=2) as response:
                json.load(response)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"dateline serve did not start: {proc.stdout.read().decode(errors='replace')}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # Nothing may leave loopback: the app ships every asset (no CDN).
    outside: list[str] = []
    pg.route(lambda url: not url.startswith(server), lambda route: (outside.append(route.request.url), route.abort()))
    yield pg
    context.close()
    assert not errors, errors
    assert not outside, outside


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_map_draws_the_events_and_the_watch_zone(page):
    page.goto("/map")
    page.wait_for_selector("#map[data-loaded=true]", timeout=15000)
    m = page.locator("#map")
    assert int(m.get_attribute("data-events")) >= 5  # the specimen's located events (+ the hostile one)
    assert m.get_attribute("data-zones") == "1"  # Camp Taji
    assert page.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg").count() >= 1
    assert page.locator(".leaflet-tile-pane, .leaflet-overlay-pane path, .leaflet-overlay-pane canvas").count() >= 1
    status = page.locator("#map-status").inner_text()
    assert "located event" in status
    # The picture: the area around Camp Taji, where the page fits the view to the events and zone.
    page.goto("/map?bbox=38,29,50,38")
    page.wait_for_selector("#map[data-loaded=true]", timeout=15000)
    assert int(page.locator("#map").get_attribute("data-events")) >= 3
    page.wait_for_timeout(500)  # let the world layer paint
    shot(page, "map")


def test_search_finds_the_specimen_and_opens_it_with_highlights(page):
    page.goto("/search")
    page.fill("input[name=q]", "Taji Kiwi soldiers")
    page.click("form.query button[type=submit]")
    page.wait_for_url("**/search?*q=Taji*")
    links = page.locator(f"a.article[href^='/articles/{SPECIMEN}']")
    assert links.count() >= 1
    assert page.locator(".facets section").count() == 5
    shot(page, "search")
    links.first.click()
    page.wait_for_url(f"**/articles/{SPECIMEN}*")
    for kind in ("place", "actor", "time", "quote", "event"):
        assert page.locator(f"article.text .hl-{kind}").count() >= 1, kind
    taji = page.locator("article.text .hl-place", has_text="Taji")
    assert taji.count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "article")


def test_quotes_and_timeline_pages_render(page):
    page.goto("/quotes?q=Iraq")
    assert page.locator("body").inner_text()
    shot(page, "quotes")
    page.goto("/timeline?interval=week")
    assert page.locator("svg rect").count() >= 1
    shot(page, "timeline")


def test_actor_and_watch_zone_pages(page, server):
    with urllib.request.urlopen(server + "/search.json") as response:
        top = json.load(response)["facets"]["actor"]["values"][0]["value"]  # the most active actor
    page.goto(f"/actors/{urllib.parse.quote(top, safe='')}")
    assert page.locator("h1").inner_text() == top
    assert page.locator("ol.events li a.article").count() >= 1
    shot(page, "actor")
    page.goto("/zones")
    page.click("ul.zones a")
    page.wait_for_url("**/zones/Camp%20Taji")
    source = page.locator("#actors option").first.get_attribute("value")  # the most frequent source
    page.fill("input[name=actor]", source)
    page.click("form.query button[type=submit]")
    page.wait_for_url("**/zones/Camp%20Taji?actor=*")
    assert page.locator("svg.chart").count() == 2  # events per week; nearest event per week
    assert page.locator("table.buckets tr td").first.inner_text()
    assert page.locator("ol.events li").count() >= 1
    shot(page, "zone")


@pytest.mark.parametrize("path", [
    "/search", "/search?q=shelled", "/map", f"/articles/{HOSTILE}", "/quotes?q=stand", "/timeline", "/zones",
    "/zones/Camp%20Taji", f"/actors/{urllib.parse.quote('spokesman ' + ' '.join(PAYLOADS), safe='')}",
])
def test_injected_scripts_never_run(page, path):
    assert page.goto(path).ok
    if path == "/map":
        page.wait_for_selector("#map[data-loaded=true]", timeout=15000)
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None
    if path.startswith("/articles/"):
        # The payload is on the page, as text.
        assert "<script>window.__pwned" in page.locator("h1").inner_text()

"""Latency of the web app over a store of 10,000 synthetic articles (5 events each).

Usage: .venv/bin/python bench/store_latency.py [N_ARTICLES] [--db PATH] — builds the store in a temp
folder (or at PATH, reused when it exists with N articles, so repeated runs skip the build), then
requests each page 50 times in-process (FastAPI TestClient, no network) and prints p50/p95/max.
The articles are synthetic (random places in a box around Iraq, random days over 3 years, random
types, 300 words drawn from 12 common ones, so a query for those matches every article: the worst
case; plus one of 300 town names, so a query for a town matches about 0.3% of them, like a real
search): they measure the store and queries, not the analysis. The machine's load average is
printed with the results: on a shared machine, wall-clock latency grows with it.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from dateline.models import Actor, Argument, Article, Event, Mention, Place, Quote, Time
from dateline.store import Store
from dateline.store.watch import Zone
from dateline.web import create_app

TYPES = ["ASSAULT", "COERCE", "CONSULT", "PROTEST", "AID", "MOBILIZE", "ACCUSE", "THREATEN"]
WORDS = "army militants city attack talks aid border troops village ceasefire protest minister".split()
TOWNS = [f"town{i:03d}" for i in range(300)]


def article(i: int, rng: random.Random) -> Article:
    words = " ".join(rng.choice(WORDS) for _ in range(300))
    text = f"Officials said fighting continued. {words} near {rng.choice(TOWNS)}. “We will hold the line,” said General Ali."
    a = Article(id=f"bench-{i:06d}", text=text, title=f"Report {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                source=rng.choice(["Reuters", "AP", "AFP", "BBC"]), published="2015-05-20")
    a.actors = [Actor(id="A1", name=rng.choice(["ISIS", "Iraqi army", "Peshmerga", "UN"]), type="ORG")]
    a.places = [Place(start=0, end=9, text="Officials", name=f"P{j}", lat=rng.uniform(29, 37), lon=rng.uniform(39, 48),
                      country_code="IQ") for j in range(3)]
    a.times = [Time(start=0, end=9, text="x", type="DATE", value=f"{rng.randint(2013, 2015)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")]
    a.quotes = [Quote(start=text.index("“") + 1, end=text.index("”"), text="We will hold the line,", direct=True, speaker="General Ali")]
    a.events = [Event(type=rng.choice(TYPES), trigger=Mention(start=18, end=26, text="fighting"),
                      source=Argument(start=0, end=9, text="Officials", actor="A1"), sentence=(0, 35),
                      place=rng.randrange(3), time=0) for _ in range(5)]
    return a


def build(db: Path, n: int) -> None:
    """Store ``n`` synthetic articles at ``db`` unless it already holds exactly them."""
    if db.exists():
        with Store(db) as store:
            if store.count() == n:
                print(f"reusing {db} ({n} articles)")
                return
        db.unlink()
    rng = random.Random(7)
    started = time.perf_counter()
    with Store(db) as store:
        store.save_many((article(i, rng) for i in range(n)), batch_size=500)
    print(f"stored {n} articles in {time.perf_counter() - started:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")


def main() -> None:
    args = sys.argv[1:]
    keep = None
    if "--db" in args:
        i = args.index("--db")
        keep = Path(args[i + 1])
        del args[i : i + 2]
    n = int(args[0]) if args else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        db = keep or Path(tmp) / "bench.db"
        build(db, n)
        client = TestClient(create_app(db, zones=[Zone("Camp Taji", 33.53, 44.26, 100)]))
        pages = {
            "search q (0.3% match)": "/search.json?q=town042",
            "search page q (0.3%)": "/search?q=town042",
            "search q (every article)": "/search.json?q=ceasefire+troops",
            "search q+bbox+dates": "/search.json?q=attack&bbox=42,31,46,35&since=2014-01-01&until=2014-12-31",
            "search facets only": "/search.json?type=ASSAULT",
            "search page (HTML)": "/search?q=attack",
            "map (bbox)": "/map.json?bbox=43,32,45,34",
            "map (all, clustered)": "/map.json",
            "timeline week": "/timeline.json?interval=week",
            "timeline page (HTML)": "/timeline?interval=month",
            "actor page": "/actors/ISIS",
            "zone page + actor": "/zones/Camp%20Taji?actor=ISIS",
        }
        print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())} ({os.cpu_count()} CPUs)")
        for name, url in pages.items():
            assert client.get(url).status_code == 200
            times = []
            for _ in range(50):
                t0 = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            print(f"{name:26s} p50 {statistics.median(times):7.1f} ms   p95 {times[int(len(times) * 0.95) - 1]:7.1f} ms   max {times[-1]:7.1f} ms")


if __name__ == "__main__":
    main()
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")

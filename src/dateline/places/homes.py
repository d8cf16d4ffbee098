"""Outlet homes: the place each news outlet writes from, which its ambiguous names lean towards.

A local paper's "Dublin" is the Dublin it is printed in (Ohio), its "Athens" the one down the road
(Texas), whatever the famous namesake. The resolver reads an article as if it also named its
outlet's home (see :meth:`~.resolve.Resolver.resolve`). Homes come from a file the user writes, or
that :func:`learn_homes` derives from articles already analysed: an outlet's home is the
first-level area (US state, province) that at least half of its articles name with confidence
(with two distinct places at least), and in it the town they name most (the approach of LGL's "local lexicons", Lieberman et al. 2010).

The file is TOML, one ``[[home]]`` table per outlet::

    [[home]]
    outlet = "thetowntalk.com"   # an article's source, else its URL's host without "www."
    name = "Alexandria"
    lat = 31.31129
    lon = -92.44514
    country = "US"               # ISO alpha-2
    admin1 = "LA"                # GeoNames admin1 code (US: the state's postal code)
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..models import Article, Place
from .gazetteer import Candidate, Gazetteer

#: An outlet needs this many articles before a home is learned for it.
MIN_ARTICLES = 3
#: A place counts towards an outlet's home only when resolved with this confidence.
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Home:
    """An outlet's home: a town with its country and first-level area."""

    outlet: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None = None

    def candidate(self) -> Candidate:
        """The home as a gazetteer candidate, for the resolver."""
        return Candidate(
            geonameid=0, name=self.name, lat=self.lat, lon=self.lon, feature="P.PPL",
            country_code=self.country, admin1=self.admin1, population=0, tier="user",
        )  # fmt: skip


def outlet_of(article: Article) -> str | None:
    """The outlet an article comes from: its ``source``, else its URL's host without "www."."""
    if article.source:
        return article.source
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def read_homes(path: str | Path) -> dict[str, Home]:
    """Homes by outlet from a TOML file; :class:`~dateline.errors.InputError` names the file and
    the table at fault."""
    import tomllib

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the homes file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not valid TOML ({exc})") from None
    rows = data.get("home", [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(str(path), "expected [[home]] tables")
    homes: dict[str, Home] = {}
    for n, row in enumerate(rows, start=1):
        try:
            home = Home(
                outlet=str(row["outlet"]), name=str(row["name"]), lat=float(row["lat"]), lon=float(row["lon"]),
                country=str(row["country"]), admin1=str(row["admin1"]) if row.get("admin1") else None,
            )  # fmt: skip
        except KeyError as exc:
            raise InputError(str(path), f"home {n} lacks {exc.args[0]!r}") from None
        except (TypeError, ValueError) as exc:
            raise InputError(str(path), f"home {n}: {exc}") from None
        if not (math.isfinite(home.lat) and math.isfinite(home.lon) and -90 <= home.lat <= 90 and -180 <= home.lon <= 180):
            raise InputError(str(path), f"home {n} ({home.outlet}): coordinates out of range")
        homes[home.outlet] = home
    return homes


def write_homes(homes: Iterable[Home]) -> str:
    """Homes as the TOML :func:`read_homes` reads."""
    import json

    out = ["# Outlet homes (dateline): ambiguous place names in an outlet's articles lean towards its home.", ""]
    for h in homes:
        out.append("[[home]]")
        out.append(f"outlet = {json.dumps(h.outlet)}")
        out.append(f"name = {json.dumps(h.name, ensure_ascii=False)}")
        out.append(f"lat = {h.lat}")
        out.append(f"lon = {h.lon}")
        out.append(f"country = {json.dumps(h.country)}")
        if h.admin1:
            out.append(f"admin1 = {json.dumps(h.admin1)}")
        out.append("")
    return "\n".join(out)


def learn_homes(articles: Iterable[tuple[str | None, Iterable[tuple[Candidate, float]]]]) -> list[Home]:
    """Homes from analysed articles: (outlet, [(resolved place, confidence), ...]) per article.

    An outlet with at least :data:`MIN_ARTICLES` articles gets a home when one first-level area
    holds a confidently resolved town or area in at least half of them, and at least two distinct
    places over all of them (one misread name repeated, "Dublin" read as Ireland's in every story
    of an Ohio paper, is no home); the home is the town of that area its articles name most. An
    outlet on a country's domain (".ca", ".co.uk") is at home in that country only. Countries and
    continents say nothing of an outlet's home.
    """
    areas: dict[str, Counter] = {}
    towns: dict[str, Counter] = {}
    distinct: dict[str, dict[tuple[str, str], set[int]]] = {}
    counts: Counter = Counter()
    by_id: dict[int, Candidate] = {}
    for outlet, places in articles:
        if not outlet:
            continue
        counts[outlet] += 1
        country = _domain_country(outlet)
        seen_areas, seen_towns = set(), set()
        for cand, confidence in places:
            if confidence < MIN_CONFIDENCE or not cand.country_code or not cand.admin1:
                continue
            if not (cand.feature.startswith("P.") or cand.feature.startswith("A.ADM")):
                continue
            if country and cand.country_code != country:
                continue
            area = (cand.country_code, cand.admin1)
            seen_areas.add(area)
            distinct.setdefault(outlet, {}).setdefault(area, set()).add(cand.geonameid)
            if cand.feature.startswith("P."):
                seen_towns.add(cand.geonameid)
                by_id[cand.geonameid] = cand
        areas.setdefault(outlet, Counter()).update(seen_areas)
        towns.setdefault(outlet, Counter()).update(seen_towns)
    homes = []
    for outlet in sorted(counts):
        n = counts[outlet]
        if n < MIN_ARTICLES or not areas.get(outlet):
            continue
        # ties go to the area named first in sorted order, so a rerun learns the same homes
        (area, seen), *_ = sorted(areas[outlet].items(), key=lambda kv: (-kv[1], kv[0]))
        if seen * 2 < n or len(distinct[outlet][area]) < 2:
            continue
        in_area = [(g, k) for g, k in towns[outlet].items() if (by_id[g].country_code, by_id[g].admin1) == area]
        if not in_area:
            continue
        town = by_id[min(in_area, key=lambda gk: (-gk[1], gk[0]))[0]]
        homes.append(Home(outlet, town.name, town.lat, town.lon, area[0], area[1]))
    return homes


# Country-code top-level domains used as generic ones ("news.tv", "app.io"): they say nothing of a country.
_GENERIC_CC_DOMAINS = frozenset({"tv", "io", "me", "co", "fm", "ly", "ai", "cc", "ws", "to", "am", "gg", "la", "nu"})


def _domain_country(outlet: str) -> str | None:
    """The country of an outlet's country-code domain ("lfpress.ca" -> "CA", "x.co.uk" -> "GB"), or None."""
    if "." not in outlet or " " in outlet:
        return None  # a source name, not a host
    tld = outlet.rsplit(".", 1)[1].casefold()
    if len(tld) != 2 or not tld.isalpha() or tld in _GENERIC_CC_DOMAINS:
        return None
    return "GB" if tld == "uk" else tld.upper()


def learn_homes_from_articles(articles: Iterable[Article]) -> list[Home]:
    """:func:`learn_homes` over articles analysed by this version (their places carry their first-level area)."""
    return learn_homes(
        (outlet_of(a), [(c, p.confidence) for p in a.places if (c := _own_candidate(p)) is not None]) for a in articles
    )


def _own_candidate(place: Place) -> Candidate | None:
    """A resolved place that carries its first-level area (output schema 1.2) as a candidate, else None."""
    if place.geonameid is None or place.lat is None or place.lon is None:
        return None
    if not (place.name and place.admin1 and place.country_code and place.feature):
        return None
    return Candidate(
        geonameid=place.geonameid, name=place.name, lat=place.lat, lon=place.lon, feature=place.feature,
        country_code=place.country_code, admin1=place.admin1, population=0,
    )  # fmt: skip


def learn_homes_from_store(conn: sqlite3.Connection, gazetteer: Gazetteer) -> list[Home]:
    """:func:`learn_homes` over the articles of a store (``dateline ingest``)."""
    lookup = _PlaceLookup(gazetteer)
    rows = conn.execute(
        "SELECT a.id, a.source, a.url, p.name, p.geonameid, p.confidence, p.admin1, p.country_code, p.feature, "
        "p.lat, p.lon FROM articles a "
        "LEFT JOIN places p ON p.article_id = a.id ORDER BY a.id, p.idx"
    )

    def grouped() -> Iterable[tuple[str | None, list[tuple[Candidate, float]]]]:
        current, outlet, places = None, None, []
        for article_id, source, url, name, geonameid, confidence, admin1, country_code, feature, lat, lon in rows:
            if article_id != current:
                if current is not None:
                    yield outlet, places
                current, places = article_id, []
                outlet = outlet_of(Article(id=article_id, text="", source=source, url=url))
            place = Place(start=0, end=0, text=name or "", name=name, geonameid=geonameid, admin1=admin1,
                          country_code=country_code, feature=feature, lat=lat, lon=lon)  # fmt: skip
            if name is not None and (cand := lookup(place)) is not None:
                places.append((cand, confidence or 0.0))
        if current is not None:
            yield outlet, places

    return learn_homes(grouped())


class _PlaceLookup:
    """A resolved place as a candidate: from its own fields where it carries its first-level area
    (output schema 1.2), else from the gazetteer's record of it (places stored before)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, int], Candidate | None] = {}

    def __call__(self, place: Place) -> Candidate | None:
        if not place.name or place.geonameid is None or place.lat is None or place.lon is None:
            return None
        if (own := _own_candidate(place)) is not None:
            return own
        key = (place.name, place.geonameid)
        if key not in self._cache:
            cands = self.gazetteer.lookup(place.name)
            self._cache[key] = next((c for c in cands if c.geonameid == place.geonameid), None)
        return self._cache[key]

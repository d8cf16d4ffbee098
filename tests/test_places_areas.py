"""Tests of the embedded gazetteer's area names (bare county names, inverted names, regions
made of directional parts), the resolver's fallback to a place inside a longer name, and
recognition of places that open the names of bodies, events and offices."""

from __future__ import annotations

import pytest

from dateline.places.gazetteer import (
    FEATURE_ADM1,
    FEATURE_ADM2,
    FEATURE_REGION,
    KIND_ALTERNATE,
    KIND_NAME,
    Gazetteer,
    _bare_adm2_name,
    _country_names,
    _region_core,
)
from dateline.places.recognize import _leading_country, find_mentions
from dateline.places.resolve import Resolver

from .conftest import article_with_entities as _article
from .conftest import place_mention as _mention

# --- building the index --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "bare"),
    [("Henrico County", "Henrico"), ("Rapides Parish", "Rapides"), ("Nad Ali District", "Nad Ali"),
     ("Kent", None), ("County", None)],
)  # fmt: skip
def test_bare_county_name(name: str, bare: str | None) -> None:
    assert _bare_adm2_name(name) == bare


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("North Darfur", "Darfur"),
        ("Southeast Sulawesi", "Sulawesi"),
        ("West Java", "Java"),
        ("East Baton Rouge Parish", "Baton Rouge"),
        ("Eastern Cape", None),  # what remains is a common noun
        ("North Western Province", None),
        ("North East", None),
        ("Darfur", None),
        ("Northern", None),
    ],
)
def test_region_core(name: str, core: str | None) -> None:
    assert _region_core(name) == core


def test_country_names_drop_the_after_of() -> None:
    names = _country_names({"name": "Democratic Republic of the Congo"}, {"altSpellings": ["CD", "DR Congo"]})
    assert names[0] == ("Democratic Republic of the Congo", KIND_NAME)
    assert ("Democratic Republic of Congo", KIND_ALTERNATE) in names
    assert ("DR Congo", KIND_ALTERNATE) in names and ("CD", KIND_ALTERNATE) not in names


def test_regions_of_directional_parts(gazetteer: Gazetteer) -> None:
    darfur = gazetteer.lookup("Darfur")
    assert [(c.feature, c.country_code) for c in darfur] == [(FEATURE_REGION, "SD")]
    assert 10 < darfur[0].lat < 16 and 22 < darfur[0].lon < 28 and darfur[0].primary
    java = gazetteer.lookup("Java")[0]  # the island's provinces, not the Georgian village
    assert (java.feature, java.country_code) == (FEATURE_REGION, "ID")
    # a region is not made where a town of its country has the name
    assert not any(c.feature == FEATURE_REGION for c in gazetteer.lookup("Baton Rouge"))
    assert not any(c.feature == FEATURE_REGION for c in gazetteer.lookup("Dakota"))


def test_bare_county_names_only_where_no_other_place_has_them(gazetteer: Gazetteer) -> None:
    (henrico,) = gazetteer.lookup("Henrico")
    assert (henrico.name, henrico.feature, henrico.primary) == ("Henrico County", FEATURE_ADM2, False)
    # "Jackson" is a town's name: the bare name of Jackson County is not indexed
    assert not any(c.feature == FEATURE_ADM2 for c in gazetteer.lookup("Jackson"))


def test_inverted_area_names(gazetteer: Gazetteer) -> None:
    (dagestan,) = gazetteer.lookup("Dagestan")
    assert (dagestan.feature, dagestan.country_code) == (FEATURE_ADM1, "RU")
    assert gazetteer.lookup("Democratic Republic of Congo")[0].country_code == "CD"


def test_a_region_has_no_geonames_id(gazetteer: Gazetteer) -> None:
    (darfur,) = Resolver(gazetteer).resolve([_mention("Darfur")])
    assert darfur.feature == FEATURE_REGION and darfur.geonameid is None and darfur.lat is not None


# --- resolution: a place inside a longer name ------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Historic Dublin", "Dublin", None),
        ("City of Santa Ana", "Santa Ana", "US"),
        ("South Central Tennessee Development District", "Tennessee", "US"),
        ("Russian Empire", "Russia", "RU"),
        ("British Embassy Tokyo", "Tokyo", "JP"),  # a place's name before a demonym
    ],
)
def test_a_place_inside_a_longer_name(gazetteer: Gazetteer, text: str, name: str, country: str | None) -> None:
    (place,) = Resolver(gazetteer).resolve([_mention(text, "FAC")])
    assert place.name == name
    if country:
        assert place.country_code == country


@pytest.mark.parametrize("text", ["Indian Ocean coast", "Lake Ontario", "Aleutian Islands", "Customs Union"])
def test_no_place_inside_a_feature_or_a_generic_word(gazetteer: Gazetteer, text: str) -> None:
    # a natural feature lies elsewhere than its namesake: it is the feature itself where the
    # gazetteer holds it (see world.py), else nothing; "Union" is no town here (Union, NJ)
    (place,) = Resolver(gazetteer).resolve([_mention(text, "FAC")])
    assert place.name is None or place.feature.startswith(("H.", "T."))


# --- recognition: places that open other names -------------------------------------------


def _mentions(gazetteer: Gazetteer, text: str, *entities: tuple[str, str]) -> list[tuple[str, str | None]]:
    found = find_mentions(_article(text, *entities), gazetteer)
    return [(m.text, m.country.iso2 if m.country else None) for m in found]


def test_a_country_that_opens_a_body_name(gazetteer: Gazetteer) -> None:
    text = "Officials of the U.S. Centers for Disease Control said so."
    assert _mentions(gazetteer, text, ("U.S. Centers for Disease Control", "ORG")) == [("U.S.", "US")]
    text = "The Mexico City Health Department said so."
    found = _mentions(gazetteer, text, ("Mexico City Health Department", "ORG"))
    assert ("Mexico", "MX") not in found and [t for t, _ in found] == ["Mexico City"]


@pytest.mark.parametrize(
    ("name", "span"),
    [("U.S. Fish and Wildlife Service", (0, 4)), ("United States Centers for Disease Control", (0, 13)),
     ("British Airways", None), ("Mexico City Council", None), ("U.S.", None)],
)  # fmt: skip
def test_leading_country(name: str, span: tuple[int, int] | None) -> None:
    # a demonym is no country's name; a country's name before "City" is a city's
    assert _leading_country(name) == span


def test_a_place_that_opens_an_event_name(gazetteer: Gazetteer) -> None:
    text = "He directs the Nashville Film Festival this year."
    assert [t for t, _ in _mentions(gazetteer, text, ("Nashville Film Festival", "EVENT"))] == ["Nashville"]
    text = "She won the Grammy Awards again."
    assert _mentions(gazetteer, text, ("Grammy Awards", "EVENT")) == []


def test_an_office_of_a_place_before_a_name(gazetteer: Gazetteer) -> None:
    text = "according to Anderson County Sheriff Greg Taylor on Friday."
    found = _mentions(gazetteer, text, ("Anderson County Sheriff Greg Taylor", "PERSON"))
    assert [t for t, _ in found] == ["Anderson County"]
    text = "according to Greg Taylor Smith on Friday."
    assert _mentions(gazetteer, text, ("Greg Taylor Smith", "PERSON")) == []


def test_a_country_of_two_words_tagged_person(gazetteer: Gazetteer) -> None:
    text = "Bombs went off in Colombo and Sri Lanka has a Muslim minority."
    assert _mentions(gazetteer, text, ("Sri Lanka", "PERSON")) == [("Sri Lanka", "LK")]


# --- resolution: context and far-away areas -----------------------------------------------


def test_a_reading_the_second_pass_changes_informs_the_others(gazetteer: Gazetteer) -> None:
    # "Georgia" is the country until the second pass sees the US town beside it; the third
    # pass lets Albany follow the state
    names = ["Albany", "Georgia", "Albany", "Albany"]
    albany, georgia, *_ = Resolver(gazetteer).resolve([_mention(n) for n in names])
    assert (georgia.country_code, georgia.feature) == ("US", FEATURE_ADM1)
    assert (albany.country_code, round(albany.lat)) == ("US", 32)  # Albany, Georgia (31.6 N)


def test_an_area_named_by_position_only_where_its_country_is_named(gazetteer: Gazetteer) -> None:
    (west,) = Resolver(gazetteer).resolve([_mention("West")])
    assert west.country_code != "CM" or west.feature not in (FEATURE_ADM1, FEATURE_ADM2)
    west, _ = Resolver(gazetteer).resolve([_mention("West"), _mention("Cameroon")])
    assert (west.country_code, west.feature) == ("CM", FEATURE_ADM1)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Port of Los Angeles", "Los Angeles"), ("Gulf of Alaska", "Gulf of Alaska"), ("Gulf of Maine", None)],
)
def test_a_generic_word_opening_a_name_is_no_place(gazetteer: Gazetteer, text: str, name: str | None) -> None:
    (place,) = Resolver(gazetteer).resolve([_mention(text, "FAC")])
    assert place.name == name


def test_an_event_named_after_its_place_needs_no_head_noun(gazetteer: Gazetteer) -> None:
    text = "He won the Dubai World Cup and served in the Gulf War."
    found = _mentions(gazetteer, text, ("Dubai World Cup", "EVENT"), ("Gulf War", "EVENT"))
    assert [t for t, _ in found] == ["Dubai"]  # the "Gulf" of the "Gulf War" is no province


def test_former_names_of_states(gazetteer: Gazetteer) -> None:
    (soviet,) = Resolver(gazetteer).resolve([_mention("Soviet Union")])
    assert (soviet.country_code, soviet.name) == ("RU", "Russia")
    assert gazetteer.lookup("Zaire")[0].country_code == "CD"  # the former state over Angola's province


def test_the_state_the_article_names_most(gazetteer: Gazetteer) -> None:
    # Boone County of the state named five times, not of the one named once
    names = ["Boone County", "Indiana", "Indiana", "Indiana", "Indiana", "Indiana", "Kentucky"]
    boone, *_ = Resolver(gazetteer).resolve([_mention(n) for n in names])
    assert boone.country_code == "US" and round(boone.lat) == 40  # Boone County, Indiana (40.0 N)
    boone, *_ = Resolver(gazetteer).resolve([_mention(n) for n in ["Boone County", "Indiana", "Kentucky"]])
    assert round(boone.lat) == 39  # named once each, the bigger one (Kentucky, 39.0 N)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Abu Shok", None), ("Pink Flamingo Laundromat", None), ("Naugatuck River", "Naugatuck"),
     ("Dublin Community Recreation Center", "Dublin"), ("Mount Pleasant Civic Center", "Mount Pleasant")],
)  # fmt: skip
def test_one_leading_word_is_a_place_only_if_well_known(gazetteer: Gazetteer, text: str, name: str | None) -> None:
    # a small town's name as the first word of a longer name is mostly a coincidence
    # ("Abu" in India, "Pink" in Oklahoma), except for a natural feature named after it
    (place,) = Resolver(gazetteer).resolve([_mention(text, "FAC")])
    assert place.name == name

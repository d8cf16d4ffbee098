"""Tests of the places stage's recognition and resolution rules, on articles made here
(entities given, no spaCy) and on mentions handed to the resolver."""

from __future__ import annotations

import pytest

from dateline.places import PlaceStage
from dateline.places.gazetteer import Gazetteer, normalize
from dateline.places.recognize import Mention, find_mentions
from dateline.places.resolve import Resolver

from .conftest import article_with_entities as _article
from .conftest import place_mention as _mention


@pytest.fixture(scope="module")
def stage() -> PlaceStage:
    return PlaceStage()


# --- resolution --------------------------------------------------------------------


def test_a_bare_gulf_is_no_faraway_province(gazetteer: Gazetteer) -> None:
    # Papua New Guinea's Gulf Province is named like a feature: not the Gulf news means, unless
    # the article names its country
    (gulf, _) = Resolver(gazetteer).resolve([_mention("Gulf", label="LOC"), _mention("Iran")])
    assert gulf.country_code != "PG"
    (gulf, _) = Resolver(gazetteer).resolve([_mention("Gulf", label="LOC"), _mention("Papua New Guinea")])
    assert gulf.country_code == "PG"


def test_a_direction_written_for_an_area_s_alternate_name_is_no_reading_of_it(gazetteer: Gazetteer) -> None:
    # "West Coast" is an alternate name of Western Australia: not what it means where Australia is not named
    (coast, _) = Resolver(gazetteer).resolve([_mention("West Coast", label="LOC"), _mention("USA")])
    assert coast.name != "Western Australia"


def test_the_west_is_no_town_called_west_unless_its_state_follows(stage: PlaceStage) -> None:
    text = "The U.S. and Russia traded blame as the West expelled diplomats."
    article = stage(_article(text, ("U.S.", "GPE"), ("Russia", "GPE"), ("West", "LOC")))
    assert [p.text for p in article.places] == ["U.S.", "Russia"]
    text = "A fertilizer plant exploded in West, Texas, the U.S. said."
    article = stage(_article(text, ("West", "GPE"), ("Texas", "GPE"), ("U.S.", "GPE")))
    assert [(p.text, p.name, p.admin1) for p in article.places][0] == ("West", "West", "TX")


def test_a_bare_name_beside_its_county_is_the_county_unless_a_town_of_it_lies_in_that_state(gazetteer: Gazetteer) -> None:
    names = ["Suffolk", "Suffolk County", "Southold"]
    suffolk, county, _ = Resolver(gazetteer).resolve([_mention(n) for n in names])
    assert (county.feature, county.admin1) == ("A.ADM2", "NY") and suffolk.name == county.name
    names = ["Henderson", "Henderson County"]
    town, county = Resolver(gazetteer).resolve([_mention(n) for n in names])
    assert town.feature.startswith("P.") and town.admin1 == county.admin1  # the county's seat


def test_forms_of_one_name_do_not_vote_for_each_other(gazetteer: Gazetteer) -> None:
    # "Northeast Georgia" resolves through "Georgia": it is no evidence for the country
    names = ["Northeast Georgia", "Georgia", "Clarke County", "Oconee County", "Barrow County"]
    places = Resolver(gazetteer).resolve([_mention(n) for n in names])
    assert [(p.country_code, p.feature) for p in places[:2]] == [("US", "A.ADM1")] * 2


def test_neighbour_of_a_named_country(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    gaza, *_ = resolver.resolve([_mention("Gaza"), _mention("Israel"), _mention("Egypt")])
    assert gaza.country_code == "PS"
    (alone,) = resolver.resolve([_mention("Gaza")])
    assert alone.country_code == "MZ"  # without the neighbours, the populous province wins


def test_places_named_together_lie_together(gazetteer: Gazetteer) -> None:
    # small towns of one Connecticut corner, each name more common elsewhere
    names = ["Cornwall", "Kent", "Canaan", "Sharon", "Salisbury"]
    places = Resolver(gazetteer).resolve([_mention(n) for n in names])
    for p in places[1:4]:
        assert p.country_code == "US" and abs(p.lat - 41.85) < 0.3 and abs(p.lon + 73.4) < 0.3, p
    (kent,) = Resolver(gazetteer).resolve([_mention("Kent")])
    assert abs(kent.lat - 41.85) > 0.3 or abs(kent.lon + 73.4) > 0.3


def test_a_name_that_ends_in_a_country(gazetteer: Gazetteer) -> None:
    (place,) = Resolver(gazetteer).resolve([_mention("Villages Sudan")])
    assert place.country_code == "SD" and place.feature == "A.PCLI"
    (island,) = Resolver(gazetteer).resolve([_mention("Fire Island")])
    assert island.country_code != "IS"  # "Island" is Iceland in Icelandic only


def test_unresolved_facilities_are_dropped(stage: PlaceStage) -> None:
    text = "Crowds at Glacier Ridge Pavilion and in Gloomvale Heights went to Camp Bloomtaji near Baghdad."
    article = _article(
        text,
        ("Glacier Ridge Pavilion", "FAC"),
        ("Gloomvale Heights", "GPE"),
        ("Camp Bloomtaji", "FAC"),
        ("Baghdad", "GPE"),
    )
    stage(article)
    # an unknown GPE stays, and so does a base; an unknown building does not
    assert [(p.text, p.lat is None) for p in article.places] == [
        ("Gloomvale Heights", True),
        ("Camp Bloomtaji", True),
        ("Baghdad", False),
    ]


def test_container_by_name_picks_its_reading(gazetteer: Gazetteer) -> None:
    athens, georgia = Resolver(gazetteer).resolve([_mention("Athens", within=["name:georgia"]), _mention("Georgia")])
    assert (athens.country_code, athens.feature) == ("US", "P.PPL") and abs(athens.lat - 33.96) < 0.2
    assert (georgia.country_code, georgia.feature) == ("US", "A.ADM1")
    tbilisi, georgia = Resolver(gazetteer).resolve([_mention("Tbilisi", within=["name:georgia"]), _mention("Georgia")])
    assert tbilisi.country_code == georgia.country_code == "GE"


# --- recognition -------------------------------------------------------------------


def test_one_word_person_that_is_a_well_known_place(gazetteer: Gazetteer) -> None:
    text = "Clashes in the streets of Giza left dozens hurt, and Botswana sent aid."
    article = _article(text, ("Giza", "PERSON"), ("Botswana", "PERSON"))
    assert [m.text for m in find_mentions(article, gazetteer)] == ["Giza", "Botswana"]


def test_entities_cut_short_of_a_place_name_grow_into_it(gazetteer: Gazetteer) -> None:
    text = "Cholera hit Guinea-Bissau, French Guiana and Goz Beida, where the Dublin City Council met."
    article = _article(text, ("Guinea", "GPE"), ("Guiana", "PERSON"), ("Beida", "GPE"), ("Dublin", "GPE"))
    # a hyphen, a word before (and the PERSON becomes a country), a word after; "City" is generic
    assert [m.text for m in find_mentions(article, gazetteer)] == [
        "Guinea-Bissau", "French Guiana", "Goz Beida", "Dublin"
    ]  # fmt: skip
    # a PERSON grows only into a country or a state, not into a town's name
    text = "He leads St. James church."
    assert find_mentions(_article(text, ("James", "PERSON")), gazetteer) == []


def test_a_state_or_region_past_directions_or_abbreviated_in_a_body_s_name(gazetteer: Gazetteer) -> None:
    text = "The East Texas Medical Center treated him, and the S.C. Highway Patrol came."
    article = _article(text, ("East Texas Medical Center", "ORG"), ("S.C. Highway Patrol", "ORG"))
    found = find_mentions(article, gazetteer)
    assert [m.text for m in found] == ["Texas", "S.C."]
    assert found[1].state == "SC"


def test_one_word_person_of_a_full_name_stays_a_person(gazetteer: Gazetteer) -> None:
    text = "Phil Jackson joined the team. Jackson said he was happy, Mr Houston added."
    article = _article(text, ("Phil Jackson", "PERSON"), ("Jackson", "PERSON"), ("Houston", "PERSON"))
    assert find_mentions(article, gazetteer) == []


def test_place_word_of_a_full_name(gazetteer: Gazetteer) -> None:
    text = "Elizabeth Fairfield appeared in court. The Fairfield hearing went on. Whitney Houston sang in Houston."
    article = _article(
        text, ("Elizabeth Fairfield", "PERSON"), ("Fairfield", "GPE"), ("Whitney Houston", "PERSON"), ("Houston", "GPE")
    )
    # Fairfield (California, 100,000 people) is her name here; Houston is too big a city to be only his
    assert [m.text for m in find_mentions(article, gazetteer)] == ["Houston"]


def test_european_union_is_placed_in_europe(stage: PlaceStage) -> None:
    text = "EU ministers met as the European Union weighed sanctions."
    article = _article(text, ("EU", "ORG"), ("European Union", "ORG"))
    stage(article)
    assert [(p.text, p.name, p.feature) for p in article.places] == [
        ("EU", "Europe", "L.CONT"),
        ("European Union", "Europe", "L.CONT"),
    ]


def test_enumerations_are_no_containers(stage: PlaceStage) -> None:
    text = (
        "Cases were reported in Arizona, Georgia, Illinois, Missouri and Washington, and in Ontario and New Brunswick."
    )
    names = ["Arizona", "Georgia", "Illinois", "Missouri", "Washington", "Ontario", "New Brunswick"]
    article = _article(text, *[(n, "GPE") for n in names])
    mentions = find_mentions(article, stage.gazetteer)
    illinois = next(m for m in mentions if m.text == "Illinois")
    assert illinois.within == [] and set(illinois.siblings) == {"arizona", "georgia", "missouri", "washington"}
    stage(article)
    assert [(p.text, p.country_code, p.feature) for p in article.places] == [
        (n, "CA" if n in ("Ontario", "New Brunswick") else "US", "A.ADM1") for n in names
    ]


def test_city_state_pairs_still_link(gazetteer: Gazetteer) -> None:
    text = "He moved from Paris, Texas, to Athens, Georgia."
    article = _article(text, ("Paris", "GPE"), ("Texas", "GPE"), ("Athens", "GPE"), ("Georgia", "GPE"))
    by_text = {m.text: m for m in find_mentions(article, gazetteer)}
    # "Georgia" after a town is the state (resolved by context), not the country
    assert by_text["Paris"].within == ["name:texas"] and by_text["Athens"].within == ["name:georgia"]


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        ("a cow from a Washington state farm", "Washington", True),
        ("fighting in the province of Basra", "Basra", True),
        ("officials of Nyanza Province met", "Nyanza Province", True),
        ("she studied at Washington State University", "Washington", False),
        ("talks in Washington on Monday", "Washington", False),
    ],
)
def test_called_an_area(text: str, name: str, area: bool) -> None:
    from dateline.places.recognize import _called_area

    start = text.index(name)
    assert _called_area(text, Mention(start, start + len(name), name, normalize(name), "GPE")) is area


def test_an_area_the_text_calls_one(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    (state,) = resolver.resolve([_mention("Washington", area=True)])
    assert (state.feature, state.country_code) == ("A.ADM1", "US") and state.lon < -115
    (city,) = resolver.resolve([_mention("Washington")])
    assert city.feature == "P.PPLC"


def test_disease_names_are_no_places(gazetteer: Gazetteer) -> None:
    text = (
        "Marburg virus was confirmed in Luanda. The Marburg outbreak spread across Angola; "
        "the Spanish flu killed millions, Spanish officials said."
    )
    article = _article(
        text, ("Marburg", "GPE"), ("Luanda", "GPE"), ("Marburg", "GPE"), ("Angola", "GPE"),
        ("Spanish", "NORP"), ("Spanish", "NORP"),
    )  # fmt: skip
    mentions = find_mentions(article, gazetteer)
    # the town named for the disease goes everywhere; the demonym only before "flu"
    assert [(m.text, m.start) for m in mentions] == [
        ("Luanda", text.index("Luanda")),
        ("Angola", text.index("Angola")),
        ("Spanish", text.rindex("Spanish")),
    ]


def test_a_place_after_in_whatever_it_is_elsewhere(gazetteer: Gazetteer) -> None:
    text = "Voice of experience speaks in Maryville. Rev. Maryville led the service; Maryville later said more."
    article = _article(text, ("Maryville", "GPE"), ("Maryville", "PERSON"), ("Maryville", "PERSON"))
    # the town after "in" stays though the model calls the name a person twice; the
    # title keeps "Rev. Maryville" a person, and the bare one follows the town
    assert [m.start for m in find_mentions(article, gazetteer)] == [text.index("Maryville"), text.rindex("Maryville")]


def test_three_letter_codes() -> None:
    from dateline.places.recognize import _country_of

    assert _country_of("USA").iso2 == "US" and _country_of("UAE").iso2 == "AE" and _country_of("UK").iso2 == "GB"
    assert _country_of("MAC") is None and _country_of("CAN") is None and _country_of("CAF") is None

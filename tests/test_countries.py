import pytest

from dateline.countries import all_countries, by_iso2, by_iso3, is_demonym, lookup_country


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("New Zealand", "NZL"),
        ("New Zealand’s", "NZL"),
        ("U.S.", "USA"),
        ("the United States", "USA"),
        ("Kiwi", "NZL"),
        ("Kiwis", "NZL"),
        ("Iraqi", "IRQ"),
        ("Iraqis", "IRQ"),
        ("American", "USA"),  # not the Northern Mariana Islands, which share the demonym
        ("Britain", "GBR"),
        ("IRQ", "IRQ"),
        # demonyms news uses that countryinfo spells otherwise or lacks
        ("Ecuadorian", "ECU"),
        ("Argentine", "ARG"),
        ("Salvadoran", "SLV"),
        ("Nepali", "NPL"),
        ("Kazakh", "KAZ"),
        ("Bosnians", "BIH"),
    ],
)
def test_lookup_country(text, iso3):
    country = lookup_country(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize("text", ["in", "Washington", "Camp Taji", "", "   "])
def test_non_countries(text):
    assert lookup_country(text) is None


def test_demonyms_are_not_names():
    assert is_demonym("Iraqi")
    assert not is_demonym("Iraq")
    assert not is_demonym("Ramadi")


def test_us_centre_is_the_places_stage_point():
    from dateline.places.gazetteer import COUNTRY_POINTS

    us = by_iso2("US")
    assert (us.lat, us.lon) == COUNTRY_POINTS["US"]


def test_table_is_complete():
    countries = all_countries()
    assert len(countries) >= 250
    assert by_iso2("iq").name == "Iraq"
    assert by_iso3("NZL").iso2 == "NZ"
    located = [c for c in countries if c.lat is not None]
    assert len(located) > 240
    iraq = by_iso3("IRQ")
    assert 29 < iraq.lat < 38 and 38 < iraq.lon < 49

"""Tests of spatial expressions: parsing ("160 km (99 miles) south of Baghdad") and checking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.models import Place
from dateline.places.spatial import BEARINGS, UNITS_KM, check, find_relations, initial_bearing

BAGHDAD = {"lat": 33.3406, "lon": 44.4009, "feature": "P.PPLC"}
RAMADI = {"lat": 33.4258, "lon": 43.2994, "feature": "P.PPL"}  # about 103 km west of Baghdad


def _places(text: str, *names: tuple[str, dict]) -> list[Place]:
    places, pos = [], 0
    for name, where in names:
        start = text.index(name, pos)
        places.append(Place(start=start, end=start + len(name), text=name, name=name, **where))
        pos = start + len(name)
    return places


@pytest.mark.parametrize(
    ("phrase", "relation", "km", "bearing"),
    [
        ("160 km (99 miles) south of ", "offset", 160.0, 180.0),
        ("100 kilometres away from ", "offset", 100.0, None),
        ("30 miles from ", "offset", 48.28, None),
        ("1,200 km north-west of ", "offset", 1200.0, 315.0),
        ("north-west of ", "offset", None, 315.0),
        ("north northeast of ", "offset", None, 22.5),
        ("near ", "near", None, None),
        ("outside ", "outside", None, None),
        ("on the outskirts of ", "outside", None, None),
    ],
)
def test_parse(phrase: str, relation: str, km: float | None, bearing: float | None) -> None:
    text = f"Fighting broke out {phrase}Baghdad on Monday."
    (rel,) = find_relations(text, _places(text, ("Baghdad", BAGHDAD)))
    assert text[rel.start : rel.end] == rel.text == phrase + "Baghdad"
    assert rel.relation == relation and rel.anchor == 0 and rel.subject is None
    assert rel.distance_km == (pytest.approx(km, abs=0.01) if km is not None else None)
    assert rel.bearing == bearing
    assert rel.consistent is None  # nothing located: nothing to check


@pytest.mark.parametrize("phrase", ["flew from ", "in ", "north east west of ", "the north of "])
def test_no_claim(phrase: str) -> None:
    text = f"They {phrase}Baghdad."
    assert find_relations(text, _places(text, ("Baghdad", BAGHDAD))) == []


def test_consistency_is_checked_when_both_ends_resolve() -> None:
    right = "Ramadi, a city about 110 km (68 miles) west of Baghdad, fell."
    (rel,) = find_relations(right, _places(right, ("Ramadi", RAMADI), ("Baghdad", BAGHDAD)))
    assert rel.subject == 0 and rel.anchor == 1 and rel.consistent is True
    assert rel.computed_distance_km == pytest.approx(103, abs=3)
    assert rel.computed_bearing == pytest.approx(275, abs=3)

    wrong = "Ramadi is 50 km north of Baghdad."
    (rel,) = find_relations(wrong, _places(wrong, ("Ramadi", RAMADI), ("Baghdad", BAGHDAD)))
    assert rel.subject == 0 and rel.consistent is False
    assert rel.computed_distance_km == pytest.approx(103, abs=3)

    # a country is no point to measure from
    country = "Ramadi lies 50 km north of Iraq."
    places = _places(country, ("Ramadi", RAMADI), ("Iraq", {"lat": 33.0, "lon": 44.0, "feature": "A.PCLI"}))
    (rel,) = find_relations(country, places)
    assert rel.consistent is None and rel.computed_distance_km is None

    near = "Ramadi, near Baghdad"
    (rel,) = find_relations(near, _places(near, ("Ramadi", RAMADI), ("Baghdad", BAGHDAD)))
    assert rel.relation == "near" and rel.consistent is False  # 103 km is not "near"


@pytest.mark.parametrize("gap", [", which is ", ", which lies ", ", that is "])
def test_a_relative_clause_names_the_subject(gap: str) -> None:
    # the specimen: "ISIS militants have swept through Ramadi, which is 100 kilometres away from Camp Taji"
    text = f"Militants swept through Ramadi{gap}100 kilometres away from Baghdad."
    (rel,) = find_relations(text, _places(text, ("Ramadi", RAMADI), ("Baghdad", BAGHDAD)))
    assert rel.subject == 0 and rel.anchor == 1 and rel.consistent is True
    far = "Militants swept through Ramadi, which was then said to be 400 km from Baghdad."
    (rel,) = find_relations(far, _places(far, ("Ramadi", RAMADI), ("Baghdad", BAGHDAD)))
    assert rel.subject is None  # more than the relative pronoun and its verb stand between: not read as the subject


def test_unresolved_anchor_is_kept() -> None:
    text = "The troops are 100 kilometres away from Camp Taji."
    places = [Place(start=text.index("Camp"), end=text.index("Camp") + 9, text="Camp Taji")]
    (rel,) = find_relations(text, places)
    assert rel.distance_km == 100 and rel.consistent is None


def test_initial_bearing() -> None:
    assert initial_bearing(0, 0, 1, 0) == pytest.approx(0)
    assert initial_bearing(0, 0, 0, 1) == pytest.approx(90)
    assert initial_bearing(0, 0, -1, 0) == pytest.approx(180)
    assert initial_bearing(0, 0, 0, -1) == pytest.approx(270)


_COMPASS_WORDS = sorted(
    {k for k in BEARINGS} | {k.replace("northeast", "north-east").replace("southwest", "south-west") for k in BEARINGS}
)
_UNIT_WORDS = sorted(u for u in UNITS_KM if u not in ("nm",))


@given(
    number=st.integers(min_value=1, max_value=99_999),
    decimals=st.sampled_from(["", ".5", ".25"]),
    unit=st.sampled_from(_UNIT_WORDS),
    compass=st.one_of(st.none(), st.sampled_from(_COMPASS_WORDS)),
    prefix=st.sampled_from(["", "Fighting was reported ", "The base, about ", "Troops moved "]),
    upper=st.booleans(),
)
def test_parse_property(number: int, decimals: str, unit: str, compass: str | None, prefix: str, upper: bool) -> None:
    written = f"{number:,}{decimals}"
    cue = f"{compass} of" if compass else "away from"
    if upper:
        cue = cue.capitalize()
    text = f"{prefix}{written} {unit} {cue} Baghdad."
    relations = find_relations(text, _places(text, ("Baghdad", BAGHDAD)))
    assert len(relations) == 1
    rel = relations[0]
    assert text[rel.start : rel.end] == rel.text and rel.text.startswith(written)
    assert rel.distance_km == pytest.approx(float(written.replace(",", "")) * UNITS_KM[unit], rel=1e-3)
    expected = BEARINGS[compass.replace("-", "").replace("north east", "northeast")] if compass else None
    assert rel.bearing == expected


@given(
    lat=st.floats(min_value=-60, max_value=60),
    lon=st.floats(min_value=-170, max_value=170),
    bearing=st.sampled_from(sorted(BEARINGS.values())),
    km=st.floats(min_value=40, max_value=800),
)
def test_check_property(lat: float, lon: float, bearing: float, km: float) -> None:
    """A claim made from true coordinates is consistent; the opposite direction is not."""
    import math

    # destination point on a sphere of the haversine's radius
    r = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    anchor = Place(start=20, end=21, text="B", lat=lat, lon=lon, feature="P.PPL")
    subject = Place(start=0, end=1, text="A", lat=math.degrees(p2), lon=math.degrees(l2), feature="P.PPL")
    from dateline.models import SpatialRelation

    ok = check(SpatialRelation(start=3, end=21, text="x", relation="offset", anchor=1, subject=0,
                               distance_km=round(km), bearing=bearing), [subject, anchor])  # fmt: skip
    assert ok.consistent is True
    flipped = check(SpatialRelation(start=3, end=21, text="x", relation="offset", anchor=1, subject=0,
                                    distance_km=round(km), bearing=(bearing + 180) % 360), [subject, anchor])  # fmt: skip
    assert flipped.consistent is False

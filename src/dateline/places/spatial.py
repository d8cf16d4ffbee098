"""Spatial expressions: distances and directions relative to a place, checked against the map.

"160 km (99 miles) south of Baghdad", "100 kilometres away from Camp Taji", "north-west of
Mosul", "near Ramadi", "outside Tikrit": each becomes a :class:`~dateline.models.SpatialRelation`
whose anchor is the place right after the expression. When the text names what is located
("Taji, 30 km north of Baghdad", "Taji is about 30 km north of Baghdad") and both ends resolve
to points, the claimed distance and direction are compared with the great-circle distance and
initial bearing between them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..geo import haversine_km
from ..models import Place, SpatialRelation

__all__ = ["BEARINGS", "UNITS_KM", "check", "find_relations", "initial_bearing", "parse_number"]

#: Compass words -> degrees clockwise from north (the 16 points; "north-west", "northwest"
#: and "north west" are one word after normalisation).
BEARINGS = {
    "north": 0.0, "north northeast": 22.5, "northeast": 45.0, "east northeast": 67.5,
    "east": 90.0, "east southeast": 112.5, "southeast": 135.0, "south southeast": 157.5,
    "south": 180.0, "south southwest": 202.5, "southwest": 225.0, "west southwest": 247.5,
    "west": 270.0, "west northwest": 292.5, "northwest": 315.0, "north northwest": 337.5,
}  # fmt: skip

#: Unit words -> kilometres per unit.
UNITS_KM = {
    "km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
    "mile": 1.609344, "miles": 1.609344, "mi": 1.609344,
    "nautical mile": 1.852, "nautical miles": 1.852, "nm": 1.852,
}  # fmt: skip

# Tolerances of the check. Places are points for areas that span kilometres, and news
# rounds distances ("about 100 km"); directions are given to the nearest of 8 points.
DISTANCE_TOLERANCE = 0.30  # share of the claimed distance
DISTANCE_SLACK_KM = 25.0
BEARING_TOLERANCE = 45.0
NEAR_KM = 75.0  # "near" and "outside" a town: within this distance

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"nautical\s+miles?|kilometres?|kilometers?|kms?|miles?|mi|nm"
_COMPASS = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_BEARING = rf"(?:{_COMPASS})(?:[- ](?:{_COMPASS}))?"
_DISTANCE = (
    rf"(?P<num>{_NUMBER})[\s-]*(?P<unit>{_UNIT})\b"
    rf"(?:\s*\(\s*(?:about\s+|some\s+)?(?:{_NUMBER})[\s-]*(?:{_UNIT})\s*\))?"  # "(99 miles)": the same distance
)
_EXPRESSION = re.compile(
    rf"(?:(?:{_DISTANCE})\s+)?"
    rf"(?:(?P<bearing>{_BEARING})\s+of"
    rf"|(?P<away>(?:away\s+)?from)"
    rf"|(?P<rel>near|nearby|close\s+to|outside(?:\s+of)?|on\s+the\s+outskirts\s+of))"
    rf"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# What may stand between a subject place and the expression ("Taji, 30 km north of",
# "Taji, a town about 30 km north of", "Taji is some 30 km north of", "Taji lies just outside",
# "Ramadi, which is 100 kilometres away from")
_SUBJECT_GAP = re.compile(
    r"^(?:\s*,\s*(?:(?:a|an|the)\s+(?:\w+\s+){1,2})?|\s+(?:is|was|lies|lay|sits|located|situated|is located|"
    r"is situated)\s+|\s*,\s*(?:which|that)\s+(?:is|was|lies|lay|sits|is located|is situated)\s+)(?:(?:about|some|roughly|around|approximately|nearly|almost|just|only|more than|less than"
    r"|over|under)\s+)?$",
    re.IGNORECASE,
)
_MAX_EXPRESSION = 120  # characters before an anchor that may hold its expression


def parse_number(text: str) -> float:
    """A number as news writes it: "160", "1,200", "2.5"."""
    return float(text.replace(",", ""))


def _bearing_degrees(word: str) -> float | None:
    key = re.sub(r"(north|south)[- ]?(east|west)", r"\1\2", word.casefold())
    return BEARINGS.get(re.sub(r"[- ]+", " ", key).strip())


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def _is_point(place: Place) -> bool:
    """A resolved place small enough to measure from: not a country, region or continent."""
    return place.lat is not None and place.lon is not None and not (place.feature or "").startswith(("A.", "L."))


def check(relation: SpatialRelation, places: Sequence[Place]) -> SpatialRelation:
    """Fill the computed distance and bearing and ``consistent`` when both ends are points."""
    if relation.subject is None:
        return relation
    anchor, subject = places[relation.anchor], places[relation.subject]
    if not (_is_point(anchor) and _is_point(subject)):
        return relation
    assert anchor.lat is not None and anchor.lon is not None and subject.lat is not None and subject.lon is not None
    dist = haversine_km(anchor.lat, anchor.lon, subject.lat, subject.lon)
    bearing = initial_bearing(anchor.lat, anchor.lon, subject.lat, subject.lon)
    relation.computed_distance_km = round(dist, 1)
    relation.computed_bearing = round(bearing, 1)
    ok = True
    if relation.relation in ("near", "outside"):
        ok = dist <= NEAR_KM
    if relation.distance_km is not None:
        ok = ok and abs(dist - relation.distance_km) <= max(
            DISTANCE_SLACK_KM, DISTANCE_TOLERANCE * relation.distance_km
        )
    if relation.bearing is not None and dist > DISTANCE_SLACK_KM:
        # a direction between places closer than the slack says little: points, not shapes
        diff = abs((bearing - relation.bearing + 180.0) % 360.0 - 180.0)
        ok = ok and diff <= BEARING_TOLERANCE
    relation.consistent = ok
    return relation


def find_relations(text: str, places: Sequence[Place]) -> list[SpatialRelation]:
    """Spatial expressions anchored on ``places`` (in text order), checked where both ends resolve."""
    relations = []
    for i, anchor in enumerate(places):
        window_start = max(0, anchor.start - _MAX_EXPRESSION)
        window = text[window_start : anchor.start]
        # the earliest start whose expression runs right up to the anchor
        match = None
        for m in re.finditer(r"\b\w", window):
            match = _EXPRESSION.match(window, m.start())
            if match:
                break
        if match is None:
            continue
        groups = match.groupdict()
        distance = (
            parse_number(groups["num"]) * UNITS_KM[re.sub(r"\s+", " ", groups["unit"].casefold())]
            if groups["num"]
            else None
        )
        bearing = _bearing_degrees(groups["bearing"]) if groups["bearing"] else None
        if groups["away"] and distance is None:
            continue  # a bare "from Baghdad" is no spatial claim
        if groups["bearing"] and bearing is None:
            continue  # "north east west of": not a compass point
        if groups["bearing"] and distance is None and re.search(r"\bthe\s+$", window[: match.start()]):
            continue  # "the north of Baghdad" is a part of Baghdad, not a place off it
        rel = groups["rel"]
        relation = "outside" if rel and rel.casefold().startswith(("outside", "on")) else "near" if rel else "offset"
        start = window_start + match.start()
        subject = None
        if i > 0:
            prev = places[i - 1]
            if prev.end <= start and _SUBJECT_GAP.match(text[prev.end : start]):
                subject = i - 1
        relations.append(
            check(
                SpatialRelation(
                    start=start,
                    end=anchor.end,
                    text=text[start : anchor.end],
                    relation=relation,
                    anchor=i,
                    subject=subject,
                    distance_km=round(distance, 3) if distance is not None else None,
                    bearing=bearing,
                ),
                places,
            )
        )
    return relations

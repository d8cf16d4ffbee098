"""Choosing the place each toponym denotes.

Each distinct name is resolved once per article by scoring its gazetteer candidates:

- a population prior (log scale), a feature prior (countries and continents over
  towns of the same name; capitals; a state a little over a town);
- an alternate-name match counts less than the place's own name;
- the container written after the name ("Alexandria, La.", "Najaf, Iraq") counts most;
- context: candidates in a country the article names, or where the article's other
  places lie, in a US state the article names, and near the article's other places.

Resolution runs twice: the first pass sees only unambiguous context (demonyms,
country codes, containers); the second adds the countries, states and coordinates
of the first pass's choices, leaving each name's own votes out. Confidence is the
winner's share of a softmax over the scores, with a fixed "none of these" score for
places the gazetteer lacks.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..countries import Country, is_demonym
from ..models import Place
from .gazetteer import (
    FEATURE_ADM1,
    FEATURE_ADM2,
    FEATURE_CAPITAL,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    Candidate,
    Gazetteer,
    normalize,
)
from .recognize import POSITIONAL_WORDS, Mention, us_state_name

_AREAS = (FEATURE_ADM1, FEATURE_ADM2)
MAX_CANDIDATES = 200  # most populous first; enough for "Springfield"


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
    alternate: float = -2.0  # matched an alternate name, not the place's own
    container: float = 6.0  # inside the container written after the name
    named_country: float = 2.0  # in a country the article names
    country_share: float = 3.0  # times the share of the article's other places in that country
    named_state: float = 2.5  # in a US state the article names (or of whose towns it names)
    nearby: float = 1.5  # within ``nearby_km`` of another place of the article
    nearby_km: float = 150.0
    # an area named like a town inside it ("Basra" the province and the city, "New York"):
    # news means the town unless it says "province" or "state"
    eponymous_area: float = -3.0
    loc_town: float = -3.0  # a town for a LOC entity (oceans, regions: "Atlantic", "Middle East")
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


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


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


class Resolver:
    """Resolves an article's mentions against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or Weights()
        self._feature_bonus = dict(self.weights.feature)

    def resolve(self, mentions: list[Mention]) -> list[Place]:
        """One :class:`Place` per mention, in the mentions' order."""
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            groups[self._group_key(m)].append(m)

        candidates = {key: self._candidates(ms) for key, ms in groups.items()}
        loc_only = {key for key, ms in groups.items() if all(m.label == "LOC" for m in ms)}
        containers = {key: sorted({w for m in ms for w in m.within}) for key, ms in groups.items()}

        def choose_all(ctx: _Context, previous: dict | None) -> dict[str, tuple[Candidate | None, float]]:
            return {k: self._choose(k, candidates[k], containers[k], ctx, previous, k in loc_only) for k in groups}

        # pass 1: unambiguous context only; pass 2: add what pass 1 found
        first = self._context_from_mentions(groups)
        chosen = choose_all(first, None)
        chosen = choose_all(self._context_from_choices(groups, chosen, first), chosen)

        places = []
        for m in mentions:
            cand, conf = chosen[self._group_key(m)]
            if cand is None:
                places.append(Place(start=m.start, end=m.end, text=m.text))
                continue
            places.append(
                Place(
                    start=m.start,
                    end=m.end,
                    text=m.text,
                    name=cand.name,
                    lat=round(cand.lat, 5),
                    lon=round(cand.lon, 5),
                    geonameid=cand.geonameid if cand.tier != "user" else None,
                    country_code=cand.country_code,
                    feature=cand.feature,
                    confidence=round(conf, 3),
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

    def _candidates(self, mentions: list[Mention]) -> list[Candidate]:
        m = mentions[0]
        if m.state:
            return self._state_candidates(m.state)
        if m.country is not None and is_demonym(m.text):
            cand = self._gazetteer_country(m.country) or _country_candidate(m.country)
            return [cand] if cand else []
        found = list(self.gazetteer.lookup_key(m.key)[:MAX_CANDIDATES])
        if not found and m.country is None:
            found = self._fallback_candidates(m)
        if any(c.tier == "user" for c in found):
            return [c for c in found if c.tier == "user"]  # the user's own places take precedence
        if m.country is not None and not any(c.geonameid == m.country.geonameid for c in found):
            # codes such as "U.S." or "NZ" are not gazetteer names
            cand = self._gazetteer_country(m.country) or _country_candidate(m.country)
            if cand:
                found.insert(0, cand)
        return found

    def _gazetteer_country(self, country: Country) -> Candidate | None:
        """The gazetteer's own record of a country, so a demonym or a code ("Iraqi", "U.S.")
        lands where the country's name does (GeoNames' point, where that tier is installed)."""
        for cand in self.gazetteer.lookup(country.name):
            if cand.geonameid == country.geonameid:
                return cand
        return None

    def _fallback_candidates(self, m: Mention) -> list[Candidate]:
        """Candidates for a name the gazetteer lacks as a whole: the place inside a part of
        it ("Northeast Nebraska", "South Philadelphia") or inside a facility or institution
        named after it ("Vancouver International Airport", "Henderson County Sheriff's
        Office"), by the longest leading run of words that is a place's own name."""
        words = m.text.split()
        if len(words) < 2:
            return []
        if normalize(words[0]) in POSITIONAL_WORDS:
            found = [c for c in self.gazetteer.lookup(" ".join(words[1:])) if c.primary]
            if found:
                return found[:MAX_CANDIDATES]
        for n in range(min(len(words) - 1, 4), 0, -1):
            prefix = " ".join(words[:n])
            if normalize(prefix) in POSITIONAL_WORDS:
                continue  # "Northern" alone is a direction here, not Uganda's Northern Region
            found = [c for c in self.gazetteer.lookup(prefix) if c.primary]
            if found:
                return found[:MAX_CANDIDATES]
        return []

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
        chosen: dict[str, tuple[Candidate | None, float]],
        first: _Context,
    ) -> _Context:
        countries: Counter = Counter()
        by_key: dict[str, Counter] = defaultdict(Counter)
        named: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in first.named_countries.items()})
        states: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in first.states.items()})
        points: list[tuple[str, float, float]] = []
        for key, (cand, conf) in chosen.items():
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
        return _Context(countries, named, states, points, by_key)

    # --- scoring -----------------------------------------------------------------

    def _choose(
        self,
        key: str,
        candidates: list[Candidate],
        containers: list[str],
        ctx: _Context,
        previous: dict[str, tuple[Candidate | None, float]] | None,
        loc: bool = False,
    ) -> tuple[Candidate | None, float]:
        if not candidates:
            return None, 0.0
        w = self.weights
        own = ctx.by_key.get(key, Counter())
        total = sum(ctx.countries.values()) - sum(own.values())
        container_targets = self._container_targets(containers, previous)
        # areas that hold a sizeable town of the same name (its namesake, usually its seat)
        area_pop = {(c.country_code, c.admin1): c.population for c in candidates if c.feature in _AREAS}
        town_areas = {
            (c.country_code, c.admin1)
            for c in candidates
            if c.feature.startswith("P.") and c.population * 20 >= area_pop.get((c.country_code, c.admin1), 0)
        }
        scores = []
        for c in candidates:
            s = math.log10(c.population + 1) + self._feature_bonus.get(c.feature, 0.0)
            if c.feature in _AREAS and (c.country_code, c.admin1) in town_areas:
                s += w.eponymous_area
            if not c.primary:
                s += w.alternate
            if c.tier == "user":
                s += w.user
            if loc and c.feature.startswith("P."):
                s += w.loc_town
            if container_targets and self._inside(c, container_targets):
                s += w.container
            cc = c.country_code
            if cc:
                if ctx.named_countries.get(cc, set()) - {key}:
                    s += w.named_country
                if total > 0:
                    s += w.country_share * (ctx.countries[cc] - own[cc]) / total
                if cc == "US" and c.admin1 and ctx.states.get(c.admin1, set()) - {key}:
                    s += w.named_state
            if ctx.points and c.feature.startswith("P."):
                if any(k != key and _haversine_km(c.lat, c.lon, lat, lon) <= w.nearby_km for k, lat, lon in ctx.points):
                    s += w.nearby
            scores.append(s)
        best = max(range(len(candidates)), key=scores.__getitem__)
        top = scores[best]
        if top < w.min_score:
            return None, 0.0
        norm = math.exp(w.none_score - top) + sum(math.exp(s - top) for s in scores)
        return candidates[best], 1.0 / norm

    def _container_targets(
        self, containers: list[str], previous: dict[str, tuple[Candidate | None, float]] | None
    ) -> list[tuple[str, str | None]]:
        """(country, admin1 or None) pairs a candidate should lie in."""
        targets: list[tuple[str, str | None]] = []
        for c in containers:
            kind, _, value = c.partition(":")
            if kind == "country":
                targets.append((value, None))
            elif kind == "state":
                targets.append(("US", value))
            elif kind == "name" and previous is not None:
                cand, _ = previous.get(value, (None, 0.0))
                if cand is not None and cand.country_code:
                    admin1 = cand.admin1 if cand.feature == FEATURE_ADM1 else None
                    targets.append((cand.country_code, admin1))
        return targets

    @staticmethod
    def _inside(c: Candidate, targets: list[tuple[str, str | None]]) -> bool:
        return any(
            c.country_code == cc and (admin1 is None or c.admin1 == admin1) and c.feature != FEATURE_COUNTRY
            for cc, admin1 in targets
        )

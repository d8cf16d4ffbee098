"""The places stage: toponym mentions, resolved to GeoNames places.

Runs after nlp (and actors). Fills ``article.places`` with one
:class:`~dateline.models.Place` per mention:

- **recognition** (:mod:`.recognize`): spaCy's GPE, LOC and FAC entities; demonyms
  ("Iraqi", "Kiwi") as places of their country, whatever label the model gave them;
  country names the model tagged ORG; towns tagged PERSON right after "in"/"near", and
  well-known places tagged PERSON that are no part of a full name, and two-word country
  names tagged PERSON ("Sri Lanka"); places that open the names of bodies, events and
  offices ("U.S. Centers for Disease Control", "Nashville Film Festival", "Anderson
  County Sheriff Greg Taylor"), however small where the body is a local government's
  ("Grovetown Department of Public Safety"); the EU (at Europe); datelines in capitals
  after a headline ("... budget. TORRINGTON — City Council");
  proper-noun runs the model left untagged that name a country or a well-known place;
  AP state abbreviations after a town ("Alexandria, La."). Spans inside credits and
  contact lines are skipped, and so are place names of diseases ("Marburg virus"), and
  small places' names the article also writes in lower case or that say something
  ("Petrova said").
- **resolution** (:mod:`.resolve`): each distinct name once per article, scored on
  population, feature class, containers, the kind of place its enumeration lists, what
  the text calls it ("Washington state"), and the article's other places (their
  countries and neighbours, states, and nearby towns and counties); a story in dollars
  or about a US state with no place abroad prefers US towns ("Mansfield"); an article
  from an outlet with a known home (:mod:`.homes`) is read as if it named that home too.
- **spatial expressions** (:mod:`.spatial`): "160 km south of Baghdad", "near Mosul",
  into ``article.spatial``, checked against the coordinates where both ends resolve.
- **gazetteer** (:mod:`.gazetteer`): GeoNames cities500, countries (with former names),
  first- and second-level areas, regions made of directional parts ("Darfur"),
  continents, and seas and world regions (:mod:`.world`) in a SQLite index built once in
  the user cache.

Unresolved GPE and LOC mentions are kept with ``lat``/``lon`` None, unless they are
addresses or made of common nouns and directions ("City of", "South Coast"); other
unresolved mentions (facilities, parts of organisation names) are dropped.

Attribution: place data from GeoNames (https://www.geonames.org/), CC BY 4.0.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..errors import ConfigError
from ..models import Article
from ..pipeline import Stage, register_stage
from .gazetteer import Candidate, Gazetteer, normalize
from .homes import outlet_of, read_homes
from .recognize import _STREET, FEATURE_HEADS, GENERIC_WORDS, POSITIONAL_WORDS, Mention, find_mentions
from .resolve import Resolver, Weights
from .spatial import find_relations

__all__ = [
    "Candidate",
    "Gazetteer",
    "Mention",
    "PlaceStage",
    "Resolver",
    "Weights",
    "find_mentions",
    "find_relations",
    "normalize",
]


# Labels whose mentions stay places when the gazetteer cannot place them ("Darfur", "Korean
# Peninsula"). A facility, an organisation's part, a rescued PERSON or an untagged name
# that does not resolve is far more often a building, event or firm the model mis-tagged
# ("United Way", "Glacier Ridge", "P-40 Curtiss Warhawk") than a toponym.
KEEP_UNRESOLVED = frozenset({"GPE", "LOC"})
# ... unless its name says it is a base or a natural feature ("Camp Taji", "Fort Detrick",
# "Mount Hood", "Plum Island"), which the embedded gazetteer lacks.
_FEATURE_FIRST = frozenset("camp fort mount lake cape".split())  # "Mt", "Ft" are normalised to these
_FEATURE_LAST = frozenset("island islands river lake mountain mountains peninsula bay base".split())


# Words of a span that names no place by itself ("County", "City of", "South Coast", "Lt"):
# the model's GPE or LOC over a common noun, a direction or a title
_NO_NAME_WORDS = GENERIC_WORDS | FEATURE_HEADS | POSITIONAL_WORDS | frozenset("of the st lt avenue".split())


def _keep_unresolved(m: Mention) -> bool:
    """Whether an unresolved mention stays in the output as a place without coordinates.
    An address ("East Fourth Street") or a span of common nouns and directions ("City of",
    "South Coast") does not, whatever its label: it names nothing a reader could place."""
    words = m.key.split()
    if _STREET.search(m.text) or all(w in _NO_NAME_WORDS for w in words):
        return False
    if m.label in KEEP_UNRESOLVED:
        return True
    return len(words) > 1 and (words[0] in _FEATURE_FIRST or words[-1] in _FEATURE_LAST)


@register_stage("places", requires=("nlp",))
class PlaceStage(Stage):
    """Find and resolve toponyms.

    gazetteer_path: a prebuilt index file (default: the user cache, built on first use).
    user_places: a TOML or CSV file of named points that take precedence over the
        gazetteer (see :class:`~.gazetteer.UserSource`); default ``$DATELINE_PLACES``.
    min_untagged_population: a proper-noun run the model did not tag is a place only
        if it names a country, state, continent or capital, or a town this populous.
    rescue_persons: take a one-word PERSON entity as a place when it follows "in"/"near"
        and the gazetteer knows the name, or when it is a well-known place that is no part
        of a full name in the article ("Giza", "Botswana").
    candidates: list this many of the best-scored gazetteer candidates on each place
        (``Place.candidates``, best first, with their scores); 0 leaves the field None
        and keeps the output compact.
    homes: a TOML file of outlet homes (see :mod:`.homes`): an article from a listed
        outlet (its ``source``, else its URL's host) is read as if it also named the
        outlet's home, so its ambiguous names lean towards it.
    on_build: called with a message when the gazetteer index is being built (for a
        progress line in the CLI).
    """

    def __init__(
        self,
        *,
        gazetteer_path: str | None = None,
        user_places: str | None = None,
        min_untagged_population: int = 100_000,
        rescue_persons: bool = True,
        candidates: int = 0,
        homes: str | None = None,
        on_build: Callable[[str], None] | None = None,
    ) -> None:
        if isinstance(candidates, bool) or not isinstance(candidates, int) or candidates < 0:
            raise ConfigError(f"places: candidates must be a whole number, 0 or more, not {candidates!r}")
        if gazetteer_path:
            from .gazetteer import EmbeddedSource

            self.gazetteer = Gazetteer([EmbeddedSource(gazetteer_path, on_build=on_build)])
        else:
            self.gazetteer = Gazetteer.default(on_build=on_build)
        user_places = user_places or os.environ.get("DATELINE_PLACES") or None
        if user_places:
            from .gazetteer import UserSource

            self.gazetteer = Gazetteer([UserSource(user_places), *self.gazetteer.sources])
        self.resolver = Resolver(self.gazetteer, candidates=candidates)
        self.homes = read_homes(homes) if homes else {}
        self.min_untagged_population = min_untagged_population
        self.rescue_persons = rescue_persons

    def _home_of(self, article: Article) -> Candidate | None:
        outlet = outlet_of(article) if self.homes else None
        home = self.homes.get(outlet) if outlet else None
        return home.candidate() if home else None

    def __call__(self, article: Article) -> Article:
        mentions = find_mentions(
            article,
            self.gazetteer,
            min_untagged_population=self.min_untagged_population,
            rescue_persons=self.rescue_persons,
        )
        places = self.resolver.resolve(mentions, article.text, home=self._home_of(article))
        article.places = [p for p, m in zip(places, mentions, strict=True) if p.lat is not None or _keep_unresolved(m)]
        article.spatial = find_relations(article.text, article.places)
        return article

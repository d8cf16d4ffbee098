"""The places stage: toponym mentions, resolved to GeoNames places.

Runs after nlp (and actors). Fills ``article.places`` with one
:class:`~dateline.models.Place` per mention:

- **recognition** (:mod:`.recognize`): spaCy's GPE, LOC and FAC entities; demonyms
  ("Iraqi", "Kiwi") as places of their country, whatever label the model gave them;
  country names the model tagged ORG; towns tagged PERSON right after "in"/"near";
  proper-noun runs the model left untagged that name a country or a well-known place;
  AP state abbreviations after a town ("Alexandria, La."). Spans inside credits and
  contact lines are skipped.
- **resolution** (:mod:`.resolve`): each distinct name once per article, scored on
  population, feature class, containers and the article's other places.
- **spatial expressions** (:mod:`.spatial`): "160 km south of Baghdad", "near Mosul",
  into ``article.spatial``, checked against the coordinates where both ends resolve.
- **gazetteer** (:mod:`.gazetteer`): GeoNames cities500, countries, US states and
  continents in a SQLite index built once in the user cache.

Unresolved mentions are kept with ``lat``/``lon`` None.

Attribution: place data from GeoNames (https://www.geonames.org/), CC BY 4.0.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..models import Article
from ..pipeline import Stage, register_stage
from .gazetteer import Candidate, Gazetteer, normalize
from .recognize import Mention, find_mentions
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


@register_stage("places", requires=("nlp",))
class PlaceStage(Stage):
    """Find and resolve toponyms.

    gazetteer_path: a prebuilt index file (default: the user cache, built on first use).
    user_places: a TOML or CSV file of named points that take precedence over the
        gazetteer (see :class:`~.gazetteer.UserSource`); default ``$DATELINE_PLACES``.
    min_untagged_population: a proper-noun run the model did not tag is a place only
        if it names a country, state, continent or capital, or a town this populous.
    rescue_persons: take a one-word PERSON entity after "in"/"near" as a place when
        the gazetteer knows the name.
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
        on_build: Callable[[str], None] | None = None,
    ) -> None:
        if gazetteer_path:
            from .gazetteer import EmbeddedSource

            self.gazetteer = Gazetteer([EmbeddedSource(gazetteer_path, on_build=on_build)])
        else:
            self.gazetteer = Gazetteer.default(on_build=on_build)
        user_places = user_places or os.environ.get("DATELINE_PLACES") or None
        if user_places:
            from .gazetteer import UserSource

            self.gazetteer = Gazetteer([UserSource(user_places), *self.gazetteer.sources])
        self.resolver = Resolver(self.gazetteer)
        self.min_untagged_population = min_untagged_population
        self.rescue_persons = rescue_persons

    def __call__(self, article: Article) -> Article:
        mentions = find_mentions(
            article,
            self.gazetteer,
            min_untagged_population=self.min_untagged_population,
            rescue_persons=self.rescue_persons,
        )
        article.places = self.resolver.resolve(mentions)
        article.spatial = find_relations(article.text, article.places)
        return article

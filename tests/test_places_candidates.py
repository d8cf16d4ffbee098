"""Tests of ``Place.candidates``: the scored gazetteer candidates the places stage can list."""

from __future__ import annotations

import json

import pytest

from dateline.errors import ConfigError
from dateline.models import Article, Place
from dateline.output import to_dict, to_json
from dateline.pipeline import create_stage
from dateline.places.gazetteer import Gazetteer
from dateline.places.resolve import Resolver
from dateline.tables import article_from_rows, article_rows

from .conftest import place_mention as _mention


def test_candidates_are_off_by_default(gazetteer: Gazetteer) -> None:
    (paris,) = Resolver(gazetteer).resolve([_mention("Paris")])
    assert paris.country_code == "FR" and paris.candidates is None


def test_candidates_best_first_with_scores(gazetteer: Gazetteer) -> None:
    (paris,) = Resolver(gazetteer, candidates=3).resolve([_mention("Paris")])
    cands = paris.candidates
    assert cands is not None and len(cands) == 3
    best = cands[0]
    # the first is the chosen place, and its score is the place's confidence
    assert (best.geonameid, best.lat, best.lon, best.feature) == (paris.geonameid, paris.lat, paris.lon, paris.feature)
    assert best.score == paris.confidence and best.population and best.population > 1_000_000
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True) and 0 < sum(scores) <= 1.0
    assert all(c.name and c.country_code for c in cands)
    # the runners-up are other places called Paris (Texas, Tennessee, ...)
    assert {c.geonameid for c in cands[1:]}.isdisjoint({paris.geonameid})


def test_candidates_follow_context(gazetteer: Gazetteer) -> None:
    (paris,) = Resolver(gazetteer, candidates=2).resolve([_mention("Paris", within=["state:TX"])])
    assert paris.candidates[0].country_code == "US" and paris.candidates[0].geonameid == paris.geonameid
    assert paris.candidates[1].score < paris.candidates[0].score


def test_candidates_of_unresolved_names(gazetteer: Gazetteer) -> None:
    (place,) = Resolver(gazetteer, candidates=5).resolve([_mention("Camp Taji", label="FAC")])
    assert place.lat is None and place.candidates == []


def test_candidates_option_is_checked() -> None:
    for bad in (-1, "3", True):
        with pytest.raises(ConfigError):
            create_stage("places", candidates=bad)


def test_candidates_survive_json_and_tables() -> None:
    from dateline.models import PlaceCandidate

    cand = PlaceCandidate(name="Paris", geonameid=2988507, lat=48.85341, lon=2.3488, country_code="FR",
                          feature="P.PPLC", population=2138551, score=0.97)  # fmt: skip
    article = Article(id="a", text="Paris and Lyon.")
    article.places = [
        Place(start=0, end=5, text="Paris", name="Paris", lat=48.85341, lon=2.3488, candidates=[cand]),
        Place(start=10, end=14, text="Lyon"),
    ]
    record = json.loads(to_json(article))
    assert record["places"][0]["candidates"][0]["geonameid"] == 2988507
    assert record["places"][1]["candidates"] is None
    assert to_dict(article)["places"][0]["candidates"][0]["score"] == 0.97
    back = article_from_rows(article_rows(article))
    assert back.places[0].candidates == [cand] and back.places[1].candidates is None


def test_stage_option_fills_candidates(analyze) -> None:
    article = analyze("Flooding hit Springfield, Illinois, on Monday.", stages=("structure", "nlp"))
    create_stage("places", candidates=2)(article)
    springfield = next(p for p in article.places if p.text == "Springfield")
    assert springfield.country_code == "US" and len(springfield.candidates) == 2
    assert springfield.candidates[0].geonameid == springfield.geonameid

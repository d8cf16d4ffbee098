"""Place words inside the names of parties ("NZ" in "NZ First") are not toponyms."""

from __future__ import annotations

from dateline.models import Actor, Article, Mention
from dateline.places.recognize import _party_spans


def test_party_spans_come_from_affiliations() -> None:
    text = "NZ First defence spokesperson Ron Mark spoke. The New Zealand Defence Force and Green Bay Packers agreed."
    article = Article(id="t", text=text)
    article.actors = [
        Actor(id="A1", name="Ron Mark", type="PERSON", affiliation="NZ First"),
        # an institution named after a place keeps its place ("New Zealand")
        Actor(
            id="A2",
            name="New Zealand Defence Force",
            type="ORG",
            mentions=[Mention(start=50, end=75, text="New Zealand Defence Force")],
        ),
        Actor(
            id="A3",
            name="Green Bay Packers",
            type="ORG",
            mentions=[Mention(start=80, end=97, text="Green Bay Packers")],
        ),
    ]
    spans = _party_spans(article)
    assert (0, 8) in spans
    # an ORG mention alone is no reason: the actors stage keeps misread places as ORGs
    assert not any(text[s:e].startswith("Green") for s, e in spans)
    assert not any(text[s:e].startswith("New Zealand") for s, e in spans)


def test_specimen_nz_first_is_no_place(analyze, specimen_text: str) -> None:
    article = analyze(specimen_text, stages=("structure", "nlp", "actors", "places"), published="2015-05-20")
    nz_first = specimen_text.index("NZ First")
    assert not any(p.start == nz_first for p in article.places)
    # the country itself is still found elsewhere
    assert any(p.text == "New Zealand" and p.country_code == "NZ" for p in article.places)

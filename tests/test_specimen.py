"""End to end: `dateline analyze` on the specimen article, asserting real facts from its text."""

import json
import math

import jsonschema
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.schema import output_schema

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def record():
    path = EXAMPLES / "nz-troops-iraq-2015.txt"
    result = CliRunner().invoke(cli, ["analyze", str(path), "--published", "2015-05-20", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_record_matches_the_published_schema(record):
    jsonschema.validate(record, output_schema())


def test_every_item_carries_its_evidence(record):
    text = record["text"]

    def check(item):
        assert text[item["start"]:item["end"]] == item["text"], item

    s = record["structure"]
    for kind in ("captions", "credits", "datelines", "attributions", "contacts"):
        for item in s[kind]:
            check(item)
    for kind in ("entities", "places", "times", "quotes"):
        for item in record[kind]:
            check(item)
    for actor in record["actors"]:
        for mention in actor["mentions"]:
            check(mention)
    for quote in record["quotes"]:
        if quote["speaker_start"] is not None:
            assert 0 <= quote["speaker_start"] < quote["speaker_end"] <= len(text)
    for event in record["events"]:
        for role in ("source", "target", "trigger"):
            if event[role]:
                check(event[role])
        start, end = event["sentence"]
        assert 0 <= start < end <= len(text)
        if event["place"] is not None:
            assert 0 <= event["place"] < len(record["places"])
        if event["time"] is not None:
            assert 0 <= event["time"] < len(record["times"])


def test_mark_quote_is_direct_and_attributed_to_ron_mark(record):
    [quote] = [q for q in record["quotes"] if q["text"].lstrip("“\"").startswith("If Iraq hasn’t got the will")]
    assert quote["direct"] is True
    assert quote["speaker"] == "Ron Mark"
    assert quote["cue"] == "said"
    actor = next(a for a in record["actors"] if a["id"] == quote["actor"])
    assert actor["name"] == "Ron Mark"


def test_najaf_resolves_near_its_true_position(record):
    najaf = [p for p in record["places"] if p["text"] == "Najaf"]
    assert najaf
    for place in najaf:
        assert place["lat"] is not None
        assert km(place["lat"], place["lon"], 32.0, 44.3) <= 25


def test_absolute_date_is_normalised(record):
    values = [t["value"] for t in record["times"] if t["text"] == "January 10, 2014"]
    assert values and set(values) == {"2014-01-10"}


def test_john_key_and_mr_key_are_one_actor(record):
    by_text = {}
    for entity in record["entities"]:
        by_text.setdefault(entity["text"], set()).add(entity["actor"])
    [key_actor] = by_text["John Key"]
    assert key_actor is not None and by_text["Mr Key"] == {key_actor}
    actor = next(a for a in record["actors"] if a["id"] == key_actor)
    assert actor["name"] == "John Key" and actor["type"] == "PERSON"


def test_caption_and_reuters_credit_are_recognised(record):
    captions = record["structure"]["captions"]
    assert any(c["label"] == "IN PHOTO" and c["text"].startswith("Mourners react") for c in captions)
    [credit] = [c for c in record["structure"]["credits"] if c["text"].startswith("REUTERS")]
    assert credit["agency"] == "Reuters" and credit["photographer"] == "Alaa Al-Marjani"


def test_stuff_attribution_and_contact(record):
    assert any(a["outlet"] == "Stuff" for a in record["structure"]["attributions"])
    assert any(c["value"] == "r.su@ibtimes.com.au" for c in record["structure"]["contacts"])


def test_readme_example_is_the_real_output(record):
    """The README's JSON excerpt must be what `dateline analyze` prints today (items shown whole)."""
    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index('```json\n{"id"') + len("```json\n")
    example = json.loads(readme[start : readme.index("```", start)])
    assert example["id"] == record["id"] and example["published"] == record["published"]
    assert example["structure"]["credits"] == record["structure"]["credits"]
    for kind in ("quotes", "places", "times", "events"):
        for item in example[kind]:
            assert item in record[kind], (kind, item)
    for actor in example["actors"]:
        [real] = [a for a in record["actors"] if a["id"] == actor["id"]]
        assert {k: v for k, v in actor.items() if k != "mentions"} == {k: v for k, v in real.items() if k != "mentions"}
        assert [m for m in actor["mentions"] if m != "..."] == real["mentions"][: len(actor["mentions"]) - 1]

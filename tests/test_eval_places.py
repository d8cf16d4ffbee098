"""Tests of ``dateline eval places``: matching, metrics and the command, on gold made here."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.evaluation.places import (
    EARTH_HALF_CIRCUMFERENCE_KM,
    PlaceScores,
    great_circle_km,
    match_places,
    score_document,
)
from dateline.models import Article, Place


def _gold(text: str, name: str, lat: float | None, lon: float | None, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return {"start": start, "end": start + len(name), "text": name, "lat": lat, "lon": lon}


def _place(text: str, name: str, lat: float | None = None, lon: float | None = None) -> Place:
    start = text.index(name)
    return Place(
        start=start, end=start + len(name), text=name, name=name if lat is not None else None, lat=lat, lon=lon
    )


def test_great_circle() -> None:
    assert great_circle_km(0, 0, 0, 0) == 0
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(EARTH_HALF_CIRCUMFERENCE_KM, rel=2e-3)
    # Paris - London, about 344 km
    assert great_circle_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)


def test_matching_is_greedy_one_to_one() -> None:
    text = "New York City and York"
    gold = [
        _gold(text, "New York", 40.7, -74.0),
        _gold(text, "York City", 40.7, -74.0),
        _gold(text, "York", 53.9, -1.1, 1),
    ]
    predicted = [_place(text, "New York City", 40.7, -74.0), Place(start=18, end=22, text="York")]
    pairs = match_places(gold, predicted)
    # the one prediction over both "New York" and "York City" is used once
    assert [(g["text"], i) for g, i in pairs] == [("New York", 0), ("York", 1)]


def test_scores_and_errors() -> None:
    text = "Rain in Paris, Lyon and Atlantis; then Gotham and the Moon."
    gold = [
        _gold(text, "Paris", 48.8566, 2.3522),
        _gold(text, "Lyon", 45.76, 4.84),
        _gold(text, "Atlantis", 0.0, 0.0),
        _gold(text, "Gotham", None, None),  # no coordinates: neither a hit nor a miss
    ]
    predicted = [
        _place(text, "Paris", 48.86, 2.35),  # right
        _place(text, "Lyon", 45.76 + 3, 4.84),  # 333 km off: wrong
        _place(text, "Gotham", 1.0, 1.0),  # overlaps a gold toponym without coordinates
        _place(text, "Moon", 0.0, 0.0),  # spurious
    ]
    scores = PlaceScores()
    doc = score_document(scores, {"id": "d1", "places": gold}, Article(id="d1", text=text, places=predicted))
    assert (scores.tp, scores.fp, scores.fn) == (2, 1, 1)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)
    assert scores.acc161 == 0.5
    paris_err, lyon_err = scores.errors_km
    assert lyon_err == pytest.approx(333.6, abs=2)
    expected_auc = (math.log(paris_err + 1) + math.log(lyon_err + 1)) / 2 / math.log(EARTH_HALF_CIRCUMFERENCE_KM)
    assert scores.auc == pytest.approx(expected_auc)
    assert scores.median_km == pytest.approx((paris_err + lyon_err) / 2)
    assert [w["gold"]["text"] for w in doc["wrong"]] == ["Lyon"]
    assert [m["text"] for m in doc["missed"]] == ["Atlantis"]
    assert [s["text"] for s in doc["spurious"]] == ["Moon"]


def test_unresolved_match_counts_as_the_largest_error() -> None:
    text = "Camp Taji"
    scores = PlaceScores()
    score_document(
        scores,
        {"places": [_gold(text, "Camp Taji", 33.53, 44.26)]},
        Article(id="x", text=text, places=[Place(start=0, end=9, text="Camp Taji")]),
    )
    assert scores.errors_km == [EARTH_HALF_CIRCUMFERENCE_KM] and scores.acc161 == 0.0
    assert scores.auc == pytest.approx(
        math.log(EARTH_HALF_CIRCUMFERENCE_KM + 1) / math.log(EARTH_HALF_CIRCUMFERENCE_KM)
    )


def test_command(tmp_path) -> None:
    texts = [
        "Protesters marched through Nairobi on Monday, police in Kenya said.",
        "The mayor of Chicago flew to Tokyo last week.",
        "Nothing happened here.",
    ]
    gold = [
        {"id": "a", "text": texts[0], "published": "2015-05-20",
         "places": [_gold(texts[0], "Nairobi", -1.2833, 36.8167), _gold(texts[0], "Kenya", 1.0, 38.0)]},
        # Chicago placed in the wrong hemisphere on purpose: one wrong resolution
        {"id": "b", "text": texts[1], "places": [_gold(texts[1], "Chicago", -41.88, 87.63), _gold(texts[1], "Tokyo", 35.69, 139.69)]},
        {"id": "e", "text": texts[2], "places": []},  # the only one in the test half
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["eval", "places", str(path), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "3 articles, 4 gold places" in result.output
    assert "F1 1.000" in result.output
    assert "acc@161 0.750" in result.output
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "e"]
    assert [w["gold"]["text"] for w in rows[1]["wrong"]] == ["Chicago"]

    limited = CliRunner().invoke(cli, ["eval", "places", str(path), "--limit", "1"])
    assert limited.exit_code == 0 and "1 articles, 2 gold places" in limited.output

    # the halves split by SHA-1 of the id, as `eval times` does: together they are the whole
    from dateline.evaluation import in_split

    counts = {}
    for split in ("dev", "test"):
        half = CliRunner().invoke(cli, ["eval", "places", str(path), "--split", split])
        assert half.exit_code == 0 and f"({split} half)" in half.output
        counts[split] = sum(in_split(r["id"], split) for r in gold)
        assert f"{counts[split]} articles" in half.output
    assert counts == {"dev": 2, "test": 1}


def test_command_rejects_bad_gold(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "places", str(path)])
    assert result.exit_code != 0
    assert "bad.jsonl:2" in str(result.exception) or "bad.jsonl:2" in result.output


def test_command_learns_outlet_homes_from_its_own_results(tmp_path) -> None:
    texts = [
        "Dublin City Council met in Dublin, Ohio, on Monday.",
        "A fire in Dublin, Ohio, closed a road.",
        "Police in Dublin arrested a man.",
    ]
    gold = [
        {"id": f"d{i}", "text": t, "url": f"https://www.thisweeknews.com/{i}",
         "places": [_gold(t, "Dublin", 40.0992, -83.1141, nth=1 if i == 0 else 0)]}
        for i, t in enumerate(texts)
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    plain = CliRunner().invoke(cli, ["eval", "places", str(path)])
    assert plain.exit_code == 0 and "acc@161 0.667" in plain.output  # the lone "Dublin" is Ireland's
    learned = CliRunner().invoke(cli, ["eval", "places", str(path), "--learn-homes"])
    assert learned.exit_code == 0, learned.output
    assert "outlet homes: 1 learned for 1 outlets" in learned.output and "acc@161 1.000" in learned.output

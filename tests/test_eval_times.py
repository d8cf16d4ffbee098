"""Tests of ``dateline eval times``: the pure scorer and the command on tiny gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.evaluation import in_split
from dateline.evaluation.times import errors, match, score
from dateline.models import Time

TEXT = "Last weekend ISIS took Ramadi. The talks will resume on Friday. It lasted three days."


def gold(start: int, end: int, type_: str, value: str) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end], "type": type_, "value": value}


def pred(start: int, end: int, type_: str, value: str | None) -> Time:
    return Time(start=start, end=end, text=TEXT[start:end], type=type_, value=value)


def test_match_is_one_to_one_and_prefers_identical_spans() -> None:
    g = [gold(0, 12, "DATE", "2015-W20-WE")]
    p = [pred(5, 12, "DATE", "x"), pred(0, 12, "DATE", "y")]
    assert match(p, g) == [(1, 0)]
    assert match([pred(13, 17, "DATE", None)], g) == []  # no overlap, no match


def test_score_counts_strict_relaxed_value_and_types() -> None:
    g = [gold(0, 12, "DATE", "2015-W20-WE"), gold(56, 62, "DATE", "2015-05-22"), gold(74, 84, "DURATION", "P3D")]
    p = [
        pred(5, 12, "DATE", "2015-W20-WE"),  # relaxed only, right value
        pred(56, 62, "DATE", "2015-05-15"),  # strict, wrong value
        pred(74, 84, "DATE", "P3D"),  # strict, right value, wrong type
        pred(13, 17, "DATE", None),  # spurious
    ]
    result = score([(g, p)])
    assert result["articles"] == 1 and (result["n_gold"], result["n_pred"]) == (3, 4)
    assert result["relaxed"] == {"p": 0.75, "r": 1.0, "f1": pytest.approx(0.8571, abs=1e-4)}
    assert result["strict"]["p"] == 0.5 and result["strict"]["r"] == pytest.approx(0.6667, abs=1e-4)
    assert result["value"]["p"] == 0.5 and result["value"]["r"] == pytest.approx(0.6667, abs=1e-4)
    assert result["value_accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert result["type_accuracy"] == pytest.approx(0.6667, abs=1e-4)
    duration = result["per_type"]["DURATION"]
    assert (duration["n_gold"], duration["n_pred"]) == (1, 0)
    assert duration["relaxed"]["r"] == 1.0 and duration["relaxed"]["p"] == 0.0
    assert result["per_type"]["DATE"]["relaxed"]["p"] == 0.75


def test_score_of_nothing_is_zero_not_an_error() -> None:
    result = score([([], [])])
    assert result["relaxed"]["f1"] == 0.0 and result["value_accuracy"] == 0.0


def test_errors_name_every_kind() -> None:
    g = [gold(0, 12, "DATE", "2015-W20-WE"), gold(56, 62, "DATE", "2015-05-22")]
    p = [pred(5, 12, "TIME", "2015-W20-WE"), pred(74, 84, "DURATION", "P3D")]
    rows = list(errors("a1", g, p))
    assert [r["kind"] for r in rows] == ["span", "missed", "spurious"]
    assert rows[0]["kinds"] == ["span", "type"]
    assert rows[1]["gold"]["value"] == "2015-05-22" and rows[1]["pred"] is None
    assert all(r["id"] == "a1" for r in rows)


def _write_gold(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_command_scores_a_tiny_gold_file(tmp_path: Path) -> None:
    record = {"id": "g1", "text": TEXT, "published": "2015-05-20",
              "times": [gold(0, 12, "DATE", "2015-W20-WE"), gold(56, 62, "DATE", "2015-05-22"),
                        gold(74, 84, "DURATION", "P3D")]}
    unannotated = {"id": "g2", "text": "No key here.", "published": None}
    path = _write_gold(tmp_path / "gold.jsonl", [record, unannotated, dict(record, id="g3")])
    errors_path = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["eval", "times", str(path), "--json", "--limit", "2", "--errors", str(errors_path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["articles"] == 1  # --limit 2 reads g1 and g2; g2 has no 'times' key
    assert scores["n_gold"] == 3
    assert scores["value"]["f1"] == 1.0 and scores["strict"]["f1"] == 1.0
    assert errors_path.read_text() == ""  # all right: no error rows


def test_command_writes_errors_and_a_readable_report(tmp_path: Path) -> None:
    record = {"id": "g1", "text": TEXT, "published": "2015-05-20", "times": [gold(56, 62, "DATE", "2015-05-29")]}
    path = _write_gold(tmp_path / "gold.jsonl", [record])
    errors_path = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["eval", "times", str(path), "--errors", str(errors_path)])
    assert result.exit_code == 0, result.output
    assert "relaxed span" in result.stdout and "DURATION" in result.stdout
    rows = [json.loads(line) for line in errors_path.read_text().splitlines()]
    kinds = {r["kind"] for r in rows}
    assert "value" in kinds and "spurious" in kinds  # "Last weekend" and "three days" are not in this gold


def test_command_rejects_a_file_without_times(tmp_path: Path) -> None:
    path = _write_gold(tmp_path / "gold.jsonl", [{"id": "x", "text": "Nothing."}])
    result = CliRunner().invoke(cli, ["eval", "times", str(path)])
    assert result.exit_code != 0 and "no record has a 'times' key" in result.output


def test_command_speed_on_unannotated_texts(tmp_path: Path) -> None:
    path = _write_gold(tmp_path / "texts.jsonl", [{"id": "x", "text": "It rained on Friday. Talks resume next week."}])
    result = CliRunner().invoke(cli, ["eval", "times", str(path), "--speed", "--json"])
    assert result.exit_code == 0, result.output
    speed = json.loads(result.stdout)["speed"]
    assert speed["articles"] == 1 and speed["times_s"] >= 0 and speed["spacy_s"] > 0


def test_splits_are_disjoint_halves_fixed_by_id() -> None:
    ids = [f"doc-{i}" for i in range(200)]
    dev = {i for i in ids if in_split(i, "dev")}
    test = {i for i in ids if in_split(i, "test")}
    assert dev.isdisjoint(test) and dev | test == set(ids)
    assert 60 < len(dev) < 140  # a hash split, roughly even
    assert all(in_split(i, "all") for i in ids)
    assert in_split("doc-7", "dev") == in_split("doc-7", "dev")  # no randomness


def test_command_scores_only_the_requested_split(tmp_path: Path) -> None:
    records = [{"id": f"doc-{i}", "text": TEXT, "published": "2015-05-20", "times": []} for i in range(12)]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    counts = {}
    for split in ("dev", "test", "all"):
        result = CliRunner().invoke(cli, ["eval", "times", str(path), "--json", "--split", split])
        assert result.exit_code == 0, result.output
        counts[split] = json.loads(result.output)["articles"]
    assert counts["dev"] == sum(in_split(r["id"], "dev") for r in records)
    assert counts["dev"] + counts["test"] == counts["all"] == 12

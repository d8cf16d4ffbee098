"""The `dateline analyze` command: formats, errors, exit codes, ordering."""

import json

import pytest
from click.testing import CliRunner

from dateline import SCHEMA_VERSION
from dateline.cli import cli

FAST = ["--stages", "nlp"]


@pytest.fixture
def runner():
    return CliRunner()


def test_jsonl_passthrough_in_order_with_same_ids(runner, tmp_path):
    path = tmp_path / "in.jsonl"
    records = [{"id": f"r{i}", "text": f"Article number {i} mentions Baghdad.", "published": "2015-05-20"} for i in range(5)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(path), "--format", "jsonl", *FAST])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in lines] == [r["id"] for r in records]
    assert all(r["schema_version"] == SCHEMA_VERSION and r["published"] == "2015-05-20" for r in lines)


def test_default_format_when_piped_is_jsonl(runner, specimen_text):
    result = runner.invoke(cli, ["analyze", "-", *FAST], input=specimen_text)
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["text"] == specimen_text


def test_json_format_is_an_array(runner, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Text of {name} about Najaf.", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(tmp_path), "--format", "json", *FAST])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["source"] for r in data] == ["a.txt", "b.txt"]


def test_bad_inputs_are_reported_and_skipped(runner, tmp_path):
    (tmp_path / "good.txt").write_text("Good text about Iraq.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (tmp_path / "lines.jsonl").write_text('{"id": "ok", "text": "Fine."}\n{broken\n', encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(tmp_path), "-f", "jsonl", *FAST])
    assert result.exit_code == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert len(ids) == 2 and "ok" in ids
    assert "bad.txt" in result.stderr and "binary" in result.stderr
    assert "lines.jsonl:2" in result.stderr and "malformed JSON" in result.stderr
    assert "2 articles analysed, 2 failed" in result.stderr


def test_fail_fast_stops_at_first_failure(runner, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00bad")
    (tmp_path / "b.txt").write_text("Good.", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(tmp_path), "-f", "jsonl", "--fail-fast", *FAST])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "--fail-fast" in result.stderr


def test_bad_published_and_unknown_stage_are_usage_errors(runner, specimen_text):
    result = runner.invoke(cli, ["analyze", "-", "--published", "20/05/2015"], input=specimen_text)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr
    result = runner.invoke(cli, ["analyze", "-", "--stages", "nlp,telepathy"], input=specimen_text)
    assert result.exit_code == 1 and "unknown stage 'telepathy'" in result.stderr


def test_missing_model_is_a_clear_error(runner):
    result = runner.invoke(cli, ["analyze", "-", "--model", "no_such_model_xyz", "--stages", "nlp"], input="Text.")
    assert result.exit_code == 1
    assert "cannot load spaCy pipeline 'no_such_model_xyz'" in result.stderr


def test_text_report_escapes_markup(runner):
    text = "Officials [bold]denied[/bold] it in [/red] Baghdad."
    result = runner.invoke(cli, ["analyze", "-", "-f", "text", *FAST], input=text)
    assert result.exit_code == 0, result.output


def test_output_file(runner, tmp_path, specimen_text):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["analyze", "-", "-o", str(out), "--published", "2015-05-20", *FAST], input=specimen_text)
    assert result.exit_code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["published"] == "2015-05-20"


def test_text_report_groups_places_and_checks_distances(runner, specimen_text):
    result = runner.invoke(cli, ["analyze", "-", "--format", "text", "--published", "2015-05-20",
                                 "--stages", "structure,nlp,actors,places"], input=specimen_text)
    assert result.exit_code == 0, result.output
    out = result.stdout
    iraq = next(line for line in out.splitlines() if line.startswith("Iraq "))
    assert "Iraq ×" in iraq and "Iraqi" in iraq  # one row for every way the article names Iraq
    assert sum(line.startswith("Ramadi ") for line in out.splitlines()) == 1
    assert "Distances and directions" in out
    spatial = next(line for line in out.splitlines() if line.startswith("160 km (99 miles) south of Baghdad"))
    assert "Najaf" in spatial and "consistent" in spatial and "INCONSISTENT" not in spatial


def test_places_option_adds_your_points_and_rejects_a_bad_file(runner, specimen_text, tmp_path):
    from .conftest import EXAMPLES

    args = ["analyze", "-", "--format", "jsonl", "--stages", "structure,nlp,actors,places"]
    without = json.loads(runner.invoke(cli, args, input=specimen_text).stdout)
    taji = [p for p in without["places"] if p["text"] == "Camp Taji"]
    assert taji and all(p["lat"] is None for p in taji)
    result = runner.invoke(cli, [*args, "--places", str(EXAMPLES / "places.toml")], input=specimen_text)
    assert result.exit_code == 0, result.output
    taji = [p for p in json.loads(result.stdout)["places"] if p["text"] == "Camp Taji"]
    assert taji and all((p["lat"], p["lon"], p["feature"]) == (33.53, 44.26, "S.MILB") for p in taji)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat\nCamp Taji,33.5\n", encoding="utf-8")
    result = runner.invoke(cli, [*args, "--places", str(bad)], input=specimen_text)
    assert result.exit_code == 1 and "bad.csv" in result.output and "lon" in result.output


def test_place_candidates_option_lists_scored_candidates(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Protesters gathered in Paris on Monday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--place-candidates", "2", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [paris] = [p for p in json.loads(result.stdout)["places"] if p["text"] == "Paris"]
    assert 1 <= len(paris["candidates"]) <= 2 and paris["candidates"][0]["name"] == paris["name"]
    assert paris["candidates"][0]["score"] == paris["confidence"]
    plain = CliRunner().invoke(cli, ["analyze", str(path), "--format", "jsonl"])
    assert all(p["candidates"] is None for p in json.loads(plain.stdout)["places"])

"""Tests of ``dateline eval quotes``: the metrics on a tiny gold file the test writes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli import cli
from dateline.evaluation.quotes import evaluate, speaker_kind
from dateline.models import Article, Quote

TEXT = "“We will win,” said Ann Lee. Bob thinks the plan is bad. The sky is blue."


def gold_record():
    def span(part, **kw):
        start = TEXT.index(part)
        return {"start": start, "end": start + len(part), "text": part, **kw}

    speaker = span("Ann Lee")
    return {
        "id": "g1",
        "text": TEXT,
        "quotes": [
            {**span("“We will win,”", direct=True, cue="said", speaker="Ann Lee"),
             "speaker_start": speaker["start"], "speaker_end": speaker["end"]},
            span("the plan is bad", direct=False, cue="thinks", speaker="Bob"),
        ],
    }


def quote(part, direct, speaker=None):
    start = TEXT.index(part)
    return Quote(start=start, end=start + len(part), text=part, direct=direct, speaker=speaker)


def test_metrics_count_matches_at_each_coverage():
    preds = [quote("“We will win,", True, "Ann Lee"), quote("plan", False), quote("The sky is blue", True)]
    errors: list[dict] = []
    loose, strict = evaluate([(gold_record(), Article(id="g1", text=TEXT, quotes=preds))], errors=errors)
    # Direct: 1 of 2 direct predictions matches, the 1 gold direct quote is found.
    assert (loose["direct"]["P"], loose["direct"]["R"]) == (0.5, 1.0)
    assert loose["all"]["R"] == 0.5  # "plan" covers 4/15 of "the plan is bad": under 30%
    assert loose["speaker_accuracy"] == 1.0 and loose["speaker_by_kind"] == {"name": {"accuracy": 1.0, "n": 1}}
    assert strict["direct"]["R"] == 1.0  # 13 of 14 characters > 80%
    assert {(e["error"], e["direct"]) for e in errors} == {("spurious", True), ("spurious", False), ("missed", False)}
    assert all(e["id"] == "g1" for e in errors)


def test_wrong_speaker_is_an_error():
    preds = [quote("“We will win,”", True, "Bob")]
    errors: list[dict] = []
    [loose, _] = evaluate([(gold_record(), Article(id="g1", text=TEXT, quotes=preds))], errors=errors)
    assert loose["speaker_accuracy"] == 0.0
    assert [e["error"] for e in errors if e["direct"]] == ["speaker"]


def test_speaker_kinds():
    assert [speaker_kind(s) for s in ("he", "the spokesman", "officials", "the Pentagon", "Ann Lee")] == [
        "pronoun", "description", "description", "name", "name"]


def test_command_reports_both_coverages_and_writes_errors(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_record()) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["eval", "quotes", str(gold), "--errors", str(errors), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 1 and [r["coverage"] for r in report["results"]] == [0.3, 0.8]
    assert report["results"][0]["direct"]["R"] == 1.0  # the pipeline finds “We will win,” said Ann Lee
    assert errors.exists()
    for line in errors.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["id"] == "g1"

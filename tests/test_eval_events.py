"""Tests of ``dateline eval events``: scoring functions and the command, on tiny gold files written here."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

from dateline.evaluation.events import command, macro_f1, pentacode, plover_type, score_plv, top_event
from dateline.models import Argument, Article, Event, Mention


def _ev(type_, conf, src=None, tgt=None, quad=None, hyp=False):
    return Event(
        type=type_,
        confidence=conf,
        trigger=Mention(start=0, end=1, text="x"),
        source=Argument(start=src[0], end=src[1], text="s") if src else None,
        target=Argument(start=tgt[0], end=tgt[1], text="t") if tgt else None,
        quad=quad,
        hypothetical=hyp,
    )


def test_yield_mapping_and_top_event():
    assert plover_type("CONCEDE") == plover_type("RETREAT") == "YIELD" and plover_type("AID") == "AID"
    asserted, hypothetical = _ev("AID", 0.5), _ev("ASSAULT", 0.5, hyp=True)
    assert top_event([hypothetical, asserted]) is asserted
    assert top_event([asserted, _ev("ASSAULT", 0.9)]).type == "ASSAULT"
    assert top_event([]) is None


def test_macro_f1():
    f1, per = macro_f1([("A", "A"), ("A", "B"), ("B", "B")])
    assert per["A"] == (1.0, 0.5, 2 / 3, 2) and per["B"][:2] == (0.5, 1.0)
    assert abs(f1 - 2 / 3) < 1e-9


def test_score_plv_accuracy_and_tuple_recall():
    gold = [
        {"id": "1", "text": "t", "events": [{"type": "YIELD", "source_span": [0, 5], "target_span": [10, 15]}]},
        {"id": "2", "text": "t", "events": [{"type": "ASSAULT", "source_span": [0, 5], "target_span": [10, 15]}]},
        {"id": "3", "text": "t", "events": [{"type": "AID"}]},
    ]
    arts = [Article(id=str(i), text="t") for i in range(3)]
    arts[0].events = [_ev("RETREAT", 0.9, (2, 4), (11, 12))]  # YIELD, both spans overlap: found
    arts[1].events = [_ev("ASSAULT", 0.9, (6, 8), (11, 12))]  # type right, source wrong: not a tuple
    summary, errors = score_plv(zip(gold, arts))
    assert summary["type_accuracy"] == 2 / 3 and summary["tuple_recall"] == 1 / 3
    assert summary["with_prediction"] == 2
    assert [e["id"] for e in errors] == ["2", "3"] and errors[1]["top"] == "NONE"


def test_pentacode_of_no_event_is_statement():
    assert pentacode(None) == 0 and pentacode(_ev("ASSAULT", 0.5, quad=4)) == 4


def test_pentacode_follows_the_cameo_root_as_phoenix_coded_the_data():
    def coded(etype: str, cameo: str | None, quad: int) -> int:
        event = _ev(etype, 0.9, quad=quad)
        event.cameo = cameo
        return pentacode(event)

    assert coded("REQUEST", "021", 3) == 0  # an appeal is a statement, whatever PLOVER's quad of REQUEST
    assert coded("REQUEST", "100", 3) == 3  # a demand is verbal conflict
    assert coded("CONCEDE", "081", 1) == 2  # easing restrictions is material cooperation
    assert coded("SANCTION", "161", 4) == 3  # reducing relations is verbal conflict
    # classifier events carry no code: the root their type stands for in CAMEO2PLOVER
    assert coded("CONCEDE", None, 1) == 2 and coded("PROTEST", None, 3) == 4 and coded("AGREE", None, 1) == 1


def test_command_on_plv_and_pentacode_files(tmp_path):
    plv = tmp_path / "gold.jsonl"
    text = "Rebels attacked the army base."
    plv.write_text(json.dumps({"id": "g1", "text": text, "events": [{"type": "ASSAULT", "source_span": [0, 6], "target_span": [16, 29]}]}) + "\n")
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(command, [str(plv), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "type_accuracy        1.000" in result.output and "tuple_recall         1.000" in result.output
    assert errors.read_text() == ""

    tsv = tmp_path / "test.tsv"
    tsv.write_text(f"{text}\t4\nThe minister said the weather was fine.\t0\n")
    result = CliRunner().invoke(command, [str(tsv), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "sentences            1" in result.output and "accuracy             1.000" in result.output


def test_command_event_places(tmp_path):
    text = "Rebels attacked a base in Kabul on Monday."
    v, loc = text.index("attacked"), text.index("Kabul")
    rec = {"text": text, "source": "RELABEL", "spans": [{"start": v, "end": v + 8, "label": "VERB"}, {"start": loc, "end": loc + 5, "label": "LOCATION"}]}
    other = dict(rec, source="AP")
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("labeled_text.jsonl", json.dumps([rec, other]) + "\n")
    result = CliRunner().invoke(command, [str(path), "--event-places"])
    assert result.exit_code == 0, result.output
    assert "verbs                1" in result.output and "located_accuracy     1.000" in result.output


def test_command_rejects_bad_tsv(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("no label here\n")
    result = CliRunner().invoke(command, [str(bad)])
    assert result.exit_code != 0 and "sentence<TAB>label" in result.output


def test_event_location_spans_given_as_token_indices_are_read_as_characters(tmp_path):
    from dateline.evaluation.events import read_event_locations

    # As in Halterman's RELABEL subset: the LOCATION span's start/end are token indices, token_start/token_end right.
    text = "A hand grenade detonated Thursday in the San Carlos municipality."
    words = text[:-1].split(" ")
    tokens, pos = [], 0
    for i, w in enumerate(words):
        tokens.append({"text": w, "start": pos, "end": pos + len(w), "id": i})
        pos += len(w) + 1
    rec = {"text": text, "source": "RELABEL", "tokens": tokens, "spans": [
        {"start": 15, "end": 24, "token_start": 3, "token_end": 3, "label": "VERB", "text": "detonated"},
        {"start": 7, "end": 8, "token_start": 7, "token_end": 8, "label": "LOCATION", "text": "San Carlos"},
    ]}
    path = tmp_path / "labeled.jsonl"
    path.write_text(json.dumps([rec]) + "\n", encoding="utf-8")
    [gold] = read_event_locations(path)
    assert text[slice(*gold["verb"])] == "detonated" and text[slice(*gold["location"])] == "San Carlos"

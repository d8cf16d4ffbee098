"""Tests of the events stage: lexicon loading, detection, roles, modality, place/time, the specimen."""

from __future__ import annotations

import pytest

from dateline.events import Lexicon, load_lexicon
from dateline.models import Actor, Mention, Place

STAGES = ("nlp", "events")


def _events(analyze, text: str):
    return analyze(text, stages=STAGES).events


def _by_trigger(events, word: str):
    hits = [e for e in events if e.trigger and e.trigger.text.lower().startswith(word)]
    assert hits, f"no event triggered by {word!r} in {[e.trigger.text for e in events]}"
    return hits[0]


# --- lexicon -------------------------------------------------------------------------------------------


def test_lexicon_loads_codes_verbs_and_patterns():
    lex = load_lexicon()
    assert lex.info("192").type == "COERCE" and lex.info("192").mode == "seize"
    assert lex.info("190").type == "ASSAULT" and lex.info("190").quad == 4
    assert lex.info("020").type == "REQUEST"  # appeals read as REQUEST
    assert lex.info("010") is None  # statements are dropped
    assert "kill" in lex.verbs and "attack" in lex.nouns
    assert "ramadi" not in lex.verbs
    assert "troops" in lex.synsets["&MILITARY"]


def test_lexicon_file_is_small_and_attributed():
    from importlib import resources

    res = resources.files("dateline").joinpath("data/events/lexicon.tsv")
    text = res.read_text(encoding="utf-8")
    assert len(text.encode()) < 1_000_000
    header = "\n".join(line for line in text.splitlines()[:20] if line.startswith("#"))
    assert "MIT" in header and "CC BY-SA 4.0" in header and "676801cd" in header


def test_lexicon_parses_custom_tsv():
    lex = Lexicon.from_tsv(
        "# test\nC\t190\tASSAULT\t\t4\t-10.0\tfight\nB\t0\t190\nV\t0\tzap\t\t\n"
        "P\t0\tzap\t\trobot\t\t\t\t-\n"
    )
    assert lex.verbs["zap"] == [((), "", 0)]
    assert lex.patterns[0][0].obj == "robot" and lex.patterns[0][0].code == "-"


# --- detection and roles -------------------------------------------------------------------------------


def test_active_sentence_roles(analyze):
    e = _by_trigger(_events(analyze, "Rebels attacked the army base near the border on Monday."), "attacked")
    assert e.type == "ASSAULT"
    assert e.source.text == "Rebels"
    assert e.target.text == "the army base"  # "near the border" attaches to the verb
    assert not e.negated and not e.hypothetical
    assert e.cameo and e.sentence == (0, len("Rebels attacked the army base near the border on Monday."))


def test_passive_with_agent(analyze):
    e = _by_trigger(_events(analyze, "The convoy was attacked by gunmen."), "attacked")
    assert e.type == "ASSAULT"
    assert e.source.text == "gunmen" and e.target.text == "The convoy"


def test_relative_clause_passive_without_agent(analyze):
    text = "Mourners attended the funeral of an Iraqi soldier, who was killed during clashes."
    e = _by_trigger(_events(analyze, text), "killed")
    assert e.type == "ASSAULT"
    assert e.source is None
    assert e.target.text == "an Iraqi soldier"


def test_negation(analyze):
    e = _by_trigger(_events(analyze, "The army did not attack the village."), "attack")
    assert e.negated and e.type == "ASSAULT"


def test_modal_and_infinitive_are_hypothetical(analyze):
    events = _events(analyze, "Police may arrest the protesters, and the rebels threatened to attack the town.")
    assert _by_trigger(events, "arrest").hypothetical
    attack = _by_trigger(events, "attack")
    assert attack.hypothetical and attack.source.text == "the rebels"
    assert _by_trigger(events, "threatened").type == "THREATEN"


def test_conditional_is_hypothetical(analyze):
    e = _by_trigger(_events(analyze, "The government will withdraw the troops if the threat grows."), "withdraw")
    assert e.hypothetical and e.type == "RETREAT"


def test_several_events_in_one_sentence(analyze):
    events = _events(analyze, "Troops arrested two men and killed a third in Kabul.")
    assert {e.type for e in events} >= {"COERCE", "ASSAULT"}
    killed = _by_trigger(events, "killed")
    assert killed.source.text == "Troops"  # conjunct inherits the subject


def test_said_alone_is_no_event(analyze):
    assert _events(analyze, "The minister said the weather was fine.") == []


def test_pattern_beats_default_and_blocks(analyze):
    # "take" alone is no event; "take control of X" is an occupation
    assert _events(analyze, "She took the bus home.") == []
    e = _by_trigger(_events(analyze, "Rebels took control of the town."), "took")
    assert (e.type, e.mode, e.cameo) == ("COERCE", "seize", "192")


def test_nominal_trigger(analyze):
    e = _by_trigger(_events(analyze, "The attack on the embassy shocked residents."), "attack")
    assert e.type == "ASSAULT" and e.target.text == "the embassy"
    assert e.confidence < 0.5


def test_offsets_are_exact(analyze):
    text = "Rebels attacked the army base. The convoy was attacked by gunmen in Herat."
    art = analyze(text, stages=STAGES)
    for e in art.events:
        for item in (e.trigger, e.source, e.target):
            if item is not None:
                assert text[item.start : item.end] == item.text


def test_actor_and_place_links(analyze):
    from dateline.events import EventStage

    text = "ISIS seized Ramadi on Sunday."
    art = analyze(text, stages=("nlp",))
    art.actors = [Actor(id="A1", name="ISIS", type="GROUP", mentions=[Mention(start=0, end=4, text="ISIS")])]
    art.places = [Place(start=12, end=18, text="Ramadi")]
    art = EventStage()(art)
    e = _by_trigger(art.events, "seized")
    assert e.source.actor == "A1" and e.place == 0 and e.time is None


def test_no_doc_warns():
    from dateline.events import EventStage
    from dateline.models import Article

    art = EventStage()(Article(id="x", text="Rebels attacked."))
    assert art.events == [] and art.warnings


# --- specimen ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def specimen_events(analyze, specimen_text):
    return specimen_text, analyze(specimen_text, stages=STAGES).events


def test_specimen_takes_control_of_ramadi(specimen_events):
    text, events = specimen_events
    e = next(e for e in events if e.trigger.text == "taken")
    assert e.type == "COERCE" and e.cameo == "192"  # CAMEO 192 occupy territory -> PLOVER COERCE seize
    assert e.source.text == "ISIS" and "Ramadi" in e.target.text
    assert not e.negated and not e.hypothetical


def test_specimen_urged_to_withdraw(specimen_events):
    _, events = specimen_events
    urged = next(e for e in events if e.trigger.text == "urged")
    assert urged.type == "REQUEST" and urged.source is None
    assert urged.target.text == "The New Zealand government"
    withdraw = next(e for e in events if e.trigger.text == "withdraw" and e.sentence == urged.sentence)
    assert withdraw.type == "RETREAT" and withdraw.hypothetical


def test_specimen_soldier_killed(specimen_events):
    _, events = specimen_events
    killed = [e for e in events if e.trigger.text == "killed"]
    assert killed and all(e.type == "ASSAULT" and e.target.text == "an Iraqi soldier" for e in killed)


def test_specimen_abbott_not_ruled_out_sending(specimen_events):
    _, events = specimen_events
    ruled = next(e for e in events if e.trigger.text == "ruled out")
    assert ruled.negated and ruled.source.text.endswith("Tony Abbott")
    sending = next(e for e in events if e.trigger.text == "sending" and e.sentence == ruled.sentence)
    assert sending.hypothetical and sending.target.text == "more troops"


def test_specimen_no_speech_events(specimen_events):
    _, events = specimen_events
    assert not any(e.trigger.text in {"said", "told", "added", "remarked", "believes"} for e in events)

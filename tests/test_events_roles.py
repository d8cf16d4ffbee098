"""Tests of role resolution in the events stage: a pronoun source in reported speech is the speaker, a verb
without a target takes its complement's, and a date is never a target."""

from __future__ import annotations

from dateline.events import EventStage

from .conftest import event_on as _event


def test_pronoun_in_reported_speech_is_the_speaker(analyze, rules):
    text = "Radical French farmers said on Friday they would blockade Paris from Monday night."
    e = _event(analyze, rules, text, "blockade")
    assert e.source.text == "Radical French farmers" and e.target.text == "Paris"


def test_pronoun_outside_reported_speech_stays(analyze, rules):
    e = _event(analyze, rules, "They attacked the army base near the border.", "attacked")
    assert e.source.text == "They"


def test_pronoun_speaker_is_not_substituted(analyze, rules):
    e = _event(analyze, rules, "He said they would blockade Paris.", "blockade")
    assert e.source.text == "they"


def test_target_from_infinitive_complement(analyze, rules):
    e = _event(analyze, rules, "President Yoweri Museveni has threatened to ban opposition candidates.", "threatened")
    assert e.source.text == "President Yoweri Museveni" and e.target.text == "opposition candidates"


def test_target_from_clause_subject(analyze, rules):
    text = "Greece demanded that its partners refuse to recognize the new republic."
    e = _event(analyze, rules, text, "demanded")
    assert e.type == "REQUEST" and e.target.text == "its partners"


def test_role_resolution_can_be_switched_off(analyze):
    stage = EventStage(classifier=None, resolve_roles=False)
    e = _event(analyze, stage, "President Yoweri Museveni has threatened to ban opposition candidates.", "threatened")
    assert e.target is None

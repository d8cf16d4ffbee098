"""Tests of the PLOVER manual's reading of promised actions (``EventStage._read_intent``): future cooperation is
AGREE, and so is a future retreat (CAMEO 035 "express intent to yield"), a future attack THREATEN, a refused
cooperation REJECT."""

from __future__ import annotations

import pytest

from dateline.events import EventStage

from .conftest import event_on as _event


@pytest.mark.parametrize(
    "text, trigger, code",
    [
        ("Key would visit the troops in Iraq later in the year.", "visit", "036"),  # future meeting -> AGREE
        ("Russia will send humanitarian aid to Syria.", "send", "033"),  # future aid -> AGREE
        ("Jordan and Britain have agreed to hold joint military exercises.", "agreed", "030"),
    ],
)
def test_future_cooperation_is_agree(analyze, rules, text, trigger, code):
    e = _event(analyze, rules, text, trigger)
    assert (e.type, e.cameo, e.quad) == ("AGREE", code, 1)


def test_done_cooperation_keeps_its_type(analyze, rules):
    e = _event(analyze, rules, "The two leaders met in Paris.", "met")
    assert e.type == "CONSULT" and not e.hypothetical


@pytest.mark.parametrize(
    "text, trigger, code",
    [
        ("The rebels announced they would withdraw their fighters from the city.", "withdraw", "035"),
        ("The kidnappers said they will release the two engineers.", "release", "0353"),
        ("The army promised to lift the curfew.", "lift", "0351"),
        ("The government agreed to lift the embargo on oil exports.", "lift", "035"),  # no 0354 in the lexicon
    ],
)
def test_future_yield_is_agree(analyze, rules, text, trigger, code):
    # CAMEO 035x "express intent to yield" is AGREE in the CAMEO-to-PLOVER table (and in the PLOVER gold records)
    e = _event(analyze, rules, text, trigger)
    assert (e.type, e.cameo, e.quad) == ("AGREE", code, 1) and e.hypothetical


def test_a_decision_is_no_promise(analyze, rules):
    # "decided to ease" enacts the easing (CAMEO codes it 08x), unlike "agreed to ease"
    e = _event(analyze, rules, "The council decided to lift the curfew in the capital.", "lift")
    assert e.type == "RETREAT"


def test_the_promise_stays_with_the_classifier(analyze):
    # the commitment verb of a promised yield is AGREE; the classifier does not retype it
    from dateline.evaluation.events import top_event

    article = EventStage()(analyze("The army promised to lift the curfew on Friday.", stages=("nlp",)))
    assert top_event(article.events).type == "AGREE"


def test_future_attack_is_threaten(analyze, rules):
    e = _event(analyze, rules, "Rebels vowed to attack the capital.", "attack")
    assert (e.type, e.cameo) == ("THREATEN", "138") and e.hypothetical  # the attack itself has not happened


def test_refused_cooperation_is_reject(analyze, rules):
    e = _event(analyze, rules, "The United States said it would not meet the hostage-takers.", "meet")
    assert e.type == "REJECT" and e.negated
    e = _event(analyze, rules, "Japan did not agree to send troops.", "agree")
    assert (e.type, e.cameo) == ("REJECT", "120")


def test_refusal_reading_can_be_switched_off(analyze):
    stage = EventStage(classifier=None, intent_reject=False)
    e = _event(analyze, stage, "The United States said it would not meet the hostage-takers.", "meet")
    assert e.type == "CONSULT" and e.negated


def test_intent_reading_can_be_switched_off(analyze):
    stage = EventStage(classifier=None, intent=False)
    e = _event(analyze, stage, "Key would visit the troops in Iraq later in the year.", "visit")
    assert (e.type, e.cameo) == ("CONSULT", "042") and e.hypothetical


def test_urged_withdrawal_is_no_promise(analyze, rules):
    # a request's content is not promised by anyone: it keeps its own type (the specimen's Labour sentence)
    e = _event(analyze, rules, "Labour urged the government to withdraw the troops from Iraq.", "withdraw")
    assert e.type == "RETREAT" and e.hypothetical


def test_a_passive_trip_is_no_intent_to_meet(analyze, rules):
    # PETRARCH2's "fly ... to" pattern reads a trip to meet someone; carried there in the passive, nobody travels to meet
    carried = rules(analyze("Two days later, she was flown by plane to the Royal Free hospital.", stages=("nlp",))).events
    assert not any(e.trigger.text == "flown" for e in carried)
    e = _event(analyze, rules, "The foreign minister flew to Baghdad on Monday.", "flew")
    assert (e.type, e.cameo) == ("CONSULT", "042")  # a trip made is a visit; "will fly to" would be the intent


def test_a_meeting_held_is_consult(analyze, rules):
    # the dictionary's "meet * with" reads an intent to meet (036); met is a meeting
    e = _event(analyze, rules, "The envoy met with rebel leaders in Khartoum.", "met")
    assert (e.type, e.cameo) == ("CONSULT", "040")
    e = _event(analyze, rules, "The envoy will meet with rebel leaders in Khartoum.", "meet")
    assert e.type == "AGREE"


def test_a_scheduled_meeting_is_agree_with_the_classifier(analyze):
    # the rules read the promise on the infinitive; the classifier adds no event of its own on "scheduled"
    from dateline.evaluation.events import top_event

    text = "The foreign minister is scheduled to meet his Iranian counterpart on Monday."
    article = EventStage()(analyze(text, stages=("nlp",)))
    assert top_event(article.events).type == "AGREE"

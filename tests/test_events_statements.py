"""Tests of the statement rules: what CAMEO codes as "make public statement" (01x) is no event, and speech acts
that are read as what they amount to (a demand in reported speech, a cancelled meeting, a readiness to act)."""

from __future__ import annotations

import pytest

from dateline.events import EventStage

from .conftest import event_on as _event


@pytest.fixture(scope="module")
def stage():
    """The shipped stage, classifier included: the statement rules must also keep the classifier out."""
    return EventStage()


def _events(analyze, stage, text):
    return stage(analyze(text, stages=("nlp",))).events


@pytest.mark.parametrize(
    "text",
    [
        "Portugal is considering sending aid to the flood victims.",  # CAMEO 014: a policy option, not aid
        "The city council is exploring the possibility of building a new bridge.",
        "The ministry is weighing whether to send more doctors.",
    ],
)
def test_an_option_under_consideration_is_no_event(analyze, stage, text):
    assert _events(analyze, stage, text) == []


def test_considering_is_coded_as_a_statement(analyze, rules):
    sent = next(analyze("Japan is considering sending aid to Nepal.", stages=("nlp",)).doc.sents)
    assert {(h.tok.text, h.code) for h in rules.sentence_hits(sent) if h.statement} == {("considering", "014")}


@pytest.mark.parametrize(
    "text",
    [
        "The farmers said they agree with the minister that the harvest was poor.",  # CAMEO 019: an opinion
        "The mayor has agreed with the council that the park should stay open.",
    ],
)
def test_agreeing_with_a_view_is_a_statement(analyze, stage, text):
    assert [e for e in _events(analyze, stage, text) if e.type == "AGREE"] == []


def test_agreeing_to_something_stays_agree(analyze, rules):
    e = _event(analyze, rules, "The two parties agreed to a ceasefire.", "agreed")
    assert e.type == "AGREE"


@pytest.mark.parametrize(
    "text",
    [
        "The envoy is expressing his concern about the escalation of hostilities.",  # 012: no classifier event
        "The president expressed optimism about a trade deal.",  # 013
        "The spokesman declined to comment on the report.",  # 011
    ],
)
def test_a_statement_pattern_keeps_the_classifier_out(analyze, stage, text):
    assert _events(analyze, stage, text) == []


def test_what_a_denial_denies_did_not_happen(analyze, stage):
    text = "The ministry denied charges that its soldiers had attacked the village."
    events = _events(analyze, stage, text)
    assert [e for e in events if e.type == "ASSAULT"] == []
    # the denial itself rejects the charges: PLOVER REJECT, with CAMEO's statement code kept
    [denied] = [e for e in events if e.trigger.text == "denied"]
    assert denied.type == "REJECT" and denied.cameo == "016" and denied.source.text == "The ministry"


def test_rejected_accusations_are_a_rejection(analyze, stage):
    text = "Venezuelan authorities have rejected allegations by the U.S. of involvement in the drug trade."
    e = _event(analyze, stage, text, "rejected")
    assert e.type == "REJECT" and e.cameo == "016" and e.target.text.startswith("the U.S.")


def test_hoped_for_talks_are_no_event(analyze, stage):
    assert _events(analyze, stage, "The government said it hoped for more talks with the unions.") == []


def test_an_asserted_event_in_reported_speech_stands(analyze, stage):
    types = {e.type for e in _events(analyze, stage, "The army said rebels attacked the town.")}
    assert "ASSAULT" in types


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Norway says Sweden must end its blockade of the port.", "end"),  # no dictionary reading of its own
        ("The minister said the government must ensure the safety of the workers.", "ensure"),  # AGREE -> demand
    ],
)
def test_an_obligation_in_reported_speech_is_a_demand(analyze, rules, text, trigger):
    e = _event(analyze, rules, text, trigger)
    assert (e.type, e.cameo, e.quad) == ("REQUEST", "100", 3)


def test_should_have_is_no_demand(analyze, rules):
    events = rules(analyze("The senator said the agency should have helped the victims.", stages=("nlp",))).events
    assert "REQUEST" not in {e.type for e in events}


def test_a_cancelled_meeting_is_reject(analyze, rules):
    e = _event(analyze, rules, "The prime minister has cancelled a planned visit to Paris.", "cancelled")
    assert (e.type, e.cameo) == ("REJECT", "125")


def test_ending_a_trip_is_no_rejection(analyze, rules):
    events = rules(analyze("The president is ending a five-day trip in Paris.", stages=("nlp",))).events
    assert "REJECT" not in {e.type for e in events}


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Italy is ready to contribute troops to the mission.", "contribute"),
        ("Honduras is willing to withdraw its troops from the border.", "withdraw"),
    ],
)
def test_readiness_is_a_promise(analyze, rules, text, trigger):
    e = _event(analyze, rules, text, trigger)
    assert e.type in {"AGREE", "CONCEDE"} and e.quad == 1


@pytest.mark.parametrize(
    "text",
    [
        "The minister defended the government's immigration policy.",  # CAMEO 052, verbal
        "The president defended his ally over claims of interference.",
    ],
)
def test_defending_a_stance_is_support(analyze, rules, text):
    e = _event(analyze, rules, text, "defended")
    assert (e.type, e.cameo, e.quad) == ("SUPPORT", "052", 1)


def test_defending_a_place_stays_military(analyze, rules):
    e = _event(analyze, rules, "Troops defended the city against the rebels.", "defended")
    assert e.type != "SUPPORT"


def test_signing_an_agreement_is_support_and_its_terms_no_event(analyze, stage):
    events = _events(analyze, stage, "Mexico and Britain signed an agreement to continue trading after Brexit.")
    assert [(e.type, e.cameo, e.trigger.text) for e in events] == [("SUPPORT", "057", "signed")]


@pytest.mark.parametrize(
    "text, trigger, code, etype",
    [
        ("Nigeria deployed peacekeepers to Liberia.", "deployed", "074", "AID"),  # not 0334, intent to
        ("The state accepted 300 Syrian refugees last year.", "accepted", "073", "AID"),  # not 0333
    ],
)
def test_a_done_action_is_no_intent(analyze, rules, text, trigger, code, etype):
    e = _event(analyze, rules, text, trigger)
    assert (e.type, e.cameo) == (etype, code)


def test_a_future_action_keeps_its_intent_code(analyze, rules):
    e = _event(analyze, rules, "Nigeria will deploy peacekeepers to Liberia.", "deploy")
    assert (e.type, e.cameo) == ("AGREE", "0334")


def test_building_up_forces_is_mobilize(analyze, rules):
    e = _event(analyze, rules, "The navy has strengthened its forces in the Gulf.", "strengthened")
    assert (e.type, e.cameo) == ("MOBILIZE", "154")


def test_strengthening_ties_is_no_mobilization(analyze, rules):
    events = rules(analyze("The two countries strengthened their trade ties.", stages=("nlp",))).events
    assert "MOBILIZE" not in {e.type for e in events}


def test_summoning_an_envoy_to_complain_is_accuse(analyze, rules):
    e = _event(analyze, rules, "Norway summoned the Danish ambassador to complain about the raid.", "summoned")
    assert (e.type, e.cameo) == ("ACCUSE", "111")


def test_calling_someone_to_congratulate_is_a_phone_call(analyze, rules):
    e = _event(analyze, rules, "The president called Prime Minister Smith to congratulate him on his victory.", "called")
    assert (e.type, e.cameo) == ("CONSULT", "041")


def test_calling_on_someone_stays_an_appeal(analyze, rules):
    e = _event(analyze, rules, "The union called on the government to discuss wages.", "called")
    assert e.type == "REQUEST"


def test_a_classifier_typed_refusal_is_reject(analyze, stage):
    # no dictionary pattern reads "lift the embargo"; the classifier's type is read as a refused promise
    e = _event(analyze, stage, "Washington said it will not lift the embargo.", "lift")
    assert (e.type, e.cameo, e.negated) == ("REJECT", "124", True)


@pytest.mark.parametrize(
    "text, trigger, code, etype",
    [
        ("Japan lifted its embargo on Cuba.", "lifted", "085", "RETREAT"),  # economic: a material easing
        ("The government cut tariffs on farm goods.", "cut", "085", "RETREAT"),
        ("The court lifted a travel ban on the journalist.", "lifted", "081", "CONCEDE"),  # administrative
    ],
)
def test_easing_a_restriction(analyze, rules, text, trigger, code, etype):
    events = rules(analyze(text, stages=("nlp",))).events
    assert [(e.type, e.cameo, e.trigger.text) for e in events] == [(etype, code, trigger)]  # no sanction event


def test_cutting_aid_is_no_easing(analyze, rules):
    e = _event(analyze, rules, "The US cut aid to the rebels.", "cut")
    assert e.type == "SANCTION"


def test_a_refused_easing_is_reject(analyze, rules):
    e = _event(analyze, rules, "Washington will not lift the embargo.", "lift")
    assert (e.type, e.cameo) == ("REJECT", "124")


def test_freeing_captives_is_retreat_release(analyze, rules):
    e = _event(analyze, rules, "The rebels freed 30 hostages on Sunday.", "freed")
    assert (e.type, e.cameo) == ("RETREAT", "0841")


def test_releasing_a_statement_is_no_release(analyze, rules):
    events = rules(analyze("The ministry released a statement on Monday.", stages=("nlp",))).events
    assert "RETREAT" not in {e.type for e in events}


def test_returning_property_is_retreat_return(analyze, rules):
    e = _event(analyze, rules, "The museum returned two stolen paintings to the government of Peru.", "returned")
    assert (e.type, e.cameo) == ("RETREAT", "0842")


def test_returning_fire_stays_an_attack(analyze, rules):
    e = _event(analyze, rules, "The soldiers returned fire.", "returned")
    assert e.type == "ASSAULT"


def test_expelling_inspectors_is_sanction(analyze, rules):
    e = _event(analyze, rules, "The government expelled the UN weapons inspectors.", "expelled")
    assert (e.type, e.cameo) == ("SANCTION", "1662")


def test_an_attack_claimed_is_an_event_of_the_claimant(analyze, stage):
    text = "The FLN has claimed responsibility for several attacks in the Southern Province since 2018."
    e = _event(analyze, stage, text, "attacks")
    assert e.type == "ASSAULT" and e.source.text == "The FLN" and not e.hypothetical

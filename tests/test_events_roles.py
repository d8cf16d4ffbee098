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


# The target is an actor where the clause names one (PLOVER's recipient), else the place, else the thing.


def test_recipient_of_a_verb_of_giving(analyze, rules):
    e = _event(analyze, rules, "Japan will give Kenya a loan of 40 million dollars.", "give")
    assert e.target.text == "Kenya"
    e = _event(analyze, rules, "Norway offered its aircraft to the Malian government.", "offered")
    assert e.target.text == "the Malian government"


def test_actor_inside_the_thing_acted_upon(analyze, rules):
    e = _event(analyze, rules, "The opposition denounced Kenya's decision to close the border.", "denounced")
    assert e.target.text == "Kenya"


def test_actor_in_the_action_the_verb_leads_to(analyze, rules):
    text = "Rebels threatened to cut off water supplies to the capital's residents."
    e = _event(analyze, rules, text, "threatened")
    assert e.target.text == "the capital's residents"


def test_place_when_no_actor_is_named(analyze, rules):
    e = _event(analyze, rules, "The army imposed a curfew in Mosul on Tuesday.", "imposed")
    assert e.target.text == "Mosul"


def test_thing_when_neither_actor_nor_place(analyze, rules):
    e = _event(analyze, rules, "Gunmen attacked a convoy on Tuesday.", "attacked")
    assert e.target.text == "a convoy"


def test_a_day_or_a_number_is_never_the_target(analyze, rules):
    e = _event(analyze, rules, "The rebels attacked on Wednesday.", "attacked")
    assert e.target is None


# A source the clause implies when the trigger has no subject of its own.


def test_purpose_clause_takes_the_main_clause_subject(analyze, rules):
    text = "Hundreds of farmers blocked the motorway to protest against the new tax."
    e = _event(analyze, rules, text, "protest")
    assert e.source.text == "Hundreds of farmers"


def test_event_noun_takes_the_subject_of_its_verb(analyze, rules):
    e = _event(analyze, rules, "Teachers staged demonstrations in the capital on Monday.", "demonstrations")
    assert e.source.text == "Teachers"


def test_event_noun_takes_a_nationality_modifier(analyze, rules):
    e = _event(analyze, rules, "Kurdish protests against the ban continued for a week.", "protests")
    assert e.source.text == "Kurdish"


def test_a_scene_set_before_the_verb_is_not_the_target(analyze, rules):
    text = "In Australia, the prime minister has not ruled out sending more troops to Iraq."
    e = _event(analyze, rules, text, "ruled out")
    assert e.target.text == "Iraq"  # the gerund's recipient, not the scene


def test_an_event_noun_after_another_verb_has_no_doer(analyze, rules):
    e = _event(analyze, rules, "Nobody knows what threat would trigger a withdrawal of the troops.", "withdrawal")
    assert e.source is None


def test_an_obligation_in_reported_speech_is_the_speakers_demand(analyze):
    from dateline.events import _demand_in_speech

    doc = analyze("The European Union said on Monday that Belgrade must release the prisoners.").doc
    [verb] = [t for t in doc if t.text == "release"]
    speaker, addressee = _demand_in_speech(verb)
    assert (speaker.text, addressee.text) == ("Union", "Belgrade")
    [plain] = [t for t in analyze("The European Union said that Belgrade released the prisoners.").doc if t.text == "released"]
    assert _demand_in_speech(plain) is None  # no obligation: a report, not a demand


def test_a_time_phrase_is_not_part_of_an_actor(analyze, rules):
    e = _event(analyze, rules, "Rebels in the north on Tuesday attacked an army convoy.", "attacked")
    assert e.source.text == "Rebels in the north"


def test_an_event_noun_is_aimed_where_its_support_verb_clause_says(analyze, rules):
    text = "Students staged protests to demand the resignation of the president."
    e = _event(analyze, rules, text, "protests")
    assert e.source.text == "Students" and e.target.text == "the president"


def test_an_actor_two_levels_inside_the_thing_acted_upon(analyze, rules):
    text = "Thousands of farmers protested against the abolition of the government's subsidies."
    e = _event(analyze, rules, text, "protested")
    assert e.target.text == "the government"


def test_a_short_parenthesis_inside_an_actor_phrase_is_kept(analyze, rules):
    text = "The Asia-Pacific Economic Cooperation (APEC) forum has agreed to set up a research center."
    e = _event(analyze, rules, text, "agreed")
    assert e.source.text == "The Asia-Pacific Economic Cooperation (APEC) forum"
    e = _event(analyze, rules, "The Revolutionary Armed Forces of Colombia (FARC) attacked a police station.", "attacked")
    assert e.source.text == "The Revolutionary Armed Forces of Colombia"  # one after the phrase stays out


def test_the_ready_party_is_the_source(analyze, rules):
    # "X is ready / willing to ...": the copula's subject does what is promised
    e = _event(analyze, rules, "Italy is ready to contribute troops to the peacekeeping force.", "contribute")
    assert e.source.text == "Italy"
    e = _event(analyze, rules, "Sudan says it is willing to withdraw its troops from the border region.", "withdraw")
    assert e.source.text == "Sudan"


def test_own_troops_are_not_the_target(analyze, rules):
    e = _event(analyze, rules, "Syria withdrew its troops from Lebanon.", "withdrew")
    assert e.target.text == "Lebanon"


def test_the_critics_of_a_government_stay_its_targets(analyze, rules):
    e = _event(analyze, rules, "The government arrested its critics.", "arrested")
    assert e.target.text == "its critics"


def test_the_recipient_of_what_is_granted(analyze, rules):
    e = _event(analyze, rules, "Peru has granted diplomatic asylum to five army officers.", "granted")
    assert e.type == "AID" and e.target.text == "five army officers"


def test_a_date_is_no_target_of_an_event_noun(analyze, rules):
    events = rules(analyze("The minister arrived in Amman on a visit on Wednesday.", stages=("nlp",))).events
    assert all(e.target is None or e.target.text != "Wednesday" for e in events)

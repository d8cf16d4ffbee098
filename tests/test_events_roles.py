"""Tests of role resolution in the events stage: a pronoun source in reported speech is the speaker, a verb
without a target takes its complement's, and a date is never a target."""

from __future__ import annotations

import pytest

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


# Targets: the predicate's own noun, conditions of threats, nationalities, participles.


@pytest.mark.parametrize(
    "text, trigger, target",
    [
        ("Police opened fire on the marchers near the stadium.", "opened", "the marchers"),
        ("The ministry launched an inquiry into abuses committed by police officers.", "launched", "police officers"),
        ("The council expressed its support for the ceasefire plan.", "expressed", "the ceasefire plan"),
    ],
)
def test_the_predicates_own_noun_is_no_target(analyze, rules, text, trigger, target):
    assert _event(analyze, rules, text, trigger).target.text == target


def test_a_threat_is_aimed_at_whoever_must_meet_its_condition(analyze, rules):
    text = "The miners threatened to hold a strike unless the government raised wages."
    assert _event(analyze, rules, text, "threatened").target.text == "the government"


def test_a_threat_with_an_actor_target_keeps_it(analyze, rules):
    text = "The rebels threatened to attack Kigali if the army advanced."
    assert _event(analyze, rules, text, "threatened").target.text == "Kigali"


def test_a_nationality_names_the_target(analyze, rules):
    e = _event(analyze, rules, "Artillery units shelled Armenian villages overnight.", "shelled")
    assert e.target.text == "Armenian villages"


def test_a_nationality_deep_in_a_phrase_is_no_target(analyze):
    from dateline.events import _national_object

    doc = analyze("Troops captured part of a rebel base on the Thai border.").doc
    verb = next(t for t in doc if t.text == "captured")
    border = next(t for t in doc if t.text == "border")
    assert not _national_object(border, verb)


def test_mediation_between_parties_names_them(analyze, rules):
    text = "The African Union halted talks between Sudan and Chad."
    e = _event(analyze, rules, text, "halted")
    assert e.target.text.startswith("Sudan")


def test_a_reflexive_pronoun_is_no_target(analyze, rules):
    e = _event(analyze, rules, "A bomber blew himself up at a checkpoint near Herat.", "blew himself up")
    assert e.target is None or e.target.text != "himself"


def test_in_protest_against_names_the_target(analyze, rules):
    text = "The prisoners began a hunger strike in protest against abuses by the guards' commanders."
    e = _event(analyze, rules, text, "began")
    assert "commanders" in e.target.text


def test_what_is_pulled_out_of_is_the_target(analyze, rules):
    e = _event(analyze, rules, "Moscow pulled out of the arms control treaty.", "pulled")
    assert e.target.text == "the arms control treaty"


def test_is_opposed_to_is_no_passive(analyze, rules):
    e = _event(analyze, rules, "Norway is opposed to the Danish proposal.", "opposed")
    assert e.source.text == "Norway" and "Danish" in e.target.text


def test_a_visit_is_to_where_the_journey_went(analyze, rules):
    e = _event(analyze, rules, "The Thai premier arrived in Hanoi on an official visit.", "visit")
    assert e.target.text == "Hanoi"


def test_a_complaint_is_about_its_matter_not_its_addressee(analyze, rules):
    text = "Cyprus complained to the European Union over Turkish naval drills."
    assert _event(analyze, rules, text, "complained").target.text == "Turkish"


def test_readiness_takes_the_target_of_what_it_is_ready_for(analyze):
    # the shipped classifier reads the readiness on "is" (AGREE); its target is what the readiness is for
    text = "The president said he is prepared to lift the ban on the Workers Party."
    e = _event(analyze, EventStage(), text, "is")
    assert e.target is not None and "Workers Party" in e.target.text


def test_a_modifying_organization_is_whose_thing_it_is(analyze, rules):
    text = "The rebels refused to allow United Nations helicopters to land."
    e = _event(analyze, rules, text, "refused")
    assert e.target is not None and "United Nations" in e.target.text


# Session six: what moves is not the target, measures laid on someone, responsibility, subjects the parser misplaces.


def test_whom_an_imposed_measure_was_laid_on(analyze, rules):
    e = _event(analyze, rules, "The government lifted sanctions imposed on Eritrea.", "lifted")
    assert e.target.text == "Eritrea"


def test_what_a_verb_of_moving_moves_is_not_the_target(analyze, rules):
    e = _event(analyze, rules, "Britain deployed 300 troops in Mali.", "deployed")
    assert e.target.text == "Mali"
    # the doer's own troops: the place they leave is the target, also where no actor is named
    e = _event(analyze, rules, "The UN withdrew its peacekeepers from the Golan Heights.", "withdrew")
    assert e.target.text == "the Golan Heights"


def test_claimed_attack_was_done_by_the_claimant(analyze, rules):
    text = "The Taliban claimed responsibility for the attack, which killed 12 soldiers."
    e = _event(analyze, rules, text, "killed")
    assert e.source.text == "The Taliban" and e.target.text == "12 soldiers"


def test_who_is_responsible_for_an_event_did_it(analyze, rules):
    e = _event(analyze, rules, "The militia is responsible for the killings of villagers.", "killings")
    assert e.source.text == "The militia"


def test_subject_hung_on_an_auxiliary(analyze, rules):
    e = _event(analyze, rules, "The United Kingdom and France however have opposed resolutions in the United Nations on uranium weapons.", "opposed")
    assert e.source.text == "The United Kingdom and France"


def test_active_participle_misread_as_a_noun_modifier(analyze, rules):
    # the small model parses the sentence as a noun ("force") with a reduced relative clause ("carried out")
    e = _event(analyze, rules, "The Iraqi air force carried out at least three air strikes in western Mosul, killing dozens of fighters.", "carried out")
    assert e.source.text == "The Iraqi air force"


def test_object_pronoun_of_a_joined_verb(analyze, rules):
    text = "The minister met the Turkish president and urged him to stop the offensive."
    e = _event(analyze, rules, text, "urged")
    assert e.target.text == "the Turkish president"


def test_what_coordinated_fire_is_aimed_against(analyze, rules):
    text = "Government forces launched artillery, mortar and rocket fire against rebel camps near the border."
    e = _event(analyze, rules, text, "launched")
    assert e.target.text.startswith("rebel camps")


def test_people_acted_upon_are_the_target_not_where_they_are_sent(analyze, rules):
    e = _event(analyze, rules, "Guatemalan authorities have deported 2,374 migrants to Honduras.", "deported")
    assert e.target.text == "2,374 migrants"


def test_recipient_inside_what_is_given(analyze, rules):
    text = "Ireland has already provided over 3.5 million euros in humanitarian funding to Lebanon in 2020."
    e = _event(analyze, rules, text, "provided")
    assert e.target.text == "Lebanon"


def test_who_dies_is_the_target(analyze, rules):
    e = _event(analyze, rules, "A political prisoner died in custody after torture by guards.", "died")
    assert e.source is None and e.target.text == "A political prisoner"


def test_event_noun_aimed_at_no_one_takes_its_place(analyze, rules):
    e = _event(analyze, rules, "The cartel has been responsible for mass killings in northern Mexico.", "killings")
    assert e.source.text == "The cartel" and e.target.text == "northern Mexico"


def test_recipient_of_a_suspended_thing(analyze, rules):
    text = "The president announced a suspension of aid to Pakistan over its support for militants."
    e = _event(analyze, rules, text, "suspension")
    assert e.target.text == "Pakistan"


def test_a_state_of_emergency_is_no_actor(analyze, rules):
    text = "President Salva Kiir has lifted a state of emergency in northern parts of South Sudan."
    e = _event(analyze, rules, text, "lifted")
    assert e.target.text == "northern parts of South Sudan"


def test_who_decided_does_what_was_decided(analyze, rules):
    text = "The opposition condemned Washington's decision to recognize the rebel government."
    e = _event(analyze, rules, text, "recognize")
    assert e.source.text == "Washington"


def test_possessive_pronoun_of_an_event_noun_is_the_doer(analyze, rules):
    e = _event(analyze, rules, "The Syrian army on Thursday intensified its bombardment of the town.", "bombardment")
    assert e.source.text == "The Syrian army"


def test_pronoun_in_a_relative_clause_under_reported_speech(analyze, rules):
    text = "Iraqi militia groups said Thursday they will return weapons they seized from the army."
    e = _event(analyze, rules, text, "seized")
    assert e.source.text == "Iraqi militia groups"


def test_pronoun_under_an_assertion_is_the_speaker(analyze, rules):
    e = _event(analyze, rules, "Teachers have asserted that they will not end the strike.", "end")
    assert e.source.text == "Teachers"


def test_whom_a_call_for_action_is_for(analyze, rules):
    e = _event(analyze, rules, "Prime Minister Theresa May called on Friday for Britain to stay in the single market.", "called")
    assert e.type == "REQUEST" and e.target.text == "Britain"


def test_pronoun_subject_of_an_adverbial_clause_is_the_main_subject(analyze, rules):
    e = _event(analyze, rules, "The rebels withdrew from the town after they attacked the army base.", "attacked")
    assert e.source.text == "The rebels"
    e = _event(analyze, rules, "The president left Cairo after he threatened the opposition.", "threatened")
    assert e.source.text == "The president"
    # no agreement in number: the pronoun stays
    e = _event(analyze, rules, "The president left Cairo after they attacked the embassy.", "attacked")
    assert e.source.text == "they"


def test_killing_reported_without_a_doer_takes_the_attacker_of_its_clause(analyze, rules):
    text = "At least 23 civilians were killed on Monday as government forces launched air strikes on the town."
    e = _event(analyze, rules, text, "killed")
    assert e.source.text == "government forces" and e.target.text == "At least 23 civilians"


def test_whom_a_banned_activity_involves(analyze, rules):
    text = "The United States will not lift the ban on doing business with ZTE until ZTE pays a fine."
    e = _event(analyze, rules, text, "lift")
    assert e.target.text == "ZTE"


def test_whom_a_refused_act_was_for(analyze, rules):
    e = _event(analyze, rules, "Biden refused to lift sanctions to get Iran to the negotiating table.", "refused")
    assert e.type == "REJECT" and e.target.text == "Iran"


def test_a_state_a_force_is_put_on_is_no_target(analyze, rules):
    e = _event(analyze, rules, "NATO troops remained on alert Sunday in Bosnian Serb territory.", "remained")
    assert e.target.text == "Bosnian Serb territory"


def test_whose_people_are_moved_is_no_target(analyze, rules):
    e = _event(analyze, rules, "The administration has sent teams of CIA operatives into Libya.", "sent")
    assert e.target.text == "Libya"


def test_a_thing_an_actor_owns_is_the_target_not_an_actor_it_is_about(analyze, rules):
    text = "The National Security Council has rejected the JIA demand for the sacking of National Security Advisor Mohammad Hanif Atmar as politically motivated."
    e = _event(analyze, rules, text, "rejected")
    assert e.target.text.startswith("the JIA demand")


def test_a_wire_dateline_is_no_subject(analyze, rules):
    e = _event(analyze, rules, "NAIROBI, Kenya (AP) - Police arrested three opposition leaders on Monday.", "arrested")
    assert e.source.text == "Police"


def test_who_acts_in_protest_protests(analyze, rules):
    text = "A group of Chechen refugees are continuing a hunger strike in protest of the Russian government's refusal."
    e = _event(analyze, rules, text, "protest")
    assert e.type == "PROTEST" and e.source.text == "A group of Chechen refugees" and e.target.text == "the Russian government"


def test_target_through_a_chain_of_verbs(analyze):
    # the classifier types "prepared" (MOBILIZE); its target lies two verbs down
    stage = EventStage()
    e = _event(analyze, stage, "The Macedonian army prepared to resume shelling Albanian rebel-held territory.", "prepared")
    assert e.target is not None and "Albanian" in e.target.text


def test_with_nothing_else_named_an_event_noun_leaves_no_target(analyze, rules):
    e = _event(analyze, rules, "Syrian regime forces launched a coordinated attack on Tuesday.", "launched")
    assert e.type == "ASSAULT" and e.target is None


def test_a_thing_a_body_of_people_owns_is_the_target(analyze, rules):
    e = _event(analyze, rules, "The army shelled rebel positions near Aleppo.", "shelled")
    assert e.target.text == "rebel positions"
    # an adjective of kind is no owner: the recipient of the aid is the target
    e = _event(analyze, rules, "The United States suspended military aid to Pakistan.", "suspended")
    assert e.target.text == "Pakistan"


def test_aid_goes_to_the_recipient_inside_what_is_given(analyze, rules):
    text = "The United States announced 50 billion dollars in military assistance to Ukraine."
    e = _event(analyze, EventStage(), text, "announced")
    assert e.type == "AID" and e.target.text == "Ukraine"

"""Tests of the quotes stage: quote spans, attribution layouts, reported speech, the specimen."""

from __future__ import annotations

import pytest

from dateline.models import Article
from dateline.quotes import QuoteStage, find_quote_spans

STAGES = ("structure", "nlp", "quotes")
ACTOR_STAGES = ("structure", "nlp", "actors", "quotes")


def quotes_of(analyze, text, stages=STAGES, direct=True):
    article = analyze(text, stages=stages)
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(article.text)
    return article, [q for q in article.quotes if direct is None or q.direct == direct]


def mention(article, quote):
    return article.text[quote.speaker_start : quote.speaker_end]


# ---- quote spans on characters ------------------------------------------------------


def test_spans_curly_straight_and_mixed():
    text = 'He said “one” and "two" then “three," end.'
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["“one”", '"two"', "“three,\""]


def test_spans_multi_paragraph_quote_reopens():
    text = "“First paragraph goes on.\n\n“Second paragraph ends,” she said.\n\nNext."
    assert [text[s:e] for s, e in find_quote_spans(text)] == [text[: text.index(",”") + 2]]


def test_spans_unclosed_quote_ends_with_paragraph():
    text = "“Never closed here.\n\nPlain paragraph."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["“Never closed here."]


def test_spans_ignore_apostrophes_and_inner_single_quotes():
    text = "“It’s the ‘best’ plan,” said Ann."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["“It’s the ‘best’ plan,”"]


# ---- direct quote layouts -----------------------------------------------------------


def test_quote_then_said_name(analyze):
    art, qs = quotes_of(analyze, "“We will not back down from this fight,” said Winston Peters.")
    assert len(qs) == 1
    q = qs[0]
    assert q.text == "“We will not back down from this fight,”"  # marks included
    assert (q.cue, q.speaker, mention(art, q), q.actor) == ("said", "Winston Peters", "Winston Peters", None)


def test_quote_then_name_said(analyze):
    art, [q] = quotes_of(analyze, '"The economy is growing faster than expected," Grant Robertson said on Monday.')
    assert q.cue == "said" and mention(art, q) == "Grant Robertson"


def test_name_said_comma_quote(analyze):
    art, [q] = quotes_of(analyze, "The minister told reporters, “There will be no new taxes this year.”")
    assert q.cue == "told" and mention(art, q) == "The minister"


def test_colon_introduced_quote(analyze):
    art, [q] = quotes_of(analyze, "Jacinda Ardern said: “This is one of New Zealand’s darkest days.”")
    assert q.cue == "said" and q.speaker == "Jacinda Ardern"


def test_split_quote_is_one_statement_with_its_attribution_inside(analyze):
    text = "“We will win the vote,” she said. “They know it and we know it.”"
    art, [q] = quotes_of(analyze, text)
    assert q.text == text and q.cue == "said" and mention(art, q) == "she"
    assert q.start < q.speaker_start < q.speaker_end < q.end


def test_quotes_of_different_paragraphs_are_not_joined(analyze):
    art, qs = quotes_of(analyze, "“We will win the vote,” she said.\n\n“They know it and we know it.”")
    assert [q.text for q in qs] == ["“We will win the vote,”", "“They know it and we know it.”"]
    assert {mention(art, q) for q in qs} == {"she"}


def test_partial_quote_in_reported_content_is_one_mixed_quote(analyze):
    art, qs = quotes_of(analyze, "Sanders called the bank’s behavior “outrageous” and “a disgrace.”", direct=None)
    assert [(q.text, q.direct, q.cue) for q in qs] == [("the bank’s behavior “outrageous” and “a disgrace.”", False, "called")]
    assert mention(art, qs[0]) == "Sanders"


def test_partial_quote_inside_that_clause_is_not_repeated_as_direct(analyze):
    art, qs = quotes_of(analyze, "China said it was “resolutely opposed” to the test.", direct=None)
    assert [(q.text, q.direct) for q in qs] == [("it was “resolutely opposed” to the test", False)]


def test_multi_paragraph_quote_is_one_item(analyze):
    text = (
        "Helen Clark spoke at length. “The first thing is trust.\n\n"
        "“The second thing is patience,” Clark said.\n\nThe meeting ended."
    )
    art, qs = quotes_of(analyze, text)
    assert len(qs) == 1
    assert qs[0].text.startswith("“The first") and qs[0].text.endswith("patience,”")
    assert mention(art, qs[0]) == "Clark"


def test_dash_attribution(analyze):
    art, [q] = quotes_of(analyze, "“If you want peace, prepare for war.” — Vegetius Renatus")
    assert mention(art, q) == "Vegetius Renatus" and q.cue is None


def test_speaker_from_previous_sentence(analyze):
    text = "Opposition leader Judith Collins attacked the budget on Thursday.\n“It is a spending spree with nothing to show for it.”"
    art, [q] = quotes_of(analyze, text)
    assert q.speaker == "Judith Collins"


def test_partial_quote_governed_by_speech_verb(analyze):
    # Quoted words inside reported content: one mixed quote (direct=False), the PolNeAR convention.
    art, qs = quotes_of(analyze, "President Barack Obama described the defeat as a “tactical setback” on Tuesday.", direct=None)
    assert [(q.text, q.direct) for q in qs] == [("the defeat as a “tactical setback” on Tuesday", False)]
    assert qs[0].cue == "described" and qs[0].speaker == "Barack Obama"


def test_scare_quotes_and_titles_are_not_quotes(analyze):
    _, qs = quotes_of(analyze, "The company will launch a “smart” fridge next year.")
    assert qs == []
    _, qs = quotes_of(analyze, "Collins said she watched the “Meet the Press” broadcast.")
    assert qs == []


def test_unattributed_quote_is_kept(analyze):
    _, qs = quotes_of(analyze, "The report was released on Monday.\n“No one could have predicted the scale of the losses.”")
    assert len(qs) == 1 and qs[0].speaker is None and qs[0].speaker_start is None


def test_pronoun_resolves_to_person_without_actors(analyze):
    text = "Mr David Seymour spoke at the rally in Auckland. “The law is a mess and must go,” he said."
    art, [q] = quotes_of(analyze, text)
    assert mention(art, q) == "he" and q.speaker == "David Seymour" and q.actor is None


# ---- reported speech ----------------------------------------------------------------


def test_indirect_that_clause(analyze):
    text = "U.S. Defence Secretary Ashton Carter told CNN that Iraqi soldiers lacked the will to fight."
    art, [q] = quotes_of(analyze, text, direct=False)
    assert q.text == "that Iraqi soldiers lacked the will to fight"
    assert q.cue == "told" and q.speaker == "Ashton Carter"


def test_indirect_trailing_attribution_and_according_to(analyze):
    art, [q] = quotes_of(analyze, "The talks collapsed late on Friday night, officials said.", direct=False)
    assert q.text == "The talks collapsed late on Friday night" and mention(art, q) == "officials"
    art, [q] = quotes_of(analyze, "According to the police, the driver fled the scene on foot.", direct=False)
    assert q.cue == "According to" and mention(art, q) == "the police"
    assert q.text == "the driver fled the scene on foot"


def test_indirect_can_be_turned_off(analyze):
    article = analyze("Officials said the talks had collapsed.", stages=("structure", "nlp"))
    QuoteStage(indirect=False)(article)
    assert article.quotes == []


def test_no_parse_warns():
    article = QuoteStage()(Article(id="x", text="“Hi,” she said."))
    assert article.quotes == [] and article.warnings


# ---- actors ---------------------------------------------------------------------------


def test_speaker_linked_to_actor(analyze):
    pytest.importorskip("dateline.actors")
    text = "Labour leader Andrew Little spoke in Wellington. “The mission is pointless,” Little said. “Bring them home,” he said."
    art, qs = quotes_of(analyze, text, stages=ACTOR_STAGES)
    assert len(qs) == 2
    actor = next(a for a in art.actors if a.name == "Andrew Little")
    assert all(q.actor == actor.id and q.speaker == "Andrew Little" for q in qs)
    assert [mention(art, q) for q in qs] == ["Little", "he"]


# ---- specimen ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def specimen(analyze, specimen_text):
    stages = ACTOR_STAGES
    try:
        import dateline.actors  # noqa: F401
    except ImportError:
        stages = STAGES
    return analyze(specimen_text, stages=stages, published="2015-05-20")


def find(article, start_text, direct=True):
    found = [q for q in article.quotes if q.direct == direct and q.text.lstrip("“\"").startswith(start_text)]
    assert found, start_text
    return found[0]


def test_specimen_direct_quote_said_mark(specimen):
    q = find(specimen, "If Iraq hasn’t got the will")
    assert q.text.startswith("“") and q.text.endswith("life,”")
    assert q.cue == "said" and mention(specimen, q) == "Mark"
    if specimen.actors:
        assert q.speaker == "Ron Mark" and q.actor is not None


def test_specimen_partial_quotes(specimen):
    q = find(specimen, "the defeat in Ramadi as a “tactical setback”", direct=False)
    assert q.cue == "described" and q.speaker == "Barack Obama"
    q = find(specimen, "that Mr Key has evidence that the mission is now “pointless.”", direct=False)
    assert not any("pointless" in d.text for d in specimen.quotes if d.direct)
    assert q.cue == "added" and mention(specimen, q) == "He"
    assert q.speaker in ("Ron Mark", "Mark")


def test_specimen_reported_speech(specimen):
    q = find(specimen, "that Iraqi soldiers don’t have the will", direct=False)
    assert q.cue == "told" and q.speaker == "Ashton Carter"
    q = find(specimen, "the Iraqi troops’ response", direct=False)
    assert q.cue == "said" and mention(specimen, q) == "Ron Mark"
    q = find(specimen, "he had no advice", direct=False)
    assert q.cue == "remarked" and q.speaker in ("John Key", "Key")
    # The photo caption and credit carry no quotes.
    assert all(q.start > specimen.text.index("REUTERS") for q in specimen.quotes)


def test_according_to_a_statement_by_someone_credits_the_author(analyze):
    text = ("A patient was admitted to a hospital in Washington after showing symptoms, according to a "
            "statement yesterday by hospital spokeswoman Kerry-Ann Hamilton.")
    article = analyze(text, stages=("structure", "nlp", "actors", "quotes"))
    [quote] = article.quotes
    assert quote.direct is False
    assert quote.speaker == "Kerry-Ann Hamilton"


def test_passive_cue_reports_no_speech(analyze):
    text = ("The result came from a military laboratory in Cairo; the World Health Organisation are expected "
            "to seek confirmation of this from a UK laboratory.")
    article = analyze(text, stages=("structure", "nlp", "actors", "quotes"))
    assert article.quotes == []


def test_speaker_role_at_the_quote(specimen):
    q = find(specimen, "If Iraq hasn’t got the will")
    if specimen.actors:
        assert q.role == "defence spokesperson"
        carter = find(specimen, "that Iraqi soldiers don’t have the will", direct=False)
        assert carter.role is not None and "secretary" in carter.role
    else:
        assert q.role is None


# ---- speaker coreference ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention_text", "speaker"),
    [
        ("The Ministry of Defence issued a statement on Monday. It said the troops would stay.", "It", "Ministry of Defence"),
        ("Acme Corp shares fell on Monday. The company said profits would recover soon.", "The company", "Acme Corp"),
        ("The New York Times ran the story. “We stand by every word,” the newspaper said.", "the newspaper", "New York Times"),
        ("Jane Doe, a spokeswoman for the Red Cross, met reporters. The spokeswoman said the camps were full.",
         "The spokeswoman", "Jane Doe"),
        ("New Zealand’s Labour party met on Monday. They said the troops must come home now.", "They", "Labour party"),
    ],
)
def test_pronoun_and_description_speakers_resolve_to_actors(analyze, text, mention_text, speaker):
    art, qs = quotes_of(analyze, text, stages=ACTOR_STAGES, direct=None)
    [q] = qs
    assert mention(art, q) == mention_text  # the span stays on the pronoun or description
    assert q.speaker == speaker and q.actor == next(a.id for a in art.actors if a.name == speaker)
    # Coreference links the quote; it does not add the pronoun to the actor's mentions.
    assert all(m.text != mention_text for a in art.actors for m in a.mentions)


def test_they_after_plural_noun_is_no_actor(analyze):
    text = "Officials met Acme Corp executives on Monday. They said the deal was off."
    art, [q] = quotes_of(analyze, text, stages=ACTOR_STAGES, direct=None)
    assert mention(art, q) == "They" and q.actor is None


def test_it_is_not_a_person(analyze):
    text = "John Smith spoke on Monday. It said the deal was off."
    art, [q] = quotes_of(analyze, text, stages=ACTOR_STAGES, direct=None)
    assert q.actor is None


def test_spokesman_needs_a_spokesman(analyze):
    text = "Jane Doe, a doctor, met reporters on Monday. The spokesman said the camps were full."
    art, [q] = quotes_of(analyze, text, stages=ACTOR_STAGES, direct=None)
    assert q.actor is None and q.speaker == "The spokesman"


# ---- beliefs, intentions, stances, evidence ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Senator Jones wants to build a new bridge over the river.", "wants", "to build a new bridge over the river"),
        ("Labour urged the government to withdraw the troops from Iraq.", "urged",
         "the government to withdraw the troops from Iraq"),
        ("A new study found that most voters distrust the polls.", "found", "most voters distrust the polls"),
        ("Senator Jones criticized the plan to close the local hospital.", "criticized",
         "the plan to close the local hospital"),
    ],
)
def test_intention_stance_and_evidence_cues(analyze, text, cue, content):
    art, qs = quotes_of(analyze, text, stages=ACTOR_STAGES, direct=False)
    [q] = qs
    assert q.cue == cue and content in q.text and q.speaker is not None


def test_control_verbs_report_nothing(analyze):
    art, qs = quotes_of(analyze, "The senator began to read the long list of names aloud.", stages=ACTOR_STAGES, direct=None)
    assert qs == []


@pytest.mark.parametrize(
    "text",
    [
        # The subject is more salient than a nearer object ...
        "Senator Jane Jones criticised Mr Bob Brown on Monday. “This plan has failed us all,” she said.",
        "Mr Tom Smith criticised Mr Bob Brown on Monday. “This plan has failed us all,” he said.",
        # ... and a name inside someone's quote is not what the narrator's pronoun refers to.
        "Mr Tom Smith spoke on Monday. “I believe Bob Brown is wrong about this.” He added that the plan would fail.",
    ],
)
def test_he_she_prefer_the_subject_outside_quotes(analyze, text):
    art, qs = quotes_of(analyze, text, stages=ACTOR_STAGES, direct=None)
    last = qs[-1]
    assert mention(art, last).lower() in ("he", "she")
    assert last.speaker in ("Jane Jones", "Tom Smith")


def test_specimen_labour_party_statement_has_an_actor(specimen):
    q = find(specimen, "the success of ISIS in Ramadi", direct=False)
    assert mention(specimen, q) == "New Zealand’s Labour party"
    if specimen.actors:
        labour = next(a for a in specimen.actors if a.id == q.actor)
        assert (labour.name, labour.type, labour.country) == ("Labour party", "ORG", "NZL")

"""The nlp stage: sentences follow the layout the structure stage found."""

from __future__ import annotations

from .conftest import SPECIMEN_PUBLISHED


def test_a_photo_credit_does_not_run_into_the_next_sentence(analyze, specimen_text):
    article = analyze(specimen_text, stages=("structure", "nlp"), published=SPECIMEN_PUBLISHED)
    credit = article.structure.credits[0]
    assert credit.text == "REUTERS/Alaa Al-Marjani"
    after = specimen_text.index("The New Zealand government has been urged")
    # a sentence ends at the credit's end, and the next one starts with the paragraph
    assert any(s.start == after for s in article.sentences)
    assert not any(s.start < after < s.end for s in article.sentences)
    assert all(specimen_text[s.start : s.end].strip() for s in article.sentences)  # no whitespace-only sentences


def test_a_credit_inside_a_line_keeps_the_names_around_it(analyze):
    from dateline.models import Credit, Structure

    text = "Mourners at a funeral in Najaf. REUTERS/Alaa Al-Marjani\n\nJohn Key said the troops were safe."
    start = text.index("REUTERS")
    credit = Credit(start=start, end=start + len("REUTERS/Alaa Al-Marjani"), text="REUTERS/Alaa Al-Marjani")
    article = analyze(text, stages=("nlp",), structure=Structure(credits=[credit]))
    assert any(e.text == "John Key" and e.label == "PERSON" for e in article.entities)
    assert any(text[s.start : s.end] == "John Key said the troops were safe." for s in article.sentences)

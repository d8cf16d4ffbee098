"""The times stage: temporal expressions normalised to TimeML TIMEX3 values.

Recognition is a precompiled regular grammar (:mod:`.grammar`); values come from a
pure normaliser (:mod:`.normalise`) anchored on ``article.published`` (the document
creation time) and oriented by the tense of the governing verb, read from the spaCy
Doc. spaCy's DATE/TIME entities confirm weak candidates ("May", a bare "2014").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..models import Article, Time
from ..pipeline import Stage, register_stage
from .grammar import Candidate, recognise
from .normalise import TIMEX3_VALUE, needs_anchor, normalise, timex_type

__all__ = ["TimesStage", "normalise", "recognise", "timex_type", "needs_anchor", "TIMEX3_VALUE", "tense_at"]

NO_ANCHOR_WARNING = "times: relative dates were not resolved because no publication date is known"
# Entities inside which a month, weekday or number is part of a name ("Theresa May",
# "Good Friday Agreement", "Windows 2000"), not a time.
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "LOC", "NORP", "EVENT"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll"})
# Verbs that put their complement in the future: "is scheduled to travel", "plans to visit".
_FUTURE_GOVERNORS = frozenset({"schedule", "plan", "expect", "intend", "aim", "hope", "set", "due", "go", "promise"})


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """The tense ("PAST", "PRESENT", "FUTURE") of the verb governing ``doc``'s span, or None.

    Walks from the span's root up the dependency tree to the first verb, then reads its
    auxiliaries: "will"/"shall" or "going to" make it future, a past-tense verb or
    auxiliary ("said", "has taken") past, a present-tense one present.
    """
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.tag_ != "MD":
            break
        if token.head is token:
            break
        token = token.head
    else:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    verb = token
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "FUTURE"
    head = verb.head
    if verb.dep_ == "xcomp" and (head.lemma_ in _FUTURE_GOVERNORS or (head.lemma_ == "go" and head.tag_ == "VBG")):
        return "FUTURE"  # "is going to travel", "is scheduled to travel"
    tags = [verb.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags or (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)):
        return "PAST"
    if verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "conj"):
        return _governor_tense(verb)
    if any(t in ("VBZ", "VBP") for t in tags) or verb.tag_ == "VBG":
        return "PRESENT"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "conj", "ccomp", "advcl"):
        return _governor_tense(verb)
    return None


def _governor_tense(verb: Any) -> str | None:
    head = verb.head
    if head is verb:
        return None
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "FUTURE"
    tags = [head.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags:
        return "PAST"
    if any(t in ("VBZ", "VBP") for t in tags):
        return "PRESENT"
    return None


_PERIOD_VALUE = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")


def _nearby_period(times: list[Time], start: int, text: str) -> str | None:
    """The value of a quarter or half mentioned shortly before ``start`` in the same paragraph."""
    for t in reversed(times):
        if start - t.end > 250 or "\n\n" in text[t.end : start]:
            return None
        if t.value and _PERIOD_VALUE.fullmatch(t.value):
            return t.value
    return None


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@register_stage("times", requires=("nlp",))
class TimesStage(Stage):
    """Find temporal expressions and normalise them against the publication date.

    use_tense: orient underspecified expressions ("Friday", "October") by the governing
        verb's tense; when False, the nearest occurrence is taken.
    vague: also report vague references (PRESENT_REF for "now", PAST_REF for "recently",
        FUTURE_REF for "the future").
    confirm_weak: keep weak candidates ("May" with no date cue, a context-less "2014")
        only where spaCy tagged a DATE; when False, weak candidates are dropped.
    """

    def __init__(self, *, use_tense: bool = True, vague: bool = True, confirm_weak: bool = True) -> None:
        self.use_tense = use_tense
        self.vague = vague
        self.confirm_weak = confirm_weak

    def __call__(self, article: Article) -> Article:
        text = article.text
        doc = article.doc
        anchor = _parse_published(article.published)
        blocked = [(c.start, c.end) for c in article.structure.contacts]
        names: list[tuple[int, int]] = []
        dates: list[tuple[int, int]] = []
        modal_starts: set[int] = set()
        if doc is not None:
            for ent in doc.ents:
                if ent.label_ in _NAME_LABELS:
                    names.append((ent.start_char, ent.end_char))
                elif ent.label_ in ("DATE", "TIME"):
                    dates.append((ent.start_char, ent.end_char))
            modal_starts = {t.idx for t in doc if t.tag_ == "MD"}

        def accept(c: Candidate) -> bool:
            if not self.vague and c.parts["kind"] == "vague":
                return False
            if any(s < c.end and c.start < e for s, e in blocked):
                return False
            if c.parts["kind"] != "holiday" and any(s <= c.start and c.end <= e for s, e in names):
                return False
            if c.start in modal_starts and c.parts["kind"] == "month":
                return False  # "May" tagged as a modal verb
            if c.weak:
                return self.confirm_weak and any(s <= c.start and c.end <= e for s, e in dates)
            return True

        unresolved = False
        times: list[Time] = []
        for c in recognise(text, accept):
            relative = needs_anchor(c.parts)
            tense = tense_at(doc, c.start, c.end) if (self.use_tense and relative and anchor) else None
            parts = c.parts
            if parts["kind"] == "offset" and parts["unit"] == "year" and times:
                parts = dict(parts, reference=_nearby_period(times, c.start, text))
            value = normalise(parts, anchor, tense)
            if relative and anchor is None:
                unresolved = True
            times.append(Time(start=c.start, end=c.end, text=text[c.start : c.end], type=timex_type(c.parts), value=value))
        article.times = times
        if unresolved and NO_ANCHOR_WARNING not in article.warnings:
            article.warnings.append(NO_ANCHOR_WARNING)
        return article

"""The times stage: temporal expressions normalised to TimeML TIMEX3 values.

Recognition is a precompiled regular grammar (:mod:`.grammar`); values come from a
pure normaliser (:mod:`.normalise`) anchored on ``article.published`` (the document
creation time) and oriented by the tense of the governing verb, read from the spaCy
Doc. spaCy's DATE/TIME entities confirm weak candidates ("May", a bare "2014").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..models import Article, Time
from ..pipeline import Stage, register_stage
from .grammar import Candidate, recognise
from .normalise import TIMEX3_VALUE, calendar_bounds, needs_anchor, normalise, reference_anchor, timex_type

__all__ = [
    "TIMEX3_VALUE", "TimesStage", "calendar_bounds", "cue_tense", "dateline_date", "needs_anchor", "normalise", "recognise", "tense_at", "timex_type",
]

NO_ANCHOR_WARNING = "times: relative dates were not resolved because no publication date is known"
# Entities inside which a month, weekday or number is part of a name ("Theresa May",
# "Good Friday Agreement", "Windows 2000"), not a time.
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "LOC", "NORP", "EVENT"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll"})
# Modals whose base verb is still to happen ("should close", "may meet", "must leave"); "would"
# and "could" are left out, being also the past of "will" and "can" ("could not attend Friday").
_PROSPECTIVE_MODALS = frozenset({"should", "may", "might", "must"})
# Verbs that put their complement in the future: "is scheduled to travel", "plans to visit".
# Verbs whose time complement is when the scheduled thing happens, whatever their own tense.
_SCHEDULING = frozenset({"schedule", "reschedule", "slate"})
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
    if verb.tag_ == "VB" and any(a.lower_ in _PROSPECTIVE_MODALS for a in auxes):
        return "FUTURE"  # "should close in April", "may meet Friday": what is yet to happen
    if verb.dep_ == "ccomp" and any(a.lower_ == "would" for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        # "said he would visit Japan in November", "said the vote would be held Friday": the
        # future of reported speech ("would have gone" looks back)
        return "FUTURE"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes:
        # A reduced relative: "the year ended March 31" is over. "A service planned for Saturday"
        # is ahead of the clause it sits in, so that clause decides ("... was cancelled": past).
        if verb.lemma_ not in _FUTURE_GOVERNORS and verb.lemma_ not in _SCHEDULING:
            return "PAST"
        clause = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX") and a.tag_ != "MD"), None)
        return _own_tense(clause) if clause is not None else "FUTURE"
    if verb.lemma_ in _SCHEDULING:
        return "FUTURE"  # "has scheduled a news conference Thursday": the time of what is scheduled
    head = verb.head
    if verb.dep_ == "xcomp" and (head.lemma_ in _FUTURE_GOVERNORS or (head.lemma_ == "go" and head.tag_ == "VBG")):
        return "FUTURE"  # "is going to travel", "is scheduled to travel"
    tags = [verb.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags or (verb.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" for a in auxes)):
        return "PAST"  # past tense or a perfect ("has taken", "have been searching since Oct. 23")
    if verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "conj"):
        return _governor_tense(verb)
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "xcomp", "conj", "acl"):
        # a participle clause has no tense of its own: "rising to $42 in June from $30 in
        # March" is told in the tense of the clause it hangs on
        return _governor_tense(verb)
    if any(t in ("VBZ", "VBP") for t in tags) or verb.tag_ == "VBG":
        return "PRESENT"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "conj", "ccomp", "advcl"):
        return _governor_tense(verb)
    return None


def _governor_tense(verb: Any) -> str | None:
    """The tense of ``verb``'s head (a governing clause), read from its tag and auxiliaries."""
    head = verb.head
    if head is verb:
        return None
    return _own_tense(head)


def _own_tense(head: Any) -> str | None:
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "FUTURE"
    tags = [head.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags or (head.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" for a in auxes)):
        return "PAST"
    if any(t in ("VBZ", "VBP") for t in tags):
        return "PRESENT"
    return None


# Words right before a date that fix its direction whatever the tense of the clause: a
# payment, a record date, an entry into force or a deadline is announced ahead ("declared a
# dividend, payable Dec. 1", "effective Feb. 1", "must leave by Jan. 14", "through January"),
# a period that "ended" or a state held "since" a date lies behind.
_FUTURE_CUE = re.compile(r"(?:\b(?:payable|effective|of\s+record|by|until|till|through|due)(?:\s+on)?\s+)\Z", re.IGNORECASE)
_PAST_CUE = re.compile(r"(?:\b(?:ended|since)(?:\s+on)?\s+)\Z", re.IGNORECASE)
# A past reporting verb right before a date: "said Tuesday he would visit" is when it was said,
# however the parser attaches the date to the reported clause.
_SAID_CUE = re.compile(r"\b(?:said|told|announced|added|reported|stated|declared|confirmed|denied|warned)(?:\s+on)?\s+\Z")


def cue_tense(text: str, start: int) -> str | None:
    """"FUTURE" or "PAST" when the words just before ``start`` fix a date's direction, else None."""
    before = text[max(0, start - 16) : start]
    if _FUTURE_CUE.search(before):
        return "FUTURE"
    if _PAST_CUE.search(before) or _SAID_CUE.search(before):
        return "PAST"
    return None


def _is_modal(doc: Any, start: int) -> bool:
    """Whether the token starting at ``start`` is tagged as a modal verb (looked up, not scanned:
    walking every token of the Doc in Python costs more than the whole grammar)."""
    if doc is None:
        return False
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].idx == start and span[0].tag_ == "MD"


_PERIOD_VALUE = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")
# A reporting period other than a quarter or half: a span of months ("the nine months", "the
# six months ended Aug. 12") or a twelve-month year ("the year ended June 30").
_OTHER_PERIOD = re.compile(r"P\d+M|P1Y")


def _narrative_anchor(
    times: list[Time], parts: dict[str, Any], start: int, window_start: int, skip: list[tuple[int, int]]
) -> date | None:
    """The date an anaphoric expression ("two days later", "that year") is counted from.

    The latest time mentioned before ``start`` and after ``window_start`` (the beginning of
    the previous paragraph: a narrative anchor further back is more likely a passing mention)
    whose value is fine enough for the expression's unit; times in photo captions are not
    part of the story's narrative and are skipped. None: count from the publication date.
    """
    for t in _times_before(times, start, window_start, skip):
        anchor = reference_anchor(t.value, parts)
        if anchor is not None:
            return anchor
    return None


def _times_before(times: list[Time], start: int, window_start: int, skip: list[tuple[int, int]]) -> Iterator[Time]:
    """The dates and times of the story told before ``start``, latest first, back to ``window_start``; those inside
    the ``skip`` spans (photo captions) are not part of the narrative."""
    for t in reversed(times):
        if t.end > start:
            continue
        if t.start < window_start:
            return
        if t.type in ("DATE", "TIME") and not any(s <= t.start and t.end <= e for s, e in skip):
            yield t


def _unknown_day_of_month(
    times: list[Time], parts: dict[str, Any], start: int, window_start: int, skip: list[tuple[int, int]]
) -> str | None:
    """``YYYY-MM-XX`` for "that day", "the same day" told right after a month ("last October
    when he was shot ... that same day"): the day is one of that month, which one the text does
    not say, and TimeML leaves it unspecified rather than counting from another date. None when
    the expression is not such a same-day reference or the latest time before it is not a month.
    """
    if not (parts.get("kind") == "relunit" and parts.get("unit") == "day" and parts.get("rel") == 0 and parts.get("anaphoric")):
        return None
    latest = next(_times_before(times, start, window_start, skip), None)
    if latest is None or not latest.value or not re.fullmatch(r"\d{4}-\d{2}", latest.value):
        return None
    return f"{latest.value}-XX"


_STORY_DAY_SPAN = 7


def _story_day(times: list[Time], parts: dict[str, Any], published: date, skip: list[tuple[int, int]]) -> date | None:
    """The day a story is about, for an anaphoric expression with no time nearby to count from.

    A news story opens by dating its event ("... said Friday"); an expression far down the
    story such as "the previous Friday" or "the next day" is told from that day, which is
    not always the publication date (a Monday paper reporting Friday's markets). That is
    the first day-precise date of the story (not in a caption) in the week up to publication;
    None when the story opens with no such date.
    """
    for t in times:
        if t.type not in ("DATE", "TIME") or any(s <= t.start and t.end <= e for s, e in skip):
            continue
        if not t.value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", t.value):
            continue
        day = reference_anchor(t.value, parts)
        if day is not None and 0 <= (published - day).days <= _STORY_DAY_SPAN:
            return day
        return None
    return None


def _anaphoric(parts: dict[str, Any]) -> bool:
    """Whether an expression is counted from the time the story is telling: the anaphoric
    kinds the grammar marks, and a clock time with no day ("at 6 a.m."), which TimeML dates
    on the day just narrated, not necessarily the day of publication."""
    return bool(parts.get("anaphoric")) or (parts["kind"] == "clock" and parts.get("day") is None)


def _window_starts(article: Article) -> list[tuple[int, int]]:
    """(paragraph start, start of the paragraph before it) for each paragraph, in order."""
    paragraphs = article.structure.paragraphs
    if not paragraphs:
        return [(0, 0)]
    return [(p.start, paragraphs[max(0, i - 1)].start) for i, p in enumerate(paragraphs)]


def _window_start(windows: list[tuple[int, int]], pos: int) -> int:
    start = windows[0][1]
    for paragraph_start, previous_start in windows:
        if paragraph_start > pos:
            break
        start = previous_start
    return start


_URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:[/-]([01]?\d)(?=[/-]))?(?=[/-])")


def dateline_date(article: Article) -> tuple[date | None, str | None]:
    """The publication date a wire dateline gives ("NAJAF, Iraq, Jan 10 (Reuters) -"), or a reason why not.

    The first dateline of the article that carries a date is read with the grammar. Wire
    datelines usually omit the year; it is then taken only from a year in the article's URL
    path ("/2014/01/..."), and only when a month next to it agrees with the dateline's month.
    A dateline with just a weekday, or with no year found, gives no date: dateline never guesses
    a year. Returns (date, None) or (None, a reason for the warnings; None if no dateline has a date).
    """
    for d in sorted(article.structure.datelines, key=lambda d: d.start):
        if not d.date:
            continue
        found = [c for c in recognise(d.date) if c.parts["kind"] == "date"]
        if len(found) != 1 or found[0].parts.get("day") is None:
            return None, f"the dateline date {d.date!r} is not a day"
        parts = found[0].parts
        year = parts.get("year")
        if year is None:
            m = _URL_DATE.search(article.url or "")
            if m and (m.group(2) is None or int(m.group(2)) == parts["month"]):
                year = int(m.group(1))
        if year is None:
            return None, f"the dateline gives {d.date!r} but no year"
        try:
            return date(year, parts["month"], parts["day"]), None
        except ValueError:
            return None, f"the dateline date {d.date!r} is not a calendar date"
    return None, None


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
    narrative: count anaphoric expressions ("two days later", "the next day", "that year",
        and a clock time with no day) from the last date the story mentioned (in the same or
        the previous paragraph, not in a caption) when there is one fine enough, else from
        the story's day (its first date, when that lies in the week up to publication); when
        False, or when there is neither, from the publication date. "That day" right after a
        month is a day of that month left unspecified (``1998-10-XX``).
    """

    def __init__(
        self, *, use_tense: bool = True, vague: bool = True, confirm_weak: bool = True, narrative: bool = True
    ) -> None:
        self.use_tense = use_tense
        self.vague = vague
        self.confirm_weak = confirm_weak
        self.narrative = narrative

    def _find_published(self, article: Article) -> None:
        """Record where the publication date came from; without one, read it from a wire dateline."""
        if article.published:
            article.published_source = article.published_source or "input"
            return
        found, reason = dateline_date(article)
        if found is not None:
            article.published = found.isoformat()
            article.published_source = "dateline"
        elif reason:
            message = f"times: no publication date: {reason}"
            if message not in article.warnings:
                article.warnings.append(message)

    def __call__(self, article: Article) -> Article:
        text = article.text
        doc = article.doc
        self._find_published(article)
        anchor = _parse_published(article.published)
        blocked = [(c.start, c.end) for c in article.structure.contacts]
        names: list[tuple[int, int]] = []
        dates: list[tuple[int, int]] = []
        if doc is not None:
            for ent in doc.ents:
                if ent.label_ in _NAME_LABELS:
                    names.append((ent.start_char, ent.end_char))
                elif ent.label_ in ("DATE", "TIME"):
                    dates.append((ent.start_char, ent.end_char))

        def accept(c: Candidate) -> bool:
            if not self.vague and c.parts["kind"] == "vague":
                return False
            if any(s < c.end and c.start < e for s, e in blocked):
                return False
            if c.parts["kind"] != "holiday" and any(s <= c.start and c.end <= e for s, e in names):
                return False
            if c.parts["kind"] == "month" and _is_modal(doc, c.start):
                return False  # "May" tagged as a modal verb
            if c.weak:
                return self.confirm_weak and any(s <= c.start and c.end <= e for s, e in dates)
            return True

        unresolved = False
        times: list[Time] = []
        captions = [(c.start, c.end) for c in article.structure.captions]
        windows = _window_starts(article)
        # Earnings reports compare the period they report with the same period a year before:
        # once a story has named "the third quarter", a later "a year earlier" or "the year-ago
        # period" means that quarter a year back, however far down the story it comes, until
        # the story moves on to another reporting period ("for the nine months, ... a year
        # earlier"). Only a quarter or half the text names counts, never one computed from
        # such an offset.
        reported: str | None = None
        comparisons: list[tuple[int, int]] = []
        for c in recognise(text, accept):
            relative = needs_anchor(c.parts)
            tense = None
            if self.use_tense and (relative or c.parts.get("narrative_next")) and anchor:
                tense = cue_tense(text, c.start) or tense_at(doc, c.start, c.end)
            parts = c.parts
            if parts.get("narrative_next") and tense == "PAST":
                # "he left the next year": the year after the one just told, not after this one
                parts = {"kind": "relunit", "unit": parts["unit"], "rel": 1, "anaphoric": True}
            skip = captions
            if parts["kind"] == "offset" and parts["unit"] == "year":
                parts = dict(parts, reference=reported)
                # each "a year earlier" of a report compares with the period reported, not
                # with the year a previous "a year earlier" gave
                skip = captions + comparisons
                comparisons.append((c.start, c.end))
            own_anchor = anchor
            unknown_day = None
            if self.narrative and _anaphoric(parts) and anchor is not None:
                window_start = _window_start(windows, c.start)
                unknown_day = _unknown_day_of_month(times, parts, c.start, window_start, skip)
                own_anchor = (
                    _narrative_anchor(times, parts, c.start, window_start, skip)
                    or _story_day(times, parts, anchor, captions)
                    or anchor
                )
            value = unknown_day or normalise(parts, own_anchor, tense)
            if parts.get("reported") and reported:
                value = reported  # "the latest period": the one the report named
            if relative and anchor is None:
                unresolved = True
            if parts["kind"] != "offset" and value and _PERIOD_VALUE.fullmatch(value):
                reported = value
            elif _OTHER_PERIOD.fullmatch(value or ""):
                reported = None  # "for the nine months, ... a year earlier": now that period is compared
            kind = timex_type(parts)
            bounds = calendar_bounds(value) if kind in ("DATE", "TIME") else None
            times.append(
                Time(
                    start=c.start, end=c.end, text=text[c.start : c.end], type=kind, value=value,
                    range_start=bounds[0] if bounds else None, range_end=bounds[1] if bounds else None,
                )
            )
        article.times = times
        if unresolved and NO_ANCHOR_WARNING not in article.warnings:
            article.warnings.append(NO_ANCHOR_WARNING)
        return article

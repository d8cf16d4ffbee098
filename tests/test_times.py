"""Tests of the times stage: recogniser, normaliser (unit + property), stage, specimen."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.models import Article, Contact
from dateline.times import TIMEX3_VALUE, grammar, normalise, recognise
from dateline.times.grammar import parse_number

from .conftest import assert_valid_timex, timex_found

ANCHOR = date(2015, 5, 20)  # a Wednesday, the specimen's publication date
STAGES = ("nlp", "times")


def values(text: str, anchor: date | None = ANCHOR, tense: str | None = None) -> list[tuple[str, str, str | None]]:
    return timex_found(text, anchor, tense)


def one(text: str, anchor: date | None = ANCHOR, tense: str | None = None) -> tuple[str, str, str | None]:
    found = values(text, anchor, tense)
    assert len(found) == 1, found
    return found[0]


# --- recognition + normalisation on small texts -------------------------------------------


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("on January 10, 2014 in Najaf", "January 10, 2014", "2014-01-10"),
        ("on 10 January 2014,", "10 January 2014", "2014-01-10"),
        ("Friday, Jan. 10, 2014", "Friday, Jan. 10, 2014", "2014-01-10"),
        ("released 2014-01-10", "2014-01-10", "2014-01-10"),
        ("since May 2015", "May 2015", "2015-05"),
        ("in the 1990s", "the 1990s", "199"),
        ("in 2014 the", "2014", "2014"),
        ("2014's budget", "2014's", "2014"),
        ("fiscal 1989", "fiscal 1989", "1989"),
        ("the 19th century", "the 19th century", "18"),
        ("the first half of 2014", "the first half of 2014", "2014-H1"),
        ("summer 2014", "summer 2014", "2014-SU"),
        ("in Q3 2014", "Q3 2014", "2014-Q3"),
        ("Christmas 2013", "Christmas 2013", "2013-12-25"),
        ("in nineteen ninety-six", "nineteen ninety-six", "1996"),
    ],
)
def test_absolute_dates(text: str, span: str, value: str) -> None:
    assert one(text)[0] == span
    assert one(text)[2] == value
    assert one(text, anchor=None)[2] == value  # absolute: no anchor needed


@pytest.mark.parametrize(
    "text, value",
    [
        ("today", "2015-05-20"),
        ("yesterday", "2015-05-19"),
        ("tomorrow", "2015-05-21"),
        ("the day before yesterday", "2015-05-18"),
        ("last week", "2015-W20"),
        ("this week", "2015-W21"),
        ("last weekend", "2015-W20-WE"),
        ("this past weekend", "2015-W20-WE"),
        ("next weekend", "2015-W22-WE"),
        ("this month", "2015-05"),
        ("last month", "2015-04"),
        ("next year", "2016"),
        ("last year", "2014"),
        ("last summer", "2014-SU"),
        ("last winter", "2014-WI"),
        ("next spring", "2016-SP"),
        ("earlier this month", "2015-05"),
        ("later in the year", "2015"),
        ("later this year", "2015"),
        ("early next year", "2016"),
        ("two days later", "2015-05-22"),
        ("three years ago", "2012"),
        ("six months ago", "2014-11"),
        ("two weeks ago", "2015-W19"),
        ("a decade ago", "200"),
        ("several years ago", "PAST_REF"),
        ("last quarter", "2015-Q1"),
        ("the first quarter", "2015-Q1"),
        ("third-quarter", "2015-Q3"),
        ("last May", "2014-05"),
        ("June last year", "2014-06"),
        ("March of last year", "2014-03"),
        ("May of next year", "2016-05"),
        ("this decade", "201"),
        ("the '90s", "199"),
    ],
)
def test_relative_dates(text: str, value: str) -> None:
    span, kind, got = one(text)
    assert span == text
    assert kind == "DATE"
    assert got == value
    assert one(text, anchor=None)[2] is None  # never a guessed date


def test_weekday_direction_follows_tense() -> None:
    assert one("Friday", tense="PAST")[2] == "2015-05-15"
    assert one("Friday", tense="FUTURE")[2] == "2015-05-22"
    assert one("Wednesday", tense="PAST")[2] == "2015-05-20"  # the anchor's own weekday is the anchor
    assert one("last Friday")[2] == "2015-05-15"
    assert one("next Monday")[2] == "2015-05-25"
    assert one("Monday")[2] == "2015-05-18"  # no tense: the nearest


def test_month_and_day_without_year_follow_tense() -> None:
    assert one("in October", tense="PAST")[2] == "2014-10"
    assert one("in October", tense="FUTURE")[2] == "2015-10"
    assert one("Jan. 10", tense="PAST")[2] == "2015-01-10"
    assert one("June 3", tense="FUTURE")[2] == "2015-06-03"
    # past tense, but eleven months back is less likely than a slip: the nearest wins
    assert normalise({"kind": "date", "year": None, "month": 5, "day": 25}, ANCHOR, "PAST") == "2015-05-25"


@pytest.mark.parametrize(
    "text, value",
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the past", "PAST_REF"),
        ("in the future", "FUTURE_REF"),
    ],
)
def test_vague_references(text: str, value: str) -> None:
    assert one(text)[1:] == ("DATE", value)
    assert one(text, anchor=None)[2] == value  # vague references need no anchor


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        ("for two years", "two years", "DURATION", "P2Y"),
        ("a decade", "a decade", "DURATION", "P10Y"),
        ("six months", "six months", "DURATION", "P6M"),
        ("48 hours", "48 hours", "DURATION", "PT48H"),
        ("a week", "a week", "DURATION", "P1W"),
        ("a two-year deal", "two-year", "DURATION", "P2Y"),
        ("the past three months", "the past three months", "DURATION", "P3M"),
        ("two and a half years", "two and a half years", "DURATION", "P2Y6M"),
        ("for years", "years", "DURATION", "PXY"),
        ("every Monday", "every Monday", "SET", "XXXX-WXX-1"),
        ("on Mondays", "Mondays", "SET", "XXXX-WXX-1"),
        ("weekly", "weekly", "SET", "P1W"),
        ("annually", "annually", "SET", "P1Y"),
        ("twice a week", "twice a week", "SET", "P1W"),
        ("at 5 p.m.", "5 p.m.", "TIME", "2015-05-20T17:00"),
        ("at 5 p.m. Friday", "5 p.m. Friday", "TIME", "2015-05-22T17:00"),
        ("this morning", "this morning", "TIME", "2015-05-20TMO"),
        ("tonight", "tonight", "TIME", "2015-05-20TNI"),
        ("last night", "last night", "TIME", "2015-05-19TNI"),
    ],
)
def test_durations_sets_and_times(text: str, span: str, kind: str, value: str) -> None:
    assert one(text) == (span, kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "They may go.",  # modal, lower case
        "the fall of Ramadi",  # not the season
        "a 6-year-old boy",  # an age
        "march on the capital",  # verb
        "Call 555-2014 now-defunct",  # phone number; "now-defunct"
        "it cost $2014",  # money
    ],
)
def test_non_times(text: str) -> None:
    assert values(text) == []


def test_weak_candidates_are_marked() -> None:
    weak = {text: [c.weak for c in recognise(text)] for text in ("Theresa May said", "employs 2000 workers", "in May")}
    assert weak == {"Theresa May said": [True], "employs 2000 workers": [True], "in May": [False]}


def test_parse_number() -> None:
    assert parse_number("twenty-four") == 24
    assert parse_number("a couple of") == 2
    assert parse_number("several") is None
    assert parse_number("2 1/2") == 2.5
    assert parse_number("1,000") == 1000


def test_timex3_regex_rejects_garbage() -> None:
    for good in ("2015-05-20", "2015-W20-WE", "2014-SU", "P1M", "PT48H", "P2Y6M", "199", "XXXX-WXX-1", "2015-05-20T17:00"):
        assert TIMEX3_VALUE.match(good), good
    for bad in ("2015-5-20", "P", "W20", "2015-Q5", "yesterday", "2015-05-20T25:00"):
        assert not TIMEX3_VALUE.match(bad), bad


# --- property tests -------------------------------------------------------------------------


def _cap(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word.title(), word.upper()])


_number = st.one_of(
    st.integers(0, 5000).map(str),
    st.sampled_from(sorted(grammar.NUMBER_WORDS) + sorted(grammar.TENS_WORDS) + list(grammar.VAGUE_QUANTITIES) + ["a", "an"]),
)
_unit = st.sampled_from(sorted(grammar.UNITS)).flatmap(lambda u: st.sampled_from([u, u + "s"]))
_month = st.sampled_from(sorted(grammar.MONTHS)).flatmap(_cap)
_weekday = st.sampled_from(sorted(grammar.WEEKDAYS)).flatmap(_cap)
_rel = st.sampled_from(sorted(grammar.REL_WORDS))
_year = st.integers(1000, 2099).map(str)
_day = st.integers(0, 39).map(str)

#: Expressions built from the grammar's own lexicons, in the shapes its rules recognise.
expressions = st.one_of(
    st.tuples(_month, _day, _year).map(lambda t: f"{t[0]} {t[1]}, {t[2]}"),
    st.tuples(_day, _month).map(lambda t: f"{t[0]} {t[1]}"),
    st.tuples(_month, _year).map(" ".join),
    st.tuples(_rel, _month).map(" ".join),
    st.tuples(_rel, _weekday, st.sampled_from(["", " morning", " night"])).map(lambda t: f"{t[0]} {t[1]}{t[2]}"),
    st.tuples(_rel, st.sampled_from(["week", "weekend", "month", "year", "quarter", "decade", "century", "summer", "winter"])).map(
        " ".join
    ),
    st.tuples(_number, _unit, st.sampled_from(["ago", "later", "earlier", "from now", ""])).map(" ".join),
    st.tuples(st.sampled_from(["every", "each"]), st.one_of(_weekday, _unit, _month)).map(" ".join),
    st.tuples(st.sampled_from(["the first", "the third", "fourth", "Q2"]), st.sampled_from(["quarter", "half", ""])).map(" ".join),
    st.tuples(st.integers(0, 30), st.sampled_from(["th", "st"])).map(lambda t: f"the {t[0]}{t[1]} century"),
    st.tuples(st.integers(0, 99), st.sampled_from(["", "0s"])).map(lambda t: f"in the {t[0]}{t[1]}"),
    st.tuples(st.integers(0, 30), st.integers(0, 70), st.sampled_from(["p.m.", "am"])).map(lambda t: f"{t[0]}:{t[1]:02d} {t[2]}"),
    st.sampled_from(sorted(grammar.HOLIDAYS)),
    st.sampled_from(["today", "tomorrow night", "yesterday morning", "now", "recently", "the future", "weekly"]),
    st.tuples(st.sampled_from(["in", "since", ""]), _year).map(" ".join),
)
_anchors = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
_tenses = st.sampled_from([None, "PAST", "PRESENT", "FUTURE"])


@settings(max_examples=400, deadline=None)
@given(expressions, _anchors, _tenses)
def test_normaliser_gives_valid_timex3_or_none(expression: str, anchor: date | None, tense: str | None) -> None:
    assert_valid_timex(expression, anchor, tense)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), _anchors)
def test_recogniser_never_raises_and_offsets_slice(text: str, anchor: date | None) -> None:
    for c in recognise(text):
        assert 0 <= c.start < c.end <= len(text)
        assert normalise(c.parts, anchor) is None or TIMEX3_VALUE.match(normalise(c.parts, anchor))


_news_words = st.sampled_from(
    ["said", "on", "Friday", "May", "last", "week", "in", "2014", "the", "summer", "ago", "two", "years", "5", "p.m.",
     "Jan.", "10,", "every", "Monday", ".", "\n\n", "will", "meet", "now", "r.su@ibtimes.com", "Theresa"]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_news_words, max_size=30).map(" ".join), st.sampled_from([None, "2015-05-20", "not a date"]))
def test_stage_on_arbitrary_text(analyze, text: str, published: str | None) -> None:
    article = analyze(text, stages=STAGES, published=published)
    for t in article.times:
        assert article.text[t.start : t.end] == t.text
        assert t.value is None or TIMEX3_VALUE.match(t.value)


# --- the stage ------------------------------------------------------------------------------


def test_stage_uses_tense_of_governing_verb(analyze) -> None:
    past = analyze("The minister resigned on Friday.", stages=STAGES, published="2015-05-20")
    future = analyze("The minister will resign on Friday.", stages=STAGES, published="2015-05-20")
    assert [t.value for t in past.times] == ["2015-05-15"]
    assert [t.value for t in future.times] == ["2015-05-22"]


def test_stage_reads_should_may_must_as_ahead(analyze) -> None:
    # a modal with a base verb tells of what is yet to happen; a perfect after it looks back
    ahead = analyze("The sale should close on Friday, and the vote may come in June.", stages=STAGES, published="2015-05-20")
    back = analyze("The minister may have resigned on Friday.", stages=STAGES, published="2015-05-20")
    assert [t.value for t in ahead.times] == ["2015-05-22", "2015-06"]
    assert [t.value for t in back.times] == ["2015-05-15"]


def test_stage_reads_would_in_reported_speech_as_ahead(analyze) -> None:
    # the date after "said" is when it was said; "would visit" is still to come
    article = analyze("The president said on Tuesday he would visit Japan in November.", stages=STAGES, published="2015-05-20")
    assert [(t.text, t.value) for t in article.times] == [("Tuesday", "2015-05-19"), ("November", "2015-11")]
    article = analyze("He said on Monday that the vote would be held Friday.", stages=STAGES, published="2015-05-20")
    assert [(t.text, t.value) for t in article.times] == [("Monday", "2015-05-18"), ("Friday", "2015-05-22")]


def test_stage_rejects_modal_may_and_names(analyze) -> None:
    article = analyze("Theresa May said prices may rise in May.", stages=STAGES, published="2015-05-20")
    assert [(t.text, t.start) for t in article.times] == [("May", article.text.rindex("May"))]


def test_stage_without_publication_date_warns_once(analyze) -> None:
    article = analyze("He left yesterday and returns Friday, not on January 10, 2014.", stages=STAGES)
    got = {t.text: t.value for t in article.times}
    assert got == {"yesterday": None, "Friday": None, "January 10, 2014": "2014-01-10"}
    assert len([w for w in article.warnings if "no publication date" in w]) == 1


def test_stage_skips_contacts(analyze) -> None:
    text = "Talks ended in 2014. Call 2014 today on +64 4 2014 2015."
    contact_start = text.index("+64")
    contact = Contact(start=contact_start, end=len(text) - 1, text=text[contact_start:-1], kind="phone", value="+6442014")
    article = Article(id="c", text=text, published="2015-05-20")
    article.structure.contacts.append(contact)
    from dateline.pipeline import create_stage

    nlp, times = create_stage("nlp"), create_stage("times")
    article = times(nlp(article))
    assert all(t.end <= contact_start for t in article.times)
    assert ("2014", "2014") in [(t.text, t.value) for t in article.times]


def test_specimen(analyze, specimen_text: str) -> None:
    article = analyze(specimen_text, stages=STAGES, published="2015-05-20")
    found = [(t.text, t.type, t.value) for t in article.times]
    assert found.count(("January 10, 2014", "DATE", "2014-01-10")) == 2
    assert ("Last weekend", "DATE", "2015-W20-WE") in found
    assert ("last summer", "DATE", "2014-SU") in found
    assert ("later in the year", "DATE", "2015") in found
    for t in article.times:
        assert specimen_text[t.start : t.end] == t.text
    # nothing fires in the feedback line at the end (an e-mail address, no dates)
    assert all("ibtimes" not in t.text for t in article.times)


# --- narrative time: anaphoric expressions count from the story's last date --------------------

NARRATIVE_STAGES = ("structure", "nlp", "times")


def test_anaphoric_expressions_follow_the_story(analyze) -> None:
    text = (
        "Police arrested him on January 10, 2014. Two days later he was released. The next day he fled, "
        "and that night he crossed the border. He returned the following month."
    )
    article = analyze(text, stages=NARRATIVE_STAGES, published="2015-05-20")
    assert [(t.text, t.value) for t in article.times] == [
        ("January 10, 2014", "2014-01-10"),
        ("Two days later", "2014-01-12"),
        ("The next day", "2014-01-13"),
        ("that night", "2014-01-13TNI"),
        ("the following month", "2014-02"),
    ]


def test_anaphoric_year_and_same_unit(analyze) -> None:
    text = "In March 2012 the plant opened. That year it lost money; the following year it made a profit."
    article = analyze(text, stages=NARRATIVE_STAGES, published="2015-05-20")
    assert [t.value for t in article.times] == ["2012-03", "2012", "2013"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # no earlier date: the publication date is the reference
        ("Two days later he was released.", "2015-05-22"),
        ("The next day he fled.", "2015-05-21"),
        # the earlier date is too coarse for a day: the publication date again
        ("He was elected in 2010. Two days later he resigned.", "2015-05-22"),
        # deictic expressions ignore the story's dates
        ("He was elected on January 10, 2014. Three days ago he resigned.", "2015-05-17"),
    ],
)
def test_anaphora_fall_back_to_the_publication_date(analyze, text: str, expected: str) -> None:
    article = analyze(text, stages=NARRATIVE_STAGES, published="2015-05-20")
    assert article.times[-1].value == expected


def test_anaphora_skip_captions_and_far_paragraphs(analyze) -> None:
    caption = "IN PHOTO: Troops in Najaf, January 10, 2014. REUTERS/Alaa Al-Marjani\n\n"
    article = analyze(caption + "Troops left. The next day they returned.", stages=NARRATIVE_STAGES, published="2015-05-20")
    assert article.structure.captions, "the caption must be recognised for this test to mean anything"
    assert article.times[-1].value == "2015-05-21"
    far = "Troops came on January 10, 2014.\n\nThey stayed.\n\nThey dug in.\n\nThe next day they left."
    assert analyze(far, stages=NARRATIVE_STAGES, published="2015-05-20").times[-1].value == "2015-05-21"
    near = "Troops came on January 10, 2014.\n\nThe next day they left."
    assert analyze(near, stages=NARRATIVE_STAGES, published="2015-05-20").times[-1].value == "2014-01-11"


def test_narrative_can_be_switched_off() -> None:
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["structure", "nlp", "times"], {"times": {"narrative": False}})
    article = pipeline(Article(id="n", text="He came on January 10, 2014. Two days later he left.", published="2015-05-20"))
    assert article.times[-1].value == "2015-05-22"


def test_anaphoric_words_in_compounds_are_not_times() -> None:
    assert values("He said that day-to-day work was hard.") == []


@pytest.mark.parametrize(
    "value, parts, expected",
    [
        ("2014-01-10", {"kind": "offset", "unit": "day"}, date(2014, 1, 10)),
        ("2014-01-10T14:00", {"kind": "deictic"}, date(2014, 1, 10)),
        ("2015-W20-WE", {"kind": "relunit", "unit": "week"}, date(2015, 5, 11)),
        ("2014-05", {"kind": "relunit", "unit": "month"}, date(2014, 5, 1)),
        ("2014-Q3", {"kind": "relunit", "unit": "year"}, date(2014, 7, 1)),
        ("2014-H2", {"kind": "offset", "unit": "year"}, date(2014, 7, 1)),
        ("2014", {"kind": "offset", "unit": "year"}, date(2014, 1, 1)),
        ("2014", {"kind": "offset", "unit": "day"}, None),  # too coarse
        ("2014-05", {"kind": "offset", "unit": "week"}, None),
        ("P3D", {"kind": "offset", "unit": "day"}, None),
        ("PAST_REF", {"kind": "relunit", "unit": "year"}, None),
        (None, {"kind": "relunit", "unit": "year"}, None),
    ],
)
def test_reference_anchor(value: str | None, parts: dict, expected: date | None) -> None:
    from dateline.times.normalise import reference_anchor

    assert reference_anchor(value, parts) == expected


# --- calendar bounds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, bounds",
    [
        ("2014-01-10", ("2014-01-10", "2014-01-10")),
        ("2015-05-20TNI", ("2015-05-20", "2015-05-20")),
        ("2015-05-20T14:30", ("2015-05-20", "2015-05-20")),
        ("2016-02", ("2016-02-01", "2016-02-29")),
        ("2015", ("2015-01-01", "2015-12-31")),
        ("2015-W20", ("2015-05-11", "2015-05-17")),
        ("2015-W20-WE", ("2015-05-16", "2015-05-17")),
        ("2015-W20-3", ("2015-05-13", "2015-05-13")),
        ("2014-SU", ("2014-06-01", "2014-08-31")),
        ("2014-WI", ("2014-12-01", "2015-02-28")),
        ("2015-Q4", ("2015-10-01", "2015-12-31")),
        ("2014-H1", ("2014-01-01", "2014-06-30")),
        ("201", ("2010-01-01", "2019-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("P1M", None),
        ("PAST_REF", None),
        ("XXXX-WXX-1", None),
        ("2015-W54", None),
        (None, None),
    ],
)
def test_calendar_bounds(value: str | None, bounds: tuple[str, str] | None) -> None:
    from dateline.times import calendar_bounds

    assert calendar_bounds(value) == bounds


@settings(max_examples=300, deadline=None)
@given(expressions, _anchors, _tenses)
def test_calendar_bounds_hold_the_value(expression: str, anchor: date | None, tense: str | None) -> None:
    from dateline.times import calendar_bounds

    for c in recognise(expression):
        value = normalise(c.parts, anchor, tense)
        bounds = calendar_bounds(value)
        if bounds is None:
            continue
        first, last = (date.fromisoformat(b) for b in bounds)
        assert first <= last
        # a dated value's own year prefix lies inside its bounds
        if value[:4].isdigit() and len(value) >= 4 and value[4:5] in ("", "-", "T"):
            if value[4:6] == "-W" and value[6:7].isdigit():  # an ISO week's year is the ISO year: 1999-W52 may end in January 2000
                assert first.isocalendar()[0] == int(value[:4]) == last.isocalendar()[0]
            else:
                assert first.year <= int(value[:4]) <= last.year


def test_stage_fills_bounds_for_dates_only(analyze) -> None:
    article = analyze("Last weekend ISIS took Ramadi; the siege lasted three days.", stages=STAGES, published="2015-05-20")
    got = {t.text: (t.range_start, t.range_end) for t in article.times}
    assert got == {"Last weekend": ("2015-05-16", "2015-05-17"), "three days": (None, None)}


# --- publication date from a wire dateline ---------------------------------------------------------


def test_publication_date_from_a_dated_dateline(analyze) -> None:
    text = "NAJAF, Iraq, Jan. 10, 2014 (Reuters) - Iraqi troops retook the town on Friday."
    article = analyze(text, stages=NARRATIVE_STAGES)
    assert (article.published, article.published_source) == ("2014-01-10", "dateline")
    assert [t.value for t in article.times][-1] == "2014-01-10"  # Friday, counted from the dateline
    assert not any("no publication date" in w for w in article.warnings)


def test_dateline_year_only_from_an_agreeing_url(analyze) -> None:
    text = "NAJAF, Iraq, Jan 10 (Reuters) - Iraqi troops retook the town on Friday."
    no_year = analyze(text, stages=NARRATIVE_STAGES)
    assert (no_year.published, no_year.published_source) == (None, None)
    assert any("no year" in w for w in no_year.warnings)
    assert [t.value for t in no_year.times] == [None, None]  # never a guessed year
    with_url = analyze(text, stages=NARRATIVE_STAGES, url="https://example.com/world/2014/01/10/iraq")
    assert (with_url.published, with_url.published_source) == ("2014-01-10", "dateline")
    wrong_month = analyze(text, stages=NARRATIVE_STAGES, url="https://example.com/2014/06/iraq")
    assert wrong_month.published is None


def test_input_date_wins_over_the_dateline(analyze) -> None:
    text = "NAJAF, Iraq, Jan. 10, 2014 (Reuters) - Iraqi troops retook the town."
    article = analyze(text, stages=NARRATIVE_STAGES, published="2014-01-11")
    assert (article.published, article.published_source) == ("2014-01-11", "input")


def test_ingest_marks_the_input_date(tmp_path) -> None:
    from dateline.ingest import read_inputs

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "1", "text": "Hello.", "published": "2015-05-20"}\n{"id": "2", "text": "Hi."}\n')
    first, second = read_inputs([str(path)])
    assert (first.published, first.published_source) == ("2015-05-20", "input")
    assert (second.published, second.published_source) == (None, None)
    text_file = tmp_path / "b.txt"
    text_file.write_text("Hi.")
    (given,) = read_inputs([str(text_file)], published="2015-05-20")  # --published counts as input
    assert (given.published, given.published_source) == ("2015-05-20", "input")


# --- TIMEX3 extent and value conventions (TimeML annotation guidelines) --------------------


@pytest.mark.parametrize(
    "text, span, value",
    [
        # modifiers with a TIMEX3 ``mod`` value stay inside the expression
        ("it took about five weeks", "about five weeks", "P5W"),
        ("for no more than ninety days", "no more than ninety days", "P90D"),
        ("at least 12 hours", "at least 12 hours", "PT12H"),
        # focus adverbs have none and stay outside
        ("only three weeks", "three weeks", "P3W"),
        ("it took just a few seconds", "a few seconds", "PTXS"),
        # a modifier never attaches to a vague quantity
        ("over several decades", "several decades", "PXY"),
        ("at least a few months", "a few months", "PXM"),
    ],
)
def test_duration_modifiers(text: str, span: str, value: str) -> None:
    assert one(text)[0::2] == (span, value)


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("in the eight weeks to June", "the eight weeks", "P8W"),
        ("over the 12 months", "the 12 months", "P12M"),
        ("the 90-day review", "90-day", "P90D"),  # an adjective: "the" belongs to the noun phrase
        ("the fiscal year ended June 30", "the fiscal year", "P1Y"),
        ("for the year ending in March", "the year", "P1Y"),
        ("for the next two quarters", "the next two quarters", "P6M"),  # ISO 8601 has no quarter unit
        ("in recent weeks", "recent weeks", "PXW"),
        ("recent years", "recent years", "PXY"),
    ],
)
def test_duration_extents_and_values(text: str, span: str, value: str) -> None:
    found = [f for f in values(text) if f[1] == "DURATION"]
    assert [(s, v) for s, _, v in found] == [(span, value)]


def test_a_set_keeps_its_quarter_period() -> None:
    assert one("dividends paid every quarter")[1:] == ("SET", "P1Q")


def test_comparative_adverbs_stay_outside_named_days() -> None:
    # "Later Tuesday" is "later on Tuesday": the adverb orders the event, it is no part of the date
    assert one("Later Tuesday, the council met.", tense="PAST")[0::2] == ("Tuesday", "2015-05-19")
    assert one("earlier today")[0::2] == ("today", "2015-05-20")
    # with a demonstrative it is one phrase
    assert one("He will speak later this evening.")[0::2] == ("later this evening", "2015-05-20TEV")


@pytest.mark.parametrize(
    "text, value",
    [
        ("the last half of 2001", "2001-H2"),
        ("the last quarter of 2001", "2001-Q4"),
        ("in the near term", "FUTURE_REF"),
    ],
)
def test_last_period_of_a_year_and_near_term(text: str, value: str) -> None:
    assert one(text)[2] == value


def test_bare_last_quarter_is_still_the_previous_one() -> None:
    assert one("last quarter")[2] == "2015-Q1"


@pytest.mark.parametrize(
    "text",
    ["the year-ago period", "the comparable year-ago quarter", "the corresponding period last year",
     "last year's quarter", "the same quarter a year earlier"],
)
def test_comparison_periods_are_year_offsets(text: str) -> None:
    found = recognise(f"Profit rose from {text}.")
    assert len(found) == 1 and found[0].parts["kind"] == "offset" and found[0].parts["unit"] == "year"


def test_year_offsets_compare_with_the_reported_quarter(analyze) -> None:
    text = (
        "Acme said its profit in the second quarter rose 12%.\n\n"
        "Sales were flat. The chief executive, who joined in April, said costs fell.\n\n"
        "Revenue was $4 million, against $3 million a year earlier. In the year-ago period it lost money."
    )
    article = analyze(text, stages=NARRATIVE_STAGES, published="2015-07-20")
    found = {t.text: t.value for t in article.times}
    assert found["the second quarter"] == "2015-Q2"
    # both compare with the reported quarter, not with each other (no 2013-Q2 chain)
    assert found["a year earlier"] == "2014-Q2"
    assert found["the year-ago period"] == "2014-Q2"


def test_the_previous_weekday_counts_from_the_day_just_told(analyze) -> None:
    text = "The index closed lower on Friday, May 15, 2015, down 2% from the previous Friday."
    article = analyze(text, stages=NARRATIVE_STAGES, published="2015-05-20")
    assert ("the previous Friday", "2015-05-08") in [(t.text, t.value) for t in article.times]

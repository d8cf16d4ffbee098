"""Tests of the times rules for news conventions: perfect tense, clock times and anaphora told
from the story's day, year-ago comparisons, the past lean, spoken years, ordinals and rates,
recurrences with a count, calendar quarters named by month or end date, rates in words ("2 percent
a month"), the latest period of a report, and "the next year" told in the past."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.times import normalise, recognise, timex_type

from .conftest import assert_valid_timex, timex_found

ANCHOR = date(1989, 10, 30)  # a Monday
STAGES = ("structure", "nlp", "times")


def found(text: str, tense: str | None = None, anchor: date = ANCHOR) -> list[tuple[str, str, str | None]]:
    return timex_found(text, anchor, tense)


# --- the stage (spaCy) ---------------------------------------------------------------------------


def test_present_perfect_looks_back(analyze) -> None:
    # 23 October is 170 days ahead of 6 May and 195 back, but "have been searching since" is over
    text = "Investigators have been searching for Kopp since shortly after the Oct. 23 slaying."
    article = analyze(text, stages=STAGES, published="1999-05-06")
    assert [(t.text, t.value) for t in article.times] == [("Oct. 23", "1998-10-23")]


def test_clock_time_takes_the_day_the_story_tells(analyze) -> None:
    text = "The father will travel to Washington on Thursday. He will leave at 4 in the morning, Castro said."
    article = analyze(text, stages=STAGES, published="2000-04-05")
    assert [(t.text, t.value) for t in article.times] == [
        ("Thursday", "2000-04-06"), ("4 in the morning", "2000-04-06T04:00"),
    ]


def test_anaphora_far_from_any_date_count_from_the_story_day(analyze) -> None:
    # a Monday paper reporting Friday's markets: "the previous Friday" is the Friday before that one
    text = (
        "LONDON stocks fell sharply Friday.\n\nThe selling came after a weak start in Tokyo.\n\n"
        "Dealers blamed the pound.\n\nThe index closed down 4.5% from the previous Friday."
    )
    article = analyze(text, stages=STAGES, published="1989-10-30")
    assert [(t.text, t.value) for t in article.times] == [("Friday", "1989-10-27"), ("the previous Friday", "1989-10-20")]
    # a first date more than a week before publication is background, not the story's day
    old = "He was born on Friday, May 1, 1970.\n\nHe grew up.\n\nHe moved.\n\nThe previous Friday he had left."
    article = analyze(old, stages=STAGES, published="1989-10-30")
    assert article.times[-1].value == "1989-10-27"  # the Friday before publication (a Monday)


def test_year_ago_compares_with_the_period_just_named(analyze) -> None:
    text = (
        "Third-quarter profit rose to $5 million from $4 million a year earlier. "
        "For the nine months, the company earned $9 million, compared with a loss a year earlier."
    )
    article = analyze(text, stages=STAGES, published="1989-10-26")
    assert [(t.text, t.value) for t in article.times] == [
        ("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3"), ("the nine months", "P9M"), ("a year earlier", "1988"),
    ]


# --- the normaliser --------------------------------------------------------------------------------


def test_participle_clause_takes_the_tense_it_hangs_on(analyze) -> None:
    text = "The stock has fluctuated sharply, rising to a high in June from $29.75 in March."
    article = analyze(text, stages=STAGES, published="1989-10-30")
    assert [(t.text, t.value) for t in article.times] == [("June", "1989-06"), ("March", "1989-03")]


def test_only_a_missing_tense_leans_to_the_past() -> None:
    sept8 = {"kind": "date", "year": None, "month": 9, "day": 8}
    # 168 days ahead of 24 March against 197 back: the nearest in the present tense ("starts on")
    assert normalise(sept8, date(2009, 3, 24), "PRESENT") == "2009-09-08"
    # with no tense at all, the one ahead is not 1.5 times nearer
    assert normalise(sept8, date(2009, 3, 24), None) == "2008-09-08"


def test_months_lean_to_the_past_weekdays_do_not() -> None:
    # "in March" said on 30 October with no tense: 214 days back against 151 ahead
    assert normalise({"kind": "month", "month": 3, "rel": None}, ANCHOR, None) == "1989-03"
    # "in December": one month ahead is clearly nearer
    assert normalise({"kind": "month", "month": 12, "rel": None}, ANCHOR, None) == "1989-12"
    # a weekday stays the nearest one: Thursday is 3 days ahead of a Monday, 4 back
    assert normalise({"kind": "weekday", "weekday": 3, "rel": None}, ANCHOR, None) == "1989-11-02"


# --- the grammar -------------------------------------------------------------------------------------


def test_spoken_years_with_month_or_year_cue() -> None:
    assert found("January nineteen ninety-seven. Atlanta again.") == [("January nineteen ninety-seven", "DATE", "1997-01")]
    assert found("The approach of the year two thousand has many groups in a frenzy.") == [
        ("the year two thousand", "DATE", "2000"),
    ]
    # a count, not a year
    assert all(v != "2000" for _, _, v in found("It lasted more than two thousand years."))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A second group of directors is seeking control.", []),
        ("He was shot a second time.", []),
        ("It lasted a second or two.", [("a second", "DURATION", "PT1S")]),
        ("A second later it was gone.", [("A second", "DURATION", "PT1S")]),
    ],
)
def test_a_second_is_the_ordinal_before_a_noun(text: str, expected: list) -> None:
    assert found(text) == expected


def test_rates_are_not_recurring_times() -> None:
    assert found("The chip runs 15 million instructions per second.") == []
    assert found("The speed limit is 35 miles per hour.") == []
    assert found("It happens three times per hour.") != []  # a frequency: still a SET
    assert found("They are paid $15 per hour.") == [("per hour", "SET", "PT1H")]


def test_then_current_and_more_recently_are_past() -> None:
    assert found("More recently it has followed the militias.") == [("More recently", "DATE", "PAST_REF")]
    assert found("at 50% of the then current market price") == [("then current", "DATE", "PAST_REF")]
    assert found("at the then-current rate") == [("then-current", "DATE", "PAST_REF")]


def test_over_the_years_is_a_vague_duration() -> None:
    assert found("Over the years, Patriot has played like a grandmaster.") == [("the years", "DURATION", "PXY")]
    assert found("The years of war ended.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in the first hours of the ground war", [("the first hours", "DURATION", "PTXH")]),
        ("you don't save as many lives in the early years", [("the early years", "DURATION", "PXY")]),
        ("in the last days of the war", [("the last days", "DURATION", "PXD")]),
        ("he died in the early hours of the morning", []),
        ("in the last two days", [("the last two days", "DURATION", "P2D")]),  # a count: the duration rule
    ],
)
def test_first_or_last_units_are_vague_durations(text: str, expected: list) -> None:
    assert found(text) == expected


def test_full_year_and_that_same_day() -> None:
    assert found("He forecast an earnings increase for the full year.") == [("the full year", "DATE", "1989")]
    assert found("for the full fiscal year") == [("the full fiscal year", "DATE", "1989")]
    got = [c for c in recognise("His name was crossed out that same day.")]
    assert len(got) == 1 and got[0].parts["anaphoric"]  # counted from the day the story just told


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Applicants must refile every two years.", ("every two years", "SET", "P2Y")),
        ("Cattle are inspected every 48 hours.", ("every 48 hours", "SET", "PT48H")),
        ("He changes the menu every few days.", ("every few days", "SET", "PXD")),
        ("Dividends are paid every three quarters.", ("every three quarters", "SET", "P3Q")),
    ],
)
def test_every_with_a_count_is_a_set(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text, tense, expected",
    [
        ("net income for the fiscal-first quarter", None, [("the fiscal-first quarter", "DATE", "1989-Q1")]),
        ("profit in the June quarter rose", None, [("the June quarter", "DATE", "1989-Q2")]),
        ("the September quarter of 1988", None, [("the September quarter of 1988", "DATE", "1988-Q3")]),
        # "the quarter ended Sept. 30" is the quarter that date closes, whatever the tense
        ("for the quarter ended Sept. 30", None, [("the quarter", "DATE", "1989-Q3"), ("Sept. 30", "DATE", "1989-09-30")]),
        ("the quarter ending March 31, 1990", "FUTURE", [("the quarter", "DATE", "1990-Q1"), ("March 31, 1990", "DATE", "1990-03-31")]),
        # without an end date, "the quarter" is the current one
        ("the quarter looks good", None, [("the quarter", "DATE", "1989-Q4")]),
    ],
)
def test_quarters_named_by_month_or_end_date(text: str, tense: str | None, expected: list) -> None:
    assert found(text, tense) == expected


# --- property: the new shapes give a valid TIMEX3 value or none, never an exception ------------

_new_shapes = st.one_of(
    st.tuples(
        st.one_of(st.integers(0, 100000).map(str), st.sampled_from(["few", "several", "two", "twenty-one", "1.5", "1,000"])),
        st.sampled_from(["seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades"]),
    ).map(lambda t: f"every {t[0]} {t[1]}"),
    st.tuples(st.sampled_from(["March", "June", "Sept.", "December", "DEC."]), st.integers(0, 9999)).map(
        lambda t: f"the {t[0]} quarter of {t[1]:04d}"
    ),
    st.tuples(st.sampled_from(["ended", "ending", "that ended", "to"]), st.sampled_from(["Jan.", "May", "June", "Sept.", "Dec."]),
              st.integers(0, 39), st.integers(0, 9999)).map(lambda t: f"the quarter {t[0]} {t[1]} {t[2]}, {t[3]:04d}"),
    st.tuples(st.sampled_from(["January ", "the year ", "in ", ""]),
              st.sampled_from(["nineteen ninety-seven", "two thousand", "two thousand and nine", "eighteen oh five"])).map("".join),
    st.sampled_from(["a second group", "a second later", "then-current", "over the years", "per second", "miles per hour"]),
)
_anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(_new_shapes, _anchors, st.sampled_from([None, "PAST", "PRESENT", "FUTURE"]))
def test_new_shapes_give_valid_timex3_or_none(expression: str, anchor: date | None, tense: str | None) -> None:
    assert_valid_timex(expression, anchor, tense)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("is this coming Sunday, March eighth.", ("this coming Sunday, March eighth", "DATE", "1989-03-08")),
        ("on May twenty-first, 1998", ("May twenty-first, 1998", "DATE", "1998-05-21")),
        ("on June first", ("June first", "DATE", "1989-06-01")),
        ("since October thirty-first", ("October thirty-first", "DATE", "1989-10-31")),
    ],
)
def test_month_with_a_spoken_ordinal_day(text: str, expected: tuple) -> None:
    assert found(text, "PAST") == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("This is VOA Today.", []),
        ("He told USA Today in an interview.", []),
        ("on NBC's Today show", []),
        ("The UN today said it would meet.", [("today", "DATE", "1989-10-30")]),
        ("Today, he said, is the deadline.", [("Today", "DATE", "1989-10-30")]),
        ("UN MEETS TODAY", [("TODAY", "DATE", "1989-10-30")]),
    ],
)
def test_today_in_a_title_is_a_name(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("up from 42,000 the year before.", [("the year before", "DATE", "1988", True)]),
        ("They met the day after, and talked.", [("the day after", "DATE", "1989-10-31", True)]),
        ("only two years before.", [("two years before", "DATE", "1987", True)]),
        ("three weeks after and", [("three weeks after", "DATE", "1989-W47", True)]),
        # a preposition: the expression is anchored on an event, no date here
        ("the day before the vote", []),
        ("two days before the vote", [("two days", "DURATION", "P2D", None)]),
    ],
)
def test_before_and_after_as_adverbs_count_from_the_story(text: str, expected: list) -> None:
    got = [(text[c.start : c.end], timex_type(c.parts), normalise(c.parts, ANCHOR), c.parts.get("anaphoric")) for c in recognise(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in the second half of the year", ("the second half of the year", "DATE", "1989-H2")),
        ("in the first quarter of next year", ("the first quarter of next year", "DATE", "1990-Q1")),
        ("the fourth quarter of last year", ("the fourth quarter of last year", "DATE", "1988-Q4")),
    ],
)
def test_quarter_or_half_of_a_relative_year(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("since last Thanksgiving", ("last Thanksgiving", "DATE", "1999-11-25")),
        ("until next Easter", ("next Easter", "DATE", "2000-04-23")),
        ("this Christmas", ("this Christmas", "DATE", "2000-12-25")),
        ("this past Christmas Eve", ("this past Christmas Eve", "DATE", "1999-12-24")),
    ],
)
def test_holidays_with_last_next_this(text: str, expected: tuple) -> None:
    assert found(text, anchor=date(2000, 2, 10)) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a week or so ago", [("a week or so ago", "DATE", "1989-W43")]),
        ("for the next two years or so.", [("the next two years or so", "DURATION", "P2Y")]),
        ("Baker said on ABC's \"This Week With David Brinkley\" that", []),  # a quoted programme title
        ("He said \"this week is bad\".", [("this week", "DATE", "1989-W44")]),
    ],
)
def test_or_so_and_quoted_titles(text: str, expected: list) -> None:
    assert found(text) == expected


def test_the_following_morning_is_the_day_after_the_day_told(analyze) -> None:
    text = "The troops crossed the river on Friday. The following morning, the army attacked."
    article = analyze(text, stages=STAGES, published="1989-10-30")
    assert [(t.text, t.value) for t in article.times] == [("Friday", "1989-10-27"), ("The following morning", "1989-10-28TMO")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices rose 2 percent a month.", [("a month", "SET", "P1M")]),
        ("The economy grew 3 per cent a year.", [("a year", "SET", "P1Y")]),
        ("The shop opens seven days a week.", [("seven days", "DURATION", "P7D"), ("a week", "SET", "P1W")]),
        ("The fund pays dividends quarterly to its holders.", [("quarterly", "SET", "P1Q")]),
        ("It posted quarterly earnings.", []),
        ("He pays 50 cents a month.", []),  # a rate of money stays unmarked
    ],
)
def test_rates_in_words_and_the_adverb_quarterly_recur(text: str, expected: list) -> None:
    assert found(text, "PRESENT") == expected


def test_the_latest_period_is_the_one_the_report_names(analyze) -> None:
    text = "Net income fell 5% in the first half. The latest period included a gain."
    article = analyze(text, stages=STAGES, published="1989-10-30")
    assert [(t.text, t.value) for t in article.times] == [("the first half", "1989-H1"), ("The latest period", "1989-H1")]
    # with no period named, the quarter last closed
    assert found("The latest period had profit of $5 million.") == [("The latest period", "DATE", "1989-Q3")]
    assert found("a period of calm") == []


def test_the_next_year_told_in_the_past_follows_the_year_just_told(analyze) -> None:
    article = analyze("He moved to Paris in June 1999 and left the next year.", stages=STAGES, published="2001-03-14")
    assert [(t.text, t.type, t.value) for t in article.times] == [("June 1999", "DATE", "1999-06"), ("the next year", "DATE", "2000")]
    article = analyze("He arrived on May 5, 2000 and left the next month.", stages=STAGES, published="2001-03-14")
    assert article.times[-1].type == "DATE" and article.times[-1].value == "2000-06"
    # told ahead, it counts from now
    article = analyze("The firm will hire 100 people in the next year and more in the next month.", stages=STAGES, published="2001-03-14")
    assert [(t.text, t.type, t.value) for t in article.times] == [
        ("the next year", "DATE", "2002"), ("the next month", "DURATION", "P1M"),
    ]

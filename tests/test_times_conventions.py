"""Tests of the times rules that follow TimeBank's annotation conventions: "soon" and the
vague adjectives, rates of money, newspapers called dailies, vague counts of quarters,
year-end, "-long" durations, frequencies of several units, "around" a date, counts in hundreds and thousands, and a weekday with "this coming"
before a full date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import assert_valid_timex, timex_found

ANCHOR = date(1989, 10, 30)  # a Monday


def found(text: str, tense: str | None = None, anchor: date = ANCHOR) -> list[tuple[str, str, str | None]]:
    return timex_found(text, anchor, tense)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kellogg soon will begin selling boxes for 99 cents.", [("soon", "DATE", "FUTURE_REF")]),
        ("Prosecutors may soon seek an indictment.", [("soon", "DATE", "FUTURE_REF")]),
        ("He was killed soon after being captured.", []),
        ("Return the boy as soon as possible.", []),
        ("It is too soon to say.", []),
        ("a soon-to-be-released report", []),
    ],
)
def test_soon_is_a_future_reference_unless_it_relates_two_times(text: str, expected: list) -> None:
    assert found(text) == expected


def test_the_adjective_recent_is_not_a_time_but_recent_units_and_recently_are() -> None:
    assert found("He could be charged under the recent Freedom of Access Act.") == []
    assert found("In recent weeks, sources said so.") == [("recent weeks", "DURATION", "PXW")]
    assert found("The group recently took 13 percent.") == [("recently", "DATE", "PAST_REF")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The preferred stock would have a dividend rate of $1.76 a year.", []),
        ("That should help it save $500 million a year in costs.", []),
        ("It earns 20 cents a day.", []),
        ("There are over fifty thousand CDs a year sold.", [("a year", "SET", "P1Y")]),
        ("They meet twice a year.", [("twice a year", "SET", "P1Y")]),
        ("Prices rose 5% a year.", [("a year", "SET", "P1Y")]),
    ],
)
def test_rates_of_money_leave_the_period_unmarked(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Communist Party daily Granma compared Elian with Che.", []),
        ("the Israeli daily Haaretz reported", []),
        ("The agency gives the daily tally of inspections.", [("daily", "SET", "P1D")]),
        ("It is published daily Monday through Friday.", [("daily", "SET", "P1D")]),
    ],
)
def test_a_daily_before_a_name_is_a_newspaper(text: str, expected: list) -> None:
    # a weekday after "daily" is when the recurrence happens, not a newspaper's name
    assert found(text)[: len(expected) or None] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It achieved profitability after several quarters of losses.", [("several quarters", "DURATION", "PXQ")]),
        ("over the past several quarters.", [("the past several quarters", "DURATION", "PXQ")]),
        ("The plan drew criticism in some quarters.", []),
        ("Many quarters of the city were flooded.", []),
        ("It will cut tax payments in future quarters.", [("future quarters", "DATE", "FUTURE_REF")]),
        ("It will eliminate all future losses.", []),
    ],
)
def test_vague_counts_of_quarters_and_future_units(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, tense, expected",
    [
        ("The percentage change is since year-end.", "PAST", [("year-end", "DATE", "1988-12")]),
        ("The transaction is expected to close around year end.", "FUTURE", [("around year end", "DATE", "1989-12")]),
        ("In 1988, when year-end net was below the 1987 level.", "PAST", [("1988", "DATE", "1988"), ("1987", "DATE", "1987")]),
        ("It will report year-end results.", "FUTURE", []),
    ],
)
def test_year_end_after_a_preposition_is_december(text: str, tense: str, expected: list) -> None:
    assert found(text, tense) == expected


def test_long_adjectives_are_vague_durations() -> None:
    assert found("the government's decades-long battle") == [("decades-long", "DURATION", "PXE")]
    assert found("after a months-long strike") == [("months-long", "DURATION", "PXM")]
    assert found("a long-term plan") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shares rose after a year-long slide.", [("year-long", "DURATION", "P1Y")]),
        ("The union ended its weeklong strike.", [("weeklong", "DURATION", "P1W")]),
        ("a decade-long war and a daylong meeting",
         [("decade-long", "DURATION", "P10Y"), ("daylong", "DURATION", "P1D")]),
        ("the 100-year-long story", [("100-year", "DURATION", "P100Y")]),
    ],
)
def test_long_adjectives_of_one_unit_leave_the_article_out(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The pact ended a quarter-century of war.", [("a quarter-century", "DURATION", "P25Y")]),
        ("after half a century in power", [("half a century", "DURATION", "P50Y")]),
        ("a half-century of rule", [("a half-century", "DURATION", "P50Y")]),
        ("Prices rose over the past decade.", [("the past decade", "DURATION", "P10Y")]),
        ("Demand will double in the next decade.", [("the next decade", "DURATION", "P10Y")]),
        ("Prices fell in the last decade.", [("the last decade", "DATE", "197")]),  # the calendar one before
        ("one of the events of the past century", [("the past century", "DURATION", "P100Y")]),
        ("He wrote in the last century.", [("the last century", "DATE", "18")]),
    ],
)
def test_parts_of_a_century_and_the_past_decade_are_stretches_of_years(text: str, expected: list) -> None:
    assert found(text, "PAST") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The bonds pay interest semiannually.", [("semiannually", "SET", "P6M")]),
        ("Rates are reviewed semi-annually.", [("semi-annually", "SET", "P6M")]),
        ("The congress meets biennially.", [("biennially", "SET", "P2Y")]),
    ],
)
def test_frequencies_of_several_units(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The sale should close around Nov. 1.", [("around Nov. 1", "DATE", "1989-11-01")]),
        ("Prices peaked around 1985.", [("around 1985", "DATE", "1985")]),
        ("Talks resume around Christmas.", [("around Christmas", "DATE", "1989-12-25")]),
        ("The shop is open around the clock.", []),
        ("It lasted around two weeks.", [("around two weeks", "DURATION", "P2W")]),
        ("They met at around 3 p.m.", [("3 p.m.", "TIME", "1989-10-30T15:00")]),
    ],
)
def test_around_a_date_is_part_of_it(text: str, expected: list) -> None:
    assert found(text, "FUTURE") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Families have kept their secrets for more than two thousand years.",
         [("more than two thousand years", "DURATION", "P2L")]),
        ("It happened a hundred years ago.", [("a hundred years ago", "DATE", "1889")]),
        ("It lasted three hundred days.", [("three hundred days", "DURATION", "P300D")]),
    ],
)
def test_counts_in_hundreds_and_thousands(text: str, expected: list) -> None:
    assert found(text) == expected


def test_this_coming_weekday_before_a_full_date_is_one_expression() -> None:
    text = "International Women's Day is this coming Sunday, March eighth."
    assert found(text, anchor=date(1998, 3, 5)) == [("this coming Sunday, March eighth", "DATE", "1998-03-08")]


_shapes = st.one_of(
    st.tuples(st.sampled_from(["since", "around", "at", "by"]), st.sampled_from(["year-end", "year end", "Year-End"])).map(" ".join),
    st.tuples(st.sampled_from(["a", "one", "two", "nine"]), st.sampled_from(["hundred", "thousand"]),
              st.sampled_from(["years", "days", "hours", "years ago", "years later"])).map(" ".join),
    st.tuples(st.sampled_from(["several", "a few", "some", "future", "recent"]), st.sampled_from(["quarters", "years", "weeks"])).map(" ".join),
    st.sampled_from(["soon", "as soon as", "decades-long", "hours-long", "$5 a year", "the daily Granma", "this coming Sunday, March 8",
                     "a year-long", "weeklong", "at 1830 GMT", "0600 local time Sunday", "a quarter-century", "two half-centuries", "the next decade", "semiannually", "biennially", "around Nov. 1", "around last Monday"]),
)


@settings(max_examples=200, deadline=None)
@given(_shapes, st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
       st.sampled_from([None, "PAST", "PRESENT", "FUTURE"]))
def test_new_shapes_give_valid_timex3_or_none(expression: str, anchor: date | None, tense: str | None) -> None:
    assert_valid_timex(expression, anchor, tense)


def test_that_same_day_after_a_month_leaves_the_day_unspecified(analyze) -> None:
    text = ("Three doctors were killed, most recently last October when Dr. Slepian was shot. "
            "His name on the Web site was crossed out that same day.")
    article = analyze(text, stages=("structure", "nlp", "times"), published="1999-02-06")
    assert [(t.text, t.value) for t in article.times][-2:] == [("last October", "1998-10"), ("that same day", "1998-10-XX")]
    assert article.times[-1].range_start == "1998-10-01" and article.times[-1].range_end == "1998-10-31"
    # after a day, the same day is that day
    text = "He was shot on Oct. 23, 1998. His name was crossed out that same day."
    article = analyze(text, stages=("structure", "nlp", "times"), published="1999-02-06")
    assert article.times[-1].value == "1998-10-23"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The merger follows months of twists and turns.", [("months", "DURATION", "PXM")]),
        ("After years of war, peace came.", [("years", "DURATION", "PXY")]),
        ("In the following years it grew.", []),
    ],
)
def test_bare_plural_units_after_follows_or_after(text: str, expected: list) -> None:
    assert [x for x in found(text) if x[1] == "DURATION"] == expected


@pytest.mark.parametrize(
    "text, tense, expected",
    [
        ("It will open two weeks from today.", "FUTURE", [("two weeks from today", "DATE", "1989-W46")]),
        ("Some day he will return.", "FUTURE", [("Some day", "DATE", "FUTURE_REF")]),
        ("I saw him the other day.", "PAST", [("the other day", "DATE", "PAST_REF")]),
        ("It lasted some years.", "PAST", [("some years", "DURATION", "PXY")]),
    ],
)
def test_from_today_some_day_and_the_other_day(text: str, tense: str, expected: list) -> None:
    assert found(text, tense) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Little of the vitriol of the 1980's remains.", [("the 1980's", "DATE", "198")]),
        ("in the early 1990’s", [("the early 1990’s", "DATE", "199")]),
        ("It cut 1990's budget.", [("1990's", "DATE", "1990")]),
    ],
)
def test_decades_written_with_an_apostrophe(text: str, expected: list) -> None:
    assert found(text) == expected

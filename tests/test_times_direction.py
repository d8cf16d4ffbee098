"""Tests of this round's times rules: direction cues, tense slips, durations before "later",
parts of the day, clock times dated across an aside or "local time", 24-hour clock times before a
zone, and "the following morning". No spaCy needed."""

from __future__ import annotations

from datetime import date

from dateline.times import cue_tense, normalise

from .conftest import timex_found

ANCHOR = date(2015, 5, 20)


def found(text: str, tense: str | None = None) -> list[tuple[str, str, str | None]]:
    return timex_found(text, ANCHOR, tense)


def test_cue_words_fix_direction() -> None:
    text = "declared a dividend, payable Dec. 1, effective Feb. 1, by Jan. 14, for the year ended March 31, since Oct. 23"
    assert cue_tense(text, text.index("Dec. 1")) == "FUTURE"
    assert cue_tense(text, text.index("Feb. 1")) == "FUTURE"
    assert cue_tense(text, text.index("Jan. 14")) == "FUTURE"
    assert cue_tense(text, text.index("March 31")) == "PAST"
    assert cue_tense(text, text.index("Oct. 23")) == "PAST"
    assert cue_tense("said on Friday", len("said on ")) == "PAST"  # when it was said, whatever the parse
    assert cue_tense("met on Friday", len("met on ")) is None


def test_past_tense_reaches_back_unless_the_other_side_is_close() -> None:
    # 23 October is 209 days back and 156 ahead: past tense means last October
    assert normalise({"kind": "date", "year": None, "month": 10, "day": 23}, ANCHOR, "PAST") == "2014-10-23"
    # 25 May is five days ahead: a past-tense "May 25" is a slip, not a date a year back
    assert normalise({"kind": "date", "year": None, "month": 5, "day": 25}, ANCHOR, "PAST") == "2015-05-25"



def test_no_tense_leans_to_the_past() -> None:
    # 23 October: 156 days ahead is not 1.5 times nearer than 209 back, so last October
    assert normalise({"kind": "date", "year": None, "month": 10, "day": 23}, ANCHOR, None) == "2014-10-23"
    # 1 August: 73 days ahead against 292 back is clearly the coming one
    assert normalise({"kind": "date", "year": None, "month": 8, "day": 1}, ANCHOR, None) == "2015-08-01"
    # "in March" said in late October is the March gone by (214 days back, 151 ahead)
    assert normalise({"kind": "month", "month": 3, "rel": None}, date(1989, 10, 30), None) == "1989-03"


def test_vague_or_clock_offsets_before_later_are_durations() -> None:
    assert found("A few days later, it fell.") == [("A few days", "DURATION", "PXD")]
    assert found("a minute and a half later") == [("a minute and a half", "DURATION", "PT1M30S")]
    assert found("over an hour later") == [("over an hour", "DURATION", "PT1H")]
    assert found("two days later")[0][1] == "DATE"  # a day count still gives a date
    assert found("two hours ago")[0][1] == "DATE"


def test_parts_of_the_day() -> None:
    assert found("By mid afternoon, the operation was over.") == [("mid afternoon", "TIME", "2015-05-20TAF")]
    assert found("Dealers placed orders in the morning.") == [("the morning", "TIME", "2015-05-20TMO")]
    assert found("He will leave at 4 in the morning.") == [("4 in the morning", "TIME", "2015-05-20T04:00")]
    assert found("He woke to the morning news.") == []


def test_clock_time_dated_by_a_day_after_an_aside() -> None:
    got = found("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.", tense="PAST")
    assert got == [("10:35 a.m.", "TIME", "2015-05-15T10:35"), ("Friday", "DATE", "2015-05-15")]


def test_four_digits_before_a_time_zone_are_a_clock_time() -> None:
    assert found("The plane landed at 1830 GMT.", tense="PAST") == [("1830 GMT", "TIME", "2015-05-20T18:30")]
    # "local time" between a clock time and its day still dates it
    got = found("The truce began at 0600 local time Sunday.", tense="PAST")
    assert got == [("0600", "TIME", "2015-05-17T06:00"), ("Sunday", "DATE", "2015-05-17")]
    got = found("Polls closed at 8 p.m. local time on Sunday.", tense="PAST")
    assert got == [("8 p.m.", "TIME", "2015-05-17T20:00"), ("Sunday", "DATE", "2015-05-17")]
    # not a year, and not an hour of 24 or more
    assert found("The 2500 GMT slot.") == []


def test_the_following_morning_and_the_previous_night_count_from_the_day_told() -> None:
    assert found("The following morning, the army attacked.") == [("The following morning", "TIME", "2015-05-21TMO")]
    assert found("The previous night, rebels fired shots.") == [("The previous night", "TIME", "2015-05-19TNI")]
    assert found("He left the next evening.") == [("the next evening", "TIME", "2015-05-21TEV")]

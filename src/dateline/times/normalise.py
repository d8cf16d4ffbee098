"""The normaliser: expression parts + anchor date + tense -> a TimeML TIMEX3 value.

Pure functions, no text and no spaCy, so every rule can be unit- and property-tested.
*Parts* are the plain dicts the grammar builds; ``kind`` says which fields follow:

======== ==============================================================================
kind     fields
======== ==============================================================================
date     year (int | None), month (int | None), day (int | None)
month    month, rel (-1/0/1/None), year_rel (-1/0/1/None)        "last May", "June last year"
decade   decade (e.g. 199) or decade2 (two-digit tens, 9 for "the '90s")
century  century (zero-based, 19 for "the 20th century")
holiday  holiday (a key of ``_HOLIDAYS``), year (int | None), rel (-1/0/1/None)
deictic  offset (days from the anchor), part (MO/AF/EV/NI | None)  "yesterday morning"
weekday  weekday (0 = Monday), rel (-1/0/1/None), part
relunit  unit (day/week/weekend/month/quarter/year/decade/century), rel (-1/0/1/None)
season   season (SP/SU/FA/WI), year (int) or rel (-1/0/1/None)
quarter  quarter (1-4), year (int | None), year_rel;  ``half`` likewise with half (1-2)
offset   n (number | None), unit, direction (-1 ago / +1 later)    "three years ago";
         optional granularity ("quarter": "the year-ago quarter") and reference
         (a nearby value such as "1989-Q3" that a year offset is taken from)
duration n (number | None), unit (or "E"/"C" for vague decades/centuries)
set      one of: unit + n, weekday (+ part), part, season, month
clock    hour, minute, day (date-like parts | None)
vague    ref (PRESENT_REF / PAST_REF / FUTURE_REF)
======== ==============================================================================

Any kind may carry ``anaphoric: True``: the expression is relative to a time the text has
just mentioned ("two days later", "the following week", "that year"), not to the time of
writing. The normaliser does not care: the caller passes that time as ``anchor`` (see
:func:`reference_anchor`), or the publication date when the text gives none.

``tense`` is "PAST", "PRESENT", "FUTURE" or None. It only decides the direction of an
underspecified expression ("Friday", "October", "the weekend"): past looks back from
the anchor, future forward, otherwise the nearest occurrence (with no tense at all, months
and days of the year lean to the past: one ahead must be 1.5 times nearer, as news mostly
reports what happened). Without an anchor, anything relative is None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

#: A well-formed TIMEX3 value (dates, weeks, seasons, quarters, times, durations, sets, refs).
TIMEX3_VALUE = re.compile(
    r"^(?:"
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
    r"|P(?=[\dXT])(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|E|C|L|Q))*(?:T(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+)?"
    r"|(?:\d{2}|\d{3}|\d{4}|XXXX)"
    r"(?:-(?:(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|W(?:\d{2}|XX)(?:-(?:WE|[1-7]))?|SP|SU|FA|WI|Q[1-4X]|H[12X]))?"
    r"(?:T(?:MO|AF|EV|NI|DT|(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?))?"
    r")$"
)

_DURATION_CODES = {"year": "Y", "month": "M", "week": "W", "day": "D", "quarter": "Q", "E": "E", "C": "C"}
_TIME_CODES = {"hour": "H", "minute": "M", "second": "S"}
# How a fraction of a unit is expressed in the next smaller one.
_SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
            "hour": ("minute", 60), "minute": ("second", 60), "decade": ("year", 10), "century": ("year", 100),
            "fortnight": ("day", 14), "quarter": ("month", 3)}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_MIN_YEAR, _MAX_YEAR = 1, 9999
_TENSE_WINDOW_DAYS = 183
# A date this close on the side the tense does not point to is read as a slip of tense.
_SLIP_DAYS = 45
# With no verb to give a tense, news more often looks back than ahead: a month or a day of the
# year ahead is taken only when it is clearly nearer, 1.5 times nearer than the one behind ("in
# March" in a verbless aside written in late October is the March gone by, not the one five
# months ahead). Not in the present tense, which as often announces ("the term starts on
# September 8"), and not for weekdays, within a week either way.
_FUTURE_WEIGHT = 1.5

_ABSOLUTE_KINDS = frozenset({"duration", "vague", "century"})


def needs_anchor(parts: Mapping[str, Any]) -> bool:
    """Whether the expression's value depends on the document date (so is None without one)."""
    kind = parts.get("kind")
    if kind in _ABSOLUTE_KINDS:
        return False
    if kind == "set":
        return False
    if kind == "decade":
        return "decade" not in parts
    if kind == "date":
        return parts.get("year") is None
    if kind in ("quarter", "half", "holiday", "season"):
        return parts.get("year") is None
    if kind == "clock":
        day = parts.get("day")
        return day is None or needs_anchor(day)
    return True


# How fine a unit is: an anaphoric expression needs a reference at least as fine as its unit
# ("two days later" needs a day, "the following month" a day, week or month, "that year" any date).
_UNIT_LEVEL = {"second": 0, "minute": 0, "hour": 0, "day": 0, "week": 1, "weekend": 1, "fortnight": 1,
               "month": 2, "quarter": 3, "year": 4, "decade": 4, "century": 4}
_REFERENCE_FORMS = (  # (pattern, level, first day of the period it names)
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?"), 0, lambda y, a, b: date(y, int(a), int(b))),
    (re.compile(r"(\d{4})-W(\d{2})(?:-WE)?()"), 1, lambda y, w, _: date.fromisocalendar(y, int(w), 1)),
    (re.compile(r"(\d{4})-(\d{2})()"), 2, lambda y, m, _: date(y, int(m), 1)),
    (re.compile(r"(\d{4})-Q([1-4])()"), 3, lambda y, q, _: date(y, 3 * int(q) - 2, 1)),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)()"), 3, lambda y, s, _: date(y, _SEASON_START[s], 1)),
    (re.compile(r"(\d{4})-H([12])()"), 4, lambda y, h, _: date(y, 6 * int(h) - 5, 1)),
    (re.compile(r"(\d{4})()()"), 4, lambda y, _a, _b: date(y, 1, 1)),
)


def reference_anchor(value: str | None, parts: Mapping[str, Any]) -> date | None:
    """The date an anaphoric expression is counted from, when ``value`` is fine enough for it.

    ``value`` is the TIMEX3 value of a time the text mentioned before the expression. A day
    gives itself, a week its Monday, a month, quarter, season or half its first day, a year
    1 January. None when the value is not a calendar date (a duration, ``PAST_REF``) or too
    coarse for the expression's unit ("two days later" after "in 2014" cannot be resolved
    from it).
    """
    if not value:
        return None
    unit = "day" if parts.get("kind") in ("deictic", "clock") else parts.get("unit")
    need = _UNIT_LEVEL.get(unit) if isinstance(unit, str) else None
    if need is None:
        return None
    for pattern, level, first_day in _REFERENCE_FORMS:
        m = pattern.fullmatch(value)
        if m is None:
            continue
        if level > need:
            return None
        try:
            return first_day(int(m.group(1)), m.group(2), m.group(3))
        except ValueError:
            return None
    return None


def timex_type(parts: Mapping[str, Any]) -> str:
    """The TIMEX3 type of an expression: DATE, TIME, DURATION or SET."""
    kind = parts.get("kind")
    if kind == "duration":
        return "DURATION"
    if kind == "set":
        return "SET"
    if kind == "clock" or (kind in ("deictic", "weekday") and parts.get("part")):
        return "TIME"
    return "DATE"


def normalise(parts: Mapping[str, Any], anchor: date | None, tense: str | None = None) -> str | None:
    """The TIMEX3 value of an expression, or None when it cannot be resolved.

    ``anchor`` is the document creation time; ``tense`` ("PAST", "PRESENT", "FUTURE" or
    None) orients underspecified expressions. Never raises on well-typed parts: dates
    that fall outside years 1-9999 give None.
    """
    if anchor is None and needs_anchor(parts):
        return None
    if tense is None and parts.get("kind") in ("date", "month"):
        parts = {**parts, "lean": True}  # no tense at all: lean to the past (see _FUTURE_WEIGHT)
    try:
        value = _normalise(parts, anchor, _direction(tense))
    except (ValueError, OverflowError, KeyError, TypeError):
        return None
    if value is not None and not TIMEX3_VALUE.match(value):
        return None
    return value


def _direction(tense: str | None) -> int:
    return {"PAST": -1, "FUTURE": 1}.get(tense or "", 0)


def _normalise(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    kind = p["kind"]
    handler = _HANDLERS.get(kind)
    return handler(p, anchor, direction) if handler else None


# --- formatting -------------------------------------------------------------------------


def _check_year(year: int) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"year {year} out of range")
    return year


def _ymd(d: date) -> str:
    return f"{_check_year(d.year):04d}-{d.month:02d}-{d.day:02d}"


def _week(d: date, weekend: bool = False) -> str:
    iso_year, iso_week, _ = d.isocalendar()
    return f"{_check_year(iso_year):04d}-W{iso_week:02d}" + ("-WE" if weekend else "")


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def _with_part(value: str, part: str | None) -> str:
    return f"{value}T{part}" if part else value


# --- handlers ----------------------------------------------------------------------------


def _date(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    year, month, day = p.get("year"), p.get("month"), p.get("day")
    if year is not None:
        _check_year(year)
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return _ymd(date(year, month, day))
    assert anchor is not None
    if day is None:
        return _month({"month": month, "rel": None, "lean": p.get("lean")}, anchor, direction)
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:  # 29 February in a common year
            continue
    if not candidates:
        return None
    return _ymd(_pick(candidates, anchor, direction, _TENSE_WINDOW_DAYS, _FUTURE_WEIGHT if p.get("lean") else 1.0))


def _pick(candidates: list[date], anchor: date, direction: int, window: int = 366, ahead_weight: float = 1.0) -> date:
    """The occurrence the tense points at: last one on/before, first on/after, or the nearest
    (with no tense) when distances ahead count ``ahead_weight`` times.

    The tense decides outright within ``window`` days of the anchor. Beyond it, it still
    decides unless the occurrence on the other side is within ``_SLIP_DAYS``: a past-tense
    "Jan. 14" in a January 10 article is more likely a reporting slip ("said on Jan. 14 it
    would ...") than a date eleven months back, but a past-tense "Oct. 23" in a May article
    is last October, not the coming one.
    """
    if direction:
        ahead = [c for c in candidates if (c - anchor).days * direction >= 0]
        behind = [c for c in candidates if (c - anchor).days * direction < 0]
        if ahead:
            best = min(ahead, key=lambda c: abs((c - anchor).days))
            distance = abs((best - anchor).days)
            other = min((abs((c - anchor).days) for c in behind), default=None)
            if distance <= window or (distance <= 366 and (other is None or other > _SLIP_DAYS)):
                return best
    return min(candidates, key=lambda c: (abs((c - anchor).days) * (ahead_weight if c > anchor else 1), c > anchor))


def _month(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    assert anchor is not None
    month = p["month"]
    if p.get("year_rel") is not None:
        return f"{_check_year(anchor.year + p['year_rel']):04d}-{month:02d}"
    rel = p.get("rel")
    if rel == 0:
        year = anchor.year
    elif rel == -1:  # "last May": the most recent May before this month
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == 1:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        firsts = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        this_month = anchor.replace(day=1)
        year = _pick(firsts, this_month, direction, ahead_weight=_FUTURE_WEIGHT if p.get("lean") else 1.0).year
    return f"{_check_year(year):04d}-{month:02d}"


def _decade(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    if "decade" in p:
        return f"{p['decade']:03d}"
    assert anchor is not None
    # "the '90s": the latest such decade that has begun by the anchor
    tens = p["decade2"]
    century = anchor.year // 100
    decade = century * 10 + tens
    if decade * 10 > anchor.year:
        decade -= 10
    if decade < 0:
        return None
    return f"{decade:03d}"


def _century(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    century = p["century"]
    return f"{century:02d}" if 0 <= century <= 99 else None


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month; n = -1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas_eve": lambda y: date(y, 12, 24),
    "new_year": lambda y: date(y, 1, 1), "new_year_eve": lambda y: date(y, 12, 31),
    "boxing_day": lambda y: date(y, 12, 26), "halloween": lambda y: date(y, 10, 31),
    "valentine": lambda y: date(y, 2, 14), "independence_day": lambda y: date(y, 7, 4),
    "anzac_day": lambda y: date(y, 4, 25), "waitangi_day": lambda y: date(y, 2, 6),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "labor_day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial_day": lambda y: _nth_weekday(y, 5, 0, -1), "easter": _easter,
    "good_friday": lambda y: _easter(y) - timedelta(days=2), "easter_monday": lambda y: _easter(y) + timedelta(days=1),
}


def _holiday(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    rule = _HOLIDAYS[p["holiday"]]
    if p.get("year") is not None:
        return _ymd(rule(_check_year(p["year"])))
    assert anchor is not None
    candidates = [rule(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if _MIN_YEAR <= y <= _MAX_YEAR]
    rel = p.get("rel")
    if rel == 0:
        return _ymd(rule(_check_year(anchor.year)))
    if rel is not None:  # last: strictly before the anchor; next: strictly after
        side = [c for c in candidates if (c - anchor).days * rel > 0]
        return _ymd(min(side, key=lambda c: abs((c - anchor).days))) if side else None
    return _ymd(_pick(candidates, anchor, direction))


def _deictic(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    assert anchor is not None
    return _with_part(_ymd(anchor + timedelta(days=p["offset"])), p.get("part"))


def _weekday(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    assert anchor is not None
    weekday, rel = p["weekday"], p.get("rel")
    delta = weekday - anchor.weekday()
    if rel == -1:  # "last Friday": strictly before the anchor
        target = anchor + timedelta(days=(delta % 7) - 7 if delta % 7 else -7)
    elif rel == 1:  # "next Friday": strictly after
        target = anchor + timedelta(days=delta % 7 or 7)
    elif rel == 0:  # "this Friday": in the anchor's (Monday-based) week
        target = anchor + timedelta(days=delta)
    else:
        # A bare weekday is within a week of the anchor, on or before it in past
        # contexts and on or after it in future ones; the anchor's own weekday is the anchor.
        candidates = [anchor + timedelta(days=delta % 7 - 7), anchor + timedelta(days=delta % 7)]
        if delta % 7 == 0:
            candidates = [anchor]
        target = _pick(candidates, anchor, direction)
    return _with_part(_ymd(target), p.get("part"))


def _quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _relunit(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    assert anchor is not None
    unit, rel = p["unit"], p.get("rel")
    if unit == "weekend":
        if rel == -1:
            return _week(anchor - timedelta(days=7), weekend=True)
        if rel == 1:
            return _week(anchor + timedelta(days=7), weekend=True)
        if rel is None and direction < 0 and anchor.weekday() < 5:
            return _week(anchor - timedelta(days=7), weekend=True)  # "the weekend" told in the past tense
        return _week(anchor, weekend=True)
    if rel is None:
        # "the quarter" in a past-tense report is the one just closed; otherwise the current unit
        rel = -1 if (unit == "quarter" and direction < 0) else 0
    if unit == "day":  # "the next day", "that day": only ever anaphoric, see the stage
        return _ymd(anchor + timedelta(days=rel))
    if unit == "week":
        return _week(anchor + timedelta(days=7 * rel))
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, rel)
        return f"{_check_year(y):04d}-{m:02d}"
    if unit == "quarter":
        y, q = _quarter_of(anchor)
        index = y * 4 + (q - 1) + rel
        return f"{_check_year(index // 4):04d}-Q{index % 4 + 1}"
    if unit == "year":
        return f"{_check_year(anchor.year + rel):04d}"
    if unit == "decade":
        return f"{_check_year(anchor.year + 10 * rel) // 10:03d}"
    if unit == "century":
        return f"{_check_year(anchor.year + 100 * rel) // 100:02d}"
    return None


def _season_span(year: int, code: str) -> tuple[date, date]:
    start_month = _SEASON_START[code]
    start = date(year, start_month, 1)
    end_year, end_month = _add_months(year, start_month, 3)
    return start, date(end_year, end_month, 1) - timedelta(days=1)


def _season(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    code = p["season"]
    if p.get("year") is not None:
        return f"{_check_year(p['year']):04d}-{code}"
    assert anchor is not None
    rel = p.get("rel")
    # winter is labelled with the year it starts in (December)
    years = [y for y in range(anchor.year - 2, anchor.year + 2) if _MIN_YEAR <= y < _MAX_YEAR]
    spans = [(y, *_season_span(y, code)) for y in years]
    if rel == -1:  # "last summer": the most recent one already over
        year = max(y for y, _, end in spans if end < anchor)
    elif rel == 1:
        year = min(y for y, start, _ in spans if start > anchor)
    elif rel == 0 or direction == 0:  # "this winter" in January is the one that began in December
        year = anchor.year - 1 if (code == "WI" and anchor.month <= 2) else anchor.year
    elif direction < 0:
        year = max(y for y, start, _ in spans if start <= anchor)
    else:
        year = min(y for y, _, end in spans if end >= anchor)
    return f"{_check_year(year):04d}-{code}"


def _period(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    """Quarters ("the third quarter") and halves ("the first half of 2014")."""
    unit = p["kind"]
    n = p[unit]
    letter = "Q" if unit == "quarter" else "H"
    if p.get("year") is not None:
        return f"{_check_year(p['year']):04d}-{letter}{n}"
    assert anchor is not None
    if p.get("year_rel") is not None:
        return f"{_check_year(anchor.year + p['year_rel']):04d}-{letter}{n}"
    current = (anchor.month - 1) // (3 if unit == "quarter" else 6) + 1
    year = anchor.year
    # A quarter later in the year told in the past is last year's; a future one is next
    # year's only when it is well behind the current one (earnings news often reports
    # the quarter just closed in the present or future tense).
    if direction < 0 and n > current:
        year -= 1
    elif direction > 0 and n < current - 1:
        year += 1
    return f"{_check_year(year):04d}-{letter}{n}"


def _offset(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    assert anchor is not None
    n, unit, sign = p.get("n"), p["unit"], p["direction"]
    if n is None:  # "years ago", "several days later"
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    if n != int(n):
        smaller, factor = _SMALLER.get(unit, (unit, 1))
        n, unit = n * factor, smaller
    k = int(round(n)) * sign
    if unit == "year":
        # "a year earlier" next to "the third quarter" means that quarter a year before
        ref = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|\d{2})", p.get("reference") or "")
        if ref:
            return f"{_check_year(int(ref.group(1)) + k):04d}-{ref.group(2)}"
        if p.get("granularity") == "quarter":  # "the year-ago quarter": the last closed quarter, a year back
            y, q = _quarter_of(anchor)
            index = y * 4 + (q - 1) - 1
            return f"{_check_year(index // 4 + k):04d}-Q{index % 4 + 1}"
        if p.get("granularity") == "month":
            return f"{_check_year(anchor.year + k):04d}-{anchor.month:02d}"
    if unit in ("day", "hour", "minute", "second"):
        days = k if unit == "day" else 0
        return _ymd(anchor + timedelta(days=days))
    if unit in ("week", "fortnight"):
        return _week(anchor + timedelta(days=7 * k * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, k)
        return f"{_check_year(y):04d}-{m:02d}"
    if unit == "quarter":
        y, q = _quarter_of(anchor)
        index = y * 4 + (q - 1) + k
        return f"{_check_year(index // 4):04d}-Q{index % 4 + 1}"
    if unit == "year":
        return f"{_check_year(anchor.year + k):04d}"
    if unit == "decade":
        return f"{_check_year(anchor.year + 10 * k) // 10:03d}"
    if unit == "century":
        return f"{_check_year(anchor.year + 100 * k) // 100:02d}"
    return None


def _duration(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    n, unit = p.get("n"), p["unit"]
    if unit == "decade":
        unit, n = "year", (None if n is None else n * 10)
    elif unit == "century":
        unit, n = "year", (None if n is None else n * 100)
    elif unit == "fortnight":
        unit, n = "week", (None if n is None else n * 2)
    elif unit == "quarter" and n is not None:
        unit, n = "month", n * 3  # ISO 8601 durations have no quarter unit: "three quarters" is P9M
    if n is not None and n != int(n):
        smaller, factor = _SMALLER.get(unit, (unit, 1))
        whole = int(n)
        rest = round((n - whole) * factor)
        if whole and smaller in ("month", "day") and unit in ("year", "week"):
            return f"P{whole}{_DURATION_CODES[unit]}{rest}{_DURATION_CODES[smaller]}"  # "P2Y6M"
        if whole and smaller in _TIME_CODES and unit in _TIME_CODES:
            return f"PT{whole}{_TIME_CODES[unit]}{rest}{_TIME_CODES[smaller]}"  # "PT1M30S"
        n, unit = n * factor, smaller
        n = round(n)
    if unit == "year" and n is not None and n >= 1000 and n % 1000 == 0:
        return f"P{int(n) // 1000}L"  # "two thousand years": TimeML counts whole millennia (L)
    amount = "X" if n is None else str(int(n))
    if unit in _TIME_CODES:
        return f"PT{amount}{_TIME_CODES[unit]}"
    return f"P{amount}{_DURATION_CODES[unit]}"


def _set(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    if "weekday" in p:
        return _with_part(f"XXXX-WXX-{p['weekday'] + 1}", p.get("part"))
    if "season" in p:
        return f"XXXX-{p['season']}"
    if "month" in p:
        return f"XXXX-{p['month']:02d}"
    if "part" in p:
        return f"XXXX-XX-XXT{p['part']}"
    if p["unit"] == "quarter":
        n = p.get("n", 1)
        # "every quarter": TimeML keeps the quarter as the set's period
        return f"P{'X' if n is None else int(n) if n == int(n) else n}Q"
    return _duration({"n": p.get("n", 1), "unit": p["unit"] if p["unit"] != "weekend" else "week"}, anchor, direction)


def _clock(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    day = p.get("day")
    if day is None:
        assert anchor is not None
        day_value = _ymd(anchor)
    else:
        day_value = _normalise(dict(day, part=None) if "part" in day else day, anchor, direction)
        if day_value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day_value):
            return None
    return f"{day_value}T{p['hour']:02d}:{p['minute']:02d}"


def _vague(p: Mapping[str, Any], anchor: date | None, direction: int) -> str | None:
    return p["ref"]


_HANDLERS = {
    "date": _date, "month": _month, "decade": _decade, "century": _century, "holiday": _holiday,
    "deictic": _deictic, "weekday": _weekday, "relunit": _relunit, "season": _season, "quarter": _period,
    "half": _period, "offset": _offset, "duration": _duration, "set": _set, "clock": _clock, "vague": _vague,
}


# --- calendar bounds ---------------------------------------------------------------------

_BOUNDS_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})|-XX)?|W(?P<w>\d{2})(?:-(?P<wd>WE|[1-7]))?"
    r"|(?P<season>SP|SU|FA|WI)|Q(?P<q>[1-4])|H(?P<h>[12])))?(?:T.*)?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)


def _last_of_month(year: int, month: int) -> date:
    y, m = _add_months(year, month, 1)
    return date(y, m, 1) - timedelta(days=1)


def calendar_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last calendar day (ISO ``YYYY-MM-DD``, inclusive) a DATE or TIME value covers.

    ``2015-05-20T14:00`` and ``2015-05-20`` give that day; ``2015-05`` and ``2015-05-XX`` the month; ``2015`` the
    year; ``2015-W20`` Monday to Sunday of ISO week 20; ``2015-W20-WE`` its Saturday and Sunday;
    ``2015-Q2``/``2015-H1`` the quarter/half; ``201`` the decade 2010-2019; ``20`` the century
    2000-2099 (TimeML counts centuries from their "00" year). Seasons are meteorological
    (northern hemisphere, whole months, like the normaliser): spring March-May, summer
    June-August, autumn September-November, winter December to the end of February of the next
    year (``2014-WI`` is December 2014 to February 2015). None for anything that is not a
    calendar period: durations, sets, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, ``XXXX``.
    """
    if not value:
        return None
    m = _BOUNDS_VALUE.fullmatch(value)
    if m is None:
        return None
    try:
        if m["century"]:
            c = int(m["century"])
            first, last = date(max(1, c * 100), 1, 1), date(c * 100 + 99, 12, 31)
        elif m["decade"]:
            d = int(m["decade"])
            first, last = date(max(1, d * 10), 1, 1), date(d * 10 + 9, 12, 31)
        else:
            year = _check_year(int(m["y"]))
            if m["d"]:
                first = last = date(year, int(m["m"]), int(m["d"]))
            elif m["m"]:
                first, last = date(year, int(m["m"]), 1), _last_of_month(year, int(m["m"]))
            elif m["w"]:
                monday = date.fromisocalendar(year, int(m["w"]), 1)
                if m["wd"] == "WE":
                    first, last = monday + timedelta(days=5), monday + timedelta(days=6)
                elif m["wd"]:
                    first = last = monday + timedelta(days=int(m["wd"]) - 1)
                else:
                    first, last = monday, monday + timedelta(days=6)
            elif m["season"]:
                first, last = _season_span(year, m["season"])
            elif m["q"]:
                q = int(m["q"])
                first, last = date(year, 3 * q - 2, 1), _last_of_month(year, 3 * q)
            elif m["h"]:
                h = int(m["h"])
                first, last = date(year, 6 * h - 5, 1), _last_of_month(year, 6 * h)
            else:
                first, last = date(year, 1, 1), date(year, 12, 31)
    except (ValueError, OverflowError):
        return None
    return first.isoformat(), last.isoformat()

"""The recogniser: a precompiled regular grammar of English temporal expressions.

Each rule is a compiled pattern plus a builder that turns a match into *expression
parts* (a plain dict, see :mod:`dateline.times.normalise`) or rejects it. Every rule
runs over the whole text; overlapping candidates are resolved longest-first, then a
clock time next to a day reference ("5 p.m. Friday") is merged into one expression.

Month and weekday names must be capitalised (Title or UPPER case) so that "march",
"may" and "sun" in running text never fire; relative words ("last week") match in any
case. Candidates that are plausible but not certain ("May" with no date cue, a bare
number like "2014" with no "in"/"since"/possessive) are marked ``weak``: the stage keeps
them only when spaCy also saw a DATE there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# --- lexicons (public: the property tests generate expressions from them) -------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Quantity words that leave the number unspecified ("several years" -> PXY).
VAGUE_QUANTITIES = ("a few", "few", "several", "many", "some", "a number of", "a couple of", "couple of", "a dozen")
#: Calendar units as written (singular) -> the normaliser's unit name.
UNITS: dict[str, str] = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "fortnight": "fortnight", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "decade", "century": "century", "centuries": "century",
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21, "final": 4,
}
#: Fixed-date and computed holidays (see ``normalise._holiday_date``).
HOLIDAYS: dict[str, str] = {
    "Christmas": "christmas", "Christmas Day": "christmas", "Christmas Eve": "christmas_eve",
    "New Year's Day": "new_year", "New Year's Eve": "new_year_eve", "Boxing Day": "boxing_day",
    "Halloween": "halloween", "Valentine's Day": "valentine", "Independence Day": "independence_day",
    "the Fourth of July": "independence_day", "Anzac Day": "anzac_day", "Waitangi Day": "waitangi_day",
    "Thanksgiving": "thanksgiving", "Thanksgiving Day": "thanksgiving", "Labor Day": "labor_day",
    "Memorial Day": "memorial_day", "Easter": "easter", "Easter Sunday": "easter", "Good Friday": "good_friday",
    "Easter Monday": "easter_monday",
}
_HOLIDAY_LOOKUP = {k.lower(): v for k, v in HOLIDAYS.items()}
#: Words before a bare four-digit number that make it a year ("in 2014", "since 1990").
YEAR_CUES = frozenset(
    "in since by until till through throughout during from to before after of between and or early late mid "
    "circa around about year fiscal spring summer autumn fall winter january february march april may june july "
    "august september october november december".split()
)
#: Rel words and the direction they give (None: decided by tense or "current").
REL_WORDS: dict[str, int | None] = {
    "this": 0, "current": 0, "the current": 0, "the present": 0, "present": 0,
    "last": -1, "past": -1, "previous": -1, "the past": -1, "the last": -1, "the previous": -1,
    "this past": -1, "the latest": -1, "latest": -1,
    "next": 1, "coming": 1, "the coming": 1, "the next": 1, "this coming": 1, "the following": 1, "following": 1,
    "the preceding": -1, "preceding": -1, "that": 0, "the same": 0, "that same": 0, "the full": 0,
    "the": None,
}
#: Rel words that are *anaphoric*: relative to a time the text has just mentioned ("the following
#: week", "that year"), where "next"/"last" are deictic, relative to the time of writing. TimeML
#: (TIMEX3 ``anchorTimeID``) anchors such expressions to that time, and so does the stage when
#: the text gives one; otherwise they fall back to the publication date.
ANAPHORIC_RELS = frozenset(
    {"the following", "following", "the previous", "previous", "the preceding", "preceding", "that", "the same", "that same"}
)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so none shadows a longer one."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)) + ")"


def _capitalised(words: Iterable[str]) -> str:
    """Alternation of Title-case and UPPER-case forms (names must be capitalised)."""
    forms = set()
    for w in words:
        forms.add(w.title())
        forms.add(w.upper())
    return _alt(forms)


_NUM_WORD = (
    rf"(?:{_alt(TENS_WORDS)}(?:[-\s]{_alt(w for w, n in NUMBER_WORDS.items() if 0 < n < 10)})?"
    rf"|(?:{_alt(w for w, n in NUMBER_WORDS.items() if 0 < n < 10)}|a)\s+(?:hundred|thousand)|{_alt(NUMBER_WORDS)})"
)
#: A quantity: digits, number words, "a"/"an", or a vague quantity.
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s1/2|½)?|{_NUM_WORD}(?:\s+and\s+a\s+half)?"
    rf"|{_alt(VAGUE_QUANTITIES)}|half\s+an?|an?)"
)
_UNIT_RE = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
# Quantity modifiers that TIMEX3 keeps inside the expression because its ``mod`` attribute encodes
# them (APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE). Focus adverbs such as "just"
# and "only" have no ``mod`` value, so they stay outside ("just a few minutes" -> "a few minutes").
# A modifier never attaches to a vague quantity: "over several years" is no more precise than
# "several years" (PXY either way), and TimeML annotators leave it out.
_APPROX = (
    r"(?:(?:about|around|nearly|almost|roughly|approximately|some|over|more\s+than|less\s+than|fewer\s+than"
    r"|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|at\s+least|at\s+most|up\s+to|under|upwards\s+of)\s+"
    r"(?!(?:a\s+few|few|several|many|some|a\s+number\s+of|a\s+couple\s+of|couple\s+of)\b))"
)
_MONTH_FULL = _capitalised(MONTHS)
_MONTH_ABBR = _capitalised(MONTH_ABBREVIATIONS) + r"\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = _capitalised(WEEKDAYS)
_MOD = r"(?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)(?:-\s?|\s+))"
_PART = r"(?:morning|afternoon|evening|night)"
# "before"/"after" used as an adverb, not a preposition: the clause or sentence ends, or a
# conjunction follows ("two days before." but not "two days before the vote").
_ADVERB_END = r"(?=\s*(?:[.,;:!?)\"”]|$)|\s+(?:and|or|but|when)\b)"
_B = r"(?<![\w])"  # start boundary
_E = r"(?![\w])"  # end boundary


@dataclass
class Candidate:
    """A recognised expression: its span, its parts for the normaliser, and whether it is weak."""

    start: int
    end: int
    parts: dict[str, Any]
    weak: bool = False
    rule: str = field(default="", compare=False)


Builder = Callable[[re.Match[str], str], "dict[str, Any] | tuple[dict[str, Any], bool] | None"]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    builder: Builder
    # A rule whose every match contains a keyword (a unit word, "ago", a month name)
    # runs only in a window around each keyword: patterns that open with long optional
    # alternations are slow when tried at every character of an article.
    keyword: re.Pattern[str] | None = None
    before: int = 0
    after: int = 0


_RULES: list[_Rule] = []


def _rule(name: str, pattern: str, keyword: str | None = None, before: int = 80, after: int = 40) -> Callable[[Builder], Builder]:
    """Register a grammar rule: the pattern (compiled once, at import), its builder and keyword."""

    def decorator(builder: Builder) -> Builder:
        kw = re.compile(keyword) if keyword else None
        _RULES.append(_Rule(name, re.compile(pattern), builder, kw, before, after))
        return builder

    return decorator


_UNIT_KEYWORD = r"(?i:\b(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur))"


# --- helpers for builders -------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """A written quantity as a number; None for vague quantities ("several")."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2") or t.endswith("½"):
        t, half = t.rstrip("½").removesuffix(" 1/2").strip(), 0.5
    if t in ("a couple of", "couple of"):
        return 2 + half
    if t == "a dozen":
        return 12 + half
    if t in VAGUE_QUANTITIES:
        return None
    if t.startswith("half "):
        return 0.5
    if t in ("a", "an"):
        return 1 + half
    scale = re.fullmatch(r"(\w+) (hundred|thousand)", t)
    if scale:  # "a hundred", "two thousand"
        count = 1 if scale.group(1) == "a" else NUMBER_WORDS.get(scale.group(1))
        if count is None:
            return None
        return count * (100 if scale.group(2) == "hundred" else 1000) + half
    if re.fullmatch(r"[\d,]+(\.\d+)?", t):
        value = float(t.replace(",", ""))
        return (int(value) if value.is_integer() else value) + half
    words = re.split(r"[-\s]", t)
    total = 0
    for w in words:
        if w in TENS_WORDS:
            total += TENS_WORDS[w]
        elif w in NUMBER_WORDS:
            total += NUMBER_WORDS[w]
        else:
            return None
    return total + half


def _unit(word: str) -> str:
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    return UNITS.get(w[:-1], "year") if w.endswith("s") else "year"


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def _rel(word: str | None) -> int | None:
    return REL_WORDS.get(re.sub(r"\s+", " ", word.lower())) if word else None


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s\-]*$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def _year(m: re.Match[str], group: str = "y") -> int | None:
    y = m.group(group)
    return int(y) if y else None


def _valid_day(day: int) -> bool:
    return 1 <= day <= 31


# --- rules: absolute dates -------------------------------------------------------------


@_rule("iso", rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?{_E}")
def _iso(m: re.Match[str], text: str):
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and _valid_day(day)):
        return None
    parts = {"kind": "date", "year": int(m["y"]), "month": month, "day": day}
    if m["H"]:
        return {"kind": "clock", "hour": int(m["H"]), "minute": int(m["M"]), "day": parts}
    return parts


@_rule("slash", r"(?<![\w/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4})(?![\w/])")
def _slash(m: re.Match[str], text: str):
    # US order (month/day/year) first, as most English wire copy; day/month/year when the first is > 12.
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 else (b, a)
    if not (1 <= month <= 12 and _valid_day(day)):
        return None
    return {"kind": "date", "year": int(m["y"]), "month": month, "day": day}


#: Ordinal words for the days of a month ("March eighth", "the twenty-first").
DAY_ORDINALS: dict[str, int] = {
    w: n for w, n in ORDINALS.items() if w != "final" and " " not in w and "-" not in w
} | {"thirtieth": 30} | {
    f"{tens} {unit}": t + u
    for tens, t in (("twenty", 20), ("thirty", 30))
    for unit, u in (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
                    ("seventh", 7), ("eighth", 8), ("ninth", 9))
    if t + u <= 31
}
_DAY_ORDINAL = "(?i:" + "|".join(
    w.replace(" ", r"[-\s]") for w in sorted(DAY_ORDINALS, key=len, reverse=True)
) + ")"


@_rule(
    "month-day-year",
    rf"{_B}(?:(?:(?i:this\s+coming|this\s+past|this|next|last|coming)\s+)?(?P<wd>{_WEEKDAY}),?\s+)?(?P<mod>{_MOD})?(?P<mon>{_MONTH})(?:\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?|\s+(?P<dw>{_DAY_ORDINAL}))(?![\d\w])"
    rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?",
    keyword=_MONTH, before=45, after=30,
)
def _mdy(m: re.Match[str], text: str):
    # "March 8", and as broadcast transcripts spell it, "March eighth"
    day = int(m["d"]) if m["d"] else DAY_ORDINALS[re.sub(r"[-\s]+", " ", m["dw"].lower())]
    if not _valid_day(day):
        return None
    return {"kind": "date", "year": _year(m), "month": _month(m["mon"]), "day": day}


@_rule(
    "day-month-year",
    rf"{_B}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})"
    rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?{_E}",
    keyword=_MONTH, before=40, after=12,
)
def _dmy(m: re.Match[str], text: str):
    day = int(m["d"])
    if not _valid_day(day):
        return None
    return {"kind": "date", "year": _year(m), "month": _month(m["mon"]), "day": day}


@_rule("month-year", rf"{_B}(?P<mod>{_MOD})?(?P<mon>{_MONTH})(?:,?\s+|\s+of\s+)(?P<y>\d{{4}})(?!\d)")
def _month_year(m: re.Match[str], text: str):
    return {"kind": "date", "year": int(m["y"]), "month": _month(m["mon"])}


@_rule("month-rel-year", rf"{_B}(?P<mon>{_MONTH_FULL})\s+(?:(?i:of)\s+)?(?P<rel>(?i:this|last|next))\s+(?i:year){_E}")
def _month_rel_year(m: re.Match[str], text: str):
    return {"kind": "month", "month": _month(m["mon"]), "year_rel": _rel(m["rel"])}


@_rule(
    "month",
    rf"{_B}(?P<mod>(?i:{_MOD}))?(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming|past))\s+)?"
    rf"(?P<mon>{_MONTH_FULL}|(?:Sept|SEPT|Jan|JAN|Feb|FEB|Aug|AUG|Oct|OCT|Nov|NOV|Dec|DEC)\.){_E}",
    keyword=_MONTH_FULL + "|" + _MONTH_ABBR, before=40, after=5,
)

def _month_rule(m: re.Match[str], text: str):
    parts = {"kind": "month", "month": _month(m["mon"]), "rel": _rel(m["rel"])}
    cued = bool(m["mod"] or m["rel"]) or _prev_word(text, m.start()) in YEAR_CUES
    if m["mon"].lower() == "may" and not cued:
        return parts, True  # "May" the modal verb or the name: only if spaCy agrees it is a date
    if m["mon"].lower() == "march" and not cued:
        return parts, True  # "March" the protest ("the March for ...")
    return parts


@_rule(
    "year",
    rf"(?<![\w$€£.,/-])(?P<pre>(?i:{_MOD})?(?:(?i:the\s+)?(?i:fiscal\s+)?(?i:year)\s+|(?i:fiscal)\s+|FY\s?)?)"
    rf"(?P<y>1\d{{3}}|20\d\d)(?P<poss>'s|’s)?(?![\w%]|[.,]\d|-\d|/)",
    keyword=r"\d{4}", before=40, after=5,
)

def _year_rule(m: re.Match[str], text: str):
    year = int(m["y"])
    if year < 1000:
        return None
    parts = {"kind": "date", "year": year}
    if m["pre"] or m["poss"]:
        return parts
    if _ZONE_AFTER.match(text, m.end()):
        return None  # "at 1830 GMT": a 24-hour clock time (see the clock rule)
    prev = _prev_word(text, m.start())
    nxt = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 30])
    if nxt and nxt.group(1).endswith("s") and len(nxt.group(1)) > 3 and nxt.group(1) not in ("was", "has", "is", "as"):
        return parts, True  # "in 2000 homes": a count, unless spaCy says otherwise
    if prev in YEAR_CUES:
        return parts
    if text[max(0, m.start() - 1) : m.start()] == "(" and text[m.end() : m.end() + 1] == ")":
        return parts  # "(2014)"
    return parts, True


_DIGIT_WORDS = _alt(w for w, n in NUMBER_WORDS.items() if 0 < n < 10)


@_rule(
    "spoken-year",
    rf"{_B}(?:(?P<mon>{_MONTH_FULL})\s+|(?P<pre>(?i:the\s+)?(?i:year)\s+))?"
    rf"(?i:(?P<c>nineteen|eighteen|twenty)[-\s]+(?:(?P<t>{_alt(TENS_WORDS)})(?:[-\s]+(?P<u>{_DIGIT_WORDS}))?"
    rf"|(?P<teen>{_alt(w for w, n in NUMBER_WORDS.items() if 10 <= n <= 19)})|oh[-\s]+(?P<oh>{_DIGIT_WORDS}))"
    rf"|two\s+thousand(?:\s+and)?(?:[-\s]+(?P<k>{_alt(w for w, n in NUMBER_WORDS.items() if 0 < n < 20)}))?){_E}",
)
def _spoken_year(m: re.Match[str], text: str):
    # "nineteen ninety-six", "two thousand and one": spoken years, common in broadcast transcripts;
    # "the year two thousand" and "January nineteen ninety-seven" take their cue word in
    nxt = re.match(r"\s+([a-z]+s)\b", text[m.end() : m.end() + 30])
    if nxt and len(nxt.group(1)) > 3 and nxt.group(1) not in ("this", "thus"):
        return None  # "two thousand years", "nineteen twenty-five dollars": a count
    if m["c"]:
        year = NUMBER_WORDS[m["c"].lower()] * 100
        if m["t"]:
            year += TENS_WORDS[m["t"].lower()] + (NUMBER_WORDS[m["u"].lower()] if m["u"] else 0)
        else:
            year += NUMBER_WORDS[(m["teen"] or m["oh"]).lower()]
    else:
        year = 2000 + (NUMBER_WORDS[m["k"].lower()] if m["k"] else 0)
    parts: dict[str, Any] = {"kind": "date", "year": year}
    if m["mon"]:
        return dict(parts, month=_month(m["mon"]))
    if m["pre"]:
        return parts
    return parts, _prev_word(text, m.start()) not in YEAR_CUES


@_rule(
    "decade",
    rf"{_B}(?P<pre>(?i:the\s+)?(?i:(?:early|late|mid)[-\s]?)?)(?:(?P<d4>\d{{3}}0)(?P<apos>['’])?s|['’](?P<d2>\d0)s"
    rf"|(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))){_E}",
    keyword=r"(?:0['’]?s|[Tt][Ii][Ee][Ss])(?![\w])", before=25, after=0,
)
def _decade(m: re.Match[str], text: str):
    if m["apos"] and not m["pre"]:
        return None  # "1990's budget" is the year's; "the 1990's" (as The New York Times writes it) the decade
    if m["d4"]:
        digits = m["d4"]
        if digits.endswith("00"):
            return {"kind": "century", "century": int(digits[:2])}  # "the 1800s"
        return {"kind": "decade", "decade": int(digits[:3])}
    if m["word"]:
        if not m["pre"].lower().startswith("the"):
            return None  # "in his forties" is an age
        tens = TENS_WORDS[m["word"].lower()[:-3] + "y"]
        return {"kind": "decade", "decade2": tens // 10}
    return {"kind": "decade", "decade2": int(m["d2"]) // 10}


@_rule(
    "century",
    rf"{_B}(?:(?i:the)\s+)?(?P<mod>(?i:{_MOD}))?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?i:{_alt(ORDINALS)}))[-\s](?i:century){_E}",
    keyword=r"(?i:century)", before=50, after=10,
)

def _century(m: re.Match[str], text: str):
    o = m["ord"].lower()
    n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else ORDINALS.get(re.sub(r"\s+", " ", o), 0)
    if not 1 <= n <= 30:
        return None
    return {"kind": "century", "century": n - 1}


_HOLIDAY_RE = _alt(HOLIDAYS).replace("'", "['’]")


@_rule(
    "holiday",
    rf"{_B}(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this))\s+)?(?P<name>{_HOLIDAY_RE})(?:,?\s+(?P<y>\d{{4}})(?!\d))?{_E}",
)
def _holiday(m: re.Match[str], text: str):
    name = re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'")
    # "last Thanksgiving": the latest one before the anchor, "next Easter" the first after
    return {"kind": "holiday", "holiday": _HOLIDAY_LOOKUP[name], "year": _year(m), "rel": _rel(m["rel"])}


# --- rules: relative and deictic dates ------------------------------------------------


# An acronym or a possessive right before a capitalised "Today"/"Tonight" makes it part of a name.
_NAME_BEFORE = re.compile(r"(?:\b[A-Z]{2,5}|['’]s)\s+\Z")


@_rule(
    "deictic",
    rf"{_B}(?i:(?P<mod>(?:late|early)\s+)?(?:(?P<word>today|yesterday|tomorrow|tonight)"
    rf"(?:(?:'s|’s)?\s+(?P<part>{_PART}))?|(?:(?:earlier|later)\s+)?(?P<rel>this|last|that|the\s+following|the\s+next|the\s+previous)\s+(?P<part2>{_PART})"
    rf"|the\s+day\s+(?P<dba>before\s+yesterday|after\s+tomorrow))){_E}",
    keyword=r"(?i:\b(?:today|yesterday|tomorrow|tonight|morning|afternoon|evening|night|day)\b)", before=30, after=30,
)
def _deictic(m: re.Match[str], text: str):
    part = m["part"] or m["part2"]
    if m["dba"]:
        offset = -2 if m["dba"].lower().startswith("before") else 2
    elif m["word"]:
        word = m["word"].lower()
        if m["word"].istitle() and not m["mod"] and _NAME_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            # "USA Today", "VOA Today", "NBC's Today show": a title, not a date (in Title case
            # only: in an upper-case headline, "UN MEETS TODAY" is the date)
            return None
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        if word == "tonight":
            part = "night"
    else:
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        offset = -1 if (rel == "last" and part.lower() == "night") else 0
        if rel == "last" and part.lower() != "night":
            return None  # "last morning" is not an expression
        if rel == "that":  # "that night": the night of the day just mentioned
            return {"kind": "deictic", "offset": 0, "part": PARTS_OF_DAY[part.lower()], "anaphoric": True}
        if rel.startswith("the"):  # "the following morning", "the previous night": the day after or before it
            offset = -1 if rel.endswith("previous") else 1
            return {"kind": "deictic", "offset": offset, "part": PARTS_OF_DAY[part.lower()], "anaphoric": True}
    return {"kind": "deictic", "offset": offset, "part": PARTS_OF_DAY[part.lower()] if part else None}


@_rule(
    "part-of-day",
    rf"{_B}(?:(?i:in|during|by|until|through|on)\s+(?P<span>(?i:the\s+)(?P<mod>(?i:early|late|mid)[-\s]?)?(?P<p1>(?i:morning|afternoon|evening)))"
    rf"|(?P<span2>(?P<mod2>(?i:early|late|mid)[-\s]?)(?P<p2>(?i:morning|afternoon|evening))))(?![\w-])",
    keyword=r"(?i:\b(?:morning|afternoon|evening))", before=30, after=10,
)
def _part_of_day(m: re.Match[str], text: str):
    # "in the morning", "by mid afternoon": that part of the day the story is telling (TimeML
    # TIME, e.g. 1998-03-06TAF), the publication day when it names no other
    part = PARTS_OF_DAY[(m["p1"] or m["p2"]).lower()]
    span = m.span("span") if m["span"] else m.span("span2")
    return {"kind": "deictic", "offset": 0, "part": part, "anaphoric": True, "_span": span}


@_rule(
    "clock-part",
    rf"{_B}(?P<h>1[0-2]|[1-9])\s+(?:o['’]clock\s+)?in\s+the\s+(?P<p>(?i:morning|afternoon|evening)){_E}",
    keyword=r"(?i:\b(?:morning|afternoon|evening))", before=25, after=2,
)
def _clock_part(m: re.Match[str], text: str):
    # "4 in the morning": a clock time whose half of the day the part of the day gives
    hour = int(m["h"]) % 12 + (0 if m["p"].lower() == "morning" else 12)
    return {"kind": "clock", "hour": hour, "minute": 0, "day": None}


@_rule(
    "weekday",
    rf"{_B}(?:(?P<rel>(?i:this\s+past|this\s+coming|the\s+previous|the\s+following|last|next|this|coming|past|early|late))\s+)?"
    rf"(?P<wd>{_WEEKDAY})(?P<pl>s)?(?:\s+(?P<part>(?i:{_PART})))?{_E}",
    keyword=_WEEKDAY, before=25, after=15,
)
def _weekday(m: re.Match[str], text: str):
    rel = re.sub(r"\s+", " ", m["rel"].lower()) if m["rel"] else None
    wd = WEEKDAYS[m["wd"].lower()]
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else None
    if m["pl"]:
        return {"kind": "set", "weekday": wd, "part": part}  # "on Mondays"
    parts = {"kind": "weekday", "weekday": wd, "rel": _rel(rel) if rel in REL_WORDS else None, "part": part}
    if rel in ANAPHORIC_RELS:
        # "the previous Friday": the Friday before the day the story just told, counted at day level
        parts.update(anaphoric=True, unit="day")
    return parts


@_rule(
    "rel-unit",
    rf"{_B}(?i:(?P<mod>{_MOD}|(?:earlier|later)\s+)?(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous"
    rf"|the\s+coming|the\s+next|the\s+current|the\s+present|the\s+latest|the\s+following|the\s+preceding|the\s+same"
    rf"|that\s+same|the\s+full"
    rf"|this|last|next|past|previous|preceding|following|coming|current|latest|that|the)\s+(?P<fiscal>fiscal\s+)?"
    rf"(?P<unit>weekend|week|month|year|quarter|decade|century|spring|summer|autumn|fall|winter|day)){_E}",
    keyword=r"(?i:weekend|week|month|year|quarter|decade|century|spring|summer|autumn|fall|winter|day)", before=50, after=12,
)

def _rel_unit(m: re.Match[str], text: str):
    rel_word = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    anaphoric = rel_word in ANAPHORIC_RELS
    if anaphoric and text[m.end() : m.end() + 1] in ("-", "‑"):
        return None  # "that day-to-day work", "the same year-end": a compound, not a time
    if text[max(0, m.start() - 1) : m.start()] in ('"', "“") and all(w[0].isupper() for w in m.group().split()):
        return None  # ABC's "This Week With David Brinkley": a quoted title
    if rel_word == "the" and unit == "year" and re.match(r"\s+(?:ended|ending)\b", text[m.end() : m.end() + 10]):
        return {"kind": "duration", "n": 1, "unit": "year"}  # "the (fiscal) year ended June 30": a twelve-month period
    if rel_word == "the" and unit in ("day", "week", "month", "year") and not m["mod"] and not m["fiscal"]:
        after = _BEFORE_AFTER.match(text, m.end())
        if after:  # "the day before", "the year after": a unit counted from the time just told
            rel = -1 if after["w"].lower() in ("before", "earlier") else 1
            return {"kind": "relunit", "unit": unit, "rel": rel, "anaphoric": True, "_span": (m.start(), after.end("w"))}
    if unit == "quarter" and rel_word in ("the", "the same"):
        end = _QUARTER_END.match(text, m.end())
        if end:  # "the quarter ended Sept. 30": the quarter that date closes
            return {"kind": "quarter", "quarter": (_month(end["mon"]) - 1) // 3 + 1, "year": _year(end), "year_rel": None}
    if unit == "day":
        # only the narrative forms: "the next day", "the following day", "that day", "the same day"
        if not (anaphoric or rel_word == "the next") or m["fiscal"]:
            return None
        return {"kind": "relunit", "unit": "day", "rel": _rel(rel_word), "anaphoric": True}
    if anaphoric and unit not in SEASONS and not m["fiscal"]:
        return {"kind": "relunit", "unit": unit, "rel": _rel(rel_word), "anaphoric": True}
    if unit in SEASONS:
        if unit == "fall" and rel_word == "the":
            return None  # "the fall of Ramadi"
        return {"kind": "season", "season": SEASONS[unit], "rel": _rel(rel_word)}
    if rel_word == "the" and unit in ("decade", "century"):
        return None  # "the decade" is usually a span of a story's narrative, not a calendar date
    if rel_word == "the next" and m["mod"] is None and unit in ("week", "month", "quarter", "year") and not m["fiscal"]:
        # "in the next year" counts from now; "he left the next year", told in the past, from the
        # time just narrated: the stage decides by the tense (see ``narrative_next``)
        parts = _rel_unit_parts(unit)
        parts["narrative_next"] = True
        return parts
    if rel_word in ("the last", "the past", "the next") and m["mod"] is None and unit != "weekend":
        # "the past year" reads as the last twelve months: a duration in TimeML practice for weeks/months
        if unit in ("week", "month"):
            return {"kind": "duration", "n": 1, "unit": unit}
        if (unit == "decade" and rel_word != "the last") or (unit == "century" and rel_word == "the past"):
            # "over the past decade", "in the next decade", "the past century": ten or a hundred
            # years up to or from now, not a calendar decade ("the next decade" said in 2001 is
            # not the 2010s). "The last century" and "the next century" are calendar ones.
            return {"kind": "duration", "n": 1, "unit": unit}
    return {"kind": "relunit", "unit": unit, "rel": _rel(rel_word)}


def _rel_unit_parts(unit: str) -> dict[str, Any]:
    """"the next week/month" read from now: a stretch of one unit (P1W, P1M); "the next quarter/year": the one after this."""
    if unit in ("week", "month"):
        return {"kind": "duration", "n": 1, "unit": unit}
    return {"kind": "relunit", "unit": unit, "rel": 1}


# "the day before." is a date; "the day before the vote" is anchored on an event.
_BEFORE_AFTER = re.compile(rf"\s+(?P<w>(?i:before|earlier|after|later)){_ADVERB_END}")
_QUARTER_END = re.compile(rf"\s+(?:that\s+)?(?i:ended|ending|to)\s+(?:(?i:on)\s+)?(?P<mon>{_MONTH})(?:\s*[0-3]?\d(?!\d))?(?:,?\s+(?P<y>\d{{4}}))?")


@_rule(
    "month-quarter",
    rf"{_B}(?:(?i:the)\s+)?(?P<mon>March|June|September|Sept\.|December|Dec\.|MARCH|JUNE|SEPTEMBER|DECEMBER)[-\s](?i:quarter)"
    rf"(?:\s+(?:(?i:of)\s+)?(?P<y>\d{{4}})(?!\d))?{_E}",
    keyword=r"(?i:quarter)", before=20, after=12,
)
def _month_quarter(m: re.Match[str], text: str):
    # "the June quarter", "the September quarter of 2014": the quarter that month closes, as
    # companies reporting on calendar quarters name them
    return {"kind": "quarter", "quarter": _month(m["mon"]) // 3, "year": _year(m), "year_rel": None}


@_rule("within", rf"{_B}(?i:(?P<mod>earlier|later|early|late)\s+(?:in|during)\s+the\s+(?P<unit>week|month|year|day)){_E}")
def _within(m: re.Match[str], text: str):
    unit = m["unit"].lower()
    if unit == "day":
        return {"kind": "deictic", "offset": 0, "part": None}
    return {"kind": "relunit", "unit": unit, "rel": 0}


@_rule(
    "season",
    rf"{_B}(?:(?i:the)\s+)?(?P<mod>(?i:{_MOD}))?(?P<s>(?i:spring|summer|autumn|fall|winter))(?:\s+of)?\s+(?P<y>\d{{4}})(?!\d)",
    keyword=r"(?i:spring|summer|autumn|fall|winter)", before=40, after=15,
)
def _season(m: re.Match[str], text: str):
    return {"kind": "season", "season": SEASONS[m["s"].lower()], "year": int(m["y"])}


@_rule("season-bare", rf"(?<=\b[Ii]n\s)(?:the\s+)?(?P<s>(?i:spring|summer|autumn|winter)){_E}")
def _season_bare(m: re.Match[str], text: str):
    return {"kind": "season", "season": SEASONS[m["s"].lower()], "rel": None}


@_rule(
    "quarter",
    rf"{_B}(?:(?i:the)\s+)?(?:(?P<ypre>\d{{4}})(?:'s|’s)?\s+|(?P<rel>(?i:this\s+year's|last\s+year's|next\s+year's"
    rf"|this\s+year’s|last\s+year’s|next\s+year’s))\s+)?(?i:fiscal[-\s]+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
    rf"[-\s](?i:fiscal[-\s])?(?P<unit>(?i:quarter|half))(?:\s+(?:(?i:of)\s+)?(?i:fiscal\s+)?(?P<y>\d{{4}})(?!\d)"
    rf"|\s+(?i:of)\s+(?P<yrel>(?i:this|last|next|the))\s+(?i:fiscal\s+)?(?i:year)(?!['’-]))?{_E}",
    keyword=r"(?i:quarter|half)", before=50, after=40,
)

def _quarter(m: re.Match[str], text: str):
    o = m["ord"].lower()
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}[o]
    unit = m["unit"].lower()
    if o == "last" and not (m["y"] or m["ypre"] or m["rel"]):
        return None  # a bare "last quarter" is the previous quarter (rel-unit), "the last half of 1989" is H2
    if unit == "half":
        n = 2 if o in ("final", "last") else n  # "the final half", "the last half": the second
        if n > 2:
            return None
    year = _year(m) or (int(m["ypre"]) if m["ypre"] else None)
    year_rel = None
    if m["rel"]:
        year_rel = {"this": 0, "last": -1, "next": 1}[m["rel"].split()[0].lower()]
    elif m["yrel"]:  # "the second half of next year"; "of the year" leaves the year to the tense
        year_rel = {"this": 0, "last": -1, "next": 1, "the": None}[m["yrel"].lower()]
    return {"kind": unit, unit: n, "year": year, "year_rel": year_rel}


@_rule("quarter-code", rf"{_B}(?:(?P<ypre>\d{{4}})\s+)?(?P<q>Q[1-4]|H[12])(?:\s+(?P<y>\d{{4}}))?{_E}")
def _quarter_code(m: re.Match[str], text: str):
    year = _year(m) or (int(m["ypre"]) if m["ypre"] else None)
    unit = "quarter" if m["q"][0] == "Q" else "half"
    return {"kind": unit, unit: int(m["q"][1]), "year": year, "year_rel": None}


@_rule(
    "offset",
    rf"{_B}(?i:(?P<approx>{_APPROX})?(?:(?P<num>{NUMBER})[-\s]+)?(?P<unit>{_UNIT_RE})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+"
    rf"(?P<dir>ago|earlier|later|from\s+now|from\s+today|hence|back|(?:before|after){_ADVERB_END}))(?![\w])",
    keyword=r"(?i:\b(?:ago|earlier|later|now|today|hence|back|before|after)\b)", before=100, after=5,
)

def _offset(m: re.Match[str], text: str):
    if m["num"] is None and not m["unit"].lower().endswith("s"):
        return None  # "year later" without a quantity
    n = parse_number(m["num"]) if m["num"] else None
    if n is not None and m["half"]:
        n += 0.5
    # "two days before" and "a year after", used as adverbs, say what "earlier" and "later" say
    word = {"before": "earlier", "after": "later"}.get(m["dir"].lower(), m["dir"].lower())
    direction = 1 if word.split()[0] in ("later", "from", "hence") else -1
    if word == "back" and m["num"] is None:
        return None
    unit = _unit(m["unit"])
    if word in ("later", "earlier") and (n is None or unit in ("hour", "minute", "second")):
        # "a few days later", "an hour and a half later": no calendar date can be told (the
        # quantity is vague, or finer than the day the story gives), so, as TimeBank does, the
        # quantity alone is the expression, a DURATION; "later" is a signal outside it
        end = m.end("half") if m["half"] else m.end("unit")
        return {"kind": "duration", "n": n, "unit": unit, "_span": (m.start(), end)}
    parts = {"kind": "offset", "n": n, "unit": unit, "direction": direction}
    if word in ("later", "earlier"):
        parts["anaphoric"] = True  # "two days later": later than the time just told, not than today
    return parts


@_rule(
    "year-ago",
    rf"{_B}(?i:(?:(?:a|the)\s+)?(?:(?:comparable|corresponding|same)\s+)?year-(?:earlier|ago)"
    rf"(?:\s+(?P<what>quarter|period|month|week))?"
    rf"|(?:the\s+)?(?:comparable|corresponding|same)\s+(?P<what2>quarter|period|month|week)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))"
    rf"|last\s+year['’]s\s+(?:(?:comparable|corresponding|same)\s+)?(?P<what3>quarter|period|month|week)){_E}",
)
def _year_ago(m: re.Match[str], text: str):
    # "the year-ago quarter", "the corresponding period last year", "last year's quarter": the
    # period a report compares against, a year before the one it reports (see the stage)
    parts = {"kind": "offset", "n": 1, "unit": "year", "direction": -1}
    what = m["what"] or m["what2"] or m["what3"]
    if what and what.lower() != "period":
        parts["granularity"] = what.lower()
    return parts


# --- rules: durations, sets, clock times, vague references -----------------------------


# Number words of a count ("seven days a week"), for rates whose count is spelt out.
_COUNT_WORDS = "|".join(w for w, n in {**NUMBER_WORDS, **TENS_WORDS}.items() if n > 1)

# Words that may follow "a second" the unit of time ("a second later", "for a second or two");
# any other word makes it the ordinal ("a second group").
_AFTER_A_SECOND = frozenset(
    "or and of later earlier before after ago longer in to at for when while than per each".split()
)


@_rule(
    "duration",
    rf"{_B}(?i:(?P<det>the\s+(?:(?:past|last|next|first|previous|coming|following|final|initial|latest|remaining)\s+"
    rf"|(?=(?:\S+\s+){{1,3}}?(?:seconds|minutes|hours|days|weeks|fortnights|months|quarters|years|decades|centuries)\b)))?"
    rf"(?P<approx>{_APPROX})?(?P<num>{NUMBER})(?:\s+(?:more|additional|further|full|straight|consecutive))?[-\s]+"
    rf"(?P<unit>{_UNIT_RE})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?){_E}",
    keyword=_UNIT_KEYWORD, before=80, after=26,
)

def _duration(m: re.Match[str], text: str):
    n = parse_number(m["num"])
    if n is not None and m["half"]:
        n += 0.5
    num = m["num"].lower()
    unit = _unit(m["unit"])
    plural = m["unit"].lower().endswith("s") or m["unit"].lower() == "centuries"
    if num in ("a", "an") and plural:
        return None
    if num == "some" and not plural:
        return None  # "some day", "some time": an unspecified point, not a stretch of time
    if n is not None and n == 1 and plural and num not in ("1",):
        return None
    before = text[max(0, m.start() - 20) : m.start()]
    if num in ("a", "an") and re.search(r"(?:\d|million|billion|trillion|(?<!per\s)(?<!per)cents?|dollars?)\s*$", before) and re.search(
        r"[$€£¥]|\b(?<!per\s)(?<!per)cents?\b|\bdollars?\b", text[max(0, m.start() - 40) : m.start()]
    ):
        # "$1.76 a year", "save $500 million a year": the period of a rate of money, which TimeML
        # annotators mostly leave unmarked (3 of 4 on the TimeBank development half)
        return None
    if num in ("a", "an", "per") and re.search(r"(?:[\d%]|million|billion|times|once|twice|\bper\s?cent|\bpercentage\s+points?)\s*$", before):
        return {"kind": "set", "unit": unit, "n": 1}  # "twice a day", "5% a year", "2 percent a month"
    if num in ("a", "an", "per") and re.search(
        rf"(?:\d|\b(?:hundred|thousand|million|billion|dozen|{_COUNT_WORDS}))\s+[a-z]+s\s*$", text[max(0, m.start() - 40) : m.start()], re.IGNORECASE
    ):
        return {"kind": "set", "unit": unit, "n": 1}  # "50,000 CDs a year", "three meetings a month", "seven days a week"
    if unit == "quarter" and n is None and num not in ("several", "a few", "few", "a couple of", "couple of"):
        return None  # "in some quarters", "many quarters": places or circles, not periods
    if re.match(r"[-\s]olds?\b", text[m.end() : m.end() + 6]):
        return None  # "a 6-year-old": an age, not a duration
    if unit == "second" and num in ("a", "an", "one") and not plural:
        nxt = re.match(r"\s+([A-Za-z]+)", text[m.end() : m.end() + 20])
        if nxt and nxt.group(1).lower() not in _AFTER_A_SECOND:
            return None  # "a second group", "a second time": the ordinal, not the unit
    return {"kind": "duration", "n": n, "unit": unit}


@_rule(
    "part-century",
    rf"{_B}(?i:(?:(?P<num>{NUMBER})\s+)?(?P<frac>quarter|half)[-\s](?P<unit>century|centuries)){_E}",
    keyword=r"(?i:\bcentur)", before=40, after=10,
)
def _part_century(m: re.Match[str], text: str):
    # "a quarter-century", "half-century": 25 and 50 years, not a quarter of a year
    n = parse_number(m["num"]) if m["num"] else 1
    if n is None:
        return None
    return {"kind": "duration", "n": n * (25 if m["frac"].lower() == "quarter" else 50), "unit": "year"}


@_rule(
    "bare-plural",
    rf"{_B}(?i:for|within|over|in|lasted|took|take|takes|after|follows|followed|spent|endured)\s+"
    rf"(?P<span>(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)){_E}",
)
def _bare_plural(m: re.Match[str], text: str):
    return _unspecified_duration(m["unit"])


def _unspecified_duration(plural: str) -> dict:
    """A stretch of unspecified length in a plural unit: "years" PXY, "decades" PXE, "centuries" PXC."""
    word = plural.lower()
    if word in ("decades", "centuries"):
        return {"kind": "duration", "n": None, "unit": "E" if word == "decades" else "C"}
    return {"kind": "duration", "n": None, "unit": _unit(word)}


@_rule(
    "first-units",
    rf"{_B}(?i:the\s+(?:first|early|initial|opening|last|final|closing|remaining)\s+"
    rf"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades)){_E}",
    keyword=_UNIT_KEYWORD, before=30, after=10,
)
def _first_units(m: re.Match[str], text: str):
    # "the first hours of the war", "the early years": a stretch of unspecified length (PTXH, PXY)
    word = m["unit"].lower()
    if word in ("hours", "minutes", "seconds") and re.match(r"the\s+early", m.group().lower()):
        return None  # "the early hours of Sunday" is a time of night, not a stretch of hours
    if word == "decades":
        return {"kind": "duration", "n": None, "unit": "E"}
    return {"kind": "duration", "n": None, "unit": _unit(word)}


@_rule(
    "the-years", rf"{_B}(?i:over|through|throughout|across)\s+(?P<span>(?i:the\s+years)){_E}",
    keyword=r"(?i:\byears\b)", before=25, after=0,
)
def _the_years(m: re.Match[str], text: str):
    # "over the years": a stretch of unspecified length (TimeML DURATION PXY)
    return {"kind": "duration", "n": None, "unit": "year"}


@_rule(
    "set",
    rf"{_B}(?i:(?:every|each)\s+(?P<other>other\s+)?(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?P<unit>second|minute|hour|day|week|weekend|month|quarter|year|decade|morning|afternoon|evening|night"
    rf"|spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october"
    rf"|november|december))(?:\s+(?P<part>{_PART}))?){_E}",
)
def _set(m: re.Match[str], text: str):
    n = 2 if m["other"] else 1
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else None
    if m["wd"]:
        return {"kind": "set", "weekday": WEEKDAYS[m["wd"].lower()], "part": part}
    word = m["unit"].lower()
    if word in PARTS_OF_DAY:
        return {"kind": "set", "part": PARTS_OF_DAY[word]}
    if word in SEASONS:
        return {"kind": "set", "season": SEASONS[word]}
    if word in MONTHS:
        return {"kind": "set", "month": MONTHS[word]}
    return {"kind": "set", "unit": word, "n": n}


@_rule(
    "set-every-n",
    rf"{_B}(?i:every\s+(?P<num>{NUMBER})[-\s]+(?P<unit>seconds|minutes|hours|days|weeks|months|quarters|years|decades)){_E}",
    keyword=r"(?i:\bevery\b)", before=0, after=40,
)
def _set_every_n(m: re.Match[str], text: str):
    # "every two years", "every 10 minutes", "every few weeks": a recurrence whose period is the
    # quantity (TimeML SET, value P2Y, PT10M, PXW)
    if m["num"].lower() in ("a", "an"):
        return None
    return {"kind": "set", "unit": _unit(m["unit"]), "n": parse_number(m["num"])}


_FREQ = {
    "hourly": "hour", "daily": "day", "nightly": "day", "weekly": "week", "biweekly": "fortnight",
    "fortnightly": "fortnight", "monthly": "month", "quarterly": "quarter", "yearly": "year", "annually": "year",
    "annual": "year",
}
# Frequencies whose period is several units: twice a year is every six months (TimeML P6M), once
# in two years P2Y. "biannually" is left out: it means twice a year or every two years.
_FREQ_MULTIPLE = {"semiannually": ("month", 6), "semi-annually": ("month", 6), "biennially": ("year", 2)}


# A capitalised name right after "daily"/"weekly" makes it the noun, a newspaper; a weekday or a
# month after it is when the recurrence happens ("published daily Monday to Friday").
_NEWSPAPER_NAME = re.compile(
    rf"[ \t]+(?!{_WEEKDAY}\b|{_MONTH_FULL}\b|{_MONTH_ABBR})[A-Z][a-z]"
)


# A word after "quarterly" that makes it the adverb ("paid quarterly to holders"), not the adjective.
_FUNCTION_WORD = re.compile(r"\s+(?:and|or|but|to|in|on|at|for|from|with|by|since|until|through|the|a|an|as|if|when|while|because)\b")


@_rule(
    "frequency",
    rf"{_B}(?i:(?:(?:once|twice|thrice|{NUMBER}\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{_UNIT_RE})"
    rf"|per\s+(?P<unit2>second|minute|hour|day|week|month|quarter|year)|(?P<adv>hourly|daily|nightly|weekly|biweekly"
    rf"|fortnightly|monthly|quarterly|yearly|annually|semi-?annually|biennially))){_E}",
    keyword=r"(?i:\b(?:times|once|twice|thrice|per|hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually|semiannually|biennially)\b)",
    before=40, after=30,
)

def _frequency(m: re.Match[str], text: str):
    if m["unit2"] and m["unit2"].lower() in ("second", "minute", "hour"):
        before = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 30) : m.start()])
        if before and before.group(1).lower().endswith("s") and before.group(1).lower() != "times":
            return None  # "miles per hour", "instructions per second": a rate, not a recurring time
    if m["adv"]:
        if m["adv"].lower() == "quarterly" and re.match(r"\s+[a-z]", text[m.end() : m.end() + 3]) and not _FUNCTION_WORD.match(text, m.end()):
            return None  # "quarterly earnings" names a report, not a recurrence ("paid quarterly and" is one)
        if m["adv"].lower() in ("daily", "weekly") and _NEWSPAPER_NAME.match(text, m.end()):
            return None  # "the Communist Party daily Granma": a newspaper, not a recurrence
        if m["adv"].lower() in _FREQ_MULTIPLE:
            unit, n = _FREQ_MULTIPLE[m["adv"].lower()]
            return {"kind": "set", "unit": unit, "n": n}
        return {"kind": "set", "unit": _FREQ[m["adv"].lower()], "n": 1}
    return {"kind": "set", "unit": _unit(m["unit"] or m["unit2"]), "n": 1}


# A time zone or "local time" after four digits makes them a 24-hour clock time ("1830 GMT"); one
# opening a parenthesis is the same time told in another zone ("10:35 a.m. (0735 GMT)"), an aside.
_ZONE = r"(?:GMT|UTC|[ECMP][SD]T|NZ[SD]T|AE[SD]T|BST|CEST|CET|local\s+time)\b"
_ZONE_AFTER = re.compile(rf"\s*{_ZONE}")


@_rule(
    "clock",
    rf"{_B}(?:(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s?(?P<ap>[AaPp]\.?\s?[Mm]\b\.?)|(?P<h2>[0-2]?\d)(?::(?P<mi2>[0-5]\d))?\s+o['’]clock"
    rf"|(?P<h3>[0-2]\d):(?P<mi3>[0-5]\d)(?=\s*(?:GMT|UTC|[A-Z]{{2,4}}T|hours|hrs)\b)|(?<!\()(?P<h4>[01]\d|2[0-3])(?P<mi4>[0-5]\d)(?=\s*{_ZONE})"
    rf"|(?P<noon>(?i:noon|midday|midnight)))"
    rf"(?:\s+(?P<tz>GMT|UTC|[ECMP][SD]T|NZ[SD]T|AE[SD]T|BST|CET|CEST))?",
)
def _clock(m: re.Match[str], text: str):
    if m["noon"]:
        hour = 0 if m["noon"].lower() == "midnight" else 12
        minute = 0
    else:
        hour = int(m["h"] or m["h2"] or m["h3"] or m["h4"])
        minute = int(m["mi"] or m["mi2"] or m["mi3"] or m["mi4"] or 0)
        if m["ap"]:
            if not 1 <= hour <= 12:
                return None
            pm = m["ap"].lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
        if hour > 23:
            return None
    return {"kind": "clock", "hour": hour, "minute": minute, "day": None}


_VAGUE = {
    "PRESENT_REF": ("now", "right now", "currently", "current", "nowadays", "these days", "at present", "at the moment", "presently"),
    # "previously", "shortly", a bare adjective "future" and the adjective "recent" ("the recent
    # sale") are left out: TimeML annotators mark them in a minority of cases (on TimeBank they
    # cost more precision than they add). "soon" as an adverb of its own is marked; as part of
    # "soon after", "as soon as" it is not (see _vague).
    "PAST_REF": ("recently", "more recently", "most recently", "lately", "the past", "then current", "then-current", "the other day"),
    "FUTURE_REF": (
        "soon", "some day", "the future", "the near future", "the near term", "someday", "the coming days",
        "the coming weeks", "the coming months", "the coming years", "the days ahead", "the weeks ahead",
        "the months ahead", "the years ahead",
    ),
}
_VAGUE_LOOKUP = {re.sub(r"\s+", " ", w): ref for ref, words in _VAGUE.items() for w in words}


@_rule(
    "year-end",
    rf"{_B}(?i:since|at|by|around|about|before|after|until|till|through|near|toward|towards|from)\s+(?P<span>(?i:year[-\s]end))"
    rf"(?![\w-])(?!\s+[a-z])",
    keyword=r"(?i:\byear[-\s]end)", before=20, after=5,
)
def _year_end(m: re.Match[str], text: str):
    # "since year-end", "around year end": the close of the year, a December the tense places
    # ("since" looks back: last December). Not "year-end results", which names a report.
    return {"kind": "month", "month": 12, "rel": None}


@_rule(
    "long-adjective",
    rf"{_B}(?P<span>(?i:(?P<unit>decades|years|months|weeks|days|hours|centuries)-long"
    rf"|(?<![\w-])(?P<one>century|decade|year|month|week|day|hour)-?long)){_E}",
    keyword=r"(?i:long\b)", before=12, after=0,
)
def _long_adjective(m: re.Match[str], text: str):
    if m["one"]:
        # "a year-long slide", "a weeklong visit": one unit, the article belongs to the noun
        return {"kind": "duration", "n": 1, "unit": _unit(m["one"])}
    # "a decades-long battle", "a months-long strike": a stretch of unspecified length
    return _unspecified_duration(m["unit"])


@_rule(
    "latest-period",
    rf"{_B}(?i:the\s+(?:latest|most\s+recent)\s+period){_E}",
    keyword=r"(?i:\bperiod\b)", before=25, after=0,
)
def _latest_period(m: re.Match[str], text: str):
    # "The latest period had profit of ...": in an earnings report, the period being reported
    # (the stage takes the quarter or half the report named); else the quarter last closed
    return {"kind": "relunit", "unit": "quarter", "rel": -1, "reported": True}


@_rule("recent-units", rf"{_B}(?i:recent\s+(?P<unit>days|weeks|months|quarters|years|decades)){_E}")
def _recent_units(m: re.Match[str], text: str):
    # "in recent weeks": a stretch of unspecified length up to now, a DURATION (PXW) in TimeML,
    # not a point in the past
    return {"kind": "duration", "n": None, "unit": _unit(m["unit"])}


@_rule(
    "future-units", rf"{_B}(?i:future\s+(?:days|weeks|months|quarters|years|decades)){_E}",
    keyword=r"(?i:\bfuture\b)", before=0, after=20,
)
def _future_units(m: re.Match[str], text: str):
    # "tax payments in future quarters": some time ahead, of no stated length (FUTURE_REF), where
    # a bare adjective "future" ("future losses") is left out with the other vague adjectives
    return {"kind": "vague", "ref": "FUTURE_REF"}


@_rule("vague", rf"{_B}(?i:{_alt(_VAGUE_LOOKUP)}){_E}")
def _vague(m: re.Match[str], text: str):
    word = re.sub(r"\s+", " ", m.group().lower())
    after = text[m.end() : m.end() + 12]
    if word == "current" and not re.match(r"\s+[a-z]{3,}", after):
        return None  # the adjective ("the current crisis"), not the noun ("an electric current")
    if word == "now" and re.match(r"[-–]", after):
        return None  # "now-defunct" describes a state, it is no time reference
    if word == "the past" and re.match(r"\s+(?:few|several|\d|[a-z]+\s+(?:days|weeks|months|years))", after):
        return None  # "the past three months" is a duration; let that rule take it
    if word == "soon":
        before = text[max(0, m.start() - 12) : m.start()]
        if re.match(r"(?:-|\s+(?:after|afterwards?|before|thereafter|as|enough|than)\b)", after) or re.search(
            r"\b(?:as|too|how|so)\s+\Z", before
        ):
            return None  # "soon after the vote", "as soon as possible", "too soon": a relation, not a time
    return {"kind": "vague", "ref": _VAGUE_LOOKUP[word]}


# --- running the grammar ----------------------------------------------------------------

#: Rule names, in priority order for identical spans (earlier wins).
RULE_NAMES = tuple(rule.name for rule in _RULES)
_PRIORITY = {name: i for i, name in enumerate(RULE_NAMES)}
# Separators that join a clock time and a day reference into one expression ("5 p.m. Friday").
_JOIN = re.compile(r"(?:\s*,\s*|\s+(?:on|at|of)\s+|\s+)\Z")
# ... also across a parenthesis giving the time in another zone, or "local time": "10:35 a.m. (0735 GMT)
# Friday", "8 p.m. local time Sunday"
_JOIN_ASIDE = re.compile(r"(?:\s*\([^()\n]{1,20}\)|\s+local\s+time)(?:\s*,\s*|\s+(?:on\s+)?)\Z")
_DAY_KINDS = frozenset({"date", "weekday", "deictic", "holiday"})


def _matches(rule: _Rule, text: str, seen: dict[str, list[tuple[int, int]]] | None = None) -> Iterable[re.Match[str]]:
    if rule.keyword is None:
        yield from rule.pattern.finditer(text)
        return
    # Several rules share a keyword (month names, units, parts of the day): scan for it once a text.
    keywords = seen.get(rule.keyword.pattern) if seen is not None else None
    if keywords is None:
        keywords = [kw.span() for kw in rule.keyword.finditer(text)]
        if seen is not None:
            seen[rule.keyword.pattern] = keywords
    if not keywords:
        return
    # Overlapping windows are merged so that no stretch of text is scanned twice.
    windows: list[list[int]] = []
    for start, end in keywords:
        lo, hi = max(0, start - rule.before), min(len(text), end + rule.after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    starts = [start for start, _ in keywords]
    for lo, hi in windows:
        for m in rule.pattern.finditer(text, lo, hi):
            # keep a match only if a keyword lies inside it (the first keyword at or after its start)
            i = bisect_left(starts, m.start())
            if i < len(keywords) and keywords[i][1] <= m.end():
                yield m


def find_all(text: str) -> list[Candidate]:
    """Every candidate every rule finds, overlapping, unfiltered."""
    found: list[Candidate] = []
    seen: dict[str, list[tuple[int, int]]] = {}
    for rule in _RULES:
        for m in _matches(rule, text, seen):
            if m.end() == m.start():
                continue
            built = rule.builder(m, text)
            if built is None:
                continue
            parts, weak = built if isinstance(built, tuple) else (built, False)
            # a rule whose cue words are not part of the expression marks the expression as "span"
            start, end = m.span("span") if "span" in rule.pattern.groupindex else m.span()
            if "_span" in parts:  # a builder that narrows the expression to part of its match
                start, end = parts.pop("_span")
            # trailing whitespace from optional groups never belongs to the span
            while end > start and text[end - 1].isspace():
                end -= 1
            found.append(Candidate(start, end, parts, weak, rule.name))
    return found


def resolve(candidates: Iterable[Candidate], text: str) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then clock + day merged; sorted by start."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), _PRIORITY.get(c.rule, 99), c.start))
    chosen: list[Candidate] = []
    taken = bytearray(len(text) + 1)
    for c in ordered:
        if any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return [_with_around(c, text) for c in _merge_clock_and_day(chosen, text)]


# "around Nov. 1", "around Christmas", "around the end of the year": TimeML keeps the word that
# makes a date approximate inside the expression (TIMEX3 mod="APPROX"). Durations take their
# own modifiers (_APPROX); a clock time, a recurrence or a vague reference never takes it.
_AROUND = re.compile(r"(?<![\w-])(?:[Aa]round|AROUND)\s+\Z")
_NOT_APPROXIMATED = frozenset({"clock", "duration", "set", "vague"})


def _with_around(c: Candidate, text: str) -> Candidate:
    if c.parts.get("kind") in _NOT_APPROXIMATED:
        return c
    m = _AROUND.search(text, max(0, c.start - 12), c.start)
    if m is None:
        return c
    return Candidate(m.start(), c.end, c.parts, c.weak, c.rule)


def _merge_clock_and_day(chosen: list[Candidate], text: str) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        c = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        if nxt is not None:
            gap = text[c.end : nxt.start]
            a, b = c.parts, nxt.parts
            clock, day = (a, b) if a["kind"] == "clock" else (b, a)
            if clock["kind"] == "clock" and clock.get("day") is None and day["kind"] in _DAY_KINDS:
                if len(gap) <= 5 and _JOIN.match(gap):
                    merged = dict(clock, day=dict(day))
                    out.append(Candidate(c.start, nxt.end, merged, c.weak or nxt.weak, "clock+day"))
                    i += 2
                    continue
                if a is clock and _JOIN_ASIDE.match(gap):
                    # the aside keeps them two expressions, but the day still dates the clock time
                    out.append(Candidate(c.start, c.end, dict(clock, day=dict(day)), c.weak, c.rule))
                    out.append(nxt)
                    i += 2
                    continue
        out.append(c)
        i += 1
    return out


def recognise(text: str, accept: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
    """Find the temporal expressions in ``text``.

    ``accept`` filters candidates before overlaps are resolved (the stage uses it to drop
    weak candidates spaCy does not support and anything inside a contact line), so a
    rejected long candidate never hides a valid shorter one.
    """
    found = find_all(text)
    if accept is not None:
        found = [c for c in found if accept(c)]
    return resolve(found, text)

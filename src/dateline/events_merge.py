"""One record per real-world event across articles: :func:`merge_events`.

News reports one event many times: wire copy republished by several outlets, follow-ups that repeat the lead,
several papers covering the same fire. Counting each report as an event is the best-known flaw of GDELT-style
event data. :func:`merge_events` groups the events of analysed :class:`~dateline.models.Article` records into
:class:`MergedEvent` records, each keeping every mention's evidence (article, sentence, trigger, arguments).

Two event mentions may be one event when all of these hold (each check passes when either side lacks the datum,
since an absent actor, place or date is unknown rather than different):

- **type**: the same PLOVER type and the same ``negated``/``hypothetical`` flags (a threat to attack and an
  attack are different records; so are "attacked" and "did not attack").
- **actors**, source with source and target with target: the two arguments share an identity: the linked actor's
  canonical name (people also by surname when one name extends the other: "Key" / "John Key"), its CAMEO actor code
  for organisations and countries (codes of people are too coarse: many ministers are ``NZLGOV``), or the
  argument's text without its leading article ("the troops" / "The troops").
- **place**, when both events have one: within ``radius_km`` when both have coordinates (great-circle distance);
  when either is a country (GeoNames ``A.PCL*``), the other lies in that country; when neither has coordinates,
  the same name.
- **date**, when both events have one: their day ranges are at most ``window_days`` apart. The range is the
  event's time expression's ``range_start``/``range_end`` ("last weekend" = Saturday..Sunday); an event dated only by
  its article's publication date (``date_inferred``) may have happened before it, so its range starts
  ``window_days`` earlier.

Absence alone is not a match, and neither is a common phrase or a shared town: two mentions must share an actor
(source or target linked to actors that match by name, surname or code), or two weaker anchors (the same argument
text and the same place; pronouns never count), or the same sentence and trigger word (at least 40 characters,
quotes and spacing aside): wire copy syndicated by several outlets. Grouping is complete-link: a mention joins the first group (in date order) where it is compatible with every
mention already there, so "A attacked B in X" and "A attacked C in Y" never end up together through a third,
vaguer mention. Plain functions over Article records; no spaCy, no pipeline stage.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .geo import haversine_km
from .models import Argument, Article, Event

__all__ = ["EventMention", "MergedEvent", "merge_events"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LEADING_DET = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.I)
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"“”‘’`]")


@dataclass(kw_only=True)
class EventMention:
    """One report of an event: where it was found and what that report says."""

    article: str  # Article.id
    event: int  # index into that article's ``events``
    source_outlet: str | None = None  # Article.source
    sentence: tuple[int, int] = (0, 0)  # [start, end] in that article's text
    trigger: tuple[int, int, str] | None = None  # start, end, text
    source: str | None = None  # the source argument's actor name, else its text
    target: str | None = None
    place: str | None = None  # the place's gazetteer name, else its text
    date: str | None = None  # the event's TimeML value
    date_inferred: bool = False
    reported: bool = False


@dataclass(kw_only=True)
class MergedEvent:
    """One real-world event and every mention of it. Summary fields hold the most frequent value over the mentions
    that have one (a mention without a source does not outvote those that name it)."""

    id: str  # "M1", "M2", ... in the order of the result
    type: str
    mode: str | None = None
    cameo: str | None = None
    quad: int | None = None
    negated: bool = False
    hypothetical: bool = False
    source: str | None = None
    target: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    date_start: str | None = None  # YYYY-MM-DD: the narrowest stated day range shared by the mentions, when known
    date_end: str | None = None
    articles: list[str] = field(default_factory=list)  # distinct article ids, in order of first mention
    mentions: list[EventMention] = field(default_factory=list)


@dataclass
class _Item:
    """An event with what the comparisons need, computed once."""

    article: Article
    index: int
    event: Event
    source_ids: frozenset[str]
    target_ids: frozenset[str]
    place: tuple[str | None, float | None, float | None, str | None, str | None]  # name, lat, lon, country, feature
    days: tuple[date, date] | None
    stated: bool  # the range comes from a time expression of the event, not the publication date
    wording: tuple[str, str]  # (sentence, trigger) with quotes and spaces normalised: text reuse across outlets


def _day(value: str | None) -> date | None:
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


_PRONOUNS = {
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "it",
    "its",
    "they",
    "them",
    "their",
    "this",
    "that",
    "these",
    "those",
    "both",
    "one",
    "some",
    "all",
    "who",
    "which",
    "someone",
    "anyone",
}


def _identities(article: Article, arg: Argument | None) -> frozenset[str]:
    """What an argument can be matched by: actor name (and surname for people), actor code (not for people), text.

    A pronoun ("he", "they", "both") says nothing across articles: it has the empty identity set "unknown"."""
    if arg is None:
        return frozenset()
    text = _LEADING_DET.sub("", arg.text.strip()).lower()
    ids = set() if text in _PRONOUNS else {"text:" + text}
    actor = next((a for a in article.actors if a.id == arg.actor), None) if arg.actor else None
    if actor is not None:
        ids.add("name:" + actor.name.lower())
        if actor.type == "PERSON":  # "Key" matches "John Key"; "Jane Key" does not
            parts = actor.name.lower().split()
            ids.add(("last:" if len(parts) > 1 else "sur:") + parts[-1])
        elif actor.code:
            ids.add("code:" + actor.code)
    return frozenset(ids)


def _share(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two identity sets name the same thing? Two full names sharing only a surname do not."""
    if {i for i in a & b if not i.startswith("last:")}:
        return True
    # a bare surname (as actor or as text: "Key") matches a full name ending in it ("John Key")
    bare_a = {i.split(":", 1)[1] for i in a if i.startswith(("sur:", "text:"))}
    bare_b = {i.split(":", 1)[1] for i in b if i.startswith(("sur:", "text:"))}
    last_a = {i[5:] for i in a if i.startswith("last:")}
    last_b = {i[5:] for i in b if i.startswith("last:")}
    return bool((bare_a & last_b) or (bare_b & last_a))


def _args_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or _share(a, b)


def _label(article: Article, arg: Argument | None) -> str | None:
    if arg is None:
        return None
    actor = next((a for a in article.actors if a.id == arg.actor), None) if arg.actor else None
    return actor.name if actor is not None else arg.text


def _item(article: Article, index: int, window_days: int) -> _Item:
    e = article.events[index]
    place: tuple[str | None, float | None, float | None, str | None, str | None] = (None, None, None, None, None)
    if e.place is not None and 0 <= e.place < len(article.places):
        p = article.places[e.place]
        place = ((p.name or p.text).lower(), p.lat, p.lon, p.country_code, p.feature)
    days: tuple[date, date] | None = None
    stated = False
    if e.time is not None and 0 <= e.time < len(article.times) and not e.date_inferred:
        t = article.times[e.time]
        lo, hi = _day(t.range_start), _day(t.range_end)
        if lo and hi:
            days, stated = (lo, hi), True
    if days is None and e.date:
        d = _day(e.date)
        if d is not None:
            days, stated = (d, d), not e.date_inferred
    published = _day(article.published)
    if days is None and published is not None:  # "PAST_REF", "1998" at most: what is known is the article's day
        days = (published, published)
    if days is not None and not stated:
        days = (days[0] - timedelta(days=window_days), days[1])  # reported on publication, happened up to then
    sentence = _QUOTES.sub("'", _SPACES.sub(" ", article.text[e.sentence[0] : e.sentence[1]])).strip().lower()
    wording = (sentence, e.trigger.text.lower() if e.trigger else "")
    return _Item(
        article, index, e, _identities(article, e.source), _identities(article, e.target), place, days, stated, wording
    )


def _places_compatible(a: _Item, b: _Item, radius_km: float) -> bool:
    na, lata, lona, ca, fa = a.place
    nb, latb, lonb, cb, fb = b.place
    if na is None or nb is None:
        return True
    if (fa or "").startswith("A.PCL") or (fb or "").startswith("A.PCL"):
        return ca is not None and ca == cb  # a country contains its places
    if lata is not None and lona is not None and latb is not None and lonb is not None:
        return haversine_km(lata, lona, latb, lonb) <= radius_km
    return na == nb


def _compatible(a: _Item, b: _Item, radius_km: float, window_days: int) -> bool:
    ea, eb = a.event, b.event
    if (ea.type, ea.negated, ea.hypothetical) != (eb.type, eb.negated, eb.hypothetical):
        return False
    if a.days is not None and b.days is not None:
        gap = max((b.days[0] - a.days[1]).days, (a.days[0] - b.days[1]).days, 0)
        if gap > window_days:
            return False
    if not _args_compatible(a.source_ids, b.source_ids) or not _args_compatible(a.target_ids, b.target_ids):
        return False
    if not _places_compatible(a, b, radius_km):
        return False
    # Compatible by absence alone is not enough ("fighting" with no actors is not every fight of the week), and
    # neither is a shared place or a common phrase ("two women", "the suspect"): it takes the same actor, or two
    # weaker anchors together (same place and same argument text).
    if _actor_anchor(a.source_ids, b.source_ids) or _actor_anchor(a.target_ids, b.target_ids):
        return True
    if a.article is not b.article and a.wording == b.wording and len(a.wording[0]) >= 40:
        return True  # the same sentence in two articles: syndicated or copied reporting of one event
    weak = int(bool(a.source_ids and b.source_ids)) + int(bool(a.target_ids and b.target_ids))  # compatible, so equal
    weak += int(a.place[0] is not None and b.place[0] is not None)
    return weak >= 2


def _actor_anchor(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both arguments are linked actors and share a name, surname or code."""
    ka = frozenset(i for i in a if not i.startswith("text:"))
    kb = frozenset(i for i in b if not i.startswith("text:"))
    return bool(ka and kb and _share(ka, kb))


def _most_common(values: Iterable[object]) -> object | None:
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def _summary(n: int, group: list[_Item]) -> MergedEvent:
    events = [i.event for i in group]
    first = events[0]
    located = [i for i in group if i.place[0] is not None]
    place_name = _most_common(i.place[0] for i in located)
    coords = next(
        ((i.place[1], i.place[2]) for i in located if i.place[0] == place_name and i.place[1] is not None), (None, None)
    )
    stated = [i.days for i in group if i.stated and i.days is not None]
    days = min(stated, key=lambda d: (d[1] - d[0], d[0])) if stated else None
    mentions = []
    for i in group:
        e, art = i.event, i.article
        p = art.places[e.place] if e.place is not None and 0 <= e.place < len(art.places) else None
        mentions.append(
            EventMention(
                article=art.id,
                event=i.index,
                source_outlet=art.source,
                sentence=(e.sentence[0], e.sentence[1]),
                trigger=(e.trigger.start, e.trigger.end, e.trigger.text) if e.trigger else None,
                source=_label(art, e.source),
                target=_label(art, e.target),
                place=(p.name or p.text) if p is not None else None,
                date=e.date,
                date_inferred=e.date_inferred,
                reported=e.reported,
            )
        )
    return MergedEvent(
        id=f"M{n}",
        type=first.type,
        mode=_most_common(e.mode for e in events),  # type: ignore[arg-type]
        cameo=_most_common(e.cameo for e in events),  # type: ignore[arg-type]
        quad=_most_common(e.quad for e in events),  # type: ignore[arg-type]
        negated=first.negated,
        hypothetical=first.hypothetical,
        source=_most_common(m.source for m in mentions),  # type: ignore[arg-type]
        target=_most_common(m.target for m in mentions),  # type: ignore[arg-type]
        place=next((m.place for i, m in zip(group, mentions) if i.place[0] == place_name), None),
        lat=coords[0],
        lon=coords[1],
        date_start=days[0].isoformat() if days else None,
        date_end=days[1].isoformat() if days else None,
        articles=list(dict.fromkeys(m.article for m in mentions)),
        mentions=mentions,
    )


def _anchor_keys(it: _Item) -> set[str]:
    """Keys two compatible mentions always share (see _compatible): an identity of the source or of the target (a
    surname, a text and a full name's last word reduced to one bare key, since _share matches across them), or the
    sentence wording. Sharing a key is necessary, not sufficient: _compatible decides."""
    keys = {"w:" + it.wording[0] + "\x00" + it.wording[1]} if len(it.wording[0]) >= 40 else set()
    for role, ids in (("s:", it.source_ids), ("t:", it.target_ids)):
        for identity in ids:
            kind, _, value = identity.partition(":")
            keys.add(role + (value if kind in ("sur", "text", "last") else identity))
    return keys


@dataclass(eq=False)
class _Group:
    seq: int
    items: list[_Item]
    keys: set[str]  # the first mention's anchor keys, under which the group is indexed
    end: date | None  # the earliest last day of its dated mentions: when it can no longer take new ones


@dataclass
class _Bucket:
    """The open groups of one (type, negated, hypothetical), indexed by their first mention's anchor keys, with a
    heap of their end days to retire them in order."""

    live: dict[int, _Group] = field(default_factory=dict)
    by_key: dict[str, dict[int, _Group]] = field(default_factory=dict)
    ends: list[tuple[date, int]] = field(default_factory=list)
    opened: int = 0

    def open(self, it: _Item, keys: set[str]) -> _Group:
        group = _Group(self.opened, [it], keys, None)
        self.opened += 1
        self.live[group.seq] = group
        for key in keys:
            self.by_key.setdefault(key, {})[group.seq] = group
        self._end(group, it)
        return group

    def add(self, group: _Group, it: _Item) -> None:
        group.items.append(it)
        self._end(group, it)

    def _end(self, group: _Group, it: _Item) -> None:
        if it.days is not None and (group.end is None or it.days[1] < group.end):
            group.end = it.days[1]
            heapq.heappush(self.ends, (group.end, group.seq))  # ends only decrease: older entries are stale

    def retire(self, before: date) -> None:
        while self.ends and self.ends[0][0] < before:
            _, seq = heapq.heappop(self.ends)
            group = self.live.pop(seq, None)
            if group is not None:
                for key in group.keys:
                    del self.by_key[key][seq]

    def candidates(self, keys: set[str]) -> list[_Group]:
        found = {seq: g for key in keys for seq, g in self.by_key.get(key, {}).items()}
        return [found[seq] for seq in sorted(found)]


def merge_events(
    articles: Iterable[Article],
    *,
    radius_km: float = 50.0,
    window_days: int = 3,
    only: Mapping[str, Collection[int]] | None = None,
) -> list[MergedEvent]:
    """Group the events of analysed articles into one record per real-world event (rules in the module docstring).

    Every event of every article appears in exactly one :class:`MergedEvent` (as an :class:`EventMention`); a
    group's summary takes the most frequent type details, actors and place over its mentions. Results come in
    order of their first mention's date (undated last), then input order.

    ``only`` maps article ids to the indexes of the events to merge (a search's matches): the other events of
    those articles take no part, so they can neither link two chosen reports nor shape a summary. Mentions keep
    their index into the article's ``events``.
    """
    items = [
        _item(a, i, window_days)
        for a in articles
        for i in (range(len(a.events)) if only is None else sorted(only.get(a.id, ())))
        if i < len(a.events)
    ]
    # date order makes the first group a mention can join the one closest in time
    order = sorted(
        range(len(items)), key=lambda k: (items[k].days is None, items[k].days[0] if items[k].days else date.min, k)
    )
    # Open groups per (type, flags). Items come in order of their first day, so once a group holds a mention that
    # ended more than window_days before the current item began, nothing later can join it (complete link): retire it.
    # A mention compatible with a group shares an anchor key with its first mention (a source or target identity, or
    # the sentence wording: see _anchor_keys), so only the groups indexed under the mention's keys are tried, in the
    # order they were opened: the same first compatible group as trying them all.
    buckets: dict[tuple[str, bool, bool], _Bucket] = {}
    result_order: list[list[_Item]] = []
    for k in order:
        it = items[k]
        bucket = buckets.setdefault((it.event.type, it.event.negated, it.event.hypothetical), _Bucket())
        if it.days is not None:
            bucket.retire(it.days[0] - timedelta(days=window_days))
        keys = _anchor_keys(it)
        for group in bucket.candidates(keys):
            if all(_compatible(it, other, radius_km, window_days) for other in group.items):
                bucket.add(group, it)
                break
        else:
            result_order.append(bucket.open(it, keys).items)
    return [_summary(n, g) for n, g in enumerate(result_order, 1)]

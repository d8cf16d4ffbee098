"""Merging event mentions into one record per real-world event (dateline.events_merge), on synthetic articles."""

from __future__ import annotations

from dateline.events_merge import haversine_km, merge_events
from dateline.models import Actor, Argument, Article, Event, Mention, Place, Time

RAMADI = (33.42, 43.30)
FALLUJAH = (33.35, 43.78)  # ~45 km from Ramadi
BAGHDAD = (33.34, 44.40)  # ~100 km from Ramadi


def article(
    aid: str,
    *,
    event: str = "ASSAULT",
    source: str | None = "ISIS",
    target: str | None = "Iraqi soldiers",
    place: tuple[str, float, float] | None = ("Ramadi", *RAMADI),
    day: str | None = "2015-05-17",
    published: str = "2015-05-18",
    negated: bool = False,
    hypothetical: bool = False,
    source_type: str = "GROUP",
    code: str | None = "IMGMUSISI",
) -> Article:
    """One article with one event; the text is built so every offset is true."""
    parts = [
        source or "Someone",
        " attacked ",
        target or "someone",
        " in ",
        place[0] if place else "somewhere",
        " on ",
        day or "a day",
        ".",
    ]
    text = "".join(parts)
    pos = [sum(len(p) for p in parts[:i]) for i in range(len(parts))]
    a = Article(id=aid, text=text, published=published, source="outlet-" + aid)
    ev = Event(
        type=event,
        trigger=Mention(start=pos[1] + 1, end=pos[1] + 9, text="attacked"),
        sentence=(0, len(text)),
        negated=negated,
        hypothetical=hypothetical,
        cameo="190",
        quad=4,
        date=day or published,
        date_inferred=day is None,
    )
    if source:
        a.actors.append(
            Actor(
                id="A1",
                name=source,
                type=source_type,
                code=code,
                mentions=[Mention(start=0, end=len(source), text=source)],
            )
        )
        ev.source = Argument(start=0, end=len(source), text=source, actor="A1")
    if target:
        ev.target = Argument(start=pos[2], end=pos[2] + len(target), text=target)
    if place:
        a.places.append(
            Place(
                start=pos[4],
                end=pos[4] + len(place[0]),
                text=place[0],
                name=place[0],
                lat=place[1],
                lon=place[2],
                country_code="IQ",
                feature="P.PPLA",
            )
        )
        ev.place = 0
    if day:
        a.times.append(
            Time(start=pos[6], end=pos[6] + len(day), text=day, type="DATE", value=day, range_start=day, range_end=day)
        )
        ev.time = 0
    for item in [ev.trigger, ev.source, ev.target, *a.places, *a.times]:
        if item is not None:
            assert text[item.start : item.end] == item.text
    a.events.append(ev)
    return a


def test_same_event_reported_three_times_is_one_record_with_every_mention():
    arts = [
        article("a"),
        article("b", day="2015-05-18"),
        article("c", target="the Iraqi soldiers", day=None, published="2015-05-19"),
    ]
    merged = merge_events(arts)
    assert len(merged) == 1
    m = merged[0]
    assert m.type == "ASSAULT" and m.source == "ISIS" and m.place == "Ramadi"
    assert sorted(m.articles) == ["a", "b", "c"]
    assert sorted((x.article, x.trigger[2]) for x in m.mentions) == [
        ("a", "attacked"),
        ("b", "attacked"),
        ("c", "attacked"),
    ]
    assert m.date_start == m.date_end == "2015-05-17"  # the narrowest stated range; c's inferred date says nothing
    assert {x.source_outlet for x in m.mentions} == {"outlet-a", "outlet-b", "outlet-c"}


def test_different_type_actor_place_or_date_keeps_events_apart():
    base = article("a")
    for other in [
        article("t", event="COERCE"),
        article("s", source="Iraqi army", code="IRQMIL"),
        article("p", place=("Baghdad", *BAGHDAD)),
        article("d", day="2015-05-25"),
        article("n", negated=True),
        article("h", hypothetical=True),
    ]:
        assert len(merge_events([base, other])) == 2, other.id


def test_radius_and_window_are_parameters():
    near = article("f", place=("Fallujah", *FALLUJAH))
    assert 40 < haversine_km(*RAMADI, *FALLUJAH) < 50
    assert len(merge_events([article("a"), near])) == 1
    assert len(merge_events([article("a"), near], radius_km=20)) == 2
    later = article("l", day="2015-05-20")
    assert len(merge_events([article("a"), later])) == 1
    assert len(merge_events([article("a"), later], window_days=1)) == 2


def test_argument_text_must_agree_without_an_actor():
    assert len(merge_events([article("a"), article("b", target="civilians")])) == 2


def test_one_empty_side_is_compatible_but_nothing_shared_is_not():
    no_source = article("x", source=None)
    assert len(merge_events([article("a"), no_source])) == 1  # same target and place
    bare = article("y", source=None, target=None, place=None)
    assert len(merge_events([article("a"), bare])) == 2  # nothing to tie it to the attack in Ramadi


def test_people_by_surname_but_not_by_shared_code():
    key = article("k1", source="John Key", source_type="PERSON", code="NZLGOV")
    key2 = article("k2", source="Key", source_type="PERSON", code="NZLGOV")
    other_minister = article("k3", source="Bill English", source_type="PERSON", code="NZLGOV")
    merged = merge_events([key, key2, other_minister])
    assert sorted(len(m.mentions) for m in merged) == [1, 2]
    assert merged[0].articles == ["k1", "k2"]


def test_complete_link_does_not_chain_through_a_vague_mention():
    vague = article("v", place=None)  # ISIS attacked soldiers, no place
    ramadi = article("r")
    baghdad = article("b", place=("Baghdad", *BAGHDAD))
    merged = merge_events([vague, ramadi, baghdad])
    assert len(merged) == 2 and sorted(len(m.mentions) for m in merged) == [1, 2]


def test_country_place_contains_its_cities():
    country = article("c", place=("Iraq", 33.0, 44.0))
    country.places[0].feature = "A.PCLI"
    assert len(merge_events([article("a"), country])) == 1
    country.places[0].country_code = "SY"
    assert len(merge_events([article("a"), country])) == 2


def test_every_event_lands_in_exactly_one_record():
    arts = [
        article(str(i), day=f"2015-05-{10 + i % 7:02d}", place=[("Ramadi", *RAMADI), ("Baghdad", *BAGHDAD)][i % 2])
        for i in range(12)
    ]
    merged = merge_events(arts)
    seen = [(x.article, x.event) for m in merged for x in m.mentions]
    assert sorted(seen) == sorted((a.id, 0) for a in arts)
    assert [m.id for m in merged] == [f"M{i}" for i in range(1, len(merged) + 1)]


def test_same_surname_different_people_stay_apart():
    john = article("j", source="John Key", source_type="PERSON", code=None)
    jane = article("k", source="Jane Key", source_type="PERSON", code=None)
    assert len(merge_events([john, jane])) == 2


def test_pronouns_and_a_shared_town_alone_do_not_merge():
    he1 = article("h1", source="he", target="a man", source_type="PERSON", code=None)
    he2 = article("h2", source="he", target=None, source_type="PERSON", code=None)
    for a in (he1, he2):
        a.actors.clear()
        a.events[0].source.actor = None
    assert len(merge_events([he1, he2])) == 2  # same town, same day, "he": not evidence of one event
    he2.events[0].target = he1.events[0].target
    he2.text = he1.text
    assert len(merge_events([he1, he2])) == 1  # same town and the same victim: two anchors


def test_the_same_sentence_in_two_outlets_is_one_event_even_without_actors():
    a1 = article("w1", source=None, target="two men", place=None)
    a2 = article("w2", source=None, target="two men", place=None)
    a2.text = a1.text.replace(" ", "  ", 1)  # spacing aside, the same wording
    a2.events[0].sentence = (0, len(a2.text))
    assert len(merge_events([a1, a2])) == 1
    a3 = article("w3", source=None, target="two men", place=None)
    a3.text = a1.text.replace("attacked", "attacked", 1).replace("Someone", "Somebody")
    assert len(merge_events([a1, a3])) == 2  # other wording, nothing else shared: apart


def test_merging_many_articles_is_fast():
    import time

    arts = [
        article(f"x{i}", source=f"Group {i % 50}", day=f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(3000)
    ]
    t0 = time.perf_counter()
    merged = merge_events(arts)
    assert time.perf_counter() - t0 < 5
    assert len(merged) < 3000


def _merge_trying_every_group(articles, radius_km=50.0, window_days=3):
    """The merge without the anchor-key index: every open group of the type is tried, in order."""
    from datetime import date, timedelta

    from dateline.events_merge import _compatible, _item

    items = [_item(a, i, window_days) for a in articles for i in range(len(a.events))]
    order = sorted(range(len(items)), key=lambda k: (items[k].days is None, items[k].days[0] if items[k].days else date.min, k))
    buckets, result = {}, []
    for k in order:
        it = items[k]
        bucket = buckets.setdefault((it.event.type, it.event.negated, it.event.hypothetical), [])
        if it.days is not None:
            bucket[:] = [(g, end) for g, end in bucket if end[0] is None or end[0] >= it.days[0] - timedelta(days=window_days)]
        for g, end in bucket:
            if all(_compatible(it, other, radius_km, window_days) for other in g):
                g.append(it)
                if it.days is not None and (end[0] is None or it.days[1] < end[0]):
                    end[0] = it.days[1]
                break
        else:
            g = [it]
            bucket.append((g, [it.days[1] if it.days is not None else None]))
            result.append(g)
    return [[(i.article.id, i.index) for i in g] for g in result]


def test_the_anchor_index_finds_the_same_groups_as_trying_every_group():
    import random

    rng = random.Random(11)
    people = [("ISIS", "GROUP", "IMGMUSISI"), ("John Key", "PERSON", None), ("Key", "PERSON", None),
              ("Iraqi army", "ORG", "IRQMIL"), ("police", "ORG", None), (None, None, None)]
    places = [("Ramadi", *RAMADI), ("Fallujah", *FALLUJAH), ("Baghdad", *BAGHDAD), None]
    articles = []
    for i in range(300):
        source, kind, code = rng.choice(people)
        articles.append(article(
            f"r{i}", event=rng.choice(["ASSAULT", "PROTEST"]), source=source, source_type=kind or "GROUP", code=code,
            target=rng.choice(["Iraqi soldiers", "protesters", None]), place=rng.choice(places),
            day=rng.choice([None, *(f"2015-05-{d:02d}" for d in range(1, 29))]),
            published=f"2015-05-{rng.randint(1, 28):02d}", negated=rng.random() < 0.1,
        ))
    for radius, window in [(50.0, 3), (200.0, 10), (10.0, 0)]:
        merged = merge_events(articles, radius_km=radius, window_days=window)
        assert [[(m.article, m.event) for m in g.mentions] for g in merged] == _merge_trying_every_group(articles, radius, window)
        assert len(merged) < sum(len(a.events) for a in articles)  # something merged: the comparison means something


def test_only_the_chosen_events_take_part_in_the_merge():
    arts = [article("a"), article("a2"), *(article(k, place=("Fallujah", *FALLUJAH)) for k in ("b", "c", "d"))]
    everything = merge_events(arts)
    assert len(everything) == 1 and everything[0].place == "Fallujah"  # three of five reports say Fallujah
    chosen = merge_events(arts, only={"a": [0], "a2": [0], "b": [0], "c": []})
    assert len(chosen) == 1
    assert sorted(chosen[0].articles) == ["a", "a2", "b"]  # c's and d's reports take no part
    assert chosen[0].place == "Ramadi"  # and do not shape the record
    assert all(x.event == 0 for x in chosen[0].mentions)
    assert merge_events(arts, only={"a": [5]}) == []  # an index the article does not have is ignored

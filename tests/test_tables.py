import json

from dateline.models import Actor, Argument, Article, Event, Mention, Place
from dateline.tables import ITEM_TABLES, article_rows, columns


def sample() -> Article:
    text = "ISIS took Ramadi. Officials said so."
    article = Article(id="a1", text=text, published="2015-05-20")
    article.actors = [Actor(id="A1", name="ISIS", type="ORG", roles=["militants"], mentions=[Mention(start=0, end=4, text="ISIS")])]
    article.places = [Place(start=10, end=16, text="Ramadi", name="Ramadi", lat=33.42, lon=43.31, geonameid=98717)]
    article.events = [
        Event(type="COERCE", mode="seize", trigger=Mention(start=5, end=9, text="took"),
              source=Argument(start=0, end=4, text="ISIS", actor="A1"), target=None, sentence=(0, 17), place=0)
    ]
    return article


def test_rows_per_table():
    rows = article_rows(sample())
    assert set(rows) == {"articles", *ITEM_TABLES}
    [article] = rows["articles"]
    assert article["id"] == "a1" and article["published"] == "2015-05-20"
    assert json.loads(article["structure_paragraphs"]) == []
    [event] = rows["events"]
    assert event["article_id"] == "a1" and event["idx"] == 0
    assert (event["source_text"], event["source_actor"], event["target_text"]) == ("ISIS", "A1", None)
    assert (event["sentence_start"], event["sentence_end"], event["place"]) == (0, 17, 0)
    [actor] = rows["actors"]
    assert actor["actor_id"] == "A1" and json.loads(actor["roles"]) == ["militants"]
    assert json.loads(actor["mentions"]) == [{"start": 0, "end": 4, "text": "ISIS"}]
    assert rows["quotes"] == []


def test_every_row_has_every_column():
    rows = article_rows(sample())
    for table, table_rows in rows.items():
        names = {c.name for c in columns(table)}
        for row in table_rows:
            extra = {"article_id", "idx"} if table != "articles" else set()
            assert set(row) == names | extra, table


def test_columns_follow_the_records():
    event_columns = {c.name: c for c in columns("events")}
    assert event_columns["trigger_text"].kind == "str" and event_columns["trigger_text"].nullable
    assert event_columns["negated"].kind == "bool" and not event_columns["negated"].nullable
    assert {c.name for c in columns("places")} >= {"lat", "lon", "geonameid", "confidence"}
    assert "text" in {c.name for c in columns("articles")} and "events" not in {c.name for c in columns("articles")}

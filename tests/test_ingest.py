import gzip
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.errors import InputError
from dateline.ingest import article_id, count_articles, normalise_date, read_inputs
from dateline.models import Article


def read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Troops left Iraq on Friday.\n", encoding="utf-8")
    [article] = read([path], published="2015-05-20")
    assert isinstance(article, Article)
    assert article.text == "Troops left Iraq on Friday.\n"
    assert article.published == "2015-05-20"
    assert article.source == "a.txt"
    assert article.id == article_id(article.text)


def test_ids_are_deterministic_and_differ_by_text(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.txt").write_text("two", encoding="utf-8")
    first = [a.id for a in read([tmp_path])]
    second = [a.id for a in read([tmp_path])]
    assert first == second and len(set(first)) == 2


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello Iraq".encode("utf-8"))
    [article] = read([path])
    assert article.text == "Hello Iraq"


def test_bad_inputs_are_reported_not_raised(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    items = read([tmp_path / "binary.txt", tmp_path / "latin1.txt", tmp_path / "empty.txt", tmp_path / "missing.txt", tmp_path / "good.txt"])
    errors = [i for i in items if isinstance(i, InputError)]
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert isinstance(items[-1], Article) and items[-1].text == "Fine text."


def test_jsonl_records_keep_order_ids_and_fields(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        {"id": "x1", "text": "First.", "title": "T", "url": "http://e.com/1", "published": "2015-05-20T10:00:00Z", "source": "Stuff"},
        "not json",
        {"text": ""},
        {"id": 7, "text": "Third."},
        {"id": "x4", "text": "Fourth.", "published": "yesterday"},
        [1, 2],
    ]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    items = read([path], published="2001-01-01")
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article", "Article", "InputError"]
    first, bad_json, no_text, third, fourth, not_object = items
    assert (first.id, first.title, first.url, first.published, first.source) == ("x1", "T", "http://e.com/1", "2015-05-20", "Stuff")
    assert bad_json.source.endswith("in.jsonl:2") and "malformed JSON" in bad_json.reason
    assert "text" in no_text.reason
    assert third.id == "7" and third.published == "2001-01-01"
    assert fourth.published == "2001-01-01" and "published" in fourth.warnings[0]
    assert "object" in not_object.reason


def test_gzipped_jsonl_and_count(tmp_path):
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": str(i), "text": f"Article {i}."}) + "\n")
    assert [a.id for a in read([path])] == ["0", "1", "2"]
    assert count_articles([str(path)]) == 3


def test_html_extraction_keeps_title_date_url(tmp_path):
    html = """<html><head><title>Troops in Iraq | News</title>
    <meta property="og:url" content="https://example.com/troops">
    <meta name="date" content="2015-05-20"></head><body><nav>Home | World</nav>
    <article><h1>Troops in Iraq</h1><p>The New Zealand government has been urged to withdraw the troops
    from Iraq as ISIS militants continue to advance, reports Stuff.</p>
    <p>Prime Minister John Key said the troops remain safe at Camp Taji, north of Baghdad.</p></article>
    <footer>Copyright 2015</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [article] = read([path], published="1999-01-01")
    assert article.title == "Troops in Iraq"
    assert article.url == "https://example.com/troops"
    assert article.published == "2015-05-20"  # the page's own date wins over the fallback
    assert "urged to withdraw the troops" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text


def test_html_without_article_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    [error] = read([path])
    assert isinstance(error, InputError) and "no article text" in error.reason


def test_folder_is_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    assert [a.text for a in read([tmp_path])] == ["One.", "Two."]  # files first, then subfolders
    assert count_articles([str(tmp_path)]) == 2


def test_stdin_text_and_jsonl(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Plain text from stdin.")))
    [article] = list(read_inputs(["-"]))
    assert article.text == "Plain text from stdin." and article.source == "<stdin>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "text": "JSON from stdin."}\n')))
    [article] = list(read_inputs(["-"]))
    assert article.id == "s1"


def test_normalise_date():
    assert normalise_date("2015-05-20") == "2015-05-20"
    assert normalise_date("2015-05-20T23:10:00+12:00") == "2015-05-20"
    assert normalise_date(None) is None
    for bad in ("20/05/2015", "soon", 20150520):
        try:
            normalise_date(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url"]), st.one_of(st.text(), st.integers(), st.none()))), max_size=8))
def test_jsonl_reader_never_raises(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("prop") / "in.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).replace("\r", " "), encoding="utf-8")
    for item in read_inputs([str(path)]):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, Article):
            assert item.text.strip() and item.id

"""RSS/Atom feeds and WARC archives as inputs of `dateline analyze` / `ingest` (dateline.ingest)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.cli import cli
from dateline.errors import InputError
from dateline.ingest import feed_articles, read_inputs
from dateline.models import Article

from .test_batch import make_warc

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://news.example.org/</link>
<item>
  <title>Troops to stay in Iraq</title>
  <link>https://news.example.org/troops</link>
  <guid isPermaLink="false">story-17</guid>
  <pubDate>Wed, 20 May 2015 08:30:00 +1200</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>New Zealand troops will stay at Camp Taji, <b>John Key</b> said.</p><p>ISIS took Ramadi last weekend.</p><script>alert(1)</script>]]></content:encoded>
</item>
<item>
  <title>Only a summary</title>
  <link>https://news.example.org/brief</link>
  <description>&lt;p&gt;Flooding closed roads in Wellington on Tuesday.&lt;/p&gt;</description>
</item>
<item><title>Nothing here</title><link>https://news.example.org/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Ramadi falls</title><id>urn:uuid:1225c695</id>
  <link rel="alternate" href="https://wire.example.org/ramadi"/><link rel="enclosure" href="https://wire.example.org/a.jpg"/>
  <published>2015-05-17T10:00:00Z</published><updated>2015-05-18T10:00:00Z</updated>
  <content type="html">&lt;p&gt;Islamic State fighters took Ramadi on Sunday.&lt;/p&gt;</content>
</entry>
<entry><title>Plain</title><id>tag:wire,2015:2</id><summary>Talks resumed in Geneva.</summary></entry>
</feed>
"""


def test_rss_items_become_articles_with_their_metadata():
    items = list(feed_articles(RSS.encode(), "feed.rss", published="2015-01-01"))
    first, second, third = items
    assert isinstance(first, Article) and first.id == "story-17" and first.title == "Troops to stay in Iraq"
    assert first.url == "https://news.example.org/troops" and first.source == "Example News"
    assert first.published == "2015-05-20" and first.published_source == "input"
    assert first.text == "New Zealand troops will stay at Camp Taji, John Key said.\n\nISIS took Ramadi last weekend."
    assert isinstance(second, Article) and second.text == "Flooding closed roads in Wellington on Tuesday."
    assert second.id == "https://news.example.org/brief" and second.published == "2015-01-01"  # the default
    assert isinstance(third, InputError) and third.source == "https://news.example.org/empty"


def test_atom_entries_become_articles():
    first, second = feed_articles(ATOM.encode(), "wire.atom", published=None)
    assert first.id == "urn:uuid:1225c695" and first.url == "https://wire.example.org/ramadi"
    assert first.published == "2015-05-17" and first.text == "Islamic State fighters took Ramadi on Sunday."
    assert second.text == "Talks resumed in Geneva." and second.published is None and second.published_source is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss><channel><item>", "not a well-formed RSS/Atom feed"),
        (b"<html><body>hi</body></html>", "not an RSS or Atom feed (root element <html>)"),
        (b"<rss version='2.0'><channel><title>x</title></channel></rss>", "empty: the feed has no items"),
    ],
)
def test_bad_feeds_say_why(data, reason):
    [error] = feed_articles(data, "bad.xml", None)
    assert isinstance(error, InputError) and error.source == "bad.xml" and error.reason.startswith(reason)


def test_a_feed_never_loads_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<rss><channel><item><title>t</title><description>before &x; after</description></item></channel></rss>")
    items = list(feed_articles(xxe.encode(), "x.rss", None))
    assert all("TOP SECRET" not in (i.text if isinstance(i, Article) else i.reason) for i in items)


def test_feeds_and_warcs_are_read_from_files_folders_and_stdin(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "wire.xml").write_text(ATOM, encoding="utf-8")
    make_warc(tmp_path / "crawl.warc.gz")
    folder = [i for i in read_inputs([str(tmp_path)])]
    # the folder gives the WARC and the .rss; an .xml is read only when named
    assert sum(isinstance(i, Article) for i in folder) == 3 + 2
    named = list(read_inputs([str(tmp_path / "wire.xml")]))
    assert [a.title for a in named] == ["Ramadi falls", "Plain"]
    result = CliRunner().invoke(cli, ["analyze", "-", "--stages", "structure", "--format", "jsonl"], input=ATOM)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["Ramadi falls", "Plain"]


def test_a_truncated_warc_reports_and_keeps_what_it_read(tmp_path):
    path = tmp_path / "crawl.warc"
    make_warc(path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    items = list(read_inputs([str(path)]))
    assert any(isinstance(i, Article) for i in items)
    assert all(isinstance(i, (Article, InputError)) for i in items)


def test_analyze_reads_a_warc(tmp_path):
    make_warc(tmp_path / "crawl.warc.gz")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "crawl.warc.gz"), "--stages", "structure", "--format", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["title"] for r in records] == ["Story 0", "Story 1", "Story 2"]
    assert result.exit_code == 1  # the image and the empty page are reported
    assert "logo.png" in result.stderr and "not HTML" in result.stderr


_XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), max_size=80
)


@settings(max_examples=60, deadline=None)
@given(title=_XML_TEXT, body=_XML_TEXT, date=_XML_TEXT, guid=_XML_TEXT)
def test_any_item_text_gives_an_article_or_a_reason(title, body, date, guid):
    from xml.sax.saxutils import escape

    feed = (f"<rss version='2.0'><channel><title>t</title><item><title>{escape(title)}</title>"
            f"<guid>{escape(guid)}</guid><pubDate>{escape(date)}</pubDate>"
            f"<description>{escape(escape(body))}</description></item></channel></rss>")
    [item] = feed_articles(feed.encode("utf-8"), "f.rss", "2015-05-20")
    if isinstance(item, Article):
        # the description is HTML-escaped text: it comes back as that text, spacing normalised
        assert item.text == " ".join(body.split()) and item.published is not None
        assert item.id
    else:
        assert isinstance(item, InputError) and not body.strip()


def test_a_file_that_is_no_warc_is_reported_in_plain_words(tmp_path):
    path = tmp_path / "noise.warc"
    path.write_bytes(bytes(range(256)) * 4)
    [error] = read_inputs([str(path)])
    assert isinstance(error, InputError) and error.source == str(path)
    assert error.reason == "unreadable WARC (ArchiveLoadFailed: Unknown archive format); rest of file skipped"

"""Tests of the structure stage: paragraphs, captions, credits, datelines, attributions, contacts."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.models import Article
from dateline.pipeline import create_stage
from dateline.structure import StructureAnalyzer, analyze_structure, find_paragraphs


def one(items, **fields):
    """The single item whose fields equal ``fields``; fails with the items otherwise."""
    hits = [i for i in items if all(getattr(i, k) == v for k, v in fields.items())]
    assert len(hits) == 1, (fields, items)
    return hits[0]


# ---- paragraphs ----------------------------------------------------------------------


def test_paragraphs_split_on_blank_lines_and_trim():
    text = "  First para\nstill first.  \n\n\n   Second.\r\n \r\nThird "
    spans = [text[p.start : p.end] for p in find_paragraphs(text)]
    assert spans == ["First para\nstill first.", "Second.", "Third"]


def test_paragraphs_split_on_single_newlines_without_blank_lines():
    text = "One.\nTwo.\n  Three.\n"
    assert [text[p.start : p.end] for p in find_paragraphs(text)] == ["One.", "Two.", "Three."]


def test_paragraphs_of_empty_and_blank_text():
    assert find_paragraphs("") == []
    assert find_paragraphs(" \n\n \t") == []


# ---- credits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "credit", "agency", "photographer"),
    [
        ("Smoke rises. REUTERS/Alaa Al-Marjani", "REUTERS/Alaa Al-Marjani", "Reuters", "Alaa Al-Marjani"),
        ("The rally ended. (AP Photo/Jane Doe)", "(AP Photo/Jane Doe)", "AP", "Jane Doe"),
        ("Smoke rises. AFP PHOTO / JOHN SMITH", "AFP PHOTO / JOHN SMITH", "AFP", "JOHN SMITH"),
        ("Photo: Getty Images", "Photo: Getty Images", "Getty Images", None),
        ("Image: Reuters", "Image: Reuters", "Reuters", None),
        ("Flooded streets (Xinhua/Li Ming)", "(Xinhua/Li Ming)", "Xinhua", "Li Ming"),
        ("Rescuers work. EPA/STR", "EPA/STR", "EPA", "STR"),
        ("Photograph: Jane Doe/AFP/Getty Images", "Photograph: Jane Doe/AFP/Getty Images", "AFP/Getty Images", "Jane Doe"),
        ("Soldiers march. AFP/Getty Images", "AFP/Getty Images", "AFP/Getty Images", None),
        ("A worker. REUTERS/Jane Doe/File Photo", "REUTERS/Jane Doe/File Photo", "Reuters", "Jane Doe"),
        ("Board members. (Beacon-News Photo/Denise Cravens)", "(Beacon-News Photo/Denise Cravens)", "Beacon-News", "Denise Cravens"),
        ("A walk. (MORRIS LAMONT/Sun Media) Walter said.", "(MORRIS LAMONT/Sun Media)", "Sun Media", "MORRIS LAMONT"),
        ("The council met. Staff photo by Jane Roe", "Staff photo by Jane Roe", None, "Jane Roe"),
        ("A ship anchors. Photo: AP The US military said", "Photo: AP", "AP", None),
        ("Credit: Jane Doe for The New York Times", "Credit: Jane Doe for The New York Times", "The New York Times", "Jane Doe"),
    ],
)
def test_credits(text, credit, agency, photographer):
    s = analyze_structure(text)
    c = one(s.credits, text=credit)
    assert (c.agency, c.photographer) == (agency, photographer)
    assert text[c.start : c.end] == credit


@pytest.mark.parametrize(
    "text",
    [
        "You can pay by cash and/or card. The input/output ratio is high.",
        "A Reuters/Ipsos poll found support fell.",
        "Support fell, an AP/GfK poll showed.",
        "He showed a photo of his family. The photo was taken on 3/20/2009.",
        "The H/L/S amendment was approved. BASEBALL/SOFTBALL: leagues open.",
    ],
)
def test_no_credit_in_prose(text):
    assert analyze_structure(text).credits == []


def test_extra_agency():
    text = "Floods. ACME/Jane Roe"
    assert analyze_structure(text).credits == []
    c = analyze_structure(text, extra_agencies={"Acme Pictures": ["ACME"]}).credits
    assert [(x.agency, x.photographer) for x in c] == [("Acme Pictures", "Jane Roe")]


# ---- captions ------------------------------------------------------------------------


def test_marked_caption_ends_before_its_credit():
    text = "PHOTO: President Obama speaks in Washington. REUTERS/Kevin Lamarque\n\nBody text."
    s = analyze_structure(text)
    cap = one(s.captions, label="PHOTO")
    assert cap.text == "President Obama speaks in Washington."
    assert one(s.credits).start > cap.end


@pytest.mark.parametrize(
    ("text", "label", "body"),
    [
        ("Caption: A man walks his dog.", "Caption", "A man walks his dog."),
        ("FILE PHOTO: A worker walks past.", "FILE PHOTO", "A worker walks past."),
        ("Pictured: The new bridge in Auckland.", "Pictured", "The new bridge in Auckland."),
        ("Villagers gather (Photo: Soldiers march past the ruins) in the square.", "Photo", "Soldiers march past the ruins"),
    ],
)
def test_marked_captions(text, label, body):
    assert [(c.label, c.text) for c in analyze_structure(text).captions] == [(label, body)]


def test_labelled_credit_is_not_a_caption():
    s = analyze_structure("Villagers gather (Photo: Getty Images) in the square.")
    assert s.captions == []
    assert [c.agency for c in s.credits] == ["Getty Images"]


def test_sentence_mentioning_a_photo_is_no_caption():
    s = analyze_structure("The photo: a relic of the war, he said.\n\nHe took a photo of the PHOTO booth.")
    assert s.captions == [] and s.credits == []


def test_unmarked_duplicate_caption_and_its_switch():
    text = "Crowds gather in the main square of the city\nIN PHOTO: Crowds gather in the main square of the city at dusk."
    caps = analyze_structure(text).captions
    assert [(c.label, c.text) for c in caps] == [
        (None, "Crowds gather in the main square of the city"),
        ("IN PHOTO", "Crowds gather in the main square of the city at dusk."),
    ]
    assert [c.label for c in analyze_structure(text, detect_unmarked_captions=False).captions] == ["IN PHOTO"]


def test_short_or_different_line_is_no_unmarked_caption():
    text = "Crowds\nOther words entirely here today.\nIN PHOTO: Crowds gather in the square."
    assert [c.label for c in analyze_structure(text).captions] == ["IN PHOTO"]


# ---- datelines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dateline", "place", "date", "agency"),
    [
        ("NAJAF, Iraq, Jan 10 (Reuters) - Gunmen", "NAJAF, Iraq, Jan 10 (Reuters) -", "NAJAF, Iraq", "Jan 10", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) —", "WASHINGTON", None, "AP"),
        ("LONDON, May 20 (Reuters) – Shares fell.", "LONDON, May 20 (Reuters) –", "LONDON", "May 20", "Reuters"),
        ("BEIRUT — Rebels advanced.", "BEIRUT —", "BEIRUT", None, None),
        ("Kabul, Afghanistan (CNN) A bomb exploded.", "Kabul, Afghanistan (CNN)", "Kabul, Afghanistan", None, "CNN"),
        ("ST. LOUIS – Police announced.", "ST. LOUIS –", "ST. LOUIS", None, None),
        ("COLUMBUS, Ohio (AP) \x97 Officials say", "COLUMBUS, Ohio (AP) \x97", "COLUMBUS, Ohio", None, "AP"),
        ("(CNN) — After a record drought.", "(CNN) —", None, None, "CNN"),
        # flattened "headline. DATELINE (AP) -- body"
        ("Pay cuts, fewer police. MOUNT GILEAD (AP) -- A court", "MOUNT GILEAD (AP) --", "MOUNT GILEAD", None, "AP"),
        ("By Nate Raymond. BOSTON (Reuters) - The owner", "BOSTON (Reuters) -", "BOSTON", None, "Reuters"),
    ],
)
def test_datelines(text, dateline, place, date, agency):
    d = one(analyze_structure(text).datelines)
    assert (d.text, d.place, d.date, d.agency) == (dateline, place, date, agency)
    assert text[d.start : d.end] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "BREAKING — Something happened.",
        "UPDATE: more news.",
        "The World Health Organization (WHO) said on Monday.",
        "Paris — the city of light.",
        "He said Washington (AP) was wrong.",
        "Police said NATO (the alliance) - was late.",
    ],
)
def test_no_dateline(text):
    assert analyze_structure(text).datelines == []


def test_dateline_only_at_paragraph_start():
    text = "First paragraph here.\n\nLONDON (Reuters) - Shares fell."
    assert [d.start for d in analyze_structure(text).datelines] == [text.index("LONDON")]


# ---- attributions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "outlet", "cue"),
    [
        ("Talks failed, reports Stuff.", "reports Stuff", "Stuff", "reports"),
        ("According to CNN, the talks failed.", "According to CNN", "CNN", "According to"),
        ("The BBC reported that talks failed.", "The BBC reported", "BBC", "reported"),
        ("Talks failed, the New York Times reported.", "the New York Times reported", "New York Times", "reported"),
        ("Last week The Lansing State Journal reported it.", "The Lansing State Journal reported", "Lansing State Journal", "reported"),
        ("He said in a report by Reuters that it was done.", "said in a report by Reuters", "Reuters", "said in a report by"),
        ("Troops pulled out (via Reuters).", "via Reuters", "Reuters", "via"),
        ("Carter told CNN that soldiers lacked the will.", "told CNN", "CNN", "told"),
        ("He told CNN's Jake Tapper it was over.", "told CNN", "CNN", "told"),
        ("In an interview with the BBC, she said no.", "In an interview with the BBC", "BBC", "In an interview with"),
        ("According to a report in The Guardian, he quit.", "According to a report in The Guardian", "Guardian", "According to a report in"),
    ],
)
def test_attributions(text, span, outlet, cue):
    a = one(analyze_structure(text).attributions)
    assert (a.text, a.outlet, a.cue) == (span, outlet, cue)
    assert text[a.start : a.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "According to the Sheriff’s Office, the man fled.",
        "According to John Key, troops are safe.",
        "Police reported a crash. The UN reported gains.",
        "Key told John that he was fine.",
        "Media reports say the talks failed.",
        "Talks failed, reports John Smith of the Herald.",
    ],
)
def test_no_attribution(text):
    assert analyze_structure(text).attributions == []


def test_told_can_be_switched_off():
    assert analyze_structure("Carter told CNN that it failed.", include_told=False).attributions == []


def test_extra_outlet():
    text = "According to Kiwiblog, the vote was close."
    assert analyze_structure(text).attributions == []
    assert [a.outlet for a in analyze_structure(text, extra_outlets=["Kiwiblog"]).attributions] == ["Kiwiblog"]


def test_dateline_agency_is_no_attribution():
    s = analyze_structure("LONDON (Reuters) - Shares fell, Reuters reported.")
    assert len(s.datelines) == 1
    assert [a.text for a in s.attributions] == ["Reuters reported"]


# ---- contacts ------------------------------------------------------------------------


def test_contacts_phone_and_email_share_their_sentence():
    text = "The park opens in May. Contact Adam Baber at 389-5120 or email aebaber@yahoo.com. Bring water."
    cs = analyze_structure(text).contacts
    assert [(c.kind, c.value) for c in cs] == [("phone", "389-5120"), ("email", "aebaber@yahoo.com")]
    for c in cs:
        assert c.text == "Contact Adam Baber at 389-5120 or email aebaber@yahoo.com."
        assert c.value in c.text


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("For more information visit www.example.org/events.", "url", "www.example.org/events"),
        ("http://example.com/story", "url", "http://example.com/story"),
        ("Call 1-800-249-2250 for tickets.", "phone", "1-800-249-2250"),
        ("Ring him on Cambridge (01223) 264970 today.", "phone", "(01223) 264970"),
        ("Tel: +64 9 123 4567", "phone", "+64 9 123 4567"),
    ],
)
def test_contacts(text, kind, value):
    assert [(c.kind, c.value) for c in analyze_structure(text).contacts] == [(kind, value)]


@pytest.mark.parametrize(
    "text",
    [
        "The war lasted 1939-1945 and killed 70 000 000 people.",
        "Complaints against online retailers like JD.com rose.",
        "He lives at 1935 Orchard St. and earns 45,000 a year.",
        "The site www.example.com was hacked, police said.",
    ],
)
def test_no_contact(text):
    assert analyze_structure(text).contacts == []


def test_email_gating_switch():
    text = "The memo was sent from jdoe@example.com last week."
    assert [c.value for c in analyze_structure(text).contacts] == ["jdoe@example.com"]
    assert analyze_structure(text, emails_anywhere=False).contacts == []


# ---- the stage and the specimen ------------------------------------------------------


def test_stage_is_registered_and_configurable():
    stage = create_stage("structure", detect_unmarked_captions=False)
    article = stage(Article(id="x", text="BEIRUT — Rebels advanced.\n\nMore."))
    assert [d.place for d in article.structure.datelines] == ["BEIRUT"]
    assert len(article.structure.paragraphs) == 2


def test_specimen(analyze, specimen_text):
    text = specimen_text
    s = analyze(text, stages=("structure",)).structure
    # Captions: the IN PHOTO caption, ending before its credit, and the first line duplicating it.
    marked = one(s.captions, label="IN PHOTO")
    assert marked.text.startswith("Mourners react during a funeral") and marked.text.endswith("January 10, 2014.")
    dup = one(s.captions, label=None)
    assert dup.start == 0 and dup.text == marked.text
    credit = one(s.credits)
    assert (credit.text, credit.agency, credit.photographer) == ("REUTERS/Alaa Al-Marjani", "Reuters", "Alaa Al-Marjani")
    assert credit.start > marked.end
    # Attributions: the inverted "reports Stuff" and the interview "told CNN".
    assert {(a.outlet, a.cue) for a in s.attributions} == {("Stuff", "reports"), ("CNN", "told")}
    # The feedback line.
    contact = one(s.contacts)
    assert (contact.kind, contact.value) == ("email", "r.su@ibtimes.com.au")
    assert contact.text.startswith("(To report problems") and contact.text.endswith(")")
    assert s.datelines == []
    # Ten paragraphs; the first holds the duplicate line, the IN PHOTO line and the credit.
    assert len(s.paragraphs) == 10
    assert s.paragraphs[0].start == 0 and s.paragraphs[0].end == credit.end
    assert text[s.paragraphs[-1].start : s.paragraphs[-1].end] == contact.text


# ---- properties ----------------------------------------------------------------------

_FRAGMENTS = [
    "IN PHOTO: ", "Photo: ", "(Photo: ", "Caption: ", "REUTERS/", "AP Photo/", "(", ")", "/", " — ", " - ", "--",
    "\n", "\n\n", " ", ", ", ". ", ": ", "Getty Images", "Jane Doe", "WASHINGTON", "Kabul", "Iraq", "Jan 10",
    "(Reuters)", "(AP)", "according to ", "reports ", " reported", "told ", "the ", "The ", "CNN", "New York Times",
    "Stuff", "contact: ", "call ", "a.b@c.com", "www.x.org", "555-1234", "+64 9", "’s", "\x97", "é", "İ", "\r\n",
    "Mourners react", "said", "photo by ", "Staff photo", "@", "http://", "via ",
]
_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_properties_offsets_bounds_and_paragraph_order(text):
    s = StructureAnalyzer().analyze(text)
    n = len(text)
    last_end = -1
    for p in s.paragraphs:
        assert 0 <= p.start < p.end <= n
        assert p.start >= last_end  # in order, not overlapping
        assert text[p.start : p.end] == text[p.start : p.end].strip()
        last_end = p.end
    for kind in ("captions", "credits", "datelines", "attributions", "contacts"):
        for item in getattr(s, kind):
            assert 0 <= item.start < item.end <= n, (kind, item)
            assert text[item.start : item.end] == item.text, (kind, item)
    for c in s.contacts:
        assert c.value in c.text
    for a in s.attributions:
        assert a.outlet in a.text


def test_adversarial_inputs_stay_fast():
    texts = [
        "A " * 20000,
        "Photo: " + "Abc " * 5000,
        ("REUTERS/" + "Abc Def " * 3) * 2000,
        "according to " + "The Times " * 3000,
        "1-2 " * 10000 + "call",
        "WASHINGTON, " * 3000 + "(AP) —",
        "x@" * 10000,
    ]
    analyzer = StructureAnalyzer()
    for text in texts:
        t0 = time.perf_counter()
        analyzer.analyze(text)
        assert time.perf_counter() - t0 < 2.0, text[:30]

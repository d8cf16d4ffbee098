"""scripts/gold_records_jsonl.py: the PLOVER gold records' markup read back into text and role spans."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from .conftest import REPO


def _module():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import gold_records_jsonl

        return gold_records_jsonl
    finally:
        sys.path.remove(str(REPO / "scripts"))


STRIP = _module().strip_markup


def test_markup_gives_the_text_and_the_first_span_of_each_role():
    markup = "(SRC: Libya) has (EVT: offered to hand over) to (TAR: Great Britain) two of its nationals."
    text, spans = STRIP(markup)
    assert text == "Libya has offered to hand over to Great Britain two of its nationals."
    assert text[slice(*spans["SRC"])] == "Libya" and text[slice(*spans["TAR"])] == "Great Britain"
    assert "EVT" in spans


_plain = st.text(alphabet=st.characters(blacklist_characters="()", blacklist_categories=("Cs",)), max_size=20)


@given(st.lists(st.tuples(_plain, st.sampled_from(["SRC", "TAR", "EVT"]), _plain), max_size=5), _plain)
def test_any_markup_strips_to_its_plain_text_with_true_spans(parts, tail):
    markup = "".join(f"{before}({role}: {inner})" for before, role, inner in parts) + tail
    text, spans = STRIP(markup)
    assert text == "".join(before + inner.lstrip() for before, _, inner in parts) + tail
    for role, (start, end) in spans.items():
        first = next(inner for _, r, inner in parts if r[:3] == role)
        assert text[start:end] == first.lstrip()

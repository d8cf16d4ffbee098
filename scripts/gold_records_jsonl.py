#!/usr/bin/env python3
"""Write the PLOVER gold standard records (training material, CC BY-SA 4.0) as gold JSONL for ``dateline eval
events``, to develop the events stage's role rules on real news sentences whose source and target are marked.

Each record's ``textInfo.markup`` ("(SRC: Libya) has (EVT: offered to hand over) to (TAR: Great Britain) ...")
gives the spans; the markup stripped must equal the record's text, else the record is skipped. Old type names are
mapped as in ``train_event_classifier.py``. The shipped classifier is trained on these records, so type accuracy on
them is not a measure; tuple recall among the sentences typed right measures the role rules, which are not trained.

Run: ``.venv/bin/python scripts/gold_records_jsonl.py OUT.jsonl [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from train_event_classifier import EXCLUDED, OLD_NAMES

from dateline.evaluation.events import plover_type

MARK = re.compile(r"\((SRC|TAR|EVT|EVT2|SRC2|TAR2):\s*([^()]*)\)")


def strip_markup(markup: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Plain text and the first span of each role ("SRC", "TAR") in it."""
    out, spans, pos = [], {}, 0
    for m in MARK.finditer(markup):
        out.append(markup[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(2))
        spans.setdefault(m.group(1)[:3], (start, start + len(m.group(2))))
        pos = m.end()
    out.append(markup[pos:])
    return "".join(out), spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    args = ap.parse_args()
    records = json.loads((args.shared / "data" / "plover-gold-records" / "PLOVER_GSR_CAMEO.json").read_text("utf-8"))
    kept = skipped = 0
    with args.out.open("w", encoding="utf-8") as f:
        for rec in records[1:]:
            info = rec.get("textInfo")
            markup = info.get("markup") if isinstance(info, dict) else None
            if not rec.get("text") or not markup or rec.get("id") in EXCLUDED:
                continue
            text, spans = strip_markup(markup)
            if text != rec["text"]:
                skipped += 1
                continue
            # as PLV spells them, so the scorer compares like with like
            event = {"type": plover_type(OLD_NAMES.get(rec["event"], rec["event"]))}
            for role, key in (("SRC", "source_span"), ("TAR", "target_span")):
                if role in spans:
                    event[key] = list(spans[role])
            f.write(json.dumps({"id": rec["id"], "text": text, "events": [event]}, ensure_ascii=False) + "\n")
            kept += 1
    print(f"{kept} records written to {args.out}, {skipped} skipped (markup does not match the text)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check that the events classifier's training material does not overlap an evaluation set.

Prints each training text (PLOVER gold record or NGEC synthetic story) that shares a run of ``--n`` words
(default 8, case and punctuation ignored) with a sentence of the evaluation file, with the ids on both sides.
The gold records found here are listed in ``EXCLUDED`` of ``scripts/train_event_classifier.py``; the NGEC hits
on the PLV set (2026-11) were all stock phrases ("office of the high commissioner for human rights") and stay.

Reads the evaluation file only to compare texts; nothing from it is written or learnt.

Run: ``.venv/bin/python scripts/check_event_overlap.py [../shared/eval/events/plv-train.jsonl] [--n 8]``
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _norm(text: str) -> list[str]:
    return re.sub(r"\W+", " ", text.lower()).split()


def _grams(words: list[str], n: int) -> set[str]:
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval", type=Path, nargs="?", default=REPO.parent / "shared" / "eval" / "events" / "plv-train.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--n", type=int, default=8)
    args = ap.parse_args()
    index: dict[str, set[str]] = {}
    for line in args.eval.open(encoding="utf-8"):
        if line.strip():
            rec = json.loads(line)
            for g in _grams(_norm(rec["text"]), args.n):
                index.setdefault(g, set()).add(str(rec.get("id")))
    train: list[tuple[str, str]] = []
    gsr = json.loads((args.shared / "data" / "plover-gold-records" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    train += [(r["id"], r["text"]) for r in gsr[1:] if r.get("text")]
    zpath = args.shared / "data" / "ngec-synthetic-events" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(zpath) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX"))
        for i, row in enumerate(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8"))):
            train.append((f"ngec-{i}", row["prompt"].split("\n")[0] + "\n" + row["text"]))
    found = 0
    for tid, text in train:
        shared = {g: index[g] for g in _grams(_norm(text), args.n) if g in index}
        if shared:
            found += 1
            ids = sorted(set().union(*shared.values()))
            print(f"{tid}\t{','.join(ids)}\t{next(iter(shared))}")
    print(f"{found} of {len(train)} training texts share a {args.n}-word run with {args.eval}")


if __name__ == "__main__":
    main()

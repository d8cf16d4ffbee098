#!/usr/bin/env python3
"""Build ``src/dateline/data/actors/agents.tsv``: role phrase -> CAMEO agent code.

Source: the PETRARCH2 / Phoenix agents dictionary (``Phoenix.agents.txt``, MIT, (c) 2014
Open Event Data Alliance), from ``/work/shared/data/phoenix-dictionaries``. Each record
``PHRASE {plural} [~CODE]`` becomes ``phrase<TAB>CODE`` in lower case, with:

* substitution sets expanded (``!PERSON!`` -> man/woman/person, ``!MINIST!`` -> minister/ministry);
* the stem ``MINIST`` (no trailing ``_``) expanded to minister/ministry;
* British/American spellings of defence/defense both emitted (the file says not all are);
* prefix codes (``[IGO~]``) and commented-out records skipped; phrases over 5 words dropped
  (titles before a name are short).

A handful of common words Phoenix lacks (``EXTRA``) are added. A few generic role words whose agent depends on the employer ("spokesperson" is [~MED] in
Phoenix, but a party's or army's spokesperson is not media) are written with an empty code
so the stage takes the agent from the affiliation instead. Run::

    python scripts/build_actor_lexicon.py [/path/to/Phoenix.agents.txt]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "phoenix-dictionaries" / "Phoenix.agents.txt"
TARGET = REPO / "src" / "dateline" / "data" / "actors" / "agents.tsv"

SUBSTITUTIONS = {
    "!PERSON!": ("man", "woman", "person"),
    "!MINIST!": ("minister", "ministry"),
}
# Roles whose agent is their employer's: the stage fills these from the affiliation.
EMPLOYER_DEPENDENT = (
    "spokesman", "spokeswoman", "spokesperson", "official", "leader", "chief", "head",
    "director", "member", "representative", "adviser", "advisor", "aide", "chairman",
    "chairwoman", "chair", "deputy", "officer", "executive",
)
# Words Phoenix leaves out but titles and organisation names use often.
EXTRA = {"party": "PTY", "general": "MIL", "lieutenant": "MIL", "sergeant": "MIL", "admiral": "MIL"}
_RECORD = re.compile(r"^([^\[#]+?)\s*(?:\{[^}]*\})?\s*\[~([A-Z]+)\]")


def _expand(phrase: str) -> list[str]:
    """All surface forms of one dictionary phrase, lower case, words joined by spaces."""
    forms = [phrase]
    for marker, words in SUBSTITUTIONS.items():
        forms = [f.replace(marker, w) for f in forms for w in (words if marker in f else ("",))]
    out: list[str] = []
    for form in forms:
        words = [w for w in re.split(r"[_ ]+", form.strip().lower()) if w]
        words = [{"minist": "minister"}.get(w, w) for w in words]
        if not words or len(words) > 5:
            continue
        text = " ".join(words)
        out.append(text)
        if "minister" in words and phrase.rstrip().endswith("MINIST"):
            out.append(text.replace("minister", "ministry"))
    for text in list(out):
        for a, b in (("defence", "defense"), ("defense", "defence")):
            if a in text:
                out.append(text.replace(a, b))
    return out


def build(source: Path) -> dict[str, str]:
    """Parse the agents file into {phrase: agent code}; the first record for a phrase wins."""
    table: dict[str, str] = {}
    for line in source.read_text(encoding="latin-1").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" in line.split("[")[0]:
            continue
        match = _RECORD.match(line)
        if not match:
            continue  # prefix codes ([IGO~]) and malformed lines
        for phrase in _expand(match.group(1)):
            table.setdefault(phrase, match.group(2))
    for word, code in EXTRA.items():
        table.setdefault(word, code)
    for word in EMPLOYER_DEPENDENT:
        table[word] = ""
    return table


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    table = build(source)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Role phrase -> CAMEO agent code (empty: taken from the affiliation), for dateline's actors stage.\n"
        "# Derived by scripts/build_actor_lexicon.py from Phoenix.agents.txt of PETRARCH2\n"
        "# (github.com/openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf).\n"
        "# The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.\n"
        "# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and\n"
        "# associated documentation files (the \"Software\"), to deal in the Software without restriction,\n"
        "# including without limitation the rights to use, copy, modify, merge, publish, distribute,\n"
        "# sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is\n"
        "# furnished to do so, subject to the following conditions: The above copyright notice and this\n"
        "# permission notice shall be included in all copies or substantial portions of the Software.\n"
        "# THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.\n"
    )
    body = "".join(f"{phrase}\t{code}\n" for phrase, code in sorted(table.items()))
    TARGET.write_text(header + body, encoding="utf-8")
    print(f"wrote {len(table)} phrases to {TARGET}")


if __name__ == "__main__":
    main(sys.argv)

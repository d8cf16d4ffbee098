"""Build src/dateline/data/actors/named.tsv.gz: named actors with date-ranged CAMEO codes.

Source: the Phoenix actor dictionaries of PETRARCH2 (github.com/openeventdata/petrarch2, commit
676801cd9cb2924bbbad09f86d15c9323e7097bf, MIT, (c) 2014 Open Event Data Alliance):
Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt.

Each dictionary record is a primary phrase, '+' synonyms and tab-indented code lines
``[CODE]`` (default), ``[CODE yymmdd-yymmdd]``, ``[CODE >yymmdd]`` or ``[CODE <yymmdd]`` (bounds
inclusive; YYMMDD or YYYYMMDD). Output, one record per line:

    name|name|...<TAB>CODE:start:end|CODE:start:end|...

names in lower case with single spaces; start/end ISO dates or empty (open).

Run: .venv/bin/python scripts/build_actor_codes.py ../shared/data/phoenix-dictionaries
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "actors" / "named.tsv.gz"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
CODE_LINE = re.compile(r"^\s+\[([A-Z0-9]+)\s*([^\]]*)\]")
INLINE_CODE = re.compile(r"\[([A-Z0-9]+)\]")


def iso(date: str) -> str:
    """YYMMDD or YYYYMMDD as YYYY-MM-DD; two-digit years below 40 are 20xx (the dictionaries' range)."""
    date = date.strip()
    if len(date) == 6:
        yy = int(date[:2])
        date = f"{2000 + yy if yy < 40 else 1900 + yy}{date[2:]}"
    if len(date) != 8 or not date.isdigit():
        raise ValueError(date)
    return f"{date[:4]}-{date[4:6]}-{date[6:]}"


def restriction(code: str, rule: str) -> str:
    rule = rule.replace(" ", "")
    if not rule:
        return f"{code}::"
    if rule.startswith(">"):
        return f"{code}:{iso(rule[1:])}:"
    if rule.startswith("<"):
        return f"{code}::{iso(rule[1:])}"
    start, _, end = rule.partition("-")
    return f"{code}:{iso(start)}:{iso(end)}"


def phrase(line: str) -> str:
    text = line.split("#", 1)[0].split("[", 1)[0].strip().lstrip("+")
    return " ".join(text.replace("_", " ").lower().split())


def parse(path: Path) -> list[tuple[list[str], list[str]]]:
    records: list[tuple[list[str], list[str]]] = []
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if names and codes:
            records.append((list(dict.fromkeys(n for n in names if n)), codes[:]))

    for raw in path.read_text(encoding="latin-1").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = CODE_LINE.match(raw)
        if match:
            try:
                codes.append(restriction(match.group(1), match.group(2)))
            except ValueError:
                pass  # a malformed date in the source: skip that restriction only
            continue
        if raw.startswith("+"):
            names.append(phrase(raw))
            continue
        flush()
        names, codes = [phrase(raw)], []
        inline = INLINE_CODE.search(raw.split("#", 1)[0])
        if inline:
            codes.append(f"{inline.group(1)}::")
    flush()
    return records


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/phoenix-dictionaries")
    records = [r for name in FILES for r in parse(source / name)]
    header = (
        "# dateline named actors: Phoenix actor dictionaries of PETRARCH2 (github.com/openeventdata/petrarch2,\n"
        "# commit 676801cd9cb2924bbbad09f86d15c9323e7097bf), MIT licence, (c) 2014 Open Event Data Alliance.\n"
        "# Built by scripts/build_actor_codes.py. names<TAB>CODE:start:end|... (ISO dates, inclusive, empty = open)\n"
    )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header)
        for names, codes in records:
            fh.write("|".join(names) + "\t" + "|".join(codes) + "\n")
    print(f"wrote {len(records)} records to {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Compile the events stage's lexicon from the PETRARCH2 CAMEO verb dictionary and PLOVER.

Inputs (under ``--shared``, default ``../shared`` beside the checkout):

- ``data/phoenix-dictionaries/CAMEO.2.0.txt``: PETRARCH2's CAMEO verb dictionary (MIT): verb synonym
  blocks, each with a default CAMEO code, and phrase patterns ("- * CONTROL (OF VILLAGES) [192]").
- ``data/cameo-ontology/CAMEO2PLOVER-2021.txt``: CAMEO code -> PLOVER type, mode (CC BY-SA 4.0).
- ``data/cameo-ontology/CAMEO.goldsteinscale.txt``: CAMEO code -> Goldstein score (GDELT lookup table).
- ``data/plover-ontology/PLOVER_MANUAL.tex``: quad category per PLOVER type (CC BY-SA 4.0).
- ``data/plover-ontology/NGEC_PLOVER_structured_codebook_updated.csv``: the current PLOVER modes (MIT);
  a CAMEO2PLOVER mode that is not a current mode of its type (e.g. a context written in the mode column)
  is dropped rather than shipped.

Output: ``src/dateline/data/events/lexicon.tsv`` (tab-separated, ``#`` comment header). Record kinds:

- ``C code type mode quad goldstein description``: one CAMEO code and its PLOVER reading.
- ``S name word|word|...``: a synonym set (lower case; multi-word members joined by spaces).
- ``B block code``: a verb block and its default code ("" = the isolated verb is no event).
- ``V block lemma particle code``: a verb (lemma, optional particle such as "over") in a block; ``code``
  overrides the block default ("" = use the default, "-" = no event).
- ``P block verb subj obj mods preps particles code``: a pattern of a block (applies to all its verbs);
  ``verb`` is the verb the pattern was written for (a tie-breaker), ``subj``/``obj`` head nouns or
  ``&SET``, ``mods`` words that must modify the object, ``preps`` ``prep:noun`` items joined by ``|``
  (noun may be empty), ``particles`` adverbial particles; ``code`` "-" means the pattern blocks coding,
  a CAMEO 01x code (which has no ``C`` record) that the clause is a statement, no event.
- ``N noun prep code``: a nominal trigger ("attack", "withdrawal"); ``prep`` when the noun must govern
  that preposition ("fall" only as "fall of <place>").

CAMEO cue categories 01 (statements) and 02 (appeals) are dropped by PLOVER. We keep 01 as no event (plain
"said" is no event; the 01x code stays on the verb so the stage can tell a statement clause), but read 02x appeals ("urge", "call for") as PLOVER REQUEST with the mode of the
matching CAMEO 10x demand code, since PLOVER defines REQUEST as "all requests, demands, and orders".

Run: ``.venv/bin/python scripts/build_event_lexicon.py``
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "dateline" / "data" / "events" / "lexicon.tsv"

PETRARCH_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
PLOVER_COMMIT = "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f"
NGEC_COMMIT = "a3909e2aa02969ccaaa915a9626a5316e1cac0f8"

# Words that, first in a pattern's post-verb part and followed by more, are verb particles ("SET OUT
# VIEWS", "PUT UP BARRICADE") rather than the object noun.
PARTICLES = {"up", "out", "off", "down", "back", "away", "forward", "aside", "over", "in", "on", "through", "low"}

# Verbs common in news that CAMEO.2.0 lacks or codes only through its (dropped) statement blocks.
# dateline's own additions, coded by hand from the CAMEO manual's category definitions.
SUPPLEMENT_VERBS: list[tuple[str, str, str]] = [
    # (lemma, particle, CAMEO code)
    ("urge", "", "020"),
    ("implore", "", "020"),
    ("call", "for", "020"),
    ("call", "on", "020"),
    ("rule", "out", "120"),
    ("retake", "", "192"),
    ("recapture", "", "192"),
    ("overrun", "", "192"),
    ("bomb", "", "195"),
    ("shell", "", "194"),
    ("airstrike", "", "195"),
    ("condemn", "", "111"),
    ("criticize", "", "111"),
    ("criticise", "", "111"),
    ("accuse", "", "112"),
    ("threaten", "", "130"),
    ("withdraw", "", "0874"),
    ("pull", "out", "0874"),
    ("sanction", "", "163"),
    ("detain", "", "173"),
    ("abduct", "", "181"),
    ("kidnap", "", "181"),
    ("protest", "", "141"),
    ("demonstrate", "", "141"),
]

# Nominal triggers: event nouns of news text, with the CAMEO code of the light-verb patterns that govern
# them in CAMEO.2.0 ("STAGE * ATTACK [190]", "HOLD * TALKS [046]", "ASK * WITHDRAWAL").
# (noun, required preposition, code)
NOMINAL_TRIGGERS: list[tuple[str, str, str]] = [
    ("attack", "", "190"),
    ("offensive", "", "190"),
    ("assault", "", "190"),
    ("clash", "", "190"),
    ("fighting", "", "190"),
    ("battle", "", "190"),
    ("raid", "", "190"),
    ("ambush", "", "190"),
    ("airstrike", "", "195"),
    ("bombardment", "", "194"),
    ("shelling", "", "194"),
    ("bombing", "", "183"),
    ("massacre", "", "202"),
    ("killing", "", "190"),
    ("assassination", "", "186"),
    ("kidnapping", "", "181"),
    ("abduction", "", "181"),
    ("invasion", "", "192"),
    ("occupation", "", "192"),
    ("capture", "of", "192"),
    ("fall", "of", "192"),
    ("siege", "", "191"),
    ("blockade", "", "191"),
    ("arrest", "", "173"),
    ("detention", "", "173"),
    ("deportation", "", "174"),
    ("sanction", "", "163"),
    ("embargo", "", "163"),
    ("protest", "", "141"),
    ("demonstration", "", "141"),
    ("riot", "", "145"),
    ("boycott", "", "143"),
    ("talk", "", "046"),
    ("negotiation", "", "046"),
    ("visit", "", "042"),
    ("ceasefire", "", "0871"),
    ("truce", "", "0871"),
    ("withdrawal", "", "0874"),
    ("retreat", "", "0874"),
    ("investigation", "", "090"),
    ("probe", "", "090"),
    ("condemnation", "", "111"),
    ("accusation", "", "112"),
]

# Verbs too general to be events on their own ("according to", "took", "expected", "called him ..."):
# their default codes are dropped and only their phrase patterns code ("take * CONTROL", "call (FOR)").
# Chosen by reading each verb's default against the NGEC synthetic stories (MIT, ../data): these coded
# the story's PLOVER type in under 1 of 10 sentences.
# Verbs the PLOVER manual names in a type's definition whose PETRARCH2 default reading is another type, or none:
# the isolated verb gets the CAMEO code of the named type (their phrase patterns still win where they match).
# REJECT: "reject, refuse ..." (120), a veto (129), and "deny" (the manual: "016: Deny responsibility might be
# considered REJECT"); ACCUSE: "sue or bring to court" (115), "accuse, allege, or charge, both judicially and
# informally" (indict: 112); CONSULT: negotiation (046); RETREAT: "retreat or surrender militarily" (0874).
PLOVER_DEFAULTS: dict[str, str] = {
    "reject": "120", "refuse": "120", "rebuff": "120", "spurn": "120", "deny": "120", "veto": "129",
    "sue": "115", "indict": "112",
    "negotiate": "046",
    "retreat": "0874", "surrender": "0874",
}

PATTERN_ONLY = {
    "accord", "add", "aim", "arrive", "call", "claim", "conduct", "consider", "control", "decide",
    "dispute", "ensure", "establish", "expect", "expose", "fail", "gather", "give", "go", "improve",
    "increase", "issue", "join", "lead", "leave", "link", "mean", "need", "organize", "organise", "pass",
    "pay", "plan", "prepare", "prevent", "provide", "relate", "remain", "reveal", "rule", "seek",
    "suspect", "take", "travel", "check", "advise", "train", "vote", "want", "wish", "hope", "get",
    "make", "have", "hold", "put", "set", "run", "carry", "keep", "come", "see", "find", "show",
    "think", "face", "hear", "affect", "determine", "remove", "tear",
}

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_CAMEO2PLOVER = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#\s*(.*)$")


def pick_code(raw: str) -> str:
    """``042:043`` -> ``042`` (source->target reading); ``:173`` -> ``173``; ``---`` -> ``-``."""
    parts = [p.strip() for p in raw.split(":")]
    for p in parts:
        if p and p != "---":
            return p
    return "-"


def read_goldstein(path: Path) -> dict[str, float]:
    scores: dict[str, float] = {}
    for line in path.read_text(encoding="latin-1").splitlines()[1:]:
        code, _, score = line.partition("\t")
        if code.strip():
            scores[code.strip()] = float(score)
    return scores


def read_quads(manual: Path) -> dict[str, int]:
    """PLOVER type -> quad class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)."""
    names = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}
    quads: dict[str, int] = {}
    current = None
    for line in manual.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\\section\{([A-Z]+)\}", line)
        if m:
            current = m.group(1)
        m = re.match(r"\\subsection\{Quad category: ([A-Z ]+)\}", line)
        if m and current:
            quads[current] = names[m.group(1).strip()]
    return quads


def read_modes(codebook: Path) -> dict[str, set[str]]:
    modes: dict[str, set[str]] = {}
    with codebook.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            modes.setdefault(row["event"], set())
            if row["mode"]:
                modes[row["event"]].add(row["mode"].strip())
    return modes


def read_cameo2plover(path: Path, valid_modes: dict[str, set[str]]) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode or "", description)."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _CAMEO2PLOVER.match(line.strip())
        if not m:
            continue
        code, ptype, mode, _context, desc = m.groups()
        mode = mode.strip()
        if mode not in valid_modes.get(ptype, set()):
            mode = ""
        table.setdefault(code, (ptype, mode, desc.strip()))
    return table


def is_statement(code: str) -> bool:
    """CAMEO 01x: a statement (comment, claim, denial, condolence), no PLOVER event."""
    return code.startswith("01")


def plover_for(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """PLOVER reading of a CAMEO code, falling back to its 3-digit parent; None when PLOVER drops it."""
    if code.startswith("01"):
        return None  # statements: dropped by PLOVER
    if code.startswith("02"):
        # Appeals -> REQUEST, with the mode of the analogous demand (020 -> 100, 0256 -> 1056).
        demand = "10" + code[2:]
        hit = table.get(demand) or table.get(demand[:3]) or ("REQUEST", "", "")
        return ("REQUEST", hit[1], "Appeal (CAMEO 02, read as PLOVER REQUEST)")
    for c in (code, code[:3]):
        if c in table:
            return table[c]
    return None


def parse_phrase_items(text: str) -> list[tuple[str, object]]:
    """Tokenise one side of a pattern into ('word', w), ('np', [words]) and ('pp', (prep, [words]))."""
    items: list[tuple[str, object]] = []
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text)
    for tok in tokens:
        if tok.startswith("("):
            inner = tok[1:-1].strip()
            parts = re.findall(r"\{[^}]*\}|\S+", inner)
            if not parts:
                continue
            prep = parts[0].lower()
            rest: list[str] = []
            for p in parts[1:]:
                rest.extend(p.strip("{}").split())
            items.append(("pp", (prep, [w for w in rest if w not in {"$", "+", "^", "%"}])))
        elif tok.startswith("{"):
            words = [w for w in tok[1:-1].split() if w not in {"$", "+", "^", "%"}]
            if words:
                items.append(("np", words))
        elif tok in {"$", "+", "^", "%"}:
            continue
        else:
            items.append(("word", tok))
    return items


def norm(word: str) -> str:
    """Dictionary word -> lexicon form: lower case, underscores as spaces; ``&SET`` names kept upper."""
    if word.startswith("&"):
        return word
    return word.lower().replace("_", " ")


def parse_pattern(body: str) -> dict[str, str] | None:
    """Parse ``PRE * POST`` into subject, object, object modifiers, prepositional phrases and particles."""
    if "*" not in body:
        return None
    pre, _, post = body.partition("*")
    subj = ""
    for kind, val in parse_phrase_items(pre):
        if kind == "word":
            subj = norm(val)  # type: ignore[arg-type]
        elif kind == "np":
            subj = norm(val[-1])  # type: ignore[index]
    obj, mods, preps, particles = "", [], [], []
    items = parse_phrase_items(post)
    for n, (kind, val) in enumerate(items):
        if kind == "pp":
            prep, words = val  # type: ignore[misc]
            preps.append(f"{norm(prep)}:{norm(words[-1]) if words else ''}")
        elif kind == "np":
            if not obj:
                obj, mods = norm(val[-1]), [norm(w) for w in val[:-1]]  # type: ignore[index]
        else:
            word = norm(val)  # type: ignore[arg-type]
            more = n + 1 < len(items)
            if not obj and word in PARTICLES and (more or not particles):
                particles.append(word)
            elif not obj:
                obj = word
            else:
                # a second bare word ("TO ACT", "CONTROL OF"): fold into the preposition slot
                preps.append(f"{word}:")
    return {
        "subj": subj,
        "obj": obj,
        "mods": " ".join(mods),
        "preps": "|".join(preps),
        "particles": " ".join(particles),
    }


def parse_verb_line(line: str) -> tuple[str, str, str] | None:
    """``+TAKE_OVER {...} [171]`` -> (lemma, particle, code); None for PETRARCH's fixed-form hacks."""
    line = line.split("#", 1)[0].strip()
    if not line:
        return None
    code_m = _CODE.search(line)
    code = pick_code(code_m.group(1)) if code_m else ""
    head = line.split()[0]
    irregular = re.search(r"\{([^}]*)\}", line)
    if "+" in head:
        if irregular is not None and not irregular.group(1).strip():
            return None  # "+KILLED_AND {}": coordination fragments, not verbs
        words = head.split("_")
        idx = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
        if idx != 0:
            return None  # pre-verb compounds ("WIRE_+TAP") are rare and badly parsed
        lemma = words[0].lstrip("+").lower()
        particle = " ".join(w.lower() for w in words[1:])
        return lemma, particle, code
    return head.lower().replace("_", " "), "", code


def parse_dictionary(path: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """Synonym sets and verb blocks of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    section = "header"
    current_set: str | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.rstrip()
        if line.startswith("####### SYNONYM"):
            section = "synsets"
            continue
        if line.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if section == "synsets":
            stripped = line.split("#", 1)[0].strip()
            if stripped.startswith("&"):
                current_set = stripped.rstrip("_")
                synsets[current_set] = []
            elif stripped.startswith("+") and current_set:
                synsets[current_set].append(stripped[1:].rstrip("_").lower().replace("_", " "))
            continue
        if section != "verbs" or not line.strip():
            continue
        m = _BLOCK.match(line)
        if m:
            blocks.append({"name": m.group(1), "code": pick_code(m.group(2)), "verbs": [], "patterns": []})
            continue
        if not blocks or line.lstrip().startswith("#"):
            continue
        if line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            code_m = _CODE.search(body)
            if not code_m:
                continue
            pattern = parse_pattern(body[: code_m.start()])
            if pattern is None:
                continue
            verb = comment.strip().split()[0].lower() if comment.strip() else ""
            pattern["verb"] = verb
            pattern["code"] = pick_code(code_m.group(1))
            blocks[-1]["patterns"].append(pattern)
        else:
            parsed = parse_verb_line(line)
            if parsed:
                blocks[-1]["verbs"].append(parsed)
    return synsets, blocks


def build(shared: Path, out: Path) -> None:
    phoenix = shared / "data" / "phoenix-dictionaries"
    cameo = shared / "data" / "cameo-ontology"
    plover = shared / "data" / "plover-ontology"
    goldstein = read_goldstein(cameo / "CAMEO.goldsteinscale.txt")
    quads = read_quads(plover / "PLOVER_MANUAL.tex")
    valid_modes = read_modes(plover / "NGEC_PLOVER_structured_codebook_updated.csv")
    table = read_cameo2plover(cameo / "CAMEO2PLOVER-2021.txt", valid_modes)
    synsets, blocks = parse_dictionary(phoenix / "CAMEO.2.0.txt")

    used: set[str] = set()
    lines: list[str] = []
    # Verb and pattern records. A statement code (01x, which PLOVER drops) is kept as is: the stage codes no
    # event for it but knows the clause is a statement ("declined to comment", "expressed condolences"), so
    # "say ... initiative" stays no event instead of falling back to another reading. Other codes PLOVER
    # lacks become a blocking "-".
    for b_id, block in enumerate(blocks):
        bcode = block["code"]
        bcode = bcode if bcode != "-" and (plover_for(bcode, table) or is_statement(bcode)) else ""
        lines.append(f"B\t{b_id}\t{bcode}")
        for lemma, particle, code in block["verbs"]:
            if code and code != "-" and not plover_for(code, table) and not is_statement(code):
                code = "-"
            if lemma in PATTERN_ONLY and not particle:
                code = "-"
            if lemma in PLOVER_DEFAULTS and not particle:
                code = PLOVER_DEFAULTS[lemma]
            lines.append(f"V\t{b_id}\t{lemma}\t{particle}\t{code}")
            used.add(code)
        for p in block["patterns"]:
            code = p["code"] if p["code"] != "-" and (plover_for(p["code"], table) or is_statement(p["code"])) else "-"
            if not (p["obj"] or p["preps"] or p["subj"] or p["particles"]):
                continue  # "- *" alone says nothing beyond the verb
            fields = [p["verb"], p["subj"], p["obj"], p["mods"], p["preps"], p["particles"], code]
            lines.append("P\t" + f"{b_id}\t" + "\t".join(fields))
            used.add(code)
        used.add(bcode)
    sup_id = len(blocks)
    lines.append(f"B\t{sup_id}\t")
    for lemma, particle, code in SUPPLEMENT_VERBS:
        lines.append(f"V\t{sup_id}\t{lemma}\t{particle}\t{code}")
        used.add(code)
    for noun, prep, code in NOMINAL_TRIGGERS:
        lines.append(f"N\t{noun}\t{prep}\t{code}")
        used.add(code)

    code_lines = []
    for code in sorted(c for c in used if c and c != "-"):
        reading = plover_for(code, table)
        if reading is None:
            continue
        ptype, mode, desc = reading
        gold = goldstein.get(code, goldstein.get(code[:3], goldstein.get(code[:2], 0.0)))
        code_lines.append(f"C\t{code}\t{ptype}\t{mode}\t{quads.get(ptype, 0)}\t{gold}\t{desc}")
    synset_lines = [f"S\t{name}\t{'|'.join(words)}" for name, words in synsets.items()]

    header = f"""# dateline events lexicon: verbs, phrase patterns and event nouns -> CAMEO code -> PLOVER type, mode.
# Generated by scripts/build_event_lexicon.py; do not edit by hand.
# Sources:
#  - PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt, github.com/openeventdata/petrarch2 commit {PETRARCH_COMMIT},
#    MIT licence, Copyright (c) 2015 Open Event Data Alliance.
#  - CAMEO2PLOVER-2021.txt and PLOVER_MANUAL.tex (quad categories), github.com/openeventdata/PLOVER commit
#    {PLOVER_COMMIT}, CC BY-SA 4.0.
#  - PLOVER structured codebook (valid modes), github.com/ahalterman/NGEC-2025 commit {NGEC_COMMIT}, MIT.
#  - Goldstein scores: GDELT CAMEO.goldsteinscale.txt lookup table (published openly, no licence stated).
#  - Supplementary verbs and event nouns: dateline's own, coded by hand against CAMEO categories; default
#    codes of verbs that the PLOVER manual names in a type's definition (PLOVER_DEFAULTS).
# Licence of this compiled file: CC BY-SA 4.0 (it adapts CAMEO2PLOVER); the PETRARCH2 parts remain MIT.
# CAMEO 01x statements are no PLOVER events: verbs and patterns keep their 01x code (with no C record) so the
# stage can tell a statement clause; CAMEO 02x appeals are read as PLOVER REQUEST.
# Records: C code type mode quad goldstein description | S name words | B block code |
#          V block lemma particle code | P block verb subj obj mods preps particles code | N noun prep code
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(header + "\n".join(code_lines + synset_lines + lines) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(blocks)} blocks, {len(code_lines)} codes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    build(args.shared, args.out)


if __name__ == "__main__":
    main()

"""The actors stage: group entity mentions into canonical people, organisations and countries.

It reads ``article.entities`` and ``article.doc`` (from the nlp stage) and
``article.structure`` (credits and contacts are not actors), fills ``article.actors`` and
sets ``Entity.actor``. The work, in text order:

* **Countries**: GPE, NORP and ORG mentions that :func:`dateline.countries.lookup_country`
  resolves ("U.S.", "Iraqi", "Kiwi") join one ``COUNTRY`` actor per ISO code. Other GPEs
  (cities) are the places stage's, with one exception: a national capital used as the
  subject of a verb or as the possessor of a policy noun ("Washington's strategy") is
  metonymy for its country, and joins that country's actor when the country itself is
  named in the article. Other NORPs ("Sunni", "Republicans") become ``GROUP`` actors.
* **People**: a full name, then short forms ("John Key" ... "Mr Key" ... "Key"). Honorifics
  are stripped for matching but kept in the mention span. A surname shared by several
  people goes to the one mentioned most recently, after ruling out people whose gender
  (from Mr/Mrs/Ms) or first name conflicts. Surnames the model missed (untagged proper
  nouns equal to a known surname) are added as mentions.
* **Organisations**: exact names, and acronyms joined to their expansions ("NZDF" with
  "New Zealand Defence Force", found in the text even when the model did not tag it).
  Capitalised names ending in an organisation noun ("Labour party", "Iraqi Security
  Forces", "Education Ministry") are organisations even when the model missed them; a
  country possessor gives their country ("New Zealand’s Labour party" -> NZL).
* **Roles**: pre-nominal titles ("NZ First defence spokesperson Ron Mark") and appositions
  ("Hugh Hill, a doctor,"; "X, the spokesman for Y,") give roles, an affiliation and a
  country. A later description ("the prime minister") joins the only actor already
  introduced with that role.
* **Codes**: CAMEO-style ``country iso3 + agent`` from ``data/actors/agents.tsv`` (derived
  from the Phoenix agents dictionary by ``scripts/build_actor_lexicon.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .countries import Country, all_countries, by_iso3, lookup_country, normalise_name
from .models import Actor, Article, Entity, Mention
from .pipeline import Stage, register_stage

# Person nouns that head a title or an apposition ("defence *spokesperson*", "a *doctor*").
# Hand-kept: the agents dictionary also lists things (ships, buildings) that are no title.
ROLE_HEADS = frozenset(
    """minister premier president vice-president chancellor secretary spokesperson spokesman
    spokeswoman chief commander general leader senator congressman congresswoman representative
    lawmaker mp mayor governor doctor chairman chairwoman chair director ambassador envoy official
    officer judge justice attorney lawyer prosecutor professor analyst expert researcher economist
    executive ceo founder manager head king queen prince princess emperor pope bishop archbishop
    cleric imam sheikh colonel captain lieutenant sergeant major admiral marshal commissioner
    inspector detective constable sheriff councillor councilor candidate nominee coach player
    journalist reporter correspondent editor student teacher nurse surgeon scientist engineer
    activist campaigner resident witness soldier treasurer speaker whip adviser advisor aide
    brigadier counsel magistrate monarch president-elect deputy superintendent administrator partner owner
    chairperson coroner trustee clerk auditor assessor principal dean pastor priest rabbi chaplain
    firefighter paramedic""".split()
)
# Generic modifiers of a title that the dictionary-derived vocabulary may lack.
_EXTRA_MODIFIERS = frozenset(
    """deputy vice acting interim former outgoing incoming senior assistant junior associate state city
    county federal national regional provincial district municipal police fire school board executive
    managing majority minority opposition party press communications public information""".split()
)
# Honorifics stripped from names; those that are also titles give a role.
HONORIFICS: dict[str, str | None] = {
    "mr": None, "mrs": None, "ms": None, "miss": None, "mx": None, "dr": None, "prof": None,
    "sir": None, "dame": None, "lord": None, "lady": None, "rev": None, "fr": None, "mister": None,
    "sen": "senator", "rep": "representative", "gov": "governor",
    "gen": "general", "col": "colonel", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant",
    "adm": "admiral", "maj": "major", "cmdr": "commander", "pres": "president", "brig": "brigadier",
}
_GENDER = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f"}
# A capital "acting" for its country: possessor of one of these nouns ("Washington's strategy").
_POLICY_NOUNS = frozenset(
    "strategy policy position stance decision response plan government administration support "
    "approach demands demand offer proposal warning concerns allies ally".split()
)
# Country names that open other names too often to set a country from a prefix: the U.S.
# state ("Georgia Gov."), given names ("Chad"), New Jersey.
_AMBIGUOUS_COUNTRY_WORDS = frozenset(("georgia", "jordan", "chad", "jersey", "guernsey", "man"))
_PREPOSITIONS = frozenset("for of at with from".split())
_ARTICLES = frozenset("a an the".split())
_POSSESSIVE = frozenset(("'s", "’s", "'", "’"))
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_ACRONYM_GLUE = r"(?:\s+(?:of|the|and|for|on|&)){0,2}\s+"
_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
# Nouns that end an organisation's name when the words before them are capitalised
# ("Labour Party", "Defence Ministry"). Only "party" also heads a name written lower case
# ("the Labour party"); "Iraqi forces" is no name.
_ORG_HEADS = frozenset(
    """party ministry council force forces army navy commission committee department agency authority
    assembly parliament court front movement brigade brigades guard police union congress institute
    foundation bureau association coalition league alliance organisation organization corporation
    federation directorate militia""".split()
)
_LOWERCASE_ORG_HEADS = frozenset(("party",))


@dataclass(frozen=True)
class _Lexicon:
    agents: dict[str, str]  # role phrase -> agent code ("" = the employer's)
    modifiers: frozenset[str]  # words that may precede a role head inside a title
    capitals: dict[str, Country]


@functools.cache
def _lexicon() -> _Lexicon:
    """Load the role table and derive the title vocabulary, once per process."""
    text = resources.files("dateline").joinpath("data/actors/agents.tsv").read_text(encoding="utf-8")
    agents: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            phrase, _, code = line.partition("\t")
            agents[phrase] = code
    # Words seen before a person noun in the dictionary ("prime", "defence", "foreign") may
    # sit inside a capitalised title.
    modifiers = {w for p in agents for w in p.split()[:-1] if p.split()[-1] in ROLE_HEADS}
    modifiers -= {"of", "the", "and", "for", "in", "to"}
    capitals = {normalise_name(c.capital): c for c in all_countries() if c.capital}
    return _Lexicon(agents, frozenset(modifiers | _EXTRA_MODIFIERS | ROLE_HEADS), capitals)


@dataclass(frozen=True)
class _DatedCode:
    code: str
    start: str | None  # ISO date, inclusive; None = open
    end: str | None


@functools.cache
def _named_actors() -> dict[str, tuple[_DatedCode, ...]]:
    """Named people and organisations from the Phoenix actor dictionaries (MIT), with CAMEO codes
    valid over date ranges: name (lower case) -> codes. Built by scripts/build_actor_codes.py."""
    raw = resources.files("dateline").joinpath("data/actors/named.tsv.gz").read_bytes()
    table: dict[str, tuple[_DatedCode, ...]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        names, _, rules = line.partition("\t")
        codes = tuple(
            _DatedCode(code, start or None, end or None)
            for code, start, end in (rule.split(":") for rule in rules.split("|"))
        )
        for name in names.split("|"):
            table.setdefault(name, codes)  # the first record listing a name keeps it
    return table


def dictionary_code(names: list[str], published: str | None) -> str | None:
    """The Phoenix CAMEO code of the first of ``names`` the dictionaries list, valid on ``published``.

    A date-ranged code applies when ``published`` falls in its range (bounds inclusive); else the
    record's undated default. Without a publication date only the default applies: a code valid
    "after 2008-11-19" is never guessed for an undated article.
    """
    found = _dictionary_code(names, published)
    return found[0] if found else None


def _dictionary_code(names: list[str], published: str | None) -> tuple[str, bool] | None:
    """(code, dated) for :func:`dictionary_code`; ``dated`` says a date range selected it."""
    table = _named_actors()
    for name in names:
        codes = table.get(" ".join(name.lower().split()))
        if not codes:
            continue
        if published:
            try:
                day = dt.date.fromisoformat(published).isoformat()
            except ValueError:
                day = None
            if day:
                for c in codes:
                    if (c.start or c.end) and (c.start is None or c.start <= day) and (c.end is None or day <= c.end):
                        return c.code, True
        for c in codes:
            if c.start is None and c.end is None:
                return c.code, False
        return None
    return None


@dataclass
class _Cluster:
    """An actor being built."""

    type: str
    name: str
    words: tuple[str, ...] = ()  # casefolded name words (people)
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    agent: str | None = None
    spans: dict[tuple[int, int], None] = field(default_factory=dict)  # ordered set of mention spans
    entities: list[Entity] = field(default_factory=list)

    def add(self, start: int, end: int, entity: Entity | None = None) -> None:
        self.spans[(start, end)] = None
        if entity is not None:
            self.entities.append(entity)

    def last_before(self, pos: int) -> int:
        """Start of this actor's latest mention before ``pos`` (-1 if none)."""
        return max((s for s, _ in self.spans if s < pos), default=-1)


def _strip_possessive(text: str) -> str:
    return re.sub(r"\s*['’]s?$", "", text)


def _bare(text: str) -> str:
    """An organisation's name without a leading "the" or a possessive."""
    return re.sub(r"^the\s+", "", _strip_possessive(text), flags=re.I)


def _org_key(text: str) -> str:
    return normalise_name(_strip_possessive(text)).replace(".", "")


def _initials(name: str) -> str:
    """"New Zealand Defence Force" -> "NZDF" (function words skipped)."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


def _is_cap(token: Any) -> bool:
    return token.text[:1].isupper()


@register_stage("actors", requires=("nlp",))
class ActorStage(Stage):
    """Group entity mentions into actors.

    capital_metonymy: let a national capital acting as a subject stand for its country.
    descriptions: join "the prime minister" to the one actor introduced with that role.
    full_agent_codes: keep the whole agent code ("USAGOVMIL") rather than the primary
        agent ("USAGOV").
    """

    def __init__(self, *, capital_metonymy: bool = True, descriptions: bool = True, full_agent_codes: bool = False) -> None:
        self.capital_metonymy = capital_metonymy
        self.descriptions = descriptions
        self.full_agent_codes = full_agent_codes
        self.lex = _lexicon()

    # ------------------------------------------------------------------ entry point
    def __call__(self, article: Article) -> Article:
        doc = article.doc
        text = article.text
        excluded = [(c.start, c.end) for c in article.structure.credits]
        excluded += [(c.start, c.end) for c in article.structure.contacts]

        def is_excluded(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in excluded)

        self._clusters: list[_Cluster] = []
        self._countries: dict[str, _Cluster] = {}
        self._orgs: dict[str, _Cluster] = {}
        self._groups: dict[str, _Cluster] = {}
        candidates = [e for e in article.entities if e.label in _LABELS and not is_excluded(e.start, e.end)]
        expansions = self._acronym_expansions(text, candidates, is_excluded)
        named: dict[tuple[int, int], Country | None] = {}
        if doc is not None:
            named = self._named_orgs(doc, candidates, expansions, is_excluded)
            expansions += list(named)
        # An expansion found in the text ("New Zealand Defence Force") supersedes the entities inside it.
        items: list[tuple[int, int, str, Entity | None]] = [(s, e, "ORG", None) for s, e in expansions]
        for ent in candidates:
            inside = any(s <= ent.start and ent.end <= e for s, e in expansions)
            items.append((ent.start, ent.end, "NESTED" if inside else ent.label, ent))
        items.sort(key=lambda i: (i[0], -i[1]))
        deferred_capitals: list[Entity] = []
        nested: list[tuple[Entity, int, int]] = []
        for start, end, label, ent in items:
            if label == "NESTED":
                nested.append((ent, start, end))
                continue
            self._resolve(article, start, end, label, ent, deferred_capitals)
        for (start, end), country in named.items():
            org = self._org(text[start:end])
            if country is not None and org.country is None:
                org.country = country.iso3
        for ent, start, end in nested:  # part of an org name: belongs to that org
            for cluster in self._orgs.values():
                if any(s <= start and end <= e for s, e in cluster.spans):
                    cluster.entities.append(ent)
        if doc is not None:
            covered = [(e.start, e.end) for e in article.entities] + [sp for c in self._clusters for sp in c.spans]
            self._untagged_surnames(doc, covered, is_excluded)
        self._capitals(doc, deferred_capitals)
        if doc is not None and self.descriptions:
            self._descriptions(doc)
        self._emit(article)
        return article

    # ------------------------------------------------------------------ resolution
    def _resolve(self, article: Article, start: int, end: int, label: str, ent: Entity | None, capitals: list[Entity]) -> None:
        text = article.text[start:end]
        if label in ("GPE", "NORP", "ORG"):
            country = lookup_country(text)
            if country is not None:
                self._country(country).add(start, end, ent)
                return
        if label != "PERSON":
            person = self._person_by_name(_strip_possessive(text), start)
            if person is not None and label in ("GPE", "ORG"):  # the model mislabelled a known person
                person.add(start, end, ent)
                return
        if label == "GPE" or (label == "ORG" and normalise_name(_strip_possessive(text)) in self.lex.capitals):
            if ent is not None:
                capitals.append(ent)
        elif label == "NORP":
            key = normalise_name(text).removesuffix("s")
            cluster = self._groups.get(key)
            if cluster is None:
                cluster = self._groups[key] = self._new("GROUP", text)
            cluster.add(start, end, ent)
        elif label == "ORG":
            org = self._org(text)
            org.add(start, end, ent)
        else:
            self._person(article, start, end, ent)

    def _new(self, type_: str, name: str, **kw: Any) -> _Cluster:
        cluster = _Cluster(type=type_, name=name, **kw)
        self._clusters.append(cluster)
        return cluster

    def _country(self, country: Country) -> _Cluster:
        cluster = self._countries.get(country.iso3)
        if cluster is None:
            cluster = self._countries[country.iso3] = self._new("COUNTRY", country.name, country=country.iso3)
        return cluster

    def _org(self, text: str) -> _Cluster:
        name = _bare(text)
        key = _org_key(name)
        if key in self._orgs:
            return self._orgs[key]
        # An acronym and its expansion, whichever came first.
        for cluster in self._orgs.values():
            if _ACRONYM.match(name) and _initials(cluster.name) == name.replace(".", ""):
                return cluster
            if _ACRONYM.match(cluster.name) and _initials(name) == cluster.name.replace(".", ""):
                cluster.name = name
                self._orgs[key] = cluster
                return cluster
        cluster = self._orgs[key] = self._new("ORG", name)
        cluster.country, cluster.agent = self._org_country_agent(name)
        return cluster

    def _org_country_agent(self, name: str) -> tuple[str | None, str | None]:
        """Country from a leading country name ("New Zealand Defence Force") and agent from its words."""
        words = name.split()
        country = _leading_country(words)
        return (country.iso3 if country else None), self._agent_of_words(words)

    def _agent_of_words(self, words: list[str]) -> str | None:
        """The agent code of the longest dictionary phrase among ``words`` ("Defence Force" -> MIL)."""
        lowered = [w.lower().strip(".,'’") for w in words]
        for n in range(min(4, len(lowered)), 0, -1):
            for i in range(len(lowered) - n + 1):
                code = self.lex.agents.get(" ".join(lowered[i : i + n]))
                if code:
                    return code
        return None

    # ------------------------------------------------------------------ people
    def _name_words(self, article: Article, start: int, end: int) -> tuple[int, tuple[str, ...], list[str]]:
        """Split a PERSON span into (start of the bare name, its words, leading honorific/title words)."""
        text = article.text[start:end]
        words = text.split()
        titles: list[str] = []
        offset = start
        while len(words) > 1:
            key = words[0].lower().rstrip(".")
            if key in HONORIFICS or key in ROLE_HEADS or (key in self.lex.modifiers and words[1][:1].isupper() and words[1].lower() in self.lex.modifiers | ROLE_HEADS):
                titles.append(words[0])
                offset = article.text.index(words[1], offset + len(words[0]))
                words = words[1:]
            else:
                break
        if words:
            words[-1] = _strip_possessive(words[-1])
        return offset, tuple(w.casefold() for w in words if w), titles

    def _person_by_name(self, name: str, pos: int, gender: str | None = None) -> _Cluster | None:
        """The person a single word or full name refers to at ``pos`` (see module docstring)."""
        words = tuple(w.casefold() for w in name.split())
        if not words:
            return None
        people = [c for c in self._clusters if c.type == "PERSON" and c.last_before(pos) >= 0]
        if gender:
            people = [c for c in people if c.gender in (None, gender)]
        if len(words) == 1:
            matches = [c for c in people if c.words and c.words[-1] == words[0]]
            if not matches:  # a first name alone, only when unambiguous
                firsts = [c for c in people if len(c.words) > 1 and c.words[0] == words[0]]
                matches = firsts if len(firsts) == 1 else []
        else:
            matches = [
                c for c in people
                if c.words and c.words[-1] == words[-1]
                and (len(c.words) == 1 or c.words[0] == words[0] or c.words[0][:1] == words[0][:1] and min(len(c.words[0].rstrip(".")), len(words[0].rstrip("."))) == 1)
            ]
            # Two people can share a surname: an earlier bare "Smith" only merges if nobody else is called Smith.
            if len([c for c in matches if len(c.words) > 1]) == 0 and len(matches) > 1:
                matches = []
        if not matches:
            return None
        return max(matches, key=lambda c: c.last_before(pos))

    def _person(self, article: Article, start: int, end: int, ent: Entity | None) -> None:
        name_start, words, titles = self._name_words(article, start, end)
        doc = article.doc
        # An honorific just left of the entity belongs to the mention span ("Mr Key").
        honorific = titles[0].lower().rstrip(".") if titles else None
        mention_start = start
        if doc is not None and not titles:
            tok = _token_at(doc, start)
            if tok is not None and tok.i > 0 and doc[tok.i - 1].lower_.rstrip(".") in HONORIFICS:
                prev = doc[tok.i - 1]
                honorific = prev.lower_.rstrip(".")
                mention_start = prev.idx
        if not words or all(w in self.lex.modifiers for w in words):
            return  # a bare title tagged PERSON ("Fire Marshal"): no name to build an actor on
        gender = _GENDER.get(honorific or "")
        org = self._orgs.get(_org_key(" ".join(words)))
        if org is not None and len(words) == 1:  # "ISIS" tagged PERSON once
            org.add(start, end, ent)
            return
        display = article.text[name_start:end]
        display = _strip_possessive(display)
        cluster = self._person_by_name(display, start, gender)
        if cluster is None:
            cluster = self._new("PERSON", display, words=words)
        elif len(words) > len(cluster.words):
            cluster.name, cluster.words = display, words
        if gender and cluster.gender is None:
            cluster.gender = gender
        cluster.add(mention_start, end, ent)
        if doc is not None:
            self._roles(article, cluster, start, end, titles)

    def _untagged_surnames(self, doc: Any, covered: list[tuple[int, int]], is_excluded: Any) -> None:
        """Add proper nouns equal to a known surname that the model did not tag ("Mr Key would ...")."""
        surnames = {c.words[-1] for c in self._clusters if c.type == "PERSON" and c.words}
        if not surnames:
            return
        for tok in doc:
            if tok.pos_ != "PROPN" or not _is_cap(tok) or tok.text.casefold() not in surnames:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if is_excluded(start, end) or any(s < end and start < e for s, e in covered):
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and _is_cap(doc[tok.i + 1]):
                continue  # part of some other name
            prev = doc[tok.i - 1] if tok.i > 0 else None
            honorific = prev.lower_.rstrip(".") if prev is not None and prev.lower_.rstrip(".") in HONORIFICS else None
            if prev is not None and honorific is None and prev.pos_ == "PROPN" and _is_cap(prev):
                continue
            cluster = self._person_by_name(tok.text, start, _GENDER.get(honorific or ""))
            if cluster is not None:
                cluster.add(prev.idx if honorific else start, end)

    # ------------------------------------------------------------------ roles
    def _roles(self, article: Article, cluster: _Cluster, start: int, end: int, titles: list[str]) -> None:
        """Take roles, affiliation and country from the title or apposition around one mention."""
        doc = article.doc
        first = _token_at(doc, start)
        last = _token_at(doc, end - 1)
        if first is None or last is None:
            return
        found = self._title_before(doc, first.i, titles) or self._apposition_after(doc, last.i)
        if found is None:
            return
        role, prefix, affiliation = found
        if role and not any(r == role or r.endswith(" " + role) for r in cluster.roles):
            # A fuller form replaces a shorter one ("attorney" -> "defense attorney").
            cluster.roles = [r for r in cluster.roles if not role.endswith(" " + r)] + [role]
        country = None
        if prefix:
            country = _country_of(prefix)
            if country is None and affiliation is None:
                affiliation = prefix
        if affiliation:
            named = _country_of(affiliation)  # "spokesman for Iraq"
            if named is not None:
                country = country or named
            else:
                cluster.affiliation = cluster.affiliation or affiliation
                country = country or _leading_country(affiliation.split())
        if country is None and role:
            country = _sentence_country(doc, first.sent)
        if country is not None and cluster.country is None:
            cluster.country = country.iso3
        if role and cluster.agent is None:
            cluster.agent = self._role_agent(role, cluster.affiliation)

    def _role_agent(self, role: str, affiliation: str | None) -> str | None:
        """The role's agent code; a generic role ("spokesperson") takes its employer's."""
        words = role.split()
        for i in range(len(words)):
            code = self.lex.agents.get(" ".join(words[i:]))
            if code is not None:
                if code:
                    return code
                break
        return self._agent_of_words(affiliation.split()) if affiliation else None

    def _title_before(self, doc: Any, i: int, titles: list[str]) -> tuple[str, str, str | None] | None:
        """Role and prefix of a title before the entity starting at token ``i``.

        "U.S. Defence Secretary Ashton Carter" -> ("defence secretary", "U.S.", None). ``titles``
        are title words the model put inside the PERSON span ("President Obama").
        """
        # The parser sometimes splits a sentence inside a title ("NZ | First defence ..."), so the
        # scan stops at punctuation or a line break rather than at the sentence start.
        stop = i - 1
        while stop >= 0 and not doc[stop].is_space and not (doc[stop].is_punct and doc[stop].text not in _POSSESSIVE):
            stop -= 1
        sent_start = stop + 1
        role_tokens = [HONORIFICS.get(k, k) for k in (t.lower().rstrip(".") for t in titles)]
        role_tokens = [t for t in role_tokens if t]
        j = i - 1
        if not titles:
            if j < sent_start:
                return None
            head = doc[j].lower_.rstrip(".")
            if head in HONORIFICS:
                head = HONORIFICS[head] or ""
            elif head not in ROLE_HEADS:
                head = ""
            if not head:
                return None
            role_tokens = [head]
            j -= 1
        elif not role_tokens:
            return None
        # Extend the title leftwards: lowercase nouns and adjectives, or capitalised dictionary
        # words followed by a capitalised word ("Prime Minister"; not "NZ First defence").
        while j >= sent_start and len(role_tokens) < 5:
            tok = doc[j]
            if tok.ent_type_ in ("GPE", "NORP", "PERSON", "LOC", "FAC") or not tok.is_alpha:
                break
            if tok.ent_type_ and not _is_cap(tok):
                break
            if _is_cap(tok):  # the model sometimes tags "Finance" in "Finance Minister" as ORG
                if tok.lower_ not in self.lex.modifiers or not _is_cap(doc[j + 1]):
                    break
            elif tok.pos_ not in ("NOUN", "ADJ") or tok.lower_ in _ARTICLES:
                break
            role_tokens.insert(0, tok.lower_)
            j -= 1
        # The prefix: capitalised words, entity tokens and a possessive ("NZ First", "Iraq's").
        k = j
        while k >= sent_start and j - k < 6:
            tok = doc[k]
            if tok.text in _POSSESSIVE and k == j:
                k -= 1
                continue
            if _is_cap(tok) and (tok.ent_type_ in ("GPE", "NORP", "ORG") or tok.pos_ in ("PROPN", "NOUN", "ADJ")):
                k -= 1
                continue
            break
        prefix_tokens = [t for t in doc[k + 1 : j + 1] if t.text not in _POSSESSIVE]
        if (
            len(prefix_tokens) == 1
            and prefix_tokens[0].is_sent_start
            and prefix_tokens[0].lower_ in self.lex.modifiers
            and not prefix_tokens[0].ent_type_
        ):
            # A capitalised title word opening the sentence ("Opposition leader X") is part of the title.
            role_tokens.insert(0, prefix_tokens[0].lower_)
            prefix_tokens = []
        elif prefix_tokens and all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in prefix_tokens) and lookup_country(
            doc[prefix_tokens[0].i : prefix_tokens[-1].i + 1].text
        ) is None:
            # "Columbus attorney X": a town is where the person works, not an organisation.
            prefix_tokens = []
        prefix = doc[prefix_tokens[0].i : prefix_tokens[-1].i + 1].text if prefix_tokens else ""
        return " ".join(role_tokens), prefix, None

    def _apposition_after(self, doc: Any, last: int) -> tuple[str, str, str | None] | None:
        """Role from "NAME, a doctor," or "NAME, the spokesman for Y,"."""
        k = last + 1
        if k >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        if k < len(doc) and doc[k].lower_ in _ARTICLES:
            k += 1
        segment = []
        while k < len(doc) and len(segment) < 7:
            tok = doc[k]
            if tok.is_punct and tok.text not in _POSSESSIVE or tok.lower_ in _PREPOSITIONS or tok.pos_ in ("VERB", "AUX", "PRON", "CCONJ"):
                break
            segment.append(tok)
            k += 1
        if not segment or segment[-1].lower_ not in ROLE_HEADS:
            return None
        if k < len(doc) and not (doc[k].text in (",", ".", ";") or doc[k].lower_ in _PREPOSITIONS):
            return None
        role_tokens = [segment[-1].lower_]
        n = len(segment) - 2
        while n >= 0 and not segment[n].ent_type_ and segment[n].pos_ in ("NOUN", "ADJ", "PROPN") and segment[n].text not in _POSSESSIVE:
            if _is_cap(segment[n]) and segment[n].lower_ not in self.lex.modifiers:
                break
            role_tokens.insert(0, segment[n].lower_)
            n -= 1
        prefix_tokens = [t for t in segment[: n + 1] if t.text not in _POSSESSIVE]
        prefix = doc[prefix_tokens[0].i : prefix_tokens[-1].i + 1].text if prefix_tokens else ""
        affiliation = None
        if k < len(doc) and doc[k].lower_ in _PREPOSITIONS:
            k += 1
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1
            start = k
            while k < len(doc) and (_is_cap(doc[k]) or (doc[k].lower_ in ("of", "and", "for") and k + 1 < len(doc) and _is_cap(doc[k + 1]))):
                k += 1
            if k > start:
                affiliation = _strip_possessive(doc[start:k].text)
        return " ".join(role_tokens), prefix, affiliation

    # ------------------------------------------------------------------ other passes
    def _acronym_expansions(self, text: str, entities: list[Entity], is_excluded: Any) -> list[tuple[int, int]]:
        """Spans of the text that spell out an ORG acronym ("NZDF" -> "New Zealand Defence Force")."""
        found: list[tuple[int, int]] = []
        names = {_org_key(e.text) for e in entities if e.label == "ORG"}
        for acronym in {e.text.replace(".", "") for e in entities if e.label == "ORG" and _ACRONYM.match(e.text)}:
            if any(_initials(_bare(e.text)) == acronym and not _ACRONYM.match(e.text) for e in entities if e.label == "ORG"):
                continue  # the expansion is an entity already
            if acronym.casefold() in names and lookup_country(acronym) is not None:
                continue
            pattern = _ACRONYM_GLUE.join(rf"{letter}[a-z’'\-]*" for letter in acronym)
            for match in re.finditer(rf"\b{pattern}\b", text):
                if not is_excluded(match.start(), match.end()):
                    found.append((match.start(), match.end()))
                    break
        return found

    def _named_orgs(
        self, doc: Any, entities: list[Entity], taken: list[tuple[int, int]], is_excluded: Any
    ) -> dict[tuple[int, int], Country | None]:
        """Organisation names the model missed: capitalised words ending in an organisation noun
        ("Labour party", "Iraqi Security Forces"), with the country of a possessor before them
        ("New Zealand’s Labour party"). Entities inside such a name become part of it; a name
        that an ORG/PERSON entity already reaches into is left to that entity."""
        found: dict[tuple[int, int], Country | None] = {}
        for tok in doc:
            head = tok.lower_
            if head not in _ORG_HEADS or not (_is_cap(tok) or head in _LOWERCASE_ORG_HEADS) or tok.i == 0:
                continue
            k = tok.i - 1
            # Capitalised name words, at most four: not a determiner, not the start of a title.
            while k >= 0 and tok.i - k <= 4:
                w = doc[k]
                if not (w.is_alpha and _is_cap(w) and w.pos_ in ("PROPN", "ADJ", "NOUN")) or w.lower_ in _ARTICLES:
                    break
                if w.ent_type_ not in ("", "ORG", "NORP", "GPE"):
                    break
                k -= 1
            first = k + 1
            words = doc[first : tok.i]
            # A name needs a word that is not just a country or people ("Iraqi forces" is no name,
            # "Iraqi Security Forces" is) unless the head itself is capitalised ("Iraqi Army").
            if not len(words) or not (_is_cap(tok) or any(not w.ent_type_ for w in words)):
                continue
            if len(words) == 1 and words[0].is_sent_start and words[0].lower_ in self.lex.modifiers:
                continue  # "Police said", "Defence forces": a sentence-initial common word
            start, end = words[0].idx, tok.idx + len(tok.text)
            if is_excluded(start, end) or any(s < end and start < e for s, e in taken):
                continue
            if any(
                e.label in ("ORG", "PERSON") and e.start < end and start < e.end and not (start <= e.start and e.end <= end)
                for e in entities
            ):
                continue
            country = None
            if first >= 2 and doc[first - 1].text in _POSSESSIVE:
                owner = doc[first - 2]
                if owner.ent_type_ in ("GPE", "NORP"):
                    i = owner.i
                    while i > 0 and doc[i].ent_iob_ == "I":
                        i -= 1
                    country = _country_of(doc[i : owner.i + 1].text)
            found[(start, end)] = country
        return found

    def _capitals(self, doc: Any | None, entities: list[Entity]) -> None:
        """A capital as subject or policy possessor stands for its country, when that country is named.

        A capital the model tagged ORG that is not such a subject stays an ORG actor.
        """
        for ent in entities:
            country = self.lex.capitals.get(normalise_name(_strip_possessive(ent.text)))
            tok = _token_at(doc, ent.end - 1) if doc is not None and self.capital_metonymy else None
            while tok is not None and tok.text in _POSSESSIVE:
                tok = doc[tok.i - 1]
            if (
                country is not None
                and country.iso3 in self._countries
                and tok is not None
                and (
                    tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX")
                    or tok.dep_ == "poss" and tok.head.lemma_.lower() in _POLICY_NOUNS
                )
            ):
                self._countries[country.iso3].add(ent.start, ent.end, ent)
            elif ent.label == "ORG":
                self._org(ent.text).add(ent.start, ent.end, ent)

    def _descriptions(self, doc: Any) -> None:
        """"The prime minister" -> the one person introduced earlier with that role."""
        by_role: dict[str, list[_Cluster]] = {}
        for c in self._clusters:
            for role in c.roles:
                if self.lex.agents.get(role) != "" and (role in self.lex.agents or " " in role):
                    by_role.setdefault(role, []).append(c)
        if not by_role:
            return
        longest = max(len(r.split()) for r in by_role)
        taken = {sp for c in self._clusters for sp in c.spans}
        for tok in doc:
            if tok.lower_ != "the":
                continue
            for n in range(longest, 0, -1):
                end_i = tok.i + n
                if end_i >= len(doc) + 1:
                    continue
                words = doc[tok.i + 1 : end_i + 1] if end_i < len(doc) else None
                if words is None or len(words) != n:
                    continue
                phrase = " ".join(w.lower_ for w in words)
                people = by_role.get(phrase)
                if not people:
                    continue
                nxt = doc[end_i + 1] if end_i + 1 < len(doc) else None
                if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ in ("of", "'s", "’s", "for")):
                    break  # a title before a name, or "the prime minister of X": not a bare description
                start, end = tok.idx, words[-1].idx + len(words[-1].text)
                earlier = [c for c in people if c.last_before(start) >= 0]
                if len(earlier) == 1 and not any(s < end and start < e for s, e in taken):
                    earlier[0].add(start, end)
                break

    # ------------------------------------------------------------------ output
    def _emit(self, article: Article) -> None:
        clusters = [c for c in self._clusters if c.spans]
        clusters.sort(key=lambda c: min(c.spans))
        actors = []
        for n, c in enumerate(clusters, 1):
            actor_id = f"A{n}"
            for ent in c.entities:
                ent.actor = actor_id
            spans = sorted(c.spans)
            # A span inside another mention of the same actor ("United Nations" in "The United Nations") is one mention.
            spans = [(s, e) for s, e in spans if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in spans)]
            mentions = [Mention(start=s, end=e, text=article.text[s:e]) for s, e in spans]
            code = self._code(c, mentions, article.published)  # may fill in the country from the code
            actors.append(
                Actor(
                    id=actor_id,
                    name=c.name,
                    type=c.type,
                    roles=list(c.roles),
                    affiliation=c.affiliation,
                    country=c.country,
                    code=code,
                    mentions=mentions,
                )
            )
        article.actors = actors

    def _code(self, c: _Cluster, mentions: list[Mention], published: str | None) -> str | None:
        if c.type == "COUNTRY":
            return c.country
        if c.type in ("PERSON", "ORG"):
            # Named actors the Phoenix dictionaries know ("John Key" is NZLGOV from 2008-11-19) take
            # their dated code; a role the text gives ("French Foreign Minister") beats the record's
            # undated default. One-word mentions of people ("Key") are too ambiguous to look up.
            names = [c.name] + [m.text for m in mentions if c.type == "ORG" or len(m.text.split()) > 1]
            found = _dictionary_code(names, published)
            if found and not found[1] and c.country is not None and c.agent:
                found = None
            if found:
                code = found[0]
                if by_iso3(code[:3]) is None:
                    return code  # not country + agent: an IGO, militant group or medium ("IMGMUSISI", "MED")
                if c.country is None:
                    c.country = code[:3]
                return code if self.full_agent_codes else code[:6]
        if c.country is None:
            return None
        agent = c.agent or ""
        return c.country + (agent if self.full_agent_codes else agent[:3])


def _token_at(doc: Any, char: int) -> Any:
    """The token that covers character ``char`` (None in whitespace)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _country_of(text: str) -> Country | None:
    """The country ``text`` names, unless the name is as often something else ("Georgia")."""
    if normalise_name(_strip_possessive(text)) in _AMBIGUOUS_COUNTRY_WORDS:
        return None
    return lookup_country(text)


def _leading_country(words: list[str]) -> Country | None:
    """A country named by the first words of a longer name: "NZ First", "New Zealand Defence Force"."""
    for n in (3, 2, 1):
        if len(words) > n:
            found = _country_of(" ".join(words[:n]))
            if found is not None:
                return found
    return None


def _sentence_country(doc: Any, sent: Any) -> Country | None:
    """A sentence opened by "In <country>," sets the scene: "In Australia, Prime Minister Tony Abbott ..."."""
    toks = list(sent[:6])
    if len(toks) < 3 or toks[0].lower_ != "in":
        return None
    for n in range(2, len(toks)):
        if toks[n].text == ",":
            return lookup_country(doc[toks[1].i : toks[n].i].text)
    return None


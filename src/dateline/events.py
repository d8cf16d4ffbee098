"""The events stage: who did what to whom, typed with PLOVER.

Each verb (or event noun) of a sentence is looked up in a lexicon compiled from the PETRARCH2 CAMEO verb
dictionary and the CAMEO-to-PLOVER table (``data/events/lexicon.tsv``, built by
``scripts/build_event_lexicon.py``). A verb's phrase patterns ("take * CONTROL", "send * &MILITARY",
"call * (FOR ...)") are matched against its dependency parse; the most specific matching pattern gives the
CAMEO code, else the verb's default code. The code's PLOVER type and mode become the :class:`Event`.

Roles come from the parse: source = logical subject (``nsubj``, or the ``by`` agent of a passive), target =
logical object (``dobj``, or ``nsubjpass`` of a passive), else the object of a target-like preposition.
Spans cover the noun phrase trimmed of relative clauses and appositions; a relative pronoun stands for the
noun it modifies ("an Iraqi soldier, who was killed" -> target "an Iraqi soldier").

Decisions (see the PLOVER manual):

- Statements are no events: CAMEO 01x ("say", "tell", "decline to comment", "express condolences") is dropped,
  as in PLOVER. In a sentence whose root is a statement (a 01x reading or a speech verb) only asserted events and
  verbal ones (quad 1 or 3, "said it would not accept") stand; irrealis material events and event nouns under it
  ("is considering giving money", "hoped the move would lead to talks") are its content, and the classifier adds
  nothing when no rule event stands.
- Other statements (CAMEO 01x) the dictionary's patterns miss: an option under consideration ("is considering
  sending aid", "exploring the possibility of", 014) and what it would do; an opinion shared ("agree with X that",
  019); what a denial denies ("denied charges that it had helped"). Under an attitude ("hoped for more talks", "is
  skeptical the program would meet the deadline") plans and event nouns are content, not events; under a statement
  coded by a phrase pattern ("expressed pessimism about the negotiations") only asserted verbs stand; and the
  classifier adds no event on a word the rules read as a statement.
- Speech acts read as what they amount to: an obligation in reported speech is the speaker's demand ("said Israel
  must end its attacks", REQUEST 100); calling off a meeting is REJECT (125, as the PLOVER manual asks); summoning
  an envoy "to complain" is ACCUSE (111); calling someone "to congratulate" a telephone call (CONSULT 041);
  defending a policy is verbal SUPPORT (052); signing an agreement is SUPPORT (057) and its terms are no events.
- Actions the dictionary misreads or misses (``EventStage._construction``, ``EventStage._gap_reading``): a done
  action it reads as an intent ("deployed peacekeepers", 0334) is the action (074); lifting economic sanctions or
  an embargo is RETREAT (085), lifting a ban CONCEDE (081); freeing captives and returning property RETREAT (0841,
  0842); expelling peacekeepers, inspectors or aid workers SANCTION 'expel' (166x); building up forces MOBILIZE
  (154).
- Where the PLOVER manual reads a CAMEO code otherwise than the dictionary or the CAMEO-to-PLOVER table
  (``EventStage._manual_reading``): charging, indicting or trying someone is ACCUSE 'allege' (1121), an arrest
  COERCE (173, not violent repression), capturing combatants or hijacking ASSAULT 'abduct' (181), armed forces
  seizing a place ASSAULT (190, not "occupy territory" COERCE), imposing sanctions SANCTION 'discontinue' (163);
  verbs of praise keep their SUPPORT reading whatever is praised ("hailed the ceasefire").
- Constructions the dictionary misses or misreads (``EventStage._construction``, ``_gap_reading``): approving a
  policy or agreement, voting for one and expressing support are SUPPORT (051, 057); material aid sent, delivered
  or provided is AID (07x), "provided support" included unless it is political; cutting aid (162x) and announcing a
  cut ("announced a suspension of aid", 16x on the noun: announcing a measure enacts it) SANCTION; barring entry
  REJECT (manual, COERCE); walking out of talks SANCTION 164; a plain "called X" a telephone call (041); crowd-control
  weapons, beatings, executions, lynchings and razed houses ASSAULT. A meeting or trip the dictionary reads as an
  intent (036) but that is asserted as done is CONSULT (040, 042). A preposition of time is no verb particle ("demanded
  on Tuesday" is not "press on").
- More manual readings: a pledge, offer or assurance of (political) support is SUPPORT expressed (051, as the
  dictionary reads "vow * support"), while pledged money or aid and a promised act ("pledged to support") stay AGREE;
  funding, assisting, rescuing, feeding or treating people, granting or releasing credit, supporting someone with
  money and forgiving debt are AID (07x; "debt forgiveness and loan cancellations", "hostage rescues"), resettling
  refugees AID 'asylum' (075), compensating someone restitution (0842, as the gold records code "paid compensation");
  an invasion, and armed groups capturing or seizing a town, are ASSAULT (190); declaring a state of siege or
  emergency (not for a disaster) or martial law is COERCE (1724), declaring a truce CONCEDE (0871); a country leaving
  a body or treaty, or recalling its ambassador, is SANCTION 'withdraw' (161). A meeting or trip held "to" do something
  ranks above its purpose, unless the purpose is a complaint or threat (what the meeting amounts to).
- Further codebook and manual readings: a mediation taken up or done is CONSULT 045 ("launched a mediation effort",
  "mediated the dispute"); finalizing an agreement is SUPPORT 057 like signing one ("reached an agreement", "struck a
  deal"); a message of praise or support sent is SUPPORT 051; "called on" someone with nothing asked is a visit
  (042); demanding talks is the appeal (026), not the intent the dictionary's block shares with "want"; a
  repression that kills ("quelled the riots, killing 12") and using force are ASSAULT (175, 190); sending troops or
  arms to someone, training their soldiers or police, peacekeepers arriving and troops or police freeing hostages
  are AID (072, 074, 070); expelling an ambassador, suspending a membership, withdrawing recognition, and
  withdrawing inspectors or aid workers are SANCTION (166x, 161), cutting part of an aid programme too (162x);
  summoning an envoy over a grievance is ACCUSE (111); declaring one's readiness to act is the promise (030); an
  attempt ("attempted to assassinate") is asserted; a dictionary pattern spelt the British way is the verb's own.
- Typing by the codebooks (``_construction``, ``_manual_reading``, ``sentence_events``): condemning an attack is ACCUSE
  (111, not the dictionary's empathetic comment 018); rescue, medical or relief teams sent are AID (073); cutting off
  utilities, closing crossings, media or offices and revoking licences are COERCE 'withhold' / 'restrict' (170, 172,
  1721; closing an embassy stays SANCTION); a prison sentence is COERCE 'arrest' (173); a measure "slapped" on
  someone is imposed (163, 172); an aid grant announced is AID; boycotting or snubbing talks is REJECT (125); an armed
  group handing over its own weapons is RETREAT 'disarm' (0873); an amnesty granted is CONCEDE (081); holding people
  hostage or as human shields is ASSAULT 'abduct' (181); signing a loan or aid agreement grants the aid (07x); property handed back is RETREAT (0842). A phrasal
  idiom of one verb ("break with") does not carry over to the other verbs of its synonym block ("beat ... with
  sticks"). What a verbal event on the main verb is about ("condemned the bombing that killed 20", "urged X to end
  the raids") and the purpose of an asserted act ("provided $6 million to support projects") rank below that event
  (``EventStage._rank_content``).
- Roles: the subject of "is ready / willing to" does what is promised; the doer's own troops or envoys ("withdrew its
  troops from Lebanon") rank last among targets; what is granted "to" someone names the recipient. The predicate's own
  noun ("opened *fire* on", "launched an *investigation* into", "voiced *support* for") ranks last too; a nationality,
  country or organization modifying a noun names whose it is ("shelled Iraqi towns", "Israeli air raids"); a threat
  with no actor to aim at is aimed at whoever must meet its condition ("unless Israel withdraws"); a complaint at its
  matter, not its addressee; "is opposed to" is no passive; a visit is to where the journey went; a reflexive pronoun
  is never a target. What a verb of moving moves is not its target, the place it goes to or leaves is ("sent 300
  troops to Mali"); a measure imposed on someone aims at them; what an act is aimed "against" comes before a place
  or a thing; the recipient may sit inside what is given ("3.5 million euros in funding to Lebanon") or a call be
  "for X to" act; who dies is the target; whoever claims or is responsible for an attack did it, and an attacker in
  a clause of time does violence reported without a doer; an argument spans an apposition naming the same referent;
  a wire dateline is no subject; a pronoun subject of an adverbial clause is the main subject when they agree.
- The main event: the event on the sentence's main verb (the root, or the reported clause's verb under a speech
  verb) gets ``main_bonus`` added to its confidence, so it ranks first.
  PETRARCH's "A said A will attack B" transformations are not applied: the embedded verb is coded on its
  own ("attack", marked hypothetical because of "will", and read as THREATEN: see below).
- CAMEO 02x appeals ("urge", "call for") are read as REQUEST (PLOVER: "all requests, demands, and orders").
- A promised action is the verbal event it announces (PLOVER manual: "the single event category, not a
  category+auxiliary"): future or promised cooperation is AGREE, a future attack THREATEN, a refused cooperation
  REJECT (``EventStage._read_intent``), also when the classifier typed the action and when readiness is stated ("is
  ready to contribute troops"). A promised retreat or concession ("will release the hostages", "agreed to lift the
  embargo") is AGREE too, CAMEO 035x "express intent to yield" as the CAMEO-to-PLOVER table maps it and the PLOVER
  gold records code it, not CONCEDE as the manual's text has it. A decision is no promise ("decided to ease
  restrictions" is the easing).
- A sentence classifier (``data/events/classifier.npz``) reranks the rule events, types the main verb where the
  rules miss its type, and retypes a verb's default reading when sure (``EventStage._classify``).
- A pronoun source in reported speech is the speaker; a verb without a target takes its complement's.
- ``negated``: a ``neg`` dependent of the trigger ("did not attack", "will not change").
- ``hypothetical``: the event is not asserted to have happened: a modal or future auxiliary (may, might,
  could, would, should, can, must, will, shall), an ``if``/``unless`` clause, an infinitive or gerund
  complement of another verb ("threatened to attack", "urged to withdraw", "has not ruled out sending";
  aspectual verbs such as "continue to" excepted), and anything governed by a hypothetical or negated verb.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .models import Argument, Article, Event, Mention
from .pipeline import Stage, register_stage

__all__ = ["CodeInfo", "EventStage", "Lexicon", "Pattern", "load_lexicon", "merge_repeats"]

LEXICON_RESOURCE = "data/events/lexicon.tsv"


@dataclass(frozen=True)
class CodeInfo:
    """The PLOVER reading of one CAMEO code."""

    code: str
    type: str
    mode: str | None
    quad: int
    goldstein: float
    description: str


@dataclass(frozen=True)
class Pattern:
    """One PETRARCH phrase pattern of a verb block; empty fields are unconstrained."""

    verb: str
    subj: str
    obj: str
    mods: tuple[str, ...]
    preps: tuple[tuple[str, str], ...]
    particles: tuple[str, ...]
    code: str  # "-" blocks coding

    @property
    def specificity(self) -> int:
        """How much of the parse the pattern constrains: the object counts double, a bare preposition once."""
        score = (2 if self.obj else 0) + len(self.mods) + (1 if self.subj else 0) + len(self.particles)
        return score + sum(2 if noun else 1 for _, noun in self.preps)


@dataclass
class Lexicon:
    """CAMEO codes with PLOVER readings, verb entries with their blocks' patterns, and event nouns."""

    codes: dict[str, CodeInfo] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    block_codes: dict[int, str] = field(default_factory=dict)
    # lemma -> [(particle words, code or "" for the block default, block id)]
    verbs: dict[str, list[tuple[tuple[str, ...], str, int]]] = field(default_factory=dict)
    patterns: dict[int, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # noun -> (required prep, code)

    @classmethod
    def from_tsv(cls, text: str) -> Lexicon:
        """Parse the compiled lexicon (format in ``scripts/build_event_lexicon.py``)."""
        lex = cls()
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            f = line.split("\t")
            kind = f[0]
            if kind == "C":
                lex.codes[f[1]] = CodeInfo(f[1], f[2], f[3] or None, int(f[4]), float(f[5]), f[6])
            elif kind == "S":
                lex.synsets[f[1]] = frozenset(f[2].split("|"))
            elif kind == "B":
                lex.block_codes[int(f[1])] = f[2]
            elif kind == "V":
                lex.verbs.setdefault(f[2], []).append((tuple(f[3].split()), f[4], int(f[1])))
            elif kind == "P":
                preps = tuple(tuple(p.split(":", 1)) for p in f[6].split("|") if p)
                pat = Pattern(f[2], f[3], f[4], tuple(f[5].split()), preps, tuple(f[7].split()), f[8])  # type: ignore[arg-type]
                lex.patterns.setdefault(int(f[1]), []).append(pat)
            elif kind == "N":
                lex.nouns[f[1]] = (f[2], f[3])
        return lex

    def info(self, code: str) -> CodeInfo | None:
        return self.codes.get(code)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the shipped lexicon (or one at ``path``), once per process."""
    if path is None:
        text = resources.files("dateline").joinpath(LEXICON_RESOURCE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return Lexicon.from_tsv(text)


# --- parse helpers -------------------------------------------------------------------------------------

_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj"}
# Other complements a pattern's "object" may name ("URGE * WITHDRAW", "remain * SAFE").
_OBJ_LIKE = {"xcomp", "attr", "oprd", "acomp", "dative", "npadvmod"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
# Prepositions whose object is the one acted upon ("fight against X", "fire on X", "crack down on X").
_TARGET_PREPS = {"against", "on", "upon", "at", "with", "into", "over", "to"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "through", "into", "from", "throughout"}
_MODALS = {"may", "might", "could", "would", "should", "can", "must", "will", "shall", "'ll", "wo", "ca"}
# Verbs whose infinitive complement did happen ("continued to advance", "managed to escape"), or was done though it
# failed ("attempted to assassinate": CAMEO codes the attempt, 185, "attempt to assassinate").
_ASPECTUAL = {"continue", "begin", "start", "keep", "resume", "manage", "go", "stop", "cease", "finish", "help",
              "attempt", "try"}  # fmt: skip
# Dependents that end a noun phrase's span: clauses and appositions hanging off it.
_TRIM = {"relcl", "acl", "appos", "advcl", "parataxis"}
_BREAKS = {",", ";", ":", "(", ")", "[", "]", "—", "–", "--", '"', "“", "”"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Pattern nouns that stand for "a place": a place name fills them ("take control of VILLAGES" ~ "of Ramadi").
_PLACE_WORDS = {"area", "land", "territory", "region", "border", "province", "hometown", "enclave", "villages"}


def _word_key(tok: Any) -> tuple[str, str, bool]:
    """What a pattern word is compared with: lower-case form, lemma, and whether it is in a place name."""
    return tok.lower_, tok.lemma_.lower(), tok.ent_type_ in _PLACE_LABELS


def _word_matches(word: str, key: tuple[str, str, bool], lex: Lexicon) -> bool:
    """Does a pattern word (lower case, or ``&SET``) match a token's :func:`_word_key`?"""
    lower, lemma, is_place = key
    if word.startswith("&"):
        members = lex.synsets.get(word, frozenset())
        return lower in members or lemma in members or (word == "&TOWN" and is_place)
    if word == lower or word == lemma or (word.endswith("s") and word[:-1] == lemma):
        return True
    return is_place and (word in _PLACE_WORDS or word in lex.synsets.get("&TOWN", ()))


def _wire_dateline(tok: Any) -> bool:
    """Is ``tok`` the place of a wire dateline opening its sentence ("NAIROBI, Kenya (AP) -", "WASHINGTON —"): a
    word in capitals at the sentence's start, with a dash before the verb?"""
    sent = tok.sent
    return (
        tok.i == sent.start
        and tok.text.isupper()
        and len(tok.text) > 2
        and any(t.text in {"-", "—", "–", "--"} for t in tok.doc[tok.i + 1 : min(sent.end, tok.i + 10)])
    )


def _logical_subject(verb: Any) -> Any | None:
    """The doer: ``nsubj``, the ``by`` agent of a passive, or the controller of an infinitive/conjunct."""
    stative = _stative(verb)
    passive = any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children) and not stative
    subjects = [c for c in verb.children if (c.dep_ in _SUBJ or stative and c.dep_ in _PASS_SUBJ) and not passive]
    if len(subjects) > 1 and _wire_dateline(subjects[0]):
        subjects = subjects[1:]  # "NAIROBI, Kenya (AP) - Police arrested ...": the dateline is no subject
    if subjects:
        return subjects[0]
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if passive:
        return None
    # the small model sometimes hangs the subject on an auxiliary ("France however *have* opposed")
    for c in verb.children:
        if c.dep_ == "aux" and c.i < verb.i:
            subj = next((g for g in c.children if g.dep_ in _SUBJ), None)
            if subj is not None:
                return subj
    # "X vowed to protect", "X did A and B": the head verb's subject is this verb's subject.
    inherits = verb.dep_ in {"xcomp", "conj"} or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if inherits and verb.head is not verb and verb.head.pos_ in {"VERB", "AUX"}:
        head = verb.head
        if verb.dep_ == "xcomp":
            # object control: "urged X to withdraw" -> X; passive "X was urged to withdraw" -> X
            obj = next((c for c in head.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
            if obj is not None:
                return obj
        return _logical_subject(head)
    # readiness: "France is ready to contribute troops", "Syria is willing to withdraw" -> the copula's subject
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.pos_ in {"VERB", "AUX"}:
        return _logical_subject(head.head)
    return None


# Participles that state an attitude, not a passive ("Israel is opposed to the plan": Israel opposes it).
_STATIVE = {"oppose", "commit", "dedicate", "determine", "prepare", "resolve"}


def _stative(verb: Any) -> bool:
    """Is ``verb`` an attitude participle with its "to" phrase and no agent ("is opposed to", "is committed to")?"""
    return (
        verb.lemma_.lower() in _STATIVE
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _implied_subject(verb: Any) -> Any | None:
    """The doer of a verb with no subject of its own, where the clause implies one: a purpose clause takes its
    main clause's ("workers stopped work to protest" -> workers), a participle the noun it modifies ("individuals
    undermining stability") or, when that noun is a document, whoever issued it ("issued a declaration
    demanding" -> the issuer)."""
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _logical_subject(head) if head.pos_ in {"VERB", "AUX"} else None
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
        if head.lemma_.lower() in _DOCUMENT_NOUNS and head.dep_ in _OBJ and head.head.pos_ in {"VERB", "AUX"}:
            return _logical_subject(head.head)
        return head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "acl" and infinitive and head.pos_ == "NOUN":
        # "Trump's decision to recognize Jerusalem": whoever decided or offered does it
        return next((c for c in head.children if c.dep_ == "poss"), None)
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and (
        verb.tag_ == "VBD" or any(c.dep_ == "dobj" for c in verb.children)
    ):
        # a participle with an object of its own is active, so the noun it hangs on does it: the small model
        # reads "The air force carried out strikes" as a noun with a reduced relative clause
        return head
    return None


def _responsible_party(noun: Any) -> Any | None:
    """Who claims or bears responsibility for the event a noun names: "X claimed responsibility for the attack",
    "X is responsible for the killings", "X was blamed for the bombing" (CAMEO: the claimant is the doer)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    holder = prep.head
    word = holder.lemma_.lower()
    if word == "responsibility" and holder.dep_ in _OBJ and holder.head.pos_ in {"VERB", "AUX"}:
        return _logical_subject(holder.head)
    if word == "responsible" and holder.dep_ == "acomp":
        return _logical_subject(holder.head)
    if word == "blame" and holder.pos_ == "VERB" and any(c.dep_ in _PASS_SUBJ for c in holder.children):
        return next((c for c in holder.children if c.dep_ in _PASS_SUBJ), None)
    return None


# Documents that "demand", "call for" or "warn" on behalf of whoever issued them.
_DOCUMENT_NOUNS = frozenset("declaration statement letter communique communiqué resolution report appeal petition".split())


def _demand_in_speech(verb: Any) -> tuple[Any, Any] | None:
    """(speaker, addressee) of a demand voiced as an obligation in reported speech: "the administration declared
    that China must drop barriers" is the administration's request to China. Only a "must"/"should" clause under
    a speech verb whose subject is a noun."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in _SPEECH:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in verb.children):
        return None
    speaker = next((c for c in verb.head.children if c.dep_ in _SUBJ), None)
    addressee = next((c for c in verb.children if c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ), None)
    if speaker is None or addressee is None or speaker.pos_ not in {"NOUN", "PROPN"}:
        return None
    return speaker, addressee


def _noun_event_doer(noun: Any) -> Any | None:
    """The doer of an event noun without a possessor or "by" phrase: a nationality or country modifying it
    ("Palestinian riots"), else the subject of the support verb it is the object of ("students staged
    demonstrations", "began a hunger strike", "arrived on a visit"). Other verbs say nothing of who did it
    ("the threat that would trigger a withdrawal")."""
    for c in noun.children:
        if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}:
            return c
    party = _responsible_party(noun)
    if party is not None:
        return party
    verb = noun.head
    if noun.dep_ in _OBJ and _lemma_in(verb, _SUPPORT_VERBS):
        return _logical_subject(verb) or _implied_subject(verb)
    if noun.dep_ == "pobj" and verb.lower_ == "on" and _lemma_in(verb.head, _JOURNEY_VERBS):
        return _logical_subject(verb.head) or _implied_subject(verb.head)
    if noun.dep_ == "pobj" and verb.lower_ == "in" and noun.lemma_.lower() in _STANCE_PHRASES:
        # "refugees are continuing a hunger strike in protest of the refusal": whoever acts in protest protests
        act = verb.head
        if act.pos_ in {"VERB", "AUX"}:
            return _logical_subject(act) or _implied_subject(act)
        if act.pos_ == "NOUN" and act.lemma_.lower() not in _STANCE_PHRASES:
            return next((c for c in act.children if c.dep_ == "poss"), None) or _noun_event_doer(act)
    return None


# Verbs whose object names what their subject does ("staged a protest", "carried out raids").
_SUPPORT_VERBS = frozenset(
    "stage hold begin start launch conduct carry continue mount organise organize make pay end resume call "
    "lead wage undertake declare step speed intensify escalate announce complete".split()
)
# Verbs whose object is part of the predicate when a phrase pattern names it ("opened fire on", "took control of").
_LIGHT_VERBS = _SUPPORT_VERBS | {"open", "take", "give", "put", "set"}
# Event nouns the dictionary has no entry for, that a support verb stages ("began a hunger strike").
_EVENT_OBJECTS = frozenset("strike strikes talks campaign operation offensive mediation sit-in march rally".split())
# Verbs of armed attack, whose subject did the killing a passive main clause reports without a doer.
_ATTACK_VERBS = frozenset(
    "launch attack strike shell bomb storm raid ambush detonate fire open target pound bombard hit".split()
)


def _attacker_in_clause(verb: Any) -> Any | None:
    """The doer of violence reported without one ("23 civilians were killed as government forces launched air
    strikes", "two people were killed when ISIL attacked the embassy"): the subject of an attack in a clause of
    time or cause joined to it."""
    for c in verb.children:
        if c.dep_ != "advcl" or not _lemma_in(c, _ATTACK_VERBS):
            continue
        if not any(m.dep_ in {"mark", "advmod"} and m.lower_ in {"as", "when", "after", "while"} for m in c.children):
            continue
        subj = _logical_subject(c)
        if subj is not None and subj.lower_ not in _PRONOUNS:
            return subj
    return None


# Verbs whose subject undergoes the event ("a prisoner died after torture").
_DIE_VERBS = frozenset({"die", "perish", "succumb"})
_JOURNEY_VERBS = frozenset("arrive go come embark leave travel fly head".split())


def _lemma_in(tok: Any, lemmas: frozenset[str]) -> bool:
    """``tok``'s lemma is one of ``lemmas``, also where the small model's lemmatiser slips ("staged" -> "stag")."""
    word = tok.lower_
    forms = {tok.lemma_.lower(), word, word[:-1], word[:-2], word[:-3]}  # -s/-d, -ed, -ing
    return not forms.isdisjoint(lemmas)


def _logical_object(verb: Any) -> Any | None:
    stative = _stative(verb)
    for c in verb.children:
        if c.dep_ in _PASS_SUBJ and not stative or c.dep_ in _OBJ:
            return c
    return None


def _antecedent(tok: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ in {"relcl", "acl"}:
        return tok.head.head
    return tok


def _phrase(head: Any) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without clauses and appositions.

    The range grows outward from the head only over kept tokens, so a trimmed clause in the middle
    ("a soldier, who was killed ..., in Najaf") also cuts off what follows it; line breaks end it too.
    """
    kept = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _TRIM or c.is_space or (c.is_punct and c.text in _BREAKS) or _is_time_modifier(c):
                continue
            kept.add(c.i)
            stack.append(c)
    doc = head.doc
    left = right = head.i
    while True:  # leftward, also over a short parenthesis inside the phrase ("the ... Cooperation (APEC) forum")
        if left - 1 in kept:
            left -= 1
        elif (skip := _parenthesis(doc, left, -1)) and skip - 1 in kept:
            left = skip - 1
        else:
            break
    while True:
        if right + 1 in kept:
            right += 1
        elif (skip := _parenthesis(doc, right, 1)) and skip + 1 in kept:
            right = skip + 1
        else:
            break
    while left < head.i and doc[left].is_punct:
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].dep_ == "case"):  # "Kenya's" -> "Kenya"
        right -= 1
    return left, right + 1


def _with_apposition(head: Any) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head`` together with an apposition that names the same referent
    right beside it ("Qatar's emir, Sheikh Hamad"; "the then president, Goodluck Jonathan"): an argument is the
    whole naming, whichever of the two the parser made the head."""
    lo, hi = _phrase(head)
    doc = head.doc
    nouns = {"NOUN", "PROPN"}
    for ap in head.children:
        if ap.dep_ == "appos" and ap.i > head.i and ap.pos_ in nouns:
            a_lo, a_hi = _phrase(ap)
            if a_lo > hi and all(t.text == "," for t in doc[hi:a_lo]):
                hi = max(hi, a_hi)
            break
    first = head.head
    if head.dep_ == "appos" and first.i < head.i and first.pos_ in nouns:
        f_lo, f_hi = _phrase(first)
        if lo > f_hi and all(t.text == "," for t in doc[f_hi:lo]):
            lo = min(lo, f_lo)
    return lo, hi


def _parenthesis(doc: Any, i: int, step: int) -> int:
    """Index of the far bracket of a parenthesis of at most four words right beside token ``i`` (before it with
    ``step`` -1, after it with +1), when a token lies beyond that bracket; else 0."""
    opening, closing = (")", "(") if step < 0 else ("(", ")")
    near = i + step
    if not 0 <= near < len(doc) or doc[near].text != opening:
        return 0
    for j in range(near + step, near + 6 * step, step):
        if not 0 <= j < len(doc):
            return 0
        if doc[j].text == closing:
            return j if 0 < j < len(doc) - 1 else 0
        if doc[j].text in _BREAKS:
            return 0
    return 0


def _is_time_modifier(tok: Any) -> bool:
    """A prepositional phrase of time inside a noun phrase ("rebels in the Ivory Coast *on Tuesday*"): when, not who."""
    return tok.dep_ == "prep" and any(
        g.dep_ == "pobj" and (g.ent_type_ in {"DATE", "TIME"} or g.lower_ in _WEEKDAYS) for g in tok.children
    )


def _children_preps(tok: Any) -> Iterable[tuple[str, Any | None]]:
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative"}:
            yield c.lower_, next((g for g in c.children if g.dep_ == "pobj"), None)


# --- modality ------------------------------------------------------------------------------------------


def _own_modality(verb: Any) -> tuple[bool, bool]:
    """(negated, hypothetical) from the verb's own dependents."""
    negated = hypothetical = False
    for c in verb.children:
        if c.dep_ == "neg":
            negated = True
        elif c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in _MODALS):
            hypothetical = True
        elif c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
            hypothetical = True
        elif c.dep_ == "aux" and c.tag_ == "TO" and verb.head.lemma_.lower() not in _ASPECTUAL:
            hypothetical = True  # infinitives are irrealis: "vowed to protect", "the will to fight"
    return negated, hypothetical


def _modality(tok: Any) -> tuple[bool, bool]:
    """(negated, hypothetical) of an event expressed by ``tok`` (a verb, or a noun under a verb)."""
    negated, hypothetical = _own_modality(tok) if tok.pos_ in {"VERB", "AUX"} else (False, False)
    if tok.pos_ not in {"VERB", "AUX"} and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        negated = True
    node, steps = tok, 0
    while node.dep_ not in {"ROOT"} and node.head is not node and steps < 8:
        dep, head = node.dep_, node.head
        steps += 1
        if head.pos_ in {"VERB", "AUX"}:
            h_neg, h_hyp = _own_modality(head)
            if dep == "conj":
                # conjuncts share auxiliaries: "will change its stance and withdraw"
                if not any(c.dep_ in {"aux", "neg", "nsubj"} for c in node.children):
                    negated = negated or h_neg
                hypothetical = hypothetical or h_hyp
            elif dep in {"xcomp", "ccomp", "advcl", "dobj", "pobj", "acl", "relcl", "nsubj", "nsubjpass"}:
                if dep == "xcomp" and head.lemma_.lower() not in _ASPECTUAL:
                    hypothetical = True  # "vowed to protect", "planned to attack"
                subjectless = not any(c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ for c in node.children)
                if (dep in {"xcomp", "dobj", "pobj"} or (dep == "advcl" and subjectless)) and (h_neg or h_hyp):
                    hypothetical = True  # "has not ruled out sending", "would trigger a withdrawal"
                if dep in {"relcl", "acl", "nsubj", "nsubjpass"}:
                    break  # a noun's own clause: the clause above says nothing of this event
            if dep in {"ccomp", "advcl", "relcl", "acl"}:
                break
        elif dep in {"relcl", "acl"}:
            break
        node = head
    return negated, hypothetical


class _VerbContext:
    """The parse around one verb, computed once and shared by all of its patterns."""

    __slots__ = ("verb", "_subj", "obj_cands", "child_words", "preps", "_mods", "_keys")

    def __init__(self, verb: Any) -> None:
        self.verb = verb
        self._subj: Any = False  # lazily computed; False = not yet
        obj = _logical_object(verb)
        cands = [obj] if obj is not None else []
        cands += [c for c in verb.children if c.dep_ in _OBJ_LIKE]
        self.obj_cands = cands
        # a preposition of time is no particle ("demanded on Tuesday" is not "press on")
        self.child_words = {c.lower_ for c in verb.children if not _is_time_modifier(c)}
        self.preps = list(_children_preps(verb))
        for c in cands:
            self.preps.extend(_children_preps(c))
        self._mods: dict[int, list[tuple[str, str, bool]]] = {}
        self._keys: dict[int, tuple[str, str, bool]] = {}

    def key(self, tok: Any) -> tuple[str, str, bool]:
        k = self._keys.get(tok.i)
        if k is None:
            k = self._keys[tok.i] = _word_key(tok)
        return k

    @property
    def subj(self) -> Any | None:
        if self._subj is False:
            subj = _logical_subject(self.verb)
            self._subj = _antecedent(subj) if subj is not None else None
        return self._subj

    def modifiers(self, tok: Any) -> list[tuple[str, str, bool]]:
        """Word keys of the tokens under ``tok`` (its modifiers)."""
        if tok.i not in self._mods:
            self._mods[tok.i] = [self.key(t) for t in tok.subtree if t.i != tok.i]
        return self._mods[tok.i]


# --- sentence classifier -------------------------------------------------------------------------------

CLASSIFIER_RESOURCE = "data/events/classifier.npz"
# Entity labels replaced by a placeholder, so "Haiti teachers" and "Tuvalu teachers" read alike.
_GENERIC_ENTS = {"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _generic(tok: Any) -> str:
    """A token as the classifier sees it: its lemma, or its entity label for names, numbers and dates."""
    return f"<{tok.ent_type_}>" if tok.ent_type_ in _GENERIC_ENTS else tok.lemma_.lower()


# Dependencies whose (head, dependent) lemma pair tells what a verb does to what ("take_dobj_control").
_TRIPLE_DEPS = {"dobj", "obj", "nsubjpass", "xcomp", "ccomp", "prt", "attr", "oprd", "dative", "acomp"}


def sentence_features(span: Any, hits: Iterable[tuple[Any, str]], lexicon: Lexicon) -> list[str]:
    """Features of one sentence for the event-type classifier (shared by training and the stage).

    Content-word lemmas and lemma bigrams (entities generalised to their label); parse features: the root and the
    main verb (:func:`_main_verb`) with their objects, complements, prepositions and negation, and
    head-dependency-dependent lemma triples of every verb; and what the dictionary rules found: the PLOVER type and
    CAMEO root of each rule hit, marked when the hit is the sentence's main verb (``hits`` are (token, CAMEO code)
    pairs) or negated.
    """
    feats: list[str] = []
    words: list[str] = []
    for tok in span:
        if tok.is_punct or tok.is_space:
            continue
        w = _generic(tok)
        if words and words[-1] == w and w.startswith("<"):
            continue  # one placeholder per entity
        words.append(w)
        if not tok.is_stop and not w.startswith("<"):
            feats.append("w:" + w)
        if tok.pos_ == "VERB":
            v = tok.lemma_.lower()
            feats.append("v:" + v)
            for c in tok.children:
                if c.dep_ in _TRIPLE_DEPS:
                    feats.append(f"d:{v}_{c.dep_}_{_generic(c)}")
                elif c.dep_ in {"prep", "agent"}:
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    feats.append(f"d:{v}_{c.lower_}_{_generic(pobj) if pobj is not None else ''}")
                elif c.dep_ == "neg":
                    feats.append("neg:" + v)
    feats.extend(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    root = span.root
    feats.append("root:" + root.lemma_.lower())
    for c in root.children:
        if c.dep_ in _OBJ or c.dep_ in _OBJ_LIKE:
            feats.append(f"ro:{root.lemma_.lower()}_{c.lemma_.lower()}")
    main = _main_verb(span)
    if main is not None:
        m = main.lemma_.lower()
        feats.append("mv:" + m)
        if main.i != root.i:
            feats.append(f"mvr:{root.lemma_.lower()}_{m}")
        for c in main.children:
            if c.dep_ == "neg":
                feats.append("mvneg:" + m)
            elif c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in _MODALS):
                feats.append("mvmod")
            elif c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"}:
                x = c.lemma_.lower()
                feats.append(f"mvx:{m}_{x}")
                feats.extend(f"mvxo:{x}_{_generic(g)}" for g in c.children if g.dep_ in _OBJ)
            elif c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ:
                feats.append(f"mvo:{m}_{_generic(c)}")
                feats.extend(f"mvop:{m}_{_generic(c)}_{g.lower_}" for g in c.children if g.dep_ == "prep")
            elif c.dep_ in {"prep", "agent"}:
                feats.append(f"mvp:{m}_{c.lower_}")
    for tok, code in hits:
        info = lexicon.info(code)
        if info is None:
            continue
        is_main = tok.i == root.i or (main is not None and tok.i == main.i)
        is_main = is_main or (tok.head.i == root.i and tok.dep_ in {"xcomp", "ccomp", "conj", "dobj"})
        feats += ["r:" + info.type, "rc:" + code[:2]]
        if is_main:
            feats += ["rm:" + info.type, "rmc:" + code[:3]]
            if any(c.dep_ == "neg" for c in tok.children):
                feats.append("rmneg:" + info.type)
    return feats


@dataclass
class TypeClassifier:
    """A linear (softmax) model over :func:`sentence_features`: P(PLOVER type | sentence).

    Trained by ``scripts/train_event_classifier.py``; stored as .npz: ``vocab`` (feature names), ``weights``
    (features x types, float16), ``bias``, ``types``.
    """

    vocab: dict[str, int]
    weights: Any
    bias: Any
    types: tuple[str, ...]

    @classmethod
    def load(cls, path: str | Path) -> TypeClassifier:
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            vocab = {w: i for i, w in enumerate(z["vocab"].tolist())}
            return cls(vocab, z["weights"].astype(np.float32), z["bias"].astype(np.float32), tuple(z["types"].tolist()))

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        """Type -> probability for one sentence's features (unknown features are ignored)."""
        import numpy as np

        idx = sorted({self.vocab[f] for f in feats if f in self.vocab})
        logits = self.bias + (self.weights[idx].sum(axis=0) if idx else 0.0)
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return dict(zip(self.types, p.tolist()))


@functools.lru_cache(maxsize=4)
def load_classifier(path: str | None = None) -> TypeClassifier | None:
    """The shipped classifier (or one at ``path``); None when none is shipped."""
    if path is None:
        res = resources.files("dateline").joinpath(CLASSIFIER_RESOURCE)
        if not res.is_file():
            return None
        with resources.as_file(res) as real:
            return TypeClassifier.load(real)
    return TypeClassifier.load(path)


# --- the stage -----------------------------------------------------------------------------------------


@dataclass
class _Hit:
    tok: Any
    code: str  # CAMEO code; "" for an event typed by the classifier alone
    confidence: float
    consumed: frozenset[int] = frozenset()
    type: str | None = None  # PLOVER type when there is no CAMEO code
    pattern: bool = False  # the code comes from a matched phrase pattern, not a verb's or noun's default
    intent: bool = False  # a promised action read as the commitment, threat or refusal (``_read_intent``)
    was: str = ""  # the PLOVER type before that reading ("visit" CONSULT -> "would visit" AGREE)

    @property
    def statement(self) -> bool:
        """A CAMEO 01x reading: the clause reports a statement, which is no PLOVER event."""
        return self.code.startswith("01")


# What a meeting held to complain, reject or threaten amounts to (see EventStage.sentence_events).
_CONFLICT_CONTENT = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT"})
# Verbal events whose object is what they are about (see EventStage._rank_content), and the dependents that carry it.
_VERBAL_HEADS = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT"})
_CONTENT_DEPS = frozenset({"dobj", "obj", "prep", "ccomp", "xcomp", "attr", "oprd", "dative"})
_ENFORCED = frozenset({"order", "force", "compel", "direct", "instruct"})
# Verbs that report their subject's own commitment or claim: a pronoun subject under them is the speaker too.
_PLEDGE_SPEECH = frozenset({"assert", "reiterate", "confirm", "vow", "pledge", "promise", "warn", "threaten", "reaffirm"})
# Speech verbs that head a sentence whose event lies in the reported clause ("X said Y attacked Z").
_SPEECH = {
    "say", "tell", "add", "state", "announce", "report", "claim", "declare", "note", "explain", "insist", "stress",
    "write", "quote", "remark", "describe", "believe", "think", "ask", "reply", "comment",
}


# PLOVER types whose future or promised form is AGREE (CONCEDE for a retreat), with CAMEO's matching
# "express intent to" code; conflict types whose future form is THREATEN, with CAMEO's "threaten" code; and the
# CAMEO "reject" / "decline to" code of a refused cooperation or retreat (see EventStage._read_intent).
_INTENT_CODES = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033", "RETREAT": "035", "CONCEDE": "035"}
# A promised yield is CAMEO 035 "express intent to yield", which the CAMEO-to-PLOVER table reads as AGREE (the PLOVER
# gold records code "will release the hostages", "is willing to withdraw its troops", "agreed to lift embargoes" so);
# the specific 035x code where CAMEO has one, by the yield promised.
_YIELD_INTENT = {
    "081": "0351", "0811": "0351", "0812": "0351", "0813": "0351", "0814": "0351", "082": "0352", "084": "0353",
    "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "0861": "0355", "0862": "0355", "0863": "0355",
    "087": "0356", "0871": "0356", "0872": "0356", "0873": "0356", "0874": "0356",
}  # fmt: skip
_THREAT_CODES = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "1312", "PROTEST": "133"}
_REFUSAL_CODES = {"CONSULT": "125", "SUPPORT": "120", "COOPERATE": "121", "AID": "122", "RETREAT": "124", "CONCEDE": "124"}
# Verbs of commitment or schedule: their infinitive complement is promised ("agreed to hold talks", "pledged to
# send aid", "is scheduled to visit"). Not "decide": a decision enacts ("decided to grant asylum" is the grant).
_COMMIT = {
    "agree", "promise", "pledge", "vow", "offer", "commit", "undertake", "volunteer", "plan", "intend",
    "schedule", "expect", "prepare",
    # adjectives of readiness: "is ready to contribute troops", "is willing to withdraw" (CAMEO 03x, intent)
    "ready", "willing", "determined", "eager",
}
_FUTURE = {"will", "shall", "would", "'ll", "wo"}

# CAMEO 014 "consider policy option": a verb of deliberation whose complement is an option ("is considering sending
# aid", "is exploring the possibility of ...", "weighs options") states a policy under review, not an event.
_DELIBERATE = {"consider", "explore", "mull", "contemplate", "ponder", "weigh"}
_OPTION_NOUNS = {
    "possibility", "option", "idea", "proposal", "plan", "prospect", "offer", "request", "move", "measure", "step",
    "proposition", "suggestion", "way", "whether",
}
# CAMEO 019 "express accord": "agree"/"concur" with a person or view ("said they agree with the NCAA that ...") is
# an opinion, unlike agreeing to or on something (CAMEO 03x, PLOVER AGREE: "agreed to a ceasefire").
_ACCORD = {"agree", "concur"}
# Meetings: calling one off is a rejection, not a sanction (PLOVER manual, SANCTION: "Cancellation of meetings are
# REJECT and therefore verbal conflict"); the CAMEO code is 125, "reject proposal to meet, discuss, or negotiate".
_MEETING_NOUNS = {
    "visit", "trip", "meeting", "talk", "talks", "summit", "conference", "negotiation", "negotiations", "tour",
    "consultation", "consultations", "session", "dialogue",
}
# CAMEO "express intent to" codes and the code of the action itself: a dictionary pattern that reads an action verb
# as an intent ("lift * sanction" 0351, "accept * &REFUGEE" 0333, "deploy * peacekeepers" 0334) is wrong when the
# action is asserted as done ("lifted sanctions", "accepted 1,141 refugees"): that is the action, not AGREE.
_DONE_CODES = {
    "031": "060", "0311": "061", "0312": "062", "0313": "063", "0314": "064", "032": "050", "033": "070",
    "0331": "071", "0332": "072", "0333": "073", "0334": "074", "0351": "081", "0352": "082", "0353": "084",
    "0354": "085", "0355": "086", "0356": "087", "036": "040",
}  # fmt: skip
# Verbs of appeal and demand (CAMEO 02x, 10x): what they ask for is no intent of the speaker's.
_APPEAL_VERBS = {"demand", "press", "push", "urge", "campaign", "clamor", "clamour", "ask", "request", "appeal",
                 "seek", "exhort", "entreat", "adjure", "insist", "lobby", "petition"}  # fmt: skip
# Verbs of denial: the content of a CAMEO 016 denial ("denied charges that ...") did not happen, says the speaker.
_DENY = {"deny", "reject", "dismiss", "refute", "rebut", "disown", "dispute"}
# What is denied when a denial rejects someone's accusation.
_CHARGES = frozenset("accusation accusations allegation allegations charge charges claim claims report reports".split())


def _denies_charges(verb: Any) -> bool:
    """Is ``verb`` ("rejected", "denied") aimed at accusations or allegations ("rejected accusations by the U.S.",
    "denied charges that it rigged the vote"), rather than denying a fact it reports?"""
    obj = _logical_object(verb)
    return obj is not None and obj.lower_ in _CHARGES


# Verbs that call a planned thing off (not "end", which can mean finish: "is ending a five-day trip").
_CALL_OFF = {"cancel", "call", "scrap", "postpone", "delay", "suspend", "shelve", "abandon", "drop", "axe", "break"}


# Verbal defence (CAMEO 052, PLOVER SUPPORT): "defend" a stance, not a place ("defended its immigration policy",
# "defended Russia over claims of interference"; "troops defended the city" stays military).
_STANCE_NOUNS = {
    "policy", "policies", "position", "decision", "handling", "strategy", "action", "actions", "record", "stance",
    "move", "response", "approach", "involvement", "plan", "law", "comment", "comments", "remark", "remarks",
    "choice", "conduct", "view", "views", "statement", "deal", "agreement", "use", "right", "practice", "measure",
    "measures", "reform", "reforms", "expansion", "efforts", "decisions", "system", "role", "ruling", "verdict",
}
_CRITICISM_NOUNS = {"claim", "claims", "accusation", "accusations", "criticism", "charge", "charges", "allegation",
                    "allegations", "attack", "attacks", "remark", "remarks"}  # fmt: skip
# Signing an agreement is PLOVER SUPPORT ("ratify, sign, or finalize an agreement or treaty", CAMEO 057); what the
# agreement provides for ("an agreement to continue trading") is its terms, not an event.
_SIGN = {"sign", "ink", "ratify", "approve", "endorse"}
_FINALIZE = {"reach", "conclude", "clinch", "strike", "finalize", "finalise", "seal"}
# Approving a policy is SUPPORT ("express support for, commend, approve policy, action, or actor", CAMEO 051), not
# the settlement (037) or cooperation (060) the dictionary reads in "approved the plan"; so are voting for one and
# expressing support ("voiced its support for", "reaffirmed its backing of").
_APPROVE = {"approve", "endorse", "back"}
_POLICY_NOUNS = {
    "plan", "plans", "proposal", "proposals", "resolution", "bill", "budget", "policy", "initiative", "reform",
    "reforms", "roadmap", "nomination", "candidacy", "bid", "decision", "measure", "measures", "blueprint", "strategy",
}  # fmt: skip
_EXPRESS = {"express", "voice", "reaffirm", "reiterate", "declare", "renew", "restate", "lend", "extend", "throw",
            "announce", "confirm", "affirm", "signal"}  # fmt: skip
_SUPPORT_NOUNS = {"support", "backing", "solidarity", "endorsement", "approval"}
# A pledge of support is support expressed (PLOVER SUPPORT: "express support for ... policy, action, or actor"), as
# the dictionary itself reads "vow * support" and "confirm * support" (051); not the promise of future cooperation
# (032, AGREE) it reads in "pledge * support". Pledged money, arms or aid stays a promise of aid (AGREE), and so does
# a promised act ("pledged to support the plan", "will support").
_PLEDGE = {"pledge", "promise", "vow", "offer", "assure", "guarantee"}
_MATERIAL_WORDS = {"financial", "economic", "military", "material", "logistical", "logistic", "technical",
                   "humanitarian", "medical", "budgetary", "monetary", "armed", "air", "naval"}  # fmt: skip


def _political_support(noun: Any) -> bool:
    """Is ``noun`` political support ("its full support", "backing for the plan"), not money, arms or aid?"""
    if noun.lemma_.lower() not in _SUPPORT_NOUNS and noun.lower_ not in _SUPPORT_NOUNS:
        return False
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "nummod", "quantmod"}]
    return not any(m.lower_ in _MATERIAL_WORDS or m.ent_type_ == "MONEY" or m.like_num for m in mods)


def _approves(verb: Any) -> bool:
    """Is ``verb`` an approval of a policy ("approved the peace plan"; not "a resolution condemning ...", whose
    content is the event), a vote for one ("voted in favour of the bill"), or support expressed or pledged ("voiced
    its support for the plan", "pledged its full support to the government")?"""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        noun = c.lemma_.lower()
        if c.dep_ in _OBJ and lemma in _APPROVE and noun in _POLICY_NOUNS:
            return not any(g.dep_ == "relcl" or g.dep_ == "acl" and g.tag_ == "VBG" for g in c.children)
        if c.dep_ in _OBJ and lemma in _EXPRESS and noun in _SUPPORT_NOUNS:
            return True
        if c.dep_ in _OBJ and lemma in _PLEDGE and _political_support(c):
            return True
        if lemma == "assure" and c.dep_ == "prep" and c.lower_ == "of":  # "assured Pakistan of its support"
            if any(g.dep_ == "pobj" and _political_support(g) for g in c.children):
                return True
        if lemma == "vote" and c.dep_ == "prep" and (
            c.lower_ == "for" or (c.lower_ == "in" and any(g.lower_ in {"favour", "favor"} for g in c.children))
        ):
            return True
    return False
_AGREEMENT_NOUNS = {
    "agreement", "treaty", "pact", "accord", "deal", "memorandum", "convention", "protocol", "charter", "declaration",
}


# Building up forces is CAMEO 154, "mobilize or increase armed forces" ("strengthened its forces in the Gulf",
# "stepped up its military presence").
_BUILD_UP = {"strengthen", "reinforce", "boost", "bolster", "increase", "intensify", "expand", "augment", "double"}
_BUILD_UP_PHRASAL = {"beef", "build", "step", "ramp"}  # with "up"
_FORCE_NOUNS = {"force", "forces", "troops", "troop", "military", "army", "navy", "garrison", "soldiers", "deployment"}
# Summoning an envoy "to complain" or "to protest" is the complaint (CAMEO 111, ACCUSE), not a meeting.
_COMPLAINTS = {"complain", "protest", "condemn", "criticize", "criticise", "denounce", "object", "remonstrate"}
# Calling someone "to discuss", "to congratulate" is a telephone call (CAMEO 041), not an appeal ("called on X to").
_CALL_PURPOSES = {
    "discuss", "talk", "apologize", "apologise", "congratulate", "thank", "express", "convey", "inform", "brief",
    "assure", "invite", "update", "console", "offer", "wish", "greet",
}  # fmt: skip


# Easing a restriction (CAMEO 08x): lifting economic sanctions, an embargo or tariffs is 085 (PLOVER RETREAT, a
# material easing), lifting a ban, curfew or other administrative restriction 081 (CONCEDE: "easing of
# administrative or legal restrictions ... removing curfews"). The dictionary misses most such pairs ("lifted the
# embargo", "removed the sanctions") and reads "lift * sanction" as a mere intent.
_EASE = {"lift", "remove", "ease", "rescind", "revoke", "relax", "repeal", "waive", "scrap", "end", "suspend", "drop"}
_REDUCE = {"reduce", "cut", "lower", "slash"}  # easing only of duties ("cut tariffs"), not "cut aid"
_ECONOMIC_RESTRICTIONS = {"sanction", "sanctions", "embargo", "embargoes", "tariff", "tariffs", "boycott", "blockade"}
_ADMIN_RESTRICTIONS = {"ban", "restriction", "restrictions", "curfew", "law"}


def _eased_restriction(verb: Any) -> tuple[str, Any] | None:
    """The CAMEO code of easing a restriction ("lifted the embargo" 085, "lifted a travel ban" 081) and the
    restriction's noun, or None."""
    lemma = verb.lemma_.lower()
    rolled_back = lemma == "roll" and any(c.dep_ == "prt" and c.lower_ == "back" for c in verb.children)
    if lemma not in _EASE and lemma not in _REDUCE and not rolled_back:
        return None
    for c in verb.children:
        if c.dep_ not in _OBJ and c.dep_ not in _PASS_SUBJ:
            continue
        noun = c.lemma_.lower()
        if noun in _ECONOMIC_RESTRICTIONS or c.lower_ in _ECONOMIC_RESTRICTIONS:
            return ("085", c) if lemma not in _REDUCE or noun.startswith("tariff") else None
        if lemma in _EASE and noun in _ADMIN_RESTRICTIONS:
            if noun == "law" and not any(g.lower_ == "martial" for g in c.children):
                continue  # a law is no restriction unless martial
            return ("0813" if noun == "curfew" else "0814" if noun == "law" else "081"), c
        if lemma in _EASE and noun == "state" and any(
            g.lower_ == "emergency" for p in c.children if p.lower_ == "of" for g in p.children
        ):
            return "0814", c  # "lifted the state of emergency"
    return None


# Material aid (PLOVER AID: "monetary aid ... grants, gifts and credit", "military and police assistance including
# arms and personnel", "humanitarian aid"): what a verb of giving hands over when it is aid, and the aid a
# government cuts (SANCTION 'discontinue', CAMEO 162 "reduce or stop aid"). The dictionary codes "provided 6
# million euros" but not "sent emergency supplies and doctors", "delivered 500 tents", "reduced military aid".
_GIVE = {"provide", "send", "give", "deliver", "donate", "supply", "ship", "airlift", "distribute", "contribute", "hand",
         "disburse", "allocate", "transfer", "extend", "fly", "approve", "grant", "award", "earmark"}  # fmt: skip
_MILITARY_AID = {"weapon", "weapons", "arms", "ammunition", "warship", "warships", "jet", "jets", "helicopter",
                 "helicopters", "tank", "tanks", "missile", "missiles", "aircraft", "drones", "rifles"}  # fmt: skip
_AID_NOUNS = {
    "aid", "assistance", "supplies", "supply", "relief", "food", "medicine", "medicines", "equipment", "tent", "tents",
    "shelter", "materials", "goods", "vehicle", "vehicles", "truck", "trucks", "ambulance", "ambulances", "doctor",
    "doctors", "personnel", "experts", "money", "fund", "funds", "funding", "grant", "grants", "loan", "loans",
    "credit", "credits", "donation", "donations", "rice", "grain", "wheat", "flour", "water", "fuel", "vaccine",
    "vaccines", "doses", "blankets", "clothes", "clothing", "kits", "generators", "seeds", "subsidies", "subsidy",
    "support", "training", "advisers", "advisors", "instructors", "trainers", "bailout", "bailouts",
} | _MILITARY_AID  # fmt: skip
_ANNOUNCE_AID = frozenset({"announce", "unveil"})
# Aid by name in an announced grant: not arms, nor what may be announced without being given ("support", "experts").
_GRANT_NOUNS = frozenset(
    _AID_NOUNS - _MILITARY_AID - {"support", "equipment", "personnel", "experts", "training", "water", "fuel"}
)
_CURRENCIES = frozenset("dollar euro pound yen yuan rupee franc riyal dirham ruble rouble".split())
_CUT = {"reduce", "cut", "slash", "suspend", "halt", "freeze", "withhold", "stop", "end", "terminate", "curtail",
        "withdraw", "block", "cancel", "trim"}  # fmt: skip
_VERBAL_SUPPORT = {"political", "diplomatic", "moral", "verbal", "public", "full", "strong", "unanimous"}


def _aid_kind(noun: Any) -> str:
    """CAMEO's aid code for the noun ``noun`` names: military (072), humanitarian (073), economic (071), else 070."""
    words = {noun.lemma_.lower(), noun.lower_} | {c.lower_ for c in noun.children if c.dep_ in {"amod", "compound"}}
    if not words.isdisjoint(_MILITARY_AID | {"military", "arms", "defense", "defence", "security"}):
        return "2"
    if not words.isdisjoint({"humanitarian", "emergency", "food", "medical", "relief", "medicine", "medicines"}):
        return "3"
    if noun.ent_type_ == "MONEY" or not words.isdisjoint({"economic", "financial", "loan", "loans", "credit", "grant", "funds", "funding", "money"}):
        return "1"
    return ""


def _aid_given(verb: Any) -> str | None:
    """CAMEO aid code (070-073) of a verb of giving whose object is material aid ("sent emergency supplies and doctors
    to Nepal", "delivered 500 tents", "gave Pakistan two warships"): money, goods, arms or personnel; not support
    that is political ("provided political support": SUPPORT) or a message ("sent a letter"). An aid grant announced
    ("announced $33 million in humanitarian assistance") is given too."""
    lemma = verb.lemma_.lower()
    if lemma not in _GIVE and lemma not in _ANNOUNCE_AID:
        return None
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    if obj is None:
        return None
    if lemma in _ANNOUNCE_AID:
        # "announced $33 million in additional assistance", "announced a sixfold increase in funding": aid granted
        # (CAMEO 07x, as CAMEO coders read an announced grant); only money or aid by name, not "support"
        # the aid may hang off the amount or the verb ("$33 million in assistance"), or name a package ("an aid package")
        named = [obj, *(g for c in (*obj.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj")]
        if obj.lemma_.lower() in _PROGRAMMES:
            named += [c for c in obj.children if c.dep_ == "compound"]
        if obj.lemma_.lower() in _CUT_NOUNS:
            return None  # "announced a suspension of aid" cuts it
        aid = next((n for n in named if n.lemma_.lower() in _GRANT_NOUNS), None)
        return "07" + (_aid_kind(aid) or "1") if aid is not None else None
    heads = [obj, *(c for c in obj.children if c.dep_ == "conj")]
    # "flew 13 tons of medicine", "delivered a shipment of vaccines": what is given is what the amount is of
    heads += [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    # "provided Egypt with military assistance": what is given follows "with"
    given = [g for p in (*verb.children, *obj.children) if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
    heads += [*given, *(c for g in given for c in g.children if c.dep_ == "conj")]
    # "extended a credit line", "approved an aid package": the programme's own noun names the aid
    heads += [m for h in list(heads) if h.lemma_.lower() in _PROGRAMMES | {"line"} for m in h.children if m.dep_ == "compound"]
    for h in heads:
        noun = h.lemma_.lower()
        if noun == "support" and (h.ent_type_ != "MONEY" and not any(
            c.ent_type_ == "MONEY" or c.lower_ in _VERBAL_SUPPORT for c in h.subtree if c.i != h.i
        ) or any(c.lower_ in _VERBAL_SUPPORT for c in h.children)):
            continue  # "gave its support to the plan" is verbal; "45 million euros in support" is money
        if h.ent_type_ == "MONEY" or noun in _AID_NOUNS or h.lower_ in _AID_NOUNS or noun in _CURRENCIES:
            return "07" + (_aid_kind(h) or "0")
    return None


# Verbs of carrying goods by air or sea, which the dictionary reads as a journey or a deployment.
_CARRY = frozenset({"fly", "airlift", "ship"})


def _announced_grant(verb: Any) -> str | None:
    """CAMEO aid code (07x) of an aid grant announced as made ("announced $60 million in humanitarian assistance",
    "unveiled a new aid package for Haiti"), which the dictionary's "announce * assistance" reads as a mere offer
    (033). An announcement asserted in the past allocates the aid: PLOVER AID "provide material aid", as the
    dictionary itself reads "announce loans" (071) and "announce support &MILITARY" (072); an offer or a promise
    ("will announce aid", "announced plans to send aid") stays an intent (AGREE)."""
    if verb.lemma_.lower() not in _ANNOUNCE_AID or any(_modality(verb)) or _promised(verb):
        return None
    return _aid_given(verb)


# Material aid the dictionary reads as economic cooperation (061, 060) or misses (PLOVER AID: "monetary aid ... grants,
# gifts and credit", "debt forgiveness and loan cancellations", "hostage rescues"): funding someone, assisting them,
# rescuing them, granting them credit and forgiving their debt. Compensating someone is restitution (0842, RETREAT), as
# the dictionary reads "pay * compensation" and the gold records code it, not the complaint (114) it reads in the verb.
_FUND = {"fund", "finance", "bankroll", "subsidize", "subsidise", "underwrite"}
_ASSIST = {"assist", "aid", "help", "rescue"}
_FORGIVE = {"forgive", "cancel", "write", "waive", "erase", "scrap"}
_DEBTS = {"debt", "debts", "arrears", "loan", "loans", "obligations", "repayments"}


def _aid_act(verb: Any, *, dictionary_gap: bool = True) -> str | None:
    """CAMEO code of an act of material aid the dictionary reads otherwise: funding someone ("funded the opposition
    groups", 071), assisting or rescuing them ("assisted the flood victims", "rescued 10 hostages", 070), feeding or
    treating them (073), resettling refugees (075), granting credit ("approved a loan to Kenya", 071), supporting
    someone with money ("backed the plan with $5 million"), forgiving debt ("forgave $200 million of Nigeria's debt",
    "wrote off the loans", 071); and compensating someone (0842). Without ``dictionary_gap`` only debts, credit and
    money, which override the dictionary's patterns; the others only fill its gaps ("finance * attack" stays 072)."""
    lemma = verb.lemma_.lower() if verb.lower_ != "forgave" else "forgive"  # the lemmatiser keeps "forgave"
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    off = [c for c in verb.children if c.lower_ == "off" and c.dep_ in {"prt", "prep"}]
    if obj is None and lemma == "write":  # "wrote off the debts", "off" parsed as a preposition
        obj = next((g for c in off for g in c.children if g.dep_ == "pobj"), None)
    if obj is None:
        return None
    # "$200 million of Nigeria's debt": the debt hangs off the amount
    nouns = [obj, *(g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")]
    words = {w for n in nouns for w in (n.lower_, n.lemma_.lower())}
    if lemma in _FORGIVE and (lemma != "write" or off):
        # cancelling loans not yet given is cutting aid (162): only debt already owed is forgiven
        debts = _DEBTS - {"loan", "loans"} if lemma == "cancel" else _DEBTS
        return "071" if not words.isdisjoint(debts) else None
    given = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if lemma in {"support", "back", "assist", "help", "aid"} and any(
        g.ent_type_ == "MONEY" or g.lemma_.lower() in _CURRENCIES or g.lemma_.lower() in _AID_NOUNS - {"support"}
        for g in given
    ):
        return "07" + (_aid_kind(given[0]) or "1")  # "supported the project with 5 million euros": money given
    if lemma in {"approve", "grant", "award", "disburse", "release"} and (
        obj.ent_type_ == "MONEY" or not words.isdisjoint(_AID_NOUNS - {"support"})
    ):
        return "07" + (_aid_kind(obj) or "1")  # "approved a $50 million loan to Kenya": credit granted
    if not dictionary_gap:
        return None
    if lemma in {"feed", "treat", "vaccinate", "shelter"} and not words.isdisjoint(_AID_RECIPIENTS | _NEEDY):
        return "073"  # humanitarian aid: "fed two million people", "treated hundreds of wounded civilians"
    if _is_when_or_amount(obj):
        return None
    if lemma == "compensate":
        return "0842"
    if lemma in _FUND and (_is_actor(obj) or obj.pos_ in {"NOUN", "PROPN"}):
        return "071"
    if lemma == "rescue" and obj.pos_ in {"NOUN", "PROPN", "PRON"}:
        return "070"
    if lemma in {"resettle", "admit", "accept"} and obj.lemma_.lower() in _ASYLUM_SEEKERS:
        return "075"  # taking refugees in ("accepted 1,500 asylum seekers") is asylum granted
    if lemma in _ASSIST and (_is_actor(obj) or obj.lower_ in _PERSONAL_PRONOUNS or obj.lemma_.lower() in _AID_RECIPIENTS):
        return "070"
    return None


_ASYLUM_SEEKERS = frozenset({"refugee", "migrant", "asylum-seeker", "seeker", "people", "family", "evacuee"})
_NEEDY = {"wounded", "injured", "patient", "child", "civilian", "woman", "villager", "resident"}
_AID_RECIPIENTS = {"victim", "victims", "survivor", "survivors", "hostage", "hostages", "refugee", "refugees",
                   "family", "families", "people", "population", "flood", "migrants", "displaced"}  # fmt: skip


# Aid personnel (PLOVER AID: "humanitarian aid such as emergency assistance", "military and police assistance including
# arms and personnel"): a team sent to rescue, treat or relieve people, which the dictionary reads as a delegation sent
# to meet someone ("send * team", 036) or as economic cooperation ("dispatch * teams", 061).
_DISPATCH = frozenset({"send", "dispatch", "despatch", "deploy", "fly", "airlift", "rush"})
_CREWS = frozenset("team teams unit units crew crews squad squads mission missions contingent group groups".split())
_RELIEF_WORDS = frozenset(
    "relief rescue rescuers search-and-rescue medical medics doctors nurses paramedics firefighters humanitarian aid "
    "emergency health disaster".split()
)


def _relief_personnel(verb: Any) -> bool:
    """Does a verb of sending send rescuers, medics or relief workers ("dispatched relief teams to Nepal", "sent a
    team of doctors", "deployed search-and-rescue teams")?"""
    if verb.lemma_.lower() not in _DISPATCH:
        return False
    for obj in (c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ):
        # the noun and its premodifiers ("seven search-and-rescue teams"), and what it is "of" ("a team of doctors")
        words = {t.lower_ for t in obj.doc[obj.left_edge.i : obj.i + 1]} | {obj.lemma_.lower()}
        words |= {g.lower_ for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"}
        if words & {"doctors", "medics", "rescuers", "nurses", "paramedics", "firefighters"}:
            return True
        if words & _CREWS and words & _RELIEF_WORDS:
            return True
    return False


# Verbs of support whose subject may be aid itself, and the nouns of aid that can support ("U.S. funding helped ...").
_AID_DOERS = frozenset({"support", "help", "assist", "fund", "finance", "benefit"})
_AID_SUBJECTS = frozenset(
    "aid assistance funding fund funds donation donations grant grants loan loans money contribution contributions".split()
)


def _material_support(verb: Any) -> str | None:
    """CAMEO aid code of support or assistance that is provided, sent or delivered ("provided support for the
    installation of latrines"): material, so AID, not the SUPPORT (verbal) the dictionary reads in "provide *
    support"; unless it is said to be political or moral. So is support that aid itself gives ("Australian aid
    supported two million girls", "the donations helped 500 families"): aid that supports or helps is material."""
    lemma = verb.lemma_.lower()
    if lemma in _AID_DOERS:
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if doer is not None and doer.lemma_.lower() in _AID_SUBJECTS:
            return "07" + (_aid_kind(doer) or "0")
        return None
    if lemma not in _GIVE - {"give", "extend", "approve", "grant", "award"}:
        return None
    for c in verb.children:
        if (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and c.lemma_.lower() in {"support", "assistance", "help"}:
            if any(g.lower_ in _VERBAL_SUPPORT for g in c.children):
                return None
            return "07" + (_aid_kind(c) or "0")
    return None


# Declared measures: a state of siege or emergency or martial law is COERCE 'martial-law' (CAMEO 1724), unless the
# emergency answers a disaster (PLOVER manual: "State of emergencies in relation to national disasters should generally
# not be coded as COERCE"); a declared ceasefire or truce is CONCEDE ("declarations (but not implementations) of
# ceasefires"; CAMEO 0871).
_DECLARE = {"declare", "impose", "proclaim", "announce", "introduce", "enforce", "reimpose", "extend", "order"}
_TRUCES = {"ceasefire", "cease-fire", "truce", "armistice"}
_DISASTERS = frozenset(
    "flood floods flooding earthquake quake drought fire fires wildfire wildfires storm storms hurricane cyclone typhoon "
    "tsunami epidemic pandemic outbreak virus disease snow heat eruption volcano disaster landslide".split()
)


def _declared_measure(verb: Any) -> tuple[str, str | None] | None:
    """(CAMEO code, PLOVER type where it differs from the code's) of a declared emergency, martial law or ceasefire:
    "declared a state of siege" (1724), "imposed martial law" (1724), "declared a cessation of hostilities" (0871,
    CONCEDE)."""
    if verb.lemma_.lower() not in _DECLARE:
        return None
    for c in verb.children:
        if c.dep_ not in _OBJ and c.dep_ not in _PASS_SUBJ:
            continue
        noun = c.lemma_.lower()
        of = [g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        if noun == "law" and any(g.lower_ == "martial" for g in c.children) or noun == "state" and "siege" in of:
            return "1724", None
        if noun == "state" and "emergency" in of:
            if any(t.lower_ in _DISASTERS or t.lemma_.lower() in _DISASTERS for t in verb.sent):
                return None
            return "1724", None
        if verb.lemma_.lower() in {"declare", "proclaim", "announce", "order"} and (
            noun in _TRUCES or noun == "cessation" and "hostility" in of
        ):
            return "0871", "CONCEDE"
    return None


def _plain_call(verb: Any) -> bool:
    """Is "call" a telephone call (CAMEO 041: "Obama called Putin on Tuesday"): an actor called, and no appeal ("called
    on", "called for"), no naming ("called him a liar") and no particle ("called off")?"""
    callee = None
    for c in verb.children:
        if c.dep_ in _OBJ:
            callee = c
        elif c.dep_ in {"prt", "xcomp", "ccomp", "oprd", "attr", "acomp", "dative", "dobj2"}:
            return False
        elif c.dep_ == "prep" and c.lower_ in {"for", "on", "upon"} and not _is_time_modifier(c):
            return False
    return callee is not None and callee.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"}


# Physical violence the dictionary misses or misreads (PLOVER ASSAULT): crowd-control weapons used on people
# ('crowd-control': "tear gas, water cannons, ... lathi charges"; CAMEO 175), beatings ('beat', 182: "beat
# protesters with batons" matches the dictionary's "break with" pattern, a threat), executions and lynchings
# ('targeted', 186 / 1823) and razing houses ('destroy', 1712).
_CROWD_CONTROL = {"gas", "teargas", "cannon", "cannons", "bullets", "batons", "truncheons", "pellets", "grenades"}
_CROWD_USE = {"use", "fire", "deploy", "lob", "spray", "shoot", "disperse"}
_BEATEN = {"protester", "protesters", "demonstrator", "demonstrators", "detainee", "detainees", "prisoner",
           "prisoners", "student", "students", "journalist", "journalists", "civilian", "civilians", "villager",
           "villagers", "man", "men", "woman", "women", "people", "child", "children", "activist", "activists",
           "worker", "workers", "supporter", "supporters", "crowd", "crowds", "marcher", "marchers"}  # fmt: skip
_KILL = {"execute": "186", "lynch": "1823", "behead": "1823", "decapitate": "1823"}
_RAZE = {"bulldoze", "raze", "demolish", "flatten", "torch"}
_BUILDINGS = {"home", "homes", "house", "houses", "building", "buildings", "village", "villages", "mosque", "church",
              "shops", "school", "schools", "structures", "dwellings", "huts"}  # fmt: skip


def _violence(verb: Any, actor_words: frozenset[str]) -> str | None:
    """CAMEO code of physical violence the dictionary misses: crowd-control weapons ("used tear gas to disperse the
    protesters", "dispersed the crowd with water cannon": 175), beatings of people (182), executions (186) and
    lynchings (1823) of people, razed houses (1712)."""
    lemma = verb.lemma_.lower()
    objs = [c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ]
    instruments = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if lemma in _CROWD_USE and any(o.lower_ in _CROWD_CONTROL and _crowd_weapon(o) for o in objs + instruments):
        return "175"
    if lemma == "beat":
        up = any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
        if up or any(o.lower_ in _BEATEN for o in objs) or any(i.lower_ in _CROWD_CONTROL | {"sticks", "clubs"} for i in instruments):
            return "182"
    if lemma in _KILL and any(
        o.ent_type_ in {"PERSON", "NORP"} or o.lower_ in actor_words or o.lemma_.lower() in actor_words
        or o.lower_ in _BEATEN or o.lemma_.lower() in {"hostage", "soldier", "officer", "member", "opponent"}
        for o in objs
    ):
        return _KILL[lemma]
    # "dozens of homes": the houses hang off a quantity
    objs += [g for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if lemma in _RAZE and any(o.lower_ in _BUILDINGS for o in objs):
        return "1712"
    return None


def _crowd_weapon(tok: Any) -> bool:
    """Is ``tok`` a crowd-control weapon ("tear gas", "water cannon", "rubber bullets", "batons"), not any gas or
    bullet?"""
    word = tok.lower_
    mods = {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"}}
    if word in {"gas", "cannon", "cannons"}:
        return bool(mods & {"tear", "water", "pepper"})
    if word in {"bullets", "pellets", "grenades"}:
        return bool(mods & {"rubber", "plastic", "stun", "rubber-coated", "sound"})
    return True


# Barring entry is REJECT (PLOVER manual, COERCE: "an instance where a country ... bars a group or organization from
# entering its territory should be coded as REJECT"), not the SANCTION or ban the dictionary reads.
_BAR = {"bar", "ban", "prevent", "block", "forbid", "prohibit", "stop"}
_ENTRY_VERBS = {"enter", "entering", "visit", "visiting", "land", "landing", "cross", "crossing"}
_ENTRY_NOUNS = {"entry", "access", "visa", "visas", "admission", "admittance", "entrance"}


def _bars_entry(verb: Any) -> bool:
    """Is ``verb`` a bar on entry: "barred the investigators from entering the country", "denied entry to the
    journalists", "refused visas to the delegation"?"""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if lemma in _BAR and c.dep_ == "prep" and c.lower_ == "from":
            if any(g.lower_ in _ENTRY_VERBS or g.lemma_.lower() in _ENTRY_VERBS for g in c.children):
                return True
        if lemma in {"deny", "refuse"} and c.dep_ in _OBJ and c.lower_ in _ENTRY_NOUNS:
            return True
    return False


# Walking out of or quitting talks is CAMEO 164, "halt negotiations" (SANCTION 'withdraw'); the dictionary reads
# "walk out" as a journey (CONSULT).
_TALKS = {"talks", "negotiations", "summit", "meeting", "conference", "dialogue", "consultations", "process"}


def _leaves_talks(verb: Any) -> bool:
    """Is ``verb`` leaving talks: "walked out of the peace talks", "pulled out of the negotiations", "quit the
    talks"?"""
    lemma = verb.lemma_.lower()
    # "out" is a particle or, before "of", a preposition whose own "of" names what is left
    outs = [c for c in verb.children if c.lower_ == "out" and c.dep_ in {"prt", "prep", "advmod"}]
    leaving = (lemma in {"walk", "pull", "storm", "drop"} and outs) or lemma in {"quit", "abandon", "withdraw"}
    if not leaving:
        return False
    for c in [*verb.children, *(g for o in outs for g in o.children)]:
        if c.dep_ == "prep" and c.lower_ in {"of", "from"} or c.dep_ in _OBJ and lemma in {"quit", "abandon"}:
            nouns = [c] if c.dep_ in _OBJ else [g for g in c.children if g.dep_ == "pobj"]
            if any(n.lower_ in _TALKS and (n.lower_ != "process" or any(g.lower_ == "peace" for g in n.children)) for n in nouns):
                return True
    return False


# Leaving an organization or treaty is PLOVER SANCTION 'withdraw' ("a country withdraws itself from an organization,
# treaty, or group"), recalling an ambassador a cut in diplomatic relations (CAMEO 161), not the military retreat the
# dictionary reads in "withdrew its ambassador" or "pulled out of the treaty".
_BODIES = frozenset(
    "treaty treaties agreement accord pact deal alliance organization organisation union bloc league council court "
    "convention coalition commission federation community partnership framework protocol charter membership".split()
)
_ENVOYS = frozenset("ambassador ambassadors envoy envoys diplomat diplomats consul embassy chargé charge".split())
_STATE_NOUNS = frozenset("country government state nation party administration regime kingdom republic".split())


def _leaves_body(verb: Any) -> bool:
    """Is ``verb`` a country or organization leaving a body or treaty ("pulled out of the nuclear treaty", "quit the
    International Criminal Court"), or recalling its envoy ("recalled its ambassador from Iran")? Not a person
    quitting ("the minister quit the cabinet" resigns: RETREAT)."""
    lemma = verb.lemma_.lower()
    outs = [c for c in verb.children if c.lower_ == "out" and c.dep_ in {"prt", "prep", "advmod"}]
    objs = [c for c in verb.children if c.dep_ in _OBJ]
    if lemma in {"withdraw", "recall", "pull"} and any(o.lower_ in _ENVOYS or o.lemma_.lower() in _ENVOYS for o in objs):
        return True
    leaving = lemma in {"withdraw", "quit", "leave", "exit", "abandon"} or lemma in {"pull", "walk", "drop", "opt"} and outs
    if not leaving:
        return False
    subj = _logical_subject(verb)
    if subj is None or not (subj.ent_type_ in {"GPE", "ORG", "NORP"} or subj.lemma_.lower() in _STATE_NOUNS):
        return False
    nouns = [o for o in objs if lemma in {"quit", "leave", "exit", "abandon"}]
    nouns += [g for c in (*verb.children, *(g for o in outs for g in o.children)) if c.dep_ == "prep" and c.lower_ in {"from", "of"}
              for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return any(n.ent_type_ == "ORG" or n.lemma_.lower() in _BODIES or n.lower_ in _BODIES for n in nouns)


# A message of praise or support sent ("sent a message of congratulations to", "conveyed his support to"): the verbs
# that send one, the messages and what they carry.
_CONVEY = {"send", "convey", "extend", "deliver", "pass", "cable", "wire", "address"}
_MESSAGES = {"message", "messages", "letter", "letters", "cable", "telegram", "note", "greeting", "greetings"}
_PRAISE_CONTENT = {"congratulation", "congratulations", "congratulatory", "support", "solidarity", "thanks",
                   "gratitude", "appreciation", "praise", "backing", "greeting", "greetings", "felicitations"}  # fmt: skip


def _sends_praise(verb: Any) -> bool:
    """Is ``verb`` sending a message of praise or support ("sent a message of congratulations to the new president",
    "conveyed Japan's support to", "sent a congratulatory cable")? PLOVER SUPPORT: "express support for, commend"
    (CAMEO 051), not the consultation (040) the dictionary reads in "send * message"; condolences are a statement."""
    if verb.lemma_.lower() not in _CONVEY:
        return False
    for o in verb.children:
        if o.dep_ not in _OBJ:
            continue
        words = [o]
        if o.lemma_.lower() in {"support", "backing"} and verb.lemma_.lower() in {"send", "deliver", "extend", "pass"}:
            continue  # "sent support to the flood victims" may be material: left to the aid rules
        if o.lemma_.lower() in _MESSAGES or o.lower_ in _MESSAGES:
            words += [c for c in o.children if c.dep_ in {"compound", "amod"}]
            words += [g for c in o.children if c.dep_ == "prep" and c.lower_ in {"of", "with"} for g in c.children if g.dep_ == "pobj"]
        if any(w.lower_ in _PRAISE_CONTENT or w.lemma_.lower() in _PRAISE_CONTENT for w in words):
            return True
    return False


# Violence a participle clause says a coercion did ("cracked down on protesters, killing five").
_HARM = {"kill", "wound", "injure", "shoot", "massacre", "beat", "slaughter"}


def _kills_while(verb: Any) -> bool:
    """Does a participle clause of ``verb`` say it killed or wounded ("quelled the riots, killing 12 people", "cracked
    down on the opposition, wounding dozens")? A repression that kills is CAMEO 175, violent repression (ASSAULT),
    not the generic coercion (170) the dictionary reads in "crack down", "suppress" or "quell"."""
    return any(
        c.dep_ in {"advcl", "conj", "xcomp"} and c.tag_ == "VBG" and (c.lemma_.lower() in _HARM or c.lower_[:-3] in _HARM)
        for c in verb.children
    )


def _uses_force(verb: Any) -> str | None:
    """CAMEO code of using force ("police used excessive force against the protesters", 175, violent repression;
    "used military force", 190): ASSAULT either way, not the mere "use" the dictionary has no reading for. Not a
    negated or threatened use ("will not use force" is left to the intent rules)."""
    if verb.lemma_.lower() != "use" or any(c.dep_ == "neg" for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    if obj is None or obj.lemma_.lower() not in {"force", "violence"}:
        return None
    military = any(c.lower_ in {"military", "armed"} for c in obj.children if c.dep_ in {"amod", "compound"})
    return "190" if military else "175"


def _calls_on(verb: Any) -> bool:
    """Is ``verb`` "called on" someone in the sense of a visit ("the minister called on his Syrian counterpart in
    Damascus", CONSULT 042), not the appeal the dictionary reads ("called on Israel to withdraw", "called on the
    world for help")? A visit asks for nothing: no clause or "for" phrase follows, and the one called on is a person
    or a body, not a thing."""
    if verb.lemma_.lower() != "call":
        return False
    ons = [c for c in verb.children if c.lower_ == "on" and c.dep_ in {"prt", "prep"}]
    if not ons:
        return False
    callee = next((g for o in ons for g in o.children if g.dep_ == "pobj"), None)
    callee = callee or next((c for c in verb.children if c.dep_ in _OBJ), None)
    if callee is None or not (_is_actor(callee) or callee.lemma_.lower() in {"counterpart", "host", "hosts"}):
        return False
    asks = {"xcomp", "ccomp", "advcl", "relcl", "acl", "conj"}
    return not any(
        t.dep_ in asks and t.pos_ in {"VERB", "AUX"} or t.dep_ == "prep" and t.lower_ == "for"
        for t in verb.subtree if t.i != verb.i
    )


def _trains_forces(verb: Any, armed: Any) -> bool:
    """Is ``verb`` training someone else's soldiers or police ("trained Malian soldiers", "Afghan police were trained
    by American instructors")? PLOVER AID: "military and police assistance including arms and personnel" (072). Not
    one's own ("trained its recruits"). ``armed`` tells whether a phrase names armed forces."""
    if verb.lemma_.lower() != "train":
        return False
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    if obj is None or any(g.dep_ == "poss" and g.lower_ in _POSSESSIVE_PRONOUNS for g in obj.children):
        return False
    return armed(obj) or obj.lemma_.lower() in _TRAINEES


# Police, and military crews and cadets: training them is military assistance as training soldiers is ("trained
# Ukrainian pilots").
_TRAINEES = frozenset(
    {"police", "officer", "officers", "policeman", "policemen", "pilot", "pilots", "cadet", "cadets", "sailor", "sailors",
     "airman", "airmen", "sniper", "snipers"}
)  # fmt: skip


# Nouns of readiness: declaring one's readiness to do something promises it ("expressed its readiness to cooperate").
_READINESS = {"readiness", "willingness", "preparedness", "eagerness"}


def _declares_readiness(verb: Any) -> Any | None:
    """The readiness noun of "expressed its readiness / willingness to resume talks" (the promise, CAMEO 030,
    AGREE, as "is ready to" is), or None. The dictionary reads "express" as a statement and drops the promise."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    for o in verb.children:
        if (o.dep_ in _OBJ or o.dep_ in _PASS_SUBJ) and o.lemma_.lower() in _READINESS:
            if any(c.dep_ in {"acl", "xcomp", "relcl"} and c.pos_ in {"VERB", "AUX"} for c in o.children):
                return o
    return None


def _frees_captives(verb: Any) -> bool:
    """Is ``verb`` freeing hostages, captives or victims ("freed 10 trafficking victims")? Not releasing prisoners or
    suspects one holds ("police released the suspects" is RETREAT 'release')."""
    return verb.lemma_.lower() == "free" and any(
        (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and c.lemma_.lower() in {"hostage", "victim", "captive"}
        for c in verb.children
    )


# People or remains held, whose handing over is a release (PLOVER RETREAT 'release').
_HELD = frozenset(
    "body bodies remains prisoner prisoners hostage hostages captive captives detainee detainees soldier soldiers".split()
)


def _hands_over_captives(verb: Any) -> bool:
    """Is ``verb`` handing over captives or the dead it holds ("Israel handed over the bodies of two militants", "the
    rebels handed over 20 prisoners to the Red Cross")? A release of what one holds: PLOVER RETREAT 'release'."""
    if verb.lemma_.lower() != "hand" or not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        return False
    obj = _handed_thing(verb)
    return obj is not None and obj.lemma_.lower() in _HELD


def _handed_thing(verb: Any) -> Any | None:
    """What a verb of handing over or back moves: its object (or passive subject), or what an amount in it is of
    ("returned dozens of artifacts", "handed over the bodies of two militants")."""
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    if obj is not None and _is_when_or_amount(obj):
        obj = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    return obj


def _by_rescuers(verb: Any) -> bool:
    """Is ``verb`` done by state forces (police, troops), whose freeing of captives is a rescue?"""
    subj = _logical_subject(verb)
    return subj is not None and (subj.lemma_.lower() in _RESCUERS or subj.lower_ in _RESCUERS)


# State forces whose freeing of captives is a rescue (not rebels or gunmen, who free the hostages they hold).
_RESCUERS = {"police", "policeman", "policemen", "troops", "soldier", "soldiers", "army", "military", "forces",
             "commando", "commandos", "marines", "navy", "coastguard"}  # fmt: skip


def _spelling(word: str) -> str:
    """``word`` in one spelling, British and American alike ("recognise" / "recognize", "honour" / "honor"), so that
    a pattern the dictionary spells one way ranks as the verb's own ("recognise * independence", 054) for both."""
    return word.replace("ise", "ize").replace("our", "or")


def _summons_envoy_over(verb: Any) -> bool:
    """Is ``verb`` summoning an envoy over a grievance ("summoned the British ambassador over the remarks")? The
    PLOVER manual codes "summoning an in-country ambassador to present such grievances" as ACCUSE (111), not CONSULT;
    the matter of the complaint follows "over", "about" or "after", or "in protest"."""
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    if obj is None or not (obj.lemma_.lower() in _ENVOYS or obj.lower_ in _ENVOYS):
        return False
    preps = [c for c in (*verb.children, *obj.children) if c.dep_ == "prep"]
    return any(
        c.lower_ in {"over", "about", "regarding", "after", "following"}
        or c.lower_ == "in" and any(g.lemma_.lower() == "protest" for g in c.children)
        for c in preps
    )


def _diplomatic_sanction(verb: Any) -> str | None:
    """CAMEO code of a diplomatic sanction the dictionary reads otherwise: expelling an ambassador or diplomat (166,
    SANCTION 'expel': the manual excepts "the expulsion of ambassadors or similar diplomats" from individual
    deportations, COERCE), suspending or ending a country's membership of a body (166, "expel an entity from a group,
    organization"), withdrawing recognition (161, not the concession the dictionary reads in "withdraw")."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    for o in verb.children:
        if o.dep_ not in _OBJ and o.dep_ not in _PASS_SUBJ:
            continue
        noun = o.lemma_.lower()
        if lemma in {"expel", "oust", "deport"} and (noun in _ENVOYS or o.lower_ in _ENVOYS):
            return "166"
        if lemma in {"suspend", "revoke", "terminate", "end", "freeze"} and noun == "membership":
            return "166"
        if lemma in {"withdraw", "revoke", "rescind"} and noun == "recognition":
            return "161"
    return None


def _peacekeepers_arrive(verb: Any) -> bool:
    """Is ``verb`` peacekeepers arriving or being deployed ("the first NATO peacekeeping troops arrived in Bosnia",
    "UN peacekeepers were deployed to the border")? That is CAMEO 074, "provide military protection or peacekeeping"
    (AID), not the meeting trip (036) the dictionary reads in "arrive"."""
    if not (_lemma_in(verb, _JOURNEY_VERBS) or verb.lemma_.lower() in {"deploy", "station", "land"} and _is_passive(verb)):
        return False
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return False
    words = [subj] + [c for c in subj.subtree if c.dep_ in {"compound", "amod", "nmod", "pobj"}]
    return any(w.lemma_.lower() in {"peacekeeper", "peacekeepers", "peacekeeping"} or w.lower_ in {"peacekeepers", "peacekeeping"}
               for w in words)  # fmt: skip


_PEACEKEEPING = frozenset({"peacekeeper", "peacekeepers", "peacekeeping", "peace-keeping"})
_POSTING = frozenset(_DISPATCH | {"station"})


def _sends_peacekeepers(verb: Any) -> bool:
    """Does ``verb`` send or deploy troops as peacekeepers ("deployed 300 troops to the UN peacekeeping mission in
    Mali", "soldiers were deployed as peacekeeping forces")? That is CAMEO 074, "provide military protection or
    peacekeeping" (PLOVER AID, "military and police assistance including arms and personnel"), not the build-up of
    one's own forces (154, MOBILIZE) the dictionary reads in "deploy * troops"."""
    if verb.lemma_.lower() not in _POSTING or any(_modality(verb)) or _promised(verb):
        return False  # a promised deployment keeps the dictionary's intent code ("will deploy peacekeepers", 0334)
    heads = [c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ]
    heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "as"} for g in c.children if g.dep_ == "pobj"]
    return any(w.lower_ in _PEACEKEEPING or w.lemma_.lower() in _PEACEKEEPING for h in heads for w in (h, *h.children))


def _staff_withdrawn(verb: Any) -> str | None:
    """SANCTION code of expelling foreign staff from a country or withdrawing one's own (PLOVER 'expel' / 'withdraw':
    peacekeepers 1661, inspectors and observers 1662, aid workers and agencies 166), also where the dictionary reads
    a military withdrawal ("withdraw * &MILITARY" matches "weapons inspectors"); withdrawing troops stays a
    (military) RETREAT."""
    lemma = verb.lemma_.lower()
    pulled_out = lemma == "pull" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    if lemma not in {"expel", "withdraw"} and not pulled_out:
        return None
    for c in verb.children:
        if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ:
            code = _EXPELLED_STAFF.get(c.lemma_.lower()) or _EXPELLED_STAFF.get(c.lower_)
            if code is not None:
                return code
    return None


# Nouns of mediation (the dictionary's &MEDIATION) and the verbs that take one up ("launched a mediation effort").
_MEDIATION = {"mediation", "arbitration", "conciliation", "mediator", "mediators"}
_TAKE_UP = {"launch", "undertake", "begin", "start", "lead", "conduct", "continue", "resume", "pursue", "head"}


def _mediates(verb: Any) -> Any | None:
    """The mediation ``verb`` engages in, CAMEO 045 (CONSULT): "mediated the dispute" (the dictionary's default for
    a bare "mediate" is the mere intent, 039), or a mediation taken up, "undertook a mediation mission", "launched a
    mediation effort between the Emirates and Saudi Arabia" (the codebook's own examples). Returns the verb, or the
    mediation noun the construction consumes; None when it is no mediation."""
    lemma = verb.lemma_.lower()
    if lemma == "mediate":
        return verb
    if lemma not in _TAKE_UP:
        return None
    for o in verb.children:
        if o.dep_ in _OBJ or o.dep_ in _PASS_SUBJ:
            words = [o] + [c for c in o.children if c.dep_ in {"compound", "amod", "nmod"}]
            if any(w.lemma_.lower() in _MEDIATION or w.lower_ in _MEDIATION for w in words):
                return o
    return None


# Verbs that enact the measure they announce ("announced a suspension of aid").
_ENACT = {"announce", "declare", "order"}
# Nouns of cutting ties, aid or links ("a suspension of aid", "the closure of its embassy", "a cut in aid").
_CUT_NOUNS = {"suspension", "halt", "freeze", "cut", "cuts", "reduction", "severance", "severing", "closure",
              "closing", "termination", "downgrade", "downgrading", "cutoff"}  # fmt: skip
_TIES = {"ties", "relations", "embassy", "embassies", "consulate", "mission"}
_LINKS = {"links", "flights", "trade", "cooperation", "exports", "imports", "deliveries"}


def _cut_noun(noun: Any) -> str | None:
    """CAMEO 16x of a noun of cutting: aid (162x), diplomatic ties or an embassy (161), links or trade (160)."""
    if noun.lemma_.lower() not in _CUT_NOUNS and noun.lower_ not in _CUT_NOUNS:
        return None
    for p in noun.children:
        if p.dep_ != "prep" or p.lower_ not in {"of", "in", "to", "on"}:
            continue
        for g in p.children:
            if g.dep_ != "pobj":
                continue
            word = g.lower_
            if g.lemma_.lower() in _AID_NOUNS - _MILITARY_AID - {"support"}:
                kind = _aid_kind(g)
                return "162" + kind if kind in {"1", "2", "3"} else "162"
            if word in _TIES:
                return "161"
            if word in _LINKS:
                return "160"
    return None


# Coercion by restriction (PLOVER COERCE, "restrictions on rights, or coercive uses of power falling short of violence"):
# cutting a population's utilities is 'withhold' ("shut off power/internet/water/utilities"); closing crossings, media
# or offices and revoking licences is 'restrict' / 'censor' ("cordoning off areas", "censor, ban or restrict access
# to publications"). The dictionary reads "close", "revoke" and "cut off" as reduced relations (SANCTION 160), which
# PLOVER keeps for "diplomatic, commercial, or material exchanges" (embassies, trade, flights, aid).
_UTILITIES = frozenset(
    "electricity power water internet fuel gas telephone phone phones telecommunications utilities services "
    "communications connection connections network networks".split()
)
_WITHHOLD = frozenset({"cut", "shut", "halt", "stop", "suspend", "disconnect", "block", "withhold", "turn"})
_CLOSABLE = frozenset(
    "crossing crossings checkpoint checkpoints road roads highway highways school schools university universities "
    "newspaper newspapers paper papers station stations channel channels office offices website websites site sites "
    "mosque mosques church churches market markets shop shops camp camps publication publications outlet outlets "
    "broadcaster broadcasters border borders".split()
)
_CLOSE = frozenset({"close", "shut", "seal"})
_PERMITS = frozenset("licence licences license licenses accreditation accreditations registration permit permits".split())
_RESTRICT = frozenset(_WITHHOLD | _CLOSE | {"revoke", "cancel", "withdraw"})


def _restriction(verb: Any) -> str | None:
    """CAMEO code of a coercive restriction the dictionary reads as reduced relations: utilities cut off ("cut off
    electricity and water to the town", 170 COERCE 'withhold'), crossings, media or offices closed ("closed the
    Gaza crossings", 172), a licence revoked or suspended ("revoked the licence of the channel", 1721). Not an
    embassy or mission closed, which reduces diplomatic relations (161)."""
    lemma = verb.lemma_.lower()
    if lemma not in _RESTRICT:
        return None
    for obj in (c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ):
        nouns = [obj, *(c for c in obj.children if c.dep_ == "conj")]
        words = {w for n in nouns for w in (n.lower_, n.lemma_.lower())}
        if words & _TIES:
            return None
        if lemma in _WITHHOLD and words & _UTILITIES:
            return "170"
        if lemma in _CLOSE and words & _CLOSABLE:
            return "172"
        if lemma in {"revoke", "suspend", "cancel", "withdraw"} and words & _PERMITS:
            return "1721"
    return None


def _slapped_measure(verb: Any) -> str | None:
    """CAMEO code of a measure "slapped" on someone, the verb's figurative sense of imposing ("slapped sanctions on
    Iran", 163 SANCTION; "slapped a travel ban on the officials", 172 COERCE), not the blow it names otherwise (180)."""
    if verb.lemma_.lower() != "slap":
        return None
    for obj in (c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ):
        word = obj.lemma_.lower()
        if word in _ECONOMIC_RESTRICTIONS or obj.lower_ in _ECONOMIC_RESTRICTIONS or word in {"duty", "levy", "fine"}:
            return "163"
        if word in _ADMIN_RESTRICTIONS or obj.lower_ in _ADMIN_RESTRICTIONS:
            return "172"
    return None


_SHUN = frozenset({"boycott", "snub", "shun"})
_AMNESTY = frozenset({"amnesty", "amnesties", "pardon", "pardons", "clemency"})
_SURRENDER = frozenset({"hand", "turn", "surrender", "give"})


def _shuns_meeting(verb: Any) -> bool:
    """Does the verb boycott or snub a meeting ("boycotted the talks", "snubbed the summit")? PLOVER REJECT, as the
    manual reads calling off a meeting, CAMEO 125 "reject proposal to meet, discuss, or negotiate"."""
    if verb.lemma_.lower() not in _SHUN:
        return False
    return any((c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and c.lemma_.lower() in _MEETING_NOUNS for c in verb.children)


def _gives_up_arms(verb: Any) -> bool:
    """Does the doer give up its own weapons ("the rebels handed over their weapons", "surrendered its arms")? PLOVER
    RETREAT 'disarm' ("disarm militarily or give up weapons"), not the military aid (072) weapons given would be."""
    lemma = verb.lemma_.lower()
    if lemma == "lay" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        # "will lay down their arms": one only ever lays down one's own
        return any((c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and c.lower_ in _MILITARY_AID for c in verb.children)
    if lemma not in _SURRENDER:
        return False
    if lemma != "surrender" and not any(c.dep_ in {"prt", "prep"} and c.lower_ in {"over", "in", "up"} for c in verb.children):
        return False
    return any(
        (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ)
        and c.lower_ in _MILITARY_AID
        and any(g.dep_ == "poss" and g.lower_ in {"their", "its", "his", "her", "our"} for g in c.children)
        for c in verb.children
    )


_CAPTIVES = frozenset({"hostage", "hostages", "captive", "captives", "shield", "shields"})


def _holds_captive(verb: Any) -> bool:
    """Does the verb hold people hostage or captive ("held 30 people hostage", "kept them captive", "held civilians as
    human shields")? PLOVER ASSAULT 'abduct' (CAMEO 181), as the dictionary reads "take * hostage"."""
    if verb.lemma_.lower() not in {"hold", "keep"}:
        return False
    for c in verb.children:
        if c.dep_ in {"dobj", "oprd", "xcomp", "advmod", "npadvmod", "attr"} and c.lower_ in {"hostage", "hostages", "captive", "captives"}:
            return True
        if c.dep_ == "prep" and c.lower_ == "as" and any(g.lower_ in _CAPTIVES for g in c.children):
            return True
    return False


def _aid_cut(verb: Any) -> str | None:
    """CAMEO 162x of cutting aid ("reduced military aid to Egypt", "froze funding for the agency", "halted loans")."""
    if verb.lemma_.lower() not in _CUT:
        return None
    aid_words = (_AID_NOUNS - _MILITARY_AID - {"support"}) | {"lending"}
    for c in verb.children:
        if c.dep_ not in _OBJ and c.dep_ not in _PASS_SUBJ:
            continue
        # "suspended part of a military aid program": the aid is what the part or the programme is of
        heads = [c, *(g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" and c.lemma_.lower() in _PORTIONS
                      for g in p.children if g.dep_ == "pobj")]  # fmt: skip
        for h in heads:
            named = [h] + [m for m in h.children if m.dep_ == "compound" and h.lemma_.lower() in _PROGRAMMES]
            if any(n.lemma_.lower() in aid_words for n in named):
                kind = _aid_kind(h) or next((k for n in named if (k := _aid_kind(n))), "")
                return "162" + kind if kind in {"1", "2", "3"} else "162"
    return None


# Portions and programmes of aid ("part of the aid", "a military aid program").
_PORTIONS = {"part", "some", "most", "all", "half", "much", "portion", "share", "bulk", "rest", "third", "quarter"}
_PROGRAMMES = {"program", "programme", "package", "scheme", "project", "flow", "flows", "shipment", "shipments",
               "delivery", "deliveries"}  # fmt: skip


# Foreign staff a government expels from its country (PLOVER SANCTION 'expel', CAMEO 166x), not a deportation of
# individuals (COERCE): "expelled the UN peacekeepers / weapons inspectors / aid workers".
_EXPELLED_STAFF = {
    "peacekeeper": "1661", "peacekeepers": "1661", "inspector": "1662", "inspectors": "1662", "observer": "1662",
    "observers": "1662", "monitor": "1662", "monitors": "1662", "worker": "166", "workers": "166",
    "agency": "166", "agencies": "166", "ngo": "166", "ngos": "166",
}  # fmt: skip


def _released_person(verb: Any, actor_words: frozenset[str]) -> Any | None:
    """The person or group ``verb`` frees ("freed the hostages", "was released from prison"), or None: the actual
    release of captives is RETREAT 'release' (CAMEO 0841), not the dictionary's generic "yield" (080)."""
    if verb.lemma_.lower() not in {"free", "release"}:
        return None
    for c in verb.children:
        if (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and (
            _is_actor(c) or c.lower_ in _PERSONAL_PRONOUNS or c.lower_ in actor_words or c.lemma_.lower() in actor_words
        ):
            return c
    return None


def _purpose(verb: Any) -> Any | None:
    """The verb of ``verb``'s "to"-infinitive of purpose ("summoned the envoy to complain"), or None."""
    for c in verb.children:
        if c.dep_ in {"advcl", "xcomp"} and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c
    return None


def _builds_up_forces(verb: Any) -> bool:
    """Is ``verb`` a build-up of armed forces ("strengthened its forces", "stepped up its military presence")?"""
    lemma = verb.lemma_.lower()
    phrasal = lemma in _BUILD_UP_PHRASAL and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    if lemma not in _BUILD_UP and not phrasal:
        return False
    for c in verb.children:
        if c.dep_ in _OBJ:
            if c.lower_ in _FORCE_NOUNS or c.lemma_.lower() in _FORCE_NOUNS:
                return True
            if c.lemma_.lower() == "presence" and any(g.lower_ == "military" for g in c.children):
                return True
    return False


def _is_actor(tok: Any) -> bool:
    return tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or tok.pos_ == "PROPN" or tok.lower_ in _GROUP_NOUNS


def _defends_verbally(verb: Any) -> bool:
    """Is ``verb`` "defend" said of a stance or against criticism (CAMEO 052, verbal) rather than of a place?"""
    if verb.lemma_.lower() != "defend":
        return False
    for c in verb.children:
        if c.dep_ in _OBJ and (c.lemma_.lower() in _STANCE_NOUNS or c.lower_ in _STANCE_NOUNS):
            return True
        if c.dep_ == "prep" and c.lower_ in {"over", "against"}:
            if any(g.dep_ == "pobj" and g.lower_ in _CRITICISM_NOUNS for g in c.children):
                return True
    return False


def _signed_agreement(verb: Any) -> Any | None:
    """The agreement ``verb`` signs ("signed a trade deal") or finalizes ("reached an agreement on trade", "struck a
    deal": PLOVER SUPPORT is to "ratify, sign, or finalize an agreement or treaty"; the dictionary reads "reach *
    agreement" as a mere intent, 03x), or None."""
    if verb.lemma_.lower() not in _SIGN | _FINALIZE:
        return None
    return next((c for c in verb.children if c.dep_ in _OBJ and c.lemma_.lower() in _AGREEMENT_NOUNS), None)


_CREDIT_WORDS = frozenset("aid loan loans grant grants credit financing funding assistance donation".split())


def _aid_agreement(agreement: Any) -> str | None:
    """CAMEO aid code of a signed agreement that grants aid or credit ("signed a $50 million loan agreement", "signed
    an aid deal worth 20 million euros"): PLOVER AID, "monetary aid and financial guarantees, grants, gifts and
    credit", which the agreement grants; else None (an agreement of cooperation stays SUPPORT 057)."""
    mods = [c for c in agreement.children if c.dep_ in {"compound", "amod", "nmod"}]
    if any(m.lower_ in _CREDIT_WORDS or m.lemma_.lower() in _CREDIT_WORDS for m in mods):
        words = next((m for m in mods if m.lower_ in _CREDIT_WORDS or m.lemma_.lower() in _CREDIT_WORDS))
        return "07" + (_aid_kind(words) or "1")
    return None


def _deliberates(verb: Any) -> bool:
    """Is ``verb`` a verb of deliberation over an option (CAMEO 014): a gerund or "whether" complement ("considering
    sending aid", "weighing whether to ..."), or an option noun as its object ("exploring the possibility of")?"""
    if verb.lemma_.lower() not in _DELIBERATE:
        return False
    for c in verb.children:
        if c.dep_ in {"xcomp", "ccomp", "dobj", "obj"} and c.tag_ == "VBG":
            return True
        if c.dep_ in {"ccomp", "xcomp"} and any(g.lower_ == "whether" for g in c.children):
            return True
        if c.dep_ in _OBJ and c.lemma_.lower() in _OPTION_NOUNS:
            return True
    return False


def _expresses_accord(verb: Any) -> bool:
    """Is ``verb`` "agree"/"concur" with someone or that something is so (CAMEO 019, a statement), not agreeing to do
    or on something: a "with" phrase or a "that" clause, and no object, infinitive or "to"/"on" phrase?"""
    if verb.lemma_.lower() not in _ACCORD:
        return False
    opinion = False
    for c in verb.children:
        if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ or c.dep_ in {"xcomp", "dative"}:
            return False
        if c.dep_ == "prep":
            if c.lower_ in {"to", "on", "upon", "over"}:
                return False
            opinion = opinion or c.lower_ == "with"
        elif c.dep_ == "ccomp":
            opinion = True
    return opinion


# Attitudes: what is hoped, feared or doubted ("hoped for more talks", "is skeptical the program would meet the
# deadline") has not happened; their irrealis or nominal content is no event.
_ATTITUDES = frozenset({
    "hope", "wish", "doubt", "fear", "worry", "skeptical", "sceptical", "confident", "optimistic", "pessimistic",
    "hopeful", "doubtful", "concerned", "worried", "afraid", "uncertain", "unsure",
})


def _attitude_content(tok: Any) -> bool:
    """Is ``tok`` (an event trigger) a plan or event noun in the content of an attitude: a noun, or a verb that is
    not asserted, below "hope", "fear", "skeptical" ... through a clause or preposition (not the attitude-holder's
    own infinitive, "hopes to visit", which states an intent)?"""
    if tok.pos_ in {"VERB", "AUX"} and not _modality(tok)[1]:
        return False
    node = tok
    for _ in range(8):
        head = node.head
        if head is node:
            return False
        if _lemma_in(head, _ATTITUDES) and node.dep_ in {"ccomp", "prep", "pobj", "advcl", "dobj"}:
            return True
        if node.dep_ in {"relcl", "acl", "xcomp"} or head.pos_ in {"VERB", "AUX"} and node.dep_ in {"conj", "nsubj"}:
            return False
        node = head
    return False


def _under(tok: Any, heads: list[Any]) -> bool:
    """Does ``tok`` lie in the complement of one of ``heads`` (below it, not in its subject)?"""
    for h in heads:
        for c in h.children:
            if c.dep_ not in _SUBJ and c.dep_ not in _PASS_SUBJ and c.left_edge.i <= tok.i <= c.right_edge.i:
                return True
    return False


def _promised(tok: Any) -> bool:
    """Is a verb's action promised rather than done: a future auxiliary of its own ("will visit", also on the
    first of conjoined verbs), or an infinitive under a verb of commitment or schedule, also through a chain of
    infinitives ("agreed to hold talks", "is scheduled to travel ... to visit")?"""
    node = tok
    for _ in range(4):
        while node.dep_ == "conj" and node.head is not node and not any(c.dep_ == "aux" for c in node.children):
            node = node.head
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in node.children):
            return True
        infinitive = any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "TO" for c in node.children)
        if node.dep_ not in {"xcomp", "advcl"} or not (infinitive or node.dep_ == "xcomp"):
            return False
        head = node.head
        if any(c.dep_ == "neg" for c in head.children):
            return False
        if head.lemma_.lower() in _COMMIT:
            return True
        node = head
    return False


# Legal accusation (PLOVER ACCUSE 'allege'), detention (COERCE 'arrest'), seizure and abduction (see
# ``EventStage._manual_reading``).
_LEGAL_ACCUSE = {"charge", "indict", "prosecute", "accuse", "sue"}
# Verbs of condemnation: the dictionary reads "condemn * terrorist attack" as an empathetic comment (018, a statement
# and no PLOVER event); the PLOVER manual's ACCUSE 'disapprove' is "condemn, decry a policy or an action".
_CONDEMN = {"condemn", "denounce", "decry", "deplore"}
_DETAIN = {"arrest", "detain", "jail", "imprison", "apprehend"}
_SEIZE = {"capture", "seize", "storm", "overrun", "occupy", "take", "retake", "recapture", "conquer", "invade"}
_ABDUCT = {"abduct", "kidnap", "hijack"}
# Verbs of praise (CAMEO 051): unambiguous, whatever the object.
_PRAISE = {"praise", "hail", "commend", "laud", "applaud", "salute", "acclaim", "extol", "compliment", "congratulate"}
_COMMANDERS = {"commander", "leader", "chief", "officer", "member", "general", "colonel", "captain", "major"}
_ARMED = frozenset(
    "army armies troops troop soldier soldiers force forces military militia militias militiaman militiamen rebel "
    "rebels insurgent insurgents guerrilla guerrillas militant militants fighter fighters gunman gunmen jihadist "
    "jihadists separatist separatists combatant combatants commando commandos marines paratroopers".split()
)
# CAMEO codes whose PLOVER type the PLOVER manual gives otherwise than the CAMEO-to-PLOVER table: (type, mode).
_MANUAL_TYPES = {
    "163": ("SANCTION", "discontinue"),
    # "withdrew its troops": the manual's RETREAT 'withdraw' ("retreat from territory or withdraw forces from an
    # area"), where the conversion table says 'disarm' for the whole of CAMEO 087
    "0874": ("RETREAT", "withdraw"),
    # "apologized for the killings": "expressions of regret or remorse for an action or situation should be coded as
    # CONCEDE" (PLOVER manual, under SUPPORT), where the conversion table maps CAMEO 055 to SUPPORT
    "055": ("CONCEDE", None),
}


# Places that are taken by force when captured ("captured the town", "seized control of the airport"); not a house or
# office, which police may seize in a raid (COERCE 'seize').
_STRONGHOLDS = frozenset(
    "city town village district province region territory base airport airbase port capital stronghold area border "
    "crossing outpost garrison enclave valley hill hills airfield oilfield county island peninsula".split()
)


def _captured_place(verb: Any) -> bool:
    """Is ``verb`` capturing or seizing a town or territory ("captured the city of Kunduz", "seized the Gaza Strip",
    "seized control of the airport")? Not by police, whose seizures are raids. (Not "take control of", which a council
    or government does too: CAMEO 192, COERCE.)"""
    obj = _logical_object(verb)
    if obj is None:
        return False
    if obj.lemma_.lower() == "control":  # "seized control of the airport"
        obj = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"), None)
    if obj is None:
        return False
    subj = _logical_subject(verb)
    if subj is not None and subj.lemma_.lower() in {"police", "policeman", "policemen", "officer", "officers", "customs"}:
        return False
    # "the capital Sanaa": the place noun may modify the name
    words = [obj, *(c for c in obj.children if c.dep_ == "compound")]
    return obj.ent_type_ in {"GPE", "LOC"} or any(w.lemma_.lower() in _STRONGHOLDS for w in words)


# Law enforcement, whose arrests are arrests even of armed men.
_POLICE = frozenset("police policeman policemen officer officers agent agents authorities security".split())


def _policing(tok: Any | None) -> bool:
    """Does ``tok`` name police or other law enforcement ("police", "security forces", "the authorities")?"""
    if tok is None:
        return False
    words = [tok, *(c for c in tok.children if c.dep_ in {"compound", "amod"})]
    return any(w.lemma_.lower() in _POLICE or w.lower_ in _POLICE for w in words)


# Bodies that govern or administer, whose taking control of something is an act of authority, not of arms.
_GOVERNING = frozenset(
    "government administration authority authorities council ministry minister state court police regime "
    "cabinet parliament municipality city mayor governor president officials".split()
)


def _governs(subj: Any | None) -> bool:
    """Is ``subj`` a governing body or office ("the government", "the city council", "the authorities")? No subject
    counts as one: without a doer, an armed takeover is not shown."""
    if subj is None:
        return True
    words = [subj, *(c for c in subj.children if c.dep_ in {"compound", "amod"})]
    return any(w.lemma_.lower() in _GOVERNING or w.lower_ in _GOVERNING for w in words)


_PRISON_TERMS = frozenset(
    "year years month months week weeks day days prison jail imprisonment detention life term terms labour labor".split()
)


def _prison_sentence(verb: Any) -> bool:
    """Is ``verb`` a sentence to prison ("sentenced the journalist to three years in prison", "was jailed for life")?"""
    lemma = verb.lemma_.lower()
    if lemma not in {"sentence", "jail", "imprison"}:
        return False
    if lemma != "sentence":
        return True
    terms = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "for"} for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in _PRISON_TERMS or t.lower_ in _PRISON_TERMS for t in terms)


def _idiom(pat: Pattern) -> bool:
    """Is a phrase pattern a phrasal idiom of its own verb: a particle or a bare preposition and nothing else ("break
    with", "break off", "head to")? Such a pattern does not carry over to the other verbs of its synonym block (a
    beating "with sticks" is no "break with"; "lead to" is no trip), unlike one that names an object or a noun."""
    return not pat.subj and not pat.obj and all(not noun for _, noun in pat.preps) and bool(pat.preps or pat.particles)


def _legal_charge(verb: Any) -> bool:
    """Is "charge" the legal one: charged with, for or over an offence ("charged the minister with corruption"), not
    a charge of police or cavalry?"""
    return any(c.dep_ == "prep" and c.lower_ in {"with", "for", "over"} for c in verb.children)


_SUSPECTS = frozenset("suspect suspects detainee detainees witness witnesses prisoner prisoners man men woman women".split())


def _questions(verb: Any, actor_words: frozenset[str]) -> str | None:
    """CAMEO code of questioning someone or something, which the dictionary's bare "question" leaves uncoded: a person
    questioned ("police questioned the suspect", "he was questioned for six hours") is interrogated, PLOVER ACCUSE
    'investigate' (090, as the dictionary codes "interrogate"); a decision, claim or policy questioned is doubted,
    ACCUSE 'disapprove' (110, as the dictionary codes "question * assertion"). Not "questioned whether ...", which is
    no act against anyone."""
    if verb.lemma_.lower() != "question":
        return None
    obj = next((c for c in verb.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    if (
        obj.ent_type_ in {"PERSON", "NORP"}
        or obj.lower_ in _PERSONAL_PRONOUNS
        or obj.lemma_.lower() in _SUSPECTS
        or obj.lemma_.lower() in actor_words
    ):
        return "090"
    return "110" if obj.pos_ == "NOUN" else None


def _put_on_trial(verb: Any) -> bool:
    """"put X on trial", "brought X to trial": a prosecution (ACCUSE 'allege')."""
    if verb.lemma_.lower() not in {"put", "bring", "place"}:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in {"on", "to"} and any(g.lower_ == "trial" for g in c.children)
        for c in verb.children
    )


@register_stage("events", requires=("nlp",))
class EventStage(Stage):
    """Find PLOVER events in each sentence.

    lexicon: path of a compiled lexicon TSV (None = the shipped one).
    nominal: also code event nouns ("the attack on X", "a withdrawal", "the fall of Ramadi").
    min_confidence: drop events below this confidence.
    classifier: path of a sentence classifier .npz, "shipped" for the packaged one, None for rules only.
    classifier_weight: share of the classifier's probability in a rule event's confidence.
    classifier_threshold: the classifier adds an event of its own type at the main verb when its top type has at
        least this probability and no rule event of the sentence has that type.
    classifier_override: the classifier retypes the rule event on the main verb when its top type has at least
        this probability and the rule's type under ``override_ratio`` times it (above 1: never).
    override_ratio: see ``classifier_override``.
    statement_threshold: in a sentence that reports a statement, the classifier adds a verbal event (quad 1 or
        3: "announced it will lift the curfew") only with at least this probability.
    intent: read promised actions as the PLOVER manual asks (see ``_read_intent``): future cooperation ("will
        visit", "agreed to hold talks") as AGREE, a future retreat as CONCEDE, a future attack as THREATEN.
    intent_reject: also read a negated promise of cooperation ("will not meet") as REJECT.
    resolve_roles: a pronoun source in reported speech becomes the speaker ("farmers said they would blockade");
        sources the clause implies (purpose clauses, participles, event nouns after a support verb); targets
        looked for in the action the verb leads to ("threatened to ban X", "demanded that X ..."); and an
        obligation in reported speech is the speaker's demand ("X said Y must ...").
    main_bonus: added to the confidence of the event on the sentence's main verb (its root, or the reported
        clause's verb under a speech verb), so the main event ranks first.
    """

    def __init__(
        self,
        *,
        lexicon: str | None = None,
        nominal: bool = True,
        min_confidence: float = 0.0,
        classifier: str | None = "shipped",
        classifier_weight: float = 0.7,
        classifier_threshold: float = 0.3,
        classifier_override: float = 0.6,
        override_ratio: float = 0.1,
        statement_threshold: float = 0.7,
        main_bonus: float = 0.2,
        intent: bool = True,
        intent_reject: bool = True,
        resolve_roles: bool = True,
    ) -> None:
        self.lexicon = load_lexicon(lexicon)
        self.nominal = nominal
        self.min_confidence = min_confidence
        self.classifier = load_classifier(None if classifier == "shipped" else classifier) if classifier else None
        self.classifier_weight = classifier_weight
        self.classifier_threshold = classifier_threshold
        self.classifier_override = classifier_override
        self.override_ratio = override_ratio
        self.statement_threshold = statement_threshold
        self.main_bonus = main_bonus
        self.intent = intent
        self.intent_reject = intent_reject
        self.resolve_roles = resolve_roles
        # A type's usual quad class (for classifier events, which carry no CAMEO code): the most common over its codes.
        votes: dict[str, Counter[int]] = {}
        for info in self.lexicon.codes.values():
            votes.setdefault(info.type, Counter())[info.quad] += 1
        self._type_quad = {t: c.most_common(1)[0][0] for t, c in votes.items()}
        # The dictionary's words for people and forces ("troops", "refugees", "leader", ...), for telling actors
        self._actor_words = frozenset().union(*(self.lexicon.synsets.get(name, ()) for name in _ACTOR_SYNSETS))

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        if doc is None:
            article.warnings.append("events: no parse (run the nlp stage first); no events found")
            return article
        events: list[Event] = []
        for sent in doc.sents:
            events.extend(self.sentence_events(article, sent))
        article.events = merge_repeats(article, [e for e in events if e.confidence >= self.min_confidence])
        return article

    # detection ----------------------------------------------------------------------------------------

    def sentence_events(self, article: Article, sent: Any) -> list[Event]:
        """All events of one spaCy sentence span."""
        hits = self.sentence_hits(sent)
        statements = [h for h in hits if h.statement]
        hits = [h for h in hits if not h.statement]
        root = sent.root
        # An option under consideration is no event, asserted or not ("is considering sending aid to X"), nor is
        # what a denial denies ("denied charges that it had helped the plotters").
        content_of = [
            h.tok for h in statements if h.code == "014" or (h.code == "016" and h.tok.lemma_.lower() in _DENY)
        ]
        # The terms of a signed agreement ("signed an agreement to continue trading") are not events either.
        content_of += [a for h in hits if h.code == "057" and (a := _signed_agreement(h.tok)) is not None]
        if content_of:
            hits = [h for h in hits if not _under(h.tok, content_of)]
        hits = [h for h in hits if not _attitude_content(h.tok)]
        # Rejecting accusations is a rejection (PLOVER REJECT: "all rejections and refusals"), though CAMEO files a
        # denial under statements (016, which the event keeps as its code): "rejected accusations by the U.S."
        for h in statements:
            if h.code == "016" and h.tok.lemma_.lower() in _DENY and _denies_charges(h.tok):
                h.type, h.pattern = "REJECT", True
                hits.append(h)
        statements = [h for h in statements if not h.type]
        # A meeting, call or visit held for a purpose ("met the prime minister to seek support", "flew to Cairo to press
        # for a ceasefire") is the event: the purpose is its agenda, not yet done. The classifier does not retype it.
        agendas = {h.tok.i: p for h in hits if (p := self._agenda(h)) is not None}
        meetings = [h for h in hits if h.tok.i in agendas]
        for h in meetings:
            h.pattern = True
        # A demand in reported speech whose verb the dictionary does not code ("said Israel must end ...").
        main = _main_verb(sent)
        if main is not None and not any(h.tok.i == main.i for h in hits + statements) and self.intent:
            if _demand_in_speech(main) is not None and "100" in self.lexicon.codes:
                hits.append(_Hit(main, "100", 0.5, intent=True))
        if any(h.tok.i == root.i for h in statements) or root.lemma_.lower() in _SPEECH:
            # The sentence is a statement ("declined to comment", "said he was pessimistic about resuming
            # talks"): only asserted events inside what was said stand; irrealis and nominal mentions under
            # it ("hoped it would lead to", "considering giving") are the statement's content, not events.
            strict = any(h.pattern and h.tok.i == root.i for h in statements)
            hits = [h for h in hits if self._stated_event(h, root, strict=strict)]
            if not hits and self.classifier is None:
                return []
            if self.classifier is not None:
                # What was said may itself be a verbal event the rules missed ("announced it will end the
                # curfew"): the classifier adds it only when sure and when its type is verbal (quad 1 or 3).
                hits = self._classify(sent, hits, statement=True, coded=statements)
        elif self.classifier is not None:
            hits = self._classify(sent, hits, coded=statements)
        if main is not None:
            # The sentence's main event sits on its main verb: rank it above events in subordinate clauses.
            for h in hits:
                if h.tok.i == main.i:
                    h.confidence = min(1.0, h.confidence + self.main_bonus)
        for meeting in meetings:
            # what a meeting or trip was for ("met the minister to seek support") ranks below the meeting; not a
            # complaint, which is what the meeting amounts to (PLOVER manual: a consultation with an ambassador "to
            # complain about an action" is coded for its content, ACCUSE or REJECT)
            for h in hits:
                if h is meeting or self._hit_type(h) in _CONFLICT_CONTENT:
                    continue
                if any(a.left_edge.i <= h.tok.i <= a.right_edge.i for a in agendas[meeting.tok.i]):
                    h.confidence = min(h.confidence, meeting.confidence - 0.05)
        self._rank_content(hits, main)
        return [self._event(article, sent, h) for h in sorted(hits, key=lambda h: h.tok.i)]

    def _rank_content(self, hits: list[_Hit], main: Any | None) -> None:
        """Rank what a verbal event on the main verb is about below that event: the attack an accusation condemns
        ("condemned the bombing that killed 20", "accused the rebels of violating the ceasefire"), what a demand or a
        rejection asks for or refuses ("urged Israel to end its raids"), what is praised or welcomed ("welcomed the
        release of the prisoners"). PLOVER codes the verbal act the sentence reports (ACCUSE 'disapprove': "condemn,
        decry a policy or an action"; REQUEST, REJECT, SUPPORT "express support for ... action"); the act it is
        about is its content, whatever the dictionary's pattern for that act."""
        if main is None:
            return
        head = next((h for h in hits if h.tok.i == main.i), None)
        if head is None or head.tok.pos_ not in {"VERB", "AUX"}:
            return
        if self._hit_type(head) not in _VERBAL_HEADS or head.tok.lemma_.lower() in _ENFORCED:
            # an authority's order is carried out ("ordered the newspapers to suspend publication": COERCE); an act
            # done for a purpose ("provided 6 million euros to support projects") is the act, its purpose not yet done
            content = [] if any(_modality(head.tok)) else [
                c for c in head.tok.children
                if c.dep_ == "advcl" and c.pos_ in {"VERB", "AUX"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ]  # fmt: skip
            purpose = True
        else:
            content = [c for c in head.tok.children if c.dep_ in _CONTENT_DEPS]
            purpose = False
        for h in hits:
            if purpose and self._hit_type(h) in _CONFLICT_CONTENT | {"PROTEST"}:
                continue  # "stayed away from work to protest", "sent experts to investigate": what the act amounts to
            if h is not head and any(c.left_edge.i <= h.tok.i <= c.right_edge.i for c in content):
                h.confidence = min(h.confidence, head.confidence - 0.05)

    def _agenda(self, hit: _Hit) -> list[Any] | None:
        """The purpose clause ("to seek support") of an asserted meeting, call or visit (a CONSULT verb), or None."""
        if self._hit_type(hit) != "CONSULT" or hit.tok.pos_ not in {"VERB", "AUX"} or any(_modality(hit.tok)):
            return None
        purpose = [
            c for c in hit.tok.children
            if c.dep_ == "advcl" and c.pos_ in {"VERB", "AUX"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ]  # fmt: skip
        return purpose or None

    def _stated_event(self, hit: _Hit, root: Any, *, strict: bool = False) -> bool:
        """Does a statement headed by ``root`` carry the event of ``hit``? A verbal event does, asserted or not
        ("said it would not accept" is a REJECT, "warned it would strike" a THREAT); a material one only when it
        is asserted by a verb ("said rebels attacked"), not as a plan or wish ("hoped the move would lead to",
        "is considering giving money"). A trigger on the root itself counts ("accused X of ...").

        With ``strict`` (the root is a statement by a phrase pattern: "expressed pessimism about", "expressed
        condolences to") only an asserted verb stands: the nouns and plans it mentions ("pessimism about the
        negotiations") are what the attitude is about."""
        if hit.tok.i == root.i:
            return True
        if _responsible_party(hit.tok) is not None:
            return True  # "claimed responsibility for the attack": the claim acknowledges the attack as done
        if hit.tok.dep_ in _OBJ and hit.tok.head.i == root.i and root.lemma_.lower() in _ENACT:
            # "announced a suspension of aid", "declared the closure of its embassy": announcing a measure enacts it
            if self._hit_type(hit) in {"SANCTION", "COERCE"}:
                return True
        asserted = hit.tok.pos_ in {"VERB", "AUX"} and not _modality(hit.tok)[1]
        if strict:
            return asserted
        info = self.lexicon.info(hit.code)
        if info is not None and info.quad in (1, 3):
            return True
        return asserted

    def _classify(
        self, sent: Any, hits: list[_Hit], *, statement: bool = False, coded: Sequence[_Hit] = ()
    ) -> list[_Hit]:
        """Rescore the rule hits with the sentence classifier, and add its own event when the rules miss its type.

        The classifier sees the rule hits among its features, so where it is confident against the rule reading
        of the main verb (its type at least ``classifier_override``, the rule's type below ``override_ratio``
        times that) it retypes that hit, unless a phrase pattern ("withdraw * &MILITARY") or the PLOVER intent
        rule (``_read_intent``) coded it: the roles stay, the CAMEO code goes. In a statement (``statement``) it
        adds only a verbal event, and only above ``statement_threshold``. It adds nothing on a word that a phrase
        pattern or rule reads as a statement (``coded``: "expressed concern", "declined to comment", "agree with"):
        the dictionary has said what that word does."""
        assert self.classifier is not None
        probs = self.classifier.probabilities(sentence_features(sent, [(h.tok, h.code) for h in hits], self.lexicon))
        w = self.classifier_weight
        for h in hits:
            h.confidence = (1 - w) * h.confidence + w * probs.get(self._hit_type(h), 0.0)
        best = max(probs, key=probs.__getitem__)
        p_best = probs[best]
        if statement and (p_best < self.statement_threshold or self._type_quad.get(best) not in (1, 3)):
            return hits
        # A rule event already accounts for the type when it has it, or had it before the intent reading
        # ("scheduled to visit" is AGREE, not a second, CONSULT event).
        if p_best >= self.classifier_threshold and not any(best in (self._hit_type(h), h.was) for h in hits):
            anchor = _anchor(sent)
            if anchor is None or any(h.pattern and h.tok.i == anchor.i for h in coded):
                return hits
            if any(
                h.intent and self._hit_type(h) == "AGREE" and h.tok.dep_ == "xcomp" and h.tok.head.i == anchor.i
                for h in hits
            ):
                return hits  # "is scheduled to meet": the rules read the promise below the anchor
            on_anchor = next((h for h in hits if h.tok.i == anchor.i), None)
            if on_anchor is None:
                on_anchor = _Hit(anchor, "", p_best, type=best)
                hits.append(on_anchor)
            elif (
                not (on_anchor.pattern or on_anchor.intent)
                and p_best >= self.classifier_override
                and probs.get(self._hit_type(on_anchor), 0.0) < self.override_ratio * p_best
            ):
                on_anchor.code, on_anchor.type, on_anchor.confidence = "", best, p_best
            else:
                return hits
            if self.intent:
                # the classifier types the action; a promised or refused one is still read as PLOVER asks ("will
                # not lift the embargo" is a REJECT)
                self._read_intent(on_anchor, commitment=False)
        return hits

    def _hit_type(self, hit: _Hit) -> str:
        if hit.type:
            return hit.type
        info = self.lexicon.info(hit.code)
        return info.type if info else ""

    def sentence_hits(self, sent: Any) -> list[_Hit]:
        """The dictionary's event triggers in one sentence span, with their CAMEO codes."""
        hits: list[_Hit] = []
        consumed: set[int] = set()
        for tok in sent:
            if tok.pos_ == "VERB":
                hit = self._code_verb(tok)
                if hit:
                    hits.append(hit)
                    consumed |= hit.consumed
        if self.nominal:
            for tok in sent:
                if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in consumed and tok.dep_ != "compound":
                    hit = self._code_noun(tok)
                    if hit:
                        hits.append(hit)
        if self.intent:
            for h in hits:
                self._read_intent(h)
        for h in hits:
            self._read_act(h)
        return hits

    def _read_act(self, hit: _Hit) -> None:
        """Recode what an action amounts to:

        - an action the dictionary reads as an intent ("express intent to ease sanctions") but which the sentence
          asserts as done ("lifted sanctions") is that action (``_DONE_CODES``);
        - a demand voiced as an obligation in reported speech ("Russia said Israel must end its attacks",
          :func:`_demand_in_speech`) is the speaker's REQUEST (CAMEO 100, "make demand"), whatever the demanded
          action; not a counterfactual "should have", which blames;
        - calling off a meeting ("cancelled a planned visit", CAMEO 16x in the dictionary) is REJECT (CAMEO 125),
          as the PLOVER manual asks."""
        tok = hit.tok
        ptype = self._hit_type(hit)
        if hit.statement or tok.pos_ not in {"VERB", "AUX"}:
            return
        new = None
        if hit.pattern and hit.code.startswith("03") and tok.lemma_.lower() in _APPEAL_VERBS:
            # "demanded negotiations": the dictionary's block shares "want * talks" (036, an intent) with "demand";
            # demanding talks is the appeal (026), not an intent, nor (asserted) a meeting held
            new = "02" + hit.code[2:] if "02" + hit.code[2:] in self.lexicon.codes else "020"
        elif (
            hit.pattern
            and not hit.intent
            and hit.code in _DONE_CODES
            and tok.lemma_.lower() not in _COMMIT | _SPEECH
            and _modality(tok) == (False, False)
            and not _promised(tok)
        ):
            new = _DONE_CODES[hit.code]
            if hit.code == "036" and _lemma_in(tok, _JOURNEY_VERBS):
                new = "042"  # "flew to Baghdad": a visit made
        elif (
            ptype != "REQUEST"
            and _demand_in_speech(tok) is not None
            and not any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children)
        ):
            new = "100"
        elif hit.code.startswith("16") and tok.lemma_.lower() in _CALL_OFF and any(
            (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and c.lemma_.lower() in _MEETING_NOUNS for c in tok.children
        ):
            new = "125"
        if new is not None and new in self.lexicon.codes:
            hit.was = hit.was or ptype
            hit.code, hit.type, hit.intent = new, None, True

    def _read_intent(self, hit: _Hit, *, commitment: bool = True) -> None:
        """Code a promised or announced action as the verbal event it is, as the PLOVER manual asks ("the coder
        should always return the single event category, not a category+auxiliary"):

        - AGREE: "agree to, offer, promise, or otherwise indicate willingness or commitment to cooperate";
          CONSULT, SUPPORT, COOPERATE and AID "reported in future tense ... should be coded as AGREE";
        - CONCEDE: "announcements of future retreats" ("would withdraw troops");
        - THREATEN: a future ASSAULT, COERCE, SANCTION or PROTEST ("ASSAULT + hypothetical");
        - with ``intent_reject``, REJECT: a negated promise of cooperation or retreat ("will not meet"), or a
          negated agreement ("will not accept").

        Promised means a future auxiliary of the verb's own ("will visit") or an infinitive under a verb of
        commitment ("agreed to hold talks", "vowed to fight"); the new code is CAMEO's matching "express intent
        to" / "threaten" / "reject" code. A commitment verb read as cooperation ("agreed to ...") becomes 030 (120,
        REJECT, when negated: "did not agree to"); not with ``commitment`` off, for a type the classifier gave the
        verb itself ("undertook a mediation mission" is the mediation)."""
        tok = hit.tok
        if tok.pos_ not in {"VERB", "AUX"}:
            return
        ptype = self._hit_type(hit)
        negated = any(c.dep_ == "neg" for c in tok.children)
        new = None
        if commitment and tok.lemma_.lower() in _COMMIT and ptype in _INTENT_CODES and not hit.pattern:
            new = "030" if not negated else ("120" if self.intent_reject else None)
        elif negated and ptype == "AGREE" and self.intent_reject:
            new = "120"  # "will not accept", "refused to agree": a rejection
        elif commitment and ptype == "AGREE" and tok.lemma_.lower() in _COMMIT and any(
            c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in tok.children
        ):
            hit.intent = True  # "promised to lift the curfew": the promise, whatever the promised action's type
        elif _promised(tok):
            if not negated:
                new = _INTENT_CODES.get(ptype) or _THREAT_CODES.get(ptype)
                if ptype in {"RETREAT", "CONCEDE"} and _YIELD_INTENT.get(hit.code) in self.lexicon.codes:
                    new = _YIELD_INTENT[hit.code]
            elif self.intent_reject:
                new = _REFUSAL_CODES.get(ptype)
        if new is not None and new in self.lexicon.codes:
            hit.was = ptype
            hit.code, hit.type, hit.intent = new, None, True

    def _code_verb(self, verb: Any) -> _Hit | None:
        """The CAMEO reading of a verb: a construction the rules know (:meth:`_construction`), else the dictionary's
        most specific matching pattern, else a construction that fills the dictionary's gaps
        (:meth:`_gap_reading`), else the verb's default code."""
        hit = self._construction(verb)
        if hit is not None:
            return hit
        hit = self._dictionary_reading(verb)
        if hit is None or not hit.pattern:
            hit = self._gap_reading(verb) or hit
        if hit is not None:
            self._manual_reading(hit)
        return hit

    def _manual_reading(self, hit: _Hit) -> None:
        """Recode a dictionary reading the PLOVER manual reads otherwise:

        - charging, indicting, prosecuting or putting on trial is ACCUSE 'allege' ("sue, indict, or charge; bring to
          trial"; CAMEO 1121), not the arrest code 173 the dictionary often gives;
        - an arrest is COERCE 'arrest' (173), not the violent repression (175) the dictionary reads in "arrested
          protesters"; so is a prison sentence (the manual: "court sentences that include imprisonment will also
          receive a COERCE 'arrest' mode"), not the administrative sanction (172) the dictionary reads in "sentence";
        - capturing or abducting combatants is ASSAULT 'abduct' (181: "combatants captured during conflict should be
          coded as ASSAULT 'abduct' rather than COERCE 'arrest'"), and so is a hijacking;
        - armed forces seizing, taking over or occupying a place (CAMEO 192, "occupy territory", COERCE in the
          CAMEO-to-PLOVER table) use military force: ASSAULT (190); so does any invasion;
        - imposing sanctions or an embargo (CAMEO 163, COERCE in the table) is SANCTION 'discontinue' ("international
          (political or economic) sanctions are coded as 'discontinue'");
        - condemning an attack (the dictionary's empathetic comment 018) is ACCUSE 'disapprove' (111: "condemn, decry a
          policy or an action");
        - praising a visit or a meeting is praise (051), not the meeting the dictionary's "hail * visit" reads (043);
        - an amnesty granted (the dictionary's "forgive", 056, SUPPORT) is CONCEDE (081: "formal pardons and amnesties
          of arrested persons should be coded as CONCEDE")."""
        verb, code = hit.tok, hit.code
        lemma = verb.lemma_.lower()
        taken_over = lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
        new = None
        if code.startswith(("17", "18", "19")) and (
            lemma in _LEGAL_ACCUSE and (lemma != "charge" or _legal_charge(verb)) or _put_on_trial(verb)
        ):
            new = "112" if lemma == "accuse" else "1121"
        elif (
            lemma in _DETAIN and code.startswith("173") and self._armed(_logical_object(verb), people=True)
            and self._armed(_logical_subject(verb)) and not _policing(_logical_subject(verb))
        ):
            # "soldiers detained five insurgents": "combatants captured during conflict should be coded as ASSAULT
            # 'abduct' rather than COERCE 'arrest'" (PLOVER manual); police arrests of suspects stay COERCE
            new = "181"
        elif lemma in _DETAIN and code.startswith(("175", "18")):
            new = "173"
        elif _prison_sentence(verb) and not code.startswith("173"):
            new = "173"  # "convictions that result in imprisonment should also be coded as COERCE 'arrest'"
        elif code.startswith("15") and lemma in _GIVE and any(
            (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ) and c.lower_ in _MILITARY_AID for c in verb.children
        ):
            new = "072"  # "continued to send arms to Pakistan": arms supplied, not a build-up of one's own forces
        elif code.startswith("062") and (lemma in _GIVE or lemma in {"dispatch", "deploy"}):
            new = "072"  # "sent troops to Mali": military assistance "including arms and personnel", not cooperation
        elif code == "170" and _kills_while(verb):
            new = "175"  # "suppressed the uprising, killing hundreds": violent repression (ASSAULT)
        elif lemma in _ABDUCT and not code.startswith("18"):
            new = "181"
        elif lemma in _SEIZE and (
            code == "192" or taken_over or not code.startswith(("15", "17", "18", "19", "20"))
        ):
            # not a confiscation (1711: "troops seized weapons"); a seizure the dictionary reads as something else
            # ("captured part of a stronghold" matches its "take part" pattern)
            if self._armed(_logical_object(verb), people=True):
                new = "181"
            elif lemma == "invade" or (code == "192" or lemma != "take" or taken_over) and self._armed(_logical_subject(verb)):
                new = "190"  # an invasion is military force whoever invades ("Iraq invaded Kuwait")
            elif lemma not in {"occupy", "take"} and _captured_place(verb):
                new = "190"  # a town captured is taken by force, whoever took it ("the Taliban captured Kunduz")
            elif lemma == "take" and code == "192" and _captured_place(verb) and not _governs(_logical_subject(verb)):
                # "ISIS has taken full control of Ramadi": a town taken by a group that does not govern it is a
                # military occupation, which PLOVER codes ASSAULT ("military occupations that have been or are
                # being carried out"); a government or council taking control of something stays COERCE
                new = "190"
        elif code.startswith("04") and lemma in _PRAISE:
            new = "051"  # "hailed the visit as a success": praise of a meeting (SUPPORT 'commend'), not the meeting
        elif lemma == "host" and code == "039" and not any(_own_modality(verb)):
            new = "045"  # "hosted talks between the parties": mediation done (CONSULT), not an intent to mediate
        elif lemma == "pardon" and code.startswith("084"):
            new = "081"  # "pardoned 300 prisoners": "formal pardons ... should be coded as CONCEDE", the release RETREAT
        elif code == "056" and any((c.dep_ in _OBJ or c.dep_ == "pobj") and c.lower_ in _AMNESTY for c in verb.subtree):
            new = "081"  # "granted amnesty to the rebels": "formal pardons and amnesties ... should be coded as CONCEDE"
        elif code.startswith("01") and lemma in _CONDEMN:
            new = "111"  # "condemned the terrorist attack": disapproval voiced (ACCUSE), not sympathy
        if new is not None and new in self.lexicon.codes and new != code:
            # the dictionary pattern's words ("take *part*") no longer name the predicate
            hit.code, hit.pattern, hit.consumed = new, True, frozenset()
        elif code.startswith("05") and lemma in _PRAISE:
            hit.pattern = True  # praise is praise, whatever it is for ("hailed the ceasefire"): no retyping
        if hit.code in _MANUAL_TYPES:
            hit.type = _MANUAL_TYPES[hit.code][0]

    def _armed(self, tok: Any | None, *, people: bool = False) -> bool:
        """Does ``tok`` head a phrase naming armed forces or fighters ("troops", "rebel commanders", "the army")?
        With ``people``, the phrase must name persons ("rebel commanders"), not their places ("rebel headquarters")."""
        if tok is None:
            return False
        tok = _antecedent(tok)
        words = [tok] + [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}]
        if people and tok.lemma_.lower() not in _ARMED | _COMMANDERS and tok.ent_type_ != "PERSON":
            words = [tok]
        military = self.lexicon.synsets.get("&MILITARY", frozenset())
        return any(w.lower_ in _ARMED or w.lemma_.lower() in _ARMED or w.lower_ in military for w in words)

    def _construction(self, verb: Any) -> _Hit | None:
        """Readings that override the dictionary: statements its patterns miss (a policy option under consideration,
        CAMEO 014; an opinion shared, 019), verbal defence (052), a build-up of forces (154), a release of captives
        (0841), easing economic sanctions (085), a complaint to a summoned envoy (111), a telephone call (041) and
        a signed agreement (057), people held hostage (181), a meeting boycotted (125), weapons given up (0873), relief teams sent (073), restrictions (170, 172, 1721: :func:`_restriction`), a
        measure "slapped" on someone (163, 172), property handed back (0842), and the further readings the module
        docstring lists. The object such a reading names
        is no event of its own."""
        if _deliberates(verb):
            return _Hit(verb, "014", 0.5, pattern=True)
        if _expresses_accord(verb):
            return _Hit(verb, "019", 0.5, pattern=True)
        if _defends_verbally(verb):
            return _Hit(verb, "052", 0.75, pattern=True)
        if _builds_up_forces(verb):
            return _Hit(verb, "154", 0.75, pattern=True)
        freed = _released_person(verb, self._actor_words)
        if _frees_captives(verb) and _by_rescuers(verb):
            # troops or police freeing hostages rescue them: PLOVER AID ("hostage rescues", "police ... freed 10
            # human trafficking victims"), not the captors' release (RETREAT)
            return _Hit(verb, "070", 0.75, pattern=True)
        if freed is not None:
            return _Hit(verb, "0841", 0.75, frozenset({freed.i}), pattern=True)
        eased = _eased_restriction(verb)
        if eased is not None and eased[0] == "085":  # the dictionary reads "lift * sanction" as a mere intent
            return _Hit(verb, eased[0], 0.75, frozenset({eased[1].i}), pattern=True)
        lemma = verb.lemma_.lower()
        purpose = _purpose(verb) if lemma in {"summon", "call"} else None
        if lemma == "summon" and purpose is None and _summons_envoy_over(verb):
            return _Hit(verb, "111", 0.75, pattern=True)
        if purpose is not None:
            p = purpose.lemma_.lower()
            if lemma == "summon" and p in _COMPLAINTS:
                return _Hit(verb, "111", 0.75, pattern=True)
            phrasal = any(c.dep_ == "prt" for c in verb.children)
            callee = next((c for c in verb.children if c.dep_ in _OBJ), None)
            if lemma == "call" and p in _CALL_PURPOSES and not phrasal and callee is not None and _is_actor(callee):
                return _Hit(verb, "041", 0.75, pattern=True)
        elif lemma == "call" and _plain_call(verb):
            return _Hit(verb, "041", 0.6, pattern=True)
        if (material := _material_support(verb)) is not None:
            return _Hit(verb, material, 0.6, pattern=True)
        if (measure := _declared_measure(verb)) is not None and measure[0] in self.lexicon.codes:
            return _Hit(verb, measure[0], 0.75, pattern=True, type=measure[1])
        if (force := _uses_force(verb)) is not None and force in self.lexicon.codes:
            return _Hit(verb, force, 0.75, pattern=True)
        if _calls_on(verb):
            return _Hit(verb, "042", 0.75, pattern=True)
        if _trains_forces(verb, self._armed) and "072" in self.lexicon.codes:
            return _Hit(verb, "072", 0.75, pattern=True)
        if (ready := _declares_readiness(verb)) is not None:
            return _Hit(verb, "030", 0.75, frozenset({ready.i}), pattern=True)
        if _sends_praise(verb):
            return _Hit(verb, "051", 0.75, pattern=True)
        if (aid := _aid_act(verb, dictionary_gap=False)) is not None and aid in self.lexicon.codes:
            return _Hit(verb, aid, 0.75, pattern=True)
        if (grant := _announced_grant(verb)) is not None and grant in self.lexicon.codes:
            return _Hit(verb, grant, 0.75, pattern=True)
        if verb.lemma_.lower() in _CARRY and (carried := _aid_given(verb)) is not None and carried in self.lexicon.codes:
            # "flew 13 tons of medicine into Kabul": aid carried in, not the trip (036) or deployment (154) the
            # dictionary reads in "fly" and "airlift"
            return _Hit(verb, carried, 0.75, pattern=True)
        if (agreement := _signed_agreement(verb)) is not None:
            if (credit := _aid_agreement(agreement)) is not None and credit in self.lexicon.codes:
                return _Hit(verb, credit, 0.75, frozenset({agreement.i}), pattern=True)
            return _Hit(verb, "057", 0.9, frozenset({agreement.i}), pattern=True)
        if _approves(verb):
            return _Hit(verb, "051", 0.75, pattern=True)
        if (violent := _violence(verb, self._actor_words)) is not None and violent in self.lexicon.codes:
            return _Hit(verb, violent, 0.75, pattern=True)
        if _bars_entry(verb):
            return _Hit(verb, "120", 0.75, pattern=True)
        if verb.lemma_.lower() == "return" and any(c.dep_ in _OBJ for c in verb.children) and self._returned(verb) == "0842":
            # property handed back (PLOVER RETREAT, "the return of confiscated property"), not a trip "return to"
            return _Hit(verb, "0842", 0.75, pattern=True)
        if _holds_captive(verb) and "181" in self.lexicon.codes:
            return _Hit(verb, "181", 0.75, pattern=True)
        if _shuns_meeting(verb) and "125" in self.lexicon.codes:
            return _Hit(verb, "125", 0.75, pattern=True)
        if _gives_up_arms(verb) and "0873" in self.lexicon.codes:
            return _Hit(verb, "0873", 0.75, pattern=True)
        if _relief_personnel(verb) and "073" in self.lexicon.codes:
            # "dispatched relief teams to Nepal": humanitarian aid, not the delegation (036, "send * team") or economic
            # cooperation (061, "dispatch * teams") the dictionary reads
            return _Hit(verb, "073", 0.75, pattern=True)
        if (slapped := _slapped_measure(verb)) is not None and slapped in self.lexicon.codes:
            return _Hit(verb, slapped, 0.75, pattern=True, type=_MANUAL_TYPES[slapped][0] if slapped in _MANUAL_TYPES else None)
        if (restricted := _restriction(verb)) is not None and restricted in self.lexicon.codes:
            return _Hit(verb, restricted, 0.75, pattern=True)
        if _leaves_talks(verb):
            return _Hit(verb, "164", 0.75, pattern=True)
        if _leaves_body(verb):
            return _Hit(verb, "161", 0.75, pattern=True)
        if (_peacekeepers_arrive(verb) or _sends_peacekeepers(verb)) and "074" in self.lexicon.codes:
            return _Hit(verb, "074", 0.75, pattern=True)
        if (sanction := _diplomatic_sanction(verb)) is not None and sanction in self.lexicon.codes:
            return _Hit(verb, sanction, 0.75, pattern=True)
        if (staff := _staff_withdrawn(verb)) is not None and staff in self.lexicon.codes:
            return _Hit(verb, staff, 0.75, pattern=True)
        if (mediated := _mediates(verb)) is not None and "045" in self.lexicon.codes:
            return _Hit(verb, "045", 0.75, frozenset({mediated.i}) - {verb.i}, pattern=True)
        if (questioned := _questions(verb, self._actor_words)) is not None and questioned in self.lexicon.codes:
            return _Hit(verb, questioned, 0.6, pattern=True)
        return None

    def _gap_reading(self, verb: Any) -> _Hit | None:
        """Readings for constructions the dictionary has no pattern for: easing an administrative restriction ("lifted
        a travel ban", 081; a curfew, 0813; a state of emergency, 0814), cutting aid (162x, :func:`_aid_cut`),
        giving material aid (07x, :func:`_aid_given`), returning property (0842: "returned the paintings to Peru",
        PLOVER RETREAT "the return of confiscated property") or people (0841)."""
        eased = _eased_restriction(verb)
        if eased is not None:
            return _Hit(verb, eased[0], 0.75, frozenset({eased[1].i}), pattern=True)
        if (cut := _aid_cut(verb)) is not None and cut in self.lexicon.codes:
            return _Hit(verb, cut, 0.75, pattern=True)
        if (given := _aid_given(verb)) is not None and given in self.lexicon.codes:
            return _Hit(verb, given, 0.6, pattern=True)
        if (aid := _aid_act(verb)) is not None and aid in self.lexicon.codes:
            return _Hit(verb, aid, 0.6, pattern=True)
        returned = self._returned(verb)
        if returned is not None:
            return _Hit(verb, returned, 0.6, pattern=True)
        if _hands_over_captives(verb) and "0841" in self.lexicon.codes:
            return _Hit(verb, "0841", 0.6, pattern=True)
        return None

    def _returned(self, verb: Any) -> str | None:
        """CAMEO code of something handed back to someone: people (0841) or property (0842, "returned the paintings
        to Peru", also with the recipient hanging off the object: "returned dozens of artifacts to the embassy")."""
        if verb.lemma_.lower() != "return":
            return None
        obj = _handed_thing(verb)
        if obj is None or _is_when_or_amount(obj) or obj.lower_ in {"home", "power", "fire"}:
            return None
        preps = [*verb.children, *(t for t in obj.subtree if t.i > obj.i)]
        if not any(c.dep_ == "prep" and c.lower_ == "to" for c in preps):
            return None
        person = obj.ent_type_ in {"PERSON", "NORP"} or obj.lemma_.lower() in self._actor_words
        return "0841" if person else "0842"

    def _dictionary_reading(self, verb: Any) -> _Hit | None:
        """The dictionary's reading of a verb: its most specific matching pattern, else its default code."""
        lemma = verb.lemma_.lower()
        lex = self.lexicon
        entries = lex.verbs.get(lemma)
        if not entries and verb.tag_ in {"VBD", "VBN", "VBG", "VBZ"}:
            # the small model's lemmatiser slips on some inflected verbs ("raped" -> "rap"): try the form with its
            # ending stripped (not a support verb, "staged a protest": its event noun is coded on the noun)
            w = verb.lower_
            forms = [f for f in (w[:-1], w[:-2], w[:-3] + "e", w[:-3]) if f not in _SUPPORT_VERBS]
            lemma = next((f for f in forms if f in lex.verbs), lemma)
            entries = lex.verbs.get(lemma)
        if not entries:
            return None
        child_words = {
            c.lower_ for c in verb.children if c.dep_ in {"prt", "prep", "advmod", "agent"} and not _is_time_modifier(c)
        }
        with_particle = [e for e in entries if e[0] and set(e[0]) <= child_words]
        if with_particle:
            entries = with_particle  # a phrasal verb ("rule out", "take over") beats the bare verb
        else:
            entries = [e for e in entries if not e[0]]
            if not entries:
                return None
        ctx = _VerbContext(verb)
        best: tuple[int, int, int] | None = None
        best_pat: Pattern | None = None
        best_used: frozenset[int] = frozenset()
        own = _spelling(lemma)
        for _, _, block in entries:
            for n, pat in enumerate(lex.patterns.get(block, ())):
                if _idiom(pat) and _spelling(pat.verb) != own:
                    continue
                used = self._match(pat, ctx)
                if used is None:
                    continue
                key = (pat.specificity, int(_spelling(pat.verb) == _spelling(lemma)), -n)
                if best is None or key > best:
                    best, best_pat, best_used = key, pat, used
        if best_pat is not None:
            if best_pat.code == "-":
                return None
            if best_pat.code == "036" and _is_passive(verb):
                # PETRARCH2's travel patterns ("fly ... to", "travel to") read a trip to meet someone; in the passive
                # the subject was carried there ("she was flown to the Royal Free"), which is no such intent
                return None
            return _Hit(verb, best_pat.code, min(0.9, 0.55 + 0.1 * best_pat.specificity), best_used, pattern=best_pat.specificity > 0)
        for _, code, block in entries:
            code = code or lex.block_codes.get(block, "")
            if code == "-":
                return None
            if code:
                return _Hit(verb, code, 0.5)
        return None

    def _match(self, pat: Pattern, ctx: _VerbContext) -> frozenset[int] | None:
        """Token ids the pattern used, or None when it does not match the verb's parse."""
        lex = self.lexicon
        used: set[int] = set()
        if pat.subj and (ctx.subj is None or not _word_matches(pat.subj, ctx.key(ctx.subj), lex)):
            return None
        if pat.particles and not set(pat.particles) <= ctx.child_words:
            return None
        if pat.obj:
            hit = next((c for c in ctx.obj_cands if _word_matches(pat.obj, ctx.key(c), lex)), None)
            if hit is None:
                return None
            for m in pat.mods:
                if not any(_word_matches(m, k, lex) for k in ctx.modifiers(hit)):
                    return None
            used.add(hit.i)
        for prep, noun in pat.preps:
            ok = False
            for p, pobj in ctx.preps:
                if p == prep and (not noun or (pobj is not None and _word_matches(noun, ctx.key(pobj), lex))):
                    ok = True
                    if pobj is not None:
                        used.add(pobj.i)
                    break
            if not ok:
                return None
        return frozenset(used)

    def _code_noun(self, noun: Any) -> _Hit | None:
        entry = self.lexicon.nouns.get(noun.lemma_.lower())
        if entry is None:
            cut = _cut_noun(noun)
            return _Hit(noun, cut, 0.4) if cut is not None and cut in self.lexicon.codes else None
        prep, code = entry
        if prep and not any(p == prep for p, _ in _children_preps(noun)):
            return None
        return _Hit(noun, code, 0.4, type=_MANUAL_TYPES[code][0] if code in _MANUAL_TYPES else None)

    # roles, modality, place and time ------------------------------------------------------------------

    def _event(self, article: Article, sent: Any, hit: _Hit) -> Event:
        info = self.lexicon.info(hit.code) if hit.code else None
        etype = hit.type or (info.type if info else "UNKNOWN")
        mode = info.mode if info else None
        if hit.code in _MANUAL_TYPES and etype == _MANUAL_TYPES[hit.code][0]:
            mode = _MANUAL_TYPES[hit.code][1]
        tok = hit.tok
        if tok.pos_ in {"VERB", "AUX"}:
            source = _logical_subject(tok)
            if source is None and self.resolve_roles:
                source = _implied_subject(tok)
            if self.resolve_roles and tok.dep_ == "relcl" and (source is None or source.lower_ in {"which", "that"}):
                # "claimed responsibility for the attack, which killed 40": the claimant did what the attack did
                source = _responsible_party(tok.head) or source
            if source is not None and self.resolve_roles:
                source = _main_subject_for_pronoun(_speaker_for_pronoun(source, tok), tok)
            target = self._verb_target(article, tok, hit.consumed)
            if self.resolve_roles and etype == "AID" and (target is None or not self._actor_like(article, target)):
                # "announced 50 billion dollars in military assistance to Ukraine": aid goes to its recipient
                target = _recipient_in(_logical_object(tok)) or target
            if self.resolve_roles and _lemma_in(tok, _DIE_VERBS) and source is not None and not any(
                c.dep_ == "agent" for c in tok.children
            ):
                # "a prisoner died after torture": who dies is whom the violence was done to, not its doer
                source, target = None, source
            if source is None and self.resolve_roles and etype == "ASSAULT":
                source = _attacker_in_clause(tok)
            if etype == "REQUEST" and self.resolve_roles:
                demand = _demand_in_speech(tok)
                if demand is not None:
                    source, target = demand
            if etype == "THREATEN" and self.resolve_roles and (
                target is None or not (self._actor_like(article, target) or _national_object(target, tok))
            ):
                # a threat to do something to no one in particular ("to hold a general strike unless Israel ...") is
                # aimed at whoever must meet its condition
                cond = _condition_subject(tok, source)
                target = cond if cond is not None and self._actor_like(article, cond) else target
        else:
            source = next((c for c in tok.children if c.dep_ == "poss"), None)
            if source is not None and source.lower_ in _POSSESSIVE_PRONOUNS and self.resolve_roles and tok.dep_ in _OBJ:
                # "the army intensified its bombardment": the owner is whoever does the verb
                source = _logical_subject(tok.head) or source
            source = source or next((o for p, o in _children_preps(tok) if p == "by"), None)
            if source is None and self.resolve_roles:
                source = _noun_event_doer(tok)
            aimed = [o for p, o in _children_preps(tok) if p in {"on", "against", "of", "with"} and o is not None and not _is_when_or_amount(o)]
            target = aimed[0] if aimed else None
            if target is not None and self.resolve_roles and not self._actor_like(article, target):
                # "a suspension of aid to Pakistan", "the attack on a convoy of Kurdish fighters": the actor the
                # thing is for or belongs to
                inner = [*(o for p, o in _children_preps(tok) if p == "to" and o is not None), *(x for o in aimed for x in _inner_actors(o))]
                target = next((x for x in inner if self._actor_like(article, x) and not _is_when_or_amount(x)), target)
            if target is None and self.resolve_roles and tok.dep_ == "pobj" and tok.head.lower_ == "on":
                # "arrived in Amman on a visit": the visit is to where the journey went
                journey = tok.head.head
                if _lemma_in(journey, _JOURNEY_VERBS):
                    target = next((o for p, o in _children_preps(journey) if p in {"in", "to"} and o is not None), None)
            support = tok.head if tok.dep_ in _OBJ and _lemma_in(tok.head, _SUPPORT_VERBS) else None
            if target is None and support is not None and self.resolve_roles:
                # "staged demonstrations to demand reforms by the government": the support verb's clause says
                # at whom the event is aimed
                found = self._verb_target(article, support)
                target = found if found is not None and found.i != tok.i else None
            if target is None and self.resolve_roles:
                # "mass killings in northern Mexico": where no one is named, the place it was done in
                target = next(
                    (o for p, o in _children_preps(tok) if p in {"in", "throughout", "across"} and o is not None and _names_place(o)),
                    None,
                )
        negated, hypothetical = _modality(tok)
        src = self._argument(article, _antecedent(source)) if source is not None else None
        tgt = self._argument(article, _antecedent(target)) if target is not None else None
        confidence = hit.confidence - (0.1 if src is None and tgt is None else 0.0)
        time = self._time(article, sent, tok)
        date, date_inferred = _date(article, time)
        quote = _quote(article, tok)
        return Event(
            type=etype,
            mode=mode,
            trigger=self._trigger(article, tok),
            source=src,
            target=tgt,
            sentence=(sent.start_char, sent.end_char),
            place=self._place(article, sent, tok, target),
            time=time,
            negated=negated,
            hypothetical=hypothetical,
            confidence=round(max(confidence, 0.05), 2),
            cameo=hit.code or None,
            quad=info.quad if info else self._type_quad.get(etype),
            goldstein=info.goldstein if info else None,
            reported=quote is not None,
            quote=quote,
            date=date,
            date_inferred=date_inferred,
        )

    def _verb_target(self, article: Article, verb: Any, predicate: frozenset[int] = frozenset()) -> Any | None:
        """The recipient of a verb's event. PLOVER's target is an actor, so the first actor among the verb's
        arguments wins (:func:`_target_candidates`: "give Tanzania a grant" -> Tanzania; "offered its troops to
        Lebanon's president" -> the president; "protested Sweden's decision" -> Sweden; "threatened to cut off
        electricity to Nakhichevan" -> Nakhichevan); then the place where it was done to ("lifted a curfew in
        Montenegro"); then the thing acted upon as the text names it ("attacked the convoy"). Never a date or a
        number. An object that belongs to the predicate (``predicate``: the noun of a phrase pattern, "opened *fire*
        on the crowd", "took *control* of the town"; support expressed, "announced its *support* for the plan"; the
        event a support verb stages, "launched an *investigation* into crimes by the police", "began a hunger *strike*
        to protest against the government") ranks last: the phrase names what the verb does, not to whom."""
        candidates = _target_candidates(verb, deep=self.resolve_roles)
        obj = _logical_object(verb)
        light = _lemma_in(verb, _LIGHT_VERBS)
        event_noun = obj is not None and light and (
            obj.lemma_.lower() in self.lexicon.nouns or obj.lemma_.lower() in _EVENT_OBJECTS
        )
        in_predicate = obj is not None and (light and obj.i in predicate or obj.lemma_.lower() in _SUPPORT_NOUNS or event_noun)
        if in_predicate and not _is_actor(obj):
            # "began a hunger strike in protest against abuses by the guards": what the staged event answers
            stance = [x for p, o in _children_preps(obj) if p == "in" and o is not None and o.lemma_.lower() in _STANCE_PHRASES for x in _inner_actors(o)]
            candidates = [c for c in candidates if c.i != obj.i] + stance + [obj]
        # the doer's own troops or officials ("withdrew its troops from Lebanon") are not whom the act is aimed at,
        # nor is what a verb of moving moves ("sent 200 troops to Syria", "deployed peacekeepers in Mali"): the
        # act is aimed at where it goes or what it leaves
        own = [
            c for c in candidates
            if (c.lemma_.lower() in _OWN_STAFF or c.lower_ in _OWN_STAFF)
            and any(g.dep_ == "poss" and g.lower_ in _POSSESSIVE_PRONOUNS for g in c.children)
        ]  # fmt: skip
        if obj is not None and _lemma_in(verb, _MOVE_VERBS) and obj not in own and obj.ent_type_ not in _ACTOR_LABELS:
            # what moves, with whoever it belongs to ("sent teams of CIA operatives into Libya")
            own += [obj, *(x for x in _inner_actors(obj) if x not in own)]
        # a state the doer is put in ("remained on alert in the north") is no target
        own += [c for c in candidates if c.lower_ in _STATES and c.dep_ == "pobj" and c.head.lower_ == "on" and c not in own]
        candidates = [c for c in candidates if c not in own] + own
        actor = next(
            (c for c in candidates if c not in own and (self._actor_like(article, c) or _national_object(c, verb))), None
        )
        if (
            actor is not None and obj is not None and obj not in own and not in_predicate and actor.head.i != obj.i
            and obj.left_edge.i <= actor.i <= obj.right_edge.i and _owned_by_actor(obj)
            and not self._actor_like(article, obj)
        ):
            # "rejected the JIA demand for the sacking of the adviser": the thing acted upon belongs to an actor named
            # in it, whose phrase is the target; not an actor deeper in what the thing is about
            return obj
        if actor is not None:
            return _object_antecedent(actor, verb)
        # what an act is aimed "against" is its target, before any place or thing it moves or uses
        aimed = next((c for c in candidates if c.dep_ == "pobj" and c.head.lower_ == "against" and c not in own), None)
        if aimed is not None:
            return aimed
        # where it was done ("lifted a curfew in Montenegro", "lifted the state of emergency in parts of the north"),
        # or where it went or left ("withdrew its troops from Abyei"); not a place set before the verb as the scene
        # of the whole sentence ("In Australia, Abbott has not ruled out ...")
        places = [o for p, o in _children_preps(verb) if p in _WHERE_TO_PREPS and o is not None and o.i > verb.i]
        if obj is not None:
            places += [g for c in obj.children if c.dep_ == "prep" and c.lower_ in _WHERE_TO_PREPS for g in c.children if g.dep_ == "pobj"]
        place = next((o for o in places if _names_place(o)), None)
        if place is not None:
            return place
        rest = [c for c in candidates if not (in_predicate and c.i == obj.i)]
        # the predicate's own noun ("exchanged *fire*", "launched an *attack*") is what the act is, not whom it is aimed
        # at: with nothing else named the event has no target
        return rest[0] if rest else None

    def _actor_like(self, article: Article, tok: Any) -> bool:
        """Does the phrase headed by ``tok`` name an actor: a person, group, organisation or country (by its
        entity label, by the actors stage, or by a noun of the dictionary's people and forces classes)?"""
        tok = _antecedent(tok)
        if tok.ent_type_ in _ACTOR_LABELS or tok.lower_ in _PERSONAL_PRONOUNS:
            return True
        h0, h1 = tok.idx, tok.idx + len(tok.text)
        if any(m.start < h1 and h0 < m.end for a in article.actors for m in a.mentions):
            return True
        lemma = tok.lemma_.lower()
        if lemma == "state" and any(p == "of" and o is not None and o.ent_type_ not in _PLACE_LABELS for p, o in _children_preps(tok)):
            return False  # "a state of emergency", "the state of siege": a condition, not a polity
        return lemma in _GROUP_NOUNS or tok.lower_ in self._actor_words or lemma in self._actor_words

    @staticmethod
    def _trigger(article: Article, tok: Any) -> Mention:
        toks = [tok] + [c for c in tok.children if c.dep_ == "prt"]
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        if end - start > 40:  # a particle far from its verb: keep the verb alone
            start, end = tok.idx, tok.idx + len(tok.text)
        return Mention(start=start, end=end, text=article.text[start:end])

    @staticmethod
    def _argument(article: Article, head: Any) -> Argument:
        lo, hi = _with_apposition(head)
        doc = head.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        h0, h1 = head.idx, head.idx + len(head.text)
        actor = None
        for a in article.actors:
            if any(m.start < h1 and h0 < m.end for m in a.mentions):
                actor = a.id
                break
        if actor is None:
            for a in article.actors:
                if any(start <= m.start and m.end <= end for m in a.mentions):
                    actor = a.id
                    break
        return Argument(start=start, end=end, text=article.text[start:end], actor=actor)

    @staticmethod
    def _place(article: Article, sent: Any, tok: Any, target: Any | None) -> int | None:
        """The event's location: a place governed by the trigger ("killed ... in Ramadi", also one
        level down: "killed during clashes in Ramadi"), else the target when it is a place ("took
        control of Ramadi"), else the nearest place of the trigger's own clause; of places nested in one phrase the
        most specific ("the West Bank city of Nablus" -> Nablus). Places that only modify a
        noun ("an Iraqi soldier") and demonyms ("Iraqis") are never an event's location."""
        if not article.places:
            return None
        doc = tok.doc
        in_sent = [(i, pl) for i, pl in enumerate(article.places) if sent.start_char <= pl.start < sent.end_char]
        if not in_sent:
            return None
        spans = {i: doc.char_span(pl.start, pl.end, alignment_mode="expand") for i, pl in in_sent}

        def is_modifier(i: int) -> bool:
            # "an Iraqi soldier", "Iraqis": a demonym names people, not where the event happened; but a place that
            # names a place-like noun ("the Aziziyah district", "her Reshimbagh residence", "Iraq's Nineveh
            # province") says where
            span = spans[i]
            if span is None:
                return False
            if span.root.ent_type_ == "NORP":
                return True
            if span.root.dep_ in ("compound", "poss", "nmod") and span.root.head.lemma_.lower() in _LOCATIONAL_NOUNS:
                return False
            return span.root.dep_ in ("amod", "compound", "poss", "nmod")

        governed: list[tuple[int, int]] = []
        for p, pobj in _children_preps(tok):
            if pobj is not None and p in _PLACE_PREPS:
                governed.append(_char_range(pobj))
        for _, pobj in _children_preps(tok):
            if pobj is not None:
                governed.extend(_char_range(o) for p2, o in _children_preps(pobj) if o is not None and p2 in _PLACE_PREPS)
        if target is not None:
            governed.append(_char_range(target))
            governed.extend(_char_range(o) for _, o in _children_preps(target) if o is not None)
        for lo, hi in governed:
            inside = [(i, pl) for i, pl in in_sent if pl.start < hi and lo < pl.end and not is_modifier(i)]
            if inside:
                # the most specific place nested in the same phrase as the first: "in the West Bank city of Nablus"
                # -> Nablus, "in Iraq's Nineveh province" -> Nineveh; not across "and" ("the troops in Iraq and
                # the fall of Ramadi" stays Iraq)
                first = inside[0]
                nested = [ip for ip in inside if ip is first or _nested(spans[first[0]], spans[ip[0]])]
                return max(nested, key=lambda ip: (_specificity(ip[1]), -ip[1].start))[0]
        located = [
            (i, pl) for i, pl in in_sent
            if not is_modifier(i) and _same_clause(spans[i], tok) and not _origin_of_someone(spans[i])
        ]
        if not located:
            # "five people died when a car bomb exploded in the town of Mahmudiyah": where the clause that tells
            # when or how it happened took place
            told = [c for c in tok.children if c.dep_ == "advcl" and any(
                m.dep_ in {"mark", "advmod"} and m.lower_ in {"when", "as", "after", "while"} for m in c.children
            )]  # fmt: skip
            located = [
                (i, pl) for i, pl in in_sent for c in told
                if not is_modifier(i) and spans[i] is not None and _same_clause(spans[i], c)
                and not _origin_of_someone(spans[i])
            ]  # fmt: skip
        if not located:
            return None
        nearest = min(located, key=lambda ip: abs(ip[1].start - tok.idx))
        # of places named together ("in Benghazi, Libya", "the Azov Sea port city of Mariupol"), the most specific
        nested = [ip for ip in located if ip is nearest or _nested(spans[nearest[0]], spans[ip[0]])]
        return max(nested, key=lambda ip: (_specificity(ip[1]), -abs(ip[1].start - tok.idx)))[0]

    @staticmethod
    def _time(article: Article, sent: Any, tok: Any) -> int | None:
        """A time expression in the trigger's clause, else the nearest one in the sentence."""
        in_sent = [(i, t) for i, t in enumerate(article.times) if sent.start_char <= t.start < sent.end_char]
        if not in_sent:
            return None
        clause = tok if tok.pos_ == "VERB" else tok.head
        lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
        inside = [(i, t) for i, t in in_sent if lo <= t.start < hi]
        return min(inside or in_sent, key=lambda it: abs(it[1].start - tok.idx))[0]


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _same_clause(span: Any | None, verb: Any) -> bool:
    """Is the place ``span`` in ``verb``'s clause: does the chain of heads from its first word reach the verb, or the
    verb's own head clause, without passing through another verb? (True when the place has no tokens.)"""
    if span is None:
        return True
    tok = span[0]
    # the trigger's clause, the clause it hangs on, and verbs joined to it by "and" ("killed three and raped ten
    # in Darfur")
    stop = {verb.i, verb.head.i, *(c.i for c in verb.children if c.dep_ == "conj")}
    for _ in range(12):
        if tok.i in stop:
            return True
        if tok.pos_ in {"VERB", "AUX"} or tok.head is tok:
            return False
        tok = tok.head
    return False


def _nested(sa: Any | None, sb: Any | None) -> bool:
    """Do the place spans ``sa`` and ``sb`` sit in one noun phrase (their heads meet at a noun, with no "and" or verb
    on the way): "the West Bank city of Nablus", "Iraq's Nineveh province"?"""
    if sa is None or sb is None:
        return False
    up_a = [sa.root, *sa.root.ancestors]
    up_b = [sb.root, *sb.root.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None or common.pos_ in {"VERB", "AUX"}:
        return False
    path = up_a[: up_a.index(common)] + up_b[: up_b.index(common)]
    return not any(t.dep_ in {"conj", "cc"} or t.pos_ in {"VERB", "AUX"} for t in path)


def _origin_of_someone(span: Any | None) -> bool:
    """Is the place ``span`` where someone comes from ("refugees from southern Sudan demonstrated"): inside a
    "from" phrase that modifies a noun, not the event?"""
    if span is None:
        return False
    return any(t.dep_ == "prep" and t.lower_ == "from" and t.head.pos_ in {"NOUN", "PROPN", "PRON"} for t in span[0].ancestors)


def _specificity(place: Any) -> int:
    """How small a place is, by its gazetteer feature: a town, site or unresolved name (the gazetteer lacks
    mostly small places) above a county, above a province, above a country, region, sea or other large area."""
    feature = place.feature or ""
    if feature.startswith(("A.PCL", "L.", "H.", "T.")) or feature == "A.ADM0":
        return 0
    if feature.startswith("A.ADM1"):
        return 1
    if feature.startswith("A."):
        return 2
    return 3


def _national_object(tok: Any, verb: Any) -> bool:
    """Is ``tok`` the object of ``verb`` (or of the action it leads to: "threatened to shell Iraqi towns") modified by a
    nationality ("beat up Palestinian detainees")? A nation's people or places acted upon: PLOVER codes the nation as
    the target. Not a noun deeper in a phrase ("on the Thai border") or in a purpose clause ("to stop Russian action")."""
    if tok.dep_ not in _OBJ and tok.dep_ not in _PASS_SUBJ or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = tok.head
    if head.i != verb.i and not (head.dep_ == "xcomp" and head.head.i == verb.i):
        return False
    # also a body of people naming whose it is ("shelled rebel positions", "stormed the police station")
    return any(
        c.dep_ in {"amod", "compound"} and c.ent_type_ == "NORP" or c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in _OWNER_NOUNS
        for c in tok.children
    )


# Bodies of people whose name on a thing says whose it is ("rebel positions", "army base", "police station").
_OWNER_NOUNS = frozenset(
    "rebel insurgent militant army police government opposition guerrilla militia jihadist".split()
)


def _condition_subject(verb: Any, source: Any | None) -> Any | None:
    """Whom a threat is aimed at when it names a condition: the subject of its "unless" / "if" clause ("threatened to
    strike unless Israel withdrew", "will stop the talks if the United States goes ahead") is the one to comply. Looked
    for on the threat verb and on the action threatened; not a pronoun, not the threatener itself."""
    for v in [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"})]:
        for c in v.children:
            if c.dep_ != "advcl" or c.pos_ not in {"VERB", "AUX"}:
                continue
            if not any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in c.children):
                continue
            subj = next((g for g in c.children if g.dep_ in _SUBJ or g.dep_ in _PASS_SUBJ), None)
            if subj is None or subj.lower_ in _PRONOUNS or subj.pos_ == "PRON":
                continue
            if source is not None and subj.lower_ == source.lower_:
                continue
            return subj
    return None


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)

#: Nouns naming a kind of place: a place name modifying one of them ("the Aziziyah district") is a location.
_LOCATIONAL_NOUNS = frozenset(
    "district province region city town village area neighbourhood neighborhood suburb county state capital "
    "countryside outskirts border frontier camp base airport port harbour harbor residence home house compound "
    "street road square market mosque church hospital school university prison checkpoint valley mountain "
    "mountains river coast island governorate municipality prefecture quarter zone territory enclave "
    "headquarters embassy consulate station court courthouse hideout settlement lawn bar hotel restaurant cafe "
    "nightclub club building office factory plant mine farm temple shrine synagogue park bridge highway beach "
    "stadium mall shop store cemetery barracks outpost".split()
)


# Verbs whose reported clause speaks for their subject (see :func:`_speaker_for_pronoun`).
_REPORTING = frozenset(_SPEECH | _PLEDGE_SPEECH)


def _speaker_for_pronoun(source: Any, tok: Any) -> Any:
    """A pronoun source in reported speech stands for the speaker: "French farmers said they would blockade
    Paris" -> French farmers. Only when the trigger's clause hangs (as a ``ccomp``) off a speech verb whose subject
    is a noun; otherwise the pronoun stays."""
    if source.lower_ not in _PRONOUNS:
        return source
    node, steps = tok, 0
    while node.head is not node and steps < 4:
        if node.dep_ in {"conj", "xcomp", "acomp"}:
            node = node.head
        elif node.dep_ == "relcl" and node.head.dep_ in _OBJ and node.head.head.pos_ in {"VERB", "AUX"}:
            node = node.head.head  # "said they will return the weapons they seized": up to "return"
        else:
            break
        steps += 1
    head = node.head
    if node.dep_ != "ccomp" or head.lemma_.lower() not in _REPORTING:
        return source
    speaker = next((c for c in head.children if c.dep_ in _SUBJ), None)
    return speaker if speaker is not None and speaker.pos_ in {"NOUN", "PROPN"} else source


def _recipient_in(obj: Any | None) -> Any | None:
    """The "to" phrase inside what is given, within its noun phrases ("50 billion dollars in military assistance to
    Ukraine", "aid to the flood victims"), not in a clause within it."""
    if obj is None:
        return None
    heads = {obj.i, *(g.i for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")}
    return next(
        (g for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "to" and t.head.i in heads for g in t.children if g.dep_ == "pobj"),
        None,
    )


def _owned_by_actor(noun: Any) -> bool:
    """Does a name own ``noun`` ("the JIA demand", "a UN draft resolution", "Russia's proposal")?"""
    return any(
        c.dep_ in {"poss", "compound"} and c.ent_type_ in {"ORG", "GPE", "PERSON", "NORP"} for c in noun.children
    ) or any(c.dep_ == "amod" and c.ent_type_ in {"NORP", "GPE"} for c in noun.children)


def _object_antecedent(target: Any, verb: Any) -> Any:
    """An object pronoun of the second of two joined verbs stands for the first verb's object: "called President
    Erdogan and urged him to ..." -> President Erdogan. Otherwise the target stays."""
    if target.lower_ not in {"him", "her", "them"} or target.head.i != verb.i or verb.dep_ != "conj":
        return target
    first = verb.head
    obj = _logical_object(first) if first.pos_ in {"VERB", "AUX"} else None
    if obj is None or obj.pos_ not in {"PROPN", "NOUN"} or (target.lower_ == "them") != (obj.tag_ in {"NNS", "NNPS"}):
        return target
    return obj


# Singular nouns for bodies of people, which news refers back to as "they" ("the government said they would").
_COLLECTIVE_NOUNS = frozenset(
    "government administration authority regime cabinet parliament ministry party police army military force "
    "union opposition council committee commission delegation group organization organisation company".split()
)


def _main_subject_for_pronoun(source: Any, tok: Any) -> Any:
    """A pronoun subject of an adverbial clause stands for the main clause's subject when the two agree in number
    ("A senior British minister reiterated ... as he embarked on a trip to seek Arab support" -> the minister;
    "the rebels said they would fight on after they took the town"). Otherwise the pronoun stays."""
    word = source.lower_
    if word not in {"he", "she", "they", "it"}:
        return source
    node, steps = tok, 0
    while node.dep_ in {"conj", "xcomp"} and node.head is not node and steps < 3:
        node, steps = node.head, steps + 1
    if node.dep_ != "advcl" or node.head.pos_ not in {"VERB", "AUX"}:
        return source
    main = _logical_subject(node.head)
    if main is None or main.pos_ not in {"NOUN", "PROPN"} or main.i > source.i:
        return source
    plural = main.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in main.children)
    if word == "they" and not plural and main.lemma_.lower() not in _COLLECTIVE_NOUNS:
        return source
    if word in {"he", "she"} and (plural or main.ent_type_ not in {"PERSON", ""}):
        return source
    if word == "it" and (plural or main.ent_type_ == "PERSON"):
        return source
    return main


_ACTOR_LABELS = {"PERSON", "NORP", "ORG", "GPE"}
_PERSONAL_PRONOUNS = {"him", "her", "them", "us", "me", "he", "she", "they", "we"}
# The dictionary's classes of people and forces ("troops", "refugees", "leader", "rebels", ...).
_ACTOR_SYNSETS = ("&MILITARY", "&PEOPLE", "&LEADER", "&OPPOSITION", "&SECURITY", "&REFUGEE", "&HOSTAGE",
                  "&SUSPECT", "&NEGOTIATOR", "&PKO")  # fmt: skip
# Collective and official nouns that name actors in news, lower-case ("the government", "officials").
_GROUP_NOUNS = frozenset(
    "government administration authority authorities regime cabinet parliament ministry minister president "
    "official officials leader leadership party police army military force forces troops soldier rebel rebels "
    "militant militants insurgent insurgents guerrilla guerrillas protester protesters demonstrator demonstrators "
    "activist activists student students worker workers union people civilian civilians resident residents "
    "villager villagers refugee refugees prisoner prisoners opposition court judge council committee commission "
    "delegation envoy ambassador embassy spokesman spokeswoman spokesperson group organization organisation "
    "agency company firm bank country countries state states nation nations neighbour neighbor ally allies "
    "member members community officer officers diplomat diplomats "
    # people acted upon, as PLOVER's target sectors name them (civilians, refugees, migrants, media, ...)
    "migrant immigrant child family woman man journalist reporter farmer fisherman pilgrim detainee hostage "
    "captive inmate suspect opponent dissident youth teacher doctor nurse settler worshipper employee crew "
    "passenger tourist victim survivor".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow".split())


def _is_when_or_amount(tok: Any) -> bool:
    """A date, time, number or amount: never an event's target ("on Thursday", "killed 12")."""
    return tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"} or (
        tok.lower_ in _WEEKDAYS or tok.like_num or tok.lower_ in {"last", "next"}
    )


# Verbs of giving: the "to" phrase names the recipient, the object what is given ("offered its troops to X").
_TRANSFER_VERBS = frozenset(
    "give offer send provide grant deliver contribute donate supply hand sell lend extend pledge promise ship "
    "open return transfer allocate award pay".split()
)


def _target_candidates(verb: Any, *, deep: bool = True, chained: bool = False) -> list[Any]:
    """Who or what a verb acts upon, most direct first: the recipient of a verb of giving, the direct object
    (or passive subject), actors inside it, the objects of target prepositions; with ``deep``, the same for the
    action the verb leads to ("threatened to cut off X", "went on strike to protest against Y") and the subject
    of its clause ("demanded that X ..."). Dates and numbers are left out."""
    obj = _logical_object(verb)
    preps = [(p, o) for p, o in _children_preps(verb) if o is not None]
    out: list[Any] = []
    if verb.lemma_.lower() in _COMPLAIN_VERBS:
        # "complained to the UN over Israeli raids": the complaint is about the matter, not the addressee
        out += [x for p, o in preps if p in {"over", "about", "against", "of"} for x in (o, *_inner_actors(o))]
    if verb.lemma_.lower() in _TRANSFER_VERBS:
        out += [o for p, o in preps if p in {"to", "dative"}]
        if obj is not None:  # "granted asylum to five officers": the recipient hangs off what is given
            out += [o for p, o in _children_preps(obj) if p == "to" and o is not None]
    out += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
    if verb.lemma_.lower() in _TRANSFER_VERBS and (recipient := _recipient_in(obj)) is not None:
        out.append(recipient)  # "provided 3.5 million euros in humanitarian funding to Lebanon"
    if obj is not None:
        out += [obj, *_inner_actors(obj)]
        # "launched artillery, mortar and rocket fire against the camps": what a coordinated object is aimed at
        out += [x for c in obj.conjuncts for x in _inner_actors(c, depth=1)]
    for p, o in preps:
        if p in _TARGET_PREPS or p in {"from", "for"}:
            out += [o, *_inner_actors(o)]
        elif p == "in" and o.lemma_.lower() in _STANCE_PHRASES:
            # "in protest against the violations", "in retaliation for the raid", "in solidarity with the strikers"
            out += _inner_actors(o)
    if chained and obj is None:
        # "prepared to resume shelling Albanian territory": through a chain of verbs that lead to the act
        out += [x for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for x in _target_candidates(c, deep=False)]
    # "lift the ban on doing business with ZTE": whom the act a gerund names involves
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ in {"VERB", "AUX"}:
                    out += [o for p, o in _children_preps(g) if o is not None]
                    out += [o for o in g.children if o.dep_ in _OBJ]
    # "pulled out of the treaty", "walked out of the talks": what is left hangs off "out"
    for c in verb.children:
        if c.lower_ == "out":
            left = [g for p in c.children if p.dep_ == "prep" and p.lower_ in {"of", "from"} for g in p.children if g.dep_ == "pobj"]
            out += [x for g in left for x in (g, *_inner_actors(g))]
    if deep:
        for c in verb.children:
            purpose = c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            # "ruled out sending troops": a bare gerund, often parsed as an adverbial clause
            # (not one set off by a comma: "refused to commit, citing domestic opposition")
            gerund = (
                c.dep_ == "advcl"
                and c.tag_ == "VBG"
                and not c.doc[c.i - 1].is_punct
                and not any(g.dep_ in {"mark", "nsubj"} for g in c.children)
            )
            asked = [g for g in c.children if g.dep_ in _SUBJ] if any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children) else []
            if asked and c.pos_ in {"VERB", "AUX"}:
                # "called for Britain to stay", "pushed for the US to support the plan": whom the call is for
                out += [*asked, *_target_candidates(c, deep=False)]
            elif (c.dep_ == "xcomp" or purpose or gerund) and c.pos_ in {"VERB", "AUX"}:
                out += _target_candidates(c, deep=False, chained=c.dep_ == "xcomp")
                if c.dep_ == "xcomp":
                    # "refused to lift sanctions to get Iran to the table": whom the refused act was for
                    out += [
                        x for a in c.children
                        if a.dep_ == "advcl" and a.pos_ in {"VERB", "AUX"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in a.children)
                        for x in _target_candidates(a, deep=False)
                    ]  # fmt: skip
            elif c.dep_ == "acomp":  # "is prepared to lift the ban on the party": what readiness is for
                out += [t for x in c.children if x.dep_ == "xcomp" and x.pos_ in {"VERB", "AUX"} for t in _target_candidates(x, deep=False)]
            elif c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}:
                out += [g for g in c.children if (g.dep_ in _SUBJ or g.dep_ in _PASS_SUBJ) and g.lower_ not in _PRONOUNS]
    # a reflexive pronoun is the doer itself ("blew themselves up"), never whom the act is aimed at
    return [c for c in dict.fromkeys(out) if not _is_when_or_amount(c) and c.lower_ not in _REFLEXIVES]


# Verbs of complaint, whose "to" phrase is the addressee and whose "over"/"about" phrase is what they accuse.
_COMPLAIN_VERBS = frozenset("complain protest appeal write petition".split())
# Nouns of "in protest against X", "in retaliation for X", "in solidarity with X": X is what the act answers.
_STANCE_PHRASES = frozenset({"protest", "retaliation", "response", "solidarity", "revenge", "reprisal", "opposition"})
_REFLEXIVES = frozenset("himself herself itself themselves ourselves myself yourself yourselves".split())


def _inner_actors(head: Any, depth: int = 2) -> list[Any]:
    """Actors named inside a noun phrase about a thing: its possessor ("Sweden's decision"), the object of its
    "of/by/from/on/against/to/for/with/into/among/between/at" ("a call by the UN", "restrictions on the
    Palestinians", "mediation between the factions"), a nationality, country or organization modifying it ("Israeli
    raids", "United Nations planes") and the doer of a participle ("crimes committed by the militia"), nearest
    first, ``depth`` levels down ("their disapproval of the United States' policies")."""
    level = [c for c in head.children if c.dep_ == "poss" and c.lower_ not in _POSSESSIVE_PRONOUNS]
    owners: list[Any] = []  # after the phrase's own actors: "UN sanctions against Iran" is aimed at Iran
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in {"of", "by", "from", "on", "against", "to", "for", "with", "into", "among", "between", "at"}:
            level.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE", "ORG"} and head.pos_ == "NOUN":
            owners.append(c)  # "Israeli air raids", "United Nations planes": whose they are
        elif c.dep_ == "acl" and c.tag_ == "VBN":  # "crimes committed by Croat forces": the doer of what it names;
            # "sanctions imposed on China", "a ban placed against the party": whom a measure was laid on
            level.extend(
                g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj" and g.pos_ != "PRON"
            )
            level.extend(
                g for a in c.children if a.dep_ == "prep" and a.lower_ in {"on", "against", "upon"}
                for g in a.children if g.dep_ == "pobj" and g.pos_ != "PRON"
            )  # fmt: skip
    if depth <= 1:
        return [*level, *owners]
    return [*level, *(t for x in level for t in _inner_actors(x, depth - 1)), *owners]


_POSSESSIVE_PRONOUNS = frozenset("its his her their our my your".split())
# A doer's own forces and envoys ("its troops", "their diplomats"): what it moves, not whom it acts upon.
_OWN_STAFF = _ARMED | frozenset(
    "peacekeeper peacekeepers diplomat diplomats ambassador envoy observers observer inspectors inspector staff "
    "personnel officials nationals citizens contingent".split()
)


# States a force is put on ("on alert", "on standby"): not whom the act is aimed at.
_STATES = frozenset({"alert", "standby", "duty", "patrol", "guard"})
# Verbs of moving people or goods: their object is what moves, the place or party it goes to or leaves is the target.
_MOVE_VERBS = frozenset(
    "send deploy dispatch withdraw pull station move mobilize mobilise redeploy evacuate airlift post".split()
)
# Prepositions of where an act is done, or where what it moves goes or comes from (a target, not the event's place).
_WHERE_TO_PREPS = frozenset(_PLACE_PREPS | {"to"})


_PLACE_NOUNS = frozenset(_LOCATIONAL_NOUNS | _PLACE_WORDS)
_PLACE_OR_PEOPLE = frozenset(_PLACE_LABELS | {"NORP"})


def _names_place(tok: Any) -> bool:
    """Does the phrase headed by ``tok`` name a place: a place entity ("Amman", "the Golan Heights"), a part of one
    ("northern parts of South Sudan", "the northern province of Alta Verapaz") or a place noun a name modifies
    ("Bosnian Serb territory")?"""
    if tok.ent_type_ in _PLACE_LABELS:
        return True
    if tok.pos_ != "NOUN":
        return False
    if tok.lemma_.lower() in _PLACE_NOUNS and any(
        c.dep_ in {"amod", "compound", "poss"} and c.ent_type_ in _PLACE_OR_PEOPLE for c in tok.children
    ):
        return True  # "Bosnian Serb territory", "the Thailand border"
    return any(g.ent_type_ in _PLACE_LABELS for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def _char_range(tok: Any) -> tuple[int, int]:
    lo, hi = _phrase(tok)
    doc = tok.doc
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _quote(article: Article, tok: Any) -> int | None:
    """Index of the quote (direct or reported speech) whose content holds the trigger: the event is then only
    claimed by that quote's speaker. The innermost (shortest) quote wins when quotes nest."""
    lo, hi = tok.idx, tok.idx + len(tok.text)
    inside = [(q.end - q.start, i) for i, q in enumerate(article.quotes) if q.start <= lo and hi <= q.end]
    return min(inside)[1] if inside else None


def _date(article: Article, time: int | None) -> tuple[str | None, bool]:
    """(TimeML value, inferred) dating an event: the value of its own date/time expression, else the
    publication date, marked inferred. Durations and sets ("for a year", "every week") do not date an event."""
    if time is not None:
        t = article.times[time]
        if t.type in {"DATE", "TIME"} and t.value:
            return t.value, False
    return (article.published, True) if article.published else (None, False)


def _copies(article: Article) -> list[tuple[int, int, int]]:
    """Stretches of the text that repeat other text word for word, as (start, end, shift): ``text[start:end] ==
    text[start + shift:end + shift]``, where the shifted stretch is the one that counts.

    An unmarked caption (the structure stage's ``label=None``) repeats a marked caption, which counts; a sentence
    of at least 20 characters repeated verbatim counts where it first appears."""
    text = article.text
    copies: list[tuple[int, int, int]] = []
    marked = [c for c in article.structure.captions if c.label is not None]
    for u in article.structure.captions:
        if u.label is None:
            n = u.end - u.start
            orig = next((m for m in marked if text[m.start : m.start + n] == u.text), None)
            if orig is not None:
                copies.append((u.start, u.end, orig.start - u.start))
    seen: dict[str, int] = {}
    for s in article.sentences:
        if any(lo <= s.start and s.end <= hi for lo, hi, _ in copies):
            continue  # already a copy (of a caption): its text is not the original of anything
        t = text[s.start : s.end]
        if len(t.strip()) < 20:
            continue
        if t in seen:
            copies.append((s.start, s.end, seen[t] - s.start))
        else:
            seen[t] = s.start
    return copies


def merge_repeats(article: Article, events: list[Event]) -> list[Event]:
    """One event per real-world event within an article: an event whose trigger lies in text repeating other text
    (see :func:`_copies`) and whose counterpart there has the same type and flags is dropped, and its trigger is added
    to the counterpart's ``repeats``. A copy whose parse came out differently keeps its own events."""
    copies = _copies(article)
    if not copies:
        return events
    by_key = {(e.trigger.start, e.trigger.end, e.type, e.negated, e.hypothetical): e for e in events if e.trigger}
    kept: list[Event] = []
    for e in events:
        t = e.trigger
        region = next(((lo, hi, d) for lo, hi, d in copies if t is not None and lo <= t.start and t.end <= hi), None)
        orig = None
        if region is not None and t is not None:
            d = region[2]
            orig = by_key.get((t.start + d, t.end + d, e.type, e.negated, e.hypothetical))
        if orig is None or orig is e or t is None:
            kept.append(e)
        else:
            orig.repeats.append(Mention(start=t.start, end=t.end, text=t.text))
    return kept


def _main_verb(sent: Any) -> Any | None:
    """The verb that carries a sentence's main event: its root, or below a speech verb the reported clause's verb."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return root if root.pos_ in {"NOUN", "PROPN"} else None
    if root.lemma_.lower() in _SPEECH:
        # a statement is no event (PLOVER): without a reported clause there is nothing to anchor
        return next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"VERB", "AUX"}), None)
    return root


def _anchor(sent: Any) -> Any | None:
    """Where a classifier-typed event sits: the main verb (:func:`_main_verb`); under a speech verb without a
    reported clause, its object ("declare a ceasefire"); else a content-word root, else the first verb."""
    main = _main_verb(sent)
    if main is not None:
        return main
    root = sent.root
    if root.lemma_.lower() in _SPEECH:
        obj = next((c for c in root.children if c.dep_ in _OBJ), None)
        return obj if obj is not None else root
    if root.pos_ in {"ADJ", "ADV", "ADP", "NUM"}:
        return root
    return next((t for t in sent if t.pos_ == "VERB"), None)

"""The quotes stage: direct quotations and reported speech, with who said them.

Direct quotes are found on the characters (curly and straight double quotation
marks, multi-paragraph quotes that reopen each paragraph), then attributed with the
dependency parse: the cue is a speech or cognition verb that governs the quoted
words (``“...,” said Mark``, ``Hill said: “...”``, ``described the defeat as a
“tactical setback”``) and the speaker is that verb's subject. A quote whose own
sentence has no cue takes the speaker of the quote just before it (``“...,” he said.
“...”``), of a cue in the sentence before it, or of a person who is the subject of
the sentence before it; ``“...” — Ron Mark`` takes the name after the dash.

Conventions:

* ``Quote.start``/``end`` of a direct quote include the quotation marks (the
  convention of the PolNeAR evaluation data); a quote that runs over several
  paragraphs is one item from its first opening mark to its last closing mark.
  An unclosed quote ends at the end of its paragraph.
* Short quoted phrases (``scare_max_words`` words or fewer) inside a sentence are
  kept only when a speech or cognition verb governs them (``said the government may be
  sending troops on a “mission impossible”`` is Mark's phrase); ungoverned ones are
  scare quotes (a “smart” fridge) and capitalised ones titles or names (the “Meet the
  Press” show): neither is a quotation, neither is output. Every other quote is
  output, with ``speaker=None`` when no speaker is found.
* Reported speech (``direct=False``): a speech or cognition verb with a clausal
  complement (``Carter told CNN that ...``, ``..., sources said``); the content is
  the complement clause. Clauses that are themselves direct quotes are not repeated.
  Intentions (``wants to build a wall``, ``urged the government to withdraw``: the
  infinitive), stances (``criticized the plan to ...``, ``called for a ban``: the object)
  and findings (``the study found that ...``) are reported content too, as PolNeAR
  attributes them; evidence verbs never introduce a direct quote.
* The speaker is the canonical name of the actor one of whose ``mentions`` overlaps
  the speaker mention (``article.actors``), else of the entity linked to an actor,
  else the mention text. A pronoun or description subject that no actor mention
  covers ("he", "she", "it", "they", "the spokesman", "the ministry", "the newspaper")
  is resolved to an actor by :meth:`_Attributor.antecedent` (number, gender from
  honorifics, actor type, role and name head nouns); the speaker span stays on the
  pronoun or description, and the actor's ``mentions`` are not changed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from .models import Actor, Article, Quote
from .pipeline import Stage, register_stage

# Lemmas of verbs that introduce speech. Kept to verbs whose subject is the source of
# the words (not "accuse": its complement is not what the subject said; "urge" is an
# intention verb below, with the urged infinitive as content).
SPEECH_VERBS = frozenset(
    """say tell add remark state claim describe insist warn explain note announce write ask reply respond
    argue suggest acknowledge admit deny confirm report declare assert contend maintain stress emphasize
    emphasise predict promise vow pledge tweet comment observe recall concede conclude shout yell scream
    whisper testify joke quip complain lament call label dub term brand mention reiterate repeat boast
    caution counter retort agree allege recount reveal indicate signal hint demand propose estimate
    speculate charge cite continue tout proclaim disclose question wonder exclaim muse intone
    """.split()
)
# Verbs of belief: their complement is attributed to the subject too (PolNeAR counts
# beliefs as attributions), and they govern partial quotes ("thinks it is “absurd”").
COGNITION_VERBS = frozenset("believe think feel fear hope expect know doubt suspect reckon learn consider worry".split())
# Verbs of intention, taking an infinitive: "wants to ...", "urged X to ..." (PolNeAR counts
# intentions as attributions). Their content is the infinitive clause.
INTENTION_VERBS = frozenset("want plan intend vow pledge promise threaten refuse decide seek aim urge hope".split())
_URGE_VERBS = frozenset(("urge",))
# Verbs of stance whose object is the attributed content ("criticized the plan to ...",
# "called for a ban"); speech verbs with a clause complement come first.
STANCE_VERBS = frozenset("criticize criticise praise support back endorse oppose reject dismiss condemn welcome prefer call".split())
# Evidence: "the study found that ...", "polls show that ...", "the letter reads: “...”".
EVIDENCE_VERBS = frozenset(("show", "find", "read"))
_CLAUSE_ONLY_CUES = frozenset(("show", "find"))
DEFAULT_CUES = SPEECH_VERBS | COGNITION_VERBS | INTENTION_VERBS | EVIDENCE_VERBS | STANCE_VERBS

_OPENERS = "“„«"
_CLOSERS = "”»"
_STRAIGHT = '"'
_MARKS = _OPENERS + _CLOSERS + _STRAIGHT + "‟"
# Characters after which a straight quote opens rather than closes.
_OPEN_CONTEXT = frozenset(" \t\n\r\u00a0([{—–-:/")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# Kinds of actor "it" and "they" may stand for (organisations take "they" in British usage;
# a country's "they" is mostly its people or a poll's respondents, no actor).
_PRONOUN_KINDS = {"it": frozenset(("ORG", "COUNTRY")), "they": frozenset(("ORG", "GROUP"))}
# How many sentences back a pronoun or a generic description ("the company") looks.
_COREF_SENTS = 3
# Role nouns that name one role ("the spokesman" is the actor introduced as "spokesperson").
_SPOKES = frozenset(("spokesman", "spokeswoman", "spokesperson"))
_ROLE_SYNONYMS = {w: _SPOKES for w in _SPOKES}
_ROLE_GENDER = {"spokesman": "m", "spokeswoman": "f"}
# Nouns that name an organisation by its kind and often appear in its name ("the ministry").
_ORG_NAME_NOUNS = frozenset(
    """party ministry council army navy commission committee department agency authority parliament court
    union congress institute foundation bureau association coalition league alliance group company bank
    newspaper university police organisation organization corporation network""".split()
)
# Nouns that may stand for any organisation named just before ("the newspaper": the Times).
# Not "group" or "campaign": a group is often one the article never names, a campaign a person's.
_ORG_GENERIC_NOUNS = frozenset(
    """company firm newspaper paper daily magazine organisation organization network broadcaster
    outlet publication agency website""".split()
)
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|Madam|Mme|Mister)\b\.?\s*$")
_HONORIFIC_START = re.compile(r"(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\b")
_HONORIFIC_GENDER = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                     "dame": "f", "lady": "f", "madam": "f", "mme": "f"}
_DASH_SPEAKER = re.compile(r"[ \t\u00a0]*(?:—|–|--|-|―)[ \t\u00a0]*")
_RELATIVE = frozenset("who which that whom".split())
_SUBJ = ("nsubj", "nsubjpass")
_NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
# How far (in tokens) from a quote a cue the parse does not link to it may stand.
_NEAR_TOKENS = 12
# Dependencies by which the small model sometimes hangs the cue under the quoted verb.
_CUE_CHILD_DEPS = frozenset(("parataxis", "ccomp", "advcl", "conj", "dep"))
# Function words allowed lower-case in a quoted title ("State of the Union").
_TITLE_FUNCTION_WORDS = frozenset("a an the of in on for and or to at by with from".split())
# Cues that take a plain object ("told CNN", "described the defeat"), where an object
# is no sign of a misparsed complement clause.
_OBJECT_CUES = frozenset("tell ask describe call label dub term brand cite question warn charge tout show find read".split())
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_SAID_FORMS = frozenset(("said", "says"))
_NP_MODIFIERS = frozenset(("det", "compound", "amod", "poss", "nummod", "nmod"))
# Dependants of a cue that belong to what was said ("described [the defeat] [as a ...]"), not
# to whom or when ("told [reporters]", "said [on Monday]").
_CONTENT_DEPS = frozenset(("dobj", "oprd", "attr", "acomp", "prep", "ccomp", "xcomp", "advcl", "conj", "dep"))


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of double-quoted passages in ``text``, marks included.

    Curly and straight marks both count and may be mixed (“...\"). A quote left open
    at a line break continues when the next paragraph reopens it, else it ends at the
    end of its paragraph.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start: int | None = None
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n" and start is not None:
            j = i
            while j < n and text[j] in " \t\r\n\u00a0":
                j += 1
            if j < n and (text[j] in _OPENERS or text[j] == _STRAIGHT):
                i = j + 1  # the next paragraph reopens the quote: it goes on
                continue
            end = i
            while end > start and text[end - 1] in " \t\r\u00a0":
                end -= 1
            spans.append((start, end))
            start = None
        elif ch in _MARKS:
            prev = text[i - 1] if i else " "
            if start is None:
                # A closing mark while outside a quote only opens one when it is
                # plainly used as an opener (space before, word after).
                if ch in _OPENERS or ch == "‟" or (ch == _STRAIGHT and prev in _OPEN_CONTEXT) or (
                    prev in _OPEN_CONTEXT and i + 1 < n and text[i + 1].isalnum()
                ):
                    start = i
            elif ch in _CLOSERS or (ch == _STRAIGHT and not (prev in _OPEN_CONTEXT and i + 1 < n and text[i + 1].isalnum())):
                spans.append((start, i + 1))
                start = None
            elif prev in _OPEN_CONTEXT and (ch in _OPENERS or ch == _STRAIGHT):
                # An opener inside an open quote: the earlier one was never closed.
                end = i
                while end > start and text[end - 1] in " \t\r\u00a0":
                    end -= 1
                spans.append((start, end))
                start = i
        i += 1
    if start is not None:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return [(s, e) for s, e in spans if any(c.isalnum() for c in text[s:e])]


def _according_source(tok: Any) -> Any | None:
    """The source of "according to X": X, or None when ``tok`` is not that phrase. When X is a
    document with an author ("a statement ... by spokeswoman Kerry-Ann Hamilton"), the author."""
    if tok.lower_ != "according":
        return None
    for to in tok.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    # The parser attaches "by ..." to the document or to "according".
                    for by in [*obj.children, *tok.children]:
                        if by.dep_ == "prep" and by.lower_ == "by":
                            author = next((c for c in by.children if c.dep_ == "pobj"), None)
                            if author is not None:
                                return author
                    return obj
    return None


def _is_title(words: list[Any]) -> bool:
    """Every word capitalised but function words: a title or name ("State of the Union")."""
    return all(w.text[:1].isupper() or w.lower_ in _TITLE_FUNCTION_WORDS for w in words) and words[0].text[:1].isupper()


class _Attributor:
    """Attribution for one article: holds the Doc, sentence table and actor index."""

    def __init__(self, article: Article, cues: frozenset[str], scare_max_words: int, mixed: bool = True) -> None:
        self.article = article
        self.text = article.text
        self.doc = article.doc
        self.cues = cues
        self.scare_max_words = scare_max_words
        self.sents = list(self.doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.quote_mask: list[bool] = [False] * len(self.doc)
        # Actor mentions sorted by start, for overlap look-ups and pronoun antecedents.
        self.mentions: list[tuple[int, int, Actor]] = sorted(
            ((m.start, m.end, a) for a in article.actors for m in a.mentions), key=lambda x: x[0]
        )
        self.actor_by_id = {a.id: a for a in article.actors}
        # Reported content holding partial quotes, made while attributing direct quotes.
        self.mixed = mixed
        self.mixed_quotes: list[Quote] = []
        self.quote_spans: list[tuple[int, int]] = []
        self.quote_starts: list[int] = []
        self.cue_of: dict[int, int] = {}  # id(quote) -> token index of its cue, to merge duplicates
        self._gender: dict[str, str | None] | None = None

    # ---- tokens and sentences -------------------------------------------------
    def sent_index(self, token_i: int) -> int:
        return bisect_right(self.sent_starts, token_i) - 1

    def tokens_in(self, start: int, end: int) -> range:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return range(0)
        return range(span.start, span.end)

    def is_cue(self, tok: Any) -> bool:
        """A speech/cognition verb outside every quote. "Said" capitalised in a headline-cased
        attribution is tagged a proper noun, hence the check on the word itself."""
        if self.quote_mask[tok.i]:
            return False
        return (tok.lemma_.lower() in self.cues and tok.pos_ in ("VERB", "AUX")) or tok.lower_ in _SAID_FORMS

    def is_quote_cue(self, tok: Any) -> bool:
        """A cue that may introduce a direct quote: evidence verbs report findings in a
        clause ("the study found that ..."), not words ("the video shows her singing “...”")."""
        return self.is_cue(tok) and tok.lemma_.lower() not in _CLAUSE_ONLY_CUES

    # ---- speakers -------------------------------------------------------------
    def subject_of(self, verb: Any) -> Any | None:
        """The subject of ``verb``, looking through conjunctions ("described ... and reiterated")
        and relative clauses ("the party, which said ...")."""
        if verb.lower_ == "according":
            return _according_source(verb)
        seen = 0
        while verb is not None and seen < 4:
            seen += 1
            for child in verb.children:
                if child.dep_ in _SUBJ and not self.quote_mask[child.i]:
                    if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                        return verb.head
                    return child
            # "said Mark": the small model sometimes labels a post-verbal name dobj/attr/npadvmod.
            for child in verb.rights:
                if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                    return child
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
                verb = verb.head
            else:
                return None
        return None

    def mention_span(self, head: Any) -> tuple[int, int]:
        """Character span of the noun phrase headed by ``head``: its named entity, else the
        head with its left modifiers ("the IMF report", "a source")."""
        if head.ent_type_ in _NAME_LABELS:
            i, j = head.i, head.i
            while i > 0 and self.doc[i].ent_iob_ == "I":
                i -= 1
            while j + 1 < len(self.doc) and self.doc[j + 1].ent_iob_ == "I":
                j += 1
            while i < j and not self.doc[i].text[:1].isalnum():
                i += 1  # entities sometimes start with a dash ("― Christina ...")
            return self.doc[i].idx, self.doc[j].idx + len(self.doc[j])
        left_i = head.i
        for child in reversed(list(head.lefts)):
            # Contiguous modifiers only, never reaching into a quote or across punctuation.
            subtree = self.doc[child.left_edge.i : child.right_edge.i + 1]
            if child.dep_ not in _NP_MODIFIERS or child.right_edge.i != left_i - 1:
                break
            if any(self.quote_mask[t.i] or (t.is_punct and t.dep_ != "case") for t in subtree):
                break
            left_i = child.left_edge.i
        return self.doc[left_i].idx, head.idx + len(head)

    def gender(self, actor_id: str) -> str | None:
        """'m'/'f' from an honorific written before any mention of the actor, else None."""
        if self._gender is None:
            self._gender = {}
            for start, end, actor in self.mentions:
                m = _HONORIFIC.search(self.text[max(0, start - 8) : start]) or _HONORIFIC_START.match(self.text, start, end)
                if m:
                    self._gender.setdefault(actor.id, _HONORIFIC_GENDER.get(m.group(1).lower()))
        return self._gender.get(actor_id)

    def resolve(self, start: int, end: int, head: Any) -> tuple[str, str | None]:
        """(speaker name, actor id) for the mention [start, end) headed by ``head``: the actor
        with a mention over the head word (so "New Zealand’s Labour party" is not New
        Zealand), else the actor of an entity over it, else a pronoun's antecedent, else the
        mention text."""
        h_start, h_end = head.idx, head.idx + len(head)
        best: tuple[int, Actor] | None = None
        for m_start, m_end, actor in self.mentions:
            if m_start >= h_end:
                break
            if m_end > h_start:
                overlap = min(end, m_end) - max(start, m_start)
                if best is None or overlap > best[0]:
                    best = (overlap, actor)
        if best is not None:
            return best[1].name, best[1].id
        for ent in self.article.entities:
            if ent.actor and ent.start < h_end and h_start < ent.end and ent.actor in self.actor_by_id:
                return self.actor_by_id[ent.actor].name, ent.actor
        found = self.antecedent(start, head)
        if found is not None:
            return found
        return self.text[start:end], None

    # ---- speaker coreference ----------------------------------------------------
    def antecedent(self, start: int, head: Any, depth: int = 0) -> tuple[str, str | None] | None:
        """(name, actor id) that a pronoun or a description speaker at ``start`` refers to, or None.

        Salience decides: the nearest earlier clause *subject* outside quotes, in this or the
        ``_COREF_SENTS`` sentences before, wins over a nearer object or a name quoted by
        someone else; an earlier subject that is the same pronoun is followed back.

        * he/she: a person (an actor, else a PERSON entity) whose honorific gender does not
          conflict; failing a subject, the nearest such person mentioned outside quotes.
        * it/they: an actor of a fitting kind (it: ORG or COUNTRY; they: ORG, or GROUP named
          in the plural) named by a noun; a plain noun subject of the pronoun's number ("the
          officials ... they said") means the speaker is no actor; failing a subject, the
          nearest fitting actor mention.
        * "the spokesman", "the minister": the nearest earlier person with a role of that head
          noun (spokesman, spokeswoman and spokesperson are one role).
        * "the ministry", "the party": the nearest earlier organisation with the noun in its
          name; "the company", "the newspaper": the nearest organisation mentioned in the
          last ``_COREF_SENTS`` sentences; "the country": the nearest country.
        """
        word = head.lower_
        if head.pos_ == "PRON" and word in _PRONOUN_GENDER:
            return self.person_antecedent(start, head, _PRONOUN_GENDER[word], depth)
        if head.pos_ == "PRON" and word in _PRONOUN_KINDS:
            return self.pronoun_antecedent(start, head, _PRONOUN_KINDS[word], depth)
        if head.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        noun = head.lemma_.lower()
        window = self.sents[max(0, self.sent_index(head.i) - _COREF_SENTS)].start_char
        if noun in _ROLE_SYNONYMS or head.tag_ == "NN" and any(r.split()[-1] == noun for a in self.article.actors for r in a.roles):
            heads = _ROLE_SYNONYMS.get(noun, {noun})
            gender = _ROLE_GENDER.get(noun)
            return self.nearest(start, 0, lambda a: a.type == "PERSON" and any(r.split()[-1] in heads for r in a.roles)
                                and (gender is None or self.gender(a.id) in (None, gender)))
        if noun in _ORG_NAME_NOUNS:
            found = self.nearest(start, 0, lambda a: a.type == "ORG" and noun in a.name.lower().split())
            if found is not None or noun not in _ORG_GENERIC_NOUNS:
                return found
        if noun in _ORG_GENERIC_NOUNS:
            return self.nearest(start, window, lambda a: a.type == "ORG")
        if noun == "country":
            return self.nearest(start, window, lambda a: a.type == "COUNTRY")
        return None

    def nearest(self, start: int, since: int, fits: Any) -> tuple[str, str | None] | None:
        """The actor of the latest mention in [since, start) for which ``fits(actor)``."""
        for m_start, _m_end, actor in reversed(self.mentions):
            if since <= m_start < start and fits(actor):
                return actor.name, actor.id
        return None

    def person_antecedent(self, start: int, pron: Any, want: str, depth: int) -> tuple[str, str | None] | None:
        """he/she: the nearest earlier clause subject outside quotes (this and ``_COREF_SENTS``
        sentences back) that is a person of compatible gender: an actor, or a PERSON entity the
        actors stage left out (then no actor id); an earlier he/she subject is followed back.
        Else the nearest earlier person actor mentioned outside quotes, then any person."""
        sent_i = self.sent_index(pron.i)
        lo = self.sents[max(0, sent_i - _COREF_SENTS)].start
        for tok in reversed(self.doc[lo : pron.i]):
            if tok.dep_ not in _SUBJ or self.quote_mask[tok.i]:
                continue
            actor = next((a for s, e, a in self.mentions if s <= tok.idx < e), None)
            if actor is not None:
                if actor.type == "PERSON" and self.gender(actor.id) in (None, want):
                    return actor.name, actor.id
                continue
            if tok.pos_ == "PRON" and _PRONOUN_GENDER.get(tok.lower_) == want and depth < 3:
                return self.person_antecedent(tok.idx, tok, want, depth + 1)
            if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
                ent = next((e for e in self.article.entities if e.start <= tok.idx < e.end and e.label == "PERSON"), None)
                prefix = _HONORIFIC.search(self.text[max(0, ent.start - 8) : ent.start]) if ent is not None else None
                if ent is not None and (prefix is None or _HONORIFIC_GENDER.get(prefix.group(1).lower()) == want):
                    return ent.text, None
        for m_start, _m_end, actor in reversed(self.mentions):
            if m_start < start and actor.type == "PERSON" and self.gender(actor.id) in (None, want) and not self.in_quote(m_start):
                return actor.name, actor.id
        for m_start, _m_end, actor in reversed(self.mentions):
            if m_start < start and actor.type == "PERSON" and self.gender(actor.id) in (None, want):
                return actor.name, actor.id
        if not self.mentions:
            for ent in reversed(self.article.entities):
                if ent.start < start and ent.label == "PERSON":
                    prefix = _HONORIFIC.search(self.text[max(0, ent.start - 8) : ent.start])
                    if prefix is None or _HONORIFIC_GENDER.get(prefix.group(1).lower()) == want:
                        return ent.text, None
        return None

    def in_quote(self, char: int) -> bool:
        """Whether character ``char`` lies inside a direct quote span."""
        i = bisect_right(self.quote_starts, char) - 1
        return i >= 0 and char < self.quote_spans[i][1]

    def pronoun_antecedent(self, start: int, pron: Any, kinds: frozenset[str], depth: int) -> tuple[str, str | None] | None:
        """See :meth:`antecedent` (it/they)."""
        plural = pron.lower_ == "they"
        sent_i = self.sent_index(pron.i)
        lo = self.sents[max(0, sent_i - _COREF_SENTS)].start
        for tok in reversed(self.doc[lo : pron.i]):
            if tok.dep_ not in _SUBJ or self.quote_mask[tok.i]:
                continue
            t_start = tok.idx
            actor = next((a for s, e, a in self.mentions if s <= t_start < e), None)
            if actor is not None:
                if self.fits_pronoun(actor, tok, kinds):
                    return actor.name, actor.id
                continue  # a person ("Key said ... it"): not what the pronoun stands for
            if tok.pos_ == "PRON":
                if tok.lower_ == pron.lower_ and depth < 3:
                    return self.pronoun_antecedent(t_start, tok, kinds, depth + 1)
                continue
            if tok.pos_ in ("NOUN", "PROPN") and (tok.tag_ in ("NNS", "NNPS")) == plural:
                return None  # "the officials ... they": a description, no actor
        since = self.sents[max(0, sent_i - _COREF_SENTS)].start_char
        for m_start, m_end, actor in reversed(self.mentions):
            if since <= m_start < start and not self.in_quote(m_start):
                last = self.doc.char_span(m_start, m_end, alignment_mode="expand")
                if last is not None and len(last) and self.fits_pronoun(actor, last[-1], kinds):
                    return actor.name, actor.id
        return None

    @staticmethod
    def fits_pronoun(actor: Actor, tok: Any, kinds: frozenset[str]) -> bool:
        """Whether the mention ending in ``tok`` can be what it/they stands for: an actor of
        the right kind named by a noun, not a modifier ("Democratic voters"); a group only in
        the plural ("Republicans ... they", not "a Democratic senator")."""
        if actor.type not in kinds or tok.dep_ in ("amod", "compound", "poss") or tok.pos_ not in ("NOUN", "PROPN"):
            return False
        return actor.type != "GROUP" or tok.tag_ in ("NNS", "NNPS")

    def role_at(self, quote: Quote) -> str | None:
        """The speaker actor's role where it speaks: of its roles, the one last written before the
        speaker mention ("defence spokesperson Ron Mark ... said Mark"), else its first role."""
        actor = self.actor_by_id.get(quote.actor) if quote.actor else None
        if actor is None or not actor.roles:
            return None
        pos = quote.speaker_end if quote.speaker_end is not None else quote.start
        before = self.text[:pos].lower()
        return max(actor.roles, key=lambda r: (before.rfind(r.lower()), -actor.roles.index(r)))

    def make_quote(self, start: int, end: int, direct: bool, cue: Any | None, subj: Any | None) -> Quote:
        """Build a Quote for the content [start, end); ``subj`` is the speaker's head token."""
        quote = Quote(start=start, end=end, text=self.text[start:end], direct=direct)
        if cue is not None:
            # "according to": the cue is the phrase, up to "to".
            to = next((c for c in cue.children if c.lower_ == "to"), None) if cue.lower_ == "according" else None
            quote.cue = self.text[cue.idx : to.idx + len(to)] if to is not None else cue.text
        if subj is not None:
            quote.speaker_start, quote.speaker_end = self.mention_span(subj)
            quote.speaker, quote.actor = self.resolve(quote.speaker_start, quote.speaker_end, subj)
        return quote

    # ---- direct quotes --------------------------------------------------------
    def governing_cue(self, toks: range) -> Any | None:
        """A cue verb outside the quote that governs its words: an ancestor of a quoted
        word, or ("“...,” he said" parsed as parataxis) a dependant of one. Punctuation is
        skipped (the parser hangs stray quotation marks anywhere), and so is a cue in
        another paragraph."""
        lo, hi = toks.start, toks.stop
        words = [self.doc[i] for i in toks if not (self.doc[i].is_punct or self.doc[i].is_space)]
        for word in words:
            head = word.head
            if lo <= head.i < hi:
                continue
            node, steps = head, 0
            while steps < 8:
                if self.is_quote_cue(node):
                    return node if self.same_paragraph(node, toks) else None
                if node.head.i == node.i:
                    break
                node, steps = node.head, steps + 1
        for word in words:
            for child in word.children:
                if lo <= child.i < hi or not self.same_paragraph(child, toks):
                    continue
                if (child.dep_ in _CUE_CHILD_DEPS and self.is_quote_cue(child)) or _according_source(child) is not None:
                    return child
        return None

    def same_paragraph(self, tok: Any, toks: range) -> bool:
        """No line break between ``tok`` and the quote's tokens."""
        if tok.i < toks.start:
            between = self.text[tok.idx : self.doc[toks.start].idx]
        else:
            between = self.text[self.doc[toks.stop - 1].idx : tok.idx]
        return "\n" not in between

    def nearby_cue(self, toks: range, start: int) -> Any | None:
        """A cue verb with a subject close to the quote in its sentence, when the parse does
        not link them: just after it ("“...” the minister, who ..., said") or just before
        an introducing colon or comma ("Hill said, “...”")."""
        # The parser often ends a sentence at ?” or !” before "Vitter demanded.": the
        # sentence right after the quote is searched, a later one is not.
        for tok in self.doc[toks.stop : toks.stop + _NEAR_TOKENS]:
            if self.quote_mask[tok.i] or "\n" in tok.text or (tok.is_sent_start and tok.i != toks.stop):
                break
            if self.is_quote_cue(tok) and self.subject_of(tok) is not None:
                return tok
        if self.text[:start].rstrip()[-1:] in (":", ","):
            first_sent = self.sents[self.sent_index(toks.start)]
            for tok in reversed(self.doc[max(first_sent.start, toks.start - _NEAR_TOKENS) : toks.start]):
                if self.quote_mask[tok.i] or "\n" in tok.text:
                    break
                if self.is_quote_cue(tok) and self.subject_of(tok) is not None:
                    return tok
        return None

    def previous_sentence_speaker(self, sent_i: int) -> tuple[Any | None, Any | None]:
        """(cue, subject) from the sentence before ``sent_i``: its last cue verb with a
        subject, else its subject when that is a person or he/she."""
        if sent_i <= 0:
            return None, None
        sent = self.sents[sent_i - 1]
        for tok in reversed(sent):
            if self.is_quote_cue(tok):
                subj = self.subject_of(tok)
                if subj is not None:
                    return tok, subj
        root = sent.root
        for child in root.children:
            if child.dep_ in _SUBJ and (child.ent_type_ == "PERSON" or child.lower_ in _PRONOUN_GENDER):
                return None, child
        return None, None

    def direct_quotes(self, spans: list[tuple[int, int]]) -> list[Quote]:
        """Attribute each quote span; see the module docstring for the order of rules."""
        token_spans = [self.tokens_in(s, e) for s, e in spans]
        self.quote_spans = spans
        self.quote_starts = [s for s, _ in spans]
        for toks in token_spans:
            for i in toks:
                self.quote_mask[i] = True
        quotes: list[Quote] = []
        last: tuple[int, Quote] | None = None  # (last sentence index, quote) of the latest attributed quote
        for (start, end), toks in zip(spans, token_spans):
            if not toks:
                continue
            words = [t for t in self.doc[toks.start : toks.stop] if not t.is_punct]
            first_sent = self.sent_index(toks.start)
            sent = self.sents[first_sent]
            standalone = toks.start <= sent.start + 1 or self.text[:start].rstrip()[-1:] in (":", "")
            cue = self.governing_cue(toks)
            subj = self.subject_of(cue) if cue is not None else None
            quote: Quote | None = None
            short = len(words) <= self.scare_max_words
            if short and not standalone and (cue is None or _is_title(words)):
                continue  # a scare quote, a title or a name, not a quotation
            if cue is None:
                cue = self.nearby_cue(toks, start)
                subj = self.subject_of(cue) if cue is not None else None
            if subj is None:
                dash = _DASH_SPEAKER.match(self.text, end)
                if dash:
                    after = self.doc.char_span(dash.end(), dash.end() + 1, alignment_mode="expand")
                    if after is not None and (after[0].ent_type_ in _NAME_LABELS or after[0].pos_ == "PROPN"):
                        name = after[0]
                        while name.dep_ == "compound" and name.head.i > name.i:
                            name = name.head  # "— Ron Mark": the head of the name is "Mark"
                        quote = self.make_quote(start, end, True, None, name)
            if quote is None and subj is None and cue is None and last is not None and last[0] >= first_sent - 1:
                prev = last[1]
                quote = Quote(start=start, end=end, text=self.text[start:end], direct=True, speaker=prev.speaker,
                              speaker_start=prev.speaker_start, speaker_end=prev.speaker_end, cue=prev.cue, actor=prev.actor)
            if quote is None and subj is None and standalone:
                cue, subj = self.previous_sentence_speaker(first_sent)
            if quote is None and self.mixed and cue is not None and any(
                self.cue_of[id(m)] == cue.i and m.start <= start and end <= m.end for m in self.mixed_quotes
            ):
                continue  # a further quoted phrase of reported content already output (“a” and “b”)
            if quote is None and self.mixed and cue is not None and self.is_partial(toks, cue):
                span = self.mixed_span(toks, cue)
                if span is not None:
                    # Quoted words inside reported content ("described the defeat as a “tactical
                    # setback”"): the statement is the reported content, with its quoted words.
                    mixed = self.make_quote(span[0], span[1], False, cue, subj)
                    self.cue_of[id(mixed)] = cue.i
                    if not any((m.start, m.end) == span for m in self.mixed_quotes):
                        self.mixed_quotes.append(mixed)
                    continue
            if quote is None:
                quote = self.make_quote(start, end, True, cue, subj)
            quotes.append(quote)
            if quote.speaker_start is not None:
                cue_i = cue.i if cue is not None else toks.stop - 1
                last = (self.sent_index(max(toks.stop - 1, cue_i)), quote)
        return self.join_split(quotes)

    def join_split(self, quotes: list[Quote]) -> list[Quote]:
        """One item for a quote split around its attribution (“A,” he said. “B”): consecutive
        direct quotes of one paragraph with the same speaker mention standing between them."""
        out: list[Quote] = []
        for q in quotes:
            prev = out[-1] if out else None
            if (
                prev is not None
                and q.speaker_start is not None
                and (q.speaker_start, q.speaker_end) == (prev.speaker_start, prev.speaker_end)
                and prev.end <= q.speaker_start < q.start
                and "\n" not in self.text[prev.end : q.start]
            ):
                out[-1] = Quote(start=prev.start, end=q.end, text=self.text[prev.start : q.end], direct=True,
                                speaker=prev.speaker, speaker_start=prev.speaker_start, speaker_end=prev.speaker_end,
                                cue=prev.cue, actor=prev.actor)
            else:
                out.append(q)
        return out

    def is_partial(self, toks: range, cue: Any) -> bool:
        """Quoted words that are a fragment of what the cue reports (“a con”, ``said it was
        “resolutely opposed” to``, ``that “...”``): the phrase of the cue that holds the quote
        (the cue's dependant above it, or the quoted words' own phrase when the parser hung the
        cue under them) has words outside the quote, the cue's own clause aside."""
        top = self.top_word(toks)
        if top is None:
            return False
        if top.left_edge.i <= cue.i <= top.right_edge.i:
            phrase, skip = top, range(cue.left_edge.i, cue.right_edge.i + 1)
        else:
            phrase, skip = top, range(0)
            while phrase.head.i != phrase.i and phrase.head.i != cue.i:
                phrase = phrase.head
            if phrase.head.i != cue.i:
                return False  # the cue does not govern the quote: nothing to measure it against
        for t in self.doc[phrase.left_edge.i : phrase.right_edge.i + 1]:
            if not (toks.start <= t.i < toks.stop or t.is_punct or t.is_space or t.i in skip or t.i == cue.i):
                return True
        return False

    def top_word(self, toks: range) -> Any | None:
        """The first quoted word whose head lies outside the quote."""
        return next((t for t in self.doc[toks.start : toks.stop] if not (toks.start <= t.head.i < toks.stop)
                     and not (t.is_punct or t.is_space)), None)

    def mixed_span(self, toks: range, cue: Any) -> tuple[int, int] | None:
        """The reported content around a partial quote: the cue's dependants to its right from its
        object up to the phrase holding the quote ("the defeat as a “tactical setback”")."""
        top = self.top_word(toks)
        if top is None:
            return None
        quote_span = self.quote_spans
        if top.left_edge.i <= cue.i <= top.right_edge.i:
            # The parser hung the cue under the quoted words ("... “would be one hell of a way
            # to lose,” he said"): the content is their phrase on the quote's side of the cue.
            if cue.i > top.i:
                return self.clause_span(top.left_edge.i, cue.left_edge.i - 1, quote_span)
            return self.clause_span(cue.right_edge.i + 1, top.right_edge.i, quote_span)
        node = top
        while node.head.i != node.i and node.head.i != cue.i:
            node = node.head
        if node.head.i != cue.i:
            return None
        if node.i < cue.i:  # content before the cue: 'The country "has made ... changes," he said'
            return self.clause_span(node.left_edge.i, node.right_edge.i, quote_span)
        lefts = [c.left_edge.i for c in cue.rights if c.i <= node.i and c.dep_ in _CONTENT_DEPS] + [node.left_edge.i]
        return self.clause_span(min(lefts), node.right_edge.i, quote_span)


    # ---- reported speech ------------------------------------------------------
    def reported_speech(self, spans: list[tuple[int, int]]) -> list[Quote]:
        """Cue verbs with a clausal complement that is not a direct quote (``spans``), and
        clauses qualified by "according to X"."""
        out: list[Quote] = []
        for tok in self.doc:
            if self.quote_mask[tok.i]:
                continue
            if _according_source(tok) is not None and tok.head is not tok and not self.quote_mask[tok.head.i]:
                # The clause minus the "according to" phrase, on the larger side of it.
                clause_lo, clause_hi = tok.head.left_edge.i, tok.head.right_edge.i
                if tok.left_edge.i - clause_lo >= clause_hi - tok.right_edge.i:
                    span = self.clause_span(clause_lo, tok.left_edge.i - 1, spans)
                else:
                    span = self.clause_span(tok.right_edge.i + 1, clause_hi, spans)
                if span is not None:
                    out.append(self.make_quote(span[0], span[1], False, tok, _according_source(tok)))
                continue
            if not self.is_cue(tok):
                continue
            # "are expected to seek", "was told that": a passive use of the cue; its subject is
            # not the speaker, so it reports nobody's speech.
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                continue
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            if xcomp is not None:
                # "wants to build a wall", "urged the government to withdraw": an intention (PolNeAR
                # attributes those too) is the infinitive, with the urged party; other control uses
                # ("began to say") report nothing.
                if tok.lemma_.lower() in INTENTION_VERBS and not self.quote_mask[xcomp.i] and self.subject_of(tok) is not None:
                    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
                    lo = obj.left_edge.i if obj is not None and tok.lemma_.lower() in _URGE_VERBS else xcomp.left_edge.i
                    span = self.clause_span(lo, xcomp.right_edge.i, spans)
                    if span is not None:
                        out.append(self.reported(span, tok))
                continue
            found = False
            for comp in tok.children:
                if comp.dep_ != "ccomp" or self.quote_mask[comp.i]:
                    continue
                # A finite clause: it has its own subject or a "that".
                if not any(c.dep_ in (*_SUBJ, "expl", "mark") for c in comp.children):
                    continue
                found = True
                span = self.clause_span(comp.left_edge.i, comp.right_edge.i, spans)
                if span is not None:
                    out.append(self.reported(span, tok))
            if not found and tok.lemma_.lower() in STANCE_VERBS:
                # "criticized the decision to ...", "called for a ban on ...": a stance towards
                # what the object (or "for" phrase) says; the phrase is the content.
                # A stance with quoted words ("called it “outrageous”") is a mixed quote, made above;
                # "call" names ("called the plan a con") unless it calls *for* something.
                if any(self.quote_mask[i] for i in range(tok.left_edge.i, tok.right_edge.i + 1)):
                    continue
                obj = None
                if tok.lemma_.lower() != "call":
                    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is None:
                    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
                span = self.clause_span(obj.left_edge.i, obj.right_edge.i, spans) if obj is not None else None
                if span is not None and self.subject_of(tok) is not None:
                    out.append(self.reported(span, tok))
            elif not found and tok.lemma_.lower() not in _OBJECT_CUES:
                span = self.misparsed_complement(tok, spans)
                if span is not None:
                    out.append(self.reported(span, tok))
        return out

    def reported(self, span: tuple[int, int], cue: Any) -> Quote:
        quote = self.make_quote(span[0], span[1], False, cue, self.subject_of(cue))
        self.cue_of[id(quote)] = cue.i
        return quote

    def merge_mixed(self, reported: list[Quote]) -> list[Quote]:
        """Reported speech plus the mixed quotes that no reported clause of the same cue holds."""
        out = list(reported)
        for m in self.mixed_quotes:
            cue_i = self.cue_of[id(m)]
            if not any(self.cue_of.get(id(r)) == cue_i and r.start < m.end and m.start < r.end for r in reported):
                out.append(m)
        return out

    def misparsed_complement(self, cue: Any, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """Repair "said [the troops’ response when ... showed up] was cowardly": the small
        model takes the complement's subject for the cue's object and hangs the verb
        lower down. The object plus the first subjectless finite verb after it is the
        reported clause."""
        obj = next((c for c in cue.rights if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is None:
            return None
        for tok in self.doc[obj.i + 1 : cue.right_edge.i + 1]:
            if (tok.tag_ in _FINITE_TAGS and tok.dep_ in ("ccomp", "conj", "advcl")
                    and not any(c.dep_ in (*_SUBJ, "expl") for c in tok.children)):
                return self.clause_span(obj.left_edge.i, tok.right_edge.i, spans)
        return None

    def clause_span(self, lo: int, hi: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """Characters of tokens ``lo``..``hi`` without edge punctuation; None when under three
        tokens ("he said so"). A partial quote cut by the clause edge ("is now “pointless.”")
        is taken whole."""
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        while hi > lo and (self.doc[hi].is_punct or self.doc[hi].is_space) and self.doc[hi].text not in _MARKS:
            hi -= 1
        if hi - lo < 2:
            return None
        start, end = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])
        for q_start, q_end in spans:
            if q_start < end < q_end:
                end = q_end
        return start, end


@register_stage("quotes", requires=("nlp",))
class QuoteStage(Stage):
    """Find direct quotes and reported speech and attribute them to speakers.

    cue_verbs: lemmas of verbs that introduce speech, belief, intention, stance or evidence
        (default: ``DEFAULT_CUES``).
    indirect: also output reported speech (``direct=False``).
    scare_max_words: ungoverned quoted phrases of at most this many words inside a
        sentence are scare quotes and are not output.
    """

    def __init__(self, *, cue_verbs: Iterable[str] | None = None, indirect: bool = True, scare_max_words: int = 4) -> None:
        self.cues = frozenset(cue_verbs) if cue_verbs is not None else DEFAULT_CUES
        self.indirect = indirect
        self.scare_max_words = scare_max_words

    def __call__(self, article: Article) -> Article:
        if article.doc is None:
            article.warnings.append("quotes: no parse (run the nlp stage first); no quotes found")
            return article
        attributor = _Attributor(article, self.cues, self.scare_max_words, mixed=self.indirect)
        spans = find_quote_spans(article.text)
        quotes = attributor.direct_quotes(spans)
        if self.indirect:
            quotes.extend(attributor.merge_mixed(attributor.reported_speech(spans)))
        quotes.sort(key=lambda q: (q.start, q.end))
        for quote in quotes:
            quote.role = attributor.role_at(quote)
        article.quotes = quotes
        return article

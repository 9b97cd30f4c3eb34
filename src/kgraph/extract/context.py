"""Per-sentence context shared by the construction finders.

spaCy creates a new ``Token`` object on every access, so iterating a sentence once per
finder costs more than the finders themselves; the tokens are materialised once per Doc
(:mod:`.tree`), each finder visits only the tokens it can start from (:meth:`Sentence.having`),
and lemmas are memoised per document.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from spacy.tokens import Span, Token

from kgraph.extract.deps import VERBAL_POS
from kgraph.extract.tree import Tree, tree_of
from kgraph.models import Argument
from kgraph.nlp import Lemmatizer

NO_IDS: frozenset[int] = frozenset()


@dataclass(slots=True)
class Sentence:
    """A sentence, its Doc's tables (tokens built once) and a memoising lemmatizer."""

    span: Span
    lemma: Lemmatizer
    text: str
    has_verb: bool
    """Sentences without a verb or auxiliary ("Kyiv • UNN") state no relation."""
    tree: Tree
    """The tables of the sentence's Doc (its tokens among them)."""
    start: int
    end: int
    """The sentence is the Doc's tokens ``[start, end)``."""
    arguments: dict[tuple[object, ...], Argument] = field(default_factory=dict)
    """Rendered arguments by slot: a subject or extra shared by several relations (conjuncts,
    coordinated verbs) is rendered once."""

    @classmethod
    def of(cls, span: Span, lemma: Lemmatizer, doc_text: str | None = None) -> Sentence:
        """``span`` with its tokens and text (without trailing whitespace) computed once;
        pass ``doc_text`` (``doc.text``) when making many sentences of one Doc."""
        text = span.text if doc_text is None else doc_text[span.start_char : span.end_char]
        tree = tree_of(span.doc)
        start, end = span.start, span.end
        verbal = tree.positions(VERBAL_POS, NO_IDS)[0]
        has_verb = bisect_left(verbal, start) < bisect_left(verbal, end)
        return cls(span, lemma, text.rstrip(), has_verb, tree, start, end)

    @property
    def tokens(self) -> list[Token]:
        """All tokens of the sentence (finders ask for those they need with :meth:`tagged`
        and :meth:`having`)."""
        return self.tree.tokens[self.start : self.end]

    def tagged(self, pos: int) -> list[Token]:
        """The tokens whose coarse POS id is ``pos`` (``spacy.symbols.VERB`` ...), in order."""
        return self.having(frozenset((pos,)), NO_IDS)

    def having(
        self, pos: frozenset[int], deps: frozenset[int], lowers: frozenset[int] = NO_IDS
    ) -> list[Token]:
        """The tokens whose POS id is in ``pos``, dependency label id in ``deps`` or
        lower-case id in ``lowers``, in order (found once per Doc, so that finders skip the
        other tokens at no cost)."""
        found, toks = self.tree.positions(pos, deps, lowers)
        return toks[bisect_left(found, self.start) : bisect_left(found, self.end)]

    def chars(self, start: int, end: int) -> tuple[str, int, int]:
        """Text and character offsets of tokens ``[start, end)``, sliced from the sentence
        text (building ``Span.text`` token by token costs more than the extraction)."""
        first_char, end_char = self.tree.starts[start], self.tree.ends[end - 1]
        offset = self.span.start_char
        if first_char >= offset and end_char - offset <= len(self.text):
            return self.text[first_char - offset : end_char - offset], first_char, end_char
        span = self.span.doc[start:end]  # beyond the sentence: the slow, general way
        return span.text, span.start_char, span.end_char


TextOf = Callable[[int, int], tuple[str, int, int]]
"""Text, start and end character of the tokens ``[start, end)`` of one Doc."""


def memoised(lemma: Lemmatizer) -> Lemmatizer:
    """``lemma`` with a cache keyed by token index: use one per Doc.

    >>> # lemma = memoised(lemmatizer_for(nlp)); lemma(doc[3]) is computed once
    """
    cache: dict[int, str] = {}
    forms = _FORMS.setdefault(lemma, {})

    def cached(tok: Token) -> str:
        value = cache.get(tok.i)
        if value is None:
            key = (tok.lower, tok.tag)  # the ids of the form and tag strings
            value = forms.get(key)
            if value is None:
                value = lemma(tok)
                if len(forms) < MAX_FORMS:
                    forms[key] = value
            cache[tok.i] = value
        return value

    return cached


MAX_FORMS = 50_000
_FORMS: WeakKeyDictionary[Lemmatizer, dict[tuple[int, int], str]] = WeakKeyDictionary()
"""Lemmas by (form, tag) per lemmatizer: rule lemmatisation depends on nothing else, and
costs more than all the construction rules together."""

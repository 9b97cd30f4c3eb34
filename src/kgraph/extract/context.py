"""Per-sentence context shared by the construction finders.

spaCy creates a new ``Token`` object on every access, so iterating a sentence once per
finder costs more than the finders themselves; the tokens are materialised once here, and
lemmas are memoised per document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from kgraph.extract.tree import tokens_of, tree_of
from kgraph.models import Argument
from kgraph.nlp import Lemmatizer


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, its tokens (built once) and a memoising lemmatizer."""

    span: Span
    tokens: list[Token]
    lemma: Lemmatizer
    text: str
    has_verb: bool
    """Sentences without a verb or auxiliary ("Kyiv • UNN") state no relation."""
    pos: list[int]
    """The coarse POS id (``tok.pos``) of every token."""
    arguments: dict[tuple[object, ...], Argument] = field(default_factory=dict)
    """Rendered arguments by slot: a subject or extra shared by several relations (conjuncts,
    coordinated verbs) is rendered once."""

    @classmethod
    def of(cls, span: Span, lemma: Lemmatizer, doc_text: str | None = None) -> Sentence:
        """``span`` with its tokens and text (without trailing whitespace) computed once;
        pass ``doc_text`` (``doc.text``) when making many sentences of one Doc."""
        text = span.text if doc_text is None else doc_text[span.start_char : span.end_char]
        tree = tree_of(span.doc)
        tokens = tree.tokens[span.start : span.end]
        pos = tree.pos[span.start : span.end]
        has_verb = VERB in pos or AUX in pos
        return cls(span, tokens, lemma, text.rstrip(), has_verb, pos)

    def tagged(self, pos: int) -> list[Token]:
        """The tokens whose coarse POS id is ``pos`` (``spacy.symbols.VERB`` ...), in order."""
        return [tok for tok, tag in zip(self.tokens, self.pos, strict=True) if tag == pos]

    def chars(self, start: int, end: int) -> tuple[str, int, int]:
        """Text and character offsets of tokens ``[start, end)``, sliced from the sentence
        text (building ``Span.text`` token by token costs more than the extraction)."""
        doc = self.span.doc
        toks = tokens_of(doc)
        last = toks[end - 1]
        first_char, end_char = toks[start].idx, last.idx + len(last.text)
        offset = self.span.start_char
        if first_char >= offset and end_char - offset <= len(self.text):
            return self.text[first_char - offset : end_char - offset], first_char, end_char
        return span_chars(doc, start, end)


TextOf = Callable[[int, int], tuple[str, int, int]]
"""Text, start and end character of the tokens ``[start, end)`` of one Doc."""


def span_chars(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """Text and character offsets of ``doc[start:end]`` (the slow, general way)."""
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


def memoised(lemma: Lemmatizer) -> Lemmatizer:
    """``lemma`` with a cache keyed by token index: use one per Doc.

    >>> # lemma = memoised(lemmatizer_for(nlp)); lemma(doc[3]) is computed once
    """
    cache: dict[int, str] = {}
    forms = _FORMS.setdefault(lemma, {})

    def cached(tok: Token) -> str:
        value = cache.get(tok.i)
        if value is None:
            key = (tok.lower_, tok.tag_)
            value = forms.get(key)
            if value is None:
                value = lemma(tok)
                if len(forms) < MAX_FORMS:
                    forms[key] = value
            cache[tok.i] = value
        return value

    return cached


MAX_FORMS = 50_000
_FORMS: WeakKeyDictionary[Lemmatizer, dict[tuple[str, str], str]] = WeakKeyDictionary()
"""Lemmas by (form, tag) per lemmatizer: rule lemmatisation depends on nothing else, and
costs more than all the construction rules together."""

"""Per-sentence context shared by the construction finders.

spaCy creates a new ``Token`` object on every access, so iterating a sentence once per
finder costs more than the finders themselves; the tokens are materialised once here, and
lemmas are memoised per document.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from spacy.tokens import Span, Token

from kgraph.nlp import Lemmatizer


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, its tokens (built once) and a memoising lemmatizer."""

    span: Span
    tokens: list[Token]
    lemma: Lemmatizer
    text: str

    @classmethod
    def of(cls, span: Span, lemma: Lemmatizer) -> Sentence:
        """``span`` with its tokens and text (without trailing whitespace) computed once."""
        return cls(span, list(span), lemma, span.text.rstrip())

    @property
    def has_verb(self) -> bool:
        """Sentences without a verb or auxiliary ("Kyiv • UNN") state no relation."""
        return any(tok.pos_ in ("VERB", "AUX") for tok in self.tokens)


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

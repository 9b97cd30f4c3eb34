"""Document level: run the sentence extractor over every sentence of a parsed Doc."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from spacy.tokens import Doc, Token

from kgraph.extract.context import Sentence, memoised
from kgraph.extract.render import Extraction
from kgraph.extract.sentence import sentence_extractions
from kgraph.extract.sources import attribute_across
from kgraph.extract.tree import doc_text, forget
from kgraph.nlp import Lemmatizer


def doc_extractions(doc: Doc, lemma: Lemmatizer) -> list[Extraction]:
    """Extractions of every sentence of ``doc`` in reading order."""
    with _collector_paused():
        lemma, text = memoised(lemma), doc_text(doc)
        try:
            sentences = [Sentence.of(sent, lemma, text) for sent in doc.sents]
            found = [sentence_extractions(sentence) for sentence in sentences]
            attribute_across(sentences, found)
        finally:
            forget()
    return [extraction for group in found for extraction in group]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Run without the cyclic garbage collector (restored after): reference counting frees
    a Doc's tables (:mod:`.tree`) when it is done, and collections meanwhile would only move
    them to older generations, bringing full collections (of the whole heap, the model
    included) nearer (``benchmarks/extract_speed.py``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve_lemmatizer(lemma: Lemmatizer | None) -> Lemmatizer:
    """``lemma`` or the lemmatizer of the default model (loaded once, if installed)."""
    return lemma if lemma is not None else _default_lemmatizer()


@lru_cache(maxsize=1)
def _default_lemmatizer() -> Lemmatizer:
    from kgraph.errors import ModelError
    from kgraph.nlp import lemmatizer_for, load_model

    try:
        return lemmatizer_for(load_model())
    except ModelError:
        return _lower


def _lower(tok: Token) -> str:
    return (tok.lemma_ or tok.lower_).lower()

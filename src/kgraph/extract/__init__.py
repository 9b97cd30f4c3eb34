"""Relation extraction: who did what to whom, from a spaCy dependency parse.

>>> from kgraph.nlp import load_model, lemmatizer_for  # doctest: +SKIP
>>> nlp = load_model()  # doctest: +SKIP
>>> [r.relation for r in extract_doc(nlp("Putin congratulated Kim."))]  # doctest: +SKIP
['CONGRATULATE']

The work is split by construction family (see the package modules): :mod:`.clauses` (verb
frames), :mod:`.copular` (copulas, appositions, titles), :mod:`.nominal` (nominal events),
:mod:`.complements`, :mod:`.coordination`, :mod:`.attribution`, :mod:`.modality`; argument
spans and mentions in :mod:`.arguments` and :mod:`.mentions`; scoring in
:mod:`.confidence`; rendering in :mod:`.render`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kgraph.extract.document import doc_extractions, resolve_lemmatizer
from kgraph.extract.sentence import span_extractions
from kgraph.models import RelationMention
from kgraph.nlp import Lemmatizer

EXTRACTOR_VERSION = "kgraph-extract/0.5"
"""Stored with every article and claim; an ingest re-analyses a stored article whose
version differs.  Raise it whenever extraction or resolution output changes, so an
upgraded kgraph refreshes old claims."""

__all__ = ["EXTRACTOR_VERSION", "extract_doc", "extract_sentence"]


def extract_doc(doc: Doc, *, lemma: Lemmatizer | None = None) -> list[RelationMention]:
    """All relations stated in ``doc``, sentence by sentence, in reading order.

    ``lemma`` lemmatises predicate words (``kgraph.nlp.lemmatizer_for(nlp)``); without it
    the default model's lemmatizer is used.
    """
    lemmatizer = resolve_lemmatizer(lemma)
    return [e.relation for e in doc_extractions(doc, lemmatizer) if e.for_graph]


def extract_sentence(sent: Span, *, lemma: Lemmatizer | None = None) -> list[RelationMention]:
    """Relations of one sentence (no cross-sentence attribution)."""
    found = span_extractions(sent, resolve_lemmatizer(lemma))
    return [e.relation for e in found if e.for_graph]

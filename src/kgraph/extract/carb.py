"""CaRB (OpenIE benchmark) output: one tab-separated prediction line per extraction.

Each input line is one pre-tokenised sentence; it is parsed as exactly one sentence from
its tokens, so argument spans align with the gold tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.extract.render import Extraction
from kgraph.extract.sentence import span_extractions
from kgraph.nlp import Lemmatizer, lemmatizer_for

BATCH = 256


def carb_lines(nlp: Language, lines: Iterable[str]) -> Iterator[str]:
    """``sentence TAB confidence TAB predicate TAB arg1 TAB arg2 ...`` for every extraction.

    >>> # list(carb_lines(nlp, ["Putin congratulated Kim ."]))
    >>> # ['Putin congratulated Kim .\\t0.8\\tcongratulated\\tPutin\\tKim']
    """
    lemma = lemmatizer_for(nlp)
    stream = (line.rstrip("\r\n") for line in lines)
    while batch := [s for s in islice(stream, BATCH)]:
        sentences = [s for s in batch if s.strip()]
        for text, doc in zip(sentences, nlp.pipe(_docs(nlp, sentences)), strict=True):
            yield from _lines(text, doc, lemma)


def _lines(text: str, doc: Doc, lemma: Lemmatizer) -> list[str]:
    """The CaRB lines of one parsed sentence."""
    found = span_extractions(doc[:], lemma, openie=True)
    return [line for e in found if (line := format_line(text, e)) is not None]


def _docs(nlp: Language, sentences: list[str]) -> Iterator[Doc]:
    for text in sentences:
        words = [w for w in text.split(" ") if w]
        doc = Doc(nlp.vocab, words=words)
        for tok in doc[1:]:
            tok.is_sent_start = False
        yield doc


def format_line(sentence: str, extraction: Extraction) -> str | None:
    """The CaRB line of one extraction, or None when it has no second argument."""
    if extraction.carb is None:
        return None
    fields = [" ".join(f.split()) for f in extraction.carb]
    return "\t".join([sentence, f"{extraction.relation.confidence:.3f}", *fields])

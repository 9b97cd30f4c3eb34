"""Run every construction finder over one sentence and render the results once each."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kgraph.extract import attribution, clauses, copular, nominal, titles
from kgraph.extract.context import Sentence
from kgraph.extract.frame import Frame
from kgraph.extract.render import Extraction, render

Finder = Callable[[Sentence], Iterator[Frame]]
FINDERS: tuple[Finder, ...] = (
    clauses.verb_frames,
    copular.copular_frames,
    nominal.nominal_frames,
    titles.title_frames,
    titles.possessive_frames,
)


def sentence_frames(sentence: Sentence) -> list[Frame]:
    """Frames of all construction families, with attribution filled in."""
    frames = [frame for finder in FINDERS for frame in finder(sentence)]
    according = "ccording" in sentence.text
    for frame in frames:
        if frame.attribution is None:
            frame.attribution = attribution.speaker(
                frame.anchor, sentence.lemma, according=according
            )
    return frames


def sentence_extractions(sentence: Sentence) -> list[Extraction]:
    """Rendered, de-duplicated extractions of one sentence in finding order.

    Its lemmatizer should be memoised per Doc (:func:`kgraph.extract.context.memoised`).
    """
    if not sentence.has_verb:
        return []
    seen: set[tuple[object, ...]] = set()
    out = []
    for frame in sentence_frames(sentence):
        extraction = render(frame, sentence)
        if extraction is None or extraction.key in seen:
            continue
        seen.add(extraction.key)
        out.append(extraction)
    return out

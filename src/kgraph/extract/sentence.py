"""Run every construction finder over one sentence and render the results once each."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span, Token

from kgraph.extract import attribution, clauses, copular, events, nominal, title_roles, titles
from kgraph.extract.context import Sentence, memoised
from kgraph.extract.deps import THAT, WH_TAG_IDS, is_verbal
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.modality import inherited
from kgraph.extract.render import Extraction, render, wanted_by_graph
from kgraph.extract.tree import entity_bounds, forget
from kgraph.nlp import Lemmatizer

Finder = Callable[[Sentence], Iterator[Frame]]
FINDERS: tuple[Finder, ...] = (
    clauses.verb_frames,
    copular.copular_frames,
    nominal.nominal_frames,
    title_roles.title_frames,
)
OPENIE_FINDERS: tuple[Finder, ...] = (titles.title_frames, titles.possessive_frames)
"""Constructions the graph keeps elsewhere (titles on mentions), for OpenIE output only."""


def sentence_frames(sentence: Sentence, *, openie: bool = False) -> list[Frame]:
    """Frames of all construction families, with attribution filled in."""
    finders = FINDERS + OPENIE_FINDERS if openie else FINDERS
    frames = [frame for finder in finders for frame in finder(sentence)]
    frames += list(events.event_frames(sentence, frames))
    according = "ccording" in sentence.text
    colon = ":" in sentence.text or _colon_next(sentence)
    trailing = attribution.may_trail(sentence.span.root, sentence.lemma)
    speakers: dict[int, Token | None] = {}  # frames of one verb share its speaker
    for frame in frames:
        if frame.modality is None and frame.pred_prefix is None and not is_verbal(frame.anchor):
            frame.modality = inherited(frame.anchor, frame.pred, sentence.lemma)
        if frame.attribution is None:
            anchor = frame.anchor.i
            if anchor not in speakers:
                speakers[anchor] = attribution.speaker(
                    frame.anchor,
                    sentence.lemma,
                    according=according,
                    colon=colon,
                    trailing=trailing,
                )
            frame.attribution = speakers[anchor]
        speaker = frame.attribution
        if openie or speaker is None:
            continue
        if attribution.itself(frame.subject.head, speaker, sentence.lemma):
            frame.subject = Slot(speaker, bounds=entity_bounds(speaker))
        elif frame.object is not None and attribution.itself(
            frame.object.head, speaker, sentence.lemma
        ):  # "Estonia said it was targeted by Russia": the passive's subject, made object
            frame.object = Slot(speaker, bounds=entity_bounds(speaker))
    return frames


def _colon_next(sentence: Sentence) -> bool:
    """Whether the token right after the sentence is a colon (a subject ending the
    sentence may be a speaker's label before it)."""
    toks = sentence.tree.tokens
    return sentence.end < len(toks) and toks[sentence.end].lower_ == ":"


def renderable(frame: Frame, *, openie: bool) -> bool:
    """Frames worth rendering: with a second argument, and wanted by the graph unless the
    output is OpenIE (a clause object makes an OpenIE tuple only)."""
    if _interrogative(frame.subject.head):
        return False
    if frame.object is None:
        return bool(frame.extras)
    if _interrogative(frame.object.head):
        return False  # "What are your hobbies?" asks, it does not state
    return openie or wanted_by_graph(frame)


def _interrogative(tok: Token) -> bool:
    """A wh-word left unresolved (not a relative pronoun standing for a noun)."""
    return tok.tag in WH_TAG_IDS and tok.lower not in THAT


def sentence_extractions(sentence: Sentence, *, openie: bool = False) -> list[Extraction]:
    """Rendered, de-duplicated extractions of one sentence in finding order.

    ``openie`` adds the OpenIE-only constructions (titles, possessives).  The sentence's
    lemmatizer should be memoised per Doc (:func:`kgraph.extract.context.memoised`).
    """
    if not sentence.has_verb:
        if openie:
            return []
        frames = list(events.headline_frames(sentence))  # "X in Y for talks with Z"
    else:
        frames = sentence_frames(sentence, openie=openie)
    seen: set[tuple[object, ...]] = set()
    out = []
    for frame in frames:
        if openie and frame.kind == events.EVENT:
            continue  # OpenIE keeps the surface clause of an event
        if not renderable(frame, openie=openie):
            continue
        extraction = render(frame, sentence, openie=openie)
        if extraction is None:
            continue
        key = extraction.key
        if key in seen:
            continue
        seen.add(key)
        out.append(extraction)
    return out


def span_extractions(span: Span, lemma: Lemmatizer, *, openie: bool = False) -> list[Extraction]:
    """:func:`sentence_extractions` of one sentence on its own (its Doc's tables dropped
    after)."""
    try:
        return sentence_extractions(Sentence.of(span, memoised(lemma)), openie=openie)
    finally:
        forget()

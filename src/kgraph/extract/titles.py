"""Titles and possessors as OpenIE tuples: "President Bush" -> (Bush; is; President),
"the RSNO's base" -> (the RSNO; has; base).

In the graph a title is a property of the mention (``EntityMention.title``) and a possessive
is part of a noun phrase, so these frames are rendered for OpenIE output only (see
:data:`kgraph.extract.render.OPENIE_ONLY`); a title that names an organisation or state
relates the person to it (:mod:`kgraph.extract.title_roles`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kgraph.extract.arguments import np_bounds
from kgraph.extract.context import Sentence
from kgraph.extract.deps import is_pronoun
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.mentions import name_and_title
from kgraph.extract.tree import entity_bounds, tokens_of

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT"})
SKIP_LEFT = frozenset({"det", "poss", "predet", "punct", "case"})
COURTESY = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mister", "madam", "sir"})
"""Forms of address that say nothing about the person."""


def title_frames(sentence: Sentence) -> Iterator[Frame]:
    """(name; is; title) for names preceded by a title or description in their phrase."""
    for root in sentence.tokens:
        if root.ent_type_ not in NAME_LABELS or root.dep_ == "compound" or not _is_root(root):
            continue
        np_start = np_bounds(root)[0]
        title_start, name_start, name_end = name_and_title(root, np_start)
        if title_start >= name_start:
            continue
        start = _description_start(root, np_start, title_start)
        if all(t.lower_ in COURTESY for t in root.doc[start:name_start]):
            continue
        subject = Slot(root, bounds=(name_start, name_end))
        title = Slot(tokens_of(root.doc)[title_start], kind="word", bounds=(start, name_start))
        yield Frame("title", root, subject, title, [], ["has", "title"], pred_prefix="is")


def _is_root(tok: Token) -> bool:
    """True for the syntactic head of its named entity (its head lies outside the name)."""
    first, last = entity_bounds(tok)
    return tok.head.i == tok.i or not first <= tok.head.i < last


def _description_start(root: Token, np_start: int, title_start: int) -> int:
    """Adjectives before the title belong to it ("North Korean dictator")."""
    doc = root.doc
    start = title_start
    while start > np_start and tokens_of(doc)[start - 1].dep_ not in SKIP_LEFT:
        start -= 1
    return start


def possessive_frames(sentence: Sentence) -> Iterator[Frame]:
    """(possessor; has; possessed) for named or nominal possessors ("Kim's message")."""
    for tok in sentence.tokens:
        if tok.dep_ != "poss" or is_pronoun(tok) or tok.head.pos_ not in ("NOUN", "PROPN"):
            continue
        owned = tok.head
        start, end = np_bounds(owned)
        start = max(start, tok.right_edge.i + 1)
        if start > owned.i:
            continue
        subject = Slot(tok)
        obj = Slot(owned, kind="word", bounds=(start, end))
        yield Frame("possessive", tok, subject, obj, [], ["has"], pred_prefix="has")

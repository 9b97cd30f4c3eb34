"""The intermediate clause representation every construction module produces.

Construction modules (clauses, copular, nominal, ...) only *find* clauses; rendering text,
mentions, relation names and confidences happens once, in :mod:`kgraph.extract.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token


@dataclass(slots=True)
class Slot:
    """One argument position, given by the head token of its phrase.

    ``prep`` is the preposition that introduces it ("on" in "on the holidays"); ``kind`` tells
    the renderer how to build its span: ``"np"`` (compact noun phrase), ``"phrase"`` (the whole
    prepositional object), ``"clause"`` (a clause, kept as text only), ``"gerund"`` or
    ``"word"``.  ``bounds`` fixes the token span when the finder knows it exactly.
    """

    head: Token
    prep: Token | None = None
    kind: str = "np"
    bounds: tuple[int, int] | None = None


@dataclass(slots=True)
class Frame:
    """One relation found in the parse, before rendering.

    ``pred`` are the surface predicate tokens; ``rel`` the parts of the canonical relation
    name (lemmas, particles, prepositions).  ``passive_agent`` marks a passive whose agent was
    made the subject ("X was reported by Y" -> Y REPORT X); OpenIE output restores the passive
    surface order.  ``pred_prefix`` is predicate text not in the sentence: the "is" of an
    apposition ("Kim, the leader of North Korea" -> "is the leader of").
    """

    kind: str
    anchor: Token
    subject: Slot
    object: Slot | None
    pred: list[Token]
    rel: list[str]
    extras: list[Slot] = field(default_factory=list)
    passive_agent: bool = False
    negated: bool = False
    modality: str | None = None
    attribution: Token | None = None
    active_pred: list[Token] | None = None
    pred_prefix: str | None = None

"""Negation and modality of a predicate.

"did not meet" is a negated MEET; "may deploy" a DEPLOY with modality "may".  The graph keeps
such relations but flags them, so that a query for facts can leave out what did not happen
or only might.
"""

from __future__ import annotations

from spacy.tokens import Token

NEGATIONS = frozenset({"not", "n't", "never", "no", "nor", "neither", "without"})
MODAL_FORMS = {"'ll": "will", "wo": "will", "ca": "can", "'d": "would", "sha": "shall"}
SEMI_MODALS = {("have", "to"): "have to", ("need", "to"): "need to", ("ought", "to"): "ought"}


def negated(verb: Token) -> bool:
    """True when the predicate headed by ``verb`` is negated ("did not meet", "never met").

    >>> # "Putin did not meet Kim" -> negated
    """
    return any(c.dep_ == "neg" for c in verb.children)


def modal(verb: Token) -> str | None:
    """The modal auxiliary of ``verb`` ("may deploy" -> "may"), normalised, or None."""
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            text = child.lower_
            return MODAL_FORMS.get(text, text)
    return None


def predicate_aux(verb: Token) -> list[Token]:
    """Auxiliaries and negation that belong to the surface predicate ("has not been")."""
    return [
        c
        for c in verb.children
        if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i and c.tag_ != "TO"
    ]

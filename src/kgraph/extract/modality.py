"""Negation and modality of a predicate.

"did not meet" is a negated MEET; "may deploy" a DEPLOY with modality "may".  The graph keeps
such relations but flags them, so that a query for facts can leave out what did not happen
or only might.
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.lexicon import words
from kgraph.extract.tree import labels, lefts
from kgraph.nlp import Lemmatizer

MODAL_FORMS = {"'ll": "will", "wo": "will", "ca": "can", "'d": "would", "sha": "shall"}
PREDICATE_AUX = frozenset({"aux", "auxpass", "neg"})


def negated(verb: Token) -> bool:
    """True when the predicate headed by ``verb`` is negated ("did not meet", "never met").

    >>> # "Putin did not meet Kim" -> negated
    """
    return "neg" in labels(verb)


def modal(verb: Token) -> str | None:
    """The modal auxiliary of ``verb`` ("may deploy" -> "may"), normalised, or None."""
    for child in labels(verb).get("aux", ()):
        if child.tag_ == "MD":
            text = child.lower_
            return MODAL_FORMS.get(text, text)
    return None


def predicate_aux(verb: Token) -> list[Token]:
    """Auxiliaries and negation that belong to the surface predicate ("has not been")."""
    return [c for c in lefts(verb) if c.dep_ in PREDICATE_AUX and c.tag_ != "TO"]


NEGATIVE_DETERMINERS = frozenset({"no"})
ALLEGING_VERBS = frozenset(words("accuse suspect charge blame allege indict criticise criticize"))
"""Verbs whose "of"/"for" + -ing complement is an allegation, not a fact."""


def denied_object(obj: Token) -> bool:
    """ "pay no more tax", "has no troops there": the determiner "no" negates the clause."""
    return any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in lefts(obj))


def alleged(verb: Token, lemma: Lemmatizer) -> str | None:
    """ "accused of killing protesters": the killing is alleged (modality "alleged"), not
    stated; the accusation itself is the relation of the governing verb."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for", "with") or prep.head.i == prep.i:
        return None
    return "alleged" if lemma(prep.head) in ALLEGING_VERBS else None

"""Attribution: who says so.  Kept on the inner relation, never confused with it.

"Kim will visit Moscow, Peskov said" -> Kim VISIT Moscow, attribution "Peskov";
"according to KCNA, Kim inspected ..." -> attribution "KCNA".  The reporting verb itself is a
relation only when its object is not a clause (see :mod:`kgraph.extract.render`).
"""

from __future__ import annotations

from spacy.symbols import ADJ
from spacy.tokens import Token

from kgraph.extract import subjects
from kgraph.extract.deps import NOMINAL_SUBJECTS, is_verbal, labelled
from kgraph.extract.lexicon import (
    ATTRIBUTION_PREPS,
    BODY_LABELS,
    REPORTING_ADJECTIVES,
    REPORTING_VERBS,
    words,
)
from kgraph.extract.tree import kids, labels
from kgraph.nlp import Lemmatizer

CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
TRAILING_DEPS = frozenset({"conj", "advcl"})
MAX_CLIMB = 12


def speaker(
    anchor: Token,
    lemma: Lemmatizer,
    *,
    according: bool = True,
    colon: bool = True,
    trailing: bool = True,
) -> Token | None:
    """Head token of the source the clause of ``anchor`` is attributed to, or None.

    ``according=False`` skips the search for "according to", ``colon=False`` that for a
    speaker's label before a colon, ``trailing=False`` that for a telling clause ending
    the sentence (the caller knows the sentence has none: :func:`may_trail`).

    >>> # "He added that such an alliance will contribute to ..." -> "He" for CONTRIBUTE_TO
    """
    tok = anchor
    for _ in range(MAX_CLIMB):
        source = according_to(tok) if according else None
        if source is not None:
            return source
        head = tok.head
        if head.i == tok.i:
            reporter = _trailing_report(tok, anchor, lemma) if trailing else None
            return reporter or (subjects.colon_speaker(tok) if colon else None)
        if tok.dep_ in CONTENT_DEPS and is_reporting(head, lemma):
            return _holder(head)
        tok = head
    return None


def may_trail(root: Token, lemma: Lemmatizer) -> bool:
    """Whether a telling verb hangs on the sentence's root after it (checked once per
    sentence, not per clause: ``benchmarks/extract_speed.py``)."""
    return any(
        c.dep_ in TRAILING_DEPS and c.i > root.i and lemma(c) in TELLING_VERBS for c in kids(root)
    )


def _trailing_report(root: Token, anchor: Token, lemma: Lemmatizer) -> Token | None:
    """ "The ministry sent X the files, two sources told CNN": a reporting clause joined to
    the end of the sentence by a comma alone (the parser makes it a conjunct or an adverbial
    clause) says who reports the rest; not its own relations, nor a clause joined by "and"
    or "but"."""
    for child in kids(root):
        if child.dep_ not in TRAILING_DEPS or child.i < root.i:
            continue
        if lemma(child) not in TELLING_VERBS:
            continue
        if "mark" in labels(child):
            continue  # "..., as two officials told Reuters" is not misparsed
        joined = any(c.dep_ == "cc" and root.i < c.i < child.i for c in kids(root))
        if joined or child.left_edge.i <= anchor.i <= child.right_edge.i:
            return None
        own = [c for c in kids(child) if c.dep_ == "nsubj"]
        if len(own) != 1 or CONTENT_DEPS.intersection(c.dep_ for c in kids(child)):
            return None
        comma = child.doc[own[0].left_edge.i - 1] if own[0].left_edge.i > 0 else None
        last = (
            child.right_edge.i + 1 >= len(child.doc) or child.doc[child.right_edge.i + 1].is_punct
        )
        return own[0] if comma is not None and comma.text == "," and last else None
    return None


def is_reporting(verb: Token, lemma: Lemmatizer) -> bool:
    """True for a verb of saying or believing ("said", "noted", "is convinced")."""
    if verb.pos == ADJ:
        return verb.lower_ in REPORTING_ADJECTIVES
    return is_verbal(verb) and lemma(verb) in REPORTING_VERBS


def _holder(head: Token) -> Token | None:
    """The one who says or believes: subject of the verb, or of the copula of an adjective
    ("I am convinced that ...")."""
    if head.pos == ADJ and head.dep_ == "acomp":
        return subjects.logical_subject(head.head)
    return subjects.acting_subject(head, strict=True)


SAYING_VERBS = frozenset(
    words("say announce confirm state declare insist maintain add claim warn reveal vow pledge")
)
"""Verbs by which a speaker states what it does or did (not believes or feels)."""
TELLING_VERBS = SAYING_VERBS | {"tell", "report", "write"}


def itself(subject: Token, source: Token, lemma: Lemmatizer) -> bool:
    """ "China said it had requested talks": "it" as the subject of what a named
    organisation or country has just said it does is that speaker.  Not a copula's "it"
    ("Yale said it was the final decision"), nor an "it" before the speaker ("It costs
    1,000 yuan, Wang says")."""
    if subject.lower_ != "it" or subject.dep_ not in NOMINAL_SUBJECTS or subject.i < source.i:
        return False
    clause, verb = subject.head, source.head
    return (
        source.ent_type_ in BODY_LABELS
        and clause.dep_ == "ccomp"
        and clause.head.i == verb.i
        and lemma(clause) != "be"
        and lemma(verb) in SAYING_VERBS
    )


def according_to(tok: Token) -> Token | None:
    """The object of an "according to X" phrase attached to ``tok``, if any."""
    for child in kids(tok):
        if child.dep_ == "prep" and child.lower_ in ATTRIBUTION_PREPS:
            inner = labelled(child, "prep")
            holder = inner if inner is not None else child
            return labelled(holder, "pobj")
    return None

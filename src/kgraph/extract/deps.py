"""Dependency-label groups and small token tests shared by every construction module.

spaCy's English models use ClearNLP labels; grouping them here keeps the construction
modules readable (``tok.dep_ in SUBJECTS`` rather than a literal set in five places).
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.lexicon import words
from kgraph.extract.tree import labels

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
DIRECT_OBJECTS = frozenset({"dobj", "obj"})
AUXILIARIES = frozenset({"aux", "auxpass", "neg"})

NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT", "EX"})
PRONOUN_WORDS = frozenset(
    words(
        """
        i me my mine we us our ours you your yours he him his she her hers it its they them
        their theirs this that these those who whom whose which what whoever whatever one
        ones myself yourself himself herself itself ourselves themselves each either neither
        both all some any none another other others such
        """
    )
)
"""Pronouns and determiners, whatever the tagger said: never a noun phrase by themselves."""
WH_TAGS = frozenset({"WP", "WDT", "WP$"})
PUNCT_EDGES = frozenset({",", ";", ":", ".", "-", "--", "–", "—", "!", "?", "…"})


def is_pronoun(tok: Token) -> bool:
    """True for pronouns and determiners used as heads ("he", "this", "which").

    >>> # "This was reported" -> "This" heads the subject but names nothing by itself.
    """
    if tok.tag_ in PRONOUN_TAGS or tok.pos_ in ("PRON", "DET"):
        return True
    return not tok.ent_type_ and tok.lower_ in PRONOUN_WORDS  # mistagged "that", "one"


def is_nominal(tok: Token) -> bool:
    """True when ``tok`` can head a noun phrase argument (noun, name, pronoun, number)."""
    return tok.pos_ in NOMINAL_POS or is_pronoun(tok)


def is_verbal(tok: Token) -> bool:
    """True when ``tok`` can head a clause: a verb, or ``be``/``have`` used as the main verb."""
    return tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in AUXILIARIES)


def first_child(tok: Token, deps: frozenset[str]) -> Token | None:
    """The first child of ``tok`` with a label in ``deps``, or None."""
    groups = labels(tok)
    best: Token | None = None
    for dep in deps:
        group = groups.get(dep)
        if group and (best is None or group[0].i < best.i):
            best = group[0]
    return best


def is_relative_pronoun(tok: Token) -> bool:
    """True for "who"/"which"/"that" heading a relative clause argument."""
    return tok.tag_ in ("WDT", "WP", "WP$") or (tok.lower_ == "that" and tok.head.dep_ == "relcl")

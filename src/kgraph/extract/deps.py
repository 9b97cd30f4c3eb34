"""Dependency-label groups and small token tests shared by every construction module.

spaCy's English models use ClearNLP labels; grouping them here keeps the construction
modules readable (``tok.dep_ in SUBJECTS`` rather than a literal set in five places).
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.tree import labels

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
DIRECT_OBJECTS = frozenset({"dobj", "obj"})
PREPOSITIONS = frozenset({"prep", "agent"})
AUXILIARIES = frozenset({"aux", "auxpass", "neg"})
CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"}
)
"""Dependencies under which a verb heads its own clause."""

NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT", "EX"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose", "what"})
EXPLETIVES = frozenset({"it", "there"})
PUNCT_EDGES = frozenset({",", ";", ":", ".", "-", "--", "–", "—", "!", "?", "…"})
OPEN_QUOTES = frozenset({"``", '"', "“", "‘", "'", "`", "«"})
CLOSE_QUOTES = frozenset({"''", '"', "”", "’", "'", "»"})


def is_pronoun(tok: Token) -> bool:
    """True for pronouns and determiners used as heads ("he", "this", "which").

    >>> # "This was reported" -> "This" heads the subject but names nothing by itself.
    """
    return tok.tag_ in PRONOUN_TAGS or tok.pos_ in ("PRON", "DET")


def is_nominal(tok: Token) -> bool:
    """True when ``tok`` can head a noun phrase argument (noun, name, pronoun, number)."""
    return tok.pos_ in NOMINAL_POS or is_pronoun(tok)


def is_verbal(tok: Token) -> bool:
    """True when ``tok`` can head a clause: a verb, or ``be``/``have`` used as the main verb."""
    return tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in AUXILIARIES)


def children_with(tok: Token, deps: frozenset[str]) -> list[Token]:
    """The children of ``tok`` whose dependency label is in ``deps``, in sentence order."""
    groups = labels(tok)
    found = [c for dep in deps for c in groups.get(dep, ())]
    return sorted(found, key=lambda c: c.i) if len(found) > 1 else found


def first_child(tok: Token, deps: frozenset[str]) -> Token | None:
    """The first child of ``tok`` with a label in ``deps``, or None."""
    groups = labels(tok)
    best: Token | None = None
    for dep in deps:
        group = groups.get(dep)
        if group and (best is None or group[0].i < best.i):
            best = group[0]
    return best


def has_child(tok: Token, dep: str) -> bool:
    """True when ``tok`` has a child labelled ``dep``."""
    return dep in labels(tok)


def is_relative_pronoun(tok: Token) -> bool:
    """True for "who"/"which"/"that" heading a relative clause argument."""
    return tok.tag_ in ("WDT", "WP", "WP$") or (tok.lower_ == "that" and tok.head.dep_ == "relcl")

"""Dependency-label groups and small token tests shared by every construction module.

spaCy's English models use ClearNLP labels; grouping them here keeps the construction
modules readable (``tok.dep_ in SUBJECTS`` rather than a literal set in five places).
"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.symbols import AUX, DET, NOUN, PRON, PROPN, VERB
from spacy.tokens import Token

from kgraph.extract.lexicon import ids, words
from kgraph.extract.tree import kids, labels, tokens_of

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
DIRECT_OBJECTS = frozenset({"dobj", "obj"})
AUXILIARIES = frozenset({"aux", "auxpass", "neg"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})

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
NOMINAL_POS_IDS = ids(NOMINAL_POS)
PRONOUN_TAG_IDS = ids(PRONOUN_TAGS)
PRONOUN_POS_IDS = frozenset({PRON, DET})
PRONOUN_WORD_IDS = ids(PRONOUN_WORDS)
WH_TAG_IDS = ids(WH_TAGS)
THAT = ids(["that"])
OF = ids(["of"])
TO = ids(["TO"])
"""The tag id of infinitival "to"."""
VERBAL_POS = frozenset({VERB, AUX})
NOUN_OR_NAME = frozenset({NOUN, PROPN})
POSSESSIVE = get_string_id("POS")
"""The tag id of the possessive ending ("'s")."""
PUNCT_EDGES = frozenset({",", ";", ":", ".", "-", "--", "–", "—", "!", "?", "…"})


def is_pronoun(tok: Token) -> bool:
    """True for pronouns and determiners used as heads ("he", "this", "which").

    >>> # "This was reported" -> "This" heads the subject but names nothing by itself.
    """
    if tok.tag in PRONOUN_TAG_IDS or tok.pos in PRONOUN_POS_IDS:
        return True
    return not tok.ent_type and tok.lower in PRONOUN_WORD_IDS  # mistagged "that", "one"


def is_nominal(tok: Token) -> bool:
    """True when ``tok`` can head a noun phrase argument (noun, name, pronoun, number)."""
    return tok.pos in NOMINAL_POS_IDS or is_pronoun(tok)


def is_verbal(tok: Token) -> bool:
    """True when ``tok`` can head a clause: a verb, or ``be``/``have`` used as the main verb."""
    pos = tok.pos
    return pos == VERB or (pos == AUX and tok.dep_ not in AUXILIARIES)


def first_child(tok: Token, deps: frozenset[str]) -> Token | None:
    """The first child of ``tok`` with a label in ``deps``, or None."""
    groups = labels(tok)
    if not groups:
        return None
    best: Token | None = None
    for dep in deps:
        group = groups.get(dep)
        if group and (best is None or group[0].i < best.i):
            best = group[0]
    return best


def to_markers(verb: Token) -> list[Token]:
    """The infinitival "to" of ``verb`` ("agreed *to* send", "Xi *to* meet Trump")."""
    return [c for c in labels(verb).get("aux", ()) if c.tag in TO]


def labelled(tok: Token, dep: str) -> Token | None:
    """The first child of ``tok`` labelled ``dep``, or None."""
    group = labels(tok).get(dep)
    return group[0] if group else None


def is_relative_pronoun(tok: Token) -> bool:
    """True for "who"/"which"/"that" heading a relative clause argument."""
    return tok.tag in WH_TAG_IDS or (tok.lower in THAT and tok.head.dep_ == "relcl")


def described(head: Token, appos: Token) -> Token:
    """The phrase an apposition describes: the conjunct right before it ("Trump and Jack
    Ma, founder of X" describes Ma; the parser hangs the apposition on the first)."""
    if head.dep_ in PARTY_LABEL_DEPS and party_label(head):  # "X, R-Ohio, the chairman of Y"
        return described(head.head, head)
    before = [
        c for c in kids(head) if c.dep_ == "conj" and head.i < c.i < appos.i and not party_label(c)
    ]
    return before[-1] if before else head


def party_label(tok: Token) -> bool:
    """ "Paul Ryan, R-Wis.": a party's letter hyphened to a state after a lawmaker's name
    says who they are: it names no second party, and a further apposition describes the
    lawmaker ("X, R-New Jersey, the chairman of Y")."""
    first = tok.left_edge.i
    toks = tokens_of(tok.doc)
    return first < tok.i and toks[first].text in PARTY_LETTERS and toks[first + 1].tag_ == "HYPH"


PARTY_LETTERS = frozenset({"R", "D", "I"})
PARTY_LABEL_DEPS = frozenset({"appos", "conj"})


def hyphened(tok: Token) -> frozenset[str]:
    """The word hyphened before ``tok``: "vice" of "vice-president"."""
    toks = tokens_of(tok.doc)
    if tok.i < 2:
        return frozenset()
    hyphen, word = toks[tok.i - 1], toks[tok.i - 2]
    joined = hyphen.text == "-" and not hyphen.whitespace_ and not word.whitespace_
    return frozenset({word.lower_}) if joined else frozenset()

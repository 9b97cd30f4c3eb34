"""The dependency tree of a Doc with its Token objects built once.

spaCy makes a new ``Token`` on every ``doc[i]``, ``tok.children``, ``tok.rights`` ...: the
rules below walk children often enough that building tokens costs more than the rules.
Here each Doc's tokens, child lists and coarse tags are made once (heads and tags come
vectorised from ``Doc.to_array``) and shared by all finders; :func:`forget` drops them when
the Doc is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import HEAD, POS
from spacy.tokens import Doc, Token

Children = tuple[list[Token], list[Token]]


NO_CHILDREN: Children = ([], [])


Labels = dict[str, list[Token]]


@dataclass(frozen=True, slots=True)
class Tree:
    """One Doc's tokens, their children (left and right) and their coarse POS ids."""

    tokens: list[Token]
    children: list[Children]
    labels: list[Labels | None]
    """Children by dependency label, filled in on first use (see :func:`labels`)."""
    pos: list[int]
    """``tok.pos`` of every token (the property costs more than a list look-up)."""


@lru_cache(maxsize=8)
def tree_of(doc: Doc) -> Tree:
    """The tree of ``doc``, built once (until :func:`forget`)."""
    tokens = list(doc)
    columns = doc.to_array([HEAD, POS]).astype(np.int64).T.tolist()
    heads: list[int] = columns[0]  # relative offsets
    children: list[Children] = [NO_CHILDREN] * len(tokens)
    for i, offset in enumerate(heads):
        if offset:
            head = i + offset
            if children[head] is NO_CHILDREN:
                children[head] = ([], [])
            children[head][0 if i < head else 1].append(tokens[i])
    return Tree(tokens, children, [None] * len(tokens), columns[1])


def labels(tok: Token) -> Labels:
    """The children of ``tok`` grouped by dependency label, each group in sentence order.

    >>> # labels(verb).get("dobj") -> [the direct object]; "neg" in labels(verb) -> negated
    """
    tree = tree_of(tok.doc)
    found = tree.labels[tok.i]
    if found is None:
        found = tree.labels[tok.i] = {}
        left, right = tree.children[tok.i]
        for child in left + right if left else right:
            found.setdefault(child.dep_, []).append(child)
    return found


def tokens_of(doc: Doc) -> list[Token]:
    """All tokens of ``doc``, the same objects on every call."""
    return tree_of(doc).tokens


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens already built (``Doc.text`` builds new ones)."""
    return "".join([tok.text_with_ws for tok in tokens_of(doc)])


def kids(tok: Token) -> list[Token]:
    """The children of ``tok`` in sentence order (like ``tok.children``)."""
    left, right = tree_of(tok.doc).children[tok.i]
    return left + right if left else right


def lefts(tok: Token) -> list[Token]:
    """The children of ``tok`` before it, in sentence order (like ``tok.lefts``)."""
    return tree_of(tok.doc).children[tok.i][0]


def rights(tok: Token) -> list[Token]:
    """The children of ``tok`` after it, in sentence order (like ``tok.rights``)."""
    return tree_of(tok.doc).children[tok.i][1]


def forget() -> None:
    """Drop the cached trees."""
    tree_of.cache_clear()

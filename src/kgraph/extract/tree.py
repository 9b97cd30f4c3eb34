"""The dependency tree of a Doc with its Token objects built once.

spaCy makes a new ``Token`` on every ``doc[i]``, ``tok.children``, ``tok.rights`` ...: the
rules below walk children often enough that building tokens costs more than the rules.
Here each Doc's tokens and child lists are made once (heads come vectorised from
``Doc.to_array``) and shared by all finders; :func:`forget` drops them when the Doc is done.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token

Children = tuple[list[Token], list[Token]]


NO_CHILDREN: Children = ([], [])


Labels = dict[str, list[Token]]


@lru_cache(maxsize=8)
def _labels_table(doc: Doc) -> list[Labels | None]:
    return [None] * len(doc)


def labels(tok: Token) -> Labels:
    """The children of ``tok`` grouped by dependency label, each group in sentence order.

    >>> # labels(verb).get("dobj") -> [the direct object]; "neg" in labels(verb) -> negated
    """
    table = _labels_table(tok.doc)
    found = table[tok.i]
    if found is None:
        found = table[tok.i] = {}
        for child in kids(tok):
            found.setdefault(child.dep_, []).append(child)
    return found


@lru_cache(maxsize=8)
def _table(doc: Doc) -> tuple[list[Token], list[Children]]:
    tokens = list(doc)
    heads = doc.to_array("HEAD").astype(np.int64).tolist()  # relative offsets
    table: list[Children] = [NO_CHILDREN] * len(tokens)
    for i, offset in enumerate(heads):
        if offset:
            head = i + offset
            if table[head] is NO_CHILDREN:
                table[head] = ([], [])
            table[head][0 if i < head else 1].append(tokens[i])
    return tokens, table


def tokens_of(doc: Doc) -> list[Token]:
    """All tokens of ``doc``, the same objects on every call."""
    return _table(doc)[0]


def kids(tok: Token) -> list[Token]:
    """The children of ``tok`` in sentence order (like ``tok.children``)."""
    left, right = _table(tok.doc)[1][tok.i]
    return left + right if left else right


def lefts(tok: Token) -> list[Token]:
    """The children of ``tok`` before it, in sentence order (like ``tok.lefts``)."""
    return _table(tok.doc)[1][tok.i][0]


def rights(tok: Token) -> list[Token]:
    """The children of ``tok`` after it, in sentence order (like ``tok.rights``)."""
    return _table(tok.doc)[1][tok.i][1]


def forget() -> None:
    """Drop the cached trees."""
    _table.cache_clear()
    _labels_table.cache_clear()

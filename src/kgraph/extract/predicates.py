"""Predicate text and canonical relation names.

The surface predicate is the OpenIE predicate ("was reported by", "did not meet"); the
relation name is what the graph stores: lemma plus particle and preposition in
UPPER_SNAKE ("congratulated" -> CONGRATULATE, "met with" -> MEET_WITH).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

_NOT_NAME = re.compile(r"[^A-Z0-9]+")


def surface(tokens: Sequence[Token]) -> str:
    """The predicate as written, tokens in sentence order joined by single spaces."""
    if len(tokens) == 1:
        return tokens[0].text
    by_index = {tok.i: tok for tok in tokens}  # a token listed twice is written once
    return " ".join([by_index[i].text for i in sorted(by_index)])


@lru_cache(maxsize=8192)
def relation_name(parts: tuple[str, ...]) -> str:
    """UPPER_SNAKE relation name from lemma parts, sanitised to ``[A-Z][A-Z0-9_]*``.

    >>> relation_name(("deploy", "to"))
    'DEPLOY_TO'
    >>> relation_name(("1st", "place"))
    'R_1ST_PLACE'
    """
    words = [w for w in (_NOT_NAME.sub("_", p.upper()).strip("_") for p in parts) if w]
    name = "_".join(words) or "RELATED_TO"
    return name if name[0].isalpha() else "R_" + name

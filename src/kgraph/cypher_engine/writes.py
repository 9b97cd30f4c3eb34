"""Detecting write clauses in query text, for read-only guards (embedded and Neo4j).

Works on tokens, so keywords inside strings, comments, backtick names, labels
(``:Set``), property keys (``n.create``), map keys and aliases do not count.
"""

from __future__ import annotations

import re

from kgraph.cypher_engine.errors import CypherSyntaxError
from kgraph.cypher_engine.lexer import Token, TokenKind, tokenize

_WRITE_WORDS = frozenset({"CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DETACH", "FOREACH"})
_FALLBACK = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DETACH|FOREACH|LOAD\s+CSV)\b", re.IGNORECASE
)


def is_write_query(query: str) -> bool:
    """True if the query contains CREATE/MERGE/SET/DELETE/REMOVE/DETACH/LOAD CSV/FOREACH.

    Text that cannot even be tokenized is judged by a plain word search, erring on the
    side of calling it a write.
    """
    try:
        tokens = tokenize(query)
    except CypherSyntaxError:
        return _FALLBACK.search(query) is not None
    return any(_is_write_keyword(tokens, i) for i in range(len(tokens)))


def _is_write_keyword(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind is not TokenKind.IDENT:
        return False
    word = str(token.value).upper()
    if word == "LOAD":
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        is_write = following is not None and following.is_keyword("CSV")
    else:
        is_write = word in _WRITE_WORDS
    if not is_write:
        return False
    previous = tokens[index - 1] if index else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if previous is not None and (
        previous.is_symbol(".") or previous.is_symbol(":") or previous.is_keyword("AS")
    ):
        return False
    return following is None or not following.is_symbol(":")

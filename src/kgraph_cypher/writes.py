"""Detecting write clauses in query text, for read-only guards (embedded and Neo4j).

Works on tokens, so keywords inside strings, comments, backtick names, labels
(``:Set``), property keys (``n.create``), map keys and aliases do not count.
"""

from __future__ import annotations

import re

from kgraph_cypher.errors import CypherSyntaxError
from kgraph_cypher.lexer import Token, TokenKind, tokenize

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
    return any(write_clause_at(tokens, i) for i in range(len(tokens)))


def write_clause_at(tokens: list[Token], index: int) -> str | None:
    """The write clause (``CREATE``, ``LOAD CSV``, ...) that ``tokens[index]`` starts."""
    token = tokens[index]
    if token.kind is not TokenKind.IDENT or is_name_position(tokens, index):
        return None
    word = str(token.value).upper()
    if word == "LOAD":
        return "LOAD CSV" if following(tokens, index).is_keyword("CSV") else None
    return word if word in _WRITE_WORDS else None


def is_name_position(tokens: list[Token], index: int) -> bool:
    """Whether ``tokens[index]`` is used as a property key, label, map key, alias or
    variable name, and so is no keyword."""
    previous = tokens[index - 1] if index else None
    if previous is not None and (
        previous.is_symbol(".") or previous.is_symbol(":") or previous.is_keyword("AS")
    ):
        return True
    after = following(tokens, index)
    return after.is_symbol(":") or after.is_symbol(".")


def following(tokens: list[Token], index: int) -> Token:
    """The token after ``tokens[index]`` (the end of input after the last)."""
    return tokens[min(index + 1, len(tokens) - 1)]

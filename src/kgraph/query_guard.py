"""What ``kgraph query`` runs without ``--write``: reads of the graph, nothing else.

A read transaction already stops Neo4j from changing data, but not from reading files or
URLs (``LOAD CSV``), ending other sessions' transactions (``TERMINATE TRANSACTIONS``),
administering the server (``STOP DATABASE``, ``CREATE USER``) or running procedures with
side effects.  So the query text is checked first, token by token (keywords inside
strings, comments and backtick names do not count):

* data writes and ``LOAD CSV`` are refused;
* administration commands are refused, except ``SHOW`` of an allow-listed, read-only
  kind (indexes, constraints, databases, procedures, functions, transactions, settings);
* ``CALL name(...)`` is refused unless the procedure is on :data:`READ_PROCEDURES`;
  ``CALL { ... }`` subqueries are checked like the rest of the query.

>>> read_only_problem("MATCH (n:Person) RETURN n.name")
>>> read_only_problem("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line")
'LOAD CSV reads files and URLs'
>>> read_only_problem("TERMINATE TRANSACTIONS 'neo4j-transaction-7'")
'TERMINATE is an administration command'
>>> read_only_problem("SHOW DATABASES")
>>> read_only_problem("CALL dbms.components()")
>>> read_only_problem("CALL dbms.killQueries(['query-1'])")
'procedure dbms.killQueries is not on the read-only allow-list'
"""

from __future__ import annotations

from kgraph.errors import WriteNotAllowedError, from_engine
from kgraph_cypher import CypherError
from kgraph_cypher.lexer import Token, TokenKind, tokenize
from kgraph_cypher.writes import following, is_name_position, write_clause_at

READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.info",
        "db.ping",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "dbms.components",
        "dbms.info",
        "dbms.showCurrentUser",
    }
)
"""Procedures that only read the graph or describe the server (case-insensitive)."""

_READ_PROCEDURES_LOWER = frozenset(name.lower() for name in READ_PROCEDURES)

_SHOWN = ("INDEX", "CONSTRAINT", "DATABASE", "PROCEDURE", "FUNCTION", "TRANSACTION", "SETTING")
SHOW_TARGETS = frozenset(_SHOWN) | {kind + ("ES" if kind == "INDEX" else "S") for kind in _SHOWN}
"""What ``SHOW`` may list (singular or plural): the first of these words after SHOW decides
(``SHOW RANGE INDEXES``, ``SHOW DEFAULT DATABASE``).  Users, roles, privileges and servers
are not."""

_SHOW_STOP = frozenset({"USERS", "USER", "ROLES", "ROLE", "PRIVILEGES", "PRIVILEGE", "SERVERS"})
_SHOW_STOP |= frozenset({"ALIASES", "ALIAS", "SUPPORTED"})

ADMIN_WORDS = frozenset(
    {"TERMINATE", "GRANT", "DENY", "REVOKE", "DROP", "ALTER", "RENAME", "DEALLOCATE"}
)
"""Words that only ever start an administration command (or a clause of one)."""

_ADMIN_BEFORE = {
    "START": "DATABASE",
    "STOP": "DATABASE",
    "ENABLE": "SERVER",
    "REALLOCATE": "DATABASES",
}
"""Words that are administration commands only when the word after them follows."""


def read_only_problem(query: str) -> str | None:
    """Why ``query`` is not a pure read, or None when it may run without ``--write``."""
    try:
        tokens = tokenize(query)
    except CypherError as exc:  # text that is not Cypher at all
        raise from_engine(exc) from None
    for index, token in enumerate(tokens):
        problem = _problem_at(tokens, index, token)
        if problem is not None:
            return problem
    writes = {write_clause_at(tokens, i) for i in range(len(tokens))} - {None}
    if "LOAD CSV" in writes:
        return "LOAD CSV reads files and URLs"
    return "this query writes to the graph" if writes else None


def check_read_only(query: str, hint: str | None = None) -> None:
    """Raise WriteNotAllowedError naming the problem unless ``query`` only reads."""
    problem = read_only_problem(query)
    if problem is not None:
        raise WriteNotAllowedError(problem, hint)


def _problem_at(tokens: list[Token], index: int, token: Token) -> str | None:
    if token.kind is not TokenKind.IDENT or is_name_position(tokens, index):
        return None
    word = str(token.value).upper()
    if word in ADMIN_WORDS:
        return f"{word} is an administration command"
    if word in _ADMIN_BEFORE and following(tokens, index).is_keyword(_ADMIN_BEFORE[word]):
        return f"{word} {_ADMIN_BEFORE[word]} is an administration command"
    if word == "SHOW":
        return _show_problem(tokens, index)
    if word == "CALL":
        return _call_problem(tokens, index)
    return None


def _show_problem(tokens: list[Token], index: int) -> str | None:
    for token in tokens[index + 1 : index + 5]:
        if token.kind is not TokenKind.IDENT:
            break
        word = str(token.value).upper()
        if word in SHOW_TARGETS:
            return None
        if word in _SHOW_STOP:
            break
    return "only SHOW of indexes, constraints, databases, procedures, functions, " + (
        "transactions and settings is read-only"
    )


def _call_problem(tokens: list[Token], index: int) -> str | None:
    after = following(tokens, index)
    if after.kind is not TokenKind.IDENT:
        return None  # CALL { ... } or CALL (x) { ... }: a subquery, checked as a whole
    parts = [str(after.value)]
    position = index + 2
    while (
        position + 1 < len(tokens)
        and tokens[position].is_symbol(".")
        and tokens[position + 1].kind in (TokenKind.IDENT, TokenKind.QUOTED)
    ):
        parts.append(str(tokens[position + 1].value))
        position += 2
    name = ".".join(parts)
    if name.lower() in _READ_PROCEDURES_LOWER:
        return None
    return f"procedure {name} is not on the read-only allow-list"

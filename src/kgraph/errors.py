"""kgraph's exceptions.  The CLI turns each into one line (``Error: ...``) and an exit code.

Every error carries a message that names what went wrong and, where there is one, a hint
telling the user how to fix it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph_cypher import CypherError


class KGraphError(Exception):
    """Base class: ``message`` for the user, ``hint`` for how to fix it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(KGraphError):
    """A file, line or record that cannot be read as an article."""

    def __init__(self, origin: str, problem: str, hint: str | None = None) -> None:
        super().__init__(f"{origin}: {problem}", hint)
        self.origin = origin
        self.problem = problem


class OtherLanguageError(InputError):
    """An article in another language than the model's: skipped with a warning."""


class ConfigError(KGraphError):
    """A setting, flag or environment variable that cannot be used."""

    exit_code = 2


class ModelError(KGraphError):
    """The spaCy model cannot be loaded."""


class StoreError(KGraphError):
    """The graph store cannot be read or written."""


class Neo4jConnectionError(StoreError):
    """Neo4j is unreachable, refuses the credentials or lacks the database."""


class ServerError(KGraphError):
    """The local Neo4j server cannot be assembled, started or stopped."""


class QueryError(KGraphError):
    """A Cypher query that cannot be run."""


class CypherSyntaxError(QueryError):
    """The query text is not valid Cypher (as far as the embedded engine can tell)."""


class UnsupportedCypherError(QueryError):
    """Valid Cypher that the embedded store cannot run; names the construct."""

    def __init__(self, construct: str) -> None:
        super().__init__(
            f"the embedded store cannot run {construct}",
            "run it against Neo4j with --neo4j",
        )
        self.construct = construct


class WriteNotAllowedError(QueryError):
    """A query that would change the graph, run without ``--write``."""

    def __init__(
        self, what: str = "this query writes to the graph", hint: str | None = None
    ) -> None:
        super().__init__(
            f"{what}; kgraph query is read-only", hint or "add --write to allow changes"
        )


def from_engine(exc: CypherError) -> QueryError:
    """The kgraph error for a query the embedded Cypher engine refused or failed to run."""
    from kgraph_cypher import CypherSyntaxError as EngineSyntaxError
    from kgraph_cypher import UnsupportedCypherError as EngineUnsupportedError

    if isinstance(exc, EngineUnsupportedError):
        return UnsupportedCypherError(exc.construct)
    if isinstance(exc, EngineSyntaxError):
        return CypherSyntaxError(exc.message)
    if exc.message.startswith("Expected parameter"):
        return QueryError(exc.message, "pass them with --param name=value")
    return QueryError(exc.message)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text

"""The engine's exceptions: every query it cannot run raises one ``CypherError``."""

from __future__ import annotations


class CypherError(Exception):
    """A query that cannot be run: invalid, unsupported, or failing on the data.

    ``message`` is one line naming what went wrong.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CypherSyntaxError(CypherError):
    """The query text is not valid Cypher (as far as the engine can tell)."""


class UnsupportedCypherError(CypherError):
    """Valid Cypher that the engine cannot run; ``construct`` names what."""

    def __init__(self, construct: str) -> None:
        super().__init__(f"the embedded Cypher engine cannot run {construct}")
        self.construct = construct

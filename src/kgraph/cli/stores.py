"""Choosing and opening the store a command works on, from flags and environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kgraph import config
from kgraph.cli import options as opt
from kgraph.cli.options import option_group
from kgraph.config import DEFAULT_STORE, LEGACY_DEFAULT_STORE, Neo4jSettings
from kgraph.store.base import GraphStore
from kgraph.store.local import LocalStore, convert_store


@dataclass(frozen=True, slots=True)
class StoreChoice:
    """The store flags of one command."""

    store: Path | None = None
    neo4j: bool = False
    uri: str | None = None
    user: str | None = None
    database: str | None = None

    @property
    def uses_neo4j(self) -> bool:
        """Neo4j when asked for, or when a URI is configured and no --store path is given."""
        return self.neo4j or (self.uri is not None and self.store is None)

    def neo4j_settings(self) -> Neo4jSettings:
        """Connection settings: these flags, then NEO4J_* variables, then the local server's."""
        return config.neo4j_settings(self.uri, self.user, self.database)


def open_store(choice: StoreChoice, *, writable: bool = False) -> GraphStore:
    """The embedded store (default) or Neo4j, ready to use."""
    if choice.uses_neo4j:
        from kgraph.store.neo4j import Neo4jStore

        return Neo4jStore(choice.neo4j_settings())
    return LocalStore(choice.store or default_store(), writable=writable)


def default_store() -> Path:
    """The default store file; one kept in the older format at the older default place is
    converted into it first (the old file is left for the user to delete)."""
    if not DEFAULT_STORE.exists() and LEGACY_DEFAULT_STORE.exists():
        convert_store(LEGACY_DEFAULT_STORE, DEFAULT_STORE)
    return DEFAULT_STORE


with_store = option_group(
    "choice",
    {
        "store": (opt.StoreOpt, None),
        "neo4j": (opt.Neo4jOpt, False),
        "neo4j_uri": (opt.Neo4jUriOpt, None),
        "neo4j_user": (opt.Neo4jUserOpt, None),
        "neo4j_database": (opt.Neo4jDatabaseOpt, None),
    },
    StoreChoice,
)
"""Give a command the store options (``--store``, ``--neo4j [URI]``, ``--neo4j-user``,
``--neo4j-database``) as one ``choice: StoreChoice`` argument."""

NO_CHOICE = StoreChoice()
"""The default a decorated command's ``choice`` parameter declares (never used: the
decorator always passes the user's choice)."""

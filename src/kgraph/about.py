"""What ``kgraph info`` reports: versions, the spaCy model, the embedded store and the
Neo4j connection, as plain data (no secret: a password is only said to be set)."""

from __future__ import annotations

import importlib.metadata
import platform
from contextlib import closing
from pathlib import Path
from typing import Any

from kgraph import __version__
from kgraph.config import Neo4jSettings
from kgraph.errors import KGraphError

PACKAGES = ("spacy", "neo4j", "networkx", "typer", "trafilatura")


def versions() -> dict[str, str | None]:
    """kgraph, Python and the libraries that decide its results."""
    found: dict[str, str | None] = {"kgraph": __version__, "python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    return found


def model_info(name: str | None) -> dict[str, Any]:
    """The spaCy model kgraph would load, without loading it."""
    from kgraph.nlp import installed_model, installed_model_id

    try:
        return {"name": installed_model(name), "id": installed_model_id(name)}
    except KGraphError as exc:
        return {"name": name, "error": str(exc)}


def store_info(path: Path) -> dict[str, Any]:
    """The embedded store file: where, how big, and its counts (from its summary)."""
    from kgraph.store.local import LocalStore

    info: dict[str, Any] = {"path": str(path.resolve()), "exists": path.exists()}
    if not path.exists():
        return info
    info["bytes"] = path.stat().st_size
    try:
        with closing(LocalStore(path)) as store:
            stats = store.stats()
        info |= {"articles": stats.articles, "entities": stats.entities, "facts": stats.relations}
    except KGraphError as exc:
        info["error"] = str(exc)
    return info


def neo4j_info(settings: Neo4jSettings, *, connect: bool) -> dict[str, Any]:
    """The Neo4j connection settings, the local server's state and, with ``connect``,
    whether the database answers and what it holds."""
    from kgraph import server

    info: dict[str, Any] = {
        "uri": settings.uri,
        "user": settings.user,
        "database": settings.database,
        "password": "set" if settings.password else "not set",
    }
    local = server.status(server.ServerConfig.from_env())
    info["local_server"] = {
        "running": local.running,
        "uri": local.uri,
        "version": local.version,
        "home": str(local.home),
    }
    if connect:
        from kgraph.store.neo4j import Neo4jStore

        try:
            with closing(Neo4jStore(settings)) as neo4j_store:
                stats = neo4j_store.stats()
            info["connected"] = True
            info |= {"articles": stats.articles, "entities": stats.entities}
        except KGraphError as exc:
            info |= {"connected": False, "error": str(exc)}
    return info

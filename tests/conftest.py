"""Shared fixtures: the real spaCy model, and a real Neo4j server for integration tests.

When ``NEO4J_URI`` is set the integration tests use that server (``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``).  Otherwise the session starts kgraph's own local
Neo4j (assembled from Maven Central on first use) in ``.kgraph-test/neo4j`` on ports that
do not clash with a developer's server, and stops it at the end.  Nothing is skipped: a
server that cannot be started fails the tests that need it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.config import Neo4jSettings, neo4j_settings

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
UNN = EXAMPLES / "unn-2025-12-25-putin-kim.txt"
TEST_BOLT_PORT = int(os.environ.get("KGRAPH_TEST_BOLT_PORT", "17688"))
TEST_HTTP_PORT = int(os.environ.get("KGRAPH_TEST_HTTP_PORT", "17475"))


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    """The real pipeline with the real default model, loaded once."""
    from kgraph.analysis import Analyzer

    return Analyzer(n_process=1)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jSettings]:
    """Connection settings for a real, running Neo4j."""
    if os.environ.get("NEO4J_URI"):
        yield neo4j_settings()
        return
    from kgraph import server

    cfg = server.ServerConfig(
        home=REPO / ".kgraph-test" / f"neo4j-{TEST_BOLT_PORT}",
        bolt_port=TEST_BOLT_PORT,
        http_port=TEST_HTTP_PORT,
    )
    server.start(cfg)
    try:
        credentials = server.local_credentials(cfg)
        assert credentials is not None, "the local Neo4j started without credentials"
        uri, user, password = credentials
        yield Neo4jSettings(uri=uri, user=user, password=password)
    finally:
        server.stop(cfg)


@pytest.fixture
def neo4j_env(neo4j_server: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> Neo4jSettings:
    """The server's settings exported as NEO4J_* variables, for CLI runs."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password or "")
    if neo4j_server.database:
        monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)
    return neo4j_server


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No NEO4J_*/KGRAPH_* settings leak into a test that means the embedded store."""
    for name in list(os.environ):
        if name.startswith(("NEO4J_", "KGRAPH_")):
            monkeypatch.delenv(name)

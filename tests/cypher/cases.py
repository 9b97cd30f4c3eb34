"""The embedded Cypher engine's case tables, shared by the unit tests (run by
``kgraph_cypher`` on networkx and on SQLite) and the integration tests (run on a
real Neo4j loaded with the same graphs), so each expected value is checked against both.

Expected values follow Neo4j 5 semantics.  Row order counts where the query's final
RETURN has ORDER BY; elsewhere Neo4j leaves it open and the Neo4j tests compare rows as
multisets (the engine, being deterministic, is held to the order written here).
Graph elements in expected values use the fixture ids below (``"bob"``,
``"bob|0|acme"`` for a relationship: start, networkx key, end).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pytest

from kgraph_cypher import Node, Path, Relationship
from kgraph_cypher.sqlite_view import (
    create_schema,
    labels_json,
    upsert_edges,
    upsert_nodes,
)

# ---------------------------------------------------------------------------------------
# Fixture graphs: (id, labels, properties) nodes and (start, end, type, properties, key)
# relationships (key None: networkx numbers parallel edges 0, 1, ...).
# ---------------------------------------------------------------------------------------
NodeSpec = tuple[str, tuple[str, ...], dict[str, Any]]
RelSpec = tuple[str, str, str, dict[str, Any], str | None]


@dataclass(frozen=True)
class GraphSpec:
    nodes: list[NodeSpec]
    rels: list[RelSpec]

    def networkx(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for node_id, labels, props in self.nodes:
            g.add_node(node_id, labels=labels, props=dict(props))
        for start, end, rel_type, props, key in self.rels:
            g.add_edge(start, end, key=key, type=rel_type, props=dict(props))
        return g

    def sqlite(self, indexed: Sequence[str] = ()) -> sqlite3.Connection:
        """The graph in an in-memory SQLite database, nodes and relationships added in the
        order given (so adjacency lists come in networkx's order), with an expression index
        on each property of ``indexed``."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        create_schema(conn, indexed)
        nodes = [(i, labels_json(labels), json.dumps(props)) for i, labels, props in self.nodes]
        upsert_nodes(conn, nodes)
        keys: dict[tuple[str, str], int] = {}
        for start, end, rel_type, props, key in self.rels:
            if key is None:
                key = keys[(start, end)] = keys.get((start, end), -1) + 1
            upsert_edges(conn, [(start, end, key, rel_type, json.dumps(props))])
        return conn

    def rel_ids(self) -> list[str]:
        """The engine's id of each relationship, in :attr:`rels` order."""
        g = nx.MultiDiGraph()
        ids = []
        for start, end, _, _, key in self.rels:
            ids.append(f"{start}|{g.add_edge(start, end, key=key)}|{end}")
        return ids


def _n(node_id: str, *labels: str, **props: Any) -> NodeSpec:
    return (node_id, labels, props)


def _r(start: str, end: str, rel_type: str, key: str | None = None, **props: Any) -> RelSpec:
    return (start, end, rel_type, props, key)


GRAPHS = {
    # Four people, two organisations, a place; Dave has no age and met Alice twice.
    "people": GraphSpec(
        [
            _n("alice", "Person", name="Alice", age=30, city="London", tags=["a", "b"]),
            _n("bob", "Person", name="Bob", age=25, city="Paris"),
            _n("carol", "Person", name="Carol", age=35, city="London"),
            _n("dave", "Person", "Journalist", name="Dave", city="Kyiv"),
            _n("acme", "Organization", name="Acme", founded=1990),
            _n("globex", "Organization", name="Globex"),
            _n("kyiv", "Place", name="Kyiv"),
        ],
        [
            _r("alice", "bob", "KNOWS", since=2010),
            _r("bob", "carol", "KNOWS", since=2015),
            _r("alice", "carol", "KNOWS", since=2020),
            _r("alice", "acme", "WORKS_AT", role="CEO"),
            _r("bob", "acme", "WORKS_AT", role="Engineer"),
            _r("carol", "globex", "WORKS_AT", role="Engineer"),
            _r("dave", "alice", "MET", year=2021),
            _r("dave", "alice", "MET", year=2022),
            _r("acme", "kyiv", "LOCATED_IN"),
        ],
    ),
    # n0->n1->n2->n3->n4 (NEXT, w=1,1,2,2), a shortcut n0-SKIP->n2, a 3-cycle, a self-loop.
    "chain": GraphSpec(
        [_n(f"n{i}", "Step", i=i) for i in range(5)]
        + [_n(name, "Ring", name=name) for name in ("c0", "c1", "c2")]
        + [_n("s", "Solo", name="s")],
        [_r(f"n{i}", f"n{i + 1}", "NEXT", w=w) for i, w in enumerate([1, 1, 2, 2])]
        + [_r("n0", "n2", "SKIP")]
        + [_r("c0", "c1", "LOOP"), _r("c1", "c2", "LOOP"), _r("c2", "c0", "LOOP")]
        + [_r("s", "s", "SELF")],
    ),
    "empty": GraphSpec([], []),
    # A miniature of the graph kgraph builds: entities, facts, claims, articles.
    "news": GraphSpec(
        [
            _n("e:kim", "Entity", "Person", name="Kim Jong Un", type="Person"),
            _n("e:putin", "Entity", "Person", name="Vladimir Putin", type="Person"),
            _n("e:russia", "Entity", "Place", name="Russia", type="Place"),
            _n("a:1", "Article", id="1", title="Summit"),
            _n("a:2", "Article", id="2", title="Visit"),
            _n("c:1", "Claim", relation="MET"),
        ],
        [
            _r("e:kim", "e:putin", "MET", "MET", count=2),
            _r("e:putin", "e:russia", "LEADS", "LEADS", count=1),
            *(
                _r(article, entity, "MENTIONS", "MENTIONS", count=1)
                for article, entities in (
                    ("a:1", ["e:kim", "e:putin"]),
                    ("a:2", ["e:kim", "e:putin", "e:russia"]),
                )
                for entity in entities
            ),
            _r("c:1", "e:kim", "SUBJECT", "SUBJECT"),
            _r("c:1", "e:putin", "OBJECT", "OBJECT"),
            _r("c:1", "a:1", "SUPPORTED_BY", "SUPPORTED_BY"),
        ],
    ),
}


# ---------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One query on one fixture graph and what it must give.

    ``rows`` (and ``columns`` when given) for a query that runs; ``error`` ("syntax",
    "runtime" or "unsupported") with ``message`` (a regex on the engine's message, or the
    construct an unsupported error names) for one that must fail.  ``ids`` says which
    plain values are element ids ("node" or "rel"): the Neo4j tests translate them.
    ``open_list_order`` marks lists in the values whose order Neo4j leaves open (compared
    as multisets).
    ``engine_only`` gives the reason a case cannot mean the same on Neo4j.
    """

    graph: str
    query: str
    params: dict[str, Any] = field(default_factory=dict)
    rows: list[list[Any]] | None = None
    columns: list[str] | None = None
    error: str | None = None
    message: str | None = None
    ids: str | None = None
    engine_only: str | None = None
    open_list_order: bool = False

    @property
    def ordered(self) -> bool:
        """Whether the final RETURN orders the rows."""
        last_return = [m.end() for m in re.finditer(r"(?i)\bRETURN\b", self.query)]
        tail = self.query[last_return[-1] :] if last_return else ""
        return re.search(r"(?i)\bORDER\s+BY\b", tail) is not None

    def __str__(self) -> str:
        return f"{self.graph}: {self.query}"


PEOPLE_CASES = [
    # -- node patterns
    (
        "MATCH (p:Person) RETURN p.name ORDER BY p.name",
        {},
        [["Alice"], ["Bob"], ["Carol"], ["Dave"]],
    ),
    ("MATCH (p:Person:Journalist) RETURN p.name", {}, [["Dave"]]),
    ("MATCH (p {name: 'Bob'}) RETURN p.age", {}, [[25]]),
    (
        "MATCH (p:Person {city: $city}) RETURN p.name ORDER BY p.name",
        {"city": "London"},
        [["Alice"], ["Carol"]],
    ),
    ("MATCH (p:Person {city: 'London', age: 35}) RETURN p.name", {}, [["Carol"]]),
    ("MATCH (p:Person {name: null}) RETURN p.name", {}, []),
    ("MATCH (x:Nothing) RETURN x", {}, []),
    ("MATCH (p:Person WHERE p.age > 28) RETURN p.name ORDER BY p.name", {}, [["Alice"], ["Carol"]]),
    ("MATCH (p:Person {age: 25.0}) RETURN p.name", {}, [["Bob"]]),
    ("MATCH (p:Person {age: true}) RETURN p.name", {}, []),
    ("MATCH (é:Person {name: 'Bob'}) RETURN é.age", {}, [[25]]),
    # -- relationship patterns
    (
        "MATCH (a:Person)-[:KNOWS]->(b) RETURN a.name, b.name ORDER BY a.name, b.name",
        {},
        [["Alice", "Bob"], ["Alice", "Carol"], ["Bob", "Carol"]],
    ),
    (
        "MATCH (a)<-[:KNOWS]-(b:Person {name: 'Alice'}) RETURN a.name ORDER BY a.name",
        {},
        [["Bob"], ["Carol"]],
    ),
    (
        "MATCH (a {name: 'Bob'})-[:KNOWS]-(b) RETURN b.name ORDER BY b.name",
        {},
        [["Alice"], ["Carol"]],
    ),
    (
        "MATCH (a {name: 'Bob'})<-[:KNOWS]->(b) RETURN b.name ORDER BY b.name",
        {},
        [["Alice"], ["Carol"]],
    ),
    (
        "MATCH (p {name: 'Alice'})-[r:KNOWS|WORKS_AT]->(x) RETURN type(r), x.name ORDER BY x.name",
        {},
        [["WORKS_AT", "Acme"], ["KNOWS", "Bob"], ["KNOWS", "Carol"]],
    ),
    ("MATCH (p {name: 'Alice'})-[:KNOWS|:WORKS_AT]->(x) RETURN count(*)", {}, [[3]]),
    ("MATCH (a)-[r:KNOWS {since: 2015}]->(b) RETURN a.name, b.name", {}, [["Bob", "Carol"]]),
    (
        "MATCH ()-[r:WORKS_AT]->(o) WHERE r.role = 'Engineer' RETURN o.name ORDER BY o.name",
        {},
        [["Acme"], ["Globex"]],
    ),
    ("MATCH (d {name: 'Dave'})-[r:MET]->(a) RETURN r.year ORDER BY r.year", {}, [[2021], [2022]]),
    ("MATCH (d {name: 'Dave'})-->(a) RETURN a.name", {}, [["Alice"], ["Alice"]]),
    ("MATCH (n)-[r]->() RETURN count(r)", {}, [[9]]),
    ("MATCH (n)--() RETURN count(*)", {}, [[18]]),
    (
        "MATCH (p:Person)-[:WORKS_AT]->(o)-[:LOCATED_IN]->(pl) RETURN p.name, pl.name ORDER BY "
        "p.name",
        {},
        [["Alice", "Kyiv"], ["Bob", "Kyiv"]],
    ),
    (
        "MATCH (pl:Place)<-[:LOCATED_IN]-(o)<-[:WORKS_AT]-(p) RETURN p.name ORDER BY p.name",
        {},
        [["Alice"], ["Bob"]],
    ),
    # -- several parts: shared variables join, otherwise cartesian product
    (
        "MATCH (a:Person)-[:WORKS_AT]->(o), (b:Person)-[:WORKS_AT]->(o) WHERE a.name < b.name "
        "RETURN a.name, b.name, o.name",
        {},
        [["Alice", "Bob", "Acme"]],
    ),
    (
        "MATCH (a:Organization), (b:Place) RETURN a.name, b.name ORDER BY a.name",
        {},
        [["Acme", "Kyiv"], ["Globex", "Kyiv"]],
    ),
    (
        "MATCH (a)-[:KNOWS]->(b)-[:KNOWS]->(c), (a)-[:KNOWS]->(c) RETURN a.name, b.name, c.name",
        {},
        [["Alice", "Bob", "Carol"]],
    ),
    # -- relationship uniqueness within one MATCH, not across MATCH clauses
    ("MATCH (a)-[r]->(b)-[r]->(c) RETURN a", {}, []),
    ("MATCH (a)-[r]->(b), (c)-[r]->(d) RETURN a", {}, []),
    ("MATCH (a)-[r*0..1]->(b)-[r*0..1]->(c) RETURN count(*)", {}, [[7]]),
    ("MATCH (a {name: 'Dave'})-[r1:MET]->(x)<-[r2:MET]-(a) RETURN count(*)", {}, [[2]]),
    (
        "MATCH (a {name: 'Alice'})-[:KNOWS]-(b)-[:KNOWS]-(c) RETURN b.name, c.name ORDER BY "
        "b.name, c.name",
        {},
        [["Bob", "Carol"], ["Carol", "Bob"]],
    ),
    (
        "MATCH (a {name: 'Alice'})-[:KNOWS]-(b) MATCH (b)-[:KNOWS]-(c) RETURN b.name, c.name "
        "ORDER BY b.name, c.name",
        {},
        [["Bob", "Alice"], ["Bob", "Carol"], ["Carol", "Alice"], ["Carol", "Bob"]],
    ),
    (
        "MATCH (a {name: 'Alice'})-[r:WORKS_AT]->(b) MATCH (c)-[r]->(d) RETURN c.name, d.name",
        {},
        [["Alice", "Acme"]],
    ),
    # -- WHERE
    (
        "MATCH (p:Person) WHERE p.age > 26 AND p.city = 'London' RETURN p.name ORDER BY p.name",
        {},
        [["Alice"], ["Carol"]],
    ),
    ("MATCH (p:Person) WHERE p.age < 100 RETURN count(*)", {}, [[3]]),
    ("MATCH (p:Person) WHERE p.age IS NULL RETURN p.name", {}, [["Dave"]]),
    ("MATCH (p:Person) WHERE p.age IS NOT NULL RETURN count(*)", {}, [[3]]),
    (
        "MATCH (p:Person) WHERE p.name STARTS WITH 'A' OR p.name ENDS WITH 'l' RETURN p.name "
        "ORDER BY p.name",
        {},
        [["Alice"], ["Carol"]],
    ),
    (
        "MATCH (p:Person) WHERE p.name CONTAINS 'o' RETURN p.name ORDER BY p.name",
        {},
        [["Bob"], ["Carol"]],
    ),
    ("MATCH (p:Person) WHERE p.name =~ '(?i)b.*' RETURN p.name", {}, [["Bob"]]),
    ("MATCH (p:Person) WHERE p.name =~ 'o' RETURN p.name", {}, []),
    (
        "MATCH (p:Person) WHERE p.name IN ['Bob', 'Dave'] RETURN p.name ORDER BY p.name",
        {},
        [["Bob"], ["Dave"]],
    ),
    # IN narrows the start nodes; the rows keep the graph's node order.
    (
        "MATCH (p:Person) WHERE p.name IN ['Dave', 'Alice', 'Zed'] RETURN p.name",
        {},
        [["Alice"], ["Dave"]],
    ),
    (
        "MATCH (p:Person) WHERE p.city IN $cities AND p.age > 26 RETURN p.name",
        {"cities": ["London"]},
        [["Alice"], ["Carol"]],
    ),
    (
        "MATCH (p) WHERE p.name IN $names RETURN p.name",
        {"names": ["Kyiv", "Acme", None]},
        [["Acme"], ["Kyiv"]],
    ),
    ("MATCH (p:Person) WHERE p.name IN null RETURN p.name", {}, []),
    ("MATCH (p:Person) WHERE p.age IN [35.0, 25] RETURN p.name", {}, [["Bob"], ["Carol"]]),
    (
        "MATCH (a:Person {name: 'Alice'})-[:KNOWS]->(b) WHERE b.name IN ['Carol', 'Bob'] "
        "RETURN b.name",
        {},
        [["Bob"], ["Carol"]],
    ),
    (
        "MATCH (p:Person) WHERE p.city = 'London' XOR p.age < 32 RETURN p.name ORDER BY p.name",
        {},
        [["Bob"], ["Carol"]],
    ),
    ("MATCH (p:Person) WHERE NOT p.age > 28 RETURN p.name", {}, [["Bob"]]),
    (
        "MATCH (p:Person) WHERE 20 < p.age < 31 RETURN p.name ORDER BY p.name",
        {},
        [["Alice"], ["Bob"]],
    ),
    ("MATCH (n) WHERE id(n) = 'bob' RETURN n.name", {}, [["Bob"]]),
    ("MATCH (n) WHERE elementId(n) = $id RETURN n.name", {"id": "carol"}, [["Carol"]]),
    ("MATCH (n:Person) WHERE n.name = $name RETURN n.age", {"name": "Bob"}, [[25]]),
    ("MATCH (n:Person) WHERE $name = n.name AND n.age > 30 RETURN n.age", {"name": "Bob"}, []),
    (
        "MATCH (a:Person {name: 'Alice'}) MATCH (b:Person) WHERE b.age = a.age + 5 RETURN b.name",
        {},
        [["Carol"]],
    ),
    (
        "MATCH (a:Person), (b:Person) WHERE b.age = a.age + 5 "
        "RETURN a.name, b.name ORDER BY a.name",
        {},
        [["Alice", "Carol"], ["Bob", "Alice"]],
    ),
    ("MATCH (n:Person) WHERE n.age = n.age RETURN count(*)", {}, [[3]]),
    ("MATCH (n) WHERE n:Organization RETURN n.name ORDER BY n.name", {}, [["Acme"], ["Globex"]]),
    ("MATCH (n) WHERE NOT n:Person RETURN count(*)", {}, [[3]]),
    ("MATCH (n:Person) WHERE n:Person:Journalist RETURN n.name", {}, [["Dave"]]),
    ("MATCH ()-[r]->() WHERE r:LOCATED_IN RETURN count(*)", {}, [[1]]),
    ("MATCH (p:Person) WHERE 'a' IN p.tags RETURN p.name", {}, [["Alice"]]),
    # -- pattern predicates and pattern comprehensions
    (
        "MATCH (p:Person) WHERE (p)-[:WORKS_AT]->(:Organization {name: 'Acme'}) RETURN p.name "
        "ORDER BY p.name",
        {},
        [["Alice"], ["Bob"]],
    ),
    ("MATCH (p:Person) WHERE NOT (p)-[:WORKS_AT]->() RETURN p.name", {}, [["Dave"]]),
    ("MATCH (p:Person) WHERE exists((p)<-[:MET]-()) RETURN p.name", {}, [["Alice"]]),
    (
        "MATCH (a:Person), (b:Person) WHERE (a)-[:KNOWS]->(b) AND a.name = 'Bob' RETURN b.name",
        {},
        [["Carol"]],
    ),
    (
        "MATCH (p:Person {name: 'Alice'}) RETURN [(p)-[:KNOWS]->(f) | f.name] AS friends",
        {},
        [[["Bob", "Carol"]]],
    ),
    (
        "MATCH (p:Person {name: 'Alice'}) RETURN [(p)-[r:KNOWS]->(f) WHERE r.since > 2015 | "
        "f.name] AS f",
        {},
        [[["Carol"]]],
    ),
    (
        "MATCH (p:Person {name: 'Dave'}) RETURN size([path = (p)-->() | length(path)]) AS n",
        {},
        [[2]],
    ),
    # -- OPTIONAL MATCH
    (
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:WORKS_AT]->(o) RETURN p.name, o.name ORDER BY "
        "p.name",
        {},
        [["Alice", "Acme"], ["Bob", "Acme"], ["Carol", "Globex"], ["Dave", None]],
    ),
    (
        "MATCH (p:Person) OPTIONAL MATCH (p)-[r:WORKS_AT]->(o) WHERE r.role = 'CEO' "
        "RETURN p.name, o.name, r IS NULL ORDER BY p.name",
        {},
        [
            ["Alice", "Acme", False],
            ["Bob", None, True],
            ["Carol", None, True],
            ["Dave", None, True],
        ],
    ),
    (
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:KNOWS]->(f) RETURN p.name, count(f) AS c ORDER BY "
        "p.name",
        {},
        [["Alice", 2], ["Bob", 1], ["Carol", 0], ["Dave", 0]],
    ),
    ("OPTIONAL MATCH (n:Nothing) RETURN n", {}, [[None]]),
    ("OPTIONAL MATCH (n:Nothing) MATCH (n)-->(m) RETURN m", {}, []),
    ("OPTIONAL MATCH (n:Nothing) RETURN count(n), n.name", {}, [[0, None]]),
    (
        "MATCH (p:Person {name: 'Dave'}) OPTIONAL MATCH path = (p)-[:KNOWS]->() RETURN path",
        {},
        [[None]],
    ),
    # -- RETURN forms
    (
        "MATCH (p:Person {name: 'Bob'}) RETURN p.name AS name, p.age + 1, toUpper(p.name)",
        {},
        [["Bob", 26, "BOB"]],
    ),
    (
        "MATCH (p:Person) RETURN DISTINCT p.city ORDER BY p.city",
        {},
        [["Kyiv"], ["London"], ["Paris"]],
    ),
    (
        "MATCH (p:Person)-[:WORKS_AT]->(o) RETURN DISTINCT o.name ORDER BY o.name",
        {},
        [["Acme"], ["Globex"]],
    ),
    ("MATCH (p:Person)-[:WORKS_AT]->(o) RETURN count(DISTINCT o), count(o)", {}, [[2, 3]]),
    (
        "MATCH (p {name: 'Bob'}) RETURN p {.name, .age, role: 'x'} AS m",
        {},
        [[{"name": "Bob", "age": 25, "role": "x"}]],
    ),
    (
        "MATCH (o {name: 'Globex'}) RETURN o {.*, kind: labels(o)[0]} AS m",
        {},
        [[{"name": "Globex", "kind": "Organization"}]],
    ),
    (
        "MATCH (o {name: 'Globex'}) WITH o, 7 AS n RETURN o {.name, n} AS m",
        {},
        [[{"name": "Globex", "n": 7}]],
    ),
    (
        "MATCH (p:Person {name: 'Alice'}) RETURN p.tags, p.tags[1], p.missing",
        {},
        [[["a", "b"], "b", None]],
    ),
    (
        "MATCH (p:Person {name: 'Alice'}) RETURN p['name'], properties(p)['age']",
        {},
        [["Alice", 30]],
    ),
    # -- aggregation
    (
        "MATCH (p:Person) RETURN p.city AS city, count(*) AS n ORDER BY n DESC, city",
        {},
        [["London", 2], ["Kyiv", 1], ["Paris", 1]],
    ),
    (
        "MATCH (p:Person) RETURN count(p.age), sum(p.age), avg(p.age), min(p.age), max(p.age)",
        {},
        [[3, 90, 30.0, 25, 35]],
    ),
    (
        "MATCH (p:Person) WITH p ORDER BY p.age DESC RETURN collect(p.age) AS ages",
        {},
        [[[35, 30, 25]]],
    ),
    (
        "MATCH (p:Person) WITH p ORDER BY p.city RETURN count(DISTINCT p.city), collect(DISTINCT "
        "p.city)",
        {},
        [[3, ["Kyiv", "London", "Paris"]]],
    ),
    (
        "MATCH (n:Nothing) RETURN count(n), count(*), sum(n.x), avg(n.x), collect(n), max(n.x)",
        {},
        [[0, 0, 0, None, [], None]],
    ),
    ("MATCH (n:Nothing) RETURN n.name, count(*)", {}, []),
    (
        "MATCH (p:Person)-[:WORKS_AT]->(o) WITH o, count(p) AS staff WHERE staff > 1 RETURN "
        "o.name, staff",
        {},
        [["Acme", 2]],
    ),
    ("MATCH (p:Person) RETURN count(*) * 10 + 1 AS x", {}, [[41]]),
    (
        "MATCH (p:Person) RETURN p.city, count(*) ORDER BY count(*) DESC, p.city LIMIT 1",
        {},
        [["London", 2]],
    ),
    (
        "MATCH (a:Person)-[:KNOWS]->(b) RETURN a.name, collect(b.name) AS friends ORDER BY a.name",
        {},
        [["Alice", ["Bob", "Carol"]], ["Bob", ["Carol"]]],
    ),
    (
        "MATCH (a:Person)-[:KNOWS]->(b) RETURN a, count(*) AS c ORDER BY c DESC LIMIT 1",
        {},
        [
            [
                Node(
                    "alice",
                    ("Person",),
                    {"name": "Alice", "age": 30, "city": "London", "tags": ["a", "b"]},
                ),
                2,
            ]
        ],
    ),
    (
        "MATCH (p:Person) RETURN p.city AS city, max(p.age) - min(p.age) AS spread ORDER BY city",
        {},
        [["Kyiv", None], ["London", 5], ["Paris", 0]],
    ),
    (
        "MATCH (p:Person) WITH p.city AS city, collect(p.name) AS names RETURN city, size(names) "
        "AS n "
        "ORDER BY n DESC, city LIMIT 2",
        {},
        [["London", 2], ["Kyiv", 1]],
    ),
    # -- ORDER BY, SKIP, LIMIT
    ("MATCH (p:Person) RETURN p.age ORDER BY p.age", {}, [[25], [30], [35], [None]]),
    ("MATCH (p:Person) RETURN p.age ORDER BY p.age DESC", {}, [[None], [35], [30], [25]]),
    (
        "MATCH (p:Person) RETURN p.city, p.name ORDER BY p.city DESC, p.name ASC",
        {},
        [["Paris", "Bob"], ["London", "Alice"], ["London", "Carol"], ["Kyiv", "Dave"]],
    ),
    (
        "MATCH (p:Person) RETURN p.name AS n ORDER BY n DESCENDING LIMIT 2",
        {},
        [["Dave"], ["Carol"]],
    ),
    (
        "MATCH (p:Person) WHERE p.age IS NOT NULL RETURN p.name ORDER BY p.age",
        {},
        [["Bob"], ["Alice"], ["Carol"]],
    ),
    (
        "MATCH (p:Person) RETURN p.name ORDER BY size(p.name) DESC, p.name",
        {},
        [["Alice"], ["Carol"], ["Dave"], ["Bob"]],
    ),
    (
        "MATCH (p:Person) RETURN p.name ORDER BY p.name SKIP $s LIMIT $l",
        {"s": 1, "l": 2},
        [["Bob"], ["Carol"]],
    ),
    ("MATCH (p:Person) RETURN p.name ORDER BY p.name SKIP 3", {}, [["Dave"]]),
    ("MATCH (p:Person) RETURN p.name LIMIT 0", {}, []),
    # -- WITH
    (
        "MATCH (p:Person) WITH p.name AS name, p.age AS age WHERE age > 26 RETURN name ORDER BY "
        "name",
        {},
        [["Alice"], ["Carol"]],
    ),
    ("MATCH (p:Person) WITH DISTINCT p.city AS c RETURN count(*)", {}, [[3]]),
    (
        "MATCH (p:Person) WHERE p.age IS NOT NULL WITH p ORDER BY p.age DESC LIMIT 1 "
        "MATCH (p)-[:WORKS_AT]->(o) RETURN p.name, o.name",
        {},
        [["Carol", "Globex"]],
    ),
    ("MATCH (p:Person) WITH p ORDER BY p.age DESC LIMIT 1 RETURN p.name", {}, [["Dave"]]),
    ("MATCH (p {name: 'Bob'}) WITH *, p.age AS age RETURN p.name, age", {}, [["Bob", 25]]),
    (
        "MATCH (p:Person) WITH p.name AS name ORDER BY name LIMIT 2 WHERE name <> 'Alice' RETURN "
        "name",
        {},
        [["Bob"]],
    ),
    ("WITH 1 AS x, [2, 3] AS ys UNWIND ys AS y RETURN x + y AS s", {}, [[3], [4]]),
    # -- UNWIND
    (
        "UNWIND $names AS n MATCH (p:Person {name: n}) RETURN p.age ORDER BY p.age",
        {"names": ["Carol", "Bob", "Zed"]},
        [[25], [35]],
    ),
    (
        "UNWIND ['Bob', 'Carol'] AS n MATCH (p:Person) WHERE p.name = n RETURN p.age ORDER BY "
        "p.age",
        {},
        [[25], [35]],
    ),
    # -- parameters of every type
    (
        "RETURN $list[1] AS a, $map.k AS b, $flag AS c, $nothing AS d",
        {"list": (1, 2), "map": {"k": "v"}, "flag": True, "nothing": None},
        [[2, "v", True, None]],
    ),
]

CHAIN_CASES = [
    ("MATCH (a {i: 0})-[:NEXT*]->(b) RETURN b.i ORDER BY b.i", [[1], [2], [3], [4]]),
    ("MATCH (a {i: 0})-[:NEXT*2]->(b) RETURN b.i", [[2]]),
    ("MATCH (a {i: 0})-[:NEXT*1..2]->(b) RETURN b.i ORDER BY b.i", [[1], [2]]),
    ("MATCH (a {i: 0})-[:NEXT*..2]->(b) RETURN b.i ORDER BY b.i", [[1], [2]]),
    ("MATCH (a {i: 0})-[:NEXT*3..]->(b) RETURN b.i ORDER BY b.i", [[3], [4]]),
    ("MATCH (a {i: 0})-[:NEXT*0..1]->(b) RETURN b.i ORDER BY b.i", [[0], [1]]),
    ("MATCH (a {i: 0})-[*]->(b {i: 2}) RETURN count(*)", [[2]]),
    ("MATCH p = (a {i: 0})-[*]->(b {i: 2}) RETURN length(p) ORDER BY length(p)", [[1], [2]]),
    (
        "MATCH (a {i: 0})-[rs:NEXT*2]->(b) RETURN [r IN rs | type(r)], size(rs)",
        [[["NEXT", "NEXT"], 2]],
    ),
    ("MATCH (a {i: 4})<-[:NEXT*3]-(b) RETURN b.i", [[1]]),
    ("MATCH (a {i: 2})-[:NEXT*1..2]-(b) RETURN b.i ORDER BY b.i", [[0], [1], [3], [4]]),
    (
        "MATCH (b {i: 4}) MATCH p = (a)-[:NEXT*2]->(b) RETURN a.i, [n IN nodes(p) | n.i]",
        [[2, [2, 3, 4]]],
    ),
    (
        "MATCH p = (a {i: 1})-[:NEXT*2]->(b) RETURN [r IN relationships(p) | startNode(r).i]",
        [[[1, 2]]],
    ),
    ("MATCH (a {i: 0})-[:NEXT*1..4 {w: 1}]->(b) RETURN max(b.i)", [[2]]),
    ("MATCH (a {i: 0})-[:NEXT]->(b), (a)-[:NEXT*]->(c) RETURN c.i", []),
    (
        "MATCH (a {i: 0})-[:NEXT*]->(b)-[:NEXT]->(c) RETURN b.i, c.i ORDER BY b.i",
        [[1, 2], [2, 3], [3, 4]],
    ),
    (
        "MATCH (a {name: 'c0'})-[:LOOP*]->(b) RETURN b.name ORDER BY b.name",
        [["c0"], ["c1"], ["c2"]],
    ),
    ("MATCH (a {name: 'c0'})-[:LOOP*]-(b) RETURN count(*)", [[6]]),
    ("MATCH p = (a {name: 'c0'})-[:LOOP*]->(a) RETURN length(p)", [[3]]),
    ("MATCH (a {name: 's'})-[r]-(b) RETURN count(*)", [[1]]),
    ("MATCH (a {name: 's'})-[r]->(a) RETURN type(r)", [["SELF"]]),
    ("MATCH (a:Step)-[:NEXT]->(b:Step) WHERE a.i = 3 RETURN b.i", [[4]]),
    ("MATCH p = (a {i: 0}) RETURN length(p), size(nodes(p))", [[0, 1]]),
]

UNION_CASES = [
    (
        "MATCH (p:Person {name: 'Bob'}) RETURN p.city AS c UNION MATCH (o:Place) RETURN "
        "o.name AS c",
        [["Paris"], ["Kyiv"]],
    ),
    ("RETURN 1 AS x UNION RETURN 1 AS x", [[1]]),
    ("RETURN 1 AS x UNION ALL RETURN 1 AS x", [[1], [1]]),
    (
        "MATCH (p:Person) RETURN p.city AS c UNION MATCH (p:Person) RETURN p.city AS c",
        [["London"], ["Paris"], ["Kyiv"]],
    ),
    ("UNWIND [1, 1] AS x RETURN x UNION ALL UNWIND [2] AS x RETURN x", [[1], [1], [2]]),
]

EXPRESSION_CASES = [
    # arithmetic: Java integer semantics, floats
    ("7 / 2", 3),
    ("7 / 2.0", 3.5),
    ("-7 / 2", -3),
    ("7 % 3", 1),
    ("-7 % 3", -1),
    ("7.5 % 2", 1.5),
    ("2 ^ 3", 8.0),
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("-2 ^ 2", 4.0),
    ("2 ^ 3 ^ 2", 64.0),
    ("10 - 2 - 3", 5),
    ("-(3)", -3),
    ("1.0 / 0", math.inf),
    ("-9223372036854775808", -(2**63)),
    ("0x1F", 31),
    ("0o17", 15),
    ("1e3", 1000.0),
    (".5", 0.5),
    ("1.5e-3", 0.0015),
    # strings and lists with +
    ("'a' + 'b'", "ab"),
    ("'n=' + 1", "n=1"),
    ("1.5 + 'x'", "1.5x"),
    ("'v' + 2.0", "v2.0"),
    ("[1] + 2", [1, 2]),
    ("0 + [1]", [0, 1]),
    ("[1, 2] + [3]", [1, 2, 3]),
    ("'a' || 'b'", "ab"),
    ("[1] || [2]", [1, 2]),
    # null propagation and three-valued logic
    ("null + 1", None),
    ("null = null", None),
    ("null <> 1", None),
    ("1 < null", None),
    ("true AND null", None),
    ("false AND null", False),
    ("true OR null", True),
    ("false OR null", None),
    ("NOT null", None),
    ("true XOR null", None),
    ("true XOR false", True),
    ("NOT false", True),
    # comparisons
    ("1 = 1.0", True),
    ("'a' < 'b'", True),
    ("1 < 'a'", None),
    ("1 = 'a'", False),
    ("[1, 2] = [1, 2]", True),
    ("[1, null] = [1, 2]", None),
    ("[1, null] = [2, null]", False),
    ("{a: 1} = {a: 1}", True),
    ("{a: 1} = {b: 1}", False),
    ("2 > 1 > 0", True),
    ("1 <= 1", True),
    ("true > false", True),
    ("[1, 2] < [1, 3]", True),
    ("0.0 / 0.0 = 0.0 / 0.0", False),
    ("0.0 / 0.0 > 1", False),
    # IN
    ("3 IN [1, 2, 3]", True),
    ("4 IN [1, 2, 3]", False),
    ("4 IN [1, null]", None),
    ("null IN []", False),
    ("null IN [1]", None),
    ("[1] IN [[1], [2]]", True),
    ("1 IN null", None),
    # string predicates
    ("'hello' STARTS WITH 'he'", True),
    ("'hello' ENDS WITH 'lo'", True),
    ("'hello' CONTAINS 'ell'", True),
    ("'hello' CONTAINS null", None),
    ("1 STARTS WITH 'a'", None),
    ("'abc' =~ 'a.c'", True),
    ("'xabc' =~ 'a.c'", False),
    ("null IS NULL", True),
    ("1 IS NOT NULL", True),
    ("[] IS NULL", False),
    # lists, maps, subscripts
    ("[1, 2, 3][0]", 1),
    ("[1, 2, 3][-1]", 3),
    ("[1, 2, 3][5]", None),
    ("[1, 2, 3, 4][1..3]", [2, 3]),
    ("[1, 2, 3][..-1]", [1, 2]),
    ("[1, 2, 3][1..]", [2, 3]),
    ("[1, 2, 3][null]", None),
    ("[1, 2, 3][null..2]", None),
    ("{a: 1, b: {c: 'x'}}.b.c", "x"),
    ("{a: 1}['a']", 1),
    ("{a: 1}.missing", None),
    ("[[1, 2], [3]][0][1]", 2),
    ("[]", []),
    ("{}", {}),
    ("size([1, [2, 3]])", 2),
    # CASE
    ("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END", "b"),
    ("CASE WHEN false THEN 1 END", None),
    ("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "two"),
    ("CASE null WHEN null THEN 'null' ELSE 'other' END", "other"),
    # comprehensions, quantifiers, reduce
    ("[x IN range(1, 5) WHERE x % 2 = 1 | x * x]", [1, 9, 25]),
    ("[x IN [1, 2] | x + 1]", [2, 3]),
    ("[x IN [1, 2, 3] WHERE x > 1]", [2, 3]),
    ("[x IN null | x]", None),
    ("[x IN [[1, 2], [3]] | [y IN x | y * 10]]", [[10, 20], [30]]),
    ("any(x IN [1, 2] WHERE x > 1)", True),
    ("all(x IN [1, 2] WHERE x > 1)", False),
    ("none(x IN [1, 2] WHERE x > 5)", True),
    ("single(x IN [1, 2] WHERE x > 1)", True),
    ("single(x IN [1, 2, 3] WHERE x > 1)", False),
    ("all(x IN [] WHERE x > 1)", True),
    ("any(x IN [null] WHERE x > 1)", None),
    ("all(x IN [2, null] WHERE x > 1)", None),
    ("reduce(acc = 0, x IN [1, 2, 3] | acc + x)", 6),
    ("reduce(s = '', w IN ['a', 'b'] | s + w + '.')", "a.b."),
    # literals and escapes
    ("'a\\nb'", "a\nb"),
    ('"it\'s"', "it's"),
    ("'say \\\"hi\\\"'", 'say "hi"'),
    ("'\\u00e9'", "é"),
    ("'back\\\\slash'", "back\\slash"),
    ("'\\q'", "\\q"),
    ("TRUE", True),
    ("Null", None),
    # comments inside expressions
    ("1 /* one */ + // two\n 2", 3),
]

FUNCTION_CASES = [
    # graph elements (people graph; b = Bob, r = Bob-[:WORKS_AT]->Acme)
    ("type(r)", "WORKS_AT"),
    ("labels(b)", ["Person"]),
    ("id(b)", "bob"),
    ("elementId(b)", "bob"),
    ("id(r)", "bob|0|acme"),
    ("keys(b)", ["name", "age", "city"]),
    ("keys(r)", ["role"]),
    ("properties(r)", {"role": "Engineer"}),
    ("startNode(r).name", "Bob"),
    ("endNode(r).name", "Acme"),
    ("type(null)", None),
    ("labels(null)", None),
    # lists
    ("size([1, 2, 3])", 3),
    ("size('abc')", 3),
    ("size(null)", None),
    ("head([1, 2])", 1),
    ("head([])", None),
    ("last([1, 2])", 2),
    ("tail([1, 2, 3])", [2, 3]),
    ("tail([])", []),
    ("range(1, 3)", [1, 2, 3]),
    ("range(0, 10, 5)", [0, 5, 10]),
    ("range(3, 1, -1)", [3, 2, 1]),
    ("range(1, 0)", []),
    ("coalesce(null, b.missing, 'x', 'y')", "x"),
    ("coalesce(null)", None),
    ("reverse([1, 2, 3])", [3, 2, 1]),
    ("isEmpty([])", True),
    ("isEmpty('a')", False),
    # strings
    ("toLower('AbC')", "abc"),
    ("toUpper('AbC')", "ABC"),
    ("trim('  a b  ')", "a b"),
    ("ltrim('  a ')", "a "),
    ("rtrim('  a ')", "  a"),
    ("replace('banana', 'a', 'o')", "bonono"),
    ("substring('hello', 1)", "ello"),
    ("substring('hello', 1, 3)", "ell"),
    ("split('a,b,,c', ',')", ["a", "b", "", "c"]),
    ("split('abc', '')", ["a", "b", "c"]),
    ("left('hello', 2)", "he"),
    ("right('hello', 2)", "lo"),
    ("right('hi', 5)", "hi"),
    ("reverse('abc')", "cba"),
    ("toLower(null)", None),
    ("substring(null, 1)", None),
    # conversions
    ("toString(12)", "12"),
    ("toString(1.5)", "1.5"),
    ("toString(true)", "true"),
    ("toString(1.0)", "1.0"),
    ("toString(1e20)", "1.0E20"),
    ("toString(0.0001)", "1.0E-4"),
    ("toString('x')", "x"),
    ("toInteger('42')", 42),
    ("toInteger(3.9)", 3),
    ("toInteger(-3.9)", -3),
    ("toInteger('4.7')", 4),
    ("toInteger('x')", None),
    ("toInteger(true)", 1),
    ("toFloat('1.5')", 1.5),
    ("toFloat(2)", 2.0),
    ("toFloat('x')", None),
    ("toBoolean('TRUE')", True),
    ("toBoolean('no')", None),
    ("toBoolean(0)", False),
    ("toIntegerOrNull([1])", None),
    ("toStringOrNull({a: 1})", None),
    # maths
    ("abs(-3)", 3),
    ("abs(-2.5)", 2.5),
    ("round(2.5)", 3.0),
    ("round(-2.5)", -2.0),
    ("round(2.4)", 2.0),
    ("round(3.14159, 2)", 3.14),
    ("round(-1.555, 2)", -1.56),
    ("round(1.5, 0, 'HALF_EVEN')", 2.0),
    ("round(2.5, 0, 'HALF_EVEN')", 2.0),
    ("floor(2.7)", 2.0),
    ("ceil(2.1)", 3.0),
    ("floor(-2.5)", -3.0),
    ("sqrt(16)", 4.0),
    ("sign(-5)", -1),
    ("sign(0)", 0),
    ("sign(2.5)", 1),
    ("abs(null)", None),
    ("exp(0)", 1.0),
    ("log(1)", 0.0),
    ("log10(1000)", 3.0),
    ("pi() > 3.14", True),
    ("e() < 2.72", True),
    ("size(randomUUID())", 36),
    ("rand() < 1.0", True),
]

AGGREGATE_CASES = [
    ("UNWIND [1, 2, 3, 4] AS x RETURN stDev(x)", pytest.approx(math.sqrt(5 / 3))),
    ("UNWIND [1, 2, 3, 4] AS x RETURN stDevP(x)", pytest.approx(math.sqrt(1.25))),
    ("UNWIND [1, 2, 3, 4] AS x RETURN percentileCont(x, 0.5)", 2.5),
    ("UNWIND [1, 2, 3, 4] AS x RETURN percentileDisc(x, 0.5)", 2),
    ("UNWIND [1, 2.5, null] AS x RETURN sum(x)", 3.5),
    ("UNWIND ['b', 'a', 'c'] AS x RETURN min(x)", "a"),
    ("UNWIND ['b', 'a', 'c'] AS x RETURN max(x)", "c"),
    ("UNWIND [1, 1, 2, null] AS x RETURN count(DISTINCT x)", 2),
    ("UNWIND [1, 1.0, 2] AS x RETURN collect(DISTINCT x)", [1, 2]),
    ("UNWIND [1, 2, 3] AS x RETURN avg(x)", 2.0),
    ("UNWIND [[1], [1], [2]] AS x RETURN count(DISTINCT x)", 2),
]

UNWIND_CASES = [
    ("UNWIND [1, 2, 3] AS x RETURN x * 2 AS y", [[2], [4], [6]]),
    ("UNWIND [] AS x RETURN x", []),
    ("UNWIND null AS x RETURN x", []),
    ("UNWIND 5 AS x RETURN x", [[5]]),
    ("UNWIND [[1, 2], [3]] AS l UNWIND l AS x RETURN sum(x)", [[6]]),
    (
        "UNWIND [1, 'a', null, true, [1], 2.5, {k: 1}] AS x RETURN x ORDER BY x",
        [[{"k": 1}], [[1]], ["a"], [True], [1], [2.5], [None]],
    ),
    ("UNWIND [3, 1, 2] AS x WITH x ORDER BY x RETURN collect(x)", [[[1, 2, 3]]]),
    ("UNWIND [1, 2, 3, 4] AS x WITH x WHERE x % 2 = 0 RETURN x", [[2], [4]]),
    ("UNWIND [{a: 1}, {a: 1}, {a: 2}] AS m RETURN DISTINCT m", [[{"a": 1}], [{"a": 2}]]),
    (
        "UNWIND [1, 2] AS x UNWIND [10, 20] AS y RETURN x, y ORDER BY y DESC, x",
        [[1, 20], [2, 20], [1, 10], [2, 10]],
    ),
    (
        "UNWIND range(1, 10) AS x RETURN x % 3 AS k, count(*) AS n ORDER BY k",
        [[0, 3], [1, 4], [2, 3]],
    ),
    ("UNWIND [2, 1] AS x RETURN x ORDER BY -x", [[2], [1]]),
    ("WITH 2 AS x RETURN x, x * x AS sq", [[2, 4]]),
]

KEYWORD_QUERIES = [
    "match (p:Person) where p.age > 30 return p.name",
    "MaTcH (p:Person) WhErE p.age > 30 ReTuRn p.name;",
    "MATCH (p:Person) // people\nWHERE /* older */ p.age > 30\nRETURN p.name",
    "MATCH (p:`Person`) WHERE p.`age` > 30 RETURN p.name",
]

UNSUPPORTED_CASES = [
    ("CREATE (n:Person {name: 'x'})", "CREATE clause"),
    ("MERGE (n {a: 1}) RETURN n", "MERGE clause"),
    ("MATCH (n) SET n.x = 1", "SET clause"),
    ("MATCH (n) DELETE n", "DELETE clause"),
    ("MATCH (n) DETACH DELETE n", "DETACH DELETE clause"),
    ("MATCH (n) REMOVE n.x", "REMOVE clause"),
    ("LOAD CSV FROM 'file:///x.csv' AS line RETURN line", "LOAD CSV clause"),
    ("FOREACH (x IN [1] | CREATE ())", "FOREACH clause"),
    ("CALL db.labels()", "CALL procedures"),
    ("CALL db.labels() YIELD label RETURN label", "CALL procedures"),
    ("CALL { RETURN 1 AS x } RETURN x", "CALL subqueries"),
    ("USE neo4j MATCH (n) RETURN n", "USE clause"),
    ("SHOW INDEXES", "SHOW commands"),
    ("EXPLAIN MATCH (n) RETURN n", "EXPLAIN prefix"),
    ("PROFILE MATCH (n) RETURN n", "PROFILE prefix"),
    (
        "MATCH (a {name: 'Bob'}), (b {name: 'Kyiv'}) MATCH p = shortestPath((a)-[*]-(b)) RETURN p",
        "shortestPath()",
    ),
    (
        "MATCH (a {name: 'Bob'}), (b {name: 'Kyiv'}) "
        "MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p",
        "allShortestPaths()",
    ),
    (
        "MATCH (a {name: 'Bob'}), (b {name: 'Kyiv'}) RETURN shortestPath((a)-[*]-(b))",
        "shortestPath()",
    ),
    ("RETURN apoc.coll.sum([1, 2])", "function apoc.coll.sum()"),
    ("RETURN date()", "function date()"),
    ("MATCH (n) RETURN gds.util.asNode(1)", "function gds.util.asNode()"),
    ("MATCH (n) WHERE EXISTS { MATCH (n)-->() } RETURN n", "EXISTS subquery"),
    ("MATCH (n) RETURN COUNT { (n)-->() } AS c", "COUNT subquery"),
    ("MATCH (n) RETURN COLLECT { MATCH (n)-->(m) RETURN m } AS c", "COLLECT subquery"),
    ("MATCH (n) WHERE exists(n.name) RETURN n", "exists() on a property (use IS NOT NULL)"),
    ("MATCH (n:A|B) RETURN n", "label expressions (|, &, !, %)"),
    ("MATCH (n:A&B) RETURN n", "label expressions (|, &, !, %)"),
    ("MATCH (n:!A) RETURN n", "label expressions (|, &, !, %)"),
    ("MATCH (n) WHERE n:A|B RETURN n", "label expressions (|, &, !, %)"),
    ("MATCH ()-[r:!KNOWS]->() RETURN r", "relationship type expressions (&, !, %)"),
    ("MATCH ((a)-->(b)){1,3} RETURN a", "quantified path patterns"),
    ("MATCH (a)-->{1,3}(b) RETURN a", "quantified path patterns"),
    ("MATCH ANY SHORTEST (a)-->(b) RETURN a", "path selectors (ANY/ALL/SHORTEST k)"),
    ("MATCH (n) USING INDEX n:Person(name) WHERE n.name = 'x' RETURN n", "USING hints"),
    ("RETURN 1 IS :: INTEGER", "type predicate expressions (IS :: TYPE)"),
    (
        "MATCH (a {x: 1}), (b {y: a.x}) RETURN b",
        "pattern property maps or inline WHERE referring to other variables of the same pattern",
    ),
]

SYNTAX_ERROR_CASES = [
    "MATCH (n RETURN n",
    "MATCH (n) RETURN",
    "RETURN 1 +",
    "MATC (n) RETURN n",
    "MATCH (n)",
    "MATCH (n) WITH n",
    "RETURN 'unterminated",
    "RETURN `unterminated",
    "RETURN x",
    "MATCH (n) WITH n.name RETURN n",
    "MATCH (n) WITH n.name AS name RETURN n",
    "MATCH (n) WHERE count(n) > 1 RETURN n",
    "RETURN 1 AS a UNION RETURN 2 AS b",
    "RETURN 1 AS a UNION RETURN 1 AS a UNION ALL RETURN 1 AS a",
    "RETURN 1 AS a, 2 AS a",
    "RETURN count(count(*))",
    "MATCH (n) RETURN DISTINCT n.name ORDER BY n.age",
    "MATCH (n) RETURN n.name, count(*) ORDER BY n.age",
    "MATCH (n) RETURN n.name ORDER BY count(*)",
    "RETURN toLower()",
    "RETURN toLower('a', 'b')",
    "RETURN toLower(DISTINCT 'a')",
    "MATCH (a)-[r*]->(b)-[r]->(c) RETURN a",
    "MATCH (a)-[r:KNOWS|:WORKS_AT]->(b) RETURN a",
    "MATCH (a)-[:KNOWS|:WORKS_AT*]->(b) RETURN a",
    "RETURN 1 != 2",
    "RETURN '\\u12'",
    "WITH 1 AS a MATCH (a)-->() RETURN a",
    "MATCH (n:Person) WITH n MATCH ()-[n]->() RETURN n",
    "MATCH (n:Nothing) WITH 1 AS a MATCH (a)-->() RETURN a",
    "MATCH (a)-[r]->(b) WITH r AS a MATCH (a)-->() RETURN a",
    "/* unterminated comment",
    "RETURN 1 RETURN 2",
    "MATCH (a $props) RETURN a",
    "MATCH (a) WHERE (a)-->(b) RETURN a",
    "RETURN *",
    "UNWIND [1] AS x UNWIND [2] AS x RETURN x",
    "MATCH p = (a)-->(b) MATCH p = (c) RETURN p",
    "MATCH (a)-[r*1..2 WHERE r.x = 1]->(b) RETURN a",
    "RETURN 9223372036854775808",
    "RETURN 12abc",
    "RETURN [1, 2",
    "RETURN {a 1}",
    "RETURN CASE END",
    "RETURN 1 LIMIT x",
    "MATCH (n) RETURN n SKIP n.x",
    "RETURN any(x IN [1])",
    "",
    "// only a comment",
    "RETURN 1;;",
    "MATCH (n) RETURN n ORDER",
    "RETURN #",
    "RETURN 1²",
    "MATCH (n) RETURN n {zz}",
]

RUNTIME_ERROR_CASES = [
    ("RETURN $missing", {}, "Expected parameter"),
    ("RETURN 1 / 0", {}, "/ by zero"),
    ("RETURN 1 % 0", {}, "/ by zero"),
    ("RETURN 'a' - 1", {}, "Type mismatch"),
    ("RETURN 9223372036854775807 + 1", {}, "overflow"),
    ("MATCH (n:Person) WHERE n.name RETURN n", {}, "Type mismatch"),
    ("RETURN 1 LIMIT -1", {}, "LIMIT"),
    ("RETURN 1 SKIP $s", {"s": 1.5}, "SKIP"),
    ("RETURN range(1, 5, 0)", {}, "step"),
    ("RETURN 'abc' =~ '('", {}, "regular expression"),
    ("RETURN toUpper(1)", {}, "Type mismatch"),
    ("RETURN 1 IN 1", {}, "Type mismatch"),
    ("RETURN 1.prop", {}, "Type mismatch"),
    ("MATCH (p:Person) RETURN sum(p.name)", {}, "Type mismatch"),
    ("RETURN 'x' + true", {}, "Type mismatch"),
]

COLUMN_CASES = [
    (
        "MATCH (p:Person) RETURN p.name, count( * ), p.age+1 AS next",
        ["p.name", "count( * )", "next"],
    ),
    (
        "MATCH (`weird var`:Person {name: 'Bob'}) RETURN `weird var`.name AS `the name`",
        ["the name"],
    ),
    ("MATCH (`weird var`:Person {name: 'Bob'}) RETURN `weird var`", ["weird var"]),
    ("RETURN 1 AS x UNION RETURN 2 AS x", ["x"]),
    ("MATCH (n:Nothing) RETURN *", ["n"]),
]


# Edge cases added when the tables first ran on Neo4j 5.26: each value is Neo4j's answer.
NEO4J_CHECKED_CASES = [
    (
        "people",
        "MATCH (p:Person) RETURN p.name ORDER BY p.age SKIP 1 LIMIT 2",
        [["Alice"], ["Carol"]],
    ),
    ("empty", "RETURN toString(0.1 + 0.2) AS v", [["0.30000000000000004"]]),
    ("empty", "RETURN 0.1 + 0.2 AS v", [[0.30000000000000004]]),
    (
        "empty",
        "RETURN toString(1e-5), toString(123456789.0), toString(1.0e16), toString(-0.0)",
        [["1.0E-5", "1.23456789E8", "1.0E16", "-0.0"]],
    ),
    ("empty", "RETURN 1e308 * 10, -1e308 * 10", [[math.inf, -math.inf]]),
    ("empty", "RETURN {a: 1}[null]", [[None]]),
    ("empty", "RETURN split(null, ',')", [[None]]),
    ("empty", "RETURN substring('hello', 10)", [[""]]),
    ("empty", "RETURN left('hi', null)", [[None]]),
    ("empty", "RETURN 9223372036854775807 * -1 - 1", [[-9223372036854775808]]),
    ("empty", "RETURN 5 % -3, -5 % 3, 5.5 % -2", [[2, -2, 1.5]]),
    ("empty", "RETURN 2 ^ 0.5, 0 ^ 0, (-8) ^ (1.0/3)", [[1.4142135623730951, 1.0, math.nan]]),
    (
        "empty",
        "RETURN toInteger('0x1F'), toInteger(' 42 '), toFloat(' 1.5 '), toInteger('1e3')",
        [[None, None, 1.5, 1000]],
    ),
    ("empty", "RETURN toBoolean('true '), toBoolean(1), toBoolean(2)", [[True, True, True]]),
    ("empty", "RETURN trim('\\t a \\n'), ltrim('\\n a')", [["a", "a"]]),
    ("empty", "RETURN reverse(null), reverse([])", [[None, []]]),
    ("empty", "RETURN size(' '), toUpper('ß'), toLower('İ')", [[1, "SS", "i̇"]]),
    ("empty", "RETURN [x IN [3,1,2] | x][1..-1]", [[[1]]]),
    ("empty", "RETURN range(0, 5, 2), range(5, 0, -2), range(1, 1)", [[[0, 2, 4], [5, 3, 1], [1]]]),
    (
        "empty",
        "UNWIND [1, null, 3] AS x RETURN avg(x), sum(x), count(x), collect(x), min(x), max(x)",
        [[2.0, 4, 2, [1, 3], 1, 3]],
    ),
    ("empty", "UNWIND [1, 'a', 2.5] AS x RETURN min(x), max(x)", [["a", 2.5]]),
    ("empty", "UNWIND [[1, 2], [1], [1, 2, 0]] AS x RETURN min(x), max(x)", [[[1], [1, 2, 0]]]),
    ("empty", "UNWIND [true, false] AS x RETURN min(x), max(x)", [[False, True]]),
    (
        "empty",
        "UNWIND [1, 2] AS x RETURN percentileCont(x, 0.25), percentileDisc(x, 0.25), stDev(x)",
        [[1.25, 1, 0.7071067811865476]],
    ),
    (
        "empty",
        "UNWIND [] AS x RETURN stDev(x), percentileCont(x, 0.5), avg(x)",
        [[None, None, None]],
    ),
    (
        "empty",
        "RETURN 1 = 1.0, 1 = true, 'a' = 'a ', [1] = [1.0], {a: 1} = {a: 1.0}",
        [[True, False, False, True, True]],
    ),
    (
        "empty",
        "RETURN null < 1, [null] < [1], [1, null] < [2, 0], 'a' < 1",
        [[None, None, True, None]],
    ),
    ("empty", "RETURN 1 < 2 < 3 < 2", [[False]]),
    (
        "people",
        "MATCH (p:Person) RETURN p.name ORDER BY p.tags, p.name",
        [["Alice"], ["Bob"], ["Carol"], ["Dave"]],
    ),
    (
        "people",
        "MATCH (p:Person) WITH p.city AS c, count(*) AS n RETURN c, n ORDER BY n, c",
        [["Kyiv", 1], ["Paris", 1], ["London", 2]],
    ),
    (
        "people",
        "MATCH (a:Person) OPTIONAL MATCH (a)-[:KNOWS]->(b) WITH a, collect(b.name) AS bs "
        "RETURN a.name, size(bs) ORDER BY a.name",
        [["Alice", 2], ["Bob", 1], ["Carol", 0], ["Dave", 0]],
    ),
    (
        "people",
        "MATCH (a:Person) RETURN a.name, [(a)-[:WORKS_AT]->(o) | o.name][0] AS org ORDER BY a.name",
        [["Alice", "Acme"], ["Bob", "Acme"], ["Carol", "Globex"], ["Dave", None]],
    ),
    (
        "people",
        "MATCH p = (a:Person {name: 'Dave'})-[:MET*2]-(b) RETURN length(p), b.name",
        [[2, "Dave"], [2, "Dave"]],
    ),
    ("people", "MATCH (a {name: 'Alice'})-[*2]-(b) RETURN count(*)", [[8]]),
    ("people", "MATCH (a {name: 'Alice'})-[*0..0]-(b) RETURN b.name", [["Alice"]]),
    ("people", "MATCH (a)-[r:MET]->(b) WITH DISTINCT a, b RETURN count(*)", [[1]]),
    (
        "people",
        "MATCH (a)-[r]->(b) RETURN type(r), count(*) ORDER BY type(r)",
        [["KNOWS", 3], ["LOCATED_IN", 1], ["MET", 2], ["WORKS_AT", 3]],
    ),
    (
        "people",
        "MATCH (n) RETURN labels(n) AS l, count(*) AS c ORDER BY c DESC, l",
        [[["Person"], 3], [["Organization"], 2], [["Person", "Journalist"], 1], [["Place"], 1]],
    ),
    (
        "people",
        "MATCH (n:Person) RETURN n.name, n.age ORDER BY n.age IS NULL, n.age DESC",
        [["Carol", 35], ["Alice", 30], ["Bob", 25], ["Dave", None]],
    ),
    (
        "people",
        "MATCH (n:Person) WHERE n.age IN [25, 35] OR n.name IS NULL RETURN n.name ORDER BY n.name",
        [["Bob"], ["Carol"]],
    ),
    ("people", "MATCH (n:Person) RETURN DISTINCT n.city IS NULL", [[False]]),
    ("people", "MATCH (n:Person) WITH n SKIP 1 LIMIT 2 RETURN count(*)", [[2]]),
    (
        "people",
        "MATCH (n:Person) RETURN n.name AS name ORDER BY name DESC SKIP 1",
        [["Carol"], ["Bob"], ["Alice"]],
    ),
    ("people", "MATCH (n) WHERE n.name STARTS WITH null RETURN count(*)", [[0]]),
    (
        "people",
        "MATCH (n:Person) RETURN n.name, CASE WHEN n.age > 28 THEN 'old' "
        "WHEN n.age IS NULL THEN 'unknown' ELSE 'young' END AS g ORDER BY n.name",
        [["Alice", "old"], ["Bob", "young"], ["Carol", "old"], ["Dave", "unknown"]],
    ),
    (
        "people",
        "MATCH (a:Person {name: 'Alice'}), (b:Person {name: 'Bob'}) RETURN a = b, a <> b, a = a",
        [[False, True, True]],
    ),
    (
        "people",
        "MATCH (a:Person {name: 'Alice'})-[r]->(b) RETURN r.since + 1 AS s ORDER BY s",
        [[2011], [2021], [None]],
    ),
    (
        "people",
        "MATCH (a:Person) RETURN a.name + ' ' + a.age AS s ORDER BY s",
        [["Alice 30"], ["Bob 25"], ["Carol 35"], [None]],
    ),
    (
        "people",
        "MATCH (a:Person) RETURN max(a.name), min(a.city), sum(a.age) / count(a.age)",
        [["Dave", "Kyiv", 30]],
    ),
    ("empty", "RETURN [1, 2, 3] + [4] = [1, 2, 3, 4]", [[True]]),
    ("empty", "RETURN {a: 1, b: null}, keys({a: 1, b: null})", [[{"a": 1, "b": None}, ["a", "b"]]]),
    ("empty", "RETURN last([]), head(null), tail(null)", [[None, None, None]]),
    (
        "empty",
        "RETURN 'abc' CONTAINS '', '' STARTS WITH '', 'abc' ENDS WITH 'abc'",
        [[True, True, True]],
    ),
    ("empty", "RETURN '%' =~ '%', 'a\\nb' =~ 'a.b', 'AB' =~ 'ab'", [[True, False, False]]),
    ("empty", "UNWIND [null] AS x RETURN stDev(x), stDevP(x)", [[None, None]]),
    ("empty", "UNWIND [1] AS x RETURN stDev(x), stDevP(x)", [[0.0, 0.0]]),
    ("empty", "UNWIND [] AS x RETURN stDevP(x)", [[None]]),
    (
        "empty",
        "RETURN left('hi', null), right('hi', null), left(null, null), substring('hi', null), "
        "substring('hi', 1, null)",
        [[None, None, None, None, None]],
    ),
    (
        "empty",
        "RETURN toInteger(' 42'), toInteger('42 '), toFloat(' 1'), toInteger('4.7 ')",
        [[None, None, 1.0, None]],
    ),
]
NEO4J_CHECKED_ERRORS = [
    ("RETURN [1, 2, 3][1.5]", {}, "Type mismatch"),
    ("RETURN 'abc'[1]", {}, "Type mismatch"),
    ("RETURN size({a: 1})", {}, "Type mismatch"),
    ("RETURN left('hi', -1)", {}, "non-negative"),
]


def _function_query(expression: str) -> str:
    return f"MATCH (b:Person {{name: 'Bob'}})-[r:WORKS_AT]->() RETURN {expression} AS v"


_ACME = Node("acme", ("Organization",), {"name": "Acme", "founded": 1990})
_KYIV = Node("kyiv", ("Place",), {"name": "Kyiv"})
_LOCATED = Relationship("acme|0|kyiv", "LOCATED_IN", "acme", "kyiv", {})
_BOB = Node("bob", ("Person",), {"name": "Bob", "age": 25, "city": "Paris"})
_BOB_AT_ACME = Relationship("bob|0|acme", "WORKS_AT", "bob", "acme", {"role": "Engineer"})

# Cases beyond the tables above: graph elements as values, columns, kgraph's query shapes.
MORE_CASES = [
    Case(
        "people",
        "MATCH p = (o:Organization {name: 'Acme'})-[r:LOCATED_IN]->(x) RETURN o, r, p",
        rows=[[_ACME, _LOCATED, Path((_ACME, _KYIV), (_LOCATED,))]],
        columns=["o", "r", "p"],
    ),
    # A path walked against the relationship's direction keeps the stored direction.
    Case(
        "people",
        "MATCH p = (:Place)<-[:LOCATED_IN]-(:Organization) RETURN p",
        rows=[[Path((_KYIV, _ACME), (_LOCATED,))]],
    ),
    # RETURN * gives the columns sorted by name.
    Case(
        "people",
        "MATCH (b {name: 'Bob'})-[r:WORKS_AT]->(a) RETURN *",
        rows=[[_ACME, _BOB, _BOB_AT_ACME]],
        columns=["a", "b", "r"],
    ),
    Case("empty", "RETURN 0.0 / 0.0, sqrt(-1)", rows=[[math.nan, math.nan]]),
    Case(
        "chain",
        "MATCH p = (a {i: 0})-[:NEXT*2]->(b) "
        "RETURN length(p), [n IN nodes(p) | n.i], size(relationships(p))",
        rows=[[2, [0, 1, 2], 2]],
    ),
    Case(
        "chain",
        "MATCH p = (a {i: 0})-[:NEXT*2]->(b) RETURN size(rels(p))",
        error="unsupported",
        message="function rels()",
    ),
    Case(
        "news",
        """
        // Everything within two steps of an entity, following facts in either direction.
        MATCH (e:Entity {name: $name})-[rels*1..2]-(other:Entity)
        WHERE other <> e
          AND all(r IN rels WHERE NOT type(r) IN ['MENTIONS', 'SUBJECT', 'OBJECT', 'SUPPORTED_BY'])
        RETURN DISTINCT other.name AS entity, other.type AS type
        ORDER BY entity
        """,
        {"name": "Kim Jong Un"},
        rows=[["Russia", "Place"], ["Vladimir Putin", "Person"]],
        columns=["entity", "type"],
    ),
    Case(
        "news",
        """
        MATCH (e:Entity {name: $name})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(other:Entity)
        WHERE other <> e
        RETURN other.name AS entity, other.type AS type, count(DISTINCT a) AS articles
        ORDER BY articles DESC, entity
        LIMIT 20
        """,
        {"name": "Kim Jong Un"},
        rows=[["Vladimir Putin", "Person", 2], ["Russia", "Place", 1]],
    ),
    # Neo4j type-checks expressions before running, so it refuses this query; the engine
    # checks the types of expressions per row, and finds no row to fail on.
    Case(
        "people",
        "MATCH (n:Nothing) RETURN toUpper(1)",
        rows=[],
        engine_only="Neo4j refuses the type error before running (no rows here)",
    ),
    Case(
        "people",
        "MATCH (n:Nothing) RETURN levenshtein(n.name, 'x')",
        error="unsupported",
        message="function levenshtein()",
    ),
]

_IDS = {
    "MATCH (n) WHERE elementId(n) = $id RETURN n.name": "node",
    _function_query("id(b)"): "node",
    _function_query("elementId(b)"): "node",
    _function_query("id(r)"): "rel",
}
_ENGINE_ONLY = {
    "MATCH (n) WHERE id(n) = 'bob' RETURN n.name": "the engine's ids are the graph's node "
    "keys (strings); Neo4j's id() is a number",
}


# Lists whose order Neo4j leaves open: a pattern comprehension follows the store's
# adjacency order, keys() the property store's.
_OPEN_LIST_ORDER = {
    "MATCH (p:Person {name: 'Alice'}) RETURN [(p)-[:KNOWS]->(f) | f.name] AS friends",
    _function_query("keys(b)"),
}


def _case(graph: str, query: str, params: dict[str, Any], rows: list[list[Any]]) -> Case:
    return Case(
        graph,
        query,
        params,
        rows,
        ids=_IDS.get(query),
        engine_only=_ENGINE_ONLY.get(query),
        open_list_order=query in _OPEN_LIST_ORDER,
    )


RESULT_CASES: list[Case] = [
    *(_case("people", q, p, rows) for q, p, rows in PEOPLE_CASES),
    *(_case("chain", q, {}, rows) for q, rows in CHAIN_CASES),
    *(_case("people", q, {}, rows) for q, rows in UNION_CASES),
    *(_case("empty", f"RETURN {e} AS v", {}, [[v]]) for e, v in EXPRESSION_CASES),
    *(_case("people", _function_query(e), {}, [[v]]) for e, v in FUNCTION_CASES),
    *(_case("empty", q, {}, [[v]]) for q, v in AGGREGATE_CASES),
    *(_case("empty", q, {}, rows) for q, rows in UNWIND_CASES),
    *(_case("people", q, {}, [["Carol"]]) for q in KEYWORD_QUERIES),
    *(_case(graph, q, {}, rows) for graph, q, rows in NEO4J_CHECKED_CASES),
    *(Case("people", q, columns=columns) for q, columns in COLUMN_CASES),
    *(c for c in MORE_CASES if c.error is None),
]
"""Queries that run: their rows (and columns where given)."""

ERROR_CASES: list[Case] = [
    *(Case("people", q, error="unsupported", message=c) for q, c in UNSUPPORTED_CASES),
    *(Case("people", q, error="syntax") for q in SYNTAX_ERROR_CASES),
    *(
        Case("people", q, p, error="runtime", message=m)
        for q, p, m in RUNTIME_ERROR_CASES + NEO4J_CHECKED_ERRORS
    ),
    *(c for c in MORE_CASES if c.error is not None),
]
"""Queries that must fail, with the kind of failure."""


# ---------------------------------------------------------------------------------------
# Comparing values: exact, types included (1 is not 1.0 nor true), NaN equal to NaN.
# ---------------------------------------------------------------------------------------
def same(actual: Any, expected: Any, open_order: bool = False) -> bool:
    """Whether ``actual`` is ``expected``: same types and values, recursively (lists in
    any order with ``open_order``)."""
    if isinstance(expected, type(pytest.approx(0))):
        return isinstance(actual, float) and bool(expected == actual)
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, float):
        if type(actual) is not float:
            return False
        return (math.isnan(actual) and math.isnan(expected)) or actual == expected
    if isinstance(expected, int):
        return type(actual) is int and actual == expected
    if isinstance(expected, list | tuple):
        if not isinstance(actual, list | tuple) or len(actual) != len(expected):
            return False
        if open_order:
            return _same_multiset(actual, expected, open_order)
        return all(same(a, e) for a, e in zip(actual, expected, strict=True))
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(same(actual[k], v, open_order) for k, v in expected.items())
        )
    if isinstance(expected, Node):
        return (
            isinstance(actual, Node)
            and actual.id == expected.id
            and sorted(actual.labels) == sorted(expected.labels)
            and same(actual.properties, expected.properties)
        )
    if isinstance(expected, Relationship):
        return (
            isinstance(actual, Relationship)
            and (actual.id, actual.type, actual.start, actual.end)
            == (expected.id, expected.type, expected.start, expected.end)
            and same(actual.properties, expected.properties)
        )
    if isinstance(expected, Path):
        return (
            isinstance(actual, Path)
            and same(actual.nodes, expected.nodes)
            and same(actual.relationships, expected.relationships)
        )
    return type(actual) is type(expected) and bool(actual == expected)


def _same_multiset(actual: Sequence[Any], expected: Sequence[Any], open_order: bool) -> bool:
    left = list(actual)
    for item in expected:
        match = next((i for i, a in enumerate(left) if same(a, item, open_order)), None)
        if match is None:
            return False
        del left[match]
    return not left


def same_rows(
    actual: Sequence[Sequence[Any]], expected: Sequence[Sequence[Any]], case: Case
) -> bool:
    """Whether the rows are the ``case``'s: in order where its query orders them, else as a
    multiset."""

    def same_row(a: Sequence[Any], e: Sequence[Any]) -> bool:
        return len(a) == len(e) and all(
            same(x, y, case.open_list_order) for x, y in zip(a, e, strict=True)
        )

    if len(actual) != len(expected):
        return False
    if case.ordered:
        return all(same_row(a, e) for a, e in zip(actual, expected, strict=True))
    left = list(actual)
    for row in expected:
        match = next((i for i, a in enumerate(left) if same_row(a, row)), None)
        if match is None:
            return False
        del left[match]
    return True

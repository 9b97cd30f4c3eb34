"""Tests for the embedded Cypher engine (``kgraph.cypher_engine``).

Expected results follow Neo4j 5 semantics.  Where Neo4j leaves row order unspecified the
queries use ORDER BY, so each expectation is exact.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pytest

from kgraph.cypher_engine import ast, execute, is_write_query, parse
from kgraph.errors import CypherSyntaxError, QueryError, UnsupportedCypherError
from kgraph.models import NodeValue, PathValue, QueryResult, RelationshipValue


def _node(graph: nx.MultiDiGraph, node_id: str, *labels: str, **props: Any) -> None:
    graph.add_node(node_id, labels=labels, props=props)


def _rel(graph: nx.MultiDiGraph, start: str, end: str, rel_type: str, **props: Any) -> None:
    graph.add_edge(start, end, type=rel_type, props=props)


@pytest.fixture(scope="module")
def people() -> nx.MultiDiGraph:
    """Four people, two organisations, a place; Dave has no age and met Alice twice."""
    g = nx.MultiDiGraph()
    _node(g, "alice", "Person", name="Alice", age=30, city="London", tags=["a", "b"])
    _node(g, "bob", "Person", name="Bob", age=25, city="Paris")
    _node(g, "carol", "Person", name="Carol", age=35, city="London")
    _node(g, "dave", "Person", "Journalist", name="Dave", city="Kyiv")
    _node(g, "acme", "Organization", name="Acme", founded=1990)
    _node(g, "globex", "Organization", name="Globex")
    _node(g, "kyiv", "Place", name="Kyiv")
    _rel(g, "alice", "bob", "KNOWS", since=2010)
    _rel(g, "bob", "carol", "KNOWS", since=2015)
    _rel(g, "alice", "carol", "KNOWS", since=2020)
    _rel(g, "alice", "acme", "WORKS_AT", role="CEO")
    _rel(g, "bob", "acme", "WORKS_AT", role="Engineer")
    _rel(g, "carol", "globex", "WORKS_AT", role="Engineer")
    _rel(g, "dave", "alice", "MET", year=2021)
    _rel(g, "dave", "alice", "MET", year=2022)
    _rel(g, "acme", "kyiv", "LOCATED_IN")
    return g


@pytest.fixture(scope="module")
def chain() -> nx.MultiDiGraph:
    """n0->n1->n2->n3->n4 (NEXT, w=1,1,2,2), a shortcut n0-SKIP->n2, a 3-cycle, a self-loop."""
    g = nx.MultiDiGraph()
    for i in range(5):
        _node(g, f"n{i}", "Step", i=i)
    for i, weight in enumerate([1, 1, 2, 2]):
        _rel(g, f"n{i}", f"n{i + 1}", "NEXT", w=weight)
    _rel(g, "n0", "n2", "SKIP")
    for name in ("c0", "c1", "c2"):
        _node(g, name, "Ring", name=name)
    _rel(g, "c0", "c1", "LOOP")
    _rel(g, "c1", "c2", "LOOP")
    _rel(g, "c2", "c0", "LOOP")
    _node(g, "s", "Solo", name="s")
    _rel(g, "s", "s", "SELF")
    return g


@pytest.fixture(scope="module")
def empty() -> nx.MultiDiGraph:
    return nx.MultiDiGraph()


def run(graph: nx.MultiDiGraph, query: str, **params: Any) -> list[list[Any]]:
    return execute(graph, query, params).rows


# ---------------------------------------------------------------------------------------
# MATCH, WHERE, OPTIONAL MATCH, WITH, UNWIND, ORDER BY, aggregation on the people graph
# ---------------------------------------------------------------------------------------
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
    ("MATCH (p {name: 'Alice'})-[r:KNOWS|:WORKS_AT]->(x) RETURN count(r)", {}, [[3]]),
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
                NodeValue(
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


@pytest.mark.parametrize(("query", "params", "expected"), PEOPLE_CASES)
def test_people_graph(
    people: nx.MultiDiGraph, query: str, params: dict[str, Any], expected: list[list[Any]]
) -> None:
    assert run(people, query, **params) == expected


# ---------------------------------------------------------------------------------------
# Variable-length paths, uniqueness, paths
# ---------------------------------------------------------------------------------------
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


@pytest.mark.parametrize(("query", "expected"), CHAIN_CASES)
def test_variable_length_and_paths(
    chain: nx.MultiDiGraph, query: str, expected: list[list[Any]]
) -> None:
    assert run(chain, query) == expected


def test_nodes_relationships_and_paths_are_result_values(people: nx.MultiDiGraph) -> None:
    result = execute(
        people, "MATCH p = (o:Organization {name: 'Acme'})-[r:LOCATED_IN]->(x) RETURN o, r, p"
    )
    acme = NodeValue("acme", ("Organization",), {"name": "Acme", "founded": 1990})
    kyiv = NodeValue("kyiv", ("Place",), {"name": "Kyiv"})
    rel = RelationshipValue("acme|0|kyiv", "LOCATED_IN", "acme", "kyiv", {})
    assert result == QueryResult(["o", "r", "p"], [[acme, rel, PathValue((acme, kyiv), (rel,))]])


def test_path_against_relationship_direction_keeps_stored_direction(
    people: nx.MultiDiGraph,
) -> None:
    [[path]] = run(people, "MATCH p = (:Place)<-[:LOCATED_IN]-(:Organization) RETURN p")
    assert [n.id for n in path.nodes] == ["kyiv", "acme"]
    assert (path.relationships[0].start, path.relationships[0].end) == ("acme", "kyiv")


def test_result_values_are_copies(people: nx.MultiDiGraph) -> None:
    [[node, tags]] = run(people, "MATCH (p {name: 'Alice'}) RETURN p, p.tags")
    node.properties["tags"].append("mutated")
    tags.append("mutated")
    assert people.nodes["alice"]["props"]["tags"] == ["a", "b"]


def test_return_star_columns_are_sorted(people: nx.MultiDiGraph) -> None:
    result = execute(people, "MATCH (b {name: 'Bob'})-[r:WORKS_AT]->(a) RETURN *")
    assert result.columns == ["a", "b", "r"]
    assert [v.id for v in result.rows[0]] == ["acme", "bob", "bob|0|acme"]


@pytest.mark.parametrize(
    ("query", "columns"),
    [
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
    ],
)
def test_column_names(people: nx.MultiDiGraph, query: str, columns: list[str]) -> None:
    assert execute(people, query).columns == columns


# ---------------------------------------------------------------------------------------
# UNION
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
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
    ],
)
def test_union(people: nx.MultiDiGraph, query: str, expected: list[list[Any]]) -> None:
    assert run(people, query) == expected


# ---------------------------------------------------------------------------------------
# Expressions and operators (no graph needed)
# ---------------------------------------------------------------------------------------
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
    ("1 != 2", True),
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
    ("TRUE", True),
    ("Null", None),
    # comments inside expressions
    ("1 /* one */ + // two\n 2", 3),
]


@pytest.mark.parametrize(("expression", "expected"), EXPRESSION_CASES)
def test_expressions(empty: nx.MultiDiGraph, expression: str, expected: Any) -> None:
    assert run(empty, f"RETURN {expression} AS v") == [[expected]]


def test_nan_results(empty: nx.MultiDiGraph) -> None:
    [[nan, root]] = run(empty, "RETURN 0.0 / 0.0, sqrt(-1)")
    assert math.isnan(nan) and math.isnan(root)


# ---------------------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------------------
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


@pytest.mark.parametrize(("expression", "expected"), FUNCTION_CASES)
def test_functions(people: nx.MultiDiGraph, expression: str, expected: Any) -> None:
    query = f"MATCH (b:Person {{name: 'Bob'}})-[r:WORKS_AT]->() RETURN {expression} AS v"
    assert run(people, query) == [[expected]]


def test_path_functions(chain: nx.MultiDiGraph) -> None:
    query = (
        "MATCH p = (a {i: 0})-[:NEXT*2]->(b) "
        "RETURN length(p), [n IN nodes(p) | n.i], size(relationships(p)), size(rels(p))"
    )
    assert run(chain, query) == [[2, [0, 1, 2], 2, 2]]


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


@pytest.mark.parametrize(("query", "expected"), AGGREGATE_CASES)
def test_aggregates(empty: nx.MultiDiGraph, query: str, expected: Any) -> None:
    assert run(empty, query) == [[expected]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
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
    ],
)
def test_unwind_and_pipeline(empty: nx.MultiDiGraph, query: str, expected: list[list[Any]]) -> None:
    assert run(empty, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "match (p:Person) where p.age > 30 return p.name",
        "MaTcH (p:Person) WhErE p.age > 30 ReTuRn p.name;",
        "MATCH (p:Person) // people\nWHERE /* older */ p.age > 30\nRETURN p.name",
        "MATCH (p:`Person`) WHERE p.`age` > 30 RETURN p.name",
    ],
)
def test_keywords_comments_and_backticks(people: nx.MultiDiGraph, query: str) -> None:
    assert run(people, query) == [["Carol"]]


# ---------------------------------------------------------------------------------------
# Unsupported constructs, syntax errors, runtime errors
# ---------------------------------------------------------------------------------------
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
    ("MATCH p = shortestPath((a)-[*]-(b)) RETURN p", "shortestPath()"),
    ("MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p", "allShortestPaths()"),
    ("MATCH (a), (b) RETURN shortestPath((a)-[*]-(b))", "shortestPath()"),
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


@pytest.mark.parametrize(("query", "construct"), UNSUPPORTED_CASES)
def test_unsupported_constructs_raise(people: nx.MultiDiGraph, query: str, construct: str) -> None:
    with pytest.raises(UnsupportedCypherError) as raised:
        execute(people, query)
    assert raised.value.construct == construct


def test_unsupported_error_is_raised_by_parse_too() -> None:
    with pytest.raises(UnsupportedCypherError, match="MERGE clause"):
        parse("MERGE (n) RETURN n")


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
    "MATCH (a)-[r]->(b)-[r]->(c) RETURN a",
    "MATCH (a)-[r]->(b), (c)-[r]->(d) RETURN a",
    "RETURN '\\q'",
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


@pytest.mark.parametrize("query", SYNTAX_ERROR_CASES)
def test_syntax_errors(people: nx.MultiDiGraph, query: str) -> None:
    with pytest.raises(CypherSyntaxError):
        execute(people, query)


def test_syntax_error_names_token_and_position() -> None:
    with pytest.raises(CypherSyntaxError) as raised:
        parse("MATCH (n)\nRETURN n.name AS")
    message = str(raised.value)
    assert "line 2, column" in message and "expected an alias" in message and "\n" not in message
    with pytest.raises(
        CypherSyntaxError, match=r"Invalid input 'FROM' \(line 1, column 11\)|'FROM'"
    ):
        parse("MATCH (n) FROM x RETURN n")


def test_undefined_variable_message() -> None:
    with pytest.raises(CypherSyntaxError, match="Variable `m` not defined"):
        parse("MATCH (n) RETURN m")


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
    ("WITH 1 AS a MATCH (a)-->() RETURN a", {}, "Type mismatch"),
    ("RETURN 1.prop", {}, "Type mismatch"),
    ("MATCH (p:Person) RETURN sum(p.name)", {}, "Type mismatch"),
    ("RETURN 'x' + true", {}, "Type mismatch"),
    ("MATCH (n:Person) WITH n MATCH ()-[n]->() RETURN n", {}, "Type mismatch"),
]


@pytest.mark.parametrize(("query", "params", "message"), RUNTIME_ERROR_CASES)
def test_runtime_errors(
    people: nx.MultiDiGraph, query: str, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        execute(people, query, params)


def test_unknown_function_never_yields_a_partial_result(people: nx.MultiDiGraph) -> None:
    # Even when no row would reach the call, the query is refused.
    with pytest.raises(UnsupportedCypherError, match=r"function levenshtein\(\)"):
        execute(people, "MATCH (n:Nothing) RETURN levenshtein(n.name, 'x')")


# ---------------------------------------------------------------------------------------
# is_write_query
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CREATE (n)", True),
        ("match (n) set n.x = 1", True),
        ("MATCH (n) DETACH DELETE n", True),
        ("MATCH (n) DELETE n", True),
        ("MERGE (n:X {id: 1})", True),
        ("MATCH (n) REMOVE n:Label", True),
        ("LOAD CSV FROM 'f.csv' AS l RETURN l", True),
        ("FOREACH (x IN [1] | CREATE ())", True),
        ("CREATE INDEX FOR (n:Person) ON (n.name)", True),
        ("MATCH (n) RETURN n", False),
        ("MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n", False),
        ("// CREATE (n)\nMATCH (n) RETURN n", False),
        ("/* MERGE */ MATCH (n) RETURN n", False),
        ("MATCH (n:Set) RETURN n.delete", False),
        ("RETURN {create: 1, merge: 2} AS m", False),
        ("MATCH (n) RETURN n AS `set`", False),
        ("MATCH (n) RETURN n.name AS set", False),
        ("MATCH ()-[:CREATE]->() RETURN 1", False),
        ("MATCH (n) WHERE n.load = 1 RETURN n", False),
        ("RETURN 'unterminated CREATE", True),
    ],
)
def test_is_write_query(query: str, expected: bool) -> None:
    assert is_write_query(query) is expected


# ---------------------------------------------------------------------------------------
# parse(): the syntax tree
# ---------------------------------------------------------------------------------------
def test_parse_builds_typed_pattern_tree() -> None:
    query = parse("MATCH p = (a:Person {name: $n})-[r:KNOWS|LIKES*1..3]->(b) RETURN b")
    match = query.parts[0].clauses[0]
    assert isinstance(match, ast.Match) and not match.optional
    part = match.pattern[0]
    assert part.variable == "p"
    assert part.nodes[0] == ast.NodePattern("a", ("Person",), (("name", ast.Parameter("n")),))
    rel = part.rels[0]
    assert (rel.variable, rel.types, rel.direction) == ("r", ("KNOWS", "LIKES"), "out")
    assert rel.length == ast.VarLength(1, 3)


@pytest.mark.parametrize(
    ("text", "length", "direction"),
    [
        ("(a)-[*]-(b)", ast.VarLength(1, None), "both"),
        ("(a)<-[*2]-(b)", ast.VarLength(2, 2), "in"),
        ("(a)-[*..4]->(b)", ast.VarLength(1, 4), "out"),
        ("(a)-[*0..]->(b)", ast.VarLength(0, None), "out"),
        ("(a)-->(b)", None, "out"),
        ("(a)<--(b)", None, "in"),
    ],
)
def test_parse_relationship_lengths(
    text: str, length: ast.VarLength | None, direction: ast.Direction
) -> None:
    match = parse(f"MATCH {text} RETURN a").parts[0].clauses[0]
    assert isinstance(match, ast.Match)
    assert match.pattern[0].rels[0].length == length
    assert match.pattern[0].rels[0].direction == direction


def test_parse_precedence_tree_without_semantics() -> None:
    from kgraph.cypher_engine.parser import parse_query

    ret = parse_query("RETURN 1 + 2 * 3 = 7 AND NOT false OR x IS NULL AS v").parts[0].clauses[-1]
    assert isinstance(ret, ast.Return)
    one, two, three, seven = (ast.Literal(v) for v in (1, 2, 3, 7))
    arithmetic = ast.Binary("+", one, ast.Binary("*", two, three))
    conjunction = ast.Binary(
        "AND", ast.Binary("=", arithmetic, seven), ast.Unary("NOT", ast.Literal(False))
    )
    expected = ast.Binary("OR", conjunction, ast.IsNull(ast.Variable("x"), negated=False))
    assert ret.projection.items[0].expression == expected


def test_parse_keeps_projection_text_and_union_kind() -> None:
    query = parse("UNWIND [1] AS x RETURN x + 1 ORDER BY x DESC UNION ALL RETURN 2 AS `x + 1`")
    assert query.union_all and len(query.parts) == 2
    ret = query.parts[0].clauses[-1]
    assert isinstance(ret, ast.Return)
    assert ret.projection.items[0].name == "x + 1"
    assert ret.projection.order == (ast.SortItem(ast.Variable("x"), descending=True),)


# ---------------------------------------------------------------------------------------
# Graph format robustness and performance
# ---------------------------------------------------------------------------------------
def test_graph_is_not_modified_and_indexes_are_per_execution() -> None:
    g = nx.MultiDiGraph()
    _node(g, "x", "Thing", name="x")
    assert run(g, "MATCH (t:Thing) RETURN count(*)") == [[1]]
    _node(g, "y", "Thing", name="y")
    assert run(g, "MATCH (t:Thing) RETURN count(*)") == [[2]]
    assert run(g, "MATCH (t:Thing {name: 'y'}) RETURN t.name") == [["y"]]
    assert set(g.nodes) == {"x", "y"}


def test_list_labels_and_missing_attributes_are_tolerated() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", labels=["A"], props={"v": (1, 2)})
    g.add_node("b")
    g.add_edge("a", "b", type="T")
    assert run(g, "MATCH (a:A)-[r:T]->(b) RETURN a.v, labels(b), properties(r), keys(b)") == [
        [[1, 2], [], {}, []]
    ]


# ---------------------------------------------------------------------------------------
# kgraph's own graph model and shipped queries
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def news() -> nx.MultiDiGraph:
    """A miniature of the graph kgraph builds: entities, facts, claims, articles."""
    g = nx.MultiDiGraph()
    _node(g, "e:kim", "Entity", "Person", name="Kim Jong Un", type="Person")
    _node(g, "e:putin", "Entity", "Person", name="Vladimir Putin", type="Person")
    _node(g, "e:russia", "Entity", "Place", name="Russia", type="Place")
    _node(g, "a:1", "Article", id="1", title="Summit")
    _node(g, "a:2", "Article", id="2", title="Visit")
    _node(g, "c:1", "Claim", relation="MET", attribution=None)
    g.add_edge("e:kim", "e:putin", key="MET", type="MET", props={"count": 2})
    g.add_edge("e:putin", "e:russia", key="LEADS", type="LEADS", props={"count": 1})
    for article, entities in (
        ("a:1", ["e:kim", "e:putin"]),
        ("a:2", ["e:kim", "e:putin", "e:russia"]),
    ):
        for entity in entities:
            g.add_edge(article, entity, key="MENTIONS", type="MENTIONS", props={"count": 1})
    g.add_edge("c:1", "e:kim", key="SUBJECT", type="SUBJECT", props={})
    g.add_edge("c:1", "e:putin", key="OBJECT", type="OBJECT", props={})
    g.add_edge("c:1", "a:1", key="SUPPORTED_BY", type="SUPPORTED_BY", props={})
    return g


def test_neighbourhood_query_shape(news: nx.MultiDiGraph) -> None:
    query = """
        // Everything within two steps of an entity, following facts in either direction.
        MATCH (e:Entity {name: $name})-[rels*1..2]-(other:Entity)
        WHERE other <> e
          AND all(r IN rels WHERE NOT type(r) IN ['MENTIONS', 'SUBJECT', 'OBJECT', 'SUPPORTED_BY'])
        RETURN DISTINCT other.name AS entity, other.type AS type
        ORDER BY entity
    """
    result = execute(news, query, {"name": "Kim Jong Un"})
    assert result.columns == ["entity", "type"]
    assert result.rows == [["Russia", "Place"], ["Vladimir Putin", "Person"]]


def test_co_mentions_query_shape(news: nx.MultiDiGraph) -> None:
    query = """
        MATCH (e:Entity {name: $name})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(other:Entity)
        WHERE other <> e
        RETURN other.name AS entity, other.type AS type, count(DISTINCT a) AS articles
        ORDER BY articles DESC, entity
        LIMIT 20
    """
    assert run(news, query, name="Kim Jong Un") == [
        ["Vladimir Putin", "Person", 2],
        ["Russia", "Place", 1],
    ]


def test_string_edge_keys_give_stable_relationship_ids(news: nx.MultiDiGraph) -> None:
    assert run(news, "MATCH (:Claim)-[r:SUBJECT]->() RETURN id(r), r") == [
        ["c:1|SUBJECT|e:kim", RelationshipValue("c:1|SUBJECT|e:kim", "SUBJECT", "c:1", "e:kim", {})]
    ]


def test_shipped_example_queries_are_supported() -> None:
    """Every query kgraph ships in cypher/queries must run on the embedded store."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "cypher" / "queries"
    files = sorted(folder.glob("*.cypher"))
    if not files:
        pytest.skip("no shipped queries found")
    for path in files:
        parse(path.read_text(encoding="utf-8"))

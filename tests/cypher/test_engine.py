"""Tests for the embedded Cypher engine (``kgraph_cypher``).

The case tables live in ``tests/cypher/cases.py``, shared with
``tests/cypher/test_engine_neo4j.py``, which runs them on a real Neo4j.
"""

from __future__ import annotations

import ast as ast_module
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kgraph_cypher
from kgraph_cypher import (
    CypherError,
    CypherSyntaxError,
    Node,
    Relationship,
    SqliteView,
    UnsupportedCypherError,
    ast,
    execute,
    is_write_query,
    parse,
)
from tests.cypher.cases import ERROR_CASES, GRAPHS, RESULT_CASES, Case, same, same_rows


@pytest.fixture(scope="module")
def graphs() -> dict[str, nx.MultiDiGraph]:
    return {name: spec.networkx() for name, spec in GRAPHS.items()}


@pytest.fixture(scope="module")
def databases() -> dict[str, sqlite3.Connection]:
    """The case graphs in SQLite, with ``name`` indexed (so both the indexed and the
    scanning property lookups run)."""
    return {name: spec.sqlite(indexed=("name",)) for name, spec in GRAPHS.items()}


Source = Callable[[str], nx.MultiDiGraph | SqliteView]


@pytest.fixture(params=["networkx", "sqlite"])
def source(
    request: pytest.FixtureRequest,
    graphs: dict[str, nx.MultiDiGraph],
    databases: dict[str, sqlite3.Connection],
) -> Source:
    """The case graph of a name, as networkx or as a fresh view of its SQLite copy: the
    case tables hold both to the same answers, row order included."""
    if request.param == "networkx":
        return graphs.__getitem__
    return lambda name: SqliteView(databases[name])


def _node(graph: nx.MultiDiGraph, node_id: str, *labels: str, **props: Any) -> None:
    graph.add_node(node_id, labels=labels, props=props)


def run(graph: nx.MultiDiGraph, query: str, **params: Any) -> list[list[Any]]:
    return execute(graph, query, params).rows


@pytest.mark.parametrize("case", RESULT_CASES, ids=str)
def test_results(source: Source, case: Case) -> None:
    result = execute(source(case.graph), case.query, case.params)
    if case.columns is not None:
        assert result.columns == case.columns
    if case.rows is not None:
        assert same_rows(result.rows, case.rows, case), result.rows


_ERRORS: dict[str | None, type[CypherError]] = {
    "syntax": CypherSyntaxError,
    "unsupported": UnsupportedCypherError,
    "runtime": CypherError,
}


@pytest.mark.parametrize("case", ERROR_CASES, ids=str)
def test_errors(source: Source, case: Case) -> None:
    with pytest.raises(_ERRORS[case.error]) as raised:
        execute(source(case.graph), case.query, case.params)
    if case.error == "unsupported":
        assert isinstance(raised.value, UnsupportedCypherError)
        assert raised.value.construct == case.message
    elif case.error == "runtime":
        assert not isinstance(raised.value, CypherSyntaxError | UnsupportedCypherError)
        assert case.message is not None
        raised.match(case.message)


def test_same_is_strict_about_types() -> None:
    assert same([[1, 2.0, True, None]], [[1, 2.0, True, None]])
    assert not same([[1.0]], [[1]]) and not same([[1]], [[True]]) and not same([[0]], [[None]])
    assert same([[1, 2]], [[2, 1]], open_order=True) and not same([[1, 2]], [[2, 1]])
    unordered = Case("empty", "UNWIND [1, 2] AS x RETURN x")
    ordered = Case("empty", "UNWIND [1, 2] AS x RETURN x ORDER BY x")
    assert same_rows([[1], [2]], [[2], [1]], unordered)
    assert not same_rows([[1], [2]], [[2], [1]], ordered)


def test_importing_the_engine_loads_nothing_of_kgraph() -> None:
    """``kgraph_cypher`` stands alone: importing it loads no ``kgraph`` module."""
    code = (
        "import sys, kgraph_cypher; "
        "print(sorted(m for m in sys.modules if m == 'kgraph' or m.startswith('kgraph.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_no_engine_module_imports_kgraph() -> None:
    """Not even inside a function: every import in ``kgraph_cypher`` names something else."""
    package = Path(kgraph_cypher.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 10
    for module in modules:
        for node in ast_module.walk(ast_module.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast_module.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast_module.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] != "kgraph", f"{module.name} imports {name}"


def test_nodes_and_relationships_are_result_values(graphs: dict[str, nx.MultiDiGraph]) -> None:
    [[node, rel]] = run(graphs["people"], "MATCH (b {name: 'Bob'})-[r:WORKS_AT]->() RETURN b, r")
    assert node == Node("bob", ("Person",), {"name": "Bob", "age": 25, "city": "Paris"})
    assert rel == Relationship("bob|0|acme", "WORKS_AT", "bob", "acme", {"role": "Engineer"})


def test_result_values_are_copies(graphs: dict[str, nx.MultiDiGraph]) -> None:
    people = graphs["people"]
    [[node, tags]] = run(people, "MATCH (p {name: 'Alice'}) RETURN p, p.tags")
    node.properties["tags"].append("mutated")
    tags.append("mutated")
    assert people.nodes["alice"]["props"]["tags"] == ["a", "b"]


def test_unsupported_error_is_raised_by_parse_too() -> None:
    with pytest.raises(UnsupportedCypherError, match="MERGE clause"):
        parse("MERGE (n) RETURN n")


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
    from kgraph_cypher.parser import parse_query

    ret = parse_query("RETURN 1 + 2 * 3 = 7 AND NOT false OR x IS NULL AS v").parts[0].clauses[-1]
    assert isinstance(ret, ast.Return)
    one, two, three, seven = (ast.Literal(v) for v in (1, 2, 3, 7))
    arithmetic = ast.Binary("+", one, ast.Binary("*", two, three))
    conjunction = ast.Binary(
        "AND", ast.Binary("=", arithmetic, seven), ast.Unary("NOT", ast.Literal(False))
    )
    expected = ast.Binary("OR", conjunction, ast.Unary("IS NULL", ast.Variable("x")))
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


def test_string_edge_keys_give_stable_relationship_ids(graphs: dict[str, nx.MultiDiGraph]) -> None:
    assert run(graphs["news"], "MATCH (:Claim)-[r:SUBJECT]->() RETURN id(r), r") == [
        ["c:1|SUBJECT|e:kim", Relationship("c:1|SUBJECT|e:kim", "SUBJECT", "c:1", "e:kim", {})]
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

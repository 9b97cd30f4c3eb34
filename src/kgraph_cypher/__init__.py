"""kgraph_cypher: a read-only interpreter of a subset of Cypher, with Neo4j 5 semantics,
over a networkx graph or a SQLite property-graph file.

``execute(graph, query, params)`` is the entry point: it parses, checks and runs a query
and returns a :class:`Result`.  ``parse`` gives the checked syntax tree without running it;
``is_write_query`` tells whether query text would change a graph.  Every failure is a
:class:`CypherError`: ``CypherSyntaxError`` for invalid text, ``UnsupportedCypherError``
(naming the construct) for valid Cypher this engine cannot run, which it never answers
with an empty or partial result instead.

The package depends on networkx and the standard library only, and on nothing in kgraph
(``tests/cypher/test_engine.py`` checks), so it can be used alone.

Graph contract: node attributes ``labels`` (tuple of str) and ``props`` (a mapping); edge
attributes ``type`` (str) and ``props`` (a mapping), on a ``networkx.MultiDiGraph``; plus,
optionally, edges derived from node properties (see :class:`DerivedEdges`).  Or any
:class:`GraphView`, such as a :class:`SqliteView` of a database holding the same contract
in tables (:mod:`kgraph_cypher.sqlite_view`), read only as far as the query goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kgraph_cypher.ast import Query
from kgraph_cypher.errors import CypherError, CypherSyntaxError, UnsupportedCypherError
from kgraph_cypher.executor import Executor
from kgraph_cypher.graphview import DerivedEdges, GraphView, NetworkxView
from kgraph_cypher.parser import parse_query
from kgraph_cypher.result import Node, Path, Relationship, Result
from kgraph_cypher.semantics import validate
from kgraph_cypher.sqlite_view import SqliteView
from kgraph_cypher.writes import is_write_query

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CypherError",
    "CypherSyntaxError",
    "DerivedEdges",
    "GraphView",
    "NetworkxView",
    "Node",
    "Path",
    "Query",
    "Relationship",
    "Result",
    "SqliteView",
    "UnsupportedCypherError",
    "execute",
    "is_write_query",
    "parse",
]


def parse(query: str) -> Query:
    """The syntax tree of ``query``, after the static checks Neo4j also makes.

    Raises ``CypherSyntaxError`` for invalid text and ``UnsupportedCypherError`` for valid
    Cypher outside the supported subset (write clauses, CALL, unknown functions, ...).
    """
    tree = parse_query(query)
    validate(tree)
    return tree


def execute(
    graph: nx.MultiDiGraph | GraphView,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    derived: DerivedEdges | None = None,
) -> Result:
    """Run ``query`` on ``graph`` (a networkx graph, with the ``derived`` edges, or a
    view) with ``params``; see the module docstring for the contract."""
    return Executor(graph, params, derived).run(parse(query))

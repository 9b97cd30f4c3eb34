"""A read-only Cypher interpreter over kgraph's embedded networkx store.

``execute`` parses, checks and runs a query; ``parse`` gives the checked syntax tree;
``is_write_query`` tells whether query text would change a graph.  Valid Cypher this
engine cannot run raises ``UnsupportedCypherError`` naming the construct; it never answers
with an empty or partial result instead.

Graph contract: node attributes ``labels`` (tuple of str) and ``props`` (a mapping); edge
attributes ``type`` (str) and ``props`` (a mapping), on a ``networkx.MultiDiGraph``; plus,
optionally, edges derived from node properties (see :class:`DerivedEdges`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from kgraph.cypher_engine.ast import Query
from kgraph.cypher_engine.executor import Executor
from kgraph.cypher_engine.graphview import DerivedEdges
from kgraph.cypher_engine.parser import parse_query
from kgraph.cypher_engine.semantics import validate
from kgraph.cypher_engine.writes import is_write_query
from kgraph.models import QueryResult

__all__ = ["DerivedEdges", "Query", "execute", "is_write_query", "parse"]


def parse(query: str) -> Query:
    """The syntax tree of ``query``, after the static checks Neo4j also makes.

    Raises ``CypherSyntaxError`` for invalid text and ``UnsupportedCypherError`` for valid
    Cypher outside the supported subset (write clauses, CALL, unknown functions, ...).
    """
    tree = parse_query(query)
    validate(tree)
    return tree


def execute(
    graph: nx.MultiDiGraph,
    query: str,
    params: Mapping[str, Any] | None = None,
    derived: DerivedEdges | None = None,
) -> QueryResult:
    """Run ``query`` on ``graph`` with ``params`` (and the ``derived`` edges); see the
    module docstring for the contract."""
    return Executor(graph, params, derived).run(parse(query))

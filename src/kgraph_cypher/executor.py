"""The clause pipeline: rows flow lazily from clause to clause as generators.

Laziness lets ``LIMIT`` stop a large MATCH early; only ORDER BY, aggregation and DISTINCT
hold rows in memory.  Everything is compiled before the first row is produced, so errors
such as a missing parameter surface before any work is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kgraph_cypher import ast
from kgraph_cypher.astutil import pattern_variables, walk
from kgraph_cypher.compare import distinct
from kgraph_cypher.errors import CypherError
from kgraph_cypher.expressions import ExpressionCompiler
from kgraph_cypher.graphview import DerivedEdges, GraphView, NetworkxView, plain
from kgraph_cypher.patterns import PatternMatcher
from kgraph_cypher.projection import Projector
from kgraph_cypher.result import Result
from kgraph_cypher.semantics import Scope, output_scope
from kgraph_cypher.values import Row

if TYPE_CHECKING:
    import networkx as nx


class Executor:
    """Runs validated queries against one graph with one set of parameters."""

    def __init__(
        self,
        graph: nx.MultiDiGraph | GraphView,
        params: Mapping[str, Any] | None,
        derived: DerivedEdges | None = None,
    ) -> None:
        self.view = graph if isinstance(graph, GraphView) else NetworkxView(graph, derived)
        self.params = plain(params or {})
        self.compiler = ExpressionCompiler(self.view, self.params, self._part_matcher)

    def _part_matcher(self, part: ast.PatternPart) -> Callable[[Row], Iterator[Row]]:
        return PatternMatcher(self.view, (part,), self.compiler)

    def run(self, query: ast.Query) -> Result:
        self._check_parameters(query)
        columns: list[str] = []
        rows: list[list[Any]] = []
        for part in query.parts:
            columns, part_rows = self._run_single(part)
            rows.extend(part_rows)
        if len(query.parts) > 1 and not query.union_all:
            rows = list(distinct(rows, lambda row: row))
        return Result(columns, [[self.view.export(v) for v in row] for row in rows])

    def _check_parameters(self, query: ast.Query) -> None:
        names = {node.name for node in walk(query) if isinstance(node, ast.Parameter)}
        missing = sorted(names - self.params.keys())
        if missing:
            raise CypherError("Expected parameter(s): " + ", ".join(missing))

    def _run_single(self, query: ast.SingleQuery) -> tuple[list[str], list[list[Any]]]:
        rows: Iterable[Row] = [{}]
        scope: Scope = frozenset()
        for clause in query.clauses:
            if isinstance(clause, ast.Return):
                projector = Projector(clause.projection, scope, self.compiler)
                names = projector.names
                return names, [[row[name] for name in names] for row in projector.run(rows)]
            rows = self._apply(clause, rows, scope)
            scope = output_scope(clause, scope)
        raise CypherError("the query does not end with RETURN")

    def _apply(self, clause: ast.Clause, rows: Iterable[Row], scope: Scope) -> Iterable[Row]:
        if isinstance(clause, ast.Match):
            return self._match(clause, rows)
        if isinstance(clause, ast.Unwind):
            return self._unwind(clause, rows)
        assert isinstance(clause, ast.With)
        projected = Projector(clause.projection, scope, self.compiler).run(rows)
        if clause.where is None:
            return projected
        keep = self.compiler.compile_predicate(clause.where)
        return (row for row in projected if keep(row))

    def _match(self, clause: ast.Match, rows: Iterable[Row]) -> Iterator[Row]:
        matcher = PatternMatcher(self.view, clause.pattern, self.compiler, clause.where)
        keep = self.compiler.compile_predicate(clause.where) if clause.where else None
        new_vars = pattern_variables(clause.pattern)

        def generate() -> Iterator[Row]:
            for row in rows:
                found = False
                for match in matcher(row):
                    if keep is None or keep(match):
                        found = True
                        yield match
                if clause.optional and not found:
                    yield {**row, **{name: None for name in new_vars if name not in row}}

        return generate()

    def _unwind(self, clause: ast.Unwind, rows: Iterable[Row]) -> Iterator[Row]:
        evaluate, name = self.compiler.compile(clause.expression), clause.variable

        def generate() -> Iterator[Row]:
            for row in rows:
                value = evaluate(row)
                if value is None:
                    continue
                for item in value if isinstance(value, list | tuple) else [value]:
                    yield {**row, name: item}

        return generate()

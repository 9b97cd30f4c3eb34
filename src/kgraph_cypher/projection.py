"""WITH/RETURN bodies: projection, implicit grouping, DISTINCT, ORDER BY, SKIP, LIMIT.

Aggregation follows Neo4j: the items without an aggregate are the grouping key; with no
grouping key and no input rows there is still one output row (``count(*)`` is 0).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kgraph_cypher import ast
from kgraph_cypher.aggregates import Aggregator
from kgraph_cypher.astutil import (
    contains_aggregate,
    is_aggregate,
    rewrite_against_items,
    transform,
)
from kgraph_cypher.compare import distinct, group_key, order_key
from kgraph_cypher.errors import CypherError
from kgraph_cypher.expressions import ExpressionCompiler
from kgraph_cypher.semantics import Scope, expanded_items
from kgraph_cypher.values import Evaluator, Row

Pair = tuple[Row, Row]  # (incoming row, projected row)


def _aggregate_slot(slot: int) -> str:
    """The name (no variable's) under which a group's row holds its ``slot``-th aggregate."""
    return f"\x00aggregate{slot}"


class _NullRow(dict[str, Any]):
    """Stands in for "the first row of the group" when an aggregation saw no rows."""

    def __missing__(self, key: str) -> Any:
        return None


@dataclass(frozen=True, slots=True)
class _AggregateCall:
    name: str | None  # None for count(*)
    distinct: bool
    args: tuple[Evaluator, ...]


@dataclass(slots=True)
class _Group:
    key_values: list[Any]
    first_row: Row
    aggregators: list[Aggregator] = field(default_factory=list)


class Projector:
    """Runs one WITH or RETURN body over a stream of rows."""

    def __init__(
        self, projection: ast.Projection, scope: Scope, compiler: ExpressionCompiler
    ) -> None:
        self.projection = projection
        self.compiler = compiler
        self.items = expanded_items(projection, scope)
        self.names = [item.name for item in self.items]
        self.aggregating = any(contains_aggregate(item.expression) for item in self.items)
        self.calls: list[_AggregateCall] = []
        self.evaluators = [self._compile_item(item.expression) for item in self.items]
        self.sort_keys = [
            (compiler.compile(rewrite_against_items(s.expression, self.items)), s.descending)
            for s in projection.order
        ]

    def _compile_item(self, expr: ast.Expr) -> Evaluator:
        """Compile an item; aggregate calls become references to per-group results."""
        if not self.aggregating or not contains_aggregate(expr):
            return self.compiler.compile(expr)

        def replace(node: ast.Expr) -> ast.Expr | None:
            if not is_aggregate(node):
                return None
            if isinstance(node, ast.CountStar):
                call = _AggregateCall(None, False, ())
            else:
                assert isinstance(node, ast.FunctionCall)
                args = tuple(self.compiler.compile(arg) for arg in node.args)
                call = _AggregateCall(node.name, node.distinct, args)
            self.calls.append(call)
            return ast.Variable(_aggregate_slot(len(self.calls) - 1))

        return self.compiler.compile(transform(expr, replace))

    def run(self, rows: Iterable[Row]) -> Iterator[Row]:
        pairs = self._aggregate(rows) if self.aggregating else self._project(rows)
        if self.projection.distinct:
            pairs = distinct(pairs, lambda pair: [pair[1][name] for name in self.names])
        if self.sort_keys:
            pairs = iter(self._sort(list(pairs)))
        skip = self._count(self.projection.skip, "SKIP")
        limit = self._count(self.projection.limit, "LIMIT")
        if skip or limit is not None:
            pairs = itertools.islice(pairs, skip, None if limit is None else skip + limit)
        return (projected for _row, projected in pairs)

    def _project(self, rows: Iterable[Row]) -> Iterator[Pair]:
        names, evaluators = self.names, self.evaluators
        for row in rows:
            yield row, {name: ev(row) for name, ev in zip(names, evaluators, strict=True)}

    def _aggregate(self, rows: Iterable[Row]) -> Iterator[Pair]:
        keyed = [
            (i, ev)
            for i, (item, ev) in enumerate(zip(self.items, self.evaluators, strict=True))
            if not contains_aggregate(item.expression)
        ]
        groups: dict[Hashable, _Group] = {}
        for row in rows:
            values = [ev(row) for _i, ev in keyed]
            key = tuple(group_key(v) for v in values)
            group = groups.get(key)
            if group is None:
                group = groups[key] = self._new_group(values, row)
            for call, aggregator in zip(self.calls, group.aggregators, strict=True):
                aggregator.add([arg(row) for arg in call.args])
        if not groups and not keyed:
            groups[()] = self._new_group([], _NullRow())
        for group in groups.values():
            yield {}, self._finish(group, keyed)

    def _new_group(self, values: list[Any], row: Row) -> _Group:
        aggregators = [Aggregator(c.name, c.distinct) for c in self.calls]
        return _Group(values, row, aggregators)

    def _finish(self, group: _Group, keyed: list[tuple[int, Evaluator]]) -> Row:
        env: Row = _NullRow(group.first_row)
        for slot, aggregator in enumerate(group.aggregators):
            env[_aggregate_slot(slot)] = aggregator.result()
        key_positions = {i: value for (i, _ev), value in zip(keyed, group.key_values, strict=True)}
        return {
            name: key_positions[i] if i in key_positions else ev(env)
            for i, (name, ev) in enumerate(zip(self.names, self.evaluators, strict=True))
        }

    def _sort(self, pairs: list[Pair]) -> list[Pair]:
        """Stable sorts from the last key to the first give a multi-key ordering."""
        keep_input = not (self.aggregating or self.projection.distinct)
        envs = [{**row, **projected} if keep_input else projected for row, projected in pairs]
        indices = list(range(len(pairs)))
        for evaluate, descending in reversed(self.sort_keys):
            keys = [order_key(evaluate(env)) for env in envs]
            indices.sort(key=keys.__getitem__, reverse=descending)
        return [pairs[i] for i in indices]

    def _count(self, expr: ast.Expr | None, clause: str) -> Any:
        if expr is None:
            return 0 if clause == "SKIP" else None
        value = self.compiler.compile(expr)({})
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CypherError(
                f"Invalid input for {clause}: expected a non-negative integer, got {value!r}"
            )
        return value

"""Static checks Neo4j makes before running a query, and the variable scope per clause.

Runs after parsing, so that a query referring to an undefined variable, misusing an
aggregate or calling an unknown function fails up front (as Neo4j does) instead of
midway through, or not at all when no row reaches the faulty expression.
"""

from __future__ import annotations

from collections import Counter

from kgraph_cypher import ast
from kgraph_cypher.aggregates import AGGREGATE_ARITY
from kgraph_cypher.astutil import (
    contains_aggregate,
    free_variables,
    pattern_variables,
    rewrite_against_items,
    scoped_children,
)
from kgraph_cypher.errors import CypherSyntaxError, UnsupportedCypherError
from kgraph_cypher.functions import FUNCTIONS

Scope = frozenset[str]


def validate(query: ast.Query) -> None:
    """Raise ``CypherSyntaxError``/``UnsupportedCypherError`` for a query we cannot run."""
    columns: list[str] | None = None
    for part in query.parts:
        names = _Checker().check_single(part)
        if columns is not None and names != columns:
            raise CypherSyntaxError(
                "All sub queries in an UNION must have the same return column names"
            )
        columns = names


def expanded_items(projection: ast.Projection, scope: Scope) -> tuple[ast.ProjectionItem, ...]:
    """Projection items with ``*`` replaced by the variables in scope (sorted, like Neo4j)."""
    star: tuple[ast.ProjectionItem, ...] = ()
    if projection.star:
        star = tuple(ast.ProjectionItem(ast.Variable(n), None, n) for n in sorted(scope))
    return star + projection.items


def output_scope(clause: ast.Clause, scope: Scope) -> Scope:
    """The variables visible after ``clause``."""
    if isinstance(clause, ast.Match):
        return scope | set(pattern_variables(clause.pattern))
    if isinstance(clause, ast.Unwind):
        return scope | {clause.variable}
    if isinstance(clause, ast.With):
        return frozenset(item.name for item in expanded_items(clause.projection, scope))
    return scope


def _clause_name(clause: ast.Clause) -> str:
    if isinstance(clause, ast.Match):
        return "OPTIONAL MATCH" if clause.optional else "MATCH"
    if isinstance(clause, ast.Unwind):
        return "UNWIND"
    return "WITH" if isinstance(clause, ast.With) else "RETURN"


_LITERAL_TYPES = {bool: "Boolean", int: "Integer", float: "Float", str: "String"}


class _Checker:
    """Walks one single query clause by clause, tracking the variables in scope and, where
    known before running, their types (so a node used as a relationship is refused even
    when no row would reach it, as Neo4j does)."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}

    def check_single(self, query: ast.SingleQuery) -> list[str]:
        scope: Scope = frozenset()
        for index, clause in enumerate(query.clauses):
            if isinstance(clause, ast.Return) and index != len(query.clauses) - 1:
                raise CypherSyntaxError("RETURN can only be used at the end of the query")
            if isinstance(clause, ast.Return):
                return self._check_projection(clause.projection, scope, "RETURN")
            scope = self._check_clause(clause, scope)
        name = _clause_name(query.clauses[-1])
        raise CypherSyntaxError(f"Query cannot conclude with {name} (must be a RETURN clause)")

    def _check_clause(self, clause: ast.Clause, scope: Scope) -> Scope:
        if isinstance(clause, ast.Match):
            new_scope = output_scope(clause, scope)
            self._check_pattern(clause.pattern, scope, new_scope - scope)
            self._bind_types(clause.pattern)
            if clause.where is not None:
                self._check_expr(clause.where, new_scope, allow_aggregates=False)
            return new_scope
        if isinstance(clause, ast.Unwind):
            self._check_expr(clause.expression, scope, allow_aggregates=False)
            if clause.variable in scope:
                raise CypherSyntaxError(f"Variable `{clause.variable}` already declared")
            return output_scope(clause, scope)
        assert isinstance(clause, ast.With)
        self._check_projection(clause.projection, scope, "WITH")
        new_scope = output_scope(clause, scope)
        items = expanded_items(clause.projection, scope)
        self.types = {
            item.name: kind
            for item in items
            if (kind := self._type_of(item.expression)) is not None
        }
        if clause.where is not None:
            self._check_expr(clause.where, new_scope, allow_aggregates=False)
        return new_scope

    def _check_pattern(
        self, parts: tuple[ast.PatternPart, ...], scope: Scope, new_vars: Scope
    ) -> None:
        for part in parts:
            if part.variable is not None and part.variable in scope:
                raise CypherSyntaxError(f"Variable `{part.variable}` already declared")
            elements: list[ast.NodePattern | ast.RelPattern] = [*part.nodes, *part.rels]
            for element in elements:
                own = frozenset({element.variable} if element.variable else ())
                for _key, value in element.properties:
                    self._check_local(value, scope, own, new_vars)
                if element.where is not None:
                    self._check_local(element.where, scope, own, new_vars)
            for rel in part.rels:
                # The same relationship variable twice in one pattern is allowed: it is the
                # same relationship twice, which relationship uniqueness rules out (no rows).
                if rel.length is not None and rel.where is not None:
                    raise CypherSyntaxError(
                        "Relationship pattern predicates are not supported for "
                        "variable-length relationships"
                    )

    def _bind_types(self, parts: tuple[ast.PatternPart, ...]) -> None:
        for part in parts:
            for node in part.nodes:
                self._bind_type(node.variable, "Node")
            for rel in part.rels:
                many = rel.length is not None
                self._bind_type(rel.variable, "List<Relationship>" if many else "Relationship")
            self._bind_type(part.variable, "Path")

    def _bind_type(self, name: str | None, expected: str) -> None:
        if name is None:
            return
        known = self.types.setdefault(name, expected)
        if known != expected:
            raise CypherSyntaxError(
                f"Type mismatch: {name} defined with conflicting type {known} (expected {expected})"
            )

    def _type_of(self, expr: ast.Expr) -> str | None:
        """The type of a projected expression where it is known before running."""
        if isinstance(expr, ast.Variable):
            return self.types.get(expr.name)
        if isinstance(expr, ast.Literal):
            return _LITERAL_TYPES.get(type(expr.value))
        return None

    def _check_local(self, expr: ast.Expr, scope: Scope, own: Scope, new_vars: Scope) -> None:
        """Pattern property maps and inline WHERE may read outer variables (and their own)."""
        if free_variables(expr) & (new_vars - own):
            raise UnsupportedCypherError(
                "pattern property maps or inline WHERE referring to other variables "
                "of the same pattern"
            )
        self._check_expr(expr, scope | own, allow_aggregates=False)

    def _check_projection(self, projection: ast.Projection, scope: Scope, clause: str) -> list[str]:
        if projection.star and not scope:
            raise CypherSyntaxError(
                f"{clause} * is not allowed when there are no variables in scope"
            )
        for item in projection.items:
            self._check_expr(item.expression, scope, allow_aggregates=True)
            unaliased = item.alias is None and not isinstance(item.expression, ast.Variable)
            if clause == "WITH" and unaliased:
                raise CypherSyntaxError(f"Expression in WITH must be aliased (use AS): {item.text}")
        items = expanded_items(projection, scope)
        names = [item.name for item in items]
        duplicates = [name for name, count in Counter(names).items() if count > 1]
        if duplicates:
            raise CypherSyntaxError(
                f"Multiple result columns with the same name are not supported: `{duplicates[0]}`"
            )
        aggregating = any(contains_aggregate(item.expression) for item in items)
        order_scope = frozenset(names)
        if not (aggregating or projection.distinct):
            order_scope |= scope
        for sort in projection.order:
            rewritten = rewrite_against_items(sort.expression, items)
            self._check_expr(rewritten, order_scope, allow_aggregates=False)
        for expr in (projection.skip, projection.limit):
            if expr is not None:
                self._check_expr(expr, frozenset(), allow_aggregates=False)
        return names

    def _check_expr(self, expr: ast.Expr, scope: Scope, allow_aggregates: bool) -> None:
        if isinstance(expr, ast.Variable):
            if expr.name not in scope:
                raise CypherSyntaxError(f"Variable `{expr.name}` not defined")
        elif isinstance(expr, ast.PatternPredicate | ast.PatternComprehension):
            self._check_pattern_expression(expr, scope)
        elif isinstance(expr, ast.FunctionCall):
            self._check_function(expr, scope, allow_aggregates)
        elif isinstance(expr, ast.CountStar) and not allow_aggregates:
            raise CypherSyntaxError("Invalid use of aggregating function count(*) in this context")
        else:
            for child, own in scoped_children(expr):  # no aggregates inside comprehensions
                self._check_expr(child, scope | own, allow_aggregates and not own)

    def _check_pattern_expression(
        self, expr: ast.PatternPredicate | ast.PatternComprehension, scope: Scope
    ) -> None:
        variables = frozenset(pattern_variables((expr.part,)))
        new_vars = variables - scope
        if isinstance(expr, ast.PatternPredicate):
            if new_vars:
                raise CypherSyntaxError(
                    "PatternExpressions are not allowed to introduce new variables: "
                    + ", ".join(f"'{v}'" for v in sorted(new_vars))
                )
            self._check_pattern((expr.part,), scope, frozenset())
            return
        self._check_pattern((expr.part,), scope, new_vars)
        for inner in (expr.where, expr.projection):
            if inner is not None:
                self._check_expr(inner, scope | variables, allow_aggregates=False)

    def _check_function(self, call: ast.FunctionCall, scope: Scope, allow_aggregates: bool) -> None:
        lower = call.name.lower()
        if lower in AGGREGATE_ARITY:
            if not allow_aggregates:
                raise CypherSyntaxError(
                    f"Invalid use of aggregating function {call.name}(...) in this context"
                )
            low, high = AGGREGATE_ARITY[lower]
            allow_aggregates = False
        elif lower in FUNCTIONS:
            if call.distinct:
                raise CypherSyntaxError(f"Invalid use of DISTINCT with function '{call.name}'")
            spec = FUNCTIONS[lower]
            low, high = spec.min_args, spec.max_args if spec.max_args is not None else 1 << 30
        else:
            raise UnsupportedCypherError(f"function {call.name}()")
        if not low <= len(call.args) <= high:
            raise CypherSyntaxError(
                f"Function {call.name}() called with {len(call.args)} argument(s); "
                f"expected {low}" + (f" to {high}" if high != low and high < 1 << 30 else "")
            )
        for arg in call.args:
            self._check_expr(arg, scope, allow_aggregates)

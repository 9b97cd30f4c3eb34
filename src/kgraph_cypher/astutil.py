"""Generic walks over the syntax tree: children, rewriting, free variables, aggregates.

Kept apart from the tree definitions so that the semantic checker, the projection code and
the pattern planner share one notion of "the variables an expression reads".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from kgraph_cypher import ast
from kgraph_cypher.aggregates import AGGREGATE_ARITY

_NODE_TYPES = (
    ast.Expr,
    ast.Clause,
    ast.NodePattern,
    ast.RelPattern,
    ast.PatternPart,
    ast.VarLength,
)


def _children_of_value(value: Any) -> Iterator[Any]:
    if isinstance(value, _NODE_TYPES):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _children_of_value(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value


def children(node: Any) -> Iterator[Any]:
    """Direct child nodes (expressions, pattern pieces, clauses) of any tree node."""
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    for field in dataclasses.fields(node):
        yield from _children_of_value(getattr(node, field.name))


def walk(node: Any) -> Iterator[Any]:
    """``node`` and all nodes below it, parents first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))


def is_aggregate(expr: ast.Expr) -> bool:
    """Whether ``expr`` itself is an aggregating function call."""
    if isinstance(expr, ast.CountStar):
        return True
    return isinstance(expr, ast.FunctionCall) and expr.name.lower() in AGGREGATE_ARITY


def contains_aggregate(expr: ast.Expr) -> bool:
    return any(isinstance(n, ast.Expr) and is_aggregate(n) for n in walk(expr))


def transform(expr: ast.Expr, replace: Callable[[ast.Expr], ast.Expr | None]) -> ast.Expr:
    """A copy of ``expr`` where every sub-expression for which ``replace`` returns a node
    is swapped for that node (outermost match wins; replacements are not descended into).
    """
    replacement = replace(expr)
    if replacement is not None:
        return replacement
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(expr):  # type: ignore[arg-type]
        value = getattr(expr, field.name)
        new_value = _transform_value(value, replace)
        if new_value is not value:
            changes[field.name] = new_value
    return dataclasses.replace(expr, **changes) if changes else expr  # type: ignore[type-var]


def _transform_value(value: Any, replace: Callable[[ast.Expr], ast.Expr | None]) -> Any:
    if isinstance(value, ast.Expr):
        return transform(value, replace)
    if isinstance(value, tuple):
        items = [_transform_value(item, replace) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return tuple(items)
    return value


def pattern_variables(parts: tuple[ast.PatternPart, ...]) -> list[str]:
    """Named variables a pattern binds, in order of appearance, without repeats."""
    names: list[str] = []
    for part in parts:
        if part.variable is not None:
            names.append(part.variable)
        for index, node in enumerate(part.nodes):
            if node.variable is not None:
                names.append(node.variable)
            rel_variable = part.rels[index].variable if index < len(part.rels) else None
            if rel_variable is not None:
                names.append(rel_variable)
    return list(dict.fromkeys(names))


def scoped_children(expr: ast.Expr) -> Iterator[tuple[ast.Expr, frozenset[str]]]:
    """The sub-expressions of ``expr``, each with the variables of its own that it sees
    besides the enclosing scope (a comprehension's, a reduce's or a pattern's)."""
    if isinstance(expr, ast.ListComprehension | ast.Quantifier):
        yield expr.source, frozenset()
        local = [expr.where, expr.projection if isinstance(expr, ast.ListComprehension) else None]
        own = frozenset({expr.variable})
    elif isinstance(expr, ast.Reduce):
        yield from ((expr.init, frozenset()), (expr.source, frozenset()))
        local, own = [expr.expression], frozenset({expr.accumulator, expr.variable})
    elif isinstance(expr, ast.PatternComprehension):
        local, own = [expr.where, expr.projection], frozenset(pattern_variables((expr.part,)))
    else:
        local, own = [c for c in children(expr) if isinstance(c, ast.Expr)], frozenset()
    yield from ((e, own) for e in local if e is not None)


def free_variables(expr: ast.Expr) -> set[str]:
    """Variables ``expr`` reads from its environment (comprehension locals excluded)."""
    if isinstance(expr, ast.Variable):
        return {expr.name}
    result: set[str] = set()
    for child, own in scoped_children(expr):
        result |= free_variables(child) - own
    if isinstance(expr, ast.PatternPredicate):
        result |= set(pattern_variables((expr.part,)))
    if isinstance(expr, ast.PatternPredicate | ast.PatternComprehension):
        result |= _pattern_free_variables(expr.part)
    return result


def _pattern_free_variables(part: ast.PatternPart) -> set[str]:
    """Variables read by the property maps and inline WHERE of a pattern."""
    result: set[str] = set()
    elements: list[ast.NodePattern | ast.RelPattern] = [*part.nodes, *part.rels]
    for element in elements:
        for _key, value in element.properties:
            result |= free_variables(value)
        if element.where is not None:
            result |= free_variables(element.where)
    own = {e.variable for e in elements if e.variable is not None}
    return result - own


def rewrite_against_items(expr: ast.Expr, items: tuple[ast.ProjectionItem, ...]) -> ast.Expr:
    """Replace sub-expressions equal to a projection item's expression by its column name.

    This is how ``RETURN n.name, count(*) ORDER BY count(*) DESC, n.name`` refers to the
    already computed columns, as Neo4j allows.
    """
    by_expr = {item.expression: item.name for item in items}

    def replace(node: ast.Expr) -> ast.Expr | None:
        name = by_expr.get(node)
        return ast.Variable(name) if name is not None else None

    return transform(expr, replace)

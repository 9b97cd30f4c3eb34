"""Expression evaluation: compiles each syntax-tree node once into a Python closure.

Compiling (rather than walking the tree for every row) keeps per-row work to plain
function calls, which matters when a MATCH produces hundreds of thousands of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from kgraph_cypher import ast
from kgraph_cypher.compare import equals
from kgraph_cypher.functions import FUNCTIONS, properties_of
from kgraph_cypher.graphview import GraphView
from kgraph_cypher.operators import BINARY_OPERATORS, UNARY_OPERATORS, check_boolean
from kgraph_cypher.values import Evaluator, NodeRef, RelRef, Row, type_error

Predicate = Callable[[Row], bool]
MatcherFactory = Callable[[ast.PatternPart], Callable[[Row], Iterator[Row]]]


def get_property(view: GraphView, value: Any, key: str) -> Any:
    if value is None:
        return None
    if isinstance(value, NodeRef):
        return view.node_property(value.id, key)
    if isinstance(value, RelRef):
        return view.rel_property(value, key)
    if isinstance(value, dict):
        return value.get(key)
    raise type_error("a Map, Node or Relationship", value, f"property access '.{key}'")


def subscript(view: GraphView, value: Any, index: Any) -> Any:
    if value is None or index is None:
        return None
    if isinstance(value, list | tuple):
        if not isinstance(index, int) or isinstance(index, bool):
            raise type_error("an Integer", index, "list index")
        return value[index] if -len(value) <= index < len(value) else None
    if isinstance(value, dict | NodeRef | RelRef):
        if not isinstance(index, str):
            raise type_error("a String", index, "map key")
        return get_property(view, value, index)
    raise type_error("a List or Map", value, "subscript")


def _iterable(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise type_error("a List", value, where)
    return list(value)


class ExpressionCompiler:
    """Turns expressions into ``row -> value`` closures bound to one graph and parameters."""

    def __init__(
        self, view: GraphView, params: Mapping[str, Any], matchers: MatcherFactory
    ) -> None:
        self.view = view
        self.params = params
        self.matchers = matchers

    def compile(self, expr: ast.Expr) -> Evaluator:
        """``expr`` as a closure, made by the method named after its node type."""
        method: Callable[[Any], Evaluator] = getattr(self, f"_compile_{type(expr).__name__}")
        return method(expr)

    def compile_predicate(self, expr: ast.Expr) -> Predicate:
        """A WHERE condition: true keeps the row; false and null drop it."""
        evaluate = self.compile(expr)

        def predicate(row: Row) -> bool:
            return check_boolean(evaluate(row), "WHERE") is True

        return predicate

    # -- leaves ----------------------------------------------------------------------------
    def _compile_Literal(self, expr: ast.Literal) -> Evaluator:
        value = expr.value
        return lambda _row: value

    def _compile_Parameter(self, expr: ast.Parameter) -> Evaluator:
        value = self.params[expr.name]  # the executor checked that every one is given
        return lambda _row: value

    def _compile_Variable(self, expr: ast.Variable) -> Evaluator:
        name = expr.name
        return lambda row: row[name]

    # -- access ------------------------------------------------------------------------------
    def _compile_Property(self, expr: ast.Property) -> Evaluator:
        subject, key, view = self.compile(expr.subject), expr.key, self.view
        return lambda row: get_property(view, subject(row), key)

    def _compile_Subscript(self, expr: ast.Subscript) -> Evaluator:
        subject, index, view = self.compile(expr.subject), self.compile(expr.index), self.view
        return lambda row: subscript(view, subject(row), index(row))

    def _compile_Slice(self, expr: ast.Slice) -> Evaluator:
        subject = self.compile(expr.subject)
        bounds = [None if b is None else self.compile(b) for b in (expr.start, expr.end)]

        def evaluate(row: Row) -> Any:
            value = subject(row)
            limits = [None if b is None else b(row) for b in bounds]
            if value is None or any(
                b is not None and v is None for b, v in zip(bounds, limits, strict=True)
            ):
                return None
            sequence = _iterable(value, "list slice")
            for limit in limits:
                if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
                    raise type_error("an Integer", limit, "list slice")
            return sequence[limits[0] : limits[1]]

        return evaluate

    def _compile_ListLiteral(self, expr: ast.ListLiteral) -> Evaluator:
        items = [self.compile(item) for item in expr.items]
        return lambda row: [item(row) for item in items]

    def _compile_MapLiteral(self, expr: ast.MapLiteral) -> Evaluator:
        items = [(key, self.compile(value)) for key, value in expr.items]
        return lambda row: {key: value(row) for key, value in items}

    def _compile_MapProjection(self, expr: ast.MapProjection) -> Evaluator:
        subject, view = self.compile(expr.subject), self.view
        items: list[tuple[str, str, Evaluator | None]] = []
        for kind, key, value in expr.items:
            items.append((kind, key, self.compile(value) if value is not None else None))

        def evaluate(row: Row) -> Any:
            base = subject(row)
            if base is None:
                return None
            result: dict[str, Any] = {}
            for kind, key, value in items:
                if kind == "all":
                    result.update(properties_of(view, base, "map projection"))
                elif value is not None:
                    result[key] = value(row)
                else:
                    result[key] = get_property(view, base, key)
            return result

        return evaluate

    # -- operators ---------------------------------------------------------------------------
    def _compile_Unary(self, expr: ast.Unary) -> Evaluator:
        operand, apply = self.compile(expr.operand), UNARY_OPERATORS[expr.op]
        return lambda row: apply(operand(row))

    def _compile_Binary(self, expr: ast.Binary) -> Evaluator:
        left, right = self.compile(expr.left), self.compile(expr.right)
        if expr.op in ("AND", "OR"):
            return _short_circuit(expr.op, left, right)
        apply = BINARY_OPERATORS[expr.op]
        return lambda row: apply(left(row), right(row))

    def _compile_LabelCheck(self, expr: ast.LabelCheck) -> Evaluator:
        subject, labels, view = self.compile(expr.subject), expr.labels, self.view

        def evaluate(row: Row) -> Any:
            value = subject(row)
            if value is None:
                return None
            if isinstance(value, NodeRef):
                present = view.labels(value.id)
                return all(label in present for label in labels)
            if isinstance(value, RelRef):
                rel_type = view.rel_type(value)
                return all(label == rel_type for label in labels)
            raise type_error("a Node or Relationship", value, "label predicate")

        return evaluate

    def _compile_FunctionCall(self, expr: ast.FunctionCall) -> Evaluator:
        # The semantic checker let through known functions only, and aggregates only where
        # a projection replaces them by their results.
        spec = FUNCTIONS[expr.name.lower()]
        args, impl, view = [self.compile(a) for a in expr.args], spec.impl, self.view
        return lambda row: impl([arg(row) for arg in args], view)

    def _compile_Case(self, expr: ast.Case) -> Evaluator:
        whens = [(self.compile(c), self.compile(r)) for c, r in expr.whens]
        default = self.compile(expr.default) if expr.default is not None else None
        subject = self.compile(expr.subject) if expr.subject is not None else None

        def evaluate(row: Row) -> Any:
            value = subject(row) if subject is not None else None
            for condition, result in whens:
                test = condition(row)
                matched = equals(value, test) if subject is not None else test
                if matched is True:
                    return result(row)
            return default(row) if default is not None else None

        return evaluate

    # -- list-processing ---------------------------------------------------------------------
    def _compile_ListComprehension(self, expr: ast.ListComprehension) -> Evaluator:
        source, name = self.compile(expr.source), expr.variable
        where = self.compile_predicate(expr.where) if expr.where is not None else None
        projection = self.compile(expr.projection) if expr.projection is not None else None

        def evaluate(row: Row) -> Any:
            items = source(row)
            if items is None:
                return None
            local, result = dict(row), []
            for item in _iterable(items, "list comprehension"):
                local[name] = item
                if where is None or where(local):
                    result.append(projection(local) if projection is not None else item)
            return result

        return evaluate

    def _compile_Quantifier(self, expr: ast.Quantifier) -> Evaluator:
        source, name, kind = self.compile(expr.source), expr.variable, expr.kind.lower()
        where = self.compile(expr.where)

        def evaluate(row: Row) -> Any:
            items = source(row)
            if items is None:
                return None
            local, counts = dict(row), {True: 0, False: 0, None: 0}
            for item in _iterable(items, f"{kind}()"):
                local[name] = item
                counts[check_boolean(where(local), f"{kind}()")] += 1
            return _quantify(kind, counts[True], counts[False], counts[None])

        return evaluate

    def _compile_Reduce(self, expr: ast.Reduce) -> Evaluator:
        init, source, step = (
            self.compile(expr.init),
            self.compile(expr.source),
            self.compile(expr.expression),
        )
        accumulator, name = expr.accumulator, expr.variable

        def evaluate(row: Row) -> Any:
            items = source(row)
            if items is None:
                return None
            local, value = dict(row), init(row)
            for item in _iterable(items, "reduce()"):
                local[accumulator], local[name] = value, item
                value = step(local)
            return value

        return evaluate

    # -- patterns ----------------------------------------------------------------------------
    def _compile_PatternPredicate(self, expr: ast.PatternPredicate) -> Evaluator:
        matcher = self.matchers(expr.part)
        return lambda row: next(iter(matcher(row)), None) is not None

    def _compile_PatternComprehension(self, expr: ast.PatternComprehension) -> Evaluator:
        matcher = self.matchers(expr.part)
        where = self.compile_predicate(expr.where) if expr.where is not None else None
        projection = self.compile(expr.projection)

        def evaluate(row: Row) -> Any:
            return [projection(match) for match in matcher(row) if where is None or where(match)]

        return evaluate


def _short_circuit(op: str, left: Evaluator, right: Evaluator) -> Evaluator:
    """AND/OR in three-valued logic, skipping the right side when the left decides."""
    decisive = op == "OR"

    def evaluate(row: Row) -> Any:
        first = check_boolean(left(row), op)
        if first is decisive:
            return decisive
        second = check_boolean(right(row), op)
        if second is decisive:
            return decisive
        return None if first is None or second is None else not decisive

    return evaluate


def _quantify(kind: str, trues: int, falses: int, nulls: int) -> bool | None:
    if kind == "any":
        return True if trues else (None if nulls else False)
    if kind == "all":
        return False if falses else (None if nulls else True)
    if kind == "none":
        return False if trues else (None if nulls else True)
    if trues > 1:
        return False
    return None if nulls else trues == 1

"""The scalar function table: name (lower-case) -> arity and implementation.

A function not in this table (or among the aggregates) is reported as unsupported by the
semantic checker, so a query never silently returns nulls for a function we lack.
Functions follow Neo4j: a null argument gives null unless noted.
"""

from __future__ import annotations

import decimal
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kgraph_cypher.errors import CypherError
from kgraph_cypher.graphview import GraphView, plain
from kgraph_cypher.values import (
    NodeRef,
    PathRef,
    RelRef,
    check_int,
    is_number,
    to_text,
    type_error,
)

Impl = Callable[[list[Any], GraphView], Any]
Kind = type | tuple[type, ...]
_NUMBER = (int, float)
_LIST = (list, tuple)


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """How many arguments a function takes and what it does."""

    min_args: int
    max_args: int | None
    impl: Impl


FUNCTIONS: dict[str, FunctionSpec] = {}


def _add(name: str, min_args: int, max_args: int | None, impl: Impl) -> None:
    FUNCTIONS[name.lower()] = FunctionSpec(min_args, max_args, impl)


def _expect(kind: Kind, name: str, value: Any, function: str) -> None:
    """A type error unless ``value`` is a ``kind`` (a bool is no Integer or number)."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, _NUMBER)):
        raise type_error(name, value, f"{function}()")


def _add_unary(
    name: str,
    kind: Kind | None,
    expected: str,
    apply: Callable[..., Any],
    *,
    view: bool = False,
) -> None:
    """``name(x)``: null gives null, an ``x`` not of ``kind`` a type error naming
    ``expected``; ``apply`` also gets the graph view when ``view`` is set."""

    def impl(args: list[Any], graph: GraphView) -> Any:
        value = args[0]
        if value is None:
            return None
        if kind is not None:
            _expect(kind, expected, value, name)
        return apply(value, graph) if view else apply(value)

    _add(name, 1, 1, impl)


def properties_of(view: GraphView, value: Any, where: str) -> dict[str, Any]:
    """A copy of the properties of a node, relationship or map."""
    if isinstance(value, NodeRef):
        return dict(plain(view.node_props(value.id)))
    if isinstance(value, RelRef):
        return dict(plain(view.rel_props(value)))
    if isinstance(value, dict):
        return dict(value)
    raise type_error("a Node, Relationship or Map", value, where)


# -- graph elements ---------------------------------------------------------------------
_ELEMENT = (NodeRef, RelRef)
for _name in ("id", "elementId"):
    _add_unary(
        _name,
        _ELEMENT,
        "a Node or Relationship",
        lambda v: str(v.id) if isinstance(v, NodeRef) else v.element_id,
    )
_add_unary("type", RelRef, "a Relationship", lambda r, view: view.rel_type(r), view=True)
_add_unary("labels", NodeRef, "a Node", lambda n, view: list(view.labels(n.id)), view=True)
_add_unary(
    "properties", None, "", lambda v, view: properties_of(view, v, "properties()"), view=True
)
_add_unary("keys", None, "", lambda v, view: list(properties_of(view, v, "keys()")), view=True)
_add_unary("startNode", RelRef, "a Relationship", lambda r: NodeRef(r.start))
_add_unary("endNode", RelRef, "a Relationship", lambda r: NodeRef(r.end))
_add_unary("nodes", PathRef, "a Path", lambda p: [NodeRef(n) for n in p.nodes])
_add_unary("relationships", PathRef, "a Path", lambda p: list(p.rels))
_add_unary("length", PathRef, "a Path", lambda p: len(p.rels))

# -- lists -----------------------------------------------------------------------------
_add_unary("size", (str, *_LIST), "a String or List", len)
_add_unary("head", _LIST, "a List", lambda xs: xs[0] if xs else None)
_add_unary("last", _LIST, "a List", lambda xs: xs[-1] if xs else None)
_add_unary("tail", _LIST, "a List", lambda xs: list(xs[1:]))
_add_unary(
    "reverse",
    (str, *_LIST),
    "a String or List",
    lambda v: v[::-1] if isinstance(v, str) else list(v)[::-1],
)
_add_unary("isEmpty", (str, *_LIST, dict), "a String, List or Map", lambda v: len(v) == 0)


def _range(args: list[Any], _view: GraphView) -> Any:
    step = args[2] if len(args) > 2 else 1
    for value in (args[0], args[1], step):
        _expect(int, "an Integer", value, "range")
    if step == 0:
        raise CypherError("range(): step argument cannot be zero")
    end = args[1] + (1 if step > 0 else -1)
    return list(range(args[0], end, step))


_add("range", 2, 3, _range)
_add("coalesce", 1, None, lambda args, _view: next((v for v in args if v is not None), None))

# -- strings ---------------------------------------------------------------------------
_add_unary("toLower", str, "a String", str.lower)
_add_unary("toUpper", str, "a String", str.upper)
_add_unary("trim", str, "a String", str.strip)
_add_unary("ltrim", str, "a String", str.lstrip)
_add_unary("rtrim", str, "a String", str.rstrip)


def _replace(args: list[Any], _view: GraphView) -> Any:
    if any(value is None for value in args):
        return None
    for value in args:
        _expect(str, "a String", value, "replace")
    original, search, replacement = args
    return original.replace(search, replacement)


def _substring(args: list[Any], _view: GraphView) -> Any:
    if any(arg is None for arg in args):
        return None
    _expect(str, "a String", args[0], "substring")
    for bound, what in zip(args[1:], ("start", "length"), strict=False):
        _expect(int, "an Integer", bound, "substring")
        if bound < 0:
            raise CypherError(f"substring(): {what} must be a non-negative integer")
    start = args[1]
    return args[0][start:] if len(args) == 2 else args[0][start : start + args[2]]


def _split(args: list[Any], _view: GraphView) -> Any:
    if args[0] is None or args[1] is None:
        return None
    _expect(str, "a String", args[0], "split")
    delimiters = args[1] if isinstance(args[1], list) else [args[1]]
    for delimiter in delimiters:
        _expect(str, "a String", delimiter, "split")
    if delimiters == [""]:
        return list(args[0])
    pieces = [args[0]]
    for delimiter in (d for d in delimiters if d):
        pieces = [p for piece in pieces for p in piece.split(delimiter)]
    return pieces


def _left_right(function: str) -> Impl:
    def impl(args: list[Any], _view: GraphView) -> Any:
        if args[1] is None:
            return None
        _expect(int, "an Integer", args[1], function)
        if args[1] < 0:
            raise CypherError(f"{function}(): length must be a non-negative integer")
        if args[0] is None:
            return None
        _expect(str, "a String", args[0], function)
        if function == "left":
            return args[0][: args[1]]
        return args[0][len(args[0]) - min(args[1], len(args[0])) :]

    return impl


_add("replace", 3, 3, _replace)
_add("substring", 2, 3, _substring)
_add("split", 2, 2, _split)
_add("left", 2, 2, _left_right("left"))
_add("right", 2, 2, _left_right("right"))


# -- conversions -----------------------------------------------------------------------
def _to_string(value: Any) -> Any:
    if isinstance(value, str | bool | int | float):
        return to_text(value)
    raise type_error("a String, Number or Boolean", value, "toString()")


def _to_integer(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return check_int(int(value)) if math.isfinite(value) else None
    if isinstance(value, str):
        if value != value.strip():
            return None  # unlike toFloat(), Neo4j's toInteger() takes no surrounding spaces
        try:
            return check_int(int(value))
        except ValueError:
            parsed = _to_float(value)
            return None if parsed is None else _to_integer(parsed)
    raise type_error("a String, Number or Boolean", value, "toInteger()")


def _to_float(value: Any) -> Any:
    if is_number(value):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    raise type_error("a String or Number", value, "toFloat()")


def _to_boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    raise type_error("a String, Integer or Boolean", value, "toBoolean()")


def _or_null(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(value: Any) -> Any:
        try:
            return convert(value)
        except CypherError:
            return None

    return apply


for _name, _convert in (
    ("toString", _to_string),
    ("toInteger", _to_integer),
    ("toFloat", _to_float),
    ("toBoolean", _to_boolean),
):
    _add_unary(_name, None, "", _convert)
    _add_unary(_name + "OrNull", None, "", _or_null(_convert))


# -- maths -----------------------------------------------------------------------------
def _to_whole(rounding: Callable[[float], int]) -> Callable[[float], float]:
    """floor()/ceil(): a float; NaN and the infinities stay as they are."""
    return lambda x: float(rounding(x)) if math.isfinite(x) else x


def _log(value: float, base10: bool = False) -> float:
    if value == 0:
        return -math.inf
    if value < 0:
        return math.nan
    return math.log10(value) if base10 else math.log(value)


def _exp(value: float) -> float:
    try:
        return math.exp(value)
    except OverflowError:
        return math.nan


_add_unary(
    "abs", _NUMBER, "a number", lambda x: check_int(abs(x)) if isinstance(x, int) else abs(x)
)
_add_unary(
    "sign", _NUMBER, "a number", lambda x: 0 if x == 0 or math.isnan(x) else (1 if x > 0 else -1)
)
_add_unary("floor", _NUMBER, "a number", _to_whole(math.floor))
_add_unary("ceil", _NUMBER, "a number", _to_whole(math.ceil))
_add_unary("sqrt", _NUMBER, "a number", lambda x: math.sqrt(x) if x >= 0 else math.nan)
_add_unary("exp", _NUMBER, "a number", _exp)
_add_unary("log", _NUMBER, "a number", _log)
_add_unary("log10", _NUMBER, "a number", lambda x: _log(x, base10=True))

_ROUNDING_MODES = frozenset({"HALF_UP", "HALF_DOWN", "HALF_EVEN", "UP", "DOWN", "CEILING", "FLOOR"})
"""Neo4j's rounding modes, each named as :mod:`decimal` names it after ``ROUND_``."""


def _round(args: list[Any], _view: GraphView) -> Any:
    if args[0] is None:
        return None
    _expect(_NUMBER, "a number", args[0], "round")
    value = float(args[0])
    if not math.isfinite(value):
        return value
    if len(args) == 1:
        # Java's Math.round: halves go towards positive infinity.
        return float(math.floor(value + 0.5))
    if args[1] is None:
        return None
    _expect(int, "an Integer", args[1], "round")
    mode = str(args[2]).upper() if len(args) > 2 else "HALF_UP"
    if mode not in _ROUNDING_MODES:
        raise CypherError(f"round(): unknown rounding mode {args[2]!r}")
    try:
        quantum = decimal.Decimal(1).scaleb(-args[1])
        rounding = getattr(decimal, f"ROUND_{mode}")
        return float(decimal.Decimal(repr(value)).quantize(quantum, rounding=rounding))
    except decimal.InvalidOperation:
        return value


_add("round", 1, 3, _round)
_add("pi", 0, 0, lambda _args, _view: math.pi)
_add("e", 0, 0, lambda _args, _view: math.e)
_add("rand", 0, 0, lambda _args, _view: random.random())
_add("randomUUID", 0, 0, lambda _args, _view: str(uuid.uuid4()))

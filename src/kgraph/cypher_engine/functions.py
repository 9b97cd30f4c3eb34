"""The scalar function table: name (lower-case) -> arity and implementation.

A function not in this table (or among the aggregates) is reported as unsupported by the
semantic checker, so a query never silently returns nulls for a function we lack.
Functions follow Neo4j: a null argument gives null unless noted.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    InvalidOperation,
)
from typing import Any

from kgraph.cypher_engine.errors import CypherError
from kgraph.cypher_engine.graphview import GraphView
from kgraph.cypher_engine.values import (
    INT_MAX,
    INT_MIN,
    NodeRef,
    PathRef,
    RelRef,
    check_int,
    is_number,
    to_text,
    type_error,
)

Impl = Callable[[list[Any], GraphView], Any]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """How many arguments a function takes and what it does."""

    min_args: int
    max_args: int | None
    impl: Impl


def _expect(kind: type | tuple[type, ...], name: str, value: Any, function: str) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise type_error(name, value, f"{function}()")


def _number_arg(value: Any, function: str) -> float | int:
    if not is_number(value):
        raise type_error("a number", value, f"{function}()")
    number: float | int = value
    return number


def _nullable(function: Callable[[Any], Any]) -> Impl:
    """Wrap a one-argument function so that null in gives null out."""

    def impl(args: list[Any], _view: GraphView) -> Any:
        return None if args[0] is None else function(args[0])

    return impl


# -- graph elements ---------------------------------------------------------------------
def _element_id(args: list[Any], _view: GraphView) -> Any:
    value = args[0]
    if value is None:
        return None
    if isinstance(value, NodeRef):
        return str(value.id)
    if isinstance(value, RelRef):
        return value.element_id
    raise type_error("a Node or Relationship", value, "id()")


def _type(args: list[Any], view: GraphView) -> Any:
    if args[0] is None:
        return None
    _expect(RelRef, "a Relationship", args[0], "type")
    return view.rel_type(args[0])


def _labels(args: list[Any], view: GraphView) -> Any:
    if args[0] is None:
        return None
    _expect(NodeRef, "a Node", args[0], "labels")
    return list(view.labels(args[0].id))


def _properties(args: list[Any], view: GraphView) -> Any:
    value = args[0]
    if value is None:
        return None
    if isinstance(value, NodeRef):
        return {k: view.node_property(value.id, k) for k in view.node_props(value.id)}
    if isinstance(value, RelRef):
        return {k: view.rel_property(value, k) for k in view.rel_props(value)}
    if isinstance(value, dict):
        return dict(value)
    raise type_error("a Node, Relationship or Map", value, "properties()")


def _keys(args: list[Any], view: GraphView) -> Any:
    props = _properties(args, view)
    return None if props is None else list(props)


def _rel_end(attribute: str) -> Impl:
    def impl(args: list[Any], _view: GraphView) -> Any:
        if args[0] is None:
            return None
        _expect(RelRef, "a Relationship", args[0], attribute)
        return NodeRef(getattr(args[0], "start" if attribute == "startNode" else "end"))

    return impl


def _path_part(part: str) -> Impl:
    def impl(args: list[Any], _view: GraphView) -> Any:
        if args[0] is None:
            return None
        _expect(PathRef, "a Path", args[0], part)
        if part == "nodes":
            return [NodeRef(n) for n in args[0].nodes]
        if part == "length":
            return len(args[0].rels)
        return list(args[0].rels)

    return impl


# -- lists -----------------------------------------------------------------------------
def _size(value: Any) -> int:
    if isinstance(value, str | list | tuple):
        return len(value)
    raise type_error("a String or List", value, "size()")


def _list_arg(function: str, pick: Callable[[list[Any]], Any]) -> Impl:
    def impl(args: list[Any], _view: GraphView) -> Any:
        if args[0] is None:
            return None
        _expect((list, tuple), "a List", args[0], function)
        return pick(list(args[0]))

    return impl


def _range(args: list[Any], _view: GraphView) -> Any:
    step = args[2] if len(args) > 2 else 1
    for value in (args[0], args[1], step):
        _expect(int, "an Integer", value, "range")
    if step == 0:
        raise CypherError("range(): step argument cannot be zero")
    end = args[1] + (1 if step > 0 else -1)
    return list(range(args[0], end, step))


def _coalesce(args: list[Any], _view: GraphView) -> Any:
    return next((value for value in args if value is not None), None)


def _reverse(value: Any) -> Any:
    if isinstance(value, str):
        return value[::-1]
    if isinstance(value, list | tuple):
        return list(value)[::-1]
    raise type_error("a String or List", value, "reverse()")


def _is_empty(value: Any) -> bool:
    if isinstance(value, str | list | tuple | dict):
        return len(value) == 0
    raise type_error("a String, List or Map", value, "isEmpty()")


# -- strings ---------------------------------------------------------------------------
def _string_function(function: str, apply: Callable[[str], Any]) -> Impl:
    def impl(args: list[Any], _view: GraphView) -> Any:
        if args[0] is None:
            return None
        _expect(str, "a String", args[0], function)
        return apply(args[0])

    return impl


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
    _expect(int, "an Integer", args[1], "substring")
    start = args[1]
    if start < 0:
        raise CypherError("substring(): start must be a non-negative integer")
    if len(args) == 2:
        return args[0][start:]
    _expect(int, "an Integer", args[2], "substring")
    if args[2] < 0:
        raise CypherError("substring(): length must be a non-negative integer")
    return args[0][start : start + args[2]]


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
        if math.isnan(value) or math.isinf(value):
            return None
        return check_int(int(value))
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


# -- maths -----------------------------------------------------------------------------
def _math(function: str, apply: Callable[[float], Any]) -> Impl:
    def impl(args: list[Any], _view: GraphView) -> Any:
        if args[0] is None:
            return None
        try:
            return apply(_number_arg(args[0], function))
        except (ValueError, OverflowError):
            return math.nan

    return impl


def _abs(value: float | int) -> float | int:
    return check_int(abs(value)) if isinstance(value, int) else abs(value)


def _sign(value: float | int) -> int:
    return 0 if value == 0 or math.isnan(value) else (1 if value > 0 else -1)


def _floor_to_float(value: float | int) -> float:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return value
    return float(math.floor(value))


def _ceil_to_float(value: float | int) -> float:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return value
    return float(math.ceil(value))


def _log(value: float | int, base10: bool = False) -> float:
    if value == 0:
        return -math.inf
    if value < 0:
        return math.nan
    return math.log10(value) if base10 else math.log(value)


_ROUNDING_MODES = {
    "HALF_UP": ROUND_HALF_UP,
    "HALF_DOWN": ROUND_HALF_DOWN,
    "HALF_EVEN": ROUND_HALF_EVEN,
    "UP": ROUND_UP,
    "DOWN": ROUND_DOWN,
    "CEILING": ROUND_CEILING,
    "FLOOR": ROUND_FLOOR,
}


def _round(args: list[Any], _view: GraphView) -> Any:
    if args[0] is None:
        return None
    value = float(_number_arg(args[0], "round"))
    if math.isnan(value) or math.isinf(value):
        return value
    if len(args) == 1:
        # Java's Math.round: halves go towards positive infinity.
        return float(math.floor(value + 0.5))
    if args[1] is None:
        return None
    _expect(int, "an Integer", args[1], "round")
    mode = _ROUNDING_MODES.get(str(args[2]).upper()) if len(args) > 2 else ROUND_HALF_UP
    if mode is None:
        raise CypherError(f"round(): unknown rounding mode {args[2]!r}")
    try:
        quantum = Decimal(1).scaleb(-args[1])
        return float(Decimal(repr(value)).quantize(quantum, rounding=mode))
    except InvalidOperation:
        return value


def _build_table() -> dict[str, FunctionSpec]:
    def one(impl: Impl) -> FunctionSpec:
        return FunctionSpec(1, 1, impl)

    def nullable(apply: Callable[[Any], Any]) -> FunctionSpec:
        return FunctionSpec(1, 1, _nullable(apply))

    table: dict[str, FunctionSpec] = {
        "id": one(_element_id),
        "elementid": one(_element_id),
        "type": one(_type),
        "labels": one(_labels),
        "keys": one(_keys),
        "properties": one(_properties),
        "startnode": one(_rel_end("startNode")),
        "endnode": one(_rel_end("endNode")),
        "nodes": one(_path_part("nodes")),
        "relationships": one(_path_part("relationships")),
        "length": one(_path_part("length")),
        "size": nullable(_size),
        "head": one(_list_arg("head", lambda xs: xs[0] if xs else None)),
        "last": one(_list_arg("last", lambda xs: xs[-1] if xs else None)),
        "tail": one(_list_arg("tail", lambda xs: xs[1:])),
        "range": FunctionSpec(2, 3, _range),
        "coalesce": FunctionSpec(1, None, _coalesce),
        "reverse": nullable(_reverse),
        "isempty": nullable(_is_empty),
        "tolower": one(_string_function("toLower", str.lower)),
        "toupper": one(_string_function("toUpper", str.upper)),
        "trim": one(_string_function("trim", str.strip)),
        "ltrim": one(_string_function("ltrim", str.lstrip)),
        "rtrim": one(_string_function("rtrim", str.rstrip)),
        "replace": FunctionSpec(3, 3, _replace),
        "substring": FunctionSpec(2, 3, _substring),
        "split": FunctionSpec(2, 2, _split),
        "left": FunctionSpec(2, 2, _left_right("left")),
        "right": FunctionSpec(2, 2, _left_right("right")),
        "tostring": nullable(_to_string),
        "tointeger": nullable(_to_integer),
        "tofloat": nullable(_to_float),
        "toboolean": nullable(_to_boolean),
        "tostringornull": nullable(_or_null(_to_string)),
        "tointegerornull": nullable(_or_null(_to_integer)),
        "tofloatornull": nullable(_or_null(_to_float)),
        "tobooleanornull": nullable(_or_null(_to_boolean)),
        "abs": one(_math("abs", _abs)),
        "sign": one(_math("sign", _sign)),
        "floor": one(_math("floor", _floor_to_float)),
        "ceil": one(_math("ceil", _ceil_to_float)),
        "sqrt": one(_math("sqrt", lambda x: math.sqrt(x) if x >= 0 else math.nan)),
        "exp": one(_math("exp", math.exp)),
        "log": one(_math("log", _log)),
        "log10": one(_math("log10", lambda x: _log(x, base10=True))),
        "round": FunctionSpec(1, 3, _round),
        "pi": FunctionSpec(0, 0, lambda _args, _view: math.pi),
        "e": FunctionSpec(0, 0, lambda _args, _view: math.e),
        "rand": FunctionSpec(0, 0, lambda _args, _view: random.random()),
        "randomuuid": FunctionSpec(0, 0, lambda _args, _view: str(uuid.uuid4())),
    }
    return table


FUNCTIONS = _build_table()

__all__ = ["FUNCTIONS", "INT_MAX", "INT_MIN", "FunctionSpec"]

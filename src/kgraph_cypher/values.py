"""Runtime values: lightweight, hashable references to graph elements, and type names.

Rows carry ``NodeRef``/``RelRef``/``PathRef`` rather than full ``NodeValue`` objects: they
are cheap to create while matching and compare by identity; properties are read from the
graph only when an expression asks for them.  Everything else is a plain Python value
(None, bool, int, float, str, list, dict).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kgraph_cypher.errors import CypherError

Row = dict[str, Any]
Evaluator = Callable[[Row], Any]

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True)
class NodeRef:
    id: str


@dataclass(frozen=True, slots=True)
class RelRef:
    """A MultiDiGraph edge ``(start, end, key)``; direction is the stored one."""

    start: str
    end: str
    key: Any

    @property
    def element_id(self) -> str:
        return f"{self.start}|{self.key}|{self.end}"


@dataclass(frozen=True, slots=True)
class PathRef:
    """Node ids and relationships of a path, in path order."""

    nodes: tuple[str, ...]
    rels: tuple[RelRef, ...]


def is_number(value: Any) -> bool:
    """int or float, but not bool (a Python bool is an int; a Cypher one is not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPE_NAMES: dict[type, str] = {
    type(None): "Null",
    bool: "Boolean",
    int: "Integer",
    float: "Float",
    str: "String",
    list: "List",
    tuple: "List",
    dict: "Map",
    NodeRef: "Node",
    RelRef: "Relationship",
    PathRef: "Path",
}


def type_name(value: Any) -> str:
    """The Cypher type name of ``value``, for error messages."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def type_error(expected: str, value: Any, where: str = "") -> CypherError:
    """Neo4j-style ``Type mismatch: expected X but was Y``."""
    suffix = f" in {where}" if where else ""
    return CypherError(f"Type mismatch{suffix}: expected {expected} but was {type_name(value)}")


def check_int(value: int) -> int:
    """Cypher integers are 64-bit; overflow is an error, as in Neo4j."""
    if not INT_MIN <= value <= INT_MAX:
        raise CypherError("integer overflow: the result does not fit in a 64-bit integer")
    return value


def format_float(value: float) -> str:
    """A float as Java's ``Double.toString`` (and so Neo4j's ``toString``) writes it."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e7:
        text = repr(value)
        return text if "." in text else text + ".0"
    _sign, digits, exponent = Decimal(repr(magnitude)).normalize().as_tuple()
    assert isinstance(exponent, int)
    mantissa = "".join(map(str, digits))
    power = exponent + len(mantissa) - 1
    text = f"{mantissa[0]}.{mantissa[1:] or '0'}E{power}"
    return "-" + text if value < 0 else text


def to_text(value: Any) -> str:
    """String form used by ``toString`` and string concatenation."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    return str(value)

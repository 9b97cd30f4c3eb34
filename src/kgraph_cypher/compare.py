"""Cypher's three notions of sameness and order, which differ on purpose.

* ``equals``/``compare``: the ``=`` and ``<`` operators, three-valued (None = unknown).
* ``order_key``: ORDER BY, min() and max(); total over all types, nulls last.
* ``group_key``: DISTINCT, grouping and UNION; null equals null here, and 1 equals 1.0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, TypeVar

from kgraph_cypher.values import NodeRef, PathRef, RelRef, is_number

_GRAPH_TYPES = (NodeRef, RelRef, PathRef)
T = TypeVar("T")


def equals(left: Any, right: Any) -> bool | None:
    """``left = right`` with null propagation; lists/maps compare element-wise."""
    if left is None or right is None:
        return None
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return _sequence_equals(left, right)
    if isinstance(left, dict) and isinstance(right, dict):
        if left.keys() != right.keys():
            return False
        return _sequence_equals([left[k] for k in left], [right[k] for k in left])
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if is_number(left) and is_number(right):
        return bool(left == right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, _GRAPH_TYPES) and isinstance(right, _GRAPH_TYPES):
        return left == right
    return False


def _sequence_equals(left: Any, right: Any) -> bool | None:
    if len(left) != len(right):
        return False
    result: bool | None = True
    for a, b in zip(left, right, strict=True):
        same = equals(a, b)
        if same is False:
            return False
        if same is None:
            result = None
    return result


def compare(left: Any, right: Any) -> int | None:
    """-1/0/1 for comparable values (numbers, strings, booleans, lists), else None."""
    if left is None or right is None:
        return None
    if (
        (isinstance(left, bool) and isinstance(right, bool))
        or (is_number(left) and is_number(right))
        or (isinstance(left, str) and isinstance(right, str))
    ):
        return int(left > right) - int(left < right)
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        for a, b in zip(left, right, strict=False):
            result = compare(a, b)
            if result != 0:
                return result
        return (len(left) > len(right)) - (len(left) < len(right))
    return None


def is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


# Ascending type order of ORDER BY in Neo4j; null sorts after everything.
_RANK_MAP, _RANK_NODE, _RANK_REL, _RANK_LIST, _RANK_PATH = 0, 1, 2, 3, 4
_RANK_STRING, _RANK_BOOL, _RANK_NUMBER, _RANK_NULL = 5, 6, 7, 8


def order_key(value: Any) -> tuple[Any, ...]:
    """A sort key realising Neo4j's global ordering of values (ascending)."""
    if value is None:
        return (_RANK_NULL,)
    if isinstance(value, bool):
        return (_RANK_BOOL, value)
    if is_number(value):
        return (_RANK_NUMBER, 1, 0) if math.isnan(value) else (_RANK_NUMBER, 0, value)
    if isinstance(value, str):
        return (_RANK_STRING, value)
    if isinstance(value, list | tuple):
        return (_RANK_LIST, tuple(order_key(v) for v in value))
    if isinstance(value, dict):
        return (_RANK_MAP, tuple(sorted((k, order_key(v)) for k, v in value.items())))
    if isinstance(value, NodeRef):
        return (_RANK_NODE, str(value.id))
    if isinstance(value, RelRef):
        return (_RANK_REL, value.element_id)
    if isinstance(value, PathRef):
        return (_RANK_PATH, tuple(map(str, value.nodes)), tuple(r.element_id for r in value.rels))
    return (_RANK_NULL - 1, repr(value))


def distinct(items: Iterable[T], values: Callable[[T], Iterable[Any]]) -> Iterator[T]:
    """``items`` without repeats: two are the same when ``values`` of each are."""
    seen: set[Hashable] = set()
    for item in items:
        key = tuple(map(group_key, values(item)))
        if key not in seen:
            seen.add(key)
            yield item


def group_key(value: Any) -> Hashable:
    """A hashable key under which equivalent values (DISTINCT, grouping) coincide."""
    if value is None:
        return ("null",)
    if isinstance(value, bool):
        return ("bool", value)
    if is_number(value):
        return ("nan",) if math.isnan(value) else ("num", value)
    if isinstance(value, str):
        return ("str", value)
    if isinstance(value, list | tuple):
        return ("list", tuple(group_key(v) for v in value))
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda item: item[0])
        return ("map", tuple((k, group_key(v)) for k, v in items))
    if isinstance(value, Hashable):
        return value
    return ("other", repr(value))

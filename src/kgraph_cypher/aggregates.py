"""Aggregating functions: each reduces the values one group collected for it.

Nulls are skipped by every aggregate (``count(*)`` counts rows, not values), as in Neo4j.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any

from kgraph_cypher.compare import group_key, order_key
from kgraph_cypher.errors import CypherError
from kgraph_cypher.values import check_int, is_number, type_error

Reduce = Callable[[list[Any], list[Any]], Any]
"""The non-null values and the further arguments (a percentile) -> the aggregate."""


def _total(values: list[Any], function: str) -> int | float:
    for value in values:
        if not is_number(value):
            raise type_error("a number", value, f"{function}()")
    total: int | float = sum(values, 0)
    return check_int(total) if isinstance(total, int) else total


def _avg(values: list[Any], _extra: list[Any]) -> Any:
    return float(_total(values, "avg")) / len(values) if values else None


def _stdev(population: bool) -> Reduce:
    def reduce(values: list[Any], _extra: list[Any]) -> Any:
        if not all(map(is_number, values)):
            raise CypherError("stDev(): all values must be numbers")
        if not values:
            return None
        count = len(values) if population else len(values) - 1
        if count <= 0:
            return 0.0
        mean = sum(values) / len(values)
        return math.sqrt(sum((float(n) - mean) ** 2 for n in values) / count)

    return reduce


def _percentile(continuous: bool) -> Reduce:
    def reduce(values: list[Any], extra: list[Any]) -> Any:
        if not values:
            return None
        percentile: Any = extra[0] if extra else None
        if not is_number(percentile) or not 0 <= percentile <= 1:
            raise CypherError("percentile must be a number between 0.0 and 1.0")
        ordered = sorted(values, key=order_key)
        if not continuous:
            return ordered[max(0, math.ceil(percentile * len(ordered)) - 1)]
        position = percentile * (len(ordered) - 1)
        lower, upper = float(ordered[math.floor(position)]), float(ordered[math.ceil(position)])
        return lower + (upper - lower) * (position - math.floor(position))

    return reduce


_REDUCERS: dict[str, Reduce] = {
    "count": lambda values, _extra: len(values),
    "collect": lambda values, _extra: list(values),
    "sum": lambda values, _extra: _total(values, "sum"),
    "avg": _avg,
    "min": lambda values, _extra: min(values, key=order_key) if values else None,
    "max": lambda values, _extra: max(values, key=order_key) if values else None,
    "stdev": _stdev(population=False),
    "stdevp": _stdev(population=True),
    "percentilecont": _percentile(continuous=True),
    "percentiledisc": _percentile(continuous=False),
}

# name -> (minimum, maximum) number of arguments.
AGGREGATE_ARITY: dict[str, tuple[int, int]] = {
    name: (2, 2) if name.startswith("percentile") else (1, 1) for name in _REDUCERS
}


class Aggregator:
    """One aggregate call in one group: ``add`` gets the call's evaluated arguments for
    each row; ``name`` None means ``count(*)``, ``distinct`` keeps each value once."""

    def __init__(self, name: str | None, distinct: bool) -> None:
        self.reduce = _REDUCERS[name.lower()] if name is not None else None
        self.seen: set[Hashable] | None = set() if distinct else None
        self.rows = 0
        self.values: list[Any] = []
        self.extra: list[Any] = []

    def add(self, args: list[Any]) -> None:
        self.rows += 1
        if not args or args[0] is None:
            return
        if self.seen is not None:
            key = group_key(args[0])
            if key in self.seen:
                return
            self.seen.add(key)
        self.values.append(args[0])
        if not self.extra:
            self.extra = args[1:]

    def result(self) -> Any:
        return self.rows if self.reduce is None else self.reduce(self.values, self.extra)

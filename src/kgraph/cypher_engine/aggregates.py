"""Aggregating functions: one accumulator object per group and aggregate call.

Nulls are skipped by every aggregate (``count(*)`` counts rows, not values), as in Neo4j.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any

from kgraph.cypher_engine.compare import group_key, order_key
from kgraph.cypher_engine.errors import CypherError
from kgraph.cypher_engine.values import check_int, is_number, type_error


class Aggregator:
    """Base accumulator: ``add`` receives the evaluated arguments of one row."""

    def add(self, args: list[Any]) -> None:
        raise NotImplementedError

    def result(self) -> Any:
        raise NotImplementedError


class CountRows(Aggregator):
    """``count(*)``."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, args: list[Any]) -> None:
        self.count += 1

    def result(self) -> Any:
        return self.count


class _ValueAggregator(Aggregator):
    """Aggregates over the non-null values of the first argument."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.extra: list[Any] = []

    def add(self, args: list[Any]) -> None:
        if args[0] is not None:
            self.values.append(args[0])
            if not self.extra:
                self.extra = args[1:]


class _Count(_ValueAggregator):
    def result(self) -> Any:
        return len(self.values)


class _Collect(_ValueAggregator):
    def result(self) -> Any:
        return list(self.values)


def _total(values: list[Any], function: str) -> int | float:
    for value in values:
        if not is_number(value):
            raise type_error("a number", value, f"{function}()")
    total: int | float = sum(values, 0)
    return check_int(total) if isinstance(total, int) else total


class _Sum(_ValueAggregator):
    def result(self) -> Any:
        return _total(self.values, "sum")


class _Avg(_ValueAggregator):
    def result(self) -> Any:
        if not self.values:
            return None
        return float(_total(self.values, "avg")) / len(self.values)


class _Min(_ValueAggregator):
    def result(self) -> Any:
        return min(self.values, key=order_key) if self.values else None


class _Max(_ValueAggregator):
    def result(self) -> Any:
        return max(self.values, key=order_key) if self.values else None


class _StDev(_ValueAggregator):
    population = False

    def result(self) -> Any:
        numbers = [float(v) for v in self.values if is_number(v)]
        if len(numbers) != len(self.values):
            raise CypherError("stDev(): all values must be numbers")
        if not numbers:
            return None
        count = len(numbers) if self.population else len(numbers) - 1
        if count <= 0:
            return 0.0
        mean = sum(numbers) / len(numbers)
        return math.sqrt(sum((n - mean) ** 2 for n in numbers) / count)


class _StDevP(_StDev):
    population = True


class _Percentile(_ValueAggregator):
    continuous = True

    def _percentile(self) -> float:
        percentile: Any = self.extra[0] if self.extra else None
        if not is_number(percentile) or not 0 <= percentile <= 1:
            raise CypherError("percentile must be a number between 0.0 and 1.0")
        return float(percentile)

    def result(self) -> Any:
        if not self.values:
            return None
        percentile = self._percentile()
        values = sorted(self.values, key=order_key)
        if not self.continuous:
            index = max(0, math.ceil(percentile * len(values)) - 1)
            return values[index]
        position = percentile * (len(values) - 1)
        lower, upper = math.floor(position), math.ceil(position)
        fraction = position - lower
        return float(values[lower]) + (float(values[upper]) - float(values[lower])) * fraction


class _PercentileDisc(_Percentile):
    continuous = False


class _Distinct(Aggregator):
    """``agg(DISTINCT x)``: feeds each distinct non-null value once."""

    def __init__(self, inner: Aggregator) -> None:
        self.inner = inner
        self.seen: set[Hashable] = set()

    def add(self, args: list[Any]) -> None:
        if args[0] is None:
            return
        key = group_key(args[0])
        if key not in self.seen:
            self.seen.add(key)
            self.inner.add(args)

    def result(self) -> Any:
        return self.inner.result()


_AGGREGATORS: dict[str, Callable[[], Aggregator]] = {
    "count": _Count,
    "collect": _Collect,
    "sum": _Sum,
    "avg": _Avg,
    "min": _Min,
    "max": _Max,
    "stdev": _StDev,
    "stdevp": _StDevP,
    "percentilecont": _Percentile,
    "percentiledisc": _PercentileDisc,
}


# name -> (minimum, maximum) number of arguments.
AGGREGATE_ARITY: dict[str, tuple[int, int]] = {
    name: (2, 2) if name.startswith("percentile") else (1, 1) for name in _AGGREGATORS
}


def make_aggregator(name: str | None, distinct: bool) -> Aggregator:
    """A fresh accumulator; ``name`` None means ``count(*)``."""
    if name is None:
        return CountRows()
    aggregator = _AGGREGATORS[name.lower()]()
    return _Distinct(aggregator) if distinct else aggregator

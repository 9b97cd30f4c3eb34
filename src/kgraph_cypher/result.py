"""What a query returns: columns and rows of plain Python values, with graph elements as
:class:`Node`, :class:`Relationship` and :class:`Path`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Node:
    """A node: its id in the graph, its labels and a copy of its properties."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Relationship:
    """A relationship: ``start -[type]-> end``, with a copy of its properties."""

    id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Path:
    """Alternating nodes and relationships, ``len(nodes) == len(relationships) + 1``."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]


@dataclass(slots=True)
class Result:
    """Columns and rows of a query."""

    columns: list[str]
    rows: list[list[Any]]

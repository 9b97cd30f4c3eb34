"""The typed syntax tree the parser produces and the executor runs.

Every node is a frozen dataclass without source positions, so two spellings of the same
expression compare equal; the projection code relies on that to match ``ORDER BY count(*)``
with ``RETURN count(*)``.  Only projection items keep their source text, because Neo4j names
result columns after the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from typing import Literal as TypingLiteral

Direction = TypingLiteral["out", "in", "both"]


class Expr:
    """Base class of all expression nodes."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Literal(Expr):
    """A scalar literal: int, float, str, bool or None."""

    value: Any


@dataclass(frozen=True, slots=True)
class Parameter(Expr):
    name: str


@dataclass(frozen=True, slots=True)
class Variable(Expr):
    name: str


@dataclass(frozen=True, slots=True)
class Property(Expr):
    subject: Expr
    key: str


@dataclass(frozen=True, slots=True)
class Subscript(Expr):
    """``subject[index]`` on lists (integer index) and maps/nodes (string key)."""

    subject: Expr
    index: Expr


@dataclass(frozen=True, slots=True)
class Slice(Expr):
    """``subject[start..end]``; a missing bound is ``None``."""

    subject: Expr
    start: Expr | None
    end: Expr | None


@dataclass(frozen=True, slots=True)
class ListLiteral(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class MapLiteral(Expr):
    items: tuple[tuple[str, Expr], ...]


@dataclass(frozen=True, slots=True)
class MapProjection(Expr):
    """``subject {.key, .*, name: expr, variable}``.

    Each item is ``(kind, key, expr)`` with kind ``"property"``, ``"all"``, ``"literal"``
    or ``"variable"``; ``expr`` is set for ``"literal"`` and ``"variable"`` items.
    """

    subject: Expr
    items: tuple[tuple[str, str, Expr | None], ...]


@dataclass(frozen=True, slots=True)
class Unary(Expr):
    """``-x``, ``+x``, ``NOT x``, ``x IS NULL`` or ``x IS NOT NULL``."""

    op: str
    operand: Expr


@dataclass(frozen=True, slots=True)
class Binary(Expr):
    """Arithmetic, boolean, comparison, string and list operators; ``op`` is upper-case."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class LabelCheck(Expr):
    """``n:Label1:Label2`` (all labels must be present)."""

    subject: Expr
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FunctionCall(Expr):
    """A function call; ``name`` is as written (dotted for namespaced functions)."""

    name: str
    args: tuple[Expr, ...]
    distinct: bool = False


@dataclass(frozen=True, slots=True)
class CountStar(Expr):
    """``count(*)``."""


@dataclass(frozen=True, slots=True)
class Case(Expr):
    """Simple (``subject`` set) or generic CASE."""

    subject: Expr | None
    whens: tuple[tuple[Expr, Expr], ...]
    default: Expr | None


@dataclass(frozen=True, slots=True)
class ListComprehension(Expr):
    variable: str
    source: Expr
    where: Expr | None
    projection: Expr | None


@dataclass(frozen=True, slots=True)
class Quantifier(Expr):
    """``any/all/none/single(x IN list WHERE predicate)``."""

    kind: str
    variable: str
    source: Expr
    where: Expr


@dataclass(frozen=True, slots=True)
class Reduce(Expr):
    accumulator: str
    init: Expr
    variable: str
    source: Expr
    expression: Expr


@dataclass(frozen=True, slots=True)
class VarLength:
    """``*min..max``; ``max_hops`` None means unbounded."""

    min_hops: int
    max_hops: int | None


@dataclass(frozen=True, slots=True)
class NodePattern:
    variable: str | None
    labels: tuple[str, ...]
    properties: tuple[tuple[str, Expr], ...]
    where: Expr | None = None


@dataclass(frozen=True, slots=True)
class RelPattern:
    variable: str | None
    types: tuple[str, ...]
    direction: Direction
    properties: tuple[tuple[str, Expr], ...]
    length: VarLength | None = None
    where: Expr | None = None


@dataclass(frozen=True, slots=True)
class PatternPart:
    """A chain ``(n0)-[r0]-(n1)...``; ``len(nodes) == len(rels) + 1``."""

    variable: str | None
    nodes: tuple[NodePattern, ...]
    rels: tuple[RelPattern, ...]


@dataclass(frozen=True, slots=True)
class PatternPredicate(Expr):
    """A pattern used as a boolean: true when it has at least one match."""

    part: PatternPart


@dataclass(frozen=True, slots=True)
class PatternComprehension(Expr):
    """``[p = (a)-->(b) WHERE ... | expr]``."""

    part: PatternPart
    where: Expr | None
    projection: Expr


class Clause:
    """Base class of all clauses."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Match(Clause):
    pattern: tuple[PatternPart, ...]
    where: Expr | None
    optional: bool


@dataclass(frozen=True, slots=True)
class Unwind(Clause):
    expression: Expr
    variable: str


@dataclass(frozen=True, slots=True)
class ProjectionItem:
    """``expression [AS alias]``; ``text`` is the expression as written (column name)."""

    expression: Expr
    alias: str | None
    text: str

    @property
    def name(self) -> str:
        if self.alias is not None:
            return self.alias
        if isinstance(self.expression, Variable):
            return self.expression.name
        return self.text


@dataclass(frozen=True, slots=True)
class SortItem:
    expression: Expr
    descending: bool


@dataclass(frozen=True, slots=True)
class Projection:
    """The body shared by WITH and RETURN."""

    distinct: bool
    star: bool
    items: tuple[ProjectionItem, ...]
    order: tuple[SortItem, ...]
    skip: Expr | None
    limit: Expr | None


@dataclass(frozen=True, slots=True)
class With(Clause):
    projection: Projection
    where: Expr | None


@dataclass(frozen=True, slots=True)
class Return(Clause):
    projection: Projection


@dataclass(frozen=True, slots=True)
class SingleQuery:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """One or more single queries joined by UNION (``union_all``) ."""

    parts: tuple[SingleQuery, ...]
    union_all: bool = False

"""Pattern matching: finds all bindings of a MATCH pattern, extending an input row.

Each comma-separated part is matched from its cheapest node (already bound, found through a
property index, or with the rarest label) and expanded along adjacency in both directions.
A relationship is used at most once per match of the whole pattern (Neo4j's relationship
isomorphism), which also makes unbounded ``*`` terminate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kgraph_cypher import ast
from kgraph_cypher.astutil import free_variables
from kgraph_cypher.compare import equals
from kgraph_cypher.errors import CypherError
from kgraph_cypher.expressions import ExpressionCompiler
from kgraph_cypher.graphview import GraphView, Hop
from kgraph_cypher.values import Evaluator, NodeRef, PathRef, RelRef, Row, type_error

Predicate = Callable[[Row], bool]
Segment = tuple[tuple[RelRef, ...], tuple[str, ...]]
Props = list[tuple[str, Any]]
_FLIP: dict[ast.Direction, ast.Direction] = {"out": "in", "in": "out", "both": "both"}
_ID_HINT = "\x00id"


@dataclass(frozen=True, slots=True)
class _Element:
    """A compiled node or relationship pattern."""

    variable: str | None
    labels: tuple[str, ...]
    props: tuple[tuple[str, Evaluator], ...]
    where: Predicate | None
    direction: ast.Direction = "both"
    length: ast.VarLength | None = None


@dataclass(frozen=True, slots=True)
class _Part:
    variable: str | None
    nodes: tuple[_Element, ...]
    rels: tuple[_Element, ...]


@dataclass(frozen=True, slots=True)
class _Hint:
    """``var.key = value`` (or ``id(var) = value``) taken from the WHERE clause."""

    key: str
    value: Evaluator
    needs: frozenset[str]
    any_of: bool = False
    """``var.key IN list``: the node's value is one of the list's."""


@dataclass(frozen=True, slots=True)
class _AnyOf:
    """The values of an ``IN`` hint, evaluated for one row."""

    values: tuple[Any, ...]


@dataclass(slots=True)
class _RowState:
    """Property values evaluated once per input row: ``[part][element] -> [(key, value)]``."""

    node_props: list[list[Props]]
    rel_props: list[list[Props]]
    lookups: dict[tuple[int, int], Props]


class PatternMatcher:
    """Callable: input row -> iterator of rows extended with the pattern's variables."""

    def __init__(
        self,
        view: GraphView,
        parts: tuple[ast.PatternPart, ...],
        compiler: ExpressionCompiler,
        where: ast.Expr | None = None,
    ) -> None:
        self.view = view
        self.parts = tuple(_compile_part(part, compiler) for part in parts)
        self.hints = _extract_hints(parts, where, compiler.compile)

    def __call__(self, row: Row) -> Iterator[Row]:
        state = self._prepare(row)
        for bindings, _used in self._match_parts(
            state, tuple(range(len(self.parts))), row, frozenset()
        ):
            yield bindings

    # -- per-row preparation -------------------------------------------------------------
    def _prepare(self, row: Row) -> _RowState:
        node_props = [[_evaluate(n.props, row) for n in part.nodes] for part in self.parts]
        rel_props = [[_evaluate(r.props, row) for r in part.rels] for part in self.parts]
        lookups: dict[tuple[int, int], Props] = {}
        for (part_index, node_index), hints in self.hints.items():
            found = list(node_props[part_index][node_index])
            for hint in hints:
                if hint.needs <= row.keys():
                    try:
                        value = hint.value(row)
                    except CypherError:
                        continue
                    if hint.any_of:
                        if not isinstance(value, list):
                            continue  # WHERE reports the error or filters the rows
                        value = _AnyOf(tuple(value))
                    found.append((hint.key, value))
            found.sort(key=lambda item: isinstance(item[1], _AnyOf))  # equalities first
            lookups[(part_index, node_index)] = found
        return _RowState(node_props, rel_props, lookups)

    # -- planning ----------------------------------------------------------------------------
    def _match_parts(
        self, state: _RowState, remaining: tuple[int, ...], bindings: Row, used: frozenset[RelRef]
    ) -> Iterator[tuple[Row, frozenset[RelRef]]]:
        if not remaining:
            yield bindings, used
            return
        part_index, start = self._choose_start(state, remaining, bindings)
        rest = tuple(i for i in remaining if i != part_index)
        for extended, now_used in self._match_part(state, part_index, start, bindings, used):
            yield from self._match_parts(state, rest, extended, now_used)

    def _choose_start(
        self, state: _RowState, remaining: tuple[int, ...], bindings: Row
    ) -> tuple[int, int]:
        """The (part, node) to start from: a bound node if any, else the fewest candidates."""
        for part_index in remaining:
            for node_index, node in enumerate(self.parts[part_index].nodes):
                if node.variable is not None and node.variable in bindings:
                    return part_index, node_index
        best: tuple[int, int, int] | None = None
        for part_index in remaining:
            for node_index in range(len(self.parts[part_index].nodes)):
                cost = self._cost(state, part_index, node_index)
                if best is None or cost < best[0]:
                    best = (cost, part_index, node_index)
        assert best is not None
        return best[1], best[2]

    def _lookup(self, state: _RowState, part_index: int, node_index: int) -> Props:
        return (
            state.lookups.get((part_index, node_index)) or state.node_props[part_index][node_index]
        )

    def _smallest_label(self, labels: tuple[str, ...]) -> str | None:
        if len(labels) < 2:
            return labels[0] if labels else None
        return min(labels, key=self.view.label_count)

    def _cost(self, state: _RowState, part_index: int, node_index: int) -> int:
        lookup = self._lookup(state, part_index, node_index)
        if any(key == _ID_HINT for key, _value in lookup):
            return 1
        label = self._smallest_label(self.parts[part_index].nodes[node_index].labels)
        if lookup:
            return len(self._indexed(label, *lookup[0]))
        if label is not None:
            return self.view.label_count(label)
        return self.view.node_count()

    def _candidates(
        self, state: _RowState, part_index: int, node_index: int, bindings: Row
    ) -> Iterable[str]:
        node = self.parts[part_index].nodes[node_index]
        if node.variable is not None and node.variable in bindings:
            bound = bindings[node.variable]
            if bound is None:
                return ()
            if not isinstance(bound, NodeRef):
                raise type_error("a Node", bound, f"pattern variable `{node.variable}`")
            return (bound.id,)
        lookup = self._lookup(state, part_index, node_index)
        for key, value in lookup:
            if key == _ID_HINT:
                return (value,) if isinstance(value, str) and self.view.has_node(value) else ()
        label = self._smallest_label(node.labels)
        if lookup:
            return self._indexed(label, *lookup[0])
        return self.view.all_nodes() if label is None else self.view.nodes_with_label(label)

    def _indexed(self, label: str | None, key: str, value: Any) -> list[str]:
        """The nodes a property lookup (an equality or an ``IN`` list) may match."""
        if value is None:
            return []
        if isinstance(value, _AnyOf):
            return self.view.nodes_with_any(label, key, value.values)
        return self.view.nodes_with_property(label, key, value)

    # -- matching one part -------------------------------------------------------------------
    def _match_part(
        self,
        state: _RowState,
        part_index: int,
        start: int,
        bindings: Row,
        used: frozenset[RelRef],
    ) -> Iterator[tuple[Row, frozenset[RelRef]]]:
        part = self.parts[part_index]
        walk = _Walk(
            part_index=part_index,
            steps=[(j, True) for j in range(start, len(part.rels))]
            + [(j, False) for j in range(start - 1, -1, -1)],
            node_ids=[""] * len(part.nodes),
            segments=[((), ())] * len(part.rels),
        )
        for candidate in self._candidates(state, part_index, start, bindings):
            bound = self._bind_node(state, part_index, start, candidate, bindings)
            if bound is not None:
                walk.node_ids[start] = candidate
                yield from self._walk(state, walk, 0, bound, used)

    def _walk(
        self, state: _RowState, walk: _Walk, step: int, bindings: Row, used: frozenset[RelRef]
    ) -> Iterator[tuple[Row, frozenset[RelRef]]]:
        part = self.parts[walk.part_index]
        if step == len(walk.steps):
            if part.variable is not None:
                bindings = {**bindings, part.variable: _path(walk)}
            yield bindings, used
            return
        j, forward = walk.steps[step]
        source, target = (j, j + 1) if forward else (j + 1, j)
        for rels, nodes in self._traverse(
            state, walk.part_index, j, walk.node_ids[source], forward, used
        ):
            end = nodes[-1]
            bound = self._bind_node(state, walk.part_index, target, end, bindings)
            if bound is None:
                continue
            if not forward:
                rels, nodes = rels[::-1], nodes[::-1]
            bound = self._bind_rel(walk.part_index, j, rels, bound)
            if bound is None:
                continue
            walk.node_ids[target] = end
            walk.segments[j] = (rels, nodes)
            yield from self._walk(state, walk, step + 1, bound, used.union(rels))

    def _bind_node(
        self, state: _RowState, part_index: int, node_index: int, node_id: str, bindings: Row
    ) -> Row | None:
        """``bindings`` extended with the node, or None if the node does not fit."""
        node = self.parts[part_index].nodes[node_index]
        name = node.variable
        if name is not None and name in bindings:
            bound = bindings[name]
            if bound is not None and not isinstance(bound, NodeRef):
                raise type_error("a Node", bound, f"pattern variable `{name}`")
            if bound is None or bound.id != node_id:
                return None
        if node.labels:
            present = self.view.labels(node_id)
            if any(label not in present for label in node.labels):
                return None
        for key, value in state.node_props[part_index][node_index]:
            if equals(self.view.node_property(node_id, key), value) is not True:
                return None
        if name is not None and name not in bindings:
            bindings = {**bindings, name: NodeRef(node_id)}
        if node.where is not None and not node.where(bindings):
            return None
        return bindings

    def _bind_rel(
        self, part_index: int, rel_index: int, rels: tuple[RelRef, ...], bindings: Row
    ) -> Row | None:
        rel = self.parts[part_index].rels[rel_index]
        value: Any = rels[0] if rel.length is None else list(rels)
        if rel.variable is not None:
            if rel.variable in bindings:
                bound = bindings[rel.variable]
                if bound is not None and not isinstance(bound, RelRef | list):
                    raise type_error("a Relationship", bound, f"pattern variable `{rel.variable}`")
                if bound != value:
                    return None
            else:
                bindings = {**bindings, rel.variable: value}
        if rel.where is not None and not rel.where(bindings):
            return None
        return bindings

    # -- expansion ---------------------------------------------------------------------------
    def _traverse(
        self,
        state: _RowState,
        part_index: int,
        rel_index: int,
        source: str,
        forward: bool,
        used: frozenset[RelRef],
    ) -> Iterator[Segment]:
        """Relationship sequences (and the nodes along them) leaving ``source``."""
        rel = self.parts[part_index].rels[rel_index]
        direction = rel.direction if forward else _FLIP[rel.direction]
        props = state.rel_props[part_index][rel_index]
        types = frozenset(rel.labels)
        if rel.length is None:
            for hop, other in self._hops(source, types, direction, props):
                if hop not in used:
                    yield (hop,), (source, other)
            return
        yield from self._var_length(source, types, direction, props, rel.length, used)

    def _hops(
        self, node_id: str, types: frozenset[str], direction: ast.Direction, props: Props
    ) -> Iterator[Hop]:
        hops: list[Iterable[Hop]] = []
        if direction in ("out", "both"):
            hops.append(self.view.outgoing(node_id, types))
        if direction in ("in", "both"):
            hops.append(self.view.incoming(node_id, types, skip_loops=direction == "both"))
        for iterable in hops:
            if not props:
                yield from iterable
                continue
            for hop, other in iterable:
                if all(
                    equals(self.view.rel_property(hop, key), value) is True for key, value in props
                ):
                    yield hop, other

    def _var_length(
        self,
        source: str,
        types: frozenset[str],
        direction: ast.Direction,
        props: Props,
        length: ast.VarLength,
        used: frozenset[RelRef],
    ) -> Iterator[Segment]:
        """Depth-first, iteratively (long chains must not hit the recursion limit)."""
        low, high = length.min_hops, length.max_hops
        if low == 0:
            yield (), (source,)
        if high is not None and high < max(low, 1):
            return
        rels: list[RelRef] = []
        nodes = [source]
        on_path: set[RelRef] = set()
        stack = [self._hops(source, types, direction, props)]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                if rels:
                    on_path.discard(rels.pop())
                    nodes.pop()
                continue
            hop, other = step
            if hop in on_path or hop in used:
                continue
            rels.append(hop)
            nodes.append(other)
            on_path.add(hop)
            if len(rels) >= low:
                yield tuple(rels), tuple(nodes)
            if high is None or len(rels) < high:
                stack.append(self._hops(other, types, direction, props))
            else:
                on_path.discard(rels.pop())
                nodes.pop()


@dataclass(slots=True)
class _Walk:
    """Mutable state of matching one part: the nodes and segments chosen so far."""

    part_index: int
    steps: list[tuple[int, bool]]
    node_ids: list[str]
    segments: list[Segment]


def _path(walk: _Walk) -> PathRef:
    if not walk.segments:
        return PathRef((walk.node_ids[0],), ())
    nodes = [walk.segments[0][1][0]]
    rels: list[RelRef] = []
    for segment_rels, segment_nodes in walk.segments:
        nodes.extend(segment_nodes[1:])
        rels.extend(segment_rels)
    return PathRef(tuple(nodes), tuple(rels))


def _evaluate(props: tuple[tuple[str, Evaluator], ...], row: Row) -> Props:
    return [(key, value(row)) for key, value in props]


def _compile_element(
    element: ast.NodePattern | ast.RelPattern, compiler: ExpressionCompiler
) -> _Element:
    props = tuple((key, compiler.compile(value)) for key, value in element.properties)
    where = compiler.compile_predicate(element.where) if element.where is not None else None
    if isinstance(element, ast.NodePattern):
        return _Element(element.variable, element.labels, props, where)
    return _Element(
        element.variable, element.types, props, where, element.direction, element.length
    )


def _compile_part(part: ast.PatternPart, compiler: ExpressionCompiler) -> _Part:
    return _Part(
        part.variable,
        tuple(_compile_element(node, compiler) for node in part.nodes),
        tuple(_compile_element(rel, compiler) for rel in part.rels),
    )


def _conjuncts(expr: ast.Expr | None) -> list[ast.Expr]:
    if expr is None:
        return []
    if isinstance(expr, ast.Binary) and expr.op == "AND":
        return _conjuncts(expr.left) + _conjuncts(expr.right)
    return [expr]


def _hint_target(expr: ast.Expr) -> tuple[str, str] | None:
    """``(variable, key)`` for ``var.key`` or ``(variable, _ID_HINT)`` for ``id(var)``."""
    if isinstance(expr, ast.Property) and isinstance(expr.subject, ast.Variable):
        return expr.subject.name, expr.key
    if (
        isinstance(expr, ast.FunctionCall)
        and expr.name.lower() in ("id", "elementid")
        and len(expr.args) == 1
        and isinstance(expr.args[0], ast.Variable)
    ):
        return expr.args[0].name, _ID_HINT
    return None


def _extract_hints(
    parts: tuple[ast.PatternPart, ...],
    where: ast.Expr | None,
    compile_value: Callable[[ast.Expr], Evaluator],
) -> dict[tuple[int, int], list[_Hint]]:
    """Equalities and ``var.key IN list`` in WHERE that can narrow the start nodes (WHERE
    still filters after)."""
    positions: dict[str, tuple[int, int]] = {}
    for part_index, part in enumerate(parts):
        for node_index, node in enumerate(part.nodes):
            if node.variable is not None:
                positions.setdefault(node.variable, (part_index, node_index))
    hints: dict[tuple[int, int], list[_Hint]] = {}
    for conjunct in _conjuncts(where):
        if not isinstance(conjunct, ast.Binary) or conjunct.op not in ("=", "IN"):
            continue
        sides = [(conjunct.left, conjunct.right)]
        if conjunct.op == "=":
            sides.append((conjunct.right, conjunct.left))
        for target, other in sides:
            found = _hint_target(target)
            # Usable only when ``other`` can be evaluated from the input row alone; that is
            # checked per row, as a variable of this pattern may be bound by an earlier clause.
            needs = free_variables(other)
            if found is None or found[0] not in positions or found[0] in needs:
                continue
            if conjunct.op == "IN" and found[1] == _ID_HINT:
                continue
            any_of = conjunct.op == "IN"
            hint = _Hint(found[1], compile_value(other), frozenset(needs), any_of)
            hints.setdefault(positions[found[0]], []).append(hint)
            break
    return hints

"""Read access to a graph for one query execution: the :class:`GraphView` the executor
reads through, and its implementation over a networkx graph, with lazy indexes.

The engine reads a graph only through :class:`GraphView`'s methods, so any source that
answers them can be queried: :class:`NetworkxView` here, and
:class:`~kgraph_cypher.sqlite_view.SqliteView` over a database file.  A view lives
for one execution, so its indexes and caches are never stale.

Besides the graph's own edges, a :class:`DerivedEdges` source may supply edges that
follow from node properties and are not stored (the embedded store's claim edges).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from kgraph_cypher.compare import group_key
from kgraph_cypher.result import Node, Path, Relationship
from kgraph_cypher.values import NodeRef, PathRef, RelRef

if TYPE_CHECKING:
    import networkx as nx

Hop = tuple[RelRef, str]

_NO_PROPS: Mapping[str, Any] = {}


class DerivedEdges(Protocol):
    """Edges computed rather than stored: each has a type of :attr:`types`, no
    properties, and at most one of a type leaves a node (so its key is its type)."""

    types: frozenset[str]

    def outgoing(
        self, labels: tuple[str, ...], props: Mapping[str, Any]
    ) -> Iterable[tuple[str, str]]:
        """``(type, end node)`` of the derived edges leaving a node with these labels and
        properties."""

    def incoming(self, node: str) -> Iterable[tuple[str, str]]:
        """``(type, start node)`` of the derived edges entering ``node``."""


def labels_of(data: Mapping[str, Any]) -> tuple[str, ...]:
    """A node's ``labels`` attribute as a tuple (a single string is one label)."""
    labels = data.get("labels") or ()
    return (labels,) if isinstance(labels, str) else tuple(labels)


def plain(value: Any) -> Any:
    """Stored property values and parameters as Cypher values (tuples become lists, map keys
    strings), copied."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


class GraphView(ABC):
    """What the executor asks of a graph: labels, properties, adjacency, indexes.

    Lists of node ids and adjacency come in a stable order (the order nodes and edges
    were added), so a query without ORDER BY answers the same way every time.
    """

    def __init__(self) -> None:
        self._property_index: dict[tuple[str | None, str], dict[Hashable, list[str]]] = {}

    @abstractmethod
    def has_node(self, node_id: str) -> bool: ...

    @abstractmethod
    def labels(self, node_id: str) -> tuple[str, ...]: ...

    @abstractmethod
    def node_props(self, node_id: str) -> Mapping[str, Any]: ...

    @abstractmethod
    def node_count(self) -> int: ...

    @abstractmethod
    def all_nodes(self) -> list[str]: ...

    @abstractmethod
    def nodes_with_label(self, label: str) -> list[str]: ...

    def label_count(self, label: str) -> int:
        """How many nodes have ``label`` (for planning)."""
        return len(self.nodes_with_label(label))

    @abstractmethod
    def rel_type(self, rel: RelRef) -> str: ...

    @abstractmethod
    def rel_props(self, rel: RelRef) -> Mapping[str, Any]: ...

    @abstractmethod
    def outgoing(self, node_id: str, types: frozenset[str]) -> Iterator[Hop]:
        """Outgoing relationships of ``types`` (all if empty) with the node at the far end."""

    @abstractmethod
    def incoming(self, node_id: str, types: frozenset[str], skip_loops: bool) -> Iterator[Hop]:
        """Incoming relationships; ``skip_loops`` avoids reporting a self-loop twice."""

    def node_property(self, node_id: str, key: str) -> Any:
        return plain(self.node_props(node_id).get(key))

    def rel_property(self, rel: RelRef, key: str) -> Any:
        return plain(self.rel_props(rel).get(key))

    def nodes_with_property(self, label: str | None, key: str, value: Any) -> list[str]:
        """Candidate nodes whose ``key`` is equivalent to ``value`` (a superset filter),
        from an index of ``key`` over the nodes of ``label`` built once per view."""
        index = self._property_index.get((label, key))
        if index is None:
            index = self._property_index[(label, key)] = {}
            for node_id in self.all_nodes() if label is None else self.nodes_with_label(label):
                stored = self.node_props(node_id).get(key)
                if stored is not None:
                    index.setdefault(group_key(stored), []).append(node_id)
        return index.get(group_key(value), [])

    def nodes_with_any(self, label: str | None, key: str, values: Iterable[Any]) -> list[str]:
        """Candidate nodes whose ``key`` is equivalent to one of ``values``, in node order
        (a superset filter)."""
        found = {
            n for v in values if v is not None for n in self.nodes_with_property(label, key, v)
        }
        if not found:
            return []
        nodes = self.all_nodes() if label is None else self.nodes_with_label(label)
        return [n for n in nodes if n in found]

    # -- results ---------------------------------------------------------------------------
    def node_value(self, node_id: str) -> Node:
        return Node(str(node_id), self.labels(node_id), plain(self.node_props(node_id)))

    def rel_value(self, rel: RelRef) -> Relationship:
        return Relationship(
            rel.element_id,
            self.rel_type(rel),
            str(rel.start),
            str(rel.end),
            plain(self.rel_props(rel)),
        )

    def export(self, value: Any) -> Any:
        """A runtime value as a result value (Node, Relationship, Path...)."""
        if isinstance(value, NodeRef):
            return self.node_value(value.id)
        if isinstance(value, RelRef):
            return self.rel_value(value)
        if isinstance(value, PathRef):
            return Path(
                tuple(self.node_value(n) for n in value.nodes),
                tuple(self.rel_value(r) for r in value.rels),
            )
        if isinstance(value, list | tuple):
            return [self.export(v) for v in value]
        if isinstance(value, dict):
            return {k: self.export(v) for k, v in value.items()}
        return value


class NetworkxView(GraphView):
    """A networkx ``MultiDiGraph`` as the executor sees it (see the package docstring)."""

    def __init__(self, graph: nx.MultiDiGraph, derived: DerivedEdges | None = None) -> None:
        super().__init__()
        self.graph = graph
        self.derived = derived
        self._derived_types = derived.types if derived else frozenset()
        self._nodes: Any = graph.nodes
        self._label_index: dict[str, list[str]] | None = None

    # -- nodes ---------------------------------------------------------------------------
    def has_node(self, node_id: str) -> bool:
        return bool(self.graph.has_node(node_id))

    def labels(self, node_id: str) -> tuple[str, ...]:
        return labels_of(self._nodes[node_id])

    def node_props(self, node_id: str) -> Mapping[str, Any]:
        props: Mapping[str, Any] = self._nodes[node_id].get("props") or _NO_PROPS
        return props

    def node_count(self) -> int:
        return int(self.graph.number_of_nodes())

    def all_nodes(self) -> list[str]:
        return list(self.graph.nodes)

    def nodes_with_label(self, label: str) -> list[str]:
        if self._label_index is None:
            index: dict[str, list[str]] = {}
            for node_id, data in self.graph.nodes(data=True):
                for node_label in labels_of(data):
                    index.setdefault(node_label, []).append(node_id)
            self._label_index = index
        return self._label_index.get(label, [])

    # -- relationships -------------------------------------------------------------------
    def _edge_data(self, rel: RelRef) -> dict[str, Any]:
        data: dict[str, Any] = self.graph.succ[rel.start][rel.end][rel.key]
        return data

    def rel_type(self, rel: RelRef) -> str:
        if rel.key in self._derived_types:
            return str(rel.key)
        return str(self._edge_data(rel).get("type", ""))

    def rel_props(self, rel: RelRef) -> Mapping[str, Any]:
        if rel.key in self._derived_types:
            return _NO_PROPS
        props: Mapping[str, Any] = self._edge_data(rel).get("props") or _NO_PROPS
        return props

    def outgoing(self, node_id: str, types: frozenset[str]) -> Iterator[Hop]:
        for start, end, key, data in self.graph.out_edges(node_id, keys=True, data=True):
            if not types or data.get("type") in types:
                yield RelRef(start, end, key), end
        if self.derived is not None and (not types or types & self._derived_types):
            data = self._nodes[node_id]
            props = data.get("props") or _NO_PROPS
            for rtype, end in self.derived.outgoing(labels_of(data), props):
                if (not types or rtype in types) and end in self._nodes:
                    yield RelRef(node_id, end, rtype), end

    def incoming(self, node_id: str, types: frozenset[str], skip_loops: bool) -> Iterator[Hop]:
        for start, end, key, data in self.graph.in_edges(node_id, keys=True, data=True):
            if skip_loops and start == end:
                continue
            if not types or data.get("type") in types:
                yield RelRef(start, end, key), start
        if self.derived is not None and (not types or types & self._derived_types):
            for rtype, start in self.derived.incoming(node_id):
                if not types or rtype in types:
                    yield RelRef(start, node_id, rtype), start

"""The embedded store's in-memory graph, which only writers load (networkx is imported
by this module alone, so reading the store does not pay for it)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kgraph import schema
from kgraph.store.base import GraphStats
from kgraph.store.records import EdgeData, NodeData

EdgeId = tuple[str, str, Any]


class StoreGraph(nx.MultiDiGraph):  # type: ignore[misc]
    """The embedded store's graph: a MultiDiGraph whose node and edge attributes are
    records (a fraction of a dict's memory, for hundreds of thousands of them).

    It notes the nodes and edges added, removed or (through :meth:`touch`) changed in
    place until :meth:`forget_changes`, so that a save writes only those (unless
    ``noting`` is off: a graph that is never saved)."""

    node_attr_dict_factory = NodeData
    edge_attr_dict_factory = EdgeData

    def __init__(self) -> None:
        super().__init__()
        self.noting = True
        self.changed_nodes: dict[str, None] = {}
        self.changed_edges: dict[EdgeId, None] = {}

    def add_node(self, node_for_adding: str, **attr: Any) -> None:
        self.touch(node_for_adding)
        super().add_node(node_for_adding, **attr)

    def remove_node(self, n: str) -> None:
        if self.noting:
            self.changed_nodes[n] = None
            for edge in (*self.in_edges(n, keys=True), *self.out_edges(n, keys=True)):
                self.changed_edges[edge] = None
        super().remove_node(n)

    def add_edge(self, u_for_edge: str, v_for_edge: str, key: Any = None, **attr: Any) -> Any:
        key = super().add_edge(u_for_edge, v_for_edge, key, **attr)
        if self.noting:
            self.changed_edges[(u_for_edge, v_for_edge, key)] = None
        return key

    def remove_edge(self, u: str, v: str, key: Any = None) -> None:
        super().remove_edge(u, v, key)
        if self.noting:
            self.changed_edges[(u, v, key)] = None

    def touch(self, node: str) -> None:
        """Note that the properties of ``node`` were changed in place."""
        if self.noting:
            self.changed_nodes[node] = None

    def forget_changes(self) -> None:
        """Start noting changes afresh (once they are saved)."""
        self.changed_nodes, self.changed_edges = {}, {}

    def stats(self) -> GraphStats:
        """The counts of ``kgraph stats``."""
        stats = GraphStats()
        types: Counter[str] = Counter()
        rels: Counter[str] = Counter()
        for _, data in self.nodes(data=True):
            labels = data["labels"]
            if schema.ARTICLE in labels:
                stats.articles += 1
            elif schema.CLAIM in labels:
                stats.claims += 1
            elif schema.ENTITY in labels:
                stats.entities += 1
                types[data["props"]["type"]] += 1
        for _, _, data in self.edges(data=True):
            if data["type"] not in schema.STRUCTURAL_TYPES:
                rels[data["type"]] += 1
        stats.relations = sum(rels.values())
        stats.entity_types = dict(types)
        stats.relation_types = dict(rels)
        return stats

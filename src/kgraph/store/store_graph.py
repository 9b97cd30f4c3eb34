"""The embedded store's in-memory graph, which only writers load (networkx is imported
by this module alone, so reading the store does not pay for it)."""

from __future__ import annotations

import networkx as nx

from kgraph.store.records import EdgeData, NodeData


class StoreGraph(nx.MultiDiGraph):  # type: ignore[misc]
    """The embedded store's graph: a MultiDiGraph whose node and edge attributes are
    records (48 bytes each instead of a 184-byte dict; a store of 4,000 articles has
    about 300,000 nodes and 430,000 edges)."""

    node_attr_dict_factory = NodeData
    edge_attr_dict_factory = EdgeData

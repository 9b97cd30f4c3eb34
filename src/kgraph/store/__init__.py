"""Graph stores: the embedded file store (default) and Neo4j, behind one protocol."""

from kgraph.store.base import GraphStats, GraphStore, WriteStats

__all__ = ["GraphStats", "GraphStore", "WriteStats"]

"""The older store format (gzip'd JSON, read once to convert it), and the writers' lock.

Stores of versions 1 and 2 were one gzip'd JSON document with a ``.summary`` file beside
it; :mod:`kgraph.store.sqlite_file` converts them to its SQLite file on first use.  A lock
file beside the store keeps two writers from interleaving: the second waits, then loads
what the first saved.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from kgraph.atomic import file_lock
from kgraph.errors import StoreError
from kgraph.store.claim_edges import CLAIM_EDGE_TYPES
from kgraph.store.records import shared_labels

if TYPE_CHECKING:
    from kgraph.store.store_graph import StoreGraph

log = logging.getLogger(__name__)

FORMAT = "kgraph-graph"
READABLE_VERSIONS = (1, 2)


def load_graph(path: Path) -> StoreGraph:
    """The graph stored at ``path`` in the older format; an empty graph if the file does
    not exist.  The claim edges that files of version 1 still hold are not loaded: the
    store derives them (:mod:`kgraph.store.claim_edges`)."""
    from kgraph.store.store_graph import StoreGraph  # writers only: networkx loads here

    graph = StoreGraph()
    if not path.exists():
        return graph
    try:
        with gzip.open(path, "rb") as fh:
            data = orjson.loads(fh.read())
    except (OSError, EOFError, ValueError) as exc:
        raise StoreError(
            f"{path}: cannot read the graph store ({exc})",
            "restore it from a backup or delete it to start afresh",
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{path}: not a kgraph graph store")
    if data.get("version") not in READABLE_VERSIONS:
        raise StoreError(f"{path}: store version {data.get('version')} is not supported")
    # Ids are interned so every edge shares its ends' id strings (as the store does).
    intern = sys.intern
    graph.add_nodes_from(
        (intern(node_id), {"labels": shared_labels(labels), "props": props})
        for node_id, labels, props in data["nodes"]
    )
    graph.add_edges_from(
        (intern(u), intern(v), intern(key), {"type": rtype, "props": props})
        for u, v, key, rtype, props in data["edges"]
        if rtype not in CLAIM_EDGE_TYPES
    )
    return graph


def summary_path(path: Path) -> Path:
    """Where a store of the older format kept its summary."""
    return path.with_name(path.name + ".summary")


def write_lock(path: Path) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive lock beside ``path``; a second writer waits for the first."""

    def waiting() -> None:
        log.warning("%s: another kgraph process is writing; waiting for it", path)

    return file_lock(path.with_name(path.name + ".lock"), waiting)

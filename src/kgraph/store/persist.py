"""Reading and writing the embedded graph file: gzip'd JSON, replaced atomically.

A write goes to a temporary file in the same directory, is flushed to disk, then renamed
over the old file, so a crash (even ``kill -9``) leaves either the old or the new graph,
never half of one.  A lock file keeps two writers from interleaving.  A small summary
(article fingerprints, counts) is saved beside the graph, stamped with the graph file's
size and time, so the common questions are answered without loading the graph.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import itertools
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from kgraph.atomic import replacing, write_atomic
from kgraph.errors import StoreError
from kgraph.store.records import StoreGraph, as_dict, shared_labels

log = logging.getLogger(__name__)

FORMAT = "kgraph-graph"
VERSION = 2
READABLE_VERSIONS = (1, 2)
SLICE = 10_000
"""Nodes or edges serialised at a time."""


def load_graph(path: Path, skip_types: frozenset[str] = frozenset()) -> nx.MultiDiGraph:
    """The graph stored at ``path``; an empty graph if the file does not exist.

    Edges of ``skip_types`` are not loaded: the caller derives them (the store's claim
    edges, which files of version 1 still hold)."""
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
        if rtype not in skip_types
    )
    return graph


def _write_json(write: Callable[[bytes], object], graph: nx.MultiDiGraph) -> None:
    """Pass the graph's JSON document to ``write`` a slice at a time: the serialised graph
    is never held in memory whole (at 4,000 articles it would add a third of a GB to the
    peak)."""
    nodes = ([n, list(d["labels"]), d["props"]] for n, d in graph.nodes(data=True))
    edges = ([u, v, k, d["type"], d["props"]] for u, v, k, d in graph.edges(keys=True, data=True))
    write(orjson.dumps({"format": FORMAT, "version": VERSION})[:-1])
    for name, rows in ((b"nodes", nodes), (b"edges", edges)):
        write(b',"' + name + b'":[')
        sep = b""
        while part := list(itertools.islice(rows, SLICE)):
            write(sep + orjson.dumps(part, default=as_dict)[1:-1])
            sep = b","
        write(b"]")
    write(b"}")


def save_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write ``graph`` to ``path`` atomically (temp file + fsync + rename).

    Call it holding :func:`write_lock`; temporary files left by a writer that was killed
    mid-save are removed first.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    with (
        replacing(path) as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=3, mtime=0) as gz,
    ):
        _write_json(gz.write, graph)


def summary_path(path: Path) -> Path:
    return path.with_name(path.name + ".summary")


def _stamp(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def save_summary(path: Path, summary: dict[str, Any]) -> None:
    """Write a small summary of the graph at ``path`` beside it (atomically), stamped with
    the graph file's size and modification time so a stale summary is never believed."""
    write_atomic(summary_path(path), orjson.dumps({"graph": _stamp(path), **summary}))


def load_summary(path: Path) -> dict[str, Any] | None:
    """The summary saved with the graph at ``path``; None when it is missing, unreadable or
    was written for another version of the graph file (a crash between the two writes)."""
    try:
        data = orjson.loads(summary_path(path).read_bytes())
        current = _stamp(path)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("graph") != current:
        return None
    return data


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``path``; a second writer waits for the first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("%s: another kgraph process is writing; waiting for it", path)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)

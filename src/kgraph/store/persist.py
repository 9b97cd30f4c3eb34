"""Reading and writing the embedded graph file: gzip'd JSON, replaced atomically.

A write goes to a temporary file in the same directory, is flushed to disk, then renamed
over the old file, so a crash (even ``kill -9``) leaves either the old or the new graph,
never half of one.  A lock file keeps two writers from interleaving.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import StoreError

log = logging.getLogger(__name__)

FORMAT = "kgraph-graph"
VERSION = 1


def load_graph(path: Path) -> nx.MultiDiGraph:
    """The graph stored at ``path``; an empty graph if the file does not exist."""
    graph = nx.MultiDiGraph()
    if not path.exists():
        return graph
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, EOFError, ValueError) as exc:
        raise StoreError(
            f"{path}: cannot read the graph store ({exc})",
            "restore it from a backup or delete it to start afresh",
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{path}: not a kgraph graph store")
    if data.get("version") != VERSION:
        raise StoreError(f"{path}: store version {data.get('version')} is not supported")
    for node_id, labels, props in data["nodes"]:
        graph.add_node(node_id, labels=tuple(labels), props=props)
    for u, v, key, rtype, props in data["edges"]:
        graph.add_edge(u, v, key=key, type=rtype, props=props)
    return graph


def _payload(graph: nx.MultiDiGraph) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "nodes": [[n, list(d["labels"]), d["props"]] for n, d in graph.nodes(data=True)],
        "edges": [
            [u, v, k, d["type"], d["props"]] for u, v, k, d in graph.edges(keys=True, data=True)
        ],
    }


def save_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write ``graph`` to ``path`` atomically (temp file + fsync + rename).

    Call it holding :func:`write_lock`; temporary files left by a writer that was killed
    mid-save are removed first.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with (
            os.fdopen(fd, "wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=3, mtime=0) as gz,
        ):
            gz.write(
                json.dumps(_payload(graph), ensure_ascii=False, separators=(",", ":")).encode(
                    "utf-8"
                )
            )
            gz.flush()
        with open(tmp_name, "rb") as check:
            os.fsync(check.fileno())
        os.replace(tmp_name, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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

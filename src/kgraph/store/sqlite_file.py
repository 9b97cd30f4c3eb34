"""The embedded store's file: a SQLite database in the layout the Cypher engine reads
(:mod:`kgraph_cypher.sqlite_view`), plus a ``meta`` table (format, version, counts).

Read commands query the file directly and never load the graph.  A writer loads the
graph into networkx, changes it, and :meth:`GraphFile.save` writes back only the nodes
and edges it changed (the graph notes them, :mod:`kgraph.store.store_graph`), in one
transaction: SQLite's write-ahead log makes a commit atomic and ``kill -9`` safe (a
reader sees the state before or after it, never part of it).

A claim's SUBJECT, OBJECT and SUPPORTED_BY edges are derived from its properties in
memory (:mod:`kgraph.store.claim_edges`) but stored as rows here, so that a reader finds
an entity's claims through the edge index.

Files of the older gzip'd JSON format are converted once, atomically, by
:func:`convert_legacy` (the store opens them so).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kgraph.errors import StoreError
from kgraph.schema import CLAIM
from kgraph.store.claim_edges import CLAIM_EDGE_TYPES, claim_ends
from kgraph.store.persist import load_graph
from kgraph.store.records import as_dict, shared_labels
from kgraph_cypher.sqlite_view import (
    create_schema,
    delete_edges,
    delete_nodes,
    labels_json,
    upsert_edges,
    upsert_nodes,
)

if TYPE_CHECKING:
    from kgraph.store.store_graph import StoreGraph

log = logging.getLogger(__name__)

FORMAT = "kgraph-graph"
VERSION = 3
"""Versions 1 and 2 were gzip'd JSON (:mod:`kgraph.store.persist`)."""
INDEXED = ("key", "id", "name", "fact")
"""Node properties with an index: entity keys, article and claim ids, names, and the fact
a claim supports.  A save creates any that an older file lacks."""
SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
BUSY_SECONDS = 600.0
"""How long a reader or writer waits for another process's commit."""


def file_kind(path: Path) -> str | None:
    """``"sqlite"``, ``"gzip"`` (the older format), ``"other"``, or None if missing."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the graph store ({exc})") from exc
    if head == SQLITE_MAGIC or not head:
        return "sqlite"
    return "gzip" if head.startswith(GZIP_MAGIC) else "other"


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), write-ahead log on,
    usable from the ingest's writer thread (the store uses it from one thread at a time)."""
    conn = sqlite3.connect(
        path, isolation_level=None, timeout=BUSY_SECONDS, check_same_thread=False
    )
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _dumps(value: Any) -> str:
    return orjson.dumps(value, default=as_dict).decode()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, mode: str = "") -> Iterator[sqlite3.Connection]:
    """``BEGIN [mode]`` ... ``COMMIT``, rolled back if the block fails."""
    conn.execute(f"BEGIN {mode}")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class GraphFile:
    """One store file: open (or not yet created), loaded, saved by the changes made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    # -- opening ---------------------------------------------------------------------------
    def connection(self) -> sqlite3.Connection | None:
        """The open database; None while there is none (no file, or one being created)."""
        if self._conn is None and self.path.exists():
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection | None:
        kind = file_kind(self.path)
        if kind != "sqlite":
            raise StoreError(f"{self.path}: not a kgraph graph store")
        try:
            conn = connect(self.path)
            if not conn.execute("SELECT 1 FROM sqlite_master").fetchone():
                conn.close()  # a store whose first save has not committed yet
                return None
            meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot read the graph store ({exc})",
                "restore it from a backup or delete it to start afresh",
            ) from exc
        if meta.get("format") != FORMAT:
            conn.close()
            raise StoreError(f"{self.path}: not a kgraph graph store")
        if meta.get("version") != str(VERSION):
            conn.close()
            raise StoreError(f"{self.path}: store version {meta.get('version')} is not supported")
        return conn

    def _create(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(self.path)
        with transaction(conn, "IMMEDIATE"):
            create_schema(conn, INDEXED)
            conn.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            conn.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("format", FORMAT), ("version", str(VERSION))],
            )
        self._conn = conn
        return conn

    def fold_log(self) -> None:
        """Move the write-ahead log into the file itself (before the file is renamed)."""
        if self._conn is not None:
            self._conn.execute("PRAGMA journal_mode = DELETE")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- reading ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The database inside one read transaction: a consistent state of the file (an
        empty graph in memory when there is no file yet)."""
        conn = self.connection()
        if conn is None:
            empty = sqlite3.connect(":memory:", isolation_level=None)
            create_schema(empty)
            yield empty
            empty.close()
            return
        with transaction(conn):
            yield conn

    def meta(self, name: str) -> Any:
        """A value saved with the graph (JSON), or None."""
        with self.reading() as conn:
            if conn is not self._conn:
                return None
            row = conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else orjson.loads(row[0])

    def props_with_label(self, label: str) -> Iterator[dict[str, Any]]:
        """The properties of every node with ``label``, in the order they were added."""
        with self.reading() as conn:
            rows = conn.execute(
                "SELECT n.props FROM node_labels l JOIN nodes n ON n.seq = l.seq "
                "WHERE l.label = ? ORDER BY l.seq",
                (label,),
            ).fetchall()
        for (props,) in rows:
            yield orjson.loads(props)

    def load(self) -> StoreGraph:
        """The whole graph but its claim edges (the store derives them), noting no
        changes yet."""
        from kgraph.store.store_graph import StoreGraph  # writers only: networkx loads here

        graph = StoreGraph()
        graph.noting = False
        intern, loads = sys.intern, orjson.loads
        with self.reading() as conn:
            for node_id, labels, props in conn.execute(
                "SELECT id, labels, props FROM nodes ORDER BY seq"
            ):
                graph.add_node(
                    intern(node_id), labels=shared_labels(loads(labels)), props=loads(props)
                )
            for start, end, key, rtype, props in conn.execute(
                "SELECT start, dst, ekey, type, props FROM edges ORDER BY seq"
            ):
                if rtype in CLAIM_EDGE_TYPES:
                    continue
                key = intern(key) if isinstance(key, str) else key
                graph.add_edge(intern(start), intern(end), key=key, type=rtype, props=loads(props))
        graph.noting = True
        return graph

    # -- writing ---------------------------------------------------------------------------
    def save(self, graph: StoreGraph, *, everything: bool = False) -> None:
        """Write the nodes and edges ``graph`` changed since it was loaded or last saved
        (all of them with ``everything``; those it no longer has are deleted), a changed
        claim's edges derived, and the graph's counts, in one transaction."""
        if everything:
            nodes, edges = graph.nodes, graph.edges(keys=True)
        else:
            nodes, edges = graph.changed_nodes, graph.changed_edges
        node_rows, gone_nodes = [], []
        for node in nodes:
            data = graph.nodes.get(node)
            if data is None:
                gone_nodes.append(node)
            else:
                node_rows.append((node, labels_json(data["labels"]), _dumps(data["props"])))
        edge_rows, gone_edges = [], []
        for u, v, k in edges:
            data = graph.get_edge_data(u, v, k)
            if data is None:
                gone_edges.append((u, v, k))
            else:
                edge_rows.append((u, v, k, data["type"], _dumps(data["props"])))
        conn = self.connection() or self._create()
        with transaction(conn, "IMMEDIATE"):
            create_schema(conn, INDEXED)
            delete_edges(conn, gone_edges)
            conn.executemany("DELETE FROM edges WHERE start = ?", [(n,) for n in gone_nodes])
            delete_nodes(conn, gone_nodes)
            upsert_nodes(conn, node_rows)
            upsert_edges(conn, edge_rows)
            _write_claim_edges(conn, graph, [n for n, _, _ in node_rows])
            stats = _dumps(graph.stats().as_dict())
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('stats', ?)", (stats,))
        graph.forget_changes()


def _write_claim_edges(conn: sqlite3.Connection, graph: StoreGraph, changed: list[str]) -> None:
    """The rows of the SUBJECT, OBJECT and SUPPORTED_BY edges of the ``changed`` nodes,
    rewritten from the properties of those that are claims."""
    types = sorted(CLAIM_EDGE_TYPES)
    marks = ",".join("?" * len(types))  # placeholders only: the types are parameters
    rows: list[tuple[str, str, str, str, str]] = []
    for node in changed:
        data = graph.nodes[node]
        if CLAIM in data["labels"]:
            rows.extend((node, end, rtype, rtype, "{}") for rtype, end in claim_ends(data["props"]))
    conn.executemany(
        f"DELETE FROM edges WHERE start = ? AND ekey IN ({marks})",  # noqa: S608
        [(node, *types) for node in changed],
    )
    upsert_edges(conn, rows)


def convert_legacy(source: Path, target: Path) -> None:
    """Write the graph of an older store file at ``source`` as a SQLite store at
    ``target`` (which may be ``source``), atomically: a temporary database beside
    ``target`` is filled, closed and renamed over it."""
    graph = load_graph(source)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.converting")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    file = GraphFile(tmp)
    try:
        file.save(graph, everything=True)
        file.fold_log()
        file.close()
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):  # no log of the old file
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        os.replace(tmp, target)
    except BaseException:
        file.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    log.warning("%s: converted the store to SQLite (%s)", source, target)

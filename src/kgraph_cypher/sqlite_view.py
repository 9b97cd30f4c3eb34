"""A graph in a SQLite database, read on demand: the engine's view of a file that is never
loaded whole.

The layout (:data:`SCHEMA`) holds the same graph contract as a networkx graph: nodes with
an id, labels and properties (a JSON object), relationships with a start, an end, a key
(unique between the two nodes), a type and properties.  ``seq`` columns keep the order
things were added, so a query answers in the order it would on the networkx graph.
Indexes serve what the executor asks: label -> nodes, out/in adjacency, and optional
expression indexes on chosen properties (:func:`create_schema`) for ``{key: value}`` and
``WHERE n.key = $value`` lookups.

:class:`SqliteView` reads rows as the query touches them and keeps them for the one
execution; a scan of a label fetches properties in batches, and bounded caches keep the
memory of a whole-graph query small.  The writing helpers (:func:`upsert_nodes`, ...) keep
the label table in step; the caller owns the transaction.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:")
>>> create_schema(conn, indexed=("name",))
>>> person = labels_json(["Person"])
>>> upsert_nodes(conn, [("a", person, '{"name": "Ann"}'), ("b", person, "{}")])
>>> upsert_edges(conn, [("a", "b", 0, "KNOWS", '{"since": 2020}')])
>>> view = SqliteView(conn)
>>> view.nodes_with_property("Person", "name", "Ann")
['a']
>>> [end for _, end in view.outgoing("a", frozenset())]
['b']
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from kgraph_cypher.compare import group_key
from kgraph_cypher.graphview import GraphView, Hop
from kgraph_cypher.values import RelRef, is_number

_loads: Callable[[str], Any]
try:
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is optional for the engine
    _loads = json.loads

SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    labels TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS node_labels (
    label TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (label, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
    seq INTEGER PRIMARY KEY,
    start TEXT NOT NULL,
    dst TEXT NOT NULL,
    ekey ANY NOT NULL,
    type TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS edges_out ON edges (start, dst, ekey);
CREATE INDEX IF NOT EXISTS edges_in ON edges (dst, seq);
"""
"""``labels`` is a JSON list, ``props`` a JSON object; ``ekey`` a string or an integer."""

PROPERTY_INDEX_PREFIX = "nodes_prop_"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
BATCH = 500
"""Rows fetched per query when a scan reads properties."""

NodeRow = tuple[str, str, str]
EdgeRow = tuple[str, str, Any, str, str]


def _path(key: str) -> str:
    if not _NAME.fullmatch(key):
        raise ValueError(f"not an indexable property name: {key!r}")
    return f"'$.{key}'"


def create_schema(conn: sqlite3.Connection, indexed: Iterable[str] = ()) -> None:
    """Create the tables, and an expression index for each property name in ``indexed``
    (statement by statement: it may run inside the caller's transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    for key in indexed:
        conn.execute(
            f"CREATE INDEX IF NOT EXISTS {PROPERTY_INDEX_PREFIX}{key} "
            f"ON nodes (json_extract(props, {_path(key)}))"
        )


def labels_json(labels: Iterable[str] | str) -> str:
    """Labels as the ``labels`` column holds them.

    >>> labels_json(("Entity", "Person"))
    '["Entity","Person"]'
    """
    return json.dumps([labels] if isinstance(labels, str) else list(labels), separators=(",", ":"))


def _drop_labels(conn: sqlite3.Connection, ids: Sequence[tuple[str]]) -> None:
    """Delete the label rows of nodes, found by the labels they have (by primary key:
    by ``seq`` alone the table would be scanned for each node)."""
    conn.executemany(
        "DELETE FROM node_labels WHERE (label, seq) IN "
        "(SELECT j.value, n.seq FROM nodes n, json_each(n.labels) j WHERE n.id = ?)",
        ids,
    )


def upsert_nodes(conn: sqlite3.Connection, rows: Sequence[NodeRow]) -> None:
    """Insert or replace nodes ``(id, labels JSON, props JSON)``; a node keeps its place."""
    ids = [(node_id,) for node_id, _, _ in rows]
    _drop_labels(conn, ids)
    conn.executemany(
        "INSERT INTO nodes (id, labels, props) VALUES (?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET labels = excluded.labels, props = excluded.props",
        rows,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO node_labels (label, seq) "
        "SELECT j.value, n.seq FROM nodes n, json_each(n.labels) j WHERE n.id = ?",
        ids,
    )


def delete_nodes(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Delete nodes (their relationships are the caller's to delete)."""
    rows = [(node_id,) for node_id in ids]
    _drop_labels(conn, rows)
    conn.executemany("DELETE FROM nodes WHERE id = ?", rows)


def upsert_edges(conn: sqlite3.Connection, rows: Iterable[EdgeRow]) -> None:
    """Insert or replace relationships ``(start, end, key, type, props JSON)``."""
    conn.executemany(
        "INSERT INTO edges (start, dst, ekey, type, props) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (start, dst, ekey) DO UPDATE SET type = excluded.type, "
        "props = excluded.props",
        rows,
    )


def delete_edges(conn: sqlite3.Connection, ids: Iterable[tuple[str, str, Any]]) -> None:
    """Delete relationships by ``(start, end, key)``."""
    conn.executemany("DELETE FROM edges WHERE start = ? AND dst = ? AND ekey = ?", ids)


class _Bounded(dict[Any, Any]):
    """A cache that forgets everything when it grows past ``limit`` entries."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: Any, value: Any) -> None:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value


class SqliteView(GraphView):
    """The graph in a database laid out as :data:`SCHEMA`, read as a query needs it.

    Run a query inside one read transaction (the caller's) to see one state of the file.
    """

    def __init__(self, conn: sqlite3.Connection, *, cache_size: int = 50_000) -> None:
        super().__init__()
        self.conn = conn
        self._labels: dict[str, tuple[str, ...]] = {}
        self._label_tuples: dict[str, tuple[str, ...]] = {}
        self._raw = _Bounded(cache_size)
        self._props = _Bounded(cache_size)
        self._rels = _Bounded(cache_size)
        self._scans: dict[str, tuple[list[str], int]] = {}
        self._label_index: dict[str, list[str]] = {}
        self._lookups: dict[tuple[str | None, str, Hashable], list[str]] = {}
        self._indexed = frozenset(
            name.removeprefix(PROPERTY_INDEX_PREFIX)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ?",
                (PROPERTY_INDEX_PREFIX + "%",),
            )
        )

    # -- rows ------------------------------------------------------------------------------
    def _remember(self, node_id: str, labels: str, props: str | None = None) -> None:
        found = self._label_tuples.get(labels)
        if found is None:
            found = self._label_tuples[labels] = tuple(_loads(labels))
        self._labels[node_id] = found
        if props is not None:
            self._raw.put(node_id, props)

    def _fetch(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            marks = ",".join("?" * len(chunk))  # placeholders only: values are parameters
            for node_id, labels, props in self.conn.execute(
                f"SELECT id, labels, props FROM nodes WHERE id IN ({marks})",  # noqa: S608
                chunk,
            ):
                self._remember(node_id, labels, props)

    def _raw_props(self, node_id: str) -> str | None:
        raw: str | None = self._raw.get(node_id)
        if raw is None:
            scan = self._scans.get(node_id)
            if scan is not None:  # read the next batch of the scan this node came from
                nodes, at = scan
                self._fetch(nodes[at : at + BATCH])
            else:
                self._fetch([node_id])
            raw = self._raw.get(node_id)
        return raw

    def _scanned(self, rows: Iterable[tuple[str, str, str]]) -> list[str]:
        """The ids of a scan's rows; their properties are kept as long as the cache holds
        them, then read again in batches (:meth:`_raw_props`)."""
        nodes: list[str] = []
        for node_id, labels, props in rows:
            self._remember(node_id, labels, props if len(self._raw) < self._raw.limit else None)
            self._scans[node_id] = (nodes, len(nodes))
            nodes.append(node_id)
        return nodes

    # -- nodes -----------------------------------------------------------------------------
    def has_node(self, node_id: str) -> bool:
        if node_id not in self._labels:
            self._fetch([node_id])
        return node_id in self._labels

    def labels(self, node_id: str) -> tuple[str, ...]:
        if node_id not in self._labels:
            self._fetch([node_id])
        return self._labels[node_id]

    def node_props(self, node_id: str) -> Mapping[str, Any]:
        props: Mapping[str, Any] | None = self._props.get(node_id)
        if props is None:
            raw = self._raw_props(node_id)
            if raw is None:
                raise KeyError(node_id)
            props = _loads(raw)
            self._props.put(node_id, props)
        return props

    def node_count(self) -> int:
        (count,) = self.conn.execute("SELECT count(*) FROM nodes").fetchone()
        return int(count)

    def all_nodes(self) -> list[str]:
        return self._scanned(self.conn.execute("SELECT id, labels, props FROM nodes ORDER BY seq"))

    def nodes_with_label(self, label: str) -> list[str]:
        found = self._label_index.get(label)
        if found is None:
            found = self._label_index[label] = self._scanned(
                self.conn.execute(
                    "SELECT n.id, n.labels, n.props FROM node_labels l "
                    "JOIN nodes n ON n.seq = l.seq WHERE l.label = ? ORDER BY l.seq",
                    (label,),
                )
            )
        return found

    def label_count(self, label: str) -> int:
        if label in self._label_index:
            return len(self._label_index[label])
        (count,) = self.conn.execute(
            "SELECT count(*) FROM node_labels WHERE label = ?", (label,)
        ).fetchone()
        return int(count)

    def nodes_with_property(self, label: str | None, key: str, value: Any) -> list[str]:
        if key in self._indexed and _sql_comparable(value):
            return self.nodes_with_any(label, key, [value])
        return super().nodes_with_property(label, key, value)

    def nodes_with_any(self, label: str | None, key: str, values: Iterable[Any]) -> list[str]:
        wanted = [v for v in values if v is not None]
        if key not in self._indexed or not all(map(_sql_comparable, wanted)) or len(wanted) > BATCH:
            return super().nodes_with_any(label, key, wanted)
        index = (label, key, tuple(map(group_key, wanted)))
        found = self._lookups.get(index)
        if found is None:
            found = self._lookups[index] = self._lookup(label, key, wanted) if wanted else []
        return found

    def _lookup(self, label: str | None, key: str, values: list[Any]) -> list[str]:
        """Nodes (of ``label``) whose ``key`` equals one of ``values``, in order."""
        found = []
        marks = ",".join("?" * len(values))  # the path is checked by _path, values are parameters
        for node_id, labels, props in self.conn.execute(
            f"SELECT id, labels, props FROM nodes WHERE json_extract(props, {_path(key)}) "  # noqa: S608
            f"IN ({marks}) ORDER BY seq",
            values,
        ):
            self._remember(node_id, labels, props)
            if label is None or label in self._labels[node_id]:
                found.append(node_id)
        return found

    # -- relationships ---------------------------------------------------------------------
    def _rel(self, rel: RelRef) -> tuple[str, str]:
        found: tuple[str, str | None] | None = self._rels.get(rel)
        if found is None or found[1] is None:
            row = self.conn.execute(
                "SELECT type, props FROM edges WHERE start = ? AND dst = ? AND ekey = ?",
                (rel.start, rel.end, rel.key),
            ).fetchone()
            if row is None:
                raise KeyError(rel)
            found = (row[0], row[1])
            self._rels.put(rel, found)
        return (found[0], found[1] or "{}")

    def rel_type(self, rel: RelRef) -> str:
        found: tuple[str, str | None] | None = self._rels.get(rel)
        return found[0] if found is not None else self._rel(rel)[0]

    def rel_props(self, rel: RelRef) -> Mapping[str, Any]:
        props: Mapping[str, Any] = _loads(self._rel(rel)[1])
        return props

    def outgoing(self, node_id: str, types: frozenset[str]) -> Iterator[Hop]:
        return self._hops(node_id, types, outgoing=True, skip_loops=False)

    def incoming(self, node_id: str, types: frozenset[str], skip_loops: bool) -> Iterator[Hop]:
        return self._hops(node_id, types, outgoing=False, skip_loops=skip_loops)

    def _hops(
        self, node_id: str, types: frozenset[str], *, outgoing: bool, skip_loops: bool
    ) -> Iterator[Hop]:
        near, far = ("start", "dst") if outgoing else ("dst", "start")
        rows = self.conn.execute(
            f"SELECT e.{far}, e.ekey, e.type, n.labels FROM edges e "  # noqa: S608 - constants
            f"JOIN nodes n ON n.id = e.{far} WHERE e.{near} = ? ORDER BY e.seq",
            (node_id,),
        ).fetchall()
        for other, key, rtype, labels in _by_neighbour(rows):
            if skip_loops and other == node_id:
                continue
            if not types or rtype in types:
                rel = RelRef(node_id, other, key) if outgoing else RelRef(other, node_id, key)
                self._rels.put(rel, (rtype, None))  # properties are read when asked for
                self._remember(other, labels)
                yield rel, other


def _sql_comparable(value: Any) -> bool:
    """Whether SQL ``=`` on the JSON value finds every equivalent stored value."""
    return isinstance(value, str) or (is_number(value) and not isinstance(value, bool))


def _by_neighbour(rows: list[Any]) -> list[Any]:
    """Rows ordered as networkx lists adjacency: grouped by the node at the other end, in
    the order each was first reached, each group in the order it was added."""
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    return [row for group in groups.values() for row in group]

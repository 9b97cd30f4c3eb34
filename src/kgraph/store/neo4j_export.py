"""The embedded store's graph as the CSV files of ``neo4j-admin database import full``.

The files hold exactly the nodes, labels, properties and relationships the Neo4j store
writes for the same graph (:mod:`kgraph.store.neo4j_write`): articles, entities with their
type label, claims with their SUBJECT / OBJECT / SUPPORTED_BY edges, MENTIONS edges and
fact edges with sanitised types.  Every property has a fixed column type, so a value comes
back from Neo4j as the driver would have written it (``long``, ``double``, ``boolean``,
``string``, ``string[]``).

Two things CSV cannot say are handled around it:

* a null property is an empty, unquoted cell, an empty string a quoted one (``""``);
* an empty list is read back as no property at all, so the files record which list
  properties had empty lists, and :data:`ExportedFiles.empty_lists` names them for
  :func:`empty_list_statements` to set after the import.

Array elements are separated by U+001F (unit separator), which news text never holds; a
value that does hold it is refused rather than split.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import networkx as nx

from kgraph import schema
from kgraph.errors import StoreError
from kgraph.store.claim_edges import claim_ends

ARRAY_DELIMITER: Final = "\x1f"
"""Separates array elements (and labels) in a cell; ``--array-delimiter=U+001F``."""

Columns = tuple[tuple[str, str], ...]
"""(property, import type) per column, in file order."""

_TYPES: Final = {
    "tags": "string[]",
    "aliases": "string[]",
    "titles": "string[]",
    "merged": "string[]",
    "distinct_from": "string[]",
    "pinned": "string[]",
    "context": "string[]",
    "names": "string[]",
    "articles": "string[]",
    "mentions": "long",
    "count": "long",
    "start": "long",
    "end": "long",
    "negated": "boolean",
    "hedged": "boolean",
    "confidence": "double",
}
"""Import types of the properties that are not strings (a list in a string column is
refused at export, so a list property missing here cannot pass unnoticed)."""


def _columns(props: tuple[str, ...], id_prop: str | None = None, space: str = "") -> Columns:
    return tuple((p, f"ID({space})" if p == id_prop else _TYPES.get(p, "string")) for p in props)


ARTICLE_COLUMNS: Final = _columns(schema.ARTICLE_PROPS, "id", "Article")
ENTITY_COLUMNS: Final = _columns(schema.ENTITY_PROPS, "key", "Entity")
CLAIM_COLUMNS: Final = _columns(schema.CLAIM_PROPS, "id", "Claim")
MENTION_COLUMNS: Final = _columns(schema.MENTION_PROPS)
FACT_COLUMNS: Final = _columns(schema.FACT_PROPS)

_ALL_COLUMNS: Final = (ARTICLE_COLUMNS, ENTITY_COLUMNS, CLAIM_COLUMNS, MENTION_COLUMNS)
_SPACES: Final = {schema.ARTICLE: "Article", schema.ENTITY: "Entity", schema.CLAIM: "Claim"}


@dataclass
class ExportedFiles:
    """What :func:`export_graph` wrote: the files, and the list properties that had empty
    lists, as (node label or relationship type, property) pairs."""

    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    empty_lists: set[tuple[str, str]] = field(default_factory=set)


class _Writer:
    """One CSV file of the import: a header, then a row per node or relationship; the
    empty lists it meets are noted in ``empty_lists``."""

    def __init__(
        self,
        handle: IO[str],
        head: list[str],
        columns: Columns,
        owner: str,
        empty_lists: set[tuple[str, str]],
    ) -> None:
        self.handle, self.columns, self.owner = handle, columns, owner
        self.empty_lists = empty_lists
        header = head + [f"{prop}:{kind}" for prop, kind in columns]
        handle.write(",".join(header) + "\n")

    def row(self, head: list[str], props: Mapping[str, Any]) -> None:
        cells = list(head)
        for prop, kind in self.columns:
            value = props.get(prop)
            if kind == "string[]" and value is not None and len(value) == 0:
                self.empty_lists.add((self.owner, prop))
            cells.append(_cell(value, kind, prop))
        self.handle.write(",".join(cells) + "\n")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _checked(text: str, prop: str) -> str:
    """``text``, an array element, when it holds no array delimiter."""
    if ARRAY_DELIMITER in text:
        raise StoreError(f"cannot export property {prop!r}: its text holds the character U+001F")
    return text


def _cell(value: Any, kind: str, prop: str) -> str:
    """One cell: empty for null (and for an empty list), strings quoted, numbers and
    booleans bare."""
    if value is None:
        return ""
    if kind == "string[]":
        if any(item == "" for item in value):
            raise StoreError(f"cannot export property {prop!r}: a list holds an empty string")
        items = [_checked(str(item), prop) for item in value]
        return _quote(ARRAY_DELIMITER.join(items)) if items else ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if kind == "long":
        return str(int(value))
    if isinstance(value, list | tuple):
        raise StoreError(f"cannot export property {prop!r}: a list in a column of {kind}")
    return _quote(str(value))


def label_cell(labels: tuple[str, ...]) -> str:
    """The ``:LABEL`` cell of a node: its labels, an entity's type label sanitised as the
    Neo4j store does (so it needs no quotes)."""
    return ARRAY_DELIMITER.join(
        label if label in _SPACES else schema.sanitize_label(label) for label in labels
    )


def export_graph(graph: nx.MultiDiGraph, directory: Path) -> ExportedFiles:
    """Write the embedded store's ``graph`` as import files into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    out = ExportedFiles()
    with contextlib.ExitStack() as stack:

        def writer(
            name: str, head: list[str], columns: Columns, owner: str, files: list[Path]
        ) -> _Writer:
            files.append(directory / f"{name}.csv")
            handle = stack.enter_context(files[-1].open("w", encoding="utf-8", newline=""))
            return _Writer(handle, head, columns, owner, out.empty_lists)

        def nodes(name: str, label: str, columns: Columns) -> _Writer:
            return writer(name, [":LABEL"], columns, label, out.nodes)

        def edges(name: str, start: str, end: str, columns: Columns, owner: str) -> _Writer:
            head = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
            return writer(name, head, columns, owner, out.relationships)

        node_files = {
            schema.ARTICLE: nodes("articles", schema.ARTICLE, ARTICLE_COLUMNS),
            schema.ENTITY: nodes("entities", schema.ENTITY, ENTITY_COLUMNS),
            schema.CLAIM: nodes("claims", schema.CLAIM, CLAIM_COLUMNS),
        }
        _write_nodes(graph, node_files)
        mentions = edges("mentions", "Article", "Entity", MENTION_COLUMNS, schema.MENTIONS)
        facts = edges("facts", "Entity", "Entity", FACT_COLUMNS, "fact")
        _write_edges(graph, mentions, facts)
        claim_edges = {
            rtype: edges(rtype.lower(), "Claim", end, (), rtype)
            for rtype, end in (
                (schema.SUBJECT, "Entity"),
                (schema.OBJECT, "Entity"),
                (schema.SUPPORTED_BY, "Article"),
            )
        }
        _write_claim_edges(graph, claim_edges)
    return out


def _write_nodes(graph: nx.MultiDiGraph, files: Mapping[str, _Writer]) -> None:
    for _, data in graph.nodes(data=True):
        kind = next((label for label in _SPACES if label in data["labels"]), None)
        if kind is None:
            raise StoreError(f"cannot export a node labelled {data['labels']}")
        files[kind].row([label_cell(data["labels"])], data["props"])


def _write_edges(graph: nx.MultiDiGraph, mentions: _Writer, facts: _Writer) -> None:
    for u, v, data in graph.edges(data=True):
        start, end = _quote(u[2:]), _quote(v[2:])
        if data["type"] == schema.MENTIONS:
            mentions.row([start, end, schema.MENTIONS], data["props"])
        else:
            facts.row([start, end, schema.sanitize_type(data["type"])], data["props"])


def _write_claim_edges(graph: nx.MultiDiGraph, files: Mapping[str, _Writer]) -> None:
    """A claim's edges to the nodes that exist (as the Neo4j store makes them)."""
    for _, data in graph.nodes(data=True):
        if schema.CLAIM not in data["labels"]:
            continue
        start = _quote(data["props"]["id"])
        for rtype, end in claim_ends(data["props"]):
            if graph.has_node(end):
                files[rtype].row([start, _quote(end[2:]), rtype], {})


def empty_list_statements(empty: set[tuple[str, str]]) -> Iterator[str]:
    """Cypher that gives the properties of ``empty`` their empty lists back: one statement
    per node label or relationship type, in batched transactions of its own (run each in
    an auto-commit transaction).  Owners and properties come from the schema's fixed
    names, checked here, never from data."""
    known_nodes = {schema.ARTICLE, schema.ENTITY, schema.CLAIM}
    known_props = {p for cols in _ALL_COLUMNS for p, t in cols if t == "string[]"}
    by_owner: dict[str, list[str]] = {}
    for owner, prop in sorted(empty):
        if prop not in known_props or not prop.isidentifier():
            raise StoreError(f"unknown list property {prop!r}")
        if owner not in known_nodes and owner != schema.MENTIONS:
            raise StoreError(f"unknown owner of list property {owner!r}")
        by_owner.setdefault(owner, []).append(prop)
    for owner, props in by_owner.items():
        v, match = ("n", f"(n:{owner})") if owner in known_nodes else ("r", f"()-[r:{owner}]->()")
        missing = " OR ".join(f"{v}.{p} IS NULL" for p in props)
        sets = ", ".join(f"{v}.{p} = coalesce({v}.{p}, [])" for p in props)
        yield (
            f"MATCH {match} WHERE {missing} "
            f"CALL ({v}) {{ SET {sets} }} IN TRANSACTIONS OF 20000 ROWS"
        )

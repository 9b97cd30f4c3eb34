"""The fact graph (entities and the facts between them) for other tools: GraphML and
GEXF (Gephi, Cytoscape, yEd), node-link JSON (D3, networkx) and CSV (spreadsheets, R).

Read with Cypher that both stores run, so an export looks the same from either.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kgraph.errors import ConfigError
from kgraph.store.base import GraphStore, query_records

if TYPE_CHECKING:
    import networkx as nx

ENTITIES = """
MATCH (e:Entity)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases,
       e.titles AS titles, e.mentions AS mentions
ORDER BY key
"""

FACTS = """
MATCH (s:Entity)-[r]->(o:Entity)
RETURN s.key AS source, o.key AS target, type(r) AS relation, r.count AS count,
       r.confidence AS confidence, r.negated AS negated,
       coalesce(r.hedged, false) AS hedged, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.articles AS articles
ORDER BY source, relation, target, negated
"""

FORMATS = ("graphml", "gexf", "json", "csv")


def fact_graph(store: GraphStore, min_count: int = 1) -> nx.MultiDiGraph:
    """Entities as nodes, facts as edges (those with at least ``min_count`` mentions).

    Nodes carry ``label`` = the entity's name, which Gephi, Cytoscape and yEd show (the
    node id stays the key).  With ``min_count`` above 1 only the entities of the kept
    facts remain: the point of the threshold is a smaller picture."""
    import networkx as nx  # here, not at the top: every command loads this module

    graph = nx.MultiDiGraph()
    for entity in query_records(store, ENTITIES):
        graph.add_node(entity.pop("key"), label=entity["name"], **entity)
    for fact in query_records(store, FACTS):
        if (fact["count"] or 0) < min_count:
            continue
        source, target = fact.pop("source"), fact.pop("target")
        key = f"{fact['relation']}|{int(bool(fact['negated']))}"
        graph.add_edge(source, target, key=key, label=fact["relation"], **fact)
    if min_count > 1:
        graph.remove_nodes_from([n for n, degree in graph.degree() if degree == 0])
    return graph


def _flat(value: Any) -> Any:
    """Lists become "a; b" and nulls "", for formats that only hold scalars."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def _flattened(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _flat(x) for k, x in data.items()})
    return flat


def _write_json(graph: nx.MultiDiGraph, out: TextIO) -> None:
    import networkx as nx

    data = nx.node_link_data(graph, edges="edges")
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _write_csv(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Two files: PATH-nodes.csv and PATH-edges.csv (PATH without its .csv suffix)."""
    base = path.with_suffix("") if path.suffix == ".csv" else path
    nodes = base.with_name(base.name + "-nodes.csv")
    edges = base.with_name(base.name + "-edges.csv")
    node_columns = ["name", "type", "aliases", "titles", "mentions"]
    with nodes.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["key", *node_columns])
        for key, data in graph.nodes(data=True):
            writer.writerow([key, *(_flat(data.get(c)) for c in node_columns)])
    columns = [
        "relation",
        "count",
        "confidence",
        "negated",
        "hedged",
        "first_seen",
        "last_seen",
        "articles",
    ]
    with edges.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", *columns])
        for u, v, data in graph.edges(data=True):
            writer.writerow([u, v, *(_flat(data.get(c)) for c in columns)])
    return [nodes, edges]


def export(
    store: GraphStore, fmt: str, path: Path | None, out: TextIO, min_count: int = 1
) -> list[Path]:
    """Write the fact graph in ``fmt`` to ``path`` (or ``out`` for JSON); returns files."""
    import networkx as nx

    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    graph = fact_graph(store, min_count)
    if fmt == "json" and path is None:
        _write_json(graph, out)
        return []
    if path is None:
        raise ConfigError(f"--format {fmt} writes files", "give --output PATH")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        return _write_csv(graph, path)
    if fmt == "json":
        with path.open("w", encoding="utf-8") as fh:
            _write_json(graph, fh)
    elif fmt == "graphml":
        nx.write_graphml(_flattened(graph), path)
    else:
        nx.write_gexf(_flattened(graph), path)
    return [path]

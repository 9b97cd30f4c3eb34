"""A store-neutral picture of a whole graph, to compare the embedded store with Neo4j."""

from __future__ import annotations

from typing import Any

from kgraph.store.local import LocalStore
from kgraph.store.neo4j import Neo4jStore

Snapshot = dict[str, dict[Any, dict[str, Any]]]
VOLATILE = {"ingested_at"}


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in VOLATILE}


def local_snapshot(store: LocalStore) -> Snapshot:
    g = store.graph
    snap: Snapshot = {"articles": {}, "entities": {}, "claims": {}, "facts": {}, "mentions": {}}
    kinds = {"Article": "articles", "Entity": "entities", "Claim": "claims"}
    for _, data in g.nodes(data=True):
        for label, kind in kinds.items():
            if label in data["labels"]:
                props = _clean(data["props"])
                key = props.get("key") or props["id"]
                snap[kind][key] = props | {"_labels": sorted(data["labels"])}
    for u, v, data in g.edges(data=True):
        rtype, props = data["type"], data["props"]
        if rtype == "MENTIONS":
            snap["mentions"][(u[2:], v[2:], props["ref"])] = dict(props)
        elif rtype not in {"SUBJECT", "OBJECT", "SUPPORTED_BY"}:
            snap["facts"][(u[2:], rtype, v[2:], props["negated"])] = dict(props)
    return snap


def neo4j_snapshot(store: Neo4jStore) -> Snapshot:
    snap: Snapshot = {"articles": {}, "entities": {}, "claims": {}, "facts": {}, "mentions": {}}
    run = store.driver.execute_query
    db = store.settings.database
    for kind, label, key in (
        ("articles", "Article", "id"),
        ("entities", "Entity", "key"),
        ("claims", "Claim", "id"),
    ):
        records, _, _ = run(f"MATCH (n:{label}) RETURN n", database_=db)
        for record in records:
            node = record["n"]
            props = _clean(dict(node.items()))
            assert props[key] not in snap[kind], f"duplicate {label} {props[key]}"
            snap[kind][props[key]] = props | {"_labels": sorted(node.labels)}
    records, _, _ = run(
        "MATCH (a:Article)-[m:MENTIONS]->(e:Entity) RETURN a.id AS a, e.key AS e, m",
        database_=db,
    )
    for record in records:
        props = dict(record["m"].items())
        key = (record["a"], record["e"], props["ref"])
        assert key not in snap["mentions"], f"duplicate mention {key}"
        snap["mentions"][key] = props
    records, _, _ = run(
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.key AS s, type(r) AS t, o.key AS o, r",
        database_=db,
    )
    for record in records:
        props = dict(record["r"].items())
        key = (record["s"], record["t"], record["o"], props["negated"])
        assert key not in snap["facts"], f"duplicate fact {key}"
        snap["facts"][key] = props
    return snap


def wipe(store: Neo4jStore) -> None:
    store.driver.execute_query("MATCH (n) DETACH DELETE n", database_=store.settings.database)

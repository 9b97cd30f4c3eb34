"""Transaction building blocks shared by the Neo4j store's writes, merges and removals:
batched statements, and the recomputation of fact edges and entity aggregates (read the
evidence, apply the rule of :mod:`kgraph.graph`, write the values)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from kgraph.graph import (
    FactKey,
    MentionRow,
    entity_props,
    fact_id,
    fact_key,
    is_fact,
    refreshed_entity,
    refreshed_fact,
)
from kgraph.models import Entity
from kgraph.schema import sanitize_label, sanitize_type
from kgraph.store import neo4j_cypher as q

ROWS_PER_STATEMENT = 2000


class Rows(list[Any]):
    """A statement's parameter rows.  The driver formats every RUN message for its debug
    log whether or not the log is on; a short ``repr`` keeps that from costing as much as
    sending the rows."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def chunks(rows: Sequence[Any]) -> list[Rows]:
    size = ROWS_PER_STATEMENT
    return [Rows(rows[i : i + size]) for i in range(0, len(rows), size)] if rows else []


def send(
    tx: ManagedTransaction, query: LiteralString, items: Sequence[Any], param: str = "rows"
) -> None:
    """Run ``query`` with ``items`` as parameter ``param``, in chunks, without waiting
    for the results: the server executes each statement while the client sends the next
    (the driver collects the result when the next one is answered, or at commit); an
    error surfaces there and fails the transaction as before."""
    for chunk in chunks(items):
        tx.run(query, {param: chunk})


def drop_evidence(tx: ManagedTransaction, ids: list[str]) -> tuple[set[FactKey], set[str]]:
    """Delete the claims and mentions of articles ``ids``; returns the facts and entities
    whose aggregates must then be recomputed."""
    facts = {fact_key(r["fact"]) for r in tx.run(q.DROP_CLAIMS, ids=ids)}
    entities = {r["key"] for r in tx.run(q.DROP_MENTIONS, ids=ids)}
    return facts, entities


def fact_rows(facts: Iterable[FactKey]) -> list[dict[str, Any]]:
    """Rows naming ``facts`` (in sorted order): ends, sanitised type, negation, fact id."""
    return [
        {"s": s, "rel": sanitize_type(rel), "o": o, "n": n, "fact": fact_id((s, rel, o, n))}
        for s, rel, o, n in sorted(facts)
    ]


def refresh(
    tx: ManagedTransaction,
    facts: set[FactKey],
    entities: set[str],
    fresh_facts: dict[FactKey, dict[str, Any]] | None = None,
    new_entities: frozenset[str] | set[str] = frozenset(),
    eids: dict[str, str] | None = None,
) -> int:
    """Bring fact edges and entity aggregates up to date; returns the number of new facts.

    ``facts`` and ``entities`` are recomputed from all their claims and mentions.
    ``fresh_facts`` (fact -> properties computed from this batch's claims) are created as
    they are when the fact did not exist before: then every claim of it is in the batch,
    so its evidence need not be read back.  A fresh fact about one of ``new_entities``
    (created in this transaction) cannot have existed, so the database is not even
    asked.  ``eids`` (entity key -> element id) must hold the endpoints of every fresh
    fact.
    """
    facts = {k for k in facts if is_fact(k)}
    fresh_facts = {k: v for k, v in (fresh_facts or {}).items() if is_fact(k)}
    unseen = {
        k for k in fresh_facts if k not in facts and (k[0] in new_entities or k[2] in new_entities)
    }
    existed: set[str] = set()
    looked_for = (facts | set(fresh_facts)) - unseen
    send(
        tx,
        q.LOCK_ENTITIES,
        sorted({k[0] for k in looked_for} | {k[2] for k in looked_for}),
        param="keys",
    )
    for chunk in chunks(fact_rows(looked_for)):
        record = tx.run(q.DELETE_FACTS, rows=chunk).single()
        existed.update(record["existed"] if record else [])
    direct = {
        key: props
        for key, props in fresh_facts.items()
        if fact_id(key) not in existed and key not in facts
    }
    ids = eids or {}
    rows = [
        row | {"se": ids[key[0]], "oe": ids[key[2]], "props": direct[key]}
        for key, row in zip(sorted(direct), fact_rows(direct), strict=True)
    ]
    rows += _recomputed_facts(tx, (facts | set(fresh_facts)) - set(direct))
    send(tx, q.CREATE_FACT_ROWS, rows)
    _refresh_entities(tx, entities)
    return sum(1 for row in rows if row["fact"] not in existed)


def _recomputed_facts(tx: ManagedTransaction, facts: set[FactKey]) -> list[dict[str, Any]]:
    """Rows for :data:`~kgraph.store.neo4j_cypher.CREATE_FACT_ROWS` of the ``facts`` that
    still have claims, aggregated from all of them."""
    keys = sorted(facts)
    out = []
    for chunk in chunks(list(zip(keys, fact_rows(keys), strict=True))):
        rows = Rows(row for _, row in chunk)
        evidence = {r["fact"]: r for r in tx.run(q.FACT_EVIDENCE, rows=rows)}
        for key, row in chunk:
            found = evidence.get(row["fact"])
            if found is None:  # an end is gone
                continue
            claims = found["claims"]
            published = {c["article_id"]: c["published"] for c in claims}
            props = refreshed_fact(key, claims, published)
            if props is not None:
                out.append(row | {"se": found["se"], "oe": found["oe"], "props": props})
    return out


def _refresh_entities(tx: ManagedTransaction, keys: Iterable[str]) -> None:
    """Recompute the aggregates of the entities ``keys`` from all their mentions, and
    delete those nothing mentions any more."""
    rows: list[dict[str, Any]] = []
    orphans: list[str] = []
    for chunk in chunks(sorted(keys)):
        for r in tx.run(q.ENTITY_MENTIONS, keys=chunk):
            mentions = [MentionRow.of(m["article_id"], r["key"], m) for m in r["mentions"]]
            aggregates = refreshed_entity(r["name"], mentions)
            if aggregates is None:
                orphans.append(r["key"])
            else:
                rows.append({"e": r["e"]} | aggregates)
    send(tx, q.SET_ENTITY_AGGREGATES, rows)
    send(tx, q.DELETE_ENTITIES, orphans, param="keys")


def set_lists(tx: ManagedTransaction, lists: dict[str, dict[str, Any]]) -> None:
    """Write the lists of entities (key -> :data:`kgraph.graph.ENTITY_LISTS`)."""
    send(tx, q.SET_ENTITY_LISTS, [{"key": key} | value for key, value in sorted(lists.items())])


def locked_entities(tx: ManagedTransaction, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Entity key -> its properties and element id (``_e``), read under its write lock;
    keys of no entity are left out."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(sorted(set(keys))):
        for r in tx.run(q.LOCKED_ENTITIES, keys=chunk):
            out[r["key"]] = dict(r["props"]) | {"_e": r["e"]}
    return out


def entity_row(entity: Entity, props: dict[str, Any]) -> dict[str, Any]:
    return {"key": entity.key, "label": sanitize_label(entity.type), "props": props}


def create_entities(
    tx: ManagedTransaction, rows: dict[str, dict[str, Any]]
) -> tuple[set[str], dict[str, str]]:
    """Create the entities that do not exist yet; returns the keys created and every
    key's element id."""
    created: set[str] = set()
    eids: dict[str, str] = {}
    for chunk in chunks([rows[k] for k in sorted(rows)]):
        record = tx.run(q.MERGE_ENTITIES, rows=chunk).single(strict=True)
        eids.update(zip(record["keys"], record["eids"], strict=True))
        created.update(record["created"])
    return created, eids


def ensure_entities(tx: ManagedTransaction, entities: Iterable[Entity]) -> None:
    """Create the entities missing (aggregates are recomputed by the caller)."""
    create_entities(tx, {e.key: entity_row(e, entity_props(e)) for e in entities})

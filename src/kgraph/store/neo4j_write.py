"""Writing and removing articles in the Neo4j store: one transaction per batch.

Everything that depends on other articles -- fact edges and entity aggregates -- is
recomputed inside the same transaction from the claims and mentions, so re-ingesting
changes nothing and two concurrent ingests converge to the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from neo4j import ManagedTransaction

from kgraph.graph import (
    FactKey,
    MentionRow,
    aggregate_entity,
    aggregate_fact,
    article_props,
    claim_props,
    entity_props,
    fact_key,
    link_lists,
    linked_refs,
    mention_rows,
)
from kgraph.models import ArticleResult, Entity, Merge
from kgraph.store import neo4j_cypher as q
from kgraph.store.base import WriteStats
from kgraph.store.neo4j_merge import apply_merges
from kgraph.store.neo4j_tx import (
    chunks,
    create_entities,
    drop_evidence,
    entity_row,
    locked_entities,
    refresh,
    send,
    set_lists,
)


def write_batch(
    tx: ManagedTransaction, results: list[ArticleResult], merges: list[Merge], now: str
) -> WriteStats:
    """Store a batch of analysed articles (replacing their earlier versions) and apply the
    entity merges linking called for."""
    stats = WriteStats()
    facts: set[FactKey] = set()
    entities: set[str] = set()
    apply_merges(tx, merges, facts, entities)
    ids = [r.article.id for r in results]
    # Writing the articles first locks them, so a concurrent writer of the same article
    # waits here and then finds (and drops) this one's evidence.
    articles: dict[str, str] = {}
    for chunk in chunks([article_props(r, now) for r in results]):
        record = tx.run(q.MERGE_ARTICLES, rows=chunk).single(strict=True)
        articles.update(zip(record["ids"], record["eids"], strict=True))
    dropped_facts, dropped_entities = drop_evidence(tx, ids)
    facts |= dropped_facts
    entities |= dropped_entities
    mentions = [m for r in results for m in mention_rows(r)]
    by_key: dict[str, list[MentionRow]] = defaultdict(list)
    for m in mentions:
        by_key[m.key].append(m)
    linked = linked_refs(results)
    fresh = _fresh_entities(results, by_key, linked)
    created, eids = create_entities(tx, fresh)
    stats.entities_new = len(created)
    # Entities that existed get this batch's mentions added to their aggregates; those
    # that also lost mentions (a replaced article, a merge) are recomputed in full.
    grown = sorted(set(fresh) - created - entities)
    # Rows name the nodes by the element ids they got above (see CREATE_MENTIONS).  A
    # result's refs and claims point at its own entities, so every id is there.
    rows = [{"a": articles[m.article_id], "e": eids[m.key]} | m.props() for m in mentions]
    send(tx, q.CREATE_MENTIONS, rows)
    claims = [claim_props(c) for r in results for c in r.claims]
    rows = [
        c
        | {
            "a": articles[c["article_id"]],
            "s": eids.get(c["subject_key"]),
            "o": eids.get(c["object_key"]),
        }
        for c in claims
    ]
    send(tx, q.CREATE_CLAIMS, rows)
    stats.claims_written = len(claims)
    _grow_entities(tx, grown, {k: v for k, v in linked.items() if k not in created}, by_key)
    stats.relations_new = refresh(
        tx, facts, entities, _fresh_facts(results, claims), new_entities=created, eids=eids
    )
    return stats


def _fresh_facts(
    results: list[ArticleResult], claims: list[dict[str, Any]]
) -> dict[FactKey, dict[str, Any]]:
    """Fact properties from this batch's claims alone (right for facts new in it)."""
    published = {r.article.id: r.article.published for r in results}
    grouped: dict[FactKey, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        grouped[fact_key(claim)].append(claim)
    return {key: aggregate_fact(group, published) for key, group in grouped.items()}


def _grow_entities(
    tx: ManagedTransaction,
    grown: list[str],
    links: dict[str, set[str]],
    by_key: dict[str, list[MentionRow]],
) -> None:
    """Fold this batch's mentions into the aggregates of the entities ``grown`` and the
    batch's links (entity key -> refs, see :func:`kgraph.graph.linked_refs`) into the
    lists of existing entities, each read under its lock."""
    current = locked_entities(tx, [*grown, *links])
    rows = [
        {"e": current[k]["_e"]} | aggregate_entity(current[k]["name"], by_key[k], current[k])
        for k in grown
    ]
    send(tx, q.SET_ENTITY_AGGREGATES, rows)
    set_lists(tx, {k: link_lists(current[k], refs) for k, refs in links.items()})


def _fresh_entities(
    results: list[ArticleResult],
    by_key: dict[str, list[MentionRow]],
    links: dict[str, set[str]],
) -> dict[str, dict[str, Any]]:
    """Entity key -> the row to create it with, its aggregates computed from this batch
    (right for entities new in it); ``links`` are the batch's :func:`linked_refs`."""
    first: dict[str, Entity] = {}
    for result in results:
        for entity in result.entities.values():
            first.setdefault(entity.key, entity)
    out = {}
    for key, entity in first.items():
        props = entity_props(entity) | aggregate_entity(entity.name, by_key.get(key, []))
        props |= link_lists(props, links.get(key, ()))
        out[key] = entity_row(entity, props)
    return out


def remove_articles(tx: ManagedTransaction, ids: list[str]) -> list[str]:
    """Delete articles and their evidence; returns the ids that were stored."""
    record = tx.run(q.EXISTING_ARTICLES, ids=ids).single()
    existing: list[str] = list(record["ids"]) if record else []
    if not existing:
        return []
    facts, entities = drop_evidence(tx, existing)
    tx.run(q.DELETE_ARTICLES, ids=existing).consume()
    refresh(tx, facts, entities)
    return [i for i in ids if i in set(existing)]

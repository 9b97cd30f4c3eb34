"""Entity merges and their undoing in the Neo4j store.

Merges come in bursts (cross-article linking folds hundreds of names into their
entities per batch), so they are applied in rounds of independent merges, a few
``UNWIND`` statements per round rather than a handful of round trips per merge.  Within
a round no entity is both merged away and merged into, so the order inside it does not
matter; the rounds keep the order of the merges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import ManagedTransaction

from kgraph.graph import (
    FactKey,
    fact_id,
    fact_key,
    fold_lists,
    placed,
    placements,
    split_entity,
    split_lists,
    type_of_key,
)
from kgraph.models import Entity, IndexedEntity, Merge, StoredRef
from kgraph.store import neo4j_cypher as q
from kgraph.store.base import Placer
from kgraph.store.neo4j_tx import (
    chunks,
    ensure_entities,
    locked_entities,
    refresh,
    send,
    set_lists,
)


def rounds(merges: Iterable[Merge]) -> list[list[Merge]]:
    """Consecutive runs of merges in which no key is merged twice and no key is both a
    source and a target; merges of an entity into itself are dropped."""
    out: list[list[Merge]] = []
    current: list[Merge] = []
    sources: set[str] = set()
    targets: set[str] = set()
    for merge in merges:
        source, target = merge.source, merge.target.key
        if source == target:
            continue
        if source in sources or source in targets or target in sources:
            out.append(current)
            current, sources, targets = [], set(), set()
        current.append(merge)
        sources.add(source)
        targets.add(target)
    if current:
        out.append(current)
    return out


def apply_merges(
    tx: ManagedTransaction, merges: Sequence[Merge], facts: set[FactKey], entities: set[str]
) -> list[str]:
    """Fold each merge's source into its target; returns the sources merged (those that
    existed).  Facts and entities to recompute are added to ``facts`` and ``entities``."""
    done: list[str] = []
    for batch in rounds(merges):
        done.extend(_merge_round(tx, batch, facts, entities))
    return done


def merge_all(tx: ManagedTransaction, merges: list[Merge]) -> list[str]:
    """Apply merges and bring the aggregates they touch up to date."""
    facts: set[FactKey] = set()
    entities: set[str] = set()
    done = apply_merges(tx, merges, facts, entities)
    refresh(tx, facts, entities)
    return done


def _merge_round(
    tx: ManagedTransaction, merges: list[Merge], facts: set[FactKey], entities: set[str]
) -> list[str]:
    current = locked_entities(tx, (m.source for m in merges))
    todo = [m for m in merges if m.source in current]
    if not todo:
        return []
    ensure_entities(tx, {m.target.key: m.target for m in todo}.values())
    sources = [m.source for m in todo]
    targets = sorted({m.target.key for m in todo})
    current |= locked_entities(tx, targets)
    _move(tx, [{"source": m.source, "target": m.target.key, "ref": None} for m in todo], facts)
    folded: dict[str, dict[str, Any]] = defaultdict(dict)
    for m in todo:
        folded[m.target.key][m.source] = current[m.source]
    pins = {m.source for m in todo if m.manual}
    set_lists(tx, {t: fold_lists(current[t], folded[t], pins) for t in targets})
    send(tx, q.DELETE_ENTITIES, sorted(sources), param="keys")
    entities.update(targets)
    return sources


def unmerge(tx: ManagedTransaction, ref: str) -> str | None:
    """Split ref ``ref`` back out of the entity it was merged into; returns that entity's
    key, or None when no entity holds the ref."""
    record = tx.run(q.ENTITY_HOLDING_REF, ref=ref).single()
    if record is None:
        return None
    target: str = record["key"]
    names = [n for r in tx.run(q.MENTION_NAMES, ref=ref, target=target) for n in r["names"]]
    ensure_entities(tx, [split_entity(ref, names)])
    facts: set[FactKey] = set()
    _move(tx, [{"source": target, "target": ref, "ref": ref}], facts)
    set_lists(tx, {target: split_lists(locked_entities(tx, [target])[target], ref)})
    refresh(tx, facts, {target, ref})
    return target


def _move(tx: ManagedTransaction, rows: list[dict[str, Any]], facts: set[FactKey]) -> None:
    """Move mentions and claims for rows ``{source, target, ref}`` (see
    :data:`kgraph.store.neo4j_cypher.MOVE_MENTIONS`); old and new facts go to ``facts``."""
    for chunk in chunks(rows):
        tx.run(q.MOVE_MENTIONS, rows=chunk).consume()
        moved: dict[str, FactKey] = {}
        for side in ("SUBJECT", "OBJECT"):
            for record in tx.run(q.move_claims(side), rows=chunk):
                old, new = fact_key(record["old"]), fact_key(record["new"])
                facts.update((old, new))
                moved[record["c"]] = new  # a claim about source on both sides: the last
        claims = [{"c": c, "fact": fact_id(key)} for c, key in moved.items()]
        send(tx, q.SET_CLAIM_FACTS, claims)


def relink(tx: ManagedTransaction, place: Placer) -> int:
    """Move the refs that are not where ``place`` puts them, deciding from what is stored
    once the pass holds the relink lock; returns the refs moved (see
    :meth:`kgraph.store.base.GraphStore.relink`)."""
    tx.run(q.TAKE_RELINK_LOCK).consume()
    record = tx.run(q.DROP_DUPLICATE_MENTIONS).single()
    entities: set[str] = set(record["keys"]) if record else set()
    refs = [
        StoredRef(r["ref"], r["key"], type_of_key(r["ref"]), tuple(r["names"]), tuple(r["titles"]))
        for r in tx.run(q.STORED_REFS)
    ]
    refs.sort(key=lambda s: (s.ref, s.key))
    wanted = place(refs, [IndexedEntity.of(r) for r in tx.run(q.ENTITY_INDEX)])
    rows = [
        {"source": s.key, "target": wanted[s.ref].key, "ref": s.ref}
        for s in refs
        if wanted[s.ref].key != s.key
    ]
    ensure_entities(tx, {wanted[r["ref"]].key: wanted[r["ref"]] for r in rows}.values())
    facts: set[FactKey] = set()
    _move(tx, rows, facts)
    entities |= {str(r[side]) for r in rows for side in ("source", "target")}
    entities |= _set_placed(tx, wanted)
    refresh(tx, facts, entities)
    return len(rows)


def _set_placed(tx: ManagedTransaction, wanted: dict[str, Entity]) -> set[str]:
    """Give the entities refs were placed in their chosen names and ``merged`` lists;
    returns the keys changed."""
    wanted_names = placements(wanted)
    current = {r["key"]: r.data() for r in tx.run(q.ENTITY_NAMES, keys=sorted(wanted_names))}
    rows: list[dict[str, Any]] = []
    for key, (name, held) in sorted(wanted_names.items()):
        update = placed(current.get(key, {}), name, held)
        if update is not None:
            rows.append({"key": key} | update)
    send(tx, q.SET_PLACED, rows)
    return {str(r["key"]) for r in rows}

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

from kgraph.graph import FactKey, best_name, type_of_key
from kgraph.models import Entity, IndexedEntity, Merge, StoredRef
from kgraph.store import neo4j_cypher as q
from kgraph.store.base import Placer
from kgraph.store.neo4j_tx import chunks, ensure_entities, existing_entities, refresh

Lists = dict[str, tuple[set[str], set[str], set[str]]]
"""Entity key -> (merged, distinct_from, pinned)."""
NO_LISTS: tuple[set[str], set[str], set[str]] = (set(), set(), set())


def entity_of(r: Any) -> IndexedEntity:
    """An entity as :data:`kgraph.store.neo4j_cypher.ENTITY_INDEX` returns it."""
    return IndexedEntity(
        r["key"],
        r["name"],
        r["type"],
        tuple(r["aliases"] or ()),
        tuple(r["merged"] or ()),
        tuple(r["distinct_from"] or ()),
        tuple(r["titles"] or ()),
        tuple(r["pinned"] or ()),
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
    found = existing_entities(tx, (m.source for m in merges))
    todo = [m for m in merges if m.source in found]
    if not todo:
        return []
    ensure_entities(tx, {m.target.key: m.target for m in todo}.values())
    sources = [m.source for m in todo]
    targets = sorted({m.target.key for m in todo})
    lists = _lists(tx, [*sources, *targets])
    _move(tx, [{"source": m.source, "target": m.target.key, "ref": None} for m in todo], facts)
    folded: dict[str, set[str]] = defaultdict(set)
    for m in todo:
        folded[m.target.key].add(m.source)
    pins = {m.source for m in todo if m.manual}
    updated: Lists = {}
    for target in targets:
        merged, distinct, pinned = lists.get(target, NO_LISTS)
        inherited = {ref for s in folded[target] for ref in lists.get(s, NO_LISTS)[0]}
        updated[target] = (
            merged | folded[target] | inherited,
            distinct - folded[target],
            pinned | (folded[target] & pins),
        )
    _set_lists(tx, updated)
    for chunk in chunks(sorted(sources)):
        tx.run(q.DELETE_ENTITIES, keys=chunk).consume()
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
    ensure_entities(tx, [Entity(ref, best_name(names or [ref]), type_of_key(ref))])
    facts: set[FactKey] = set()
    _move(tx, [{"source": target, "target": ref, "ref": ref}], facts)
    merged, distinct, pinned = _lists(tx, [target]).get(target, NO_LISTS)
    _set_lists(tx, {target: (merged - {ref}, distinct | {ref}, pinned - {ref})})
    refresh(tx, facts, {target, ref})
    return target


def _move(tx: ManagedTransaction, rows: list[dict[str, Any]], facts: set[FactKey]) -> None:
    """Move mentions and claims for rows ``{source, target, ref}`` (see
    :data:`kgraph.store.neo4j_cypher.MOVE_MENTIONS`); old and new facts go to ``facts``."""
    for chunk in chunks(rows):
        tx.run(q.MOVE_MENTIONS, rows=chunk).consume()
        for side in ("SUBJECT", "OBJECT"):
            for record in tx.run(q.move_claims(side), rows=chunk):
                for s, rel, o, n in (record["old"], record["new"]):
                    facts.add((s, rel, o, n))


def _lists(tx: ManagedTransaction, keys: Iterable[str]) -> Lists:
    out: Lists = {}
    for chunk in chunks(sorted(set(keys))):
        for r in tx.run(q.ENTITY_LISTS, keys=chunk):
            out[r["key"]] = (
                set(r["merged"] or ()),
                set(r["distinct_from"] or ()),
                set(r["pinned"] or ()),
            )
    return out


def _set_lists(tx: ManagedTransaction, lists: Lists) -> None:
    rows = [
        {
            "key": key,
            "merged": sorted(merged),
            "distinct_from": sorted(distinct),
            "pinned": sorted(pinned),
        }
        for key, (merged, distinct, pinned) in sorted(lists.items())
    ]
    for chunk in chunks(rows):
        tx.run(q.SET_ENTITY_LISTS, rows=chunk).consume()


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
    wanted = place(refs, [entity_of(r) for r in tx.run(q.ENTITY_INDEX)])
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
    held: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for ref, entity in wanted.items():
        names[entity.key] = entity.name
        if ref != entity.key:
            held[entity.key].add(ref)
    current = {r["key"]: r for r in tx.run(q.ENTITY_NAMES, keys=sorted(names))}
    rows: list[dict[str, Any]] = []
    for key, name in sorted(names.items()):
        record = current.get(key)
        pinned = set(record["pinned"] or ()) if record else set()
        merged = sorted(held[key] | pinned)
        if record is None or record["name"] != name or list(record["merged"] or ()) != merged:
            rows.append({"key": key, "name": name, "merged": merged})
    for chunk in chunks(rows):
        tx.run(q.SET_PLACED, rows=chunk).consume()
    return {str(r["key"]) for r in rows}

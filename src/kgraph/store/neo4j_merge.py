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
from kgraph.models import Entity, Merge
from kgraph.store import neo4j_cypher as q
from kgraph.store.neo4j_tx import chunks, ensure_entities, existing_entities, refresh

Lists = dict[str, tuple[set[str], set[str]]]
"""Entity key -> (merged, distinct_from)."""


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
    updated: Lists = {}
    for target in targets:
        merged, distinct = lists.get(target, (set(), set()))
        inherited = {ref for s in folded[target] for ref in lists.get(s, (set(), set()))[0]}
        updated[target] = (merged | folded[target] | inherited, distinct - folded[target])
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
    merged, distinct = _lists(tx, [target]).get(target, (set(), set()))
    _set_lists(tx, {target: (merged - {ref}, distinct | {ref})})
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
            out[r["key"]] = (set(r["merged"] or ()), set(r["distinct_from"] or ()))
    return out


def _set_lists(tx: ManagedTransaction, lists: Lists) -> None:
    rows = [
        {"key": key, "merged": sorted(merged), "distinct_from": sorted(distinct)}
        for key, (merged, distinct) in sorted(lists.items())
    ]
    for chunk in chunks(rows):
        tx.run(q.SET_ENTITY_LISTS, rows=chunk).consume()

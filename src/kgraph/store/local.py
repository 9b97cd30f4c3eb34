"""The embedded store: a SQLite file in the working directory (:mod:`.sqlite_file`).

No server needed.  Reading (queries, stats, fingerprints) runs against the file and
loads only what a query touches.  Writing loads the whole graph into a networkx
MultiDiGraph, changes it, and saves the nodes and edges it changed in one transaction
(property changes in place go through ``_edit``, so that the graph notes them).  Node ids are
``a:<article id>``, ``e:<entity key>`` and ``c:<claim id>`` (:mod:`kgraph.store.local_ids`);
each node carries ``labels`` and ``props``, each edge ``type`` and ``props`` -- the format
the embedded Cypher engine reads.  In memory a claim's edges are derived, not stored
(:mod:`kgraph.store.claim_edges`); the file holds them as rows for readers.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph import schema
from kgraph.errors import WriteNotAllowedError, from_engine
from kgraph.graph import (
    FactKey,
    MentionRow,
    aggregate_entity,
    article_props,
    claim_props,
    entity_props,
    fact_id,
    fact_key,
    fingerprint,
    fold_lists,
    link_lists,
    linked_refs,
    mention_rows,
    placed,
    placements,
    refreshed_entity,
    refreshed_fact,
    split_entity,
    split_lists,
    type_of_key,
)
from kgraph.models import (
    ArticleResult,
    Entity,
    IndexedEntity,
    Merge,
    QueryResult,
    StoredRef,
)
from kgraph.store.base import GraphStats, Placer, WriteStats
from kgraph.store.claim_edges import ClaimEdges
from kgraph.store.local_ids import (
    article_node,
    claim_node,
    entity_node,
    fact_edge_key,
    mention_edge_key,
)
from kgraph.store.persist import summary_path, write_lock
from kgraph.store.records import (
    ARTICLE_LABELS,
    CLAIM_LABELS,
    ClaimRecord,
    EntityRecord,
    FactRecord,
    MentionRecord,
    entity_labels,
)
from kgraph.store.sqlite_file import GraphFile, convert_legacy, file_kind
from kgraph.timeutil import utc_now_iso

if TYPE_CHECKING:
    from kgraph.store.store_graph import StoreGraph


class LocalStore:
    """The embedded graph store.  Open with ``writable=True`` to ingest or remove."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.path = path
        self.description = f"embedded store {path}"
        self._exit = contextlib.ExitStack()
        if writable:
            self._exit.enter_context(write_lock(path))
        self._writable = writable
        self._dirty = False
        self._graph: StoreGraph | None = None
        self._claim_edges = ClaimEdges()
        self._claims_by_fact: dict[FactKey, list[str]] = defaultdict(list)
        try:
            self._convert_legacy()
            self._file = GraphFile(path)
            self._file.connection()  # a file that is no store fails here, not mid-command
        except BaseException:
            self._exit.close()
            raise

    def _convert_legacy(self) -> None:
        """A store of the older gzip'd JSON format becomes a SQLite file, once."""
        if file_kind(self.path) != "gzip":
            return
        with contextlib.nullcontext() if self._writable else write_lock(self.path):
            if file_kind(self.path) == "gzip":
                convert_legacy(self.path, self.path)
                with contextlib.suppress(FileNotFoundError):
                    summary_path(self.path).unlink()

    @property
    def graph(self) -> StoreGraph:
        """The whole graph, loaded on first use (by writers: reading needs no graph)."""
        if self._graph is None:
            self._graph = self._load()
        return self._graph

    def _load(self) -> StoreGraph:
        graph = self._file.load()
        graph.noting = self._writable  # a reader's graph is never saved
        for _, _, data in graph.edges(data=True):
            record = MentionRecord if data["type"] == schema.MENTIONS else FactRecord
            data["props"] = record.of(data["props"])
        for node, data in graph.nodes(data=True):
            if schema.CLAIM in data["labels"]:
                data["props"] = ClaimRecord.of(data["props"])
                self._claim_edges.add(node, data["props"])
                if self._writable:  # only writers need to find a fact's claims
                    self._claims_by_fact[fact_key(data["props"])].append(node)
            elif schema.ENTITY in data["labels"]:
                data["props"] = EntityRecord.of(data["props"])
        return graph

    # -- reading ---------------------------------------------------------------------

    def _nodes(self, label: str) -> Iterable[tuple[str, Mapping[str, Any]]]:
        for node, data in self.graph.nodes(data=True):
            if label in data["labels"]:
                yield node, data["props"]

    def _props(self, label: str) -> Iterable[Mapping[str, Any]]:
        """The properties of the nodes with ``label``: from the graph once it is loaded,
        else read from the file."""
        if self._graph is None:
            return self._file.props_with_label(label)
        return (props for _, props in self._nodes(label))

    def fingerprints(self) -> dict[str, str]:
        return {
            props["id"]: fingerprint(props["text_sha256"], props["extractor"])
            for props in self._props(schema.ARTICLE)
        }

    def entity_index(self) -> list[IndexedEntity]:
        return [IndexedEntity.of(p) for p in self._props(schema.ENTITY)]

    def _stored_refs(self) -> list[StoredRef]:
        found: dict[tuple[str, str], tuple[list[str], set[str]]] = {}
        for _, target, data in self.graph.edges(data=True):
            if data["type"] == schema.MENTIONS:
                props = data["props"]
                names, titles = found.setdefault((props["ref"], target[2:]), ([], set()))
                names.extend(props["names"])
                titles.update(props["titles"])
        return [
            StoredRef(ref, key, type_of_key(ref), tuple(names), tuple(sorted(titles)))
            for (ref, key), (names, titles) in sorted(found.items())
        ]

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        from kgraph_cypher import CypherError, execute, is_write_query

        if is_write_query(cypher):
            raise WriteNotAllowedError(
                "this query writes to the graph",
                "the embedded store only reads; run changes against Neo4j with --neo4j --write",
            )
        try:
            if self._graph is not None:  # a writer's graph, with what it has not saved
                return execute(self._graph, cypher, params or {}, derived=self._claim_edges)
            from kgraph_cypher import SqliteView

            with self._file.reading() as conn:
                return execute(SqliteView(conn), cypher, params or {})
        except CypherError as exc:
            raise from_engine(exc) from None

    def stats(self) -> GraphStats:
        if self._graph is None:
            saved = self._file.meta("stats")
            return GraphStats(**saved) if saved else GraphStats()
        return self._graph.stats()

    # -- writing ---------------------------------------------------------------------

    def write(self, results: Sequence[ArticleResult], merges: Sequence[Merge] = ()) -> WriteStats:
        stats = WriteStats()
        facts: set[FactKey] = set()
        entities: set[str] = set()
        grown: dict[str, list[MentionRow]] = defaultdict(list)
        for merge in merges:
            self._merge(merge, facts, entities)
        now = utc_now_iso()
        for result in results:
            aid = result.article.id
            if self.graph.has_node(article_node(aid)):
                self._drop_evidence(aid, facts, entities)
            self.graph.add_node(
                article_node(aid), labels=ARTICLE_LABELS, props=article_props(result, now)
            )
            stats.entities_new += self._add_entities(result.entities.values())
            self._add_mentions(mention_rows(result), grown, entities)
            stats.claims_written += self._add_claims(result, facts)
        for key, refs in linked_refs(results).items():
            props = self._edit(entity_node(key))
            props.update(link_lists(props, refs))
        before = {k for k in facts if self._fact_exists(k)}
        self._refresh(facts, entities)
        # Entities that only gained mentions fold them into their aggregates instead of
        # reading every mention again (a busy entity is mentioned in most batches).
        for key in sorted(grown.keys() - entities):
            props = self._edit(entity_node(key))
            props.update(aggregate_entity(props["name"], grown[key], props))
        stats.relations_new = sum(1 for k in facts if k not in before and self._fact_exists(k))
        self._dirty = True
        return stats

    def remove(self, article_ids: Sequence[str]) -> list[str]:
        facts: set[FactKey] = set()
        entities: set[str] = set()
        removed = []
        for aid in article_ids:
            if not self.graph.has_node(article_node(aid)):
                continue
            self._drop_evidence(aid, facts, entities)
            self.graph.remove_node(article_node(aid))
            removed.append(aid)
        self._refresh(facts, entities)
        self._dirty = self._dirty or bool(removed)
        return removed

    def merge(self, merges: Sequence[Merge]) -> list[str]:
        facts: set[FactKey] = set()
        entities: set[str] = set()
        done = [m.source for m in merges if self._merge(m, facts, entities)]
        self._refresh(facts, entities)
        self._dirty = self._dirty or bool(done)
        return done

    def relink(self, place: Placer) -> int:
        refs = self._stored_refs()
        wanted = place(refs, self.entity_index())
        facts: set[FactKey] = set()
        entities: set[str] = set()
        moves = [(s.ref, s.key, wanted[s.ref]) for s in refs if wanted[s.ref].key != s.key]
        self._add_entities(target for _, _, target in moves)
        for ref, source, target in moves:
            self._move(source, target.key, facts, ref)
            entities.update((source, target.key))
        entities |= self._set_placed(wanted)
        self._refresh(facts, entities)
        self._dirty = self._dirty or bool(entities)
        return len(moves)

    def _move(self, source: str, target: str, facts: set[FactKey], ref: str | None = None) -> None:
        """Move the mentions and claims of entity ``source`` (only those of ``ref``, if
        given) to ``target``; the facts they leave and join go to ``facts``."""
        old, new = entity_node(source), entity_node(target)
        for art, _, key, data in list(self.graph.in_edges(old, keys=True, data=True)):
            if data["type"] == schema.MENTIONS and ref in (None, data["props"]["ref"]):
                self.graph.remove_edge(art, old, key=key)
                self.graph.add_edge(art, new, key=key, **data)
        self._rekey_claims(source, target, facts, ref)

    def _set_placed(self, wanted: Mapping[str, Entity]) -> set[str]:
        """Give the entities refs were placed in their chosen names and ``merged`` lists;
        returns the keys changed."""
        changed = set()
        for key, (name, held) in placements(wanted).items():
            props = self.graph.nodes[entity_node(key)]["props"]
            update = placed(props, name, held)
            if update is not None:
                self._edit(entity_node(key)).update(update)
                changed.add(key)
        return changed

    def unmerge(self, ref: str) -> str | None:
        target = next((p["key"] for _, p in self._nodes(schema.ENTITY) if ref in p["merged"]), None)
        if target is None:
            return None
        facts: set[FactKey] = set()
        names = [
            name
            for _, _, d in self.graph.in_edges(entity_node(target), data=True)
            if d["type"] == schema.MENTIONS and d["props"]["ref"] == ref
            for name in d["props"]["names"]
        ]
        self._add_entities([split_entity(ref, names)])
        self._move(target, ref, facts, ref)
        props = self._edit(entity_node(target))
        props.update(split_lists(props, ref))
        self._refresh(facts, {target, ref})
        self._dirty = True
        return str(target)

    def flush(self) -> None:
        if self._writable and self._dirty:
            self._file.save(self.graph)
            self._dirty = False

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._file.close()
            self._exit.close()

    # -- internals -------------------------------------------------------------------

    def _edit(self, node: str) -> Any:
        """The properties of ``node``, to change in place (the next save writes them)."""
        self.graph.touch(node)
        return self.graph.nodes[node]["props"]

    def _fact_exists(self, key: FactKey) -> bool:
        s, rel, o, neg = key
        return bool(
            self.graph.has_edge(entity_node(s), entity_node(o), key=fact_edge_key(rel, neg))
        )

    def _add_entities(self, entities: Iterable[Entity]) -> int:
        new = 0
        for entity in entities:
            node = entity_node(entity.key)
            if not self.graph.has_node(node):
                labels = entity_labels(entity.type)
                self.graph.add_node(node, labels=labels, props=EntityRecord(entity_props(entity)))
                new += 1
        return new

    def _add_mentions(
        self, rows: Iterable[MentionRow], grown: dict[str, list[MentionRow]], entities: set[str]
    ) -> None:
        """Add an article's mentions; an entity is noted in ``grown`` with its new rows, or
        in ``entities`` (to recompute in full) when a row replaced an edge it had."""
        for row in rows:
            u, v = article_node(row.article_id), entity_node(row.key)
            key = mention_edge_key(row.ref)
            if self.graph.has_edge(u, v, key):
                entities.add(row.key)
            else:
                grown[row.key].append(row)
            self.graph.add_edge(
                u, v, key=key, type=schema.MENTIONS, props=MentionRecord(row.props())
            )

    def _add_claims(self, result: ArticleResult, facts: set[FactKey]) -> int:
        for claim in result.claims:
            node = claim_node(claim.id)
            props = ClaimRecord(claim_props(claim))
            self.graph.add_node(node, labels=CLAIM_LABELS, props=props)
            self._claim_edges.add(node, props)
            key = fact_key(props)
            self._claims_by_fact[key].append(node)
            facts.add(key)
        return len(result.claims)

    def _drop_evidence(self, aid: str, facts: set[FactKey], entities: set[str]) -> None:
        """Remove an article's claims and mentions, noting what needs recomputing."""
        anode = article_node(aid)
        for node in self._claim_edges.claims_into(anode, schema.SUPPORTED_BY):
            props = self.graph.nodes[node]["props"]
            key = fact_key(props)
            self._claims_by_fact[key].remove(node)
            facts.add(key)
            self._claim_edges.remove(node, props)
            self.graph.remove_node(node)
        for _, target, key, data in list(self.graph.out_edges(anode, keys=True, data=True)):
            if data["type"] == schema.MENTIONS:
                entities.add(target[2:])
                self.graph.remove_edge(anode, target, key=key)

    def _rekey_claims(
        self, source: str, target: str, facts: set[FactKey], only_ref: str | None
    ) -> None:
        """Point the claims about ``source`` at ``target`` (only those of one ref, if given)."""
        for rtype, side in ((schema.SUBJECT, "subject"), (schema.OBJECT, "object")):
            for claim in self._claim_edges.claims_into(entity_node(source), rtype):
                props = self.graph.nodes[claim]["props"]
                if only_ref is not None and props[f"{side}_ref"] != only_ref:
                    continue
                self.graph.touch(claim)
                old = fact_key(props)
                self._claims_by_fact[old].remove(claim)
                self._claim_edges.remove(claim, props)
                props[f"{side}_key"] = target
                props["fact"] = fact_id(fact_key(props))
                self._claim_edges.add(claim, props)
                self._claims_by_fact[fact_key(props)].append(claim)
                facts.update((old, fact_key(props)))

    def _merge(self, merge: Merge, facts: set[FactKey], entities: set[str]) -> bool:
        source, target = merge.source, merge.target.key
        if source == target or not self.graph.has_node(entity_node(source)):
            return False
        self._add_entities([merge.target])
        src_props = self.graph.nodes[entity_node(source)]["props"]
        self._move(source, target, facts)
        props = self._edit(entity_node(target))
        props.update(fold_lists(props, {source: src_props}, [source] if merge.manual else []))
        self.graph.remove_node(entity_node(source))
        entities.add(target)
        return True

    def _published(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for aid in article_ids:
            node = self.graph.nodes.get(article_node(aid))
            out[aid] = node["props"].get("published") if node else None
        return out

    def _refresh(self, facts: Iterable[FactKey], entities: Iterable[str]) -> None:
        # In a fixed order: the edges are saved in the order they were (re)made, and set
        # order changes with each process's string hash seed.
        for key in sorted(facts):
            self._refresh_fact(key)
        for ekey in sorted(entities):
            self._refresh_entity(ekey)

    def _refresh_fact(self, key: FactKey) -> None:
        s, rel, o, neg = key
        u, v, ekey = entity_node(s), entity_node(o), fact_edge_key(rel, neg)
        claims = [self.graph.nodes[c]["props"] for c in sorted(self._claims_by_fact.get(key, ()))]
        if not claims:
            self._claims_by_fact.pop(key, None)
        props = refreshed_fact(key, claims, self._published(c["article_id"] for c in claims))
        if props is None or not (self.graph.has_node(u) and self.graph.has_node(v)):
            if self.graph.has_edge(u, v, key=ekey):
                self.graph.remove_edge(u, v, key=ekey)
            return
        self.graph.add_edge(u, v, key=ekey, type=rel, props=FactRecord(props))

    def _refresh_entity(self, key: str) -> None:
        node = entity_node(key)
        if not self.graph.has_node(node):
            return
        rows = [
            MentionRow.of(src[2:], key, d["props"])
            for src, _, d in self.graph.in_edges(node, data=True)
            if d["type"] == schema.MENTIONS
        ]
        aggregates = refreshed_entity(self.graph.nodes[node]["props"]["name"], rows)
        if aggregates is None:
            self.graph.remove_node(node)
            return
        self._edit(node).update(aggregates)


def convert_store(legacy: Path, target: Path) -> None:
    """Write the store of the older format at ``legacy`` as a SQLite store at ``target``
    (atomically, holding ``target``'s writer lock); ``legacy`` is left as it was."""
    with write_lock(target):
        if not target.exists():
            convert_legacy(legacy, target)

"""The embedded store: a networkx MultiDiGraph in a file in the working directory.

No server needed.  The whole graph is held in memory while kgraph runs and saved
atomically by :mod:`kgraph.store.persist`.  Node ids are ``a:<article id>``,
``e:<entity key>`` and ``c:<claim id>``; each node carries ``labels`` and ``props``,
each edge ``type`` and ``props`` -- the format the embedded Cypher engine reads.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph import schema
from kgraph.errors import UnsupportedCypherError, WriteNotAllowedError
from kgraph.graph import (
    FactKey,
    MentionRow,
    aggregate_entity,
    aggregate_fact,
    article_props,
    claim_props,
    entity_props,
    fact_key,
    fingerprint,
    mention_rows,
)
from kgraph.models import ArticleResult, QueryResult
from kgraph.store.base import GraphStats, WriteStats
from kgraph.store.persist import load_graph, save_graph, write_lock
from kgraph.timeutil import utc_now_iso


def article_node(article_id: str) -> str:
    return f"a:{article_id}"


def entity_node(key: str) -> str:
    return f"e:{key}"


def claim_node(claim_id: str) -> str:
    return f"c:{claim_id}"


def fact_edge_key(relation: str, negated: bool) -> str:
    return f"{relation}|{int(negated)}"


class LocalStore:
    """The embedded graph store.  Open with ``writable=True`` to ingest or remove."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.path = path
        self.description = f"embedded store {path}"
        self._exit = contextlib.ExitStack()
        if writable:
            self._exit.enter_context(write_lock(path))
        self.graph: nx.MultiDiGraph = load_graph(path)
        self._writable = writable
        self._dirty = False
        self._claims_by_fact: dict[FactKey, set[str]] = defaultdict(set)
        self._claims_by_article: dict[str, set[str]] = defaultdict(set)
        for node, data in self.graph.nodes(data=True):
            if schema.CLAIM in data["labels"]:
                props = data["props"]
                self._claims_by_fact[fact_key(props)].add(node)
                self._claims_by_article[props["article_id"]].add(node)

    # -- reading ---------------------------------------------------------------------

    def fingerprints(self) -> dict[str, str]:
        out = {}
        for _, data in self.graph.nodes(data=True):
            if schema.ARTICLE in data["labels"]:
                props = data["props"]
                out[props["id"]] = fingerprint(props["text_sha256"], props["extractor"])
        return out

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        from kgraph.cypher_engine import execute, is_write_query

        if is_write_query(cypher):
            if not write:
                raise WriteNotAllowedError()
            raise UnsupportedCypherError("write clauses (the embedded store is read-only)")
        return execute(self.graph, cypher, params or {})

    def stats(self) -> GraphStats:
        stats = GraphStats()
        types: Counter[str] = Counter()
        rels: Counter[str] = Counter()
        for _, data in self.graph.nodes(data=True):
            labels = data["labels"]
            if schema.ARTICLE in labels:
                stats.articles += 1
            elif schema.CLAIM in labels:
                stats.claims += 1
            elif schema.ENTITY in labels:
                stats.entities += 1
                types[data["props"]["type"]] += 1
        for _, _, data in self.graph.edges(data=True):
            if data["type"] not in schema.STRUCTURAL_TYPES:
                rels[data["type"]] += 1
        stats.relations = sum(rels.values())
        stats.entity_types = dict(types)
        stats.relation_types = dict(rels)
        return stats

    # -- writing ---------------------------------------------------------------------

    def write(self, results: Sequence[ArticleResult]) -> WriteStats:
        stats = WriteStats()
        facts: set[FactKey] = set()
        entities: set[str] = set()
        before = {k for k in self._claims_by_fact if self._fact_exists(k)}
        now = utc_now_iso()
        for result in results:
            aid = result.article.id
            if self.graph.has_node(article_node(aid)):
                stats.articles_replaced += 1
                self._drop_evidence(aid, facts, entities)
            self.graph.add_node(
                article_node(aid), labels=(schema.ARTICLE,), props=article_props(result, now)
            )
            stats.entities_new += self._add_entities(result)
            self._add_mentions(mention_rows(result), entities)
            stats.claims_written += self._add_claims(result, facts)
            stats.articles_written += 1
        self._refresh(facts, entities)
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

    def flush(self) -> None:
        if self._writable and self._dirty:
            save_graph(self.graph, self.path)
            self._dirty = False

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._exit.close()

    # -- internals -------------------------------------------------------------------

    def _fact_exists(self, key: FactKey) -> bool:
        s, rel, o, neg = key
        return bool(
            self.graph.has_edge(entity_node(s), entity_node(o), key=fact_edge_key(rel, neg))
        )

    def _add_entities(self, result: ArticleResult) -> int:
        new = 0
        for key, entity in result.entities.items():
            node = entity_node(key)
            if not self.graph.has_node(node):
                props = entity_props(entity) | {"aliases": [], "titles": [], "mentions": 0}
                self.graph.add_node(
                    node, labels=tuple(sorted((schema.ENTITY, entity.type))), props=props
                )
                new += 1
        return new

    def _add_mentions(self, rows: Iterable[MentionRow], entities: set[str]) -> None:
        for row in rows:
            props = {"count": row.count, "names": list(row.names), "titles": list(row.titles)}
            self.graph.add_edge(
                article_node(row.article_id),
                entity_node(row.key),
                key=schema.MENTIONS,
                type=schema.MENTIONS,
                props=props,
            )
            entities.add(row.key)

    def _add_claims(self, result: ArticleResult, facts: set[FactKey]) -> int:
        aid = result.article.id
        for claim in result.claims:
            node = claim_node(claim.id)
            props = claim_props(claim)
            self.graph.add_node(node, labels=(schema.CLAIM,), props=props)
            for target, rtype in (
                (entity_node(claim.subject_key), schema.SUBJECT),
                (entity_node(claim.object_key), schema.OBJECT),
                (article_node(aid), schema.SUPPORTED_BY),
            ):
                self.graph.add_edge(node, target, key=rtype, type=rtype, props={})
            key = fact_key(props)
            self._claims_by_fact[key].add(node)
            self._claims_by_article[aid].add(node)
            facts.add(key)
        return len(result.claims)

    def _drop_evidence(self, aid: str, facts: set[FactKey], entities: set[str]) -> None:
        """Remove an article's claims and mentions, noting what needs recomputing."""
        for node in self._claims_by_article.pop(aid, set()):
            key = fact_key(self.graph.nodes[node]["props"])
            self._claims_by_fact[key].discard(node)
            facts.add(key)
            self.graph.remove_node(node)
        anode = article_node(aid)
        for _, target, key in list(self.graph.out_edges(anode, keys=True)):
            if key == schema.MENTIONS:
                entities.add(target[2:])
                self.graph.remove_edge(anode, target, key=key)

    def _published(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for aid in article_ids:
            node = self.graph.nodes.get(article_node(aid))
            out[aid] = node["props"].get("published") if node else None
        return out

    def _refresh(self, facts: Iterable[FactKey], entities: Iterable[str]) -> None:
        for key in facts:
            self._refresh_fact(key)
        for ekey in entities:
            self._refresh_entity(ekey)

    def _refresh_fact(self, key: FactKey) -> None:
        s, rel, o, neg = key
        u, v, ekey = entity_node(s), entity_node(o), fact_edge_key(rel, neg)
        claims = [self.graph.nodes[c]["props"] for c in sorted(self._claims_by_fact.get(key, ()))]
        if not claims:
            self._claims_by_fact.pop(key, None)
            if self.graph.has_edge(u, v, key=ekey):
                self.graph.remove_edge(u, v, key=ekey)
            return
        props = aggregate_fact(claims, self._published(c["article_id"] for c in claims))
        self.graph.add_edge(u, v, key=ekey, type=rel, props=props)

    def _refresh_entity(self, key: str) -> None:
        node = entity_node(key)
        if not self.graph.has_node(node):
            return
        rows = [
            MentionRow(
                src[2:],
                key,
                d["props"]["count"],
                tuple(d["props"]["names"]),
                tuple(d["props"]["titles"]),
            )
            for src, _, d in self.graph.in_edges(node, data=True)
            if d["type"] == schema.MENTIONS
        ]
        if not rows:
            self.graph.remove_node(node)
            return
        props = self.graph.nodes[node]["props"]
        props.update(aggregate_entity(props["name"], rows))

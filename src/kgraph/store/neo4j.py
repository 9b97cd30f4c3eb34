"""The Neo4j store: the same graph model as the embedded store, in a Neo4j database.

Writes go in batches, one transaction per batch (``UNWIND $rows ... MERGE`` on
constrained keys), retried by the driver on transient errors such as deadlocks between
concurrent ingests.  Everything that depends on other articles -- fact edges and entity
aggregates -- is recomputed inside the same transaction from the claims and mentions, so
re-ingesting changes nothing and two concurrent ingests converge to the same graph.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from importlib import resources
from typing import Any

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from kgraph.config import Neo4jSettings
from kgraph.errors import Neo4jConnectionError, QueryError, StoreError, WriteNotAllowedError
from kgraph.graph import (
    FactKey,
    MentionRow,
    aggregate_entity,
    aggregate_fact,
    article_props,
    best_name,
    claim_props,
    entity_props,
    fact_id,
    fact_key,
    fingerprint,
    linked_refs,
    mention_rows,
    type_of_key,
)
from kgraph.models import (
    ArticleResult,
    Entity,
    IndexedEntity,
    Merge,
    NodeValue,
    PathValue,
    QueryResult,
    RelationshipValue,
)
from kgraph.schema import sanitize_label, sanitize_type
from kgraph.store import neo4j_cypher as q
from kgraph.store.base import GraphStats, WriteStats
from kgraph.timeutil import utc_now_iso

log = logging.getLogger(__name__)

ROWS_PER_STATEMENT = 2000


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, comments removed."""
    text = resources.files("kgraph").joinpath("cypher/schema.cypher").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _chunks(rows: Sequence[Any], size: int = ROWS_PER_STATEMENT) -> list[Sequence[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] if rows else []


def connection_error(settings: Neo4jSettings, exc: Exception) -> Neo4jConnectionError:
    """One line naming the URI (never the password) and how to fix it."""
    uri = settings.uri
    if isinstance(exc, neo4j_errors.AuthError):
        return Neo4jConnectionError(
            f"Neo4j at {uri} refused the credentials of user {settings.user!r}",
            "set NEO4J_USER / NEO4J_PASSWORD (kgraph neo4j start sets them up for the "
            "local server)",
        )
    if isinstance(exc, neo4j_errors.ClientError) and "DatabaseNotFound" in (exc.code or ""):
        return Neo4jConnectionError(
            f"Neo4j at {uri} has no database {settings.database!r}",
            "create it or set NEO4J_DATABASE to an existing one",
        )
    if isinstance(exc, neo4j_errors.ConfigurationError | ValueError):
        return Neo4jConnectionError(
            f"bad Neo4j URI {uri!r}: {exc}", "use e.g. bolt://127.0.0.1:7687"
        )
    return Neo4jConnectionError(
        f"cannot reach Neo4j at {uri}",
        "start the local server with `kgraph neo4j start`, or check NEO4J_URI",
    )


def to_value(value: Any) -> Any:
    """Driver values -> the store-neutral values of :mod:`kgraph.models`."""
    if isinstance(value, Node):
        return NodeValue(
            value.element_id,
            tuple(sorted(value.labels)),
            {k: to_value(v) for k, v in value.items()},
        )
    if isinstance(value, Relationship):
        start = value.start_node.element_id if value.start_node else ""
        end = value.end_node.element_id if value.end_node else ""
        return RelationshipValue(
            value.element_id, value.type, start, end, {k: to_value(v) for k, v in value.items()}
        )
    if isinstance(value, Path):
        return PathValue(
            tuple(to_value(n) for n in value.nodes), tuple(to_value(r) for r in value.relationships)
        )
    if isinstance(value, list | tuple):
        return [to_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_value(v) for k, v in value.items()}
    if isinstance(value, date | datetime | time) or hasattr(value, "iso_format"):
        iso = getattr(value, "iso_format", None)
        return iso() if callable(iso) else value.isoformat()
    return value


class Neo4jStore:
    """The graph in a Neo4j database."""

    def __init__(self, settings: Neo4jSettings) -> None:
        self.settings = settings
        database = settings.database or "the default database"
        self.description = f"Neo4j {settings.uri} ({database})"
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            self.driver = GraphDatabase.driver(
                settings.uri, auth=auth, notifications_min_severity="OFF"
            )
            self.driver.verify_connectivity()
            self._run_schema()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as exc:
            raise connection_error(settings, exc) from None

    def _session(self, access: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        return self.driver.session(database=self.settings.database, default_access_mode=access)

    def _run_schema(self) -> None:
        with self._session() as session:
            for statement in schema_statements():
                session.run(statement).consume()

    # -- reading ---------------------------------------------------------------------

    def fingerprints(self) -> dict[str, str]:
        with self._session(neo4j.READ_ACCESS) as session:
            records = session.execute_read(lambda tx: list(tx.run(q.FINGERPRINTS)))
        return {r["id"]: fingerprint(r["sha"], r["extractor"]) for r in records}

    def entity_index(self) -> list[IndexedEntity]:
        with self._session(neo4j.READ_ACCESS) as session:
            records = session.execute_read(lambda tx: list(tx.run(q.ENTITY_INDEX)))
        return [
            IndexedEntity(
                r["key"],
                r["name"],
                r["type"],
                tuple(r["aliases"] or ()),
                tuple(r["merged"] or ()),
                tuple(r["distinct_from"] or ()),
                tuple(r["titles"] or ()),
            )
            for r in records
        ]

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        params = dict(params or {})
        try:
            with self._session(neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS) as session:
                if not write:
                    self._refuse_writes(session, cypher, params)
                    records, keys = session.execute_read(_run_query, cypher, params)
                else:
                    records, keys = session.execute_write(_run_query, cypher, params)
        except neo4j_errors.ClientError as exc:
            if "AccessMode" in (exc.code or "") or "ForbiddenDueToTransactionType" in (
                exc.code or ""
            ):
                raise WriteNotAllowedError() from None
            raise QueryError(f"Neo4j rejected the query: {exc.message or exc.code}") from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise connection_error(self.settings, exc) from None
        except neo4j_errors.Neo4jError as exc:
            raise QueryError(f"Neo4j failed to run the query: {exc.message or exc.code}") from None
        return QueryResult(keys, [[to_value(v) for v in record.values()] for record in records])

    @staticmethod
    def _refuse_writes(session: neo4j.Session, cypher: str, params: dict[str, Any]) -> None:
        """Ask the planner what kind of query this is before running it."""
        summary = session.run(f"EXPLAIN {cypher}", params).consume()
        if summary.query_type not in ("r", None):
            raise WriteNotAllowedError(f"this query writes to the graph ({summary.query_type})")

    def stats(self) -> GraphStats:
        with self._session(neo4j.READ_ACCESS) as session:
            counts = session.execute_read(lambda tx: tx.run(q.STATS).single())
            types = session.execute_read(lambda tx: list(tx.run(q.ENTITY_TYPES)))
            rels = session.execute_read(lambda tx: list(tx.run(q.RELATION_TYPES)))
        assert counts is not None
        relation_types = {r["type"]: r["n"] for r in rels}
        return GraphStats(
            articles=counts["articles"],
            entities=counts["entities"],
            relations=sum(relation_types.values()),
            claims=counts["claims"],
            entity_types={r["type"]: r["n"] for r in types},
            relation_types=relation_types,
        )

    # -- writing ---------------------------------------------------------------------

    def write(self, results: Sequence[ArticleResult], merges: Sequence[Merge] = ()) -> WriteStats:
        if not results and not merges:
            return WriteStats()
        try:
            with self._session() as session:
                return session.execute_write(
                    _write_batch, list(results), list(merges), utc_now_iso()
                )
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise connection_error(self.settings, exc) from None
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(f"Neo4j write failed: {exc.message or exc.code}") from None

    def remove(self, article_ids: Sequence[str]) -> list[str]:
        with self._session() as session:
            return session.execute_write(_remove_articles, list(article_ids))

    def merge(self, merges: Sequence[Merge]) -> list[str]:
        with self._session() as session:
            return session.execute_write(_merge_all, list(merges))

    def unmerge(self, ref: str) -> str | None:
        with self._session() as session:
            return session.execute_write(_unmerge, ref)

    def flush(self) -> None:
        return None

    def close(self) -> None:
        self.driver.close()


def _run_query(
    tx: ManagedTransaction, cypher: str, params: dict[str, Any]
) -> tuple[list[neo4j.Record], list[str]]:
    result = tx.run(cypher, params)
    records = list(result)
    return records, list(result.keys())


def _drop_evidence(tx: ManagedTransaction, ids: list[str]) -> tuple[set[FactKey], set[str]]:
    facts = {(r["s"], r["rel"], r["o"], r["n"]) for r in tx.run(q.DROP_CLAIMS, ids=ids)}
    entities = {r["key"] for r in tx.run(q.DROP_MENTIONS, ids=ids)}
    return facts, entities


def _fact_rows(facts: Iterable[FactKey]) -> list[dict[str, Any]]:
    return [
        {"s": s, "rel": sanitize_type(rel), "o": o, "n": n, "fact": fact_id((s, rel, o, n))}
        for s, rel, o, n in sorted(facts)
    ]


def _refresh(
    tx: ManagedTransaction,
    facts: set[FactKey],
    entities: set[str],
    fresh_facts: dict[FactKey, dict[str, Any]] | None = None,
) -> int:
    """Bring fact edges and entity aggregates up to date; returns the number of new facts.

    ``facts`` and ``entities`` are recomputed in the database from their claims and
    mentions.  ``fresh_facts`` (fact -> properties computed from this batch's claims) are
    created as they are when the fact did not exist before: then every claim of it is in
    the batch, so the database need not aggregate them again.
    """
    fresh_facts = fresh_facts or {}
    touched = facts | set(fresh_facts)
    existed: set[str] = set()
    for chunk in _chunks(_fact_rows(touched)):
        record = tx.run(q.DELETE_FACTS, rows=chunk).single()
        existed.update(record["existed"] if record else [])
    direct = {
        key: props
        for key, props in fresh_facts.items()
        if fact_id(key) not in existed and key not in facts and key[0] != key[2]
    }
    rows = [
        row | {"props": direct[key]}
        for key, row in zip(sorted(direct), _fact_rows(direct), strict=True)
    ]
    for chunk in _chunks(rows):
        tx.run(q.CREATE_FACT_ROWS, rows=chunk).consume()
    created: set[str] = set()
    for chunk in _chunks(_fact_rows(touched - set(direct))):
        record = tx.run(q.CREATE_FACTS, rows=chunk).single()
        created.update(record["created"] if record else [])
    keys = sorted(entities)
    for chunk in _chunks(keys):
        tx.run(q.DELETE_ORPHAN_ENTITIES, keys=chunk).consume()
        tx.run(q.REFRESH_ENTITIES, keys=chunk).consume()
    return len(direct) + len(created - existed)


def _write_batch(
    tx: ManagedTransaction, results: list[ArticleResult], merges: list[Merge], now: str
) -> WriteStats:
    stats = WriteStats(articles_written=len(results))
    facts: set[FactKey] = set()
    entities: set[str] = set()
    for merge in merges:
        _merge_one(tx, merge, facts, entities)
    ids = [r.article.id for r in results]
    existing = tx.run(q.EXISTING_ARTICLES, ids=ids).single()
    stats.articles_replaced = len(existing["ids"]) if existing else 0
    # Writing the articles first locks them, so a concurrent writer of the same article
    # waits here and then finds (and drops) this one's evidence.
    for chunk in _chunks([article_props(r, now) for r in results]):
        tx.run(q.MERGE_ARTICLES, rows=chunk).consume()
    dropped_facts, dropped_entities = _drop_evidence(tx, ids)
    facts |= dropped_facts
    entities |= dropped_entities
    mentions = [m for r in results for m in mention_rows(r)]
    fresh = _fresh_entities(results, mentions)
    created = _create_entities(tx, fresh)
    stats.entities_new = len(created)
    entities |= set(fresh) - created  # entities that existed: recompute in the database
    rows = [{"article_id": m.article_id, "key": m.key} | m.props() for m in mentions]
    for chunk in _chunks(rows):
        tx.run(q.CREATE_MENTIONS, rows=chunk).consume()
    links = [
        {"key": k, "refs": sorted(v)}
        for k, v in sorted(linked_refs(results).items())
        if k not in created
    ]
    for chunk in _chunks(links):
        tx.run(q.RECORD_LINKS, rows=chunk).consume()
    claims = [claim_props(c) for r in results for c in r.claims]
    for chunk in _chunks(claims):
        tx.run(q.CREATE_CLAIMS, rows=chunk).consume()
    stats.claims_written = len(claims)
    stats.relations_new = _refresh(tx, facts, entities, _fresh_facts(results, claims))
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


def _entity_row(entity: Entity, props: dict[str, Any]) -> dict[str, Any]:
    return {"key": entity.key, "label": sanitize_label(entity.type), "props": props}


def _fresh_entities(
    results: list[ArticleResult], mentions: list[MentionRow]
) -> dict[str, dict[str, Any]]:
    """Entity key -> the row to create it with, its aggregates computed from this batch
    (right for entities new in it)."""
    first: dict[str, Entity] = {}
    for result in results:
        for entity in result.entities.values():
            first.setdefault(entity.key, entity)
    by_key: dict[str, list[MentionRow]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    links = linked_refs(results)
    out = {}
    for key, entity in first.items():
        props = entity_props(entity) | aggregate_entity(entity.name, by_key.get(key, []))
        props["merged"] = sorted(links.get(key, set()))
        out[key] = _entity_row(entity, props)
    return out


def _create_entities(tx: ManagedTransaction, rows: dict[str, dict[str, Any]]) -> set[str]:
    """Create the entities that do not exist yet; returns the keys created."""
    created: set[str] = set()
    for chunk in _chunks([rows[k] for k in sorted(rows)]):
        record = tx.run(q.MERGE_ENTITIES, rows=chunk).single()
        created.update(record["created"] if record else [])
    return created


def _ensure_entity(tx: ManagedTransaction, entity: Entity) -> None:
    """Create an entity (aggregates are recomputed by the caller)."""
    _create_entities(tx, {entity.key: _entity_row(entity, entity_props(entity))})


def _remove_articles(tx: ManagedTransaction, ids: list[str]) -> list[str]:
    record = tx.run(q.EXISTING_ARTICLES, ids=ids).single()
    existing: list[str] = list(record["ids"]) if record else []
    if not existing:
        return []
    facts, entities = _drop_evidence(tx, existing)
    tx.run(q.DELETE_ARTICLES, ids=existing).consume()
    _refresh(tx, facts, entities)
    return [i for i in ids if i in set(existing)]


def _move(
    tx: ManagedTransaction, source: str, target: str, ref: str | None, facts: set[FactKey]
) -> None:
    """Move mentions and claims (all, or one ref's) from entity ``source`` to ``target``."""
    tx.run(q.MOVE_MENTIONS, source=source, target=target, ref=ref).consume()
    for side in ("SUBJECT", "OBJECT"):
        for record in tx.run(q.move_claims(side), source=source, target=target, ref=ref):
            for s, rel, o, n in (record["old"], record["new"]):
                facts.add((s, rel, o, n))


def _lists(tx: ManagedTransaction, key: str) -> tuple[set[str], set[str]]:
    record = tx.run(q.ENTITY_LISTS, key=key).single()
    if record is None:
        return set(), set()
    return set(record["merged"] or ()), set(record["distinct_from"] or ())


def _set_lists(tx: ManagedTransaction, key: str, merged: set[str], distinct: set[str]) -> None:
    tx.run(
        q.SET_ENTITY_LISTS, key=key, merged=sorted(merged), distinct_from=sorted(distinct)
    ).consume()


def _merge_one(
    tx: ManagedTransaction, merge: Merge, facts: set[FactKey], entities: set[str]
) -> bool:
    source, target = merge.source, merge.target.key
    found = tx.run(q.EXISTING_ENTITIES, keys=[source]).single()
    if source == target or found is None or not found["keys"]:
        return False
    _ensure_entity(tx, merge.target)
    src_merged, _ = _lists(tx, source)
    _move(tx, source, target, None, facts)
    merged, distinct = _lists(tx, target)
    _set_lists(tx, target, merged | {source} | src_merged, distinct - {source})
    tx.run(q.DELETE_ENTITY, key=source).consume()
    entities.add(target)
    return True


def _merge_all(tx: ManagedTransaction, merges: list[Merge]) -> list[str]:
    facts: set[FactKey] = set()
    entities: set[str] = set()
    done = [m.source for m in merges if _merge_one(tx, m, facts, entities)]
    _refresh(tx, facts, entities)
    return done


def _unmerge(tx: ManagedTransaction, ref: str) -> str | None:
    record = tx.run("MATCH (e:Entity) WHERE $ref IN e.merged RETURN e.key AS key", ref=ref).single()
    if record is None:
        return None
    target: str = record["key"]
    names = [n for r in tx.run(q.MENTION_NAMES, ref=ref, target=target) for n in r["names"]]
    _ensure_entity(tx, Entity(ref, best_name(names or [ref]), type_of_key(ref)))
    facts: set[FactKey] = set()
    _move(tx, target, ref, ref, facts)
    merged, distinct = _lists(tx, target)
    _set_lists(tx, target, merged - {ref}, distinct | {ref})
    _refresh(tx, facts, {target, ref})
    return target

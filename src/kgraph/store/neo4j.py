"""The Neo4j store: the same graph model as the embedded store, in a Neo4j database.

Writes go in batches, one transaction per batch (``UNWIND $rows ... MERGE`` on
constrained keys), retried on transient errors such as deadlocks between concurrent
ingests (:mod:`.neo4j_retry`).  Everything that depends on other articles -- fact edges
and entity aggregates -- is recomputed inside the same transaction from the claims and
mentions, so re-ingesting changes nothing; the re-link pass that ends each ingest
(:func:`.neo4j_merge.relink`) makes concurrent ingests converge to the same graph.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import resources
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from kgraph.config import Neo4jSettings
from kgraph.errors import (
    Neo4jConnectionError,
    QueryError,
    StoreError,
    WriteNotAllowedError,
    redact,
)
from kgraph.graph import fingerprint
from kgraph.models import (
    ArticleResult,
    IndexedEntity,
    Merge,
    NodeValue,
    PathValue,
    QueryResult,
    RelationshipValue,
)
from kgraph.query_guard import check_read_only
from kgraph.store import neo4j_cypher as q
from kgraph.store.base import GraphStats, Placer, WriteStats
from kgraph.store.neo4j_merge import merge_all, relink, unmerge
from kgraph.store.neo4j_retry import run_transaction
from kgraph.store.neo4j_write import remove_articles, write_batch
from kgraph.timeutil import utc_now_iso

log = logging.getLogger(__name__)
T = TypeVar("T")


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, comments removed."""
    text = resources.files("kgraph").joinpath("cypher/schema.cypher").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def connection_error(settings: Neo4jSettings, exc: Exception) -> Neo4jConnectionError:
    """One line naming the URI (never the password) and how to fix it."""
    uri = display_uri(settings.uri)
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
        reason = redact(str(exc), settings.password, urlsplit(settings.uri).password)
        return Neo4jConnectionError(
            f"bad Neo4j URI {uri!r}: {reason.replace(settings.uri, uri)}",
            "use e.g. bolt://127.0.0.1:7687",
        )
    return Neo4jConnectionError(
        f"cannot reach Neo4j at {uri}",
        "start the local server with `kgraph neo4j start`, or check NEO4J_URI",
    )


def display_uri(uri: str) -> str:
    """A URI as it may be shown: without ``user:password@``.

    >>> display_uri("bolt://neo4j:s3cret@db.example:7687")
    'bolt://db.example:7687'
    """
    parts = urlsplit(uri)
    if parts.username is None and parts.password is None:
        return uri
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=host))


@contextlib.contextmanager
def reported(settings: Neo4jSettings, what: str) -> Iterator[None]:
    """Every driver failure of one store operation as one kgraph error: a lost server as
    the connection error, anything else as a StoreError naming the operation."""
    try:
        yield
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
        raise connection_error(settings, exc) from None
    except neo4j_errors.Neo4jError as exc:
        raise StoreError(f"Neo4j {what} failed: {exc.message or exc.code}") from None
    except neo4j_errors.DriverError as exc:
        raise connection_error(settings, exc) from None


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
    iso = getattr(value, "iso_format", None)  # the driver's temporal types
    return iso() if callable(iso) else value


class Neo4jStore:
    """The graph in a Neo4j database."""

    def __init__(self, settings: Neo4jSettings) -> None:
        self.settings = settings
        database = settings.database or "the default database"
        self.description = f"Neo4j {settings.uri} ({database})"
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            self.driver = GraphDatabase.driver(
                settings.uri,
                auth=auth,
                notifications_min_severity="OFF",
                max_transaction_retry_time=0,  # kgraph retries (see neo4j_retry)
            )
            self.driver.verify_connectivity()
            self._run_schema()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as exc:
            raise connection_error(settings, exc) from None

    def _run(self, work: Callable[..., T], *args: Any, write: bool = True) -> T:
        return run_transaction(self.driver, self.settings.database, work, *args, write=write)

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self._run(work, write=False)

    def _run_schema(self) -> None:
        with self.driver.session(database=self.settings.database) as session:
            for statement in schema_statements():
                session.run(statement).consume()

    # -- reading ---------------------------------------------------------------------

    def fingerprints(self) -> dict[str, str]:
        with reported(self.settings, "read"):
            records = self._read(lambda tx: list(tx.run(q.FINGERPRINTS)))
        return {r["id"]: fingerprint(r["sha"], r["extractor"]) for r in records}

    def entity_index(self) -> list[IndexedEntity]:
        with reported(self.settings, "read"):
            records = self._read(lambda tx: list(tx.run(q.ENTITY_INDEX)))
        return [IndexedEntity.of(r) for r in records]

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        params = dict(params or {})
        try:
            if not write:
                check_read_only(cypher)
            records, keys = self._run(_run_query, cypher, params, write=write)
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

    def stats(self) -> GraphStats:
        with reported(self.settings, "read"):
            counts = self._read(lambda tx: tx.run(q.STATS).single())
            types = self._read(lambda tx: list(tx.run(q.ENTITY_TYPES)))
            rels = self._read(lambda tx: list(tx.run(q.RELATION_TYPES)))
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
        with reported(self.settings, "write"):
            return self._run(write_batch, list(results), list(merges), utc_now_iso())

    def remove(self, article_ids: Sequence[str]) -> list[str]:
        with reported(self.settings, "remove"):
            return self._run(remove_articles, list(article_ids))

    def merge(self, merges: Sequence[Merge]) -> list[str]:
        with reported(self.settings, "merge"):
            return self._run(merge_all, list(merges))

    def relink(self, place: Placer) -> int:
        with reported(self.settings, "relink"):
            return self._run(relink, place)

    def unmerge(self, ref: str) -> str | None:
        with reported(self.settings, "unmerge"):
            return self._run(unmerge, ref)

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

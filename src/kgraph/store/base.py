"""What every graph store offers; the pipeline and the CLI talk only to this."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from kgraph.models import ArticleResult, Entity, IndexedEntity, Merge, QueryResult, StoredRef

Placer = Callable[[Sequence[StoredRef], Sequence[IndexedEntity]], dict[str, Entity]]
"""Decides from every stored ref and entity where each ref belongs (ref -> entity)."""


@dataclass(slots=True)
class WriteStats:
    """What one write did: new entities and facts, claims written."""

    entities_new: int = 0
    relations_new: int = 0
    claims_written: int = 0

    def add(self, other: WriteStats) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class GraphStats:
    """Counts for ``kgraph stats``."""

    articles: int = 0
    entities: int = 0
    relations: int = 0
    claims: int = 0
    entity_types: dict[str, int] = field(default_factory=dict)
    relation_types: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The counts; entity types by name, relation types commonest first."""
        relation_types = sorted(self.relation_types.items(), key=lambda kv: (-kv[1], kv[0]))
        return asdict(self) | {
            "entity_types": dict(sorted(self.entity_types.items())),
            "relation_types": dict(relation_types),
        }


def query_records(
    store: GraphStore, cypher: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of a read query as ``column -> value`` maps."""
    result = store.query(cypher, params)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


class GraphStore(Protocol):
    """A place the graph lives: the embedded file store or a Neo4j database."""

    description: str

    def fingerprints(self) -> dict[str, str]:
        """Article id -> fingerprint (text hash + extractor version) of every stored article."""
        ...

    def entity_index(self) -> list[IndexedEntity]:
        """Every entity with its names and merge history, for linking new articles."""
        ...

    def write(self, results: Sequence[ArticleResult], merges: Sequence[Merge] = ()) -> WriteStats:
        """Apply ``merges``, then store articles with their entities, claims and mentions,
        replacing any earlier version of the same articles, and bring the aggregates up
        to date -- all or nothing."""
        ...

    def merge(self, merges: Sequence[Merge]) -> list[str]:
        """Fold entities into others; returns the source keys that existed."""
        ...

    def relink(self, place: Placer) -> int:
        """Move every ref whose mentions and claims are not where ``place`` says they
        belong, and give each entity the name ``place`` chose and the refs it holds as
        ``merged``; returns the refs moved.  Concurrent calls run one after another,
        each deciding from what is stored when it starts."""
        ...

    def unmerge(self, ref: str) -> str | None:
        """Split a merged ref back out; returns the key it was merged into, if any."""
        ...

    def remove(self, article_ids: Sequence[str]) -> list[str]:
        """Delete articles and their evidence; returns the ids that existed."""
        ...

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Run Cypher; read-only unless ``write``."""
        ...

    def stats(self) -> GraphStats: ...

    def flush(self) -> None:
        """Make everything written so far durable."""
        ...

    def close(self) -> None: ...

"""Why does the graph hold an edge?  The claims (sentences, articles) behind the facts
between two entities, read with Cypher that both stores run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kgraph.lookup import find
from kgraph.store.base import GraphStore, query_records

FIND_ENTITIES = """
MATCH (e:Entity)
WHERE e.key = $name OR toLower(e.name) = toLower($name) OR $name IN e.aliases
RETURN e.key AS key, e.name AS name, e.type AS type, e.mentions AS mentions
ORDER BY mentions DESC, key
"""

_CLAIM_COLUMNS = """
RETURN c.fact AS fact, s.name AS subject, c.relation AS relation, o.name AS object,
       c.negated AS negated, c.modality AS modality, c.attribution AS attribution,
       c.confidence AS confidence, c.sentence AS sentence, c.context AS context,
       c.start AS start, c.end AS end, c.extractor AS extractor,
       a.id AS article_id, a.title AS title, a.published AS published, a.url AS url,
       a.source AS source
"""
"""Every column of :class:`Evidence`, from a claim ``c``, its ends ``s``, ``o`` and its
article ``a``; ``fact`` (the fact's id) lets a caller group them."""

CLAIMS_BETWEEN = f"""
MATCH (s:Entity)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity)
WHERE s.key IN $both AND o.key IN $both
  AND ((s.key IN $left AND o.key IN $right) OR (s.key IN $right AND o.key IN $left))
MATCH (c)-[:SUPPORTED_BY]->(a:Article)
{_CLAIM_COLUMNS}
ORDER BY subject, relation, object, published, article_id, start
"""

CLAIMS_OF_FACTS = f"""
MATCH (c:Claim)-[:SUPPORTED_BY]->(a:Article) WHERE c.fact IN $facts
MATCH (s:Entity)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Entity)
{_CLAIM_COLUMNS}
ORDER BY published, title, start
"""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim: a sentence of an article that states a fact."""

    subject: str
    relation: str
    object: str
    negated: bool
    modality: str | None
    attribution: str | None
    confidence: float
    sentence: str
    context: tuple[str, ...]
    start: int
    end: int
    extractor: str
    article_id: str
    title: str
    published: str | None
    url: str | None
    source: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"context": list(self.context)}


ALL_NAMES = """
MATCH (e:Entity)
RETURN e.key AS key, e.name AS name, e.aliases AS aliases, e.mentions AS mentions
"""


@dataclass(frozen=True, slots=True)
class _Known:
    key: str
    name: str
    aliases: tuple[str, ...]
    mentions: int


def entity_keys(store: GraphStore, name: str) -> list[str]:
    """Keys of the entities called ``name``: by key, name or alias, ignoring case and
    accents (:mod:`kgraph.lookup`).  When none is, the error suggests the closest names."""
    rows = store.query(FIND_ENTITIES, {"name": name}).rows
    if rows:
        return [str(r[0]) for r in rows]
    known = [
        _Known(str(key), str(display), tuple(str(a) for a in aliases or ()), int(mentions or 0))
        for key, display, aliases, mentions in store.query(ALL_NAMES).rows
    ]
    return [k.key for k in find(known, name)]


def why(store: GraphStore, first: str, second: str) -> list[Evidence]:
    """Every claim between the two entities, in either direction."""
    left, right = entity_keys(store, first), entity_keys(store, second)
    params = {"left": left, "right": right, "both": left + right}  # both: found by index
    return [_evidence(r) for r in query_records(store, CLAIMS_BETWEEN, params)]


def claims_of(store: GraphStore, facts: Sequence[str]) -> dict[str, list[Evidence]]:
    """The claims behind each of the facts with these ids (:func:`kgraph.graph.fact_id`),
    oldest article first."""
    found: dict[str, list[Evidence]] = {}
    for row in query_records(store, CLAIMS_OF_FACTS, {"facts": list(facts)}):
        found.setdefault(row["fact"], []).append(_evidence(row))
    return found


def _evidence(r: dict[str, Any]) -> Evidence:
    """A claim row (its columns are the fields, and ``fact``) with the types made sure of."""
    typed = {
        "negated": bool(r["negated"]),
        "confidence": float(r["confidence"]),
        "context": tuple(r["context"] or ()),
        "start": int(r["start"]),
        "end": int(r["end"]),
        "title": r["title"] or "",
    }
    fields = r | typed
    del fields["fact"]
    return Evidence(**fields)


NEIGHBOURS = """
MATCH (a:Entity)-[r]-(b:Entity)
WHERE a.key IN $keys AND NOT r.negated AND NOT coalesce(r.hedged, false)
RETURN a.key AS from, b.key AS to, startNode(r).key AS subject, type(r) AS relation,
       endNode(r).key AS object
ORDER BY from, to, relation
"""

ENTITIES_BY_KEY = """
MATCH (e:Entity) WHERE e.key IN $keys
RETURN e.key AS key, e.name AS name, e.type AS type, e.mentions AS mentions, e.aliases AS aliases
"""


@dataclass(frozen=True, slots=True)
class Step:
    """One fact on a path between two entities (names as the graph shows them)."""

    subject: str
    relation: str
    object: str


def connection(store: GraphStore, first: str, second: str, max_hops: int = 4) -> list[Step]:
    """The shortest chain of facts (either direction, asserted ones) that joins the two
    entities through others, or [] when none has at most ``max_hops`` facts.

    A breadth-first search from both ends, one query per level, so it runs the same on
    both stores and reads only the neighbourhoods it needs.
    """
    left, right = set(entity_keys(store, first)), set(entity_keys(store, second))
    if left & right:
        return []
    parents: dict[str, tuple[str, tuple[str, str, str]] | None] = dict.fromkeys(left)
    frontier = sorted(left)
    for _ in range(max_hops):
        rows = store.query(NEIGHBOURS, {"keys": frontier}).rows if frontier else []
        next_frontier: list[str] = []
        for origin, target, subject, relation, obj in rows:
            if target in parents:
                continue
            parents[target] = (origin, (subject, relation, obj))
            next_frontier.append(target)
            if target in right:
                return _steps(store, parents, target)
        frontier = next_frontier
    return []


def _steps(
    store: GraphStore,
    parents: dict[str, tuple[str, tuple[str, str, str]] | None],
    end: str,
) -> list[Step]:
    facts: list[tuple[str, str, str]] = []
    node = end
    while (link := parents[node]) is not None:
        node, fact = link
        facts.append(fact)
    facts.reverse()
    keys = sorted({k for s, _, o in facts for k in (s, o)})
    names = {r["key"]: r["name"] for r in query_records(store, ENTITIES_BY_KEY, {"keys": keys})}
    return [Step(names.get(s, s), relation, names.get(o, o)) for s, relation, o in facts]


def group_by_fact(items: Sequence[Evidence]) -> dict[tuple[str, str, str, bool], list[Evidence]]:
    """Evidence grouped by (subject, relation, object, negated), in order."""
    groups: dict[tuple[str, str, str, bool], list[Evidence]] = {}
    for item in items:
        groups.setdefault((item.subject, item.relation, item.object, item.negated), []).append(item)
    return groups

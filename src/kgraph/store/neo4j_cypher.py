"""The Cypher the Neo4j store runs: batched ``UNWIND $rows`` statements, values only as
parameters.  Relationship types and labels are parameters too (Neo4j 5.26 dynamic types,
``$(row.rel)``), sanitised by :func:`kgraph.schema.sanitize_type` / :func:`sanitize_label`
first, so each statement text is fixed and compiled once.

No rule of the graph model is written here: the store reads the evidence a rule needs
(:data:`FACT_EVIDENCE`, :data:`ENTITY_MENTIONS`), computes with :mod:`kgraph.graph` and
writes the values back (:data:`CREATE_FACT_ROWS`, :data:`SET_ENTITY_AGGREGATES`,
:data:`SET_ENTITY_LISTS`, :data:`SET_CLAIM_FACTS`), statements generated from the same
property lists the rules produce.
"""

from __future__ import annotations

from collections.abc import Iterable

from kgraph.graph import ENTITY_AGGREGATES, ENTITY_LISTS, FACT_EVIDENCE_PROPS
from kgraph.schema import CLAIM_PROPS, FACT_PROPS, MENTION_PROPS

FINGERPRINTS = """
MATCH (a:Article)
RETURN a.id AS id, a.text_sha256 AS sha, a.extractor AS extractor
"""

EXISTING_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN collect(a.id) AS ids
"""

FACT_KEY = "{.subject_key, .relation, .object_key, .negated}"
"""A map projection of what :func:`kgraph.graph.fact_key` reads of a claim."""

DROP_CLAIMS = f"""
UNWIND $ids AS id
MATCH (:Article {{id: id}})<-[:SUPPORTED_BY]-(c:Claim)
WITH c, c {FACT_KEY} AS fact
DETACH DELETE c
RETURN DISTINCT fact
"""

DROP_MENTIONS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity)
WITH e.key AS key, m
DELETE m
RETURN DISTINCT key
"""

DELETE_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a
"""

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row
RETURN collect(row.id) AS ids, collect(elementId(a)) AS eids
"""
"""Create or update the articles; returns their element ids, by which the batch's later
statements find them again (within the transaction that holds them)."""

CREATE_MENTIONS = f"""
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (e) WHERE elementId(e) = row.e
CREATE (a)-[:MENTIONS {{{", ".join(f"{p}: row.{p}" for p in MENTION_PROPS)}}}]->(e)
"""
"""The article's mentions, created afresh: its old ones were dropped in the same
transaction, under the article's lock.  ``row.a`` and ``row.e`` are the element ids
the article and entity got earlier in the transaction: a lookup by id needs neither an
index seek nor the lock a unique-index seek takes in a writing query."""

ENTITY_INDEX = """
MATCH (e:Entity)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases,
       e.merged AS merged, e.distinct_from AS distinct_from, e.titles AS titles,
       e.pinned AS pinned
"""


def _set(var: str, props: tuple[str, ...]) -> str:
    """``SET`` items writing ``props`` of ``var`` from the same keys of ``row``."""
    return ", ".join(f"{var}.{p} = row.{p}" for p in props)


def _project(props: Iterable[str]) -> str:
    """A map projection's items reading ``props``."""
    return ", ".join(f".{p}" for p in props)


SET_ENTITY_LISTS = f"""
UNWIND $rows AS row
MATCH (e:Entity {{key: row.key}})
SET {_set("e", ENTITY_LISTS)}
"""

SET_ENTITY_AGGREGATES = f"""
UNWIND $rows AS row
MATCH (e) WHERE elementId(e) = row.e
SET {_set("e", ENTITY_AGGREGATES)}
"""
"""Rows ``{e, aliases, titles, mentions}``: :func:`kgraph.graph.aggregate_entity` of the
entity with element id ``e``."""

LOCK_ENTITIES = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})
SET e.kgraph_lock = true
REMOVE e.kgraph_lock
"""
"""Write-lock the entities of ``keys`` until the transaction ends (writing a property
takes the lock): on the ends of the facts about to be looked for, so a concurrent ingest
creating the same new fact waits, then sees this one's edge instead of adding a second.
(Locking inside :data:`DELETE_FACTS` would change its plan into a scan of all
relationships.)"""

LOCKED_ENTITIES = LOCK_ENTITIES + "RETURN key, elementId(e) AS e, properties(e) AS props\n"
"""The entities of ``keys``, each read once its write lock is held, so a concurrent ingest
adding to the same entity waits for this transaction's sums instead of overwriting them."""

ENTITY_MENTIONS = (
    LOCK_ENTITIES
    + f"""WITH key, e
CALL (e) {{
  MATCH (a:Article)-[m:MENTIONS]->(e)
  RETURN collect(m {{{_project(MENTION_PROPS)}, article_id: a.id}}) AS mentions
}}
RETURN key, elementId(e) AS e, e.name AS name, mentions
"""
)
"""Every mention of the entities of ``keys`` (locked, as in :data:`LOCKED_ENTITIES`),
as the fields of :class:`kgraph.graph.MentionRow`: an empty list for an entity nothing
mentions any more."""

MOVE_MENTIONS = """
UNWIND $rows AS row
MATCH (src:Entity {key: row.source})
MATCH (dst:Entity {key: row.target})
MATCH (a:Article)-[m:MENTIONS]->(src)
WHERE row.ref IS NULL OR m.ref = row.ref
CREATE (a)-[copy:MENTIONS]->(dst)
SET copy = properties(m)
DELETE m
"""
"""Rows ``{source, target, ref}``: move the mentions of entity ``source`` (only those of
``ref`` when it is not null) to ``target``."""


def move_claims(side: str) -> str:
    """Rows ``{source, target, ref}``: point the claims whose ``side`` (SUBJECT or OBJECT)
    is entity ``source`` at ``target``, only those made about ``ref`` when it is not null;
    returns each claim's element id with its old and new fact keys (its ``fact`` id is
    set afterwards, by :data:`SET_CLAIM_FACTS`)."""
    rel = "SUBJECT" if side == "SUBJECT" else "OBJECT"
    prop = "subject" if rel == "SUBJECT" else "object"
    return f"""
UNWIND $rows AS row
MATCH (src:Entity {{key: row.source}})
MATCH (dst:Entity {{key: row.target}})
MATCH (c:Claim)-[r:{rel}]->(src)
WHERE row.ref IS NULL OR c.{prop}_ref = row.ref
WITH c, r, dst, c {FACT_KEY} AS old
SET c.{prop}_key = dst.key
DELETE r
CREATE (c)-[:{rel}]->(dst)
RETURN elementId(c) AS c, old, c {FACT_KEY} AS new
"""


SET_CLAIM_FACTS = """
UNWIND $rows AS row
MATCH (c) WHERE elementId(c) = row.c
SET c.fact = row.fact
"""
"""Rows ``{c, fact}``: the :func:`kgraph.graph.fact_id` of a claim whose ends moved."""


DELETE_ENTITIES = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})
DETACH DELETE e
"""

ENTITY_HOLDING_REF = """
MATCH (e:Entity) WHERE $ref IN e.merged
RETURN e.key AS key
"""

MENTION_NAMES = """
MATCH (:Article)-[m:MENTIONS {ref: $ref}]->(:Entity {key: $target})
RETURN m.names AS names
"""

CREATE_CLAIMS = f"""
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
CREATE (c:Claim {{{", ".join(f"{p}: row.{p}" for p in CLAIM_PROPS)}}})
CREATE (c)-[:SUPPORTED_BY]->(a)
WITH c, row
CALL (c, row) {{
  MATCH (s) WHERE elementId(s) = row.s
  CREATE (c)-[:SUBJECT]->(s)
}}
CALL (c, row) {{
  MATCH (o) WHERE elementId(o) = row.o
  CREATE (c)-[:OBJECT]->(o)
}}
"""
"""Claims are created, never merged: an article's old claims are dropped first, in the
same transaction and under its lock (a claim's id is its article's id plus a hash of
its content, so no other article creates it).  ``row.a``, ``row.s`` and ``row.o`` are
element ids, as in :data:`CREATE_MENTIONS`; ``row.s`` or ``row.o`` is null when that
argument names no entity (a generic noun phrase), and the claim then has no edge on
that side."""

STATS = """
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
RETURN articles, claims, entities
"""

ENTITY_TYPES = """
MATCH (e:Entity)
RETURN e.type AS type, count(*) AS n
"""

RELATION_TYPES = """
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(*) AS n
"""


MERGE_ENTITIES = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {key: row.key})
WITH row, old IS NULL AS created
MERGE (e:Entity {key: row.key})
ON CREATE SET e = row.props, e:$(row.label)
RETURN collect(row.key) AS keys, collect(elementId(e)) AS eids,
       collect(CASE WHEN created THEN row.key END) AS created
"""
"""Create missing entities with their properties and (sanitised, dynamic) type label;
existing ones are left alone.  Returns the keys, their element ids (in the same order)
and the keys created.  Which keys were missing is read first: in a writing query that
lookup is a locking unique-index seek, so no other transaction can create the key before
this one commits."""

DELETE_FACTS = """
UNWIND $rows AS row
MATCH (s:Entity {key: row.s})
MATCH (o:Entity {key: row.o})
WITH row, s, o
MATCH (s)-[old]->(o)
WHERE type(old) = row.rel AND old.negated = row.n
DELETE old
RETURN collect(DISTINCT row.fact) AS existed
"""
"""Delete the fact edges about to be recomputed; returns the fact ids that existed.

A fact edge is always deleted and created again rather than merged.  Both ends are found
by their keys first (write-locked beforehand by :data:`LOCK_ENTITIES`), then the edge
between them: one pattern between two nodes could be planned as a scan of all
relationships.  ``row.rel`` is the sanitised relation type."""

CREATE_FACT_ROWS = f"""
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.se
MATCH (o) WHERE elementId(o) = row.oe
CREATE (s)-[r:$(row.rel) {{{", ".join(f"{p}: row.props.{p}" for p in FACT_PROPS)}}}]->(o)
"""
"""Create fact edges whose properties were aggregated from the batch's claims, between
entities found by element id.  The properties are written in the CREATE (a null one is
left out): ``SET r = row.props`` would make the planner buffer every row first."""

FACT_EVIDENCE = f"""
UNWIND $rows AS row
MATCH (s:Entity {{key: row.s}})
MATCH (o:Entity {{key: row.o}})
CALL (row) {{
  MATCH (c:Claim {{fact: row.fact}})-[:SUPPORTED_BY]->(a:Article)
  RETURN collect(c {{{_project(FACT_EVIDENCE_PROPS)}, published: a.published}}) AS claims
}}
RETURN row.fact AS fact, elementId(s) AS se, elementId(o) AS oe, claims
"""
"""Per fact row: the element ids of its ends and what :func:`kgraph.graph.aggregate_fact`
reads of each of its claims (:data:`kgraph.graph.FACT_EVIDENCE_PROPS`), with the publication
date of the claim's article.  A fact whose end is gone returns no row."""

TAKE_RELINK_LOCK = """
MERGE (l:KgraphLock {name: 'relink'})
SET l.taken = timestamp()
"""
"""Written first by the re-link pass: a second pass waits for the first to commit, then
reads what it left."""

STORED_REFS = """
MATCH (:Article)-[m:MENTIONS]->(e:Entity)
WITH e.key AS key, m.ref AS ref, collect(m.names) AS names, collect(m.titles) AS titles
RETURN key, ref, reduce(acc = [], x IN names | acc + x) AS names,
       reduce(acc = [], x IN titles | acc + x) AS titles
"""
"""Every (ref, entity) pair of the stored mentions, with the names and titles of the
articles behind it."""

SET_PLACED = """
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
SET e.name = row.name, e.merged = row.merged
"""

ENTITY_NAMES = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})
RETURN e.key AS key, e.name AS name, e.merged AS merged, e.pinned AS pinned
"""

DROP_DUPLICATE_MENTIONS = """
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WITH a, m.ref AS ref, collect(m) AS ms
WHERE size(ms) > 1
UNWIND ms[1..] AS extra
WITH extra, endNode(extra).key AS key
DELETE extra
RETURN collect(DISTINCT key) AS keys
"""
"""An article mentions an entity once per ref.  A re-link pass that copies a mention to
its new entity while a concurrent ingest re-writes the article can leave two; the last
pass (which no write overlaps) drops the extra ones before it reads the refs."""

"""The Cypher the Neo4j store runs: batched ``UNWIND $rows`` statements, values only as
parameters.  Relationship types and labels are parameters too (Neo4j 5.26 dynamic types,
``$(row.rel)``), sanitised by :func:`kgraph.schema.sanitize_type` / :func:`sanitize_label`
first, so each statement text is fixed and compiled once.

The aggregation mirrors :mod:`kgraph.graph` exactly (same sort orders, same noisy-or).
"""

from __future__ import annotations

from kgraph.graph import CONFIDENCE_DIGITS

FINGERPRINTS = """
MATCH (a:Article)
RETURN a.id AS id, a.text_sha256 AS sha, a.extractor AS extractor
"""

EXISTING_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN collect(a.id) AS ids
"""

DROP_CLAIMS = """
UNWIND $ids AS id
MATCH (c:Claim {article_id: id})
WITH c, c.subject_key AS s, c.relation AS rel, c.object_key AS o, c.negated AS n
DETACH DELETE c
RETURN DISTINCT s, rel, o, n
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
"""

EXISTING_ENTITIES = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})
RETURN collect(e.key) AS keys
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (e:Entity {key: row.key})
MERGE (a)-[m:MENTIONS {ref: row.ref}]->(e)
SET m.count = row.count, m.names = row.names, m.titles = row.titles
"""

RECORD_LINKS = """
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
CALL (e, row) {
  UNWIND coalesce(e.merged, []) + row.refs AS ref
  WITH DISTINCT ref ORDER BY ref
  RETURN collect(ref) AS merged
}
SET e.merged = merged
"""

ENTITY_INDEX = """
MATCH (e:Entity)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases,
       e.merged AS merged, e.distinct_from AS distinct_from, e.titles AS titles
"""

ENTITY_LISTS = """
MATCH (e:Entity {key: $key})
RETURN e.merged AS merged, e.distinct_from AS distinct_from
"""

SET_ENTITY_LISTS = """
MATCH (e:Entity {key: $key})
SET e.merged = $merged, e.distinct_from = $distinct_from
"""

MOVE_MENTIONS = """
MATCH (src:Entity {key: $source})
MATCH (dst:Entity {key: $target})
MATCH (a:Article)-[m:MENTIONS]->(src)
WHERE $ref IS NULL OR m.ref = $ref
CREATE (a)-[copy:MENTIONS]->(dst)
SET copy = properties(m)
DELETE m
"""


def move_claims(side: str) -> str:
    """Point the claims whose ``side`` (SUBJECT or OBJECT) is entity $source at $target,
    only those made about ref $ref when it is given; returns old and new fact keys."""
    rel = "SUBJECT" if side == "SUBJECT" else "OBJECT"
    prop = "subject" if rel == "SUBJECT" else "object"
    return f"""
MATCH (src:Entity {{key: $source}})
MATCH (dst:Entity {{key: $target}})
MATCH (c:Claim)-[r:{rel}]->(src)
WHERE $ref IS NULL OR c.{prop}_ref = $ref
WITH c, r, dst, [c.subject_key, c.relation, c.object_key, c.negated] AS old
SET c.{prop}_key = $target
SET c.fact = c.subject_key + '\t' + c.relation + '\t' + c.object_key + '\t'
             + CASE WHEN c.negated THEN '1' ELSE '0' END
DELETE r
MERGE (c)-[:{rel}]->(dst)
RETURN old, [c.subject_key, c.relation, c.object_key, c.negated] AS new
"""


DELETE_ENTITY = """
MATCH (e:Entity {key: $key})
DETACH DELETE e
"""

MENTION_NAMES = """
MATCH (:Article)-[m:MENTIONS {ref: $ref}]->(:Entity {key: $target})
RETURN m.names AS names
"""

MERGE_CLAIMS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (s:Entity {key: row.subject_key})
MATCH (o:Entity {key: row.object_key})
MERGE (c:Claim {id: row.id})
SET c = row
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
MERGE (c)-[:SUPPORTED_BY]->(a)
"""

DELETE_ORPHAN_ENTITIES = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e
"""

REFRESH_ENTITIES = """
UNWIND $keys AS key
MATCH (:Article)-[m:MENTIONS]->(e:Entity {key: key})
WITH e, sum(m.count) AS mentions,
     reduce(acc = [], x IN collect(m) | acc + x.names) AS names,
     reduce(acc = [], x IN collect(m) | acc + x.titles) AS titles
CALL (e, names) {
  UNWIND names AS n
  WITH e, n WHERE n <> e.name
  WITH DISTINCT n ORDER BY n
  RETURN collect(n) AS aliases
}
CALL (titles) {
  UNWIND titles AS t
  WITH DISTINCT t ORDER BY t
  RETURN collect(t) AS sorted_titles
}
SET e.mentions = mentions, e.aliases = aliases, e.titles = sorted_titles
"""

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
MERGE (e:Entity {key: row.key})
ON CREATE SET e = row.props, e:$(row.label)
"""
"""Create missing entities; existing ones keep their properties.  ``row.label`` is the
sanitised entity type (a dynamic label, Neo4j 5.26+)."""

DELETE_STALE_FACTS = """
UNWIND $rows AS row
MATCH (s:Entity {key: row.s})-[old:$(row.rel)]->(o)
WHERE o.key = row.o AND old.negated = row.n
  AND (row.s = row.o OR NOT EXISTS { MATCH (c:Claim {fact: row.fact}) })
DELETE old
"""
"""Delete fact edges no claim supports any more.  ``row.rel`` is the sanitised relation
type, used as a dynamic type, so one statement serves every relation type.  ``o`` is
reached by expanding from ``s``, not by its own index seek: Neo4j 5.26's slotted runtime
fails on the cartesian product the planner builds otherwise ("arraycopy ... out of
bounds")."""

UPSERT_FACTS = f"""
UNWIND $rows AS row
WITH row WHERE row.s <> row.o
MATCH (s:Entity {{key: row.s}})
MATCH (o:Entity {{key: row.o}})
CALL (row) {{
  MATCH (c:Claim {{fact: row.fact}})
  OPTIONAL MATCH (c)-[:SUPPORTED_BY]->(a:Article)
  WITH c, a ORDER BY c.confidence
  RETURN count(c) AS n,
         collect(c.confidence) AS confidences,
         collect(DISTINCT c.article_id) AS article_ids,
         min(a.published) AS first_seen,
         max(a.published) AS last_seen
}}
WITH s, o, row, n, confidences, article_ids, first_seen, last_seen
WHERE n > 0
CALL (article_ids) {{
  UNWIND article_ids AS aid
  WITH aid ORDER BY aid
  RETURN collect(aid) AS sorted_ids
}}
WITH s, o, row, n, confidences, sorted_ids, first_seen, last_seen,
     NOT EXISTS {{ (s)-[:$(row.rel) {{negated: row.n}}]->(o) }} AS is_new
MERGE (s)-[r:$(row.rel) {{negated: row.n}}]->(o)
SET r.count = n,
    r.articles = sorted_ids,
    r.first_seen = first_seen,
    r.last_seen = last_seen,
    r.confidence = round(1.0 - reduce(p = 1.0, x IN confidences | p * (1.0 - x)),
                         {CONFIDENCE_DIGITS})
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""
"""Recompute fact edges from their claims (aggregation mirrors :mod:`kgraph.graph`);
returns how many were created."""

"""The Cypher the Neo4j store runs: batched ``UNWIND $rows`` statements, values only as
parameters.  Relationship types and labels are the only text spliced into a statement,
and only after :func:`kgraph.schema.sanitize_type` / :func:`sanitize_label`.

The aggregation mirrors :mod:`kgraph.graph` exactly (same sort orders, same noisy-or).
"""

from __future__ import annotations

from kgraph.graph import CONFIDENCE_DIGITS
from kgraph.schema import sanitize_label, sanitize_type

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


def merge_entities(entity_type: str) -> str:
    """Create missing entities of one type; existing ones keep their properties."""
    label = sanitize_label(entity_type)
    return f"""
UNWIND $rows AS row
MERGE (e:Entity {{key: row.key}})
ON CREATE SET e:{label}, e = row
"""


def delete_stale_facts(relation: str) -> str:
    """Delete the fact edges of one relation type that no claim supports any more."""
    rel = sanitize_type(relation)
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{key: row.s}})-[old:{rel} {{negated: row.n}}]->(o:Entity {{key: row.o}})
WHERE row.s = row.o OR NOT EXISTS {{
  MATCH (c:Claim {{subject_key: row.s, relation: $relation, object_key: row.o}})
  WHERE c.negated = row.n
}}
DELETE old
"""


def upsert_facts(relation: str) -> str:
    """Recompute the fact edges of one relation type from their claims.

    Returns how many fact edges were created.
    """
    rel = sanitize_type(relation)
    return f"""
UNWIND $rows AS row
WITH row WHERE row.s <> row.o
MATCH (s:Entity {{key: row.s}})
MATCH (o:Entity {{key: row.o}})
CALL (row) {{
  MATCH (c:Claim {{subject_key: row.s, relation: $relation, object_key: row.o}})
  WHERE c.negated = row.n
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
     NOT EXISTS {{ (s)-[:{rel} {{negated: row.n}}]->(o) }} AS is_new
MERGE (s)-[r:{rel} {{negated: row.n}}]->(o)
SET r.count = n,
    r.articles = sorted_ids,
    r.first_seen = first_seen,
    r.last_seen = last_seen,
    r.confidence = round(1.0 - reduce(p = 1.0, x IN confidences | p * (1.0 - x)),
                         {CONFIDENCE_DIGITS})
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""

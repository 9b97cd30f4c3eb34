// kgraph graph model: constraints and indexes, applied by kgraph on first use of a
// Neo4j database (statements are separated by semicolons; each is idempotent).
//
// (:Article {id, title, url, source, author, published, tags, text_sha256, extractor, ingested_at})
// (:Entity:<Person|Organization|Place|Group|Event> {key, name, type, aliases, titles,
//                                                mentions, merged, distinct_from, pinned})
//   real-world named things only; generic noun phrases stay text on their claims
// (:Entity)-[:<PREDICATE> {count, articles, first_seen, last_seen, confidence, negated, hedged}]->(:Entity)
// (:Claim {id, article_id, fact, subject_key, relation, object_key, subject_ref, object_ref,
//          predicate, subject_text, object_text, context, sentence, start, end, negated,
//          modality, attribution, confidence, extractor})
// (:Claim)-[:SUBJECT]->(:Entity), (:Claim)-[:OBJECT]->(:Entity), (:Claim)-[:SUPPORTED_BY]->(:Article)
//   a claim whose subject or object names no entity has no edge on that side and an
//   empty subject_key/object_key; its subject_text/object_text keep the words
// (:Article)-[:MENTIONS {ref, count, names, titles}]->(:Entity)

CREATE CONSTRAINT kgraph_entity_key IF NOT EXISTS
FOR (e:Entity) REQUIRE e.key IS UNIQUE;

CREATE CONSTRAINT kgraph_article_id IF NOT EXISTS
FOR (a:Article) REQUIRE a.id IS UNIQUE;

// One (:KgraphLock {name: 'relink'}) node: the re-link pass at the end of an ingest
// writes it first, so concurrent passes run one after another.
CREATE CONSTRAINT kgraph_lock_name IF NOT EXISTS
FOR (l:KgraphLock) REQUIRE l.name IS UNIQUE;

// Claims are found through their fact (to recompute it) or their article (by following
// SUPPORTED_BY); they need no other index, and every index costs each write.
CREATE INDEX kgraph_claim_fact_id IF NOT EXISTS
FOR (c:Claim) ON (c.fact);

CREATE INDEX kgraph_entity_name IF NOT EXISTS
FOR (e:Entity) ON (e.name);

CREATE INDEX kgraph_article_sha IF NOT EXISTS
FOR (a:Article) ON (a.text_sha256);

// Claims reported on someone's authority ("X said ...", "according to X").
MATCH (c:Claim)-[:SUPPORTED_BY]->(a:Article)
WHERE c.attribution IS NOT NULL
RETURN c.attribution AS source, c.subject_text AS subject, c.relation AS relation,
       c.object_text AS object, a.title AS article
ORDER BY source, subject, relation, object

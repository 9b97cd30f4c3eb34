// Claims reported on someone's authority ("X said ...", "according to X"), with their negation and modality.
MATCH (c:Claim)-[:SUPPORTED_BY]->(a:Article)
WHERE c.attribution IS NOT NULL
RETURN c.attribution AS source, c.subject_text AS subject,
       CASE WHEN c.negated THEN 'NOT ' ELSE '' END + c.relation AS relation,
       c.modality AS modality, c.object_text AS object, a.title AS article
ORDER BY source, subject, relation, object

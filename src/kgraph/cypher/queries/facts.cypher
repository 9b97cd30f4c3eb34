// Who did what to whom: the best-supported facts in the graph.
MATCH (s:Entity)-[r]->(o:Entity)
RETURN s.name AS subject, type(r) AS relation, o.name AS object,
       r.count AS mentions, r.negated AS negated
ORDER BY mentions DESC, subject, relation, object
LIMIT 25

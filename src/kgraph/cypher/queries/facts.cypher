// Who did what to whom: the best-supported facts in the graph (negated and hedged ones left out).
MATCH (s:Entity)-[r]->(o:Entity)
WHERE NOT r.negated AND NOT coalesce(r.hedged, false)
RETURN s.name AS subject, type(r) AS relation, o.name AS object,
       r.count AS mentions
ORDER BY mentions DESC, subject, relation, object
LIMIT 25

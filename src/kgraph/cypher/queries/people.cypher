// What people did to other people (negated and hedged facts left out).
MATCH (a:Person)-[r]->(b:Person)
WHERE NOT r.negated AND NOT coalesce(r.hedged, false)
RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.count AS mentions
ORDER BY subject, relation, object

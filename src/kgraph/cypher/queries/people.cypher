// What people did to other people.
MATCH (a:Person)-[r]->(b:Person)
RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.count AS mentions
ORDER BY subject, relation, object

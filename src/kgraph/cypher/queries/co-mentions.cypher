// Entities mentioned in the same articles as a given one, by number of shared articles.
// params: {"name": "Vladimir Putin"}
MATCH (e:Entity {name: $name})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(other:Entity)
WHERE other <> e
RETURN other.name AS entity, other.type AS type, count(DISTINCT a) AS articles
ORDER BY articles DESC, entity
LIMIT 20

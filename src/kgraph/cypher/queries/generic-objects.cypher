// What an entity did to things that are no entities (generic noun phrases stay on claims).
// params: {"name": "Vladimir Putin"}
MATCH (c:Claim)-[:SUBJECT]->(e:Entity {name: $name})
WHERE c.object_key = ''
RETURN c.predicate AS predicate, c.object_text AS object, c.sentence AS sentence
ORDER BY predicate, object, sentence

// Why do we believe it? The sentences behind the facts between two entities.
// params: {"subject": "Vladimir Putin", "object": "Kim Jong Un"}
MATCH (s:Entity {name: $subject})<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity {name: $object}),
      (c)-[:SUPPORTED_BY]->(a:Article)
RETURN c.relation AS relation, c.sentence AS sentence, c.attribution AS attribution,
       a.title AS article, c.start AS start
ORDER BY article, start, relation

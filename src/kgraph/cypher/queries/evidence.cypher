// Why do we believe it? The sentences behind the facts between two entities, with negation and modality.
// params: {"subject": "Vladimir Putin", "object": "Kim Jong Un"}
MATCH (s:Entity {name: $subject})<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity {name: $object}),
      (c)-[:SUPPORTED_BY]->(a:Article)
RETURN CASE WHEN c.negated THEN 'NOT ' ELSE '' END + c.relation AS relation,
       c.modality AS modality, c.sentence AS sentence, c.attribution AS attribution,
       a.title AS article, c.start AS start
ORDER BY article, start, relation

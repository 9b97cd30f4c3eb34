// Everything within two steps of an entity, following facts in either direction.
// params: {"name": "Kim Jong Un"}
MATCH (e:Entity {name: $name})-[rels*1..2]-(other:Entity)
WHERE other <> e AND all(r IN rels WHERE NOT type(r) IN ['MENTIONS', 'SUBJECT', 'OBJECT', 'SUPPORTED_BY'])
RETURN DISTINCT other.name AS entity, other.type AS type
ORDER BY entity

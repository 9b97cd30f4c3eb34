// Everything within two facts of an entity, in either direction (negated and hedged facts left out).
// params: {"name": "Kim Jong Un"}
MATCH (e:Entity {name: $name})-[rels*1..2]-(other:Entity)
WHERE other <> e AND all(r IN rels WHERE NOT r.negated AND NOT coalesce(r.hedged, false))
RETURN DISTINCT other.name AS entity, other.type AS type
ORDER BY entity

// The most mentioned entities, with their type and other names.
MATCH (e:Entity)
RETURN e.name AS name, e.type AS type, e.mentions AS mentions, e.aliases AS aliases
ORDER BY mentions DESC, name
LIMIT 20

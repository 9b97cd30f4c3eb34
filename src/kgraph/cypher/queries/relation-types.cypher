// How often each kind of relation occurs.
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS relation, count(*) AS facts, sum(r.count) AS mentions
ORDER BY facts DESC, relation

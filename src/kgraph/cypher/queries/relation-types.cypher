// How often each kind of relation occurs, with how many of its facts are negated or hedged.
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS relation, count(*) AS facts, sum(r.count) AS mentions,
       sum(CASE WHEN r.negated THEN 1 ELSE 0 END) AS negated,
       sum(CASE WHEN coalesce(r.hedged, false) THEN 1 ELSE 0 END) AS hedged
ORDER BY facts DESC, relation

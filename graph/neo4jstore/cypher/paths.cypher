// Up to 10 shortest simple paths from node $from to node $to, directions
// ignored, of at most $maxHops claims that pass the filter ($types,
// $minConfidence, $since, $until, $statuses; see graph.Filter), through no node whose
// id is in $exclude. The conditions inside the path pattern are Neo4j's
// pre-filters: the search only walks claims and nodes that pass them, and
// SHORTEST then picks among the paths that satisfy all of them. The
// quantifier's upper bound is the contract's largest MaxHops (a literal, as
// Cypher 5 requires); $maxHops narrows it. The store keeps the first K.
MATCH p = SHORTEST 10 (
  (a:Entity {id: $from})
  (()-[r]-(x:Entity)
    WHERE ($types = [] OR type(r) IN $types)
      AND r.confidence >= $minConfidence
      AND coalesce(r.status, 'UNREVIEWED') IN $statuses
      AND ($since = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($since)) >= substring($since, 0, size(r.effectiveDate))))
      AND ($until = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($until)) <= substring($until, 0, size(r.effectiveDate))))
      AND NOT x.id IN $exclude
  ){1,6}
  (b:Entity {id: $to})
  WHERE size(r) <= $maxHops
    AND all(i IN range(0, size(x) - 1) WHERE x[i] <> a AND NOT x[i] IN x[i + 1..])
)
RETURN p
ORDER BY length(p)
LIMIT $k

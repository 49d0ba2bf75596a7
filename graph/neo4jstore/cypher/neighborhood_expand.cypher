// One breadth-first layer of a neighborhood: for each node of the frontier
// ($frontier ids), its best claims in either direction (highest confidence,
// then claim id), at most $perNode of them, that pass the filter ($types,
// $minConfidence, $since, $until, $statuses; see graph.Filter) and lead to a node of
// the kinds $kinds ([] for all). The store asks for one more than its cap
// per node, to tell whether the cap cut anything.
UNWIND $frontier AS anchorId
MATCH (n:Entity)
WHERE n.id = anchorId
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE ($types = [] OR type(r) IN $types)
    AND r.confidence >= $minConfidence
    AND coalesce(r.status, 'UNREVIEWED') IN $statuses
    AND ($since = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($since)) >= substring($since, 0, size(r.effectiveDate))))
    AND ($until = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($until)) <= substring($until, 0, size(r.effectiveDate))))
    AND ($kinds = [] OR any(l IN labels(m) WHERE l IN $kinds))
  RETURN r, m
  ORDER BY r.confidence DESC, r.id
  LIMIT $perNode
}
RETURN n.id AS anchor, m, r, startNode(r).id AS from, endNode(r).id AS to

// One page of the claims touching the nodes $ids in $direction ('both',
// 'out' or 'in') that pass the filter ($types, $minConfidence, $since,
// $until, $statuses; see graph.Filter), after the claim id $after, in claim-id order.
// Dates compare at the precision of the coarser of the two (graph.DateInRange).
MATCH (n:Entity)-[r]-()
WHERE n.id IN $ids
  AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
  AND ($types = [] OR type(r) IN $types)
  AND r.confidence >= $minConfidence
  AND coalesce(r.status, 'UNREVIEWED') IN $statuses
  AND ($since = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($since)) >= substring($since, 0, size(r.effectiveDate))))
  AND ($until = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($until)) <= substring($until, 0, size(r.effectiveDate))))
  AND r.id > $after
WITH DISTINCT r
RETURN r, startNode(r).id AS from, endNode(r).id AS to
ORDER BY r.id
LIMIT $limit

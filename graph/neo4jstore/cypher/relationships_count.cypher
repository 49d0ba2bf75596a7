// How many claims relationships_page would return over all pages.
MATCH (n:Entity)-[r]-()
WHERE n.id IN $ids
  AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
  AND ($types = [] OR type(r) IN $types)
  AND r.confidence >= $minConfidence
  AND coalesce(r.status, 'UNREVIEWED') IN $statuses
  AND ($since = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($since)) >= substring($since, 0, size(r.effectiveDate))))
  AND ($until = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($until)) <= substring($until, 0, size(r.effectiveDate))))
RETURN count(DISTINCT r) AS total

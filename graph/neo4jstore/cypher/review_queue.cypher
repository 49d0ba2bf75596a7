// Unreviewed claims after ($confidence, $after), lowest confidence first,
// then by id. (No index serves it: relationship property indexes are per
// type; at newsroom sizes the scan is cheap.)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE coalesce(r.status, 'UNREVIEWED') = 'UNREVIEWED'
  AND (r.confidence > $confidence OR (r.confidence = $confidence AND r.id > $after))
RETURN r, a.id AS from, b.id AS to
ORDER BY r.confidence, r.id
LIMIT $limit

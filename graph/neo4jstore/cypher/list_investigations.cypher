// Saved investigations, the most recently updated first.
MATCH (i:Investigation)
RETURN i
ORDER BY i.updated DESC, i.id
LIMIT $limit

// The saved investigations $viewer may see (theirs, shared ones, and those
// saved before authors were kept), the most recently updated first.
MATCH (i:Investigation)
WHERE coalesce(i.shared, true) OR coalesce(i.author, '') = '' OR ($viewer <> '' AND i.author = $viewer)
RETURN i
ORDER BY i.updated DESC, i.id
LIMIT $limit

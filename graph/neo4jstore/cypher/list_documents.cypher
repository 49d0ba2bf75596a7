// One page of documents after the id $after, in id order.
MATCH (d:Document)
WHERE d.id > $after
RETURN d
ORDER BY d.id
LIMIT $limit

// One page of nodes after the id $after, of kind $kind ('' for all), in id
// order: the :Entity(id) index serves both the range and the order.
MATCH (n:Entity)
WHERE n.id > $after AND ($kind = '' OR $kind IN labels(n))
RETURN n
ORDER BY n.id
LIMIT $limit

// The stored nodes among $ids.
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n

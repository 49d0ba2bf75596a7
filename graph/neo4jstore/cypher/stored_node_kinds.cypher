// The stored nodes among $ids, with their labels (the kind is one of them).
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id, labels(n) AS labels

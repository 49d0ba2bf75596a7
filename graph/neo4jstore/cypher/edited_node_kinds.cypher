// The labels of the nodes among $ids that a person changed (their kind is
// the stored one, whatever a load calls them).
UNWIND $ids AS nodeId
MATCH (n:Entity)
WHERE n.id = nodeId AND n.edited = true
RETURN n.id AS id, labels(n) AS labels

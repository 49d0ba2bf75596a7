// Deletes node $id, merged into another once its claims have moved.
MATCH (n:Entity)
WHERE n.id = $id
DETACH DELETE n

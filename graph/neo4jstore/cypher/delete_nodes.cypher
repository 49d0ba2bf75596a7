// Deletes nodes; by now no claim touches them, DETACH only makes sure.
MATCH (n:Entity)
WHERE n.id IN $ids
DETACH DELETE n

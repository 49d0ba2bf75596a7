// The claims touching any of the nodes $ids, in either direction.
MATCH (n:Entity)-[r]-()
WHERE n.id IN $ids
WITH DISTINCT r
RETURN r, startNode(r).id AS from, endNode(r).id AS to, elementId(r) AS elementId

// Whether $id is a node (claims are found by claimsByID).
MATCH (n:Entity)
WHERE n.id = $id
RETURN count(n) AS n

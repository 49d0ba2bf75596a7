// Which of the nodes $ids have one of the kinds $kinds.
MATCH (n:Entity)
WHERE n.id IN $ids AND any(l IN labels(n) WHERE l IN $kinds)
RETURN n.id AS id

// Marks node $id changed by a person: $version, $edited (import and create).
MATCH (n:Entity)
WHERE n.id = $id AND coalesce(n.version, 1) <= $version
SET n.version = $version, n.edited = $edited
RETURN n.id AS id

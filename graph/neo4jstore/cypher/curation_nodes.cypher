// Export: the nodes a person created or changed.
MATCH (n:Entity)
WHERE coalesce(n.version, 1) <> 1 OR coalesce(n.edited, false)
RETURN n.id AS id, coalesce(n.version, 1) AS version, coalesce(n.edited, false) AS edited
ORDER BY id

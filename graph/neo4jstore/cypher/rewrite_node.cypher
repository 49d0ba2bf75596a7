// A person's change of node $id: name, aliases and properties ($properties
// holds every stored property but the aliases), its version raised.
MATCH (n:Entity)
WHERE n.id = $id
WITH n, coalesce(n.version, 1) AS version
SET n = $properties
SET n.aliases = $aliases, n.aliasText = reduce(s = '', a IN $aliases | s + a + '\n'), n.version = version + 1, n.edited = true

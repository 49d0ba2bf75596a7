// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// Writes a batch of nodes: $rows are maps {id, kind, name, aliases,
// properties}, where properties holds every stored property but the aliases.
// The node takes the new name and properties; its aliases become the union
// of the stored and the new ones (graph.MergeAliases). A node a person
// changed (edited) keeps its name, aliases and properties.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
FOREACH (_ IN CASE WHEN row.kind = 'Country' THEN [1] ELSE [] END | SET n:`Country`)
FOREACH (_ IN CASE WHEN row.kind = 'Person' THEN [1] ELSE [] END | SET n:`Person`)
FOREACH (_ IN CASE WHEN row.kind = 'Organization' THEN [1] ELSE [] END | SET n:`Organization`)
FOREACH (_ IN CASE WHEN row.kind = 'CyberOperation' THEN [1] ELSE [] END | SET n:`CyberOperation`)
FOREACH (_ IN CASE WHEN row.kind = 'Event' THEN [1] ELSE [] END | SET n:`Event`)
FOREACH (_ IN CASE WHEN row.kind = 'Doctrine' THEN [1] ELSE [] END | SET n:`Doctrine`)
FOREACH (_ IN CASE WHEN row.kind = 'Statement' THEN [1] ELSE [] END | SET n:`Statement`)
FOREACH (_ IN CASE WHEN row.kind = 'Attribution' THEN [1] ELSE [] END | SET n:`Attribution`)
// Setting a property takes the node's write lock, so the aliases read next
// are the latest committed ones even when another writer updated the node
// meanwhile.
SET n.id = row.id
WITH n, row, coalesce(n.aliases, []) AS old
// A node a person changed keeps what the person made of it (graph/review.go).
WHERE NOT coalesce(n.edited, false)
SET n = row.properties
SET n.aliases = [a IN old WHERE a <> row.name] + [a IN row.aliases WHERE NOT a IN old]
SET n.aliasText = reduce(s = '', a IN n.aliases | s + a + '\n')

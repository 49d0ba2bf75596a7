// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// Nodes by kind, answered from the count store (one branch per kind).
CALL () {
  MATCH (n:`Country`)
  RETURN 'Country' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`Person`)
  RETURN 'Person' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`Organization`)
  RETURN 'Organization' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`CyberOperation`)
  RETURN 'CyberOperation' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`Event`)
  RETURN 'Event' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`Doctrine`)
  RETURN 'Doctrine' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`Statement`)
  RETURN 'Statement' AS name, count(n) AS total
  UNION ALL
  MATCH (n:`Attribution`)
  RETURN 'Attribution' AS name, count(n) AS total
}
RETURN name, total

// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_CRITICIZED` IF NOT EXISTS
FOR ()-[r:`CRITICIZED`]-() REQUIRE r.id IS UNIQUE

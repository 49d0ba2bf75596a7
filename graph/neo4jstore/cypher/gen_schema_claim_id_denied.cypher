// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_DENIED` IF NOT EXISTS
FOR ()-[r:`DENIED`]-() REQUIRE r.id IS UNIQUE

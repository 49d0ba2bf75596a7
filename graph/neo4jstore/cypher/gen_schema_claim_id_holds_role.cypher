// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_HOLDS_ROLE` IF NOT EXISTS
FOR ()-[r:`HOLDS_ROLE`]-() REQUIRE r.id IS UNIQUE

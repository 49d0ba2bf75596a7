// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_ACCUSED` IF NOT EXISTS
FOR ()-[r:`ACCUSED`]-() REQUIRE r.id IS UNIQUE

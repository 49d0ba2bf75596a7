// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_CONCERNS` IF NOT EXISTS
FOR ()-[r:`CONCERNS`]-() REQUIRE r.id IS UNIQUE

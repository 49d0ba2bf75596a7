// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_SANCTIONED` IF NOT EXISTS
FOR ()-[r:`SANCTIONED`]-() REQUIRE r.id IS UNIQUE

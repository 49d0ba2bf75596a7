// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
CREATE CONSTRAINT `claim_id_PART_OF` IF NOT EXISTS
FOR ()-[r:`PART_OF`]-() REQUIRE r.id IS UNIQUE

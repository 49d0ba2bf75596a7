// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// The claims with the given ids ($ids), with their endpoints' ids. Neo4j
// indexes relationship properties per type, so each type is its own seek.
UNWIND $ids AS claimId
CALL (claimId) {
  MATCH (a)-[r:`MEMBER_OF` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`PART_OF` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`HOLDS_ROLE` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`SAID` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`ABOUT` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`ATTRIBUTED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`BLAMES` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`CONCERNS` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`BACKED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`DENIED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`TARGETED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`PROPOSED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`ADOPTED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`RESPONDS_TO` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`MODELED_ON` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`CONVENED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`ATTENDED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`HELD_DURING` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`MADE_AT` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`ACCUSED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`CRITICIZED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`WARNED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`THREATENED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`SANCTIONED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`SUPPORTED` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`CALLED_FOR` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
  UNION
  MATCH (a)-[r:`REACTED_TO` {id: claimId}]->(b)
  RETURN r, a.id AS from, b.id AS to
}
RETURN r, from, to, elementId(r) AS elementId

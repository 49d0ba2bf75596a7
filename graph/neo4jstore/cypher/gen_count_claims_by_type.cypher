// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// Claims by type, answered from the count store (one branch per type).
CALL () {
  MATCH ()-[r:`MEMBER_OF`]->()
  RETURN 'MEMBER_OF' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`PART_OF`]->()
  RETURN 'PART_OF' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`HOLDS_ROLE`]->()
  RETURN 'HOLDS_ROLE' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`SAID`]->()
  RETURN 'SAID' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`ABOUT`]->()
  RETURN 'ABOUT' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`ATTRIBUTED`]->()
  RETURN 'ATTRIBUTED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`BLAMES`]->()
  RETURN 'BLAMES' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`CONCERNS`]->()
  RETURN 'CONCERNS' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`BACKED`]->()
  RETURN 'BACKED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`DENIED`]->()
  RETURN 'DENIED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`TARGETED`]->()
  RETURN 'TARGETED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`PROPOSED`]->()
  RETURN 'PROPOSED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`ADOPTED`]->()
  RETURN 'ADOPTED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`RESPONDS_TO`]->()
  RETURN 'RESPONDS_TO' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`MODELED_ON`]->()
  RETURN 'MODELED_ON' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`CONVENED`]->()
  RETURN 'CONVENED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`ATTENDED`]->()
  RETURN 'ATTENDED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`HELD_DURING`]->()
  RETURN 'HELD_DURING' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`MADE_AT`]->()
  RETURN 'MADE_AT' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`ACCUSED`]->()
  RETURN 'ACCUSED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`CRITICIZED`]->()
  RETURN 'CRITICIZED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`WARNED`]->()
  RETURN 'WARNED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`THREATENED`]->()
  RETURN 'THREATENED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`SANCTIONED`]->()
  RETURN 'SANCTIONED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`SUPPORTED`]->()
  RETURN 'SUPPORTED' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`CALLED_FOR`]->()
  RETURN 'CALLED_FOR' AS name, count(r) AS total
  UNION ALL
  MATCH ()-[r:`REACTED_TO`]->()
  RETURN 'REACTED_TO' AS name, count(r) AS total
}
RETURN name, total

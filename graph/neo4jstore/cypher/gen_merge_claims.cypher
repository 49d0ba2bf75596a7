// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// Writes a batch of claims: $rows are maps {id, type, from, to, published,
// properties, review}. The claim takes the new fields and properties, except
// that the earliest known publication date of its sources is kept. Review
// (graph/review.go): a new claim starts with row.review; a claim a person
// changed (edited) or hid (rejected, corrected) keeps all its fields, and an
// unreviewed one that a curated load names becomes confirmed.
UNWIND $rows AS row
MATCH (a:Entity)
WHERE a.id = row.from
MATCH (b:Entity)
WHERE b.id = row.to
CALL (a, b, row) {
  WITH * WHERE row.type = 'MEMBER_OF'
  MERGE (a)-[r:`MEMBER_OF` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'PART_OF'
  MERGE (a)-[r:`PART_OF` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'HOLDS_ROLE'
  MERGE (a)-[r:`HOLDS_ROLE` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'SAID'
  MERGE (a)-[r:`SAID` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'ABOUT'
  MERGE (a)-[r:`ABOUT` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'ATTRIBUTED'
  MERGE (a)-[r:`ATTRIBUTED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'BLAMES'
  MERGE (a)-[r:`BLAMES` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'CONCERNS'
  MERGE (a)-[r:`CONCERNS` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'BACKED'
  MERGE (a)-[r:`BACKED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'DENIED'
  MERGE (a)-[r:`DENIED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'TARGETED'
  MERGE (a)-[r:`TARGETED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'PROPOSED'
  MERGE (a)-[r:`PROPOSED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'ADOPTED'
  MERGE (a)-[r:`ADOPTED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'RESPONDS_TO'
  MERGE (a)-[r:`RESPONDS_TO` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'MODELED_ON'
  MERGE (a)-[r:`MODELED_ON` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'CONVENED'
  MERGE (a)-[r:`CONVENED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'ATTENDED'
  MERGE (a)-[r:`ATTENDED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'HELD_DURING'
  MERGE (a)-[r:`HELD_DURING` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'MADE_AT'
  MERGE (a)-[r:`MADE_AT` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'ACCUSED'
  MERGE (a)-[r:`ACCUSED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'CRITICIZED'
  MERGE (a)-[r:`CRITICIZED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'WARNED'
  MERGE (a)-[r:`WARNED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'THREATENED'
  MERGE (a)-[r:`THREATENED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'SANCTIONED'
  MERGE (a)-[r:`SANCTIONED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'SUPPORTED'
  MERGE (a)-[r:`SUPPORTED` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'CALLED_FOR'
  MERGE (a)-[r:`CALLED_FOR` {id: row.id}]->(b)
  RETURN r
  UNION
  WITH * WHERE row.type = 'REACTED_TO'
  MERGE (a)-[r:`REACTED_TO` {id: row.id}]->(b)
  RETURN r
}
// Lock first, then read the stored publication date (see gen_merge_nodes).
SET r.id = row.id
WITH r, row, r.published AS old, r {.status, .version, .edited, .reviewedBy, .reviewedAt, .reviewNote, .correctedBy} AS review
WHERE NOT coalesce(review.edited, false) AND NOT coalesce(review.status, '') IN ['REJECTED', 'CORRECTED']
SET r = row.properties
SET r += CASE
    WHEN review.status IS NULL THEN row.review
    WHEN review.status = 'UNREVIEWED' AND row.review.status = 'CONFIRMED'
      THEN review {.*, status: 'CONFIRMED', reviewedBy: row.review.reviewedBy, reviewedAt: row.review.reviewedAt}
    ELSE review
  END
SET r.published = CASE WHEN old IS NOT NULL AND old <> '' AND (row.published = '' OR old < row.published) THEN old ELSE row.published END
SET r.effectiveDate = CASE WHEN r.date <> '' THEN r.date ELSE r.published END

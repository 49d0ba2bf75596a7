// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// The distinct nodes at one end ($atFrom: the subject) of the claims that pass
// a claim filter (graph.ClaimWhere), by id: how many, and the $limit after $after.
WITH $from + CASE WHEN $includeParts AND $from <> [] THEN COLLECT {
    MATCH (part:Entity)-[p:PART_OF|HOLDS_ROLE WHERE coalesce(p.status, 'UNREVIEWED') IN $visible]->{1,8}(whole:Entity)
    WHERE whole.id IN $from AND NOT part.id IN $from
    RETURN DISTINCT part.id
  } ELSE [] END AS fromIds,
  $to + CASE WHEN $includeParts AND $to <> [] THEN COLLECT {
    MATCH (part:Entity)-[p:PART_OF|HOLDS_ROLE WHERE coalesce(p.status, 'UNREVIEWED') IN $visible]->{1,8}(whole:Entity)
    WHERE whole.id IN $to AND NOT part.id IN $to
    RETURN DISTINCT part.id
  } ELSE [] END AS toIds,
  $touches + CASE WHEN $includeParts AND $touches <> [] THEN COLLECT {
    MATCH (part:Entity)-[p:PART_OF|HOLDS_ROLE WHERE coalesce(p.status, 'UNREVIEWED') IN $visible]->{1,8}(whole:Entity)
    WHERE whole.id IN $touches AND NOT part.id IN $touches
    RETURN DISTINCT part.id
  } ELSE [] END AS touchIds
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($types = [] OR type(r) IN $types)
  AND ($from = [] OR a.id IN fromIds)
  AND ($to = [] OR b.id IN toIds)
  AND ($touches = [] OR a.id IN touchIds OR b.id IN touchIds)
  AND ($fromKinds = [] OR any(l IN labels(a) WHERE l IN $fromKinds))
  AND ($toKinds = [] OR any(l IN labels(b) WHERE l IN $toKinds))
  AND ($modalities = [] OR coalesce(r.modality, '') IN $modalities)
  AND r.confidence >= $minConfidence
  AND coalesce(r.status, 'UNREVIEWED') IN $statuses
  AND ($maxConfidence IS NULL OR r.confidence < $maxConfidence)
  AND ($methods = [] AND $methodPrefixes = [] OR r.method IN $methods OR any(p IN $methodPrefixes WHERE r.method STARTS WITH p))
  AND ($since = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($since)) >= substring($since, 0, size(r.effectiveDate))))
  AND ($until = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($until)) <= substring($until, 0, size(r.effectiveDate))))
  AND ($documents = [] AND $publishers = [] AND $words = [] OR EXISTS {
    MATCH (e:Evidence)
    WHERE e.subject = r.id
      AND ($documents = [] OR e.documentId IN $documents)
      AND ($publishers = [] OR EXISTS { MATCH (d:Document) WHERE d.id = e.documentId AND d.publisher IN $publishers })
      AND all(w IN $words WHERE toLower(e.quote) =~ ($wordBefore + w + $wordAfter))
  })
WITH DISTINCT CASE WHEN $atFrom THEN a.id ELSE b.id END AS id
ORDER BY id
WITH collect(id) AS ids
RETURN size(ids) AS total, [id IN ids WHERE id > $after][0..$limit] AS page

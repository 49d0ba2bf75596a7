// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;
// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update
// The claims that pass a claim filter counted by the keys whose $by... flag is
// set (graph.ClaimGroup; the others are ''), with the distinct documents of their
// evidence; the largest $limit groups after $minCount and $minDocuments, each
// a list [claims, documents, then the keys in the order of
// graph.ClaimGroups], and how many groups passed.
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
OPTIONAL MATCH (e:Evidence)
WHERE e.subject = r.id
OPTIONAL MATCH (d:Document)
WHERE d.id = e.documentId
WITH r, e, coalesce(r.effectiveDate, '') AS ed,
  CASE WHEN $byType THEN type(r) ELSE '' END AS kType,
  CASE WHEN $byFrom THEN a.id ELSE '' END AS kFrom,
  CASE WHEN $byTo THEN b.id ELSE '' END AS kTo,
  CASE WHEN $byPublisher THEN coalesce(d.publisher, '') ELSE '' END AS kPublisher,
  CASE WHEN $byDocument THEN coalesce(e.documentId, '') ELSE '' END AS kDocument,
  CASE WHEN $byMethod THEN r.method ELSE '' END AS kMethod,
  CASE WHEN NOT $byModality THEN '' WHEN coalesce(r.modality, '') = '' THEN $asserted ELSE r.modality END AS kModality,
  CASE WHEN $byReview THEN coalesce(r.status, 'UNREVIEWED') ELSE '' END AS kReview
WITH r, e, kType, kFrom, kTo, kPublisher, kDocument, kMethod, kModality, kReview,
  CASE WHEN $byYear AND size(ed) >= 4 THEN substring(ed, 0, 4) ELSE '' END AS kYear,
  CASE WHEN $byMonth AND size(ed) >= 7 THEN substring(ed, 0, 7) ELSE '' END AS kMonth
WITH kType, kFrom, kTo, kYear, kMonth, kPublisher, kDocument, kMethod, kModality, kReview,
  count(DISTINCT r) AS claims, count(DISTINCT e.documentId) AS documents
WHERE claims >= $minCount AND documents >= $minDocuments
ORDER BY claims DESC, kType, kFrom, kTo, kYear, kMonth, kPublisher, kDocument, kMethod, kModality, kReview
WITH collect([claims, documents, kType, kFrom, kTo, kYear, kMonth, kPublisher, kDocument, kMethod, kModality, kReview]) AS groups
RETURN size(groups) AS total, groups[0..$limit] AS groups

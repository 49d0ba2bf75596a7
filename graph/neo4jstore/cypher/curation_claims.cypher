// Export: the claims whose state is not what a load gives them.
MATCH ()-[r]->()
WHERE coalesce(r.status, 'UNREVIEWED') <> 'UNREVIEWED' OR coalesce(r.version, 1) <> 1 OR coalesce(r.edited, false)
RETURN r.id AS id, coalesce(r.status, 'UNREVIEWED') AS status, coalesce(r.reviewedBy, '') AS by, coalesce(r.reviewedAt, '') AS at,
       coalesce(r.reviewNote, '') AS note, coalesce(r.correctedBy, '') AS correctedBy, coalesce(r.version, 1) AS version,
       coalesce(r.edited, false) AS edited
ORDER BY id

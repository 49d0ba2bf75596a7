// Import: the review state of a claim as exported, unless the stored one is
// newer (a higher version).
MATCH ()-[r]->()
WHERE elementId(r) = $elementId AND coalesce(r.version, 1) <= $version
SET r.status = $status, r.reviewedBy = $by, r.reviewedAt = $at, r.reviewNote = $note, r.correctedBy = $correctedBy,
    r.version = $version, r.edited = $edited

// Sets the review state of the claim with element id $elementId and raises
// its version; a person's change marks it edited (loads keep its fields).
MATCH ()-[r]->()
WHERE elementId(r) = $elementId
SET r.status = $status, r.reviewedBy = $by, r.reviewedAt = $at, r.reviewNote = $note, r.correctedBy = $correctedBy,
    r.version = coalesce(r.version, 1) + 1, r.edited = true

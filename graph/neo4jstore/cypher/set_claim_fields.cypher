// A person's correction of a claim in place: its modality, date, method,
// confidence and properties ($properties holds every prop_* key, null for
// the ones that go).
MATCH ()-[r]->()
WHERE elementId(r) = $elementId
SET r += $properties, r.edited = true
SET r.effectiveDate = CASE WHEN r.date <> '' THEN r.date ELSE r.published END

// Deletes claims found earlier in the same transaction, by element id.
MATCH ()-[r]->()
WHERE elementId(r) IN $elementIds
DELETE r

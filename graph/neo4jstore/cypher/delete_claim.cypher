// Deletes the claim with element id $elementId (merged into another).
MATCH ()-[r]->()
WHERE elementId(r) = $elementId
DELETE r

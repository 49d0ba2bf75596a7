// What the evidence in document $id supports.
MATCH (e:Evidence)
WHERE e.documentId = $id
RETURN DISTINCT e.subject AS subject

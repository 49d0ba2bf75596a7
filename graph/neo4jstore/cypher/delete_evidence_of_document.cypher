MATCH (e:Evidence)
WHERE e.documentId = $id
DELETE e

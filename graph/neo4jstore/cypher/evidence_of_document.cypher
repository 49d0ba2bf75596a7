// The evidence pointing into document $id, in text order.
MATCH (e:Evidence)
WHERE e.documentId = $id
RETURN e
ORDER BY e.startOffset, e.endOffset, e.subject

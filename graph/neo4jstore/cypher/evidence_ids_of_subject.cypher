// The evidence of subject $subject: ids, documents and spans.
MATCH (e:Evidence)
WHERE e.subject = $subject
RETURN e
ORDER BY e.documentId, e.startOffset, e.endOffset

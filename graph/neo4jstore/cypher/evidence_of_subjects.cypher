// The evidence of the subjects $ids, by subject, then document, then offset.
MATCH (e:Evidence)
WHERE e.subject IN $ids
RETURN e
ORDER BY e.subject, e.documentId, e.startOffset, e.endOffset

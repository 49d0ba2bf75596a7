// Which of $ids (node or claim ids) have at least one evidence.
MATCH (e:Evidence)
WHERE e.subject IN $ids
RETURN DISTINCT e.subject AS subject

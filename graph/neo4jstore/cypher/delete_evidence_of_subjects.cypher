MATCH (e:Evidence)
WHERE e.subject IN $ids
DELETE e

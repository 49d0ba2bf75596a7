MATCH (d:Document)
WHERE d.id = $id
DELETE d

// 1 if the document $id is stored, else 0.
MATCH (d:Document)
WHERE d.id = $id
RETURN count(d) AS total

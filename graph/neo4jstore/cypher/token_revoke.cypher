// Removes token $name.
MATCH (t:Token)
WHERE t.name = $name
DELETE t
RETURN count(*) AS n

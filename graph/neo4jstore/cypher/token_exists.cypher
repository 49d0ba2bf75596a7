// Whether token $name exists.
MATCH (t:Token)
WHERE t.name = $name
RETURN count(t) AS n

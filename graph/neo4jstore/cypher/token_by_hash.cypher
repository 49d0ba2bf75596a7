// The token with hash $hash.
MATCH (t:Token)
WHERE t.hash = $hash
RETURN t.name AS name, t.role AS role, t.created AS created

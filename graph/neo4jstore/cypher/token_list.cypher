// Every token, by name (never the hash).
MATCH (t:Token)
RETURN t.name AS name, t.role AS role, t.created AS created
ORDER BY name

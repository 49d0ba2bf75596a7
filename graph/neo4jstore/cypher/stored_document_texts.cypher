// The texts of the stored documents among $ids.
MATCH (d:Document)
WHERE d.id IN $ids
RETURN d.id AS id, d.text AS text

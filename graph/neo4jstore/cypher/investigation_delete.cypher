// Deletes a saved investigation when $author may (its author, or nobody's);
// no row when the id is unknown, mine false (and nothing deleted) when it is
// someone else's, with its author's name.
MATCH (i:Investigation {id: $id})
WITH i, coalesce(i.author, '') AS owner
WITH i, owner, owner IN [$author, ''] AS mine
FOREACH (_ IN CASE WHEN mine THEN [1] ELSE [] END | DELETE i)
RETURN mine, owner

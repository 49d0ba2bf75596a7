// Replaces a saved investigation's name, note, view and sharing when $author
// may change it (its author, or nobody's: saved before authors were kept);
// no row when the id is unknown, mine false (and nothing changed) when it is
// someone else's.
MATCH (i:Investigation {id: $id})
WITH i, coalesce(i.author, '') IN [$author, ''] AS mine
FOREACH (_ IN CASE WHEN mine THEN [1] ELSE [] END |
  SET i.name = $name, i.note = $note, i.view = $view, i.shared = $shared, i.updated = $now)
RETURN i, mine

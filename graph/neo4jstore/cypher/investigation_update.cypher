// Replaces a saved investigation's name, note and view; no row when the id
// is unknown.
MATCH (i:Investigation {id: $id})
SET i.name = $name, i.note = $note, i.view = $view, i.updated = $now
RETURN i

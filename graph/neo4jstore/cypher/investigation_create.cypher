// A new saved investigation (graph.InvestigationStore). Not part of the
// graph: no claim touches an :Investigation node.
CREATE (i:Investigation {id: $id, name: $name, note: $note, view: $view, created: $now, updated: $now})
RETURN i

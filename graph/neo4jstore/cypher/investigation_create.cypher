// A new saved investigation (graph.InvestigationStore), with its author and
// whether other readers see it. Not part of the graph: no claim touches an
// :Investigation node.
CREATE (i:Investigation {id: $id, name: $name, note: $note, view: $view, author: $author, shared: $shared, created: $now, updated: $now})
RETURN i

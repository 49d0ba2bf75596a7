// Nodes whose name, aliases or text match the Lucene query $query (built
// from plain words by the store, never taken from input as is), of the
// kinds $kinds ([] for all), best first, at most $limit.
CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score
WHERE $kinds = [] OR any(l IN labels(node) WHERE l IN $kinds)
RETURN node AS n, score
ORDER BY score DESC
LIMIT $limit

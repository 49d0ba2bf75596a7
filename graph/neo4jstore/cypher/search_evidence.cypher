// Evidence whose quote matches the Lucene query $query, best first, at most
// $limit, with the node it supports when its subject is a node (a claim's
// endpoints are read separately).
CALL db.index.fulltext.queryNodes('evidence_text', $query) YIELD node, score
WITH node AS e, score
ORDER BY score DESC
LIMIT $limit
OPTIONAL MATCH (n:Entity)
WHERE n.id = e.subject
RETURN e.subject AS subject, e.quote AS quote, score, n

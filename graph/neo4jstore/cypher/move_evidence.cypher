// Gives the evidence of subject $old to subject $new: each keeps its span
// and takes the id graph.EvidenceID gives it for $new ($moves maps old
// evidence ids to new ones); a span $new already cites is dropped.
UNWIND $moves AS move
MATCH (e:Evidence)
WHERE e.id = move.from
OPTIONAL MATCH (dup:Evidence)
WHERE dup.id = move.to
WITH e, move, dup
CALL (e, move, dup) {
  WITH * WHERE dup IS NULL
  SET e.id = move.to, e.subject = $new
  UNION
  WITH * WHERE dup IS NOT NULL
  DELETE e
}

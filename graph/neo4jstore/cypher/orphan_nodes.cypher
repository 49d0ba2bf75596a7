// Which of the nodes $ids are left with no claim, no evidence of their own
// and no reference source: those DeleteDocument removes.
MATCH (n:Entity)
WHERE n.id IN $ids
  AND n.source = ''
  AND NOT EXISTS { (n)--() }
  AND NOT EXISTS { MATCH (e:Evidence) WHERE e.subject = n.id }
RETURN n.id AS id

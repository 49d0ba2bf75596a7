// Makes $old (and whatever led to it) lead to $new, and moves $old's notes
// and the correction links that pointed at it.
MERGE (x:Redirect {old: $old})
SET x.new = $new
WITH 1 AS done
OPTIONAL MATCH (y:Redirect)
WHERE y.new = $old
SET y.new = $new
WITH count(*) AS done2
OPTIONAL MATCH (n:Note)
WHERE n.subject = $old
SET n.subject = $new
WITH count(*) AS done3
OPTIONAL MATCH ()-[r]->()
WHERE r.correctedBy = $old
SET r.correctedBy = $new
RETURN count(*) AS done

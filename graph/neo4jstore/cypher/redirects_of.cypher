// What the merged ids among $ids now are.
UNWIND $ids AS mergedId
MATCH (x:Redirect)
WHERE x.old = mergedId
RETURN x.old AS old, x.new AS new

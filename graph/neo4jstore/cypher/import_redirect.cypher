// Import: a merge, unless $old already leads somewhere.
MERGE (x:Redirect {old: $old})
ON CREATE SET x.new = $new

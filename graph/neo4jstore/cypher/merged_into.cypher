// The ids merged into $subject (its history includes theirs).
MATCH (x:Redirect)
WHERE x.new = $subject
RETURN x.old AS old

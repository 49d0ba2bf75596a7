// Export: every merge.
MATCH (x:Redirect)
RETURN x.old AS old, x.new AS new
ORDER BY old

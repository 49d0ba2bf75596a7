// Whether anything was ever merged (loads skip the redirect lookup if not).
MATCH (x:Redirect)
WITH x
LIMIT 1
RETURN count(x) AS n

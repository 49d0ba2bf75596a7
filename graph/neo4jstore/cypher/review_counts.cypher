// Claims by review status.
MATCH ()-[r]->()
RETURN coalesce(r.status, 'UNREVIEWED') AS status, count(*) AS n

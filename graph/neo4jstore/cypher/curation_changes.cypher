// Export: the whole history, oldest first.
MATCH (c:Change)
RETURN c.seq AS seq, c.at AS at, c.author AS author, c.action AS action, c.subject AS subject, c.before AS before, c.after AS after
ORDER BY seq

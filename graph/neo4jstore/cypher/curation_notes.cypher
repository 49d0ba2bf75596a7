// Export: every note, oldest first.
MATCH (x:Note)
RETURN x.seq AS seq, x.subject AS subject, x.text AS text, x.author AS author, x.at AS at
ORDER BY seq

// The notes of the subjects $subjects, oldest first.
MATCH (x:Note)
WHERE x.subject IN $subjects
RETURN x.seq AS seq, x.subject AS subject, x.text AS text, x.author AS author, x.at AS at
ORDER BY x.subject, x.seq

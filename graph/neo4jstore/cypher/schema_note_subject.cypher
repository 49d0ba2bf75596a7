// The notes of a node or claim are read by their subject.
CREATE INDEX note_subject IF NOT EXISTS
FOR (x:Note) ON (x.subject)

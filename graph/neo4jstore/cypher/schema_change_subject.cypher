// The history of one node or claim is read by its subject.
CREATE INDEX change_subject IF NOT EXISTS
FOR (c:Change) ON (c.subject)

// Evidence is found by the id of what it supports (a node or a claim).
CREATE INDEX evidence_subject IF NOT EXISTS
FOR (e:Evidence) ON (e.subject)

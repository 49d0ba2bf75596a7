// Evidence is found by the document it points into (article view, delete).
CREATE INDEX evidence_document IF NOT EXISTS
FOR (e:Evidence) ON (e.documentId)
